/**
 * The two ends of a pipe, with C's semantics: `read()` returns whatever one
 * read delivered (at most `max` bytes, `null` at end of file) and `write()`
 * writes every byte. Both wrap the byte streams Deno gives for a child's
 * stdio, so the same calls work in the parent and in the child.
 *
 * @module
 */

import { trace } from "./trace.ts";

/** The size the book's programs use for their buffers (`BUF_SIZE`). */
export const BUF_SIZE = 30;

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

/** The read end of a pipe (`fds[0]` in the book). */
export class PipeReader {
  /** What this end is called in traces, e.g. `fds1`. */
  readonly name: string;
  #stream: ReadableStream<Uint8Array>;
  #byob?: ReadableStreamBYOBReader;
  #plain?: ReadableStreamDefaultReader<Uint8Array>;
  #held: Uint8Array = new Uint8Array(0);

  /** Wraps the readable side of a pipe. */
  constructor(stream: ReadableStream<Uint8Array>, name = "pipe") {
    this.#stream = stream;
    this.name = name;
  }

  /**
   * One `read(fd, buf, max)`: waits until data is there, then returns what
   * one read delivered, at most `max` bytes; `null` at end of file.
   */
  async read(max = 65536): Promise<Uint8Array | null> {
    const bytes = this.#held.length > 0
      ? this.#takeHeld(max)
      : await this.#readOnce(max);
    if (bytes !== null) trace("read", `${bytes.length} B from ${this.name}`);
    else trace("read", `EOF on ${this.name}`);
    return bytes;
  }

  /** Reads one line (without its `\n`), or `null` at end of file. */
  async readLine(): Promise<string | null> {
    const parts: Uint8Array[] = [];
    while (true) {
      const chunk = this.#held.length > 0
        ? this.#takeHeld(Infinity)
        : await this.#readOnce(65536);
      if (chunk === null) {
        return parts.length > 0 ? decode(concat(parts)) : null;
      }
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        parts.push(chunk);
        continue;
      }
      parts.push(chunk.subarray(0, newline));
      this.#held = chunk.slice(newline + 1);
      const line = decode(concat(parts));
      return line.endsWith("\r") ? line.slice(0, -1) : line;
    }
  }

  /** Reads until end of file and returns everything. */
  async readAll(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let chunk: Uint8Array | null;
    while ((chunk = await this.read()) !== null) parts.push(chunk);
    return concat(parts);
  }

  /** Closes this end: a writer on the other side then gets EPIPE. */
  async close(): Promise<void> {
    const reader = this.#byob ?? this.#plain;
    if (reader) {
      await reader.cancel().catch(() => {});
      reader.releaseLock();
    } else {
      await this.#stream.cancel().catch(() => {});
    }
  }

  #takeHeld(max: number): Uint8Array {
    const bytes = this.#held.subarray(0, Math.min(max, this.#held.length));
    this.#held = this.#held.subarray(bytes.length);
    return bytes;
  }

  async #readOnce(max: number): Promise<Uint8Array | null> {
    if (!this.#byob && !this.#plain) {
      try {
        this.#byob = this.#stream.getReader({ mode: "byob" });
      } catch {
        this.#plain = this.#stream.getReader();
      }
    }
    if (this.#byob) {
      const { value, done } = await this.#byob.read(new Uint8Array(max));
      return done || !value ? null : value;
    }
    const { value, done } = await this.#plain!.read();
    if (done) return null;
    if (value.length <= max) return value;
    this.#held = value.subarray(max);
    return value.subarray(0, max);
  }
}

/** The write end of a pipe (`fds[1]` in the book). */
export class PipeWriter {
  /** What this end is called in traces, e.g. `fds1`. */
  readonly name: string;
  #writer: WritableStreamDefaultWriter<Uint8Array>;

  /** Wraps the writable side of a pipe. */
  constructor(stream: WritableStream<Uint8Array>, name = "pipe") {
    this.#writer = stream.getWriter();
    this.name = name;
  }

  /** `write(fd, data, len)`: writes every byte (strings as UTF-8). */
  async write(data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === "string" ? encode(data) : data;
    // Recorded before the write: the reader cannot see the bytes any earlier.
    trace("write", `${bytes.length} B to ${this.name}`);
    await this.#writer.write(bytes);
  }

  /** Closes this end: once every write end is closed, the reader sees EOF. */
  async close(): Promise<void> {
    await this.#writer.close().catch(() => {});
    trace("close", this.name);
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
