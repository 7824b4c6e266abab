/**
 * Handing an accepted client socket to the child that serves it. In C the
 * child inherits `clnt_sock` from `fork()`, and the parent then closes its
 * own copy. A Deno child is a new run of the program, so on Linux and macOS
 * the parent sends the socket over a private Unix socket (`sendmsg()` with
 * `SCM_RIGHTS`, see `src/ipc/fd_pass.ts`): the child gets a descriptor for
 * the same socket, reads and writes it itself, and the parent closes its
 * copy at once, as the book's parent does.
 *
 * Windows has no `SCM_RIGHTS`; there the parent calls
 * `WSADuplicateSocketW()` for the child's pid and writes the resulting
 * `WSAPROTOCOL_INFOW` into the child's stdin; the child opens its own socket
 * for the connection from it (`WSASocketW()`), and the parent closes its
 * copy: the same structure, by Windows' own means (`src/ipc/win32.ts`).
 *
 * @module
 */

import {
  connectFdServer,
  FdLink,
  FdReceiver,
  FdServer,
} from "../ipc/fd_pass.ts";
import * as libc from "../ipc/libc.ts";
import { win32 } from "../ipc/windows.ts";
import { note } from "../note.ts";
import { isWindows } from "../platform.ts";
import { type ChildProcess, isOurChild } from "../process/child.ts";
import { handoffAddress, setHandoff } from "../process/settings.ts";
import { trace, tracing } from "../trace/trace.ts";
import { releaseIdleStack } from "../process/stack.ts";

/** The parent's side (Linux, macOS): sends accepted sockets to the children it started. */
export class Handoff {
  #server: FdServer;

  private constructor(server: FdServer) {
    this.#server = server;
  }

  /**
   * Opens the private rendezvous; children forked from now on get its
   * address with their settings. Only this process's own children may link:
   * any other process that connects is refused, and a note says so.
   */
  static open(): Handoff {
    const server = FdServer.open({
      isExpected: isOurChild,
      onStranger(pid) {
        note({
          en:
            `refused process ${pid} at the socket hand-off: not a child of this server`,
          ko:
            `소켓 전달 통로에서 프로세스 ${pid}를 거절함: 이 서버의 자식이 아니다`,
        });
      },
    });
    setHandoff(server.address);
    return new Handoff(server);
  }

  /**
   * Sends the socket `fd` to `child` (once it has linked), then closes the
   * link. The parent still holds `fd` afterwards; closing it is its own step.
   */
  async give(fd: number, child: ChildProcess): Promise<void> {
    const link = await Promise.race([
      this.#server.expect(child.pid),
      child.status.then(() => {
        throw new Error(`child ${child.pid} ended before it took the socket`);
      }),
    ]);
    try {
      // Recorded first: the child cannot have the socket any earlier.
      trace("send", "clnt_sock", { peer: child.pid, n: fd, tool: true });
      link.send(fd);
    } finally {
      link.close();
    }
  }

  /** Closes the rendezvous; children forked later get no address. */
  async close(): Promise<void> {
    setHandoff(undefined);
    await this.#server.close();
  }
}

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
}

const POSIX_CALLS: SocketCalls = libc;
const WINSOCK_CALLS: SocketCalls = {
  read: (sock, buf) => win32.recv(sock, buf),
  writeAll: (sock, bytes, length) =>
    win32.sendAll(sock, bytes.subarray(0, length)),
  close: (sock) => win32.closesocket(sock),
};

/** A socket the child holds itself: its own descriptor (or handle) for it. */
class HeldSocket implements Socket {
  readonly fd: number;
  #calls: SocketCalls;
  #broken = false;

  constructor(fd: number, calls: SocketCalls) {
    this.fd = fd;
    this.#calls = calls;
  }

  read(buf: Uint8Array): number {
    if (this.#broken) return 0;
    try {
      if (tracing()) trace("wait", "clnt_sock");
      const n = this.#calls.read(this.fd, buf);
      if (tracing()) {
        trace(
          "read",
          "clnt_sock",
          n === 0 ? { what: "eof" } : { bytes: buf.subarray(0, n) },
        );
      }
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

  close(): void {
    this.#calls.close(this.fd);
    trace("close", `clnt_sock (fd ${this.fd})`);
  }
}

/**
 * In a serving child: waits (blocking, as C's child has nothing else to do)
 * for the client socket its parent hands over, and returns it. Null when
 * the parent closed the hand-off without a client: the server stopped
 * before this child was needed.
 */
export function receiveClientSocket(): Socket | null {
  trace("wait", "clnt_sock", { tool: true }); // at the hand-off rendezvous
  if (isWindows) return receiveDuplicatedSocket();
  const address = handoffAddress();
  if (!address) throw new Error("this child has no hand-off address");
  warmUp();
  releaseIdleStack(); // it may wait long: start-up's stack pages go back now
  const receiver = connectFdServer(address);
  try {
    const received = receiver.receive();
    if (!received) return null;
    // The flag belongs to the socket itself: macOS accept() passes the
    // listener's O_NONBLOCK on, and C's blocking read() needs it cleared.
    libc.setNonBlocking(received.fd, false);
    trace("recv", "clnt_sock", { n: received.fd, tool: true });
    return new HeldSocket(received.fd, POSIX_CALLS);
  } finally {
    receiver.close();
  }
}

/**
 * Runs the receiving path once on this process's own descriptors, while it
 * waits for a client anyway: receiving a descriptor, clearing O_NONBLOCK,
 * one write and one read. Code that has run once runs faster (V8 has
 * compiled it), and the first client's first echo comes that much sooner
 * (measured: 1.9 → 1.4 ms at an idle server).
 */
function warmUp(): void {
  if (tracing()) return; // its reads and writes would show in the picture
  const [mine, theirs] = libc.unixSocketPair();
  const [exit, entrance] = libc.pipe();
  let received = -1;
  try {
    new FdLink(mine, Deno.pid, () => {}).send(exit);
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
