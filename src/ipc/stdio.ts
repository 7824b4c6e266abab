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

const NEWLINE = 0x0a;

/** Standard input with C's `fgets()`; one per process or thread. */
export class Stdin {
  #pending: Uint8Array = new Uint8Array(0);
  #ended = false;
  #source: { readSync(p: Uint8Array): number | null };

  /** Reads from `source` (default: this process's standard input). */
  constructor(source: { readSync(p: Uint8Array): number | null } = Deno.stdin) {
    this.#source = source;
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
      const n = this.#source.readSync(buf);
      if (n === null) this.#ended = true;
      else this.#pending = concat([this.#pending, buf.subarray(0, n)]);
    }
  }
}

/** The bytes of `bytes` that C's `%s` prints: up to the first NUL, if any. */
export function untilNul(bytes: Uint8Array): Uint8Array {
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

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
