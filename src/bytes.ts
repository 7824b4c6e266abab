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
