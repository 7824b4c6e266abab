/**
 * The system calls the examples make on plain descriptors, as the book
 * writes them: `pipe()`, `read()`, `write()`, `close()` (from `libc.ts`),
 * each recorded in the `--trace` picture with the bytes it moved.
 *
 * @module
 */

import { trace, traceRead, tracing } from "../trace/trace.ts";
import * as libc from "./libc.ts";

/** What the program calls its descriptors (`fds1[0]`), for the trace. */
const labels = new Map<number, string>();

/** How the trace names descriptor `fd`: the program's name for it, or `fd 5`. */
export function labelOf(fd: number): string {
  return labels.get(fd) ?? `fd ${fd}`;
}

/**
 * The names of `fds` that have one, to hand to a child that inherits
 * them under the same numbers (see {@linkcode nameDescriptors}).
 */
export function labelsOf(fds: readonly number[]): Record<number, string> {
  return Object.fromEntries(
    fds.filter((fd) => labels.has(fd)).map((fd) => [fd, labels.get(fd)!]),
  );
}

/** Takes over names of descriptors, e.g. those a child inherited. */
export function nameDescriptors(names: Record<number, string>): void {
  for (const [fd, name] of Object.entries(names)) labels.set(Number(fd), name);
}

/**
 * C's `pipe(fds)`: `[fds[0], fds[1]]`, the exit and the entrance. `name`
 * is the array's name in the book (`fds1`), for the trace.
 */
export function pipe(name = "fds"): [number, number] {
  const fds = libc.pipe();
  labels.set(fds[0], `${name}[0]`);
  labels.set(fds[1], `${name}[1]`);
  if (tracing()) trace("pipe", `${name} = [${fds[0]}, ${fds[1]}]`);
  return fds;
}

/** C's blocking `read(fd, buf, sizeof(buf))`: bytes read, 0 at end of file. */
export function read(fd: number, buf: Uint8Array): number {
  if (tracing()) traceRead(labelOf(fd));
  const n = libc.read(fd, buf);
  if (tracing()) traceRead(labelOf(fd), buf.subarray(0, n));
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
  if (tracing()) trace("write", labelOf(fd), { bytes: buf.subarray(0, len) });
  libc.writeAll(fd, buf, len);
}

/**
 * Linux's `fcntl(fd, F_SETPIPE_SZ, bytes)`: the pipe of `fd` holds at least
 * `bytes` from now on. Its new capacity, or null where the system has no
 * such call or refuses it (the pipe keeps the capacity it had).
 */
export function setPipeSize(fd: number, bytes: number): number | null {
  return libc.setPipeSize(fd, bytes);
}

/** C's `close(fd)`. */
export function close(fd: number): void {
  libc.close(fd);
  if (tracing()) trace("close", labelOf(fd));
}
