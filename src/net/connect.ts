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
import { note } from "../note.ts";
import type { Text } from "../text.ts";
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

/** A connection's two directions as streams that can go to other threads. */
export interface SplitSocket {
  /** Each chunk is what ONE `read(sock, buf, bufSize)` returned; ends at EOF. */
  readable: ReadableStream<Uint8Array>;
  /** Bytes to send; closing it half-closes the connection (`shutdown(SHUT_WR)`). */
  writable: WritableStream<Uint8Array>;
  /**
   * Resolves once the sending side is done: `"shut"` after the half-close,
   * `"broken"` when the server can no longer be written to (a note says so).
   */
  sent: Promise<"shut" | "broken">;
}

/**
 * Splits `conn` so that one thread can read and another write. The
 * connection itself stays on this thread, which owns it: reads happen here
 * when the reading side asks for the next chunk, and the half-close is
 * `conn.closeWrite()` here (closing `conn.writable` would close it whole).
 * A reset or a peer that is gone ends a direction with a one-line note,
 * never a stack trace.
 */
export function splitSocket(conn: Deno.TcpConn, bufSize: number): SplitSocket {
  const readable = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buf = new Uint8Array(bufSize);
      let n: number | null;
      try {
        n = await conn.read(buf); // str_len = read(sock, buf, BUF_SIZE);
      } catch (error) {
        note(lost("read", error));
        n = null; // C's read() returns -1 here; the book's loop would spin
      }
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
  const sent = (async (): Promise<"shut" | "broken"> => {
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
      return "shut";
    } catch (error) {
      note(lost("write", error));
      await reader.cancel().catch(() => {}); // the writing side's writes fail now
      return "broken";
    }
  })();
  return { readable, writable: pipe.writable, sent };
}

/** One line on what a failed read() or write() on the socket means. */
function lost(call: "read" | "write", error: unknown): Text {
  const reset = error instanceof Deno.errors.ConnectionReset;
  const broken = error instanceof Deno.errors.BrokenPipe;
  const why = reset
    ? {
      en: "the server reset the connection (ECONNRESET)",
      ko: "서버가 연결을 리셋했다 (ECONNRESET)",
    }
    : broken
    ? {
      en: "the server has closed the connection (EPIPE)",
      ko: "서버가 연결을 닫았다 (EPIPE)",
    }
    : { en: (error as Error).message, ko: (error as Error).message };
  return call === "write"
    ? {
      en:
        `write() error: ${why.en}; in C, SIGPIPE would end the writing process here`,
      ko:
        `write() 오류: ${why.ko}. C라면 여기서 SIGPIPE가 쓰는 프로세스를 종료시킨다`,
    }
    : {
      en: `read() error: ${why.en}; the reading side ends`,
      ko: `read() 오류: ${why.ko}. 읽는 쪽이 끝난다`,
    };
}
