/**
 * The listening socket on Linux and macOS: `Deno.listen`, then `accept()`
 * on the listener's own descriptor, so each client is a plain descriptor
 * (`clnt_sock`) that the parent can send to a child and close, as the
 * book's parent does. The wait for a client runs `poll()` on a helper
 * thread, so the parent's event loop (its SIGCHLD handler, its pool) goes
 * on meanwhile.
 *
 * @module
 */

import * as libc from "../ipc/libc.ts";
import type { Address, Listener } from "./listener.ts";

/** A `Deno.listen` listener, accepted on its descriptor. */
export class PosixListener implements Listener {
  /** The listening socket's descriptor (Windows: its SOCKET). */
  readonly fd: number;
  /** Where it listens. */
  readonly address: Address;
  #listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>;
  /** A pipe whose write end wakes the wait for a client (`stop()`). */
  #wake: [number, number];
  #stopped = false;

  private constructor(
    listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>,
    fd: number,
  ) {
    this.#listener = listener;
    this.fd = fd;
    this.address = listener.addr;
    this.#wake = libc.pipe();
  }

  /** `socket()` + `bind()` + `listen()`; throws Deno's error when bind fails. */
  static open(hostname: string, port: number): PosixListener {
    const listener = Deno.listen({ hostname, port });
    try {
      const fd = libc.findSocketFd(listener.addr);
      if (fd === null) {
        throw new Error("the listening socket has no descriptor");
      }
      return new PosixListener(listener, fd);
    } catch (error) {
      listener.close();
      throw error;
    }
  }

  /** C's `accept()`: the next client's socket, or null once stopped. */
  async accept(): Promise<number | null> {
    while (!this.#stopped) {
      // The socket is non-blocking: take what is pending first, and wait
      // only when nothing is (a burst is accepted without a wait each).
      try {
        return libc.accept(this.fd); // clnt_sock = accept(serv_sock, ...)
      } catch (error) {
        if (!(error instanceof libc.OsError)) throw error;
        if (error.code !== "EAGAIN" && error.code !== "EWOULDBLOCK") {
          throw error;
        }
      }
      const state = await libc.waitReadable(this.fd, undefined, this.#wake[0]);
      if (state === "cancelled") break;
    }
    return null;
  }

  /** C's `getpeername()` on an accepted socket. */
  peer(sock: number): Address {
    const address = libc.getpeername(sock);
    if (!address) throw new Error("the client's address is not an IP address");
    return address;
  }

  /**
   * Yields the CPU (`sched_yield()`) when no other client waits: the child
   * just woken for a client is at times queued on this very CPU (2 of 4
   * traced), where it waited for the parent's notes and next `accept()`
   * (measured, the first echo at an idle server 1.62 -> 1.33 ms). During a
   * burst the parent goes on accepting instead (yielding after every
   * client made the 50-at-once p50 9.3 -> 13.6 ms with `--prefork 50`).
   */
  handedOff(): void {
    if (!libc.readableNow(this.fd)) libc.yieldCpu();
  }

  /** Sends a short message to a client, if it is still there. */
  tell(sock: number, bytes: Uint8Array): void {
    try {
      libc.writeAll(sock, bytes);
    } catch {
      // the client left already
    }
  }

  /** C's `close(clnt_sock)` in this process. */
  closeClient(sock: number): void {
    libc.close(sock);
  }

  /** Makes a waiting or later `accept()` return null. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    libc.writeAll(this.#wake[1], new Uint8Array(1));
  }

  /** Closes the listening socket. */
  close(): Promise<void> {
    this.stop();
    libc.close(this.#wake[0]);
    libc.close(this.#wake[1]);
    this.#listener.close();
    return Promise.resolve();
  }
}
