/**
 * Bytes as the book's programs move them: strings become UTF-8, and a write
 * is done only when every byte is written (a pipe or a socket may take part
 * of a buffer at a time, as C's `write()` may return less than asked).
 *
 * @module
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes a string as UTF-8 bytes. */
export function encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8 bytes as a string. */
export function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** The bytes to write: strings as UTF-8, bytes as they are. */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? encode(data) : data;
}

/**
 * Joins `parts` into one buffer: `@std/bytes`' `concat`, here once more
 * because this module is loaded by every child process, and the one npm
 * import there (std comes from npm here) cost each child 1.5 MB of private
 * memory for Deno's npm resolver (measured: 11.5 → 13.0 MB at a blocked
 * read). A test keeps the child's module graph free of npm.
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Something that writes part of a buffer and says how much (a socket, a file). */
export interface Writer {
  /** Writes some of `p`; resolves to the number of bytes written. */
  write(p: Uint8Array): Promise<number>;
}

/** Something that writes part of a buffer synchronously (`Deno.stderr`, a file). */
export interface WriterSync {
  /** Writes some of `p`; returns the number of bytes written. */
  writeSync(p: Uint8Array): number;
}

/** Writes every byte of `data`, however many calls it takes. */
export async function writeAll(
  writer: Writer,
  data: Uint8Array | string,
): Promise<void> {
  const bytes = toBytes(data);
  let done = 0;
  while (done < bytes.length) done += await writer.write(bytes.subarray(done));
}

/** Writes every byte of `data` with blocking calls, as C's `write()` loop. */
export function writeAllSync(
  writer: WriterSync,
  data: Uint8Array | string,
): void {
  const bytes = toBytes(data);
  let done = 0;
  while (done < bytes.length) done += writer.writeSync(bytes.subarray(done));
}
