/**
 * The standard streams as the book's programs use them: `fgets()` on
 * standard input, which blocks the thread until a line (or as much as fits)
 * is there, and C's `%s`, which prints a string only up to its first NUL
 * byte. Bytes go through unchanged: no newline is added or taken away.
 *
 * @module
 */

import { concat } from "@std/bytes";
import { writeAllSync } from "../bytes.ts";
import { note } from "../note.ts";
import { traceRead } from "../trace/trace.ts";

const NEWLINE = 0x0a;

/** Standard input with C's `fgets()`; one per process or thread. */
export class Stdin {
  #pending: Uint8Array = new Uint8Array(0);
  #ended = false;
  #source: { readSync(p: Uint8Array): number | null };
  #waiting?: Int32Array;

  /**
   * Reads from `source` (default: this process's standard input). With
   * `waiting` (shared memory), `waiting[0]` is 1 while `fgets()` waits for
   * input it does not have yet (another thread can wait for that), else 0.
   */
  constructor(
    source: { readSync(p: Uint8Array): number | null } = Deno.stdin,
    waiting?: Int32Array,
  ) {
    this.#source = source;
    this.#waiting = waiting;
  }

  /**
   * C's `fgets(buf, size, stdin)`: blocks until a whole line, `size - 1`
   * bytes, or end of input is there; returns those bytes (with the `\n` if
   * the line ended within them), or `null` at end of input (C: NULL).
   */
  fgets(size: number): Uint8Array | null {
    const limit = size - 1;
    while (true) {
      const newline = this.#pending.indexOf(NEWLINE);
      const end = newline >= 0 && newline < limit
        ? newline + 1
        : this.#pending.length >= limit
        ? limit
        : this.#ended
        ? this.#pending.length
        : -1;
      if (end > 0) {
        const line = this.#pending.slice(0, end);
        this.#pending = this.#pending.subarray(end);
        return line;
      }
      if (this.#ended) return null;
      const buf = new Uint8Array(4096);
      traceRead("stdin");
      const n = this.#wait(() => this.#source.readSync(buf));
      traceRead("stdin", n === null ? null : buf.subarray(0, n));
      if (n === null) this.#ended = true;
      else this.#pending = concat([this.#pending, buf.subarray(0, n)]);
    }
  }

  /** Runs a read that may block, flagged in `waiting` while it does. */
  #wait<T>(read: () => T): T {
    const waiting = this.#waiting;
    if (!waiting) return read();
    Atomics.store(waiting, 0, 1);
    Atomics.notify(waiting, 0);
    try {
      return read();
    } finally {
      Atomics.store(waiting, 0, 0);
      Atomics.notify(waiting, 0);
    }
  }
}

/** C's `strlen(buf)`: the bytes before the first NUL (all of them if none). */
export function strlen(buf: Uint8Array): number {
  const nul = buf.indexOf(0);
  return nul < 0 ? buf.length : nul;
}

/** The bytes of `bytes` that C's `%s` prints: up to the first NUL, if any. */
export function untilNul(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, strlen(bytes));
}

let hidden = false;
let split = false;

/**
 * Whether `bytes` ends inside a UTF-8 character (its last lead byte wants
 * more bytes than follow it).
 */
export function endsMidCharacter(bytes: Uint8Array): boolean {
  for (let back = 1; back <= 4 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further
    const wants = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return wants > back;
  }
  return false;
}

/**
 * C's `printf(format, buf)` for a format with one `%s`: writes the format's
 * bytes with `buf` in place of `%s`, up to its first NUL, and nothing more
 * (no newline is added). The first time a NUL hides bytes that arrived,
 * a note says so: the terminal then shows less than was received.
 */
export function printf(format: string, buf: Uint8Array): void {
  const [before, after = ""] = format.split("%s");
  const shown = untilNul(buf);
  writeStdout(concat([encoder.encode(before), shown, encoder.encode(after)]));
  if (!split && endsMidCharacter(shown)) {
    split = true;
    note({
      en:
        "a read ended in the middle of a character: its bytes come in two reads (TCP " +
        "keeps no message boundaries, and a read takes at most BUF_SIZE bytes), so " +
        "the terminal shows it broken, as C's client does (this note comes once)",
      ko:
        "read가 문자 하나의 중간에서 끝났다: 그 문자의 바이트가 두 번의 read로 나뉘어 " +
        "온다(TCP에는 메시지 경계가 없고, read 한 번은 최대 BUF_SIZE바이트를 읽는다). " +
        "그래서 C의 클라이언트처럼 터미널에 깨진 문자가 보인다 (이 안내는 한 번만 나온다)",
    });
  }
  if (shown.length < buf.length && !hidden) {
    hidden = true;
    note({
      en: `a NUL byte arrived: C's %s stops there, so ${
        buf.length - shown.length
      } byte(s) of that read are not shown (this note comes once)`,
      ko: `NUL 바이트가 도착했다: C의 %s는 거기서 멈추므로 그 read의 ${
        buf.length - shown.length
      }바이트는 출력되지 않는다 (이 안내는 한 번만 나온다)`,
    });
  }
}

const encoder = new TextEncoder();

/**
 * C's `char str[] = "..."`: the string's bytes and the terminating NUL, so
 * that `str.length` is the book's `sizeof(str)`.
 */
export function cString(text: string): Uint8Array {
  return new TextEncoder().encode(`${text}\0`);
}

/** What `printf("%s", buf)` shows of `buf`, as text. */
export function printable(buf: Uint8Array | null): string {
  return new TextDecoder().decode(untilNul(buf ?? new Uint8Array(0)));
}

/**
 * Writes bytes to standard output as they are, in one go (as a C program's
 * `printf` does on a terminal, where its line buffer is flushed).
 */
export function writeStdout(bytes: Uint8Array): void {
  writeAllSync(Deno.stdout, bytes);
}
