/**
 * The client's socket in the serving child: C's child, after `fork()`,
 * holds `clnt_sock` and reads and writes it itself. Here the child waits
 * for its parent to send the socket (`handoff.ts` is the parent's side),
 * then gets C's `read()`, `write()` and `close()` on its own descriptor
 * (Windows: its own SOCKET, opened from the `WSAPROTOCOL_INFOW` its parent
 * made for it).
 *
 * A serving child lives as long as its client, and every module it loads
 * stays in its memory: this module loads only what the child uses.
 *
 * @example The child of `echo_mpserv.c`
 * ```ts ignore
 * import { receiveClientSocket } from "./child_socket.ts";
 *
 * const clntSock = receiveClientSocket(); // the child's copy of clnt_sock
 * if (clntSock) {
 *   const buf = new Uint8Array(1024);
 *   let strLen;
 *   while ((strLen = clntSock.read(buf)) !== 0) clntSock.write(buf, strLen);
 *   clntSock.close();
 * }
 * ```
 *
 * @module
 */

import { FdLink, FdReceiver, type Received } from "../ipc/fd_pass.ts";
import * as libc from "../ipc/libc.ts";
import { win32 } from "../ipc/windows.ts";
import { isWindows } from "../platform.ts";
import { handoffFd } from "../process/child_spec.ts";
import {
  releaseIdleStack,
  TRIM_FIRST,
  warmUp as warmUpWith,
} from "../process/child_tuning.ts";
import { trace, traceRead, tracing } from "../trace/trace.ts";

/** A connected socket as the serving child sees it: C's `read()`, `write()`, `close()`. */
export interface Socket {
  /** The descriptor (Windows: the SOCKET handle). */
  readonly fd: number;
  /** C's blocking `read(sock, buf, sizeof(buf))`: bytes read, 0 at end of file. */
  read(buf: Uint8Array): number;
  /**
   * C's `write(sock, buf, len)`: the first `len` bytes of `buf` (all of
   * it when `len` is left out), every byte.
   */
  write(buf: Uint8Array, len?: number): void;
  /** C's `close(sock)`. */
  close(): void;
}

/** The calls a {@linkcode HeldSocket} makes: C's, or Windows' (Winsock). */
interface SocketCalls {
  read(fd: number, buf: Uint8Array): number;
  writeAll(fd: number, bytes: Uint8Array, length: number): void;
  close(fd: number): void;
  /** Gives the C heap's free pages back to the system. */
  trimHeap(): void;
}

const POSIX_CALLS: SocketCalls = libc;

const WINSOCK_CALLS: SocketCalls = {
  read: (sock, buf) => win32.recv(sock, buf),
  writeAll: (sock, bytes, length) =>
    win32.sendAll(sock, bytes.subarray(0, length)),
  close: (sock) => win32.closesocket(sock),
  trimHeap: () => {},
};

/** A socket the child holds itself: its own descriptor (or handle) for it. */
class HeldSocket implements Socket {
  readonly fd: number;
  #calls: SocketCalls;
  #broken = false;
  #reads = 0;
  #trimAt = TRIM_FIRST;
  /** What goes with it at close(): the hand-off link, if still open. */
  #link?: { close(): void };

  constructor(fd: number, calls: SocketCalls, link?: { close(): void }) {
    this.fd = fd;
    this.#calls = calls;
    this.#link = link;
  }

  read(buf: Uint8Array): number {
    if (this.#broken) return 0;
    try {
      if (tracing()) traceRead("clnt_sock");
      const n = this.#calls.read(this.fd, buf);
      if (++this.#reads === this.#trimAt) this.#trim();
      if (tracing()) traceRead("clnt_sock", buf.subarray(0, n));
      return n;
    } catch (error) {
      // A reset client: C's read() returns -1 here, which the book's loop
      // (ending only at 0) would pass on to write(); ending here is what
      // that amounts to.
      if (error instanceof libc.OsError) return 0;
      throw error;
    }
  }

  write(buf: Uint8Array, len: number = buf.length): void {
    if (this.#broken) return;
    if (tracing()) trace("write", "clnt_sock", { bytes: buf.subarray(0, len) });
    try {
      // No subarray: the serving child's loop makes no garbage per echo.
      this.#calls.writeAll(this.fd, buf, len);
    } catch (error) {
      // The client is gone (EPIPE, ECONNRESET). C's child would die of
      // SIGPIPE; this one ends its loop at the next read instead.
      if (!(error instanceof libc.OsError)) throw error;
      this.#broken = true;
    }
  }

  /**
   * Once the loop is hot, V8 compiles it with its optimizing compilers, on
   * this thread, and frees their working memory back to malloc, which
   * keeps it: measured, 0.13 to 0.37 MB more private memory per child for
   * as long as its client stays. Trimming after 1 000, 2 000, 4 000, ...
   * reads gives it back while compiling is still likely, and costs about
   * thirty calls of a few microseconds over a billion reads.
   */
  #trim(): void {
    this.#trimAt *= 2;
    this.#calls.trimHeap();
  }

  close(): void {
    this.#link?.close();
    this.#calls.close(this.fd);
    trace("close", `clnt_sock (fd ${this.fd})`);
  }
}

/**
 * In a serving child: waits (blocking, as C's child has nothing else to do)
 * on its hand-off link for the client socket its parent sends, and returns
 * it. Null when the parent closed the link without a client (the server
 * stopped before this child was needed) or ended.
 *
 * A child started ahead of its client first runs the echo path on its own
 * descriptors until V8 has compiled it (`warmUp()`), then tells its
 * parent it is ready (one byte on the link) and waits. A client that comes
 * meanwhile is served at once, warm or not.
 */
export function receiveClientSocket(): Socket | null {
  trace("wait", "clnt_sock", { tool: true }); // at the hand-off rendezvous
  if (isWindows) return receiveDuplicatedSocket();
  const link = handoffFd();
  if (link === undefined) throw new Error("this child has no hand-off link");
  const receiver = new FdReceiver(link);
  let ready = false;
  let served: Socket | null = null;
  try {
    let received = receiver.poll();
    if (received === undefined) received = warmUp(receiver);
    if (received === undefined) ready = receiver.signalReady();
    // It may wait, and serve, long: start-up's stack pages go back now.
    releaseIdleStack();
    if (received === undefined) received = receiver.receive();
    if (!received) return null;
    // The flag belongs to the socket itself: macOS accept() passes the
    // listener's O_NONBLOCK on, and C's blocking read() needs it cleared.
    libc.setNonBlocking(received.fd, false);
    trace("recv", "clnt_sock", { n: received.fd, tool: true });
    // A child that said it was ready has told its parent all it needs:
    // its link closes with the socket, off the first echo's path (0.1 to
    // 0.2 ms there). One that got its client before closes it now, which
    // tells its parent that it is up.
    served = new HeldSocket(
      received.fd,
      POSIX_CALLS,
      ready ? receiver : undefined,
    );
    return served;
  } finally {
    if (!served || !ready) receiver.close();
  }
}

/**
 * Runs the serving path on this process's own descriptors while it waits
 * for a client anyway (see `child_tuning.ts`): receiving a descriptor and
 * clearing O_NONBLOCK once, then round trips of 30 B through a
 * {@linkcode HeldSocket} on a socket pair, looking at the link between
 * slices. Returns what came on the link meanwhile (a client's socket, or
 * null when the parent closed it), or undefined when nothing did.
 */
function warmUp(receiver: FdReceiver): Received | null | undefined {
  if (tracing()) return undefined; // its reads and writes would show in the picture
  receiveOnce();
  const [mine, theirs] = libc.unixSocketPair();
  const served = new HeldSocket(theirs, POSIX_CALLS);
  const buf = new Uint8Array(64 * 1024);
  const message = new Uint8Array(30);
  try {
    return warmUpWith(() => {
      libc.writeAll(mine, message, message.length); // the client's part
      served.write(buf, served.read(buf));
      libc.read(mine, buf);
    }, () => receiver.poll());
  } catch {
    return undefined; // only a warm-up: the real hand-off reports its own problems
  } finally {
    libc.close(mine);
    libc.close(theirs);
  }
}

/**
 * The receiving path once: a descriptor sent over a socket pair, received,
 * O_NONBLOCK cleared, one write and one read (measured: the first echo at
 * an idle server 1.9 ms before, 1.4 ms after).
 */
function receiveOnce(): void {
  const [mine, theirs] = libc.unixSocketPair();
  const [exit, entrance] = libc.pipe();
  let received = -1;
  try {
    new FdLink(mine).send(exit);
    received = new FdReceiver(theirs).receive()?.fd ?? -1;
    if (received < 0) return;
    libc.setNonBlocking(received, false);
    new HeldSocket(entrance, POSIX_CALLS).write(new Uint8Array(1));
    new HeldSocket(received, POSIX_CALLS).read(new Uint8Array(1));
  } catch {
    // Only a warm-up: the real hand-off reports its own problems.
  } finally {
    for (const fd of [mine, theirs, exit, entrance, received]) {
      if (fd < 0) continue;
      try {
        libc.close(fd);
      } catch {
        // already closed
      }
    }
  }
}

/**
 * Windows: reads the `WSAPROTOCOL_INFOW` its parent made for this process
 * (`WSADuplicateSocketW()`) from stdin, and opens its own socket for the
 * client from it. Null at end of file: the server stopped first.
 */
function receiveDuplicatedSocket(): Socket | null {
  const info = new Uint8Array(win32.PROTOCOL_INFO_SIZE);
  for (let got = 0; got < info.length;) {
    const n = Deno.stdin.readSync(info.subarray(got));
    if (n === null) return null;
    got += n;
  }
  const sock = win32.socketFromInfo(info);
  trace("recv", "clnt_sock", { n: sock, tool: true });
  return new HeldSocket(sock, WINSOCK_CALLS);
}
