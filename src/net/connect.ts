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
      const seconds = CONNECT_TIMEOUT_MS / 1000;
      throw new RuntimeError({
        en: `connect() error: no answer from ${address} within ${seconds} s`,
        ko: `connect() error: ${address}에서 ${seconds}초 안에 응답이 없다`,
      });
    }
    if (error instanceof Deno.errors.ConnectionRefused) {
      throw new RuntimeError({
        en: `connect() error: ${address} refused the connection`,
        ko: `connect() error: ${address}가 연결을 거부했다`,
      });
    }
    const message = (error as Error).message;
    if (/failed to lookup address/.test(message)) {
      throw new RuntimeError({
        en:
          `connect() error: no address found for '${host}' (the name lookup failed)`,
        ko:
          `connect() error: '${host}'의 주소를 찾지 못했다 (이름을 조회하지 못함)`,
      });
    }
    throw new RuntimeError({
      en: `connect() error: ${message} (${address})`,
      ko: `connect() error: ${message} (${address})`,
    });
  }
}

/** How one direction of a connection ended. */
export type DirectionEnd =
  | { kind: "eof" }
  | { kind: "shut" }
  | { kind: "error"; call: "read" | "write"; code: string; message: string };

/** A connection's two directions as streams that can go to other threads. */
export interface SplitSocket {
  /** Each chunk is what ONE `read(sock, buf, bufSize)` returned; ends at EOF. */
  readable: ReadableStream<Uint8Array>;
  /** Bytes to send; closing it half-closes the connection (`shutdown(SHUT_WR)`). */
  writable: WritableStream<Uint8Array>;
  /**
   * Resolves once the receiving side is done: `eof` when `read()` returned
   * 0 (the server closed its side), or the error a read failed with.
   */
  received: Promise<DirectionEnd>;
  /**
   * Resolves once the sending side is done: `shut` after the half-close, or
   * the error a write failed with (the writer's writes fail from then on).
   */
  sent: Promise<DirectionEnd>;
}

/**
 * Splits `conn` so that one thread can read and another write. The
 * connection itself stays on this thread, which owns it: reads happen here
 * when the reading side asks for the next chunk, and the half-close is
 * `conn.closeWrite()` here (closing `conn.writable` would close it whole).
 * How each direction ended is reported as facts (`received`, `sent`); what
 * to say about it is the program's.
 */
export function splitSocket(conn: Deno.TcpConn, bufSize: number): SplitSocket {
  const received = Promise.withResolvers<DirectionEnd>();
  const readable = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buf = new Uint8Array(bufSize);
      let n: number | null;
      try {
        n = await conn.read(buf); // str_len = read(sock, buf, BUF_SIZE);
      } catch (error) {
        // C's read() returns -1 here; the book's loop would go on with it.
        received.resolve(failure("read", error));
        trace("read", "error from server");
        controller.close();
        return;
      }
      if (n === null) {
        trace("read", "EOF from server");
        received.resolve({ kind: "eof" });
        controller.close();
        return;
      }
      trace("read", `${n} B from server`);
      controller.enqueue(buf.subarray(0, n));
    },
  }, { highWaterMark: 0 }); // read only when asked: one chunk, one read()

  const pipe = new TransformStream<Uint8Array, Uint8Array>();
  const sent = (async (): Promise<DirectionEnd> => {
    const reader = pipe.readable.getReader();
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        trace("write", `${value.length} B to server`);
        await writeAll(conn, value); // write(sock, buf, strlen(buf));
      }
      await conn.closeWrite(); // shutdown(sock, SHUT_WR);
      trace("close", "write side (half-close)");
      return { kind: "shut" };
    } catch (error) {
      await reader.cancel().catch(() => {}); // the writing side's writes fail now
      return failure("write", error);
    }
  })();
  return {
    readable,
    writable: pipe.writable,
    received: received.promise,
    sent,
  };
}

/** The facts of a failed read() or write(): the call and the errno's name. */
function failure(call: "read" | "write", error: unknown): DirectionEnd {
  const code = error instanceof Deno.errors.ConnectionReset
    ? "ECONNRESET"
    : error instanceof Deno.errors.BrokenPipe
    ? "EPIPE"
    : (error as Error).name;
  return { kind: "error", call, code, message: (error as Error).message };
}
