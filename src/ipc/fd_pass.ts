/**
 * Descriptor passing between a parent and a child it started, the step a
 * Deno parent cannot take with `fork()`: the parent sends an open
 * descriptor (an accepted TCP socket, a pipe end) over a Unix socket with
 * `sendmsg()` and an `SCM_RIGHTS` control message; the kernel installs a
 * new descriptor for the same open file in the child.
 *
 * Each child gets a link of its own: one end of a socket pair the parent
 * made just before starting it ({@linkcode openLink}), inherited under the
 * same number. A link belongs to exactly one process from its start: no
 * address to find, no pid to check, nothing a reused pid could mix up.
 *
 * Wire format, one message per descriptor: one byte of tag length, the
 * tag, and the descriptor in the control message that goes with the first
 * byte. Stream sockets do not keep message boundaries, so the receiver
 * reassembles by the length byte.
 *
 * @module
 */

import { abi, addressOf, fixedBuffer, readField, writeField } from "./abi.ts";
import * as c from "./libc.ts";

/** What the child gets for each descriptor sent. */
export interface Received {
  /** The new descriptor (close-on-exec set). */
  fd: number;
  /** The bytes the parent sent with it. */
  tag: Uint8Array;
}

/** The tag sent when none is given: one byte, since a message needs data. */
const DEFAULT_TAG = Uint8Array.of(0);
/** The longest tag: its length travels in one byte. */
const MAX_TAG = 255;
/** The byte a child writes on its link once it is ready for a descriptor. */
const READY = Uint8Array.of(1);
/** Descriptors one recvmsg() has room for. */
const MAX_FDS_PER_READ = 16;

/** `CMSG_ALIGN(n)`. */
function cmsgAlign(n: number): number {
  return Math.ceil(n / abi.cmsghdr.align) * abi.cmsghdr.align;
}

/** `CMSG_LEN(n)`: cmsg_len of a control message with `n` data bytes. */
export function CMSG_LEN(n: number): number {
  return abi.cmsghdr.data + n;
}

/** `CMSG_SPACE(n)`: bytes a control message with `n` data bytes takes. */
export function CMSG_SPACE(n: number): number {
  return abi.cmsghdr.data + cmsgAlign(n);
}

/**
 * A struct msghdr with one iovec over `data` and `control` as msg_control.
 * The returned object keeps every buffer the header points to alive.
 */
function messageHeader(data: Uint8Array, control: Uint8Array) {
  const m = abi.msghdr;
  const iovec = fixedBuffer(abi.iovec.size);
  const iov = new DataView(iovec.buffer);
  writeField(iov, abi.iovec.base, addressOf(data));
  writeField(iov, abi.iovec.len, data.length);
  const header = fixedBuffer(m.size);
  const view = new DataView(header.buffer);
  writeField(view, m.iov, addressOf(iovec));
  writeField(view, m.iovlen, 1);
  writeField(view, m.control, addressOf(control));
  writeField(view, m.controllen, control.length);
  return { header, view, iovec, data, control };
}

/** A message that carries one descriptor, and where that descriptor goes. */
type DescriptorMessage = ReturnType<typeof messageHeader> & { cmsg: DataView };

/** The message that sends one descriptor (written in later) with `tag`. */
function descriptorMessage(tag: Uint8Array): DescriptorMessage {
  const data = fixedBuffer(1 + tag.length);
  data[0] = tag.length;
  data.set(tag, 1);
  const control = fixedBuffer(CMSG_SPACE(4));
  const cmsg = new DataView(control.buffer);
  const h = abi.cmsghdr;
  writeField(cmsg, h.len, CMSG_LEN(4));
  writeField(cmsg, h.level, abi.SOL_SOCKET);
  writeField(cmsg, h.type, abi.SCM_RIGHTS);
  return { ...messageHeader(data, control), cmsg };
}

/** `true` for the errors after which a call is simply tried again. */
function isRetry(error: unknown, ...codes: string[]): boolean {
  return error instanceof c.OsError && codes.includes(error.code);
}

/**
 * A link for one child: a connected pair of Unix sockets. The parent keeps
 * `link` and hands `childEnd` to the child it starts next, which inherits it
 * under the same number (as a C child inherits what its parent had open at
 * `fork()`) and makes an {@linkcode FdReceiver} of it. Nobody else can
 * reach a socket pair: no address, no rendezvous, no stranger to refuse.
 * The parent closes `childEnd` once the child has started.
 *
 * @example Send an accepted client's socket to the child that serves it
 * ```ts ignore
 * import { openLink } from "./fd_pass.ts";
 *
 * const { link, childEnd } = openLink();
 * const child = children.fork("echo", null, { handoff: childEnd });
 * close(childEnd); // the child has its own copy now
 * link.send(clntSock); // the child: new FdReceiver(fd).receive()
 * link.close();
 * close(clntSock); // the parent's close(clnt_sock)
 * ```
 */
export function openLink(): { link: FdLink; childEnd: number } {
  const [mine, theirs] = c.unixSocketPair();
  try {
    c.noSigpipe(mine);
  } catch (error) {
    c.close(mine);
    c.close(theirs);
    throw error;
  }
  return { link: new FdLink(mine), childEnd: theirs };
}

/** What the child at the other end of a link has said, asked without waiting. */
export type LinkState = "starting" | "ready" | "closed";

/** The parent's end of one child's link: sends descriptors to it. */
export class FdLink {
  #fd: number;
  #ready = false;
  /**
   * The message of a send with the default tag, made with the link: a
   * hand-off then only writes the descriptor into it (measured, a send on
   * an idle server 121-145 µs with the message made then, 53 µs without).
   */
  #plain: DescriptorMessage;

  /** The parent's end of a connected Unix socket (see {@linkcode openLink}). */
  constructor(fd: number) {
    this.#fd = fd;
    this.#plain = descriptorMessage(DEFAULT_TAG);
  }

  /**
   * True once the other end is closed: the child has ended (or closed its
   * end) and a send would fail. Asks the kernel without waiting.
   */
  get broken(): boolean {
    return this.#fd < 0 || c.hungUp(this.#fd);
  }

  /**
   * What the child has said, without waiting: `"ready"` once it has
   * written its readiness byte ({@linkcode FdReceiver.signalReady}: it
   * waits for a descriptor and will take it at once), `"closed"` once it
   * has closed its end (it received what it waited for, or ended), else
   * `"starting"`.
   */
  get state(): LinkState {
    if (this.#fd < 0) return "closed";
    if (this.#ready) return "ready";
    const data = fixedBuffer(16);
    const message = messageHeader(data, fixedBuffer(0));
    let n: number;
    try {
      n = c.recvmsg(this.#fd, message.header, abi.MSG_DONTWAIT);
    } catch (error) {
      if (isRetry(error, "EAGAIN", "EWOULDBLOCK", "EINTR")) return "starting";
      if (isRetry(error, "ECONNRESET")) return "closed";
      throw error;
    }
    if (n === 0) return "closed";
    this.#ready = true;
    return "ready";
  }

  /**
   * Sends `fd` with `tag` (at most 255 bytes; default one zero byte):
   * sendmsg() with one SCM_RIGHTS control message. Once this returns, the
   * kernel holds a reference for the child, so the caller may close its
   * own copy at once. Throws OsError EPIPE if the child has gone.
   */
  send(fd: number, tag: Uint8Array = DEFAULT_TAG): void {
    if (this.#fd < 0) throw new Error("FdLink is closed");
    if (tag.length > MAX_TAG) {
      throw new RangeError(`tag too long: ${tag.length} bytes, ${MAX_TAG} fit`);
    }
    const message = tag === DEFAULT_TAG ? this.#plain : descriptorMessage(tag);
    message.cmsg.setInt32(abi.cmsghdr.data, fd, true);
    let sent: number;
    while (true) {
      try {
        sent = c.sendmsg(this.#fd, message.header, abi.MSG_NOSIGNAL);
        break;
      } catch (error) {
        if (!isRetry(error, "EINTR")) throw error;
      }
    }
    // A stream socket may take part of the data; the descriptor went with it.
    if (sent < message.data.length) {
      c.writeAll(this.#fd, message.data.subarray(sent));
    }
  }

  /** Closes the link: the child's `receive()` returns null. */
  close(): void {
    if (this.#fd < 0) return;
    c.close(this.#fd);
    this.#fd = -1;
  }

  /** Same as {@linkcode FdLink.close}. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/** The child's end of the link: receives descriptors from the parent. */
export class FdReceiver {
  #fd: number;
  #bytes: Uint8Array = new Uint8Array(0);
  #fds: number[] = [];
  #closed = false;

  /** `fd`: the child's end of a link (see {@linkcode openLink}). */
  constructor(fd: number) {
    this.#fd = fd;
  }

  /**
   * Waits for the next descriptor, blocking the whole thread (recvmsg()),
   * as a C child would. Null once the parent has closed the link.
   */
  receive(): Received | null {
    if (this.#closed) throw new Error("FdReceiver is closed");
    while (true) {
      const message = this.#take();
      if (message) return message;
      let n: number;
      try {
        n = this.#recv(0);
      } catch (error) {
        if (isRetry(error, "EINTR")) continue;
        throw error;
      }
      if (n === 0) return this.#end();
    }
  }

  /**
   * {@linkcode FdReceiver.receive} without waiting: the next descriptor if
   * one has arrived, null once the parent has closed the link, undefined
   * when nothing has come yet.
   */
  poll(): Received | null | undefined {
    if (this.#closed) throw new Error("FdReceiver is closed");
    while (true) {
      const message = this.#take();
      if (message) return message;
      let n: number;
      try {
        n = this.#recv(abi.MSG_DONTWAIT);
      } catch (error) {
        if (isRetry(error, "EINTR")) continue;
        if (isRetry(error, "EAGAIN", "EWOULDBLOCK")) return undefined;
        throw error;
      }
      if (n === 0) return this.#end();
    }
  }

  /**
   * Tells the parent, with one byte on the link, that this process waits
   * for a descriptor and will take it at once ({@linkcode FdLink.state}).
   * False if the parent has gone.
   */
  signalReady(): boolean {
    if (this.#closed) throw new Error("FdReceiver is closed");
    try {
      c.writeAll(this.#fd, READY);
      return true;
    } catch (error) {
      if (isRetry(error, "EPIPE", "ECONNRESET")) return false;
      throw error;
    }
  }

  /** Closes the link and any descriptor received but not yet taken. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#release();
  }

  /** Same as {@linkcode FdReceiver.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  #release(): void {
    if (this.#fd < 0) return;
    c.close(this.#fd);
    this.#fd = -1;
    for (const fd of this.#fds.splice(0)) c.close(fd);
  }

  /** The first complete message, if one has arrived. */
  #take(): Received | null {
    const bytes = this.#bytes;
    if (bytes.length === 0 || bytes.length < 1 + bytes[0]) return null;
    const fd = this.#fds.shift();
    if (fd === undefined) {
      throw new Error("a message came without a descriptor");
    }
    const tag = bytes.slice(1, 1 + bytes[0]);
    this.#bytes = bytes.slice(1 + bytes[0]);
    return { fd, tag };
  }

  /** End of file: null, unless it cut a message short. */
  #end(): null {
    if (this.#bytes.length > 0 || this.#fds.length > 0) {
      for (const fd of this.#fds.splice(0)) c.close(fd);
      this.#bytes = new Uint8Array(0);
      throw new Error("the link ended in the middle of a message");
    }
    return null;
  }

  /** One recvmsg(): queues the data and any descriptors; bytes received. */
  #recv(flags: number): number {
    const data = fixedBuffer(4096);
    const control = fixedBuffer(CMSG_SPACE(4 * MAX_FDS_PER_READ));
    const message = messageHeader(data, control);
    const n = c.recvmsg(this.#fd, message.header, flags | abi.MSG_CMSG_CLOEXEC);
    const fds = this.#descriptors(
      message.control,
      readField(message.view, abi.msghdr.controllen),
    );
    if (abi.MSG_CMSG_CLOEXEC === 0) {
      for (const fd of fds) c.setCloseOnExec(fd, true);
    }
    if (readField(message.view, abi.msghdr.flags) & abi.MSG_CTRUNC) {
      for (const fd of fds) c.close(fd);
      throw new Error(
        "descriptors were lost: more came than one recvmsg() holds",
      );
    }
    this.#fds.push(...fds);
    const joined = new Uint8Array(this.#bytes.length + n);
    joined.set(this.#bytes);
    joined.set(message.data.subarray(0, n), this.#bytes.length);
    this.#bytes = joined;
    return n;
  }

  /** The descriptors in SCM_RIGHTS messages among `length` control bytes. */
  #descriptors(control: Uint8Array, length: number): number[] {
    const h = abi.cmsghdr;
    const fds: number[] = [];
    let offset = 0;
    while (offset + h.data <= length) {
      const view = new DataView(control.buffer, offset);
      const cmsgLen = readField(view, h.len);
      if (cmsgLen < h.data) break;
      if (
        readField(view, h.level) === abi.SOL_SOCKET &&
        readField(view, h.type) === abi.SCM_RIGHTS
      ) {
        for (let at = h.data; at + 4 <= cmsgLen; at += 4) {
          fds.push(view.getInt32(at, true));
        }
      }
      offset += cmsgAlign(cmsgLen);
    }
    return fds;
  }
}
