/**
 * The system calls the examples make on plain descriptors, as the book
 * writes them: `pipe()`, `read()`, `write()`, `close()` (from `libc.ts`),
 * each recorded in the `--trace` picture with the bytes it moved.
 *
 * @module
 */

import { trace, tracing } from "../trace/trace.ts";
import * as libc from "./libc.ts";

/** C's `pipe(fds)`: `[fds[0], fds[1]]`, the exit and the entrance. */
export function pipe(): [number, number] {
  const fds = libc.pipe();
  if (tracing()) trace("pipe", `fds = [${fds[0]}, ${fds[1]}]`);
  return fds;
}

/** C's blocking `read(fd, buf, sizeof(buf))`: bytes read, 0 at end of file. */
export function read(fd: number, buf: Uint8Array): number {
  if (tracing()) trace("wait", `fd ${fd}`);
  const n = libc.read(fd, buf);
  if (tracing()) {
    trace(
      "read",
      `fd ${fd}`,
      n === 0 ? { what: "eof" } : { bytes: buf.subarray(0, n) },
    );
  }
  return n;
}

/**
 * C's `write(fd, buf, len)`: the first `len` bytes of `buf` (all of it when
 * `len` is left out), every byte (a pipe may take part at a time).
 */
export function write(
  fd: number,
  buf: Uint8Array,
  len: number = buf.length,
): void {
  if (tracing()) trace("write", `fd ${fd}`, { bytes: buf.subarray(0, len) });
  libc.writeAll(fd, buf, len);
}

/** C's `close(fd)`. */
export function close(fd: number): void {
  libc.close(fd);
  if (tracing()) trace("close", `fd ${fd}`);
}
