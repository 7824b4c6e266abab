/**
 * Descriptor passing between a parent and a child it started, the step a
 * Deno parent cannot take with `fork()`: the parent sends an open
 * descriptor (an accepted TCP socket, a pipe end) over a Unix socket with
 * `sendmsg()` and an `SCM_RIGHTS` control message; the kernel installs a
 * new descriptor for the same open file in the child.
 *
 * The parent opens an {@linkcode FdServer}, a private rendezvous socket,
 * and hands its `address` to the child; each child connects with
 * {@linkcode connectFdServer}. The server checks every connecting pid with
 * the kernel (Linux SO_PEERCRED, macOS LOCAL_PEERPID), so only a process
 * the parent is expecting gets a link.
 *
 * Wire format, one message per descriptor: one byte of tag length, the
 * tag, and the descriptor in the control message that goes with the first
 * byte. Stream sockets do not keep message boundaries, so the receiver
 * reassembles by the length byte.
 *
 * @module
 */

import * as c from "./libc.ts";

const { abi } = c;

/** What the child gets for each descriptor sent. */
export interface Received {
  /** The new descriptor (close-on-exec set). */
  fd: number;
  /** The bytes the parent sent with it. */
  tag: Uint8Array;
}

/** Options of {@linkcode FdServer.open}. */
export interface FdServerOptions {
  /**
   * Called with the pid of each refused connection: a process nobody
   * expected, or one that already has a link.
   */
  onStranger?: (pid: number) => void;
  /**
   * How long a connection from a pid nobody expects yet is held, in case
   * the parent calls `expect()` for it a little later (it spawned the
   * child, then awaited something). Refused after that. Default 2000 ms;
   * 0 refuses at once.
   */
  holdMs?: number;
  /**
   * Whether a connecting pid is one of the caller's own children (which
   * will `expect()` it sooner or later): those are held without a time
   * limit; any other pid is refused at once. Without it, `holdMs` decides.
   */
  isExpected?: (pid: number) => boolean;
}

/** The tag sent when none is given: one byte, since a message needs data. */
const DEFAULT_TAG = Uint8Array.of(0);
/** The longest tag: its length travels in one byte. */
const MAX_TAG = 255;
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
  const iovec = c.fixedBuffer(abi.iovec.size);
  const iov = new DataView(iovec.buffer);
  c.writeField(iov, abi.iovec.base, c.addressOf(data));
  c.writeField(iov, abi.iovec.len, data.length);
  const header = c.fixedBuffer(m.size);
  const view = new DataView(header.buffer);
  c.writeField(view, m.iov, c.addressOf(iovec));
  c.writeField(view, m.iovlen, 1);
  c.writeField(view, m.control, c.addressOf(control));
  c.writeField(view, m.controllen, control.length);
  return { header, view, iovec, data, control };
}

/** A sockaddr_un for `address`: "@name" is Linux's abstract namespace. */
function unixAddress(address: string): Uint8Array {
  const un = abi.sockaddrUn;
  const abstract = address.startsWith("@") || address.startsWith("\0");
  if (abstract && !un.abstract) {
    throw new Error(`abstract socket names exist only on Linux: ${address}`);
  }
  const name = new TextEncoder().encode(abstract ? address.slice(1) : address);
  // An abstract name is a leading NUL and exactly its bytes; a path ends in NUL.
  const used = name.length + 1;
  if (used > un.pathSize) {
    throw new Error(
      `socket address too long: ${name.length} bytes, ${un.pathSize - 1} fit`,
    );
  }
  const bytes = c.fixedBuffer(un.path + used);
  const view = new DataView(bytes.buffer);
  c.writeField(view, abi.sockaddr.family, abi.AF_UNIX);
  if (abi.sockaddr.len) c.writeField(view, abi.sockaddr.len, bytes.length);
  bytes.set(name, un.path + (abstract ? 1 : 0));
  return bytes;
}

/** `true` for the errors after which a call is simply tried again. */
function isRetry(error: unknown, ...codes: string[]): boolean {
  return error instanceof c.OsError && codes.includes(error.code);
}

function randomHex(bytes: number): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("");
}

interface Waiter {
  resolve(link: FdLink): void;
  reject(error: unknown): void;
}

/**
 * The parent's rendezvous socket: children connect to `address`, and
 * `expect(pid)` hands over the link of the child with that pid.
 *
 * On Linux the socket has an abstract name (nothing on disk; shown as
 * "@name"); on macOS it is a socket file in a fresh 0700 directory that
 * `close()` removes. Accepting runs in the background without blocking
 * the event loop; `close()` stops it.
 *
 * @example Send an accepted connection to a child
 * ```ts ignore
 * import { FdServer } from "./fd_pass.ts";
 * import { detachFd, findSocketFd } from "./libc.ts";
 *
 * const listener = Deno.listen({ port: 9190 });
 * const conn = await listener.accept();
 * await using server = FdServer.open({
 *   onStranger: (pid) => console.error(`refused pid ${pid}`),
 * });
 * const child = new Deno.Command(Deno.execPath(), {
 *   args: ["run", "-A", "child.ts", server.address],
 * }).spawn();
 * using link = await server.expect(child.pid);
 * const fd = findSocketFd(conn.localAddr, conn.remoteAddr)!;
 * link.send(fd); // the child: connectFdServer(address).receive()
 * detachFd(fd); // the parent's close(clnt_sock), without a FIN
 * await child.status;
 * conn.close();
 * ```
 */
export class FdServer {
  /** What a child passes to {@linkcode connectFdServer}. */
  readonly address: string;
  #fd: number;
  #cancel: [number, number];
  #dir: string | null;
  #holdMs: number;
  #onStranger?: (pid: number) => void;
  #isExpected?: (pid: number) => boolean;
  #waiting = new Map<number, Waiter>();
  #held = new Map<number, { fd: number; until: number }>();
  #linked = new Set<number>();
  #failure: unknown = null;
  #closing: Promise<void> | null = null;
  #full = false;
  #loop: Promise<void>;

  private constructor(
    fd: number,
    address: string,
    dir: string | null,
    cancel: [number, number],
    options: FdServerOptions,
  ) {
    this.#fd = fd;
    this.address = address;
    this.#dir = dir;
    this.#cancel = cancel;
    this.#holdMs = options.holdMs ?? 2000;
    this.#onStranger = options.onStranger;
    this.#isExpected = options.isExpected;
    this.#loop = this.#run();
  }

  /** Creates the rendezvous socket and starts accepting. */
  static open(options: FdServerOptions = {}): FdServer {
    let dir: string | null = null;
    let address: string;
    if (abi.sockaddrUn.abstract) {
      address = `@tcpip-${Deno.pid}-${randomHex(8)}`;
    } else {
      dir = Deno.makeTempDirSync({ prefix: "tcpip-" });
      // sun_path has 104 bytes on macOS; $TMPDIR can be long.
      if (new TextEncoder().encode(dir).length > 80) {
        Deno.removeSync(dir);
        dir = Deno.makeTempDirSync({ dir: "/tmp", prefix: "tcpip-" });
      }
      Deno.chmodSync(dir, 0o700);
      address = `${dir}/fd.sock`;
    }
    let fd = -1;
    try {
      fd = c.unixStreamSocket(true);
      c.bind(fd, unixAddress(address));
      c.listen(fd, 16);
      return new FdServer(fd, address, dir, c.pipe(), options);
    } catch (error) {
      if (fd >= 0) c.close(fd);
      if (dir) Deno.removeSync(dir, { recursive: true });
      throw error;
    }
  }

  /**
   * Resolves with the link of the process `pid` once it has connected,
   * also if it connected before this call (within `holdMs`). Rejects when
   * the server closes first, or when `signal` aborts.
   */
  expect(pid: number, options: { signal?: AbortSignal } = {}): Promise<FdLink> {
    if (this.#closing) return Promise.reject(new Error("FdServer is closed"));
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#waiting.has(pid) || this.#linked.has(pid)) {
      return Promise.reject(
        new Error(`pid ${pid} is already expected or linked`),
      );
    }
    const held = this.#held.get(pid);
    if (held) {
      this.#held.delete(pid);
      return Promise.resolve(this.#link(held.fd, pid));
    }
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<FdLink>((resolve, reject) => {
      const abort = () => {
        this.#waiting.delete(pid);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", abort, { once: true });
      this.#waiting.set(pid, {
        resolve(link) {
          signal?.removeEventListener("abort", abort);
          resolve(link);
        },
        reject(error) {
          signal?.removeEventListener("abort", abort);
          reject(error);
        },
      });
    });
  }

  /**
   * Stops accepting and closes the socket (macOS: removes its file). Links
   * already handed out stay open; pending `expect()` calls reject.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      // Wakes the background poll() so the accept loop ends.
      c.writeAll(this.#cancel[1], DEFAULT_TAG);
      await this.#loop;
      c.close(this.#fd);
      c.close(this.#cancel[0]);
      c.close(this.#cancel[1]);
      // Children that linked but were never needed: not strangers.
      for (const { fd } of this.#held.values()) c.close(fd);
      this.#held.clear();
      const closed = new Error("FdServer closed before the process connected");
      for (const waiter of this.#waiting.values()) waiter.reject(closed);
      this.#waiting.clear();
      if (this.#dir) Deno.removeSync(this.#dir, { recursive: true });
    })();
    return this.#closing;
  }

  /** Same as {@linkcode FdServer.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #run(): Promise<void> {
    try {
      while (true) {
        const next = Math.min(...[...this.#held.values()].map((h) => h.until));
        const timeout = this.#full
          ? 50
          : next === Infinity
          ? undefined
          : Math.max(0, next - performance.now());
        this.#full = false;
        const state = await c.waitReadable(this.#fd, timeout, this.#cancel[0]);
        if (state === "cancelled") return;
        this.#expire();
        if (state === "ready") this.#acceptAll();
      }
    } catch (error) {
      // accept() failing for good (e.g. EMFILE): nobody can link any more.
      this.#failure = error;
      for (const waiter of this.#waiting.values()) waiter.reject(error);
      this.#waiting.clear();
    }
  }

  /** Accepts every pending connection (the socket is non-blocking). */
  #acceptAll(): void {
    while (true) {
      let fd: number;
      try {
        fd = c.accept(this.#fd);
      } catch (error) {
        if (isRetry(error, "EAGAIN")) return;
        if (isRetry(error, "EINTR", "ECONNABORTED")) continue;
        // No descriptor left for now: the connection waits in the backlog
        // until one is free (the loop polls again shortly).
        if (isRetry(error, "EMFILE", "ENFILE")) {
          this.#full = true;
          return;
        }
        throw error;
      }
      let pid: number;
      try {
        // macOS: the accepted socket inherited O_NONBLOCK; the link blocks.
        c.setNonBlocking(fd, false);
        c.noSigpipe(fd);
        pid = c.peerPid(fd);
      } catch {
        c.close(fd);
        continue;
      }
      this.#admit(fd, pid);
    }
  }

  #admit(fd: number, pid: number): void {
    const waiter = this.#waiting.get(pid);
    if (waiter) {
      this.#waiting.delete(pid);
      waiter.resolve(this.#link(fd, pid));
    } else if (this.#linked.has(pid) || this.#held.has(pid)) {
      this.#refuse(fd, pid);
    } else if (this.#isExpected) {
      if (this.#isExpected(pid)) this.#held.set(pid, { fd, until: Infinity });
      else this.#refuse(fd, pid);
    } else if (this.#holdMs <= 0) {
      this.#refuse(fd, pid);
    } else {
      this.#held.set(pid, { fd, until: performance.now() + this.#holdMs });
    }
  }

  /** Refuses connections held past `holdMs`. */
  #expire(): void {
    const now = performance.now();
    for (const [pid, { fd, until }] of this.#held) {
      if (until > now) continue;
      this.#held.delete(pid);
      this.#refuse(fd, pid);
    }
  }

  #refuse(fd: number, pid: number): void {
    c.close(fd);
    const report = this.#onStranger;
    // Outside the accept loop: a throwing callback must not stop the server.
    if (report) queueMicrotask(() => report(pid));
  }

  #link(fd: number, pid: number): FdLink {
    this.#linked.add(pid);
    return new FdLink(fd, pid, () => this.#linked.delete(pid));
  }
}

/** The parent's end of one child's link: sends descriptors to it. */
export class FdLink {
  /** The pid of the child at the other end (checked by the kernel). */
  readonly pid: number;
  #fd: number;
  #onClose: () => void;

  /** Made by {@linkcode FdServer.expect}; not meant to be called directly. */
  constructor(fd: number, pid: number, onClose: () => void) {
    this.#fd = fd;
    this.pid = pid;
    this.#onClose = onClose;
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
    const data = c.fixedBuffer(1 + tag.length);
    data[0] = tag.length;
    data.set(tag, 1);
    const control = c.fixedBuffer(CMSG_SPACE(4));
    const cmsg = new DataView(control.buffer);
    const h = abi.cmsghdr;
    c.writeField(cmsg, h.len, CMSG_LEN(4));
    c.writeField(cmsg, h.level, abi.SOL_SOCKET);
    c.writeField(cmsg, h.type, abi.SCM_RIGHTS);
    cmsg.setInt32(h.data, fd, true);
    const message = messageHeader(data, control);
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
    this.#onClose();
  }

  /** Same as {@linkcode FdLink.close}. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * The child's end: connects to the parent's {@linkcode FdServer} at
 * `address` (synchronously; the server accepts in the background).
 */
export function connectFdServer(address: string): FdReceiver {
  const fd = c.unixStreamSocket(false);
  try {
    c.connect(fd, unixAddress(address));
  } catch (error) {
    c.close(fd);
    throw error;
  }
  return new FdReceiver(fd);
}

/** The child's end of the link: receives descriptors from the parent. */
export class FdReceiver {
  #fd: number;
  #bytes: Uint8Array = new Uint8Array(0);
  #fds: number[] = [];
  #waiting = false;
  #closed = false;

  /** Made by {@linkcode connectFdServer}; `fd` is a connected Unix socket. */
  constructor(fd: number) {
    this.#fd = fd;
  }

  /**
   * Waits for the next descriptor, blocking the whole thread (recvmsg()),
   * as a C child would. Null once the parent has closed the link.
   */
  receive(): Received | null {
    if (this.#closed) throw new Error("FdReceiver is closed");
    if (this.#waiting) throw new Error("receiveAsync() is waiting already");
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
   * Like {@linkcode FdReceiver.receive} but without blocking the event
   * loop. `close()` while it waits makes it resolve with null.
   */
  async receiveAsync(): Promise<Received | null> {
    if (this.#closed) throw new Error("FdReceiver is closed");
    if (this.#waiting) throw new Error("receiveAsync() is waiting already");
    this.#waiting = true;
    try {
      while (true) {
        const message = this.#take();
        if (message) return message;
        await c.waitReadable(this.#fd);
        if (this.#closed) return null;
        let n: number;
        try {
          n = this.#recv(abi.MSG_DONTWAIT);
        } catch (error) {
          if (isRetry(error, "EAGAIN", "EINTR")) continue;
          throw error;
        }
        if (n === 0) return this.#end();
      }
    } finally {
      this.#waiting = false;
      if (this.#closed) this.#release();
    }
  }

  /** Closes the link and any descriptor received but not yet taken. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#waiting) {
      // Another thread polls this number: wake it with end of file, and
      // let receiveAsync() close the descriptor once that thread is done.
      try {
        c.shutdown(this.#fd, "SHUT_RDWR");
      } catch {
        // Already disconnected: the poll has woken anyway.
      }
      return;
    }
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
    const data = c.fixedBuffer(4096);
    const control = c.fixedBuffer(CMSG_SPACE(4 * MAX_FDS_PER_READ));
    const message = messageHeader(data, control);
    const n = c.recvmsg(this.#fd, message.header, flags | abi.MSG_CMSG_CLOEXEC);
    const fds = this.#descriptors(
      message.control,
      c.readField(message.view, abi.msghdr.controllen),
    );
    if (abi.MSG_CMSG_CLOEXEC === 0) {
      for (const fd of fds) c.setCloseOnExec(fd, true);
    }
    if (c.readField(message.view, abi.msghdr.flags) & abi.MSG_CTRUNC) {
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
      const cmsgLen = c.readField(view, h.len);
      if (cmsgLen < h.data) break;
      if (
        c.readField(view, h.level) === abi.SOL_SOCKET &&
        c.readField(view, h.type) === abi.SCM_RIGHTS
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
