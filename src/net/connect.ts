/**
 * The client side of a TCP connection: C's `socket()` + `connect()` with
 * the book's `connect() error`, and the socket split in two directions that
 * two worker threads can share.
 *
 * @module
 */

import { deadline } from "@std/async";
import { RuntimeError } from "../errors.ts";
import { writeAll } from "../bytes.ts";
import { trace } from "../trace/trace.ts";

/** How long `connect()` may take before the client gives up, in ms. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** C's `socket()` + `connect()`; failures are `connect() error: ...`. */
export async function connect(
  host: string,
  port: number,
): Promise<Deno.TcpConn> {
  const address = `${host}:${port}`;
  try {
    return await deadline(
      Deno.connect({ hostname: host, port }),
      CONNECT_TIMEOUT_MS,
    );
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") {
      throw new RuntimeError(
        `connect() error: no answer from ${address} within ${
          CONNECT_TIMEOUT_MS / 1000
        } s`,
      );
    }
    if (error instanceof Deno.errors.ConnectionRefused) {
      throw new RuntimeError(
        `connect() error: ${address} refused the connection`,
      );
    }
    throw new RuntimeError(
      `connect() error: ${(error as Error).message} (${address})`,
    );
  }
}

/** A connection's two directions as streams that can go to other threads. */
export interface SplitSocket {
  /** Each chunk is what ONE `read(sock, buf, bufSize)` returned; ends at EOF. */
  readable: ReadableStream<Uint8Array>;
  /** Bytes to send; closing it half-closes the connection (`shutdown(SHUT_WR)`). */
  writable: WritableStream<Uint8Array>;
  /** Resolves once everything written has been sent and the write side is shut. */
  sent: Promise<void>;
}

/**
 * Splits `conn` so that one thread can read and another write. The
 * connection itself stays on this thread, which owns it: reads happen here
 * when the reading side asks for the next chunk, and the half-close is
 * `conn.closeWrite()` here (closing `conn.writable` would close it whole).
 */
export function splitSocket(conn: Deno.TcpConn, bufSize: number): SplitSocket {
  const readable = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buf = new Uint8Array(bufSize);
      const n = await conn.read(buf); // str_len = read(sock, buf, BUF_SIZE);
      if (n === null) {
        trace("read", "EOF from server");
        controller.close();
        return;
      }
      trace("read", `${n} B from server`);
      controller.enqueue(buf.subarray(0, n));
    },
  }, { highWaterMark: 0 }); // read only when asked: one chunk, one read()

  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  const sent = (async () => {
    for await (const chunk of pipe.readable) {
      trace("write", `${chunk.length} B to server`);
      await writeAll(conn, chunk); // write(sock, buf, strlen(buf));
    }
    await conn.closeWrite(); // shutdown(sock, SHUT_WR);
    trace("close", "write side (half-close)");
  })();
  return { readable, writable: pipe.writable, sent };
}
