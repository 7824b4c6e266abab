/**
 * The listening socket as the server's accept loop uses it, whatever makes
 * it: `socket()` + `bind()` + `listen()`, then `accept()` one client after
 * another. Linux and macOS listen with `Deno.listen` and accept on its own
 * descriptor (`posix_listener.ts`); Windows gives no way to reach the
 * socket behind a Deno listener, so there the server makes its listening
 * socket with Winsock itself (`winsock_listener.ts`).
 *
 * @module
 */

/** An IP address and port. */
export interface Address {
  /** The address, e.g. `127.0.0.1`. */
  hostname: string;
  /** The port. */
  port: number;
}

/** `serv_sock`, and the calls the accept loop makes on it and on its clients. */
export interface Listener {
  /** The listening socket's descriptor (Windows: its SOCKET). */
  readonly fd: number;
  /** Where it listens. */
  readonly address: Address;
  /**
   * C's `accept()`: waits for the next client and returns its socket, or
   * null once {@linkcode Listener.stop} was called. Throws an `OsError`
   * when `accept()` fails (a client that reset first, no descriptor left).
   */
  accept(): Promise<number | null>;
  /**
   * C's `getpeername()` on an accepted socket: the client's address.
   * Throws an `OsError` (ENOTCONN) for a client gone already.
   */
  peer(sock: number): Address;
  /**
   * Called once a client's socket has gone to its child: when no other
   * client waits to be accepted, that child may run first.
   */
  handedOff(): void;
  /** Sends a short message to a client, if it is still there. */
  tell(sock: number, bytes: Uint8Array): void;
  /** C's `close(clnt_sock)` in this process. */
  closeClient(sock: number): void;
  /** Makes a waiting or later {@linkcode Listener.accept} return null. */
  stop(): void;
  /** Closes the listening socket; call once `accept()` has returned. */
  close(): Promise<void>;
}
