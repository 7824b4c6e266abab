/**
 * The client side of a TCP connection: C's `socket()` + `connect()` with
 * the book's `connect() error`, and the socket split in two directions that
 * two worker threads can share.
 *
 * @module
 */

import { deadline } from "@std/async";
import { messageOf, RuntimeError } from "../errors.ts";
import { writeAll } from "../bytes.ts";
import { withJosa } from "../josa.ts";
import type { Text } from "../text.ts";
import { trace } from "../trace/trace.ts";
import { hostPort } from "./host_port.ts";
import { isLookupFailure } from "./lookup.ts";

/** How long `connect()` may take before the client gives up, in ms. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** C's `socket()` + `connect()`; failures are `connect() error: ...`. */
export async function connect(
  host: string,
  port: number,
): Promise<Deno.TcpConn> {
  const address = hostPort(host, port);
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
        ko: `connect() error: ${withJosa(address, "이/가")} 연결을 거부했다`,
      });
    }
    if (isLookupFailure(error)) {
      throw new RuntimeError({
        en:
          `connect() error: no address found for '${host}' (the name lookup failed)`,
        ko:
          `connect() error: '${host}'의 주소를 찾지 못했다 (이름을 조회하지 못함)`,
      });
    }
    const why = osReason(error);
    throw new RuntimeError({
      en: `connect() error: ${why.en} (${address})`,
      ko: `connect() error: ${why.ko} (${address})`,
    });
  }
}

/** How one direction of a connection ended. */
export type DirectionEnd =
  | { kind: "eof" }
  | { kind: "shut" }
  | { kind: "error"; call: "read" | "write"; code: string; reason: Text };

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
        trace("read", "sock", { what: "error" });
        controller.close();
        return;
      }
      if (n === null) {
        trace("read", "sock", { what: "eof" });
        received.resolve({ kind: "eof" });
        controller.close();
        return;
      }
      trace("read", "sock", { bytes: buf.subarray(0, n) });
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
        trace("write", "sock", { bytes: value });
        await writeAll(conn, value); // write(sock, buf, strlen(buf));
      }
      await conn.closeWrite(); // shutdown(sock, SHUT_WR);
      trace("close", "sock", { what: "half-close" });
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

/** The facts of a failed read() or write(): the call, the errno's name, why. */
function failure(call: "read" | "write", error: unknown): DirectionEnd {
  const code = error instanceof Deno.errors.ConnectionReset
    ? "ECONNRESET"
    : error instanceof Deno.errors.BrokenPipe
    ? "EPIPE"
    : String((error as { code?: unknown }).code ?? (error as Error).name);
  return { kind: "error", call, code, reason: osReason(error) };
}

/** What the OS's error codes for a network call mean, in both languages. */
const REASONS: Readonly<Record<string, Text>> = {
  ECONNREFUSED: { en: "the connection was refused", ko: "연결이 거부되었다" },
  ECONNRESET: {
    en: "the connection was reset",
    ko: "연결이 리셋되었다",
  },
  ECONNABORTED: { en: "the connection was aborted", ko: "연결이 중단되었다" },
  ENETUNREACH: {
    en: "the network is unreachable",
    ko: "네트워크에 닿을 수 없다",
  },
  EHOSTUNREACH: {
    en: "no route to the host",
    ko: "그 호스트로 가는 경로가 없다",
  },
  ETIMEDOUT: { en: "the connection timed out", ko: "연결 시간이 초과되었다" },
  EADDRNOTAVAIL: {
    en: "the address cannot be used here",
    ko: "이 컴퓨터에서 쓸 수 없는 주소다",
  },
  EACCES: { en: "permission denied", ko: "권한이 없다" },
  EPERM: { en: "operation not permitted", ko: "허용되지 않은 동작이다" },
  EPIPE: { en: "the other end has closed", ko: "상대편이 연결을 닫았다" },
};

/**
 * A failed network call's reason in the tool's language, by the OS's error
 * code (`ENETUNREACH`), with the code; the OS's own words when the code is
 * not one of {@linkcode REASONS}.
 */
export function osReason(error: unknown): Text {
  const code = (error as { code?: unknown }).code;
  const known = typeof code === "string" ? REASONS[code] : undefined;
  if (known) {
    return { en: `${known.en} (${code})`, ko: `${known.ko} (${code})` };
  }
  const message = messageOf(error);
  return { en: message, ko: `운영체제가 알린 오류: ${message}` };
}
