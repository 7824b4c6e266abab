/**
 * The listening socket on Windows, made with Winsock (`src/ipc/win32.ts`):
 * Deno gives no way to reach the SOCKET behind its own listener, and the
 * server needs it to share each client with a child. The wait for a client
 * is `WSAPoll()` on a helper thread; the `accept()` itself runs on this
 * thread, which makes the new socket non-inheritable before anything else
 * can start a child that would inherit it.
 *
 * @module
 */

import { OsError } from "../ipc/os_error.ts";
import { win32 } from "../ipc/windows.ts";
import type { Address, Listener } from "./listener.ts";

/** A Winsock listening socket. */
export class WinsockListener implements Listener {
  /** The listening socket's descriptor (Windows: its SOCKET). */
  readonly fd: number;
  /** Where it listens. */
  readonly address: Address;
  #stop = new AbortController();
  #pending: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(sock: number) {
    this.fd = sock;
    this.address = win32.getsockname(sock);
  }

  /** `socket()` + `bind()` + `listen()` with Winsock. */
  static open(hostname: string, port: number): WinsockListener {
    const sock = win32.listenTcp(hostname, port);
    try {
      return new WinsockListener(sock);
    } catch (error) {
      win32.closesocket(sock);
      throw error;
    }
  }

  /** C's `accept()`: the next client's socket, or null once stopped. */
  async accept(): Promise<number | null> {
    if (this.#stop.signal.aborted) return null;
    const pending = win32.accept(this.fd, this.#stop.signal);
    this.#pending = pending.catch(() => {});
    const sock = await pending;
    if (sock !== null && this.#stop.signal.aborted) { // came with the stop
      win32.closesocket(sock);
      return null;
    }
    return sock;
  }

  /** C's `getpeername()` on an accepted socket. */
  peer(sock: number): Address {
    const address = win32.getpeername(sock);
    if (!address) {
      throw new OsError(
        "getpeername",
        10057,
        "ENOTCONN",
        "the client is gone already",
      );
    }
    return address;
  }

  /** Not done on Windows, where it was not measured: the parent goes on at once. */
  handedOff(): void {}

  /** Sends a short message to a client, if it is still there. */
  tell(sock: number, bytes: Uint8Array): void {
    try {
      win32.sendAll(sock, bytes);
    } catch {
      // the client left already
    }
  }

  /** C's `close(clnt_sock)` in this process. */
  closeClient(sock: number): void {
    win32.closesocket(sock);
  }

  /** Makes a waiting or later `accept()` return null. */
  stop(): void {
    this.#stop.abort(); // the waiting accept() ends within 0.5 s
  }

  /** Closes the listening socket, once its helper thread is done with it. */
  async close(): Promise<void> {
    this.stop();
    await this.#pending; // its helper thread is done with the socket
    if (this.#closed) return;
    this.#closed = true;
    win32.closesocket(this.fd);
  }
}
