/**
 * The two ends of a pipe, with C's semantics: `read()` returns whatever one
 * read delivered (at most `max` bytes, `null` at end of file) and `write()`
 * writes every byte. Both wrap the byte streams Deno gives for a child's
 * stdio, so the same calls work in the parent and in the child.
 *
 * @module
 */

import { concat } from "@std/bytes";
import { decode, toBytes, writeAllSync } from "../bytes.ts";
import { trace, traceRead, tracing } from "../trace/trace.ts";

/** The size the book's programs use for their buffers (`BUF_SIZE`). */
export const BUF_SIZE = 30;

/** A pipe end that can be read as a stream or with blocking calls (`Deno.stdin`). */
export interface SyncReadable {
  /** The end as a stream. */
  readonly readable: ReadableStream<Uint8Array>;
  /** One blocking read into `buffer`: the byte count, `null` at end of file. */
  readSync(buffer: Uint8Array): number | null;
}

/** A pipe end that can be written as a stream or with blocking calls (`Deno.stderr`). */
export interface SyncWritable {
  /** The end as a stream. */
  readonly writable: WritableStream<Uint8Array>;
  /** One blocking write of some of `data`: the byte count written. */
  writeSync(data: Uint8Array): number;
  /** Closes the end. */
  close(): void;
}

/**
 * The read end of a pipe (`fds[0]` in the book).
 *
 * @example The parent of `pipe1.c` reads what its child wrote
 * ```ts ignore
 * const child = children.fork("child", { str }, { toParent: "fds" }); // pipe(fds); fork();
 * const buf = await child.fromChild.read(BUF_SIZE); // read(fds[0], buf, BUF_SIZE);
 * // child.fromChild is a PipeReader on the read end of the real OS pipe
 * ```
 */
export class PipeReader {
  /** What this end is called in traces, e.g. `fds1`. */
  readonly name: string;
  #source: ReadableStream<Uint8Array> | SyncReadable;
  #byob?: ReadableStreamBYOBReader;
  #plain?: ReadableStreamDefaultReader<Uint8Array>;
  #held: Uint8Array = new Uint8Array(0);

  /**
   * Wraps the readable side of a pipe: a stream, or a file-like end (such
   * as `Deno.stdin`) that can also be read with blocking calls.
   */
  constructor(
    source: ReadableStream<Uint8Array> | SyncReadable,
    name = "pipe",
  ) {
    this.#source = source;
    this.name = name;
  }

  get #stream(): ReadableStream<Uint8Array> {
    return this.#source instanceof ReadableStream
      ? this.#source
      : this.#source.readable;
  }

  /**
   * C's blocking `read(fd, buf, sizeof(buf))`: the thread waits in the
   * kernel, with nothing else running, until data is there; then fills the
   * start of `buf` and returns the byte count, or `null` at end of file.
   * Only for file-like ends, and not mixed with {@linkcode read}.
   */
  readSync(buf: Uint8Array): number | null {
    if (this.#source instanceof ReadableStream) {
      throw new Error(`${this.name} cannot be read with a blocking call`);
    }
    traceRead(this.name);
    const n = this.#source.readSync(buf);
    traceRead(this.name, n === null ? null : buf.subarray(0, n));
    return n;
  }

  /**
   * One `read(fd, buf, max)`: waits until data is there, then returns what
   * one read delivered, at most `max` bytes; `null` at end of file.
   */
  async read(max = 65536): Promise<Uint8Array | null> {
    traceRead(this.name);
    const bytes = this.#held.length > 0
      ? this.#takeHeld(max)
      : await this.#readOnce(max);
    traceRead(this.name, bytes);
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
  #sink: WritableStream<Uint8Array> | SyncWritable;
  #streamWriter?: WritableStreamDefaultWriter<Uint8Array>;

  /**
   * Wraps the writable side of a pipe: a stream, or a file-like end (such
   * as `Deno.stderr`) that can also be written with blocking calls.
   */
  constructor(sink: WritableStream<Uint8Array> | SyncWritable, name = "pipe") {
    this.#sink = sink;
    this.name = name;
  }

  get #writer(): WritableStreamDefaultWriter<Uint8Array> {
    return this.#streamWriter ??=
      (this.#sink instanceof WritableStream ? this.#sink : this.#sink.writable)
        .getWriter();
  }

  /**
   * C's blocking `write(fd, data, len)`: returns once every byte is in the
   * pipe. Only for file-like ends, and not mixed with {@linkcode write}.
   */
  writeSync(data: Uint8Array | string): void {
    if (this.#sink instanceof WritableStream) {
      throw new Error(`${this.name} cannot be written with a blocking call`);
    }
    const bytes = toBytes(data);
    if (tracing()) trace("write", this.name, { bytes });
    writeAllSync(this.#sink, bytes);
  }

  /** `write(fd, data, len)`: writes every byte (strings as UTF-8). */
  async write(data: Uint8Array | string): Promise<void> {
    const bytes = toBytes(data);
    // Recorded before the write: the reader cannot see the bytes any earlier.
    if (tracing()) trace("write", this.name, { bytes });
    await this.#writer.write(bytes);
  }

  /** Closes this end: once every write end is closed, the reader sees EOF. */
  async close(): Promise<void> {
    if (this.#streamWriter || this.#sink instanceof WritableStream) {
      await this.#writer.close().catch(() => {});
    } else {
      this.#sink.close();
    }
    trace("close", this.name, { what: "write end" });
  }
}
