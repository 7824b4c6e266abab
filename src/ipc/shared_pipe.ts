/**
 * One pipe that parent and child both read and write, as `pipe2.c` has it:
 * C makes the pipe before `fork()`, so both processes hold both ends.
 *
 * A Deno parent cannot hand descriptors to a child, but on Linux a process
 * can open another end of a pipe it can see through `/proc/<pid>/fd/<n>`.
 * The fork layer puts a pipe on the child's stdin (the parent holds its
 * write end); the parent opens a read end of that same pipe through
 * `/proc/<child>/fd/0`, and the child opens a write end through
 * `/proc/self/fd/0`. Now both hold both ends of one real OS pipe. Other
 * platforms have no such path ({@linkcode canSharePipe} is false).
 *
 * @module
 */

import { toBytes, writeAllSync } from "../bytes.ts";
import { PipeReader, type PipeWriter } from "./pipe.ts";
import { canSharePipe } from "../platform.ts";
import { trace, tracing } from "../trace/trace.ts";

export { canSharePipe };

/** The parent's two ends of the shared pipe. */
export interface ParentSharedPipe {
  /** `read(fds[0], buf, max)`. */
  read(max: number): Promise<Uint8Array | null>;
  /** `write(fds[1], data, len)`. */
  write(data: string | Uint8Array): Promise<void>;
  /** Closes the parent's write end (the parent keeps reading). */
  closeWrite(): Promise<void>;
  /** Closes both of the parent's ends. */
  close(): Promise<void>;
}

/**
 * Opens the parent's read end of the pipe on the stdin of the child `pid`,
 * whose write end the parent holds as `writer` (a child forked with
 * `toChild`).
 */
export async function shareChildPipe(
  pid: number,
  writer: PipeWriter,
): Promise<ParentSharedPipe> {
  const file = await Deno.open(`/proc/${pid}/fd/0`, { read: true });
  const reader = new PipeReader(file.readable, "fds");
  let writeOpen = true;
  const closeWrite = async () => {
    if (writeOpen) await writer.close();
    writeOpen = false;
  };
  return {
    read: (max) => reader.read(max),
    write: (data) => writer.write(data),
    closeWrite,
    async close() {
      await closeWrite();
      await reader.close();
    },
  };
}

/** The child's two ends of the shared pipe, with C's blocking calls. */
export interface ChildSharedPipe {
  /** `write(fds[1], data, len)`, blocking like C's. */
  writeSync(data: string | Uint8Array): void;
  /** `read(fds[0], buf, buf.length)`, blocking like C's: the byte count, 0 at end of file. */
  readSync(buf: Uint8Array): number;
  /** Closes the ends this child opened. */
  close(): void;
}

/** Opens the child's write end of the pipe on its own stdin. */
export function sharePipeWithParent(): ChildSharedPipe {
  // Both ends as plain files, so reads and writes take the same (primed) path.
  const readEnd = Deno.openSync("/proc/self/fd/0", { read: true });
  const writeEnd = Deno.openSync("/proc/self/fd/0", { write: true });
  prime();
  return {
    writeSync(data) {
      const bytes = toBytes(data);
      writeAllSync(writeEnd, bytes);
      // Only build trace text when tracing: this sits between C's write() and read().
      if (tracing()) trace("write", `${bytes.length} B to fds`);
    },
    readSync(buf) {
      const n = readEnd.readSync(buf) ?? 0;
      if (tracing()) trace("read", n === 0 ? "EOF on fds" : `${n} B from fds`);
      return n;
    },
    close() {
      readEnd.close();
      writeEnd.close();
    },
  };
}

/**
 * Runs the synchronous read and write paths a couple of thousand times on
 * /dev/null and /dev/zero, so the JIT has compiled them before the real
 * calls. A C child goes from write() to read() in about a microsecond; a
 * cold JavaScript path takes far longer and would tilt pipe2's race.
 */
function prime(): void {
  const sink = Deno.openSync("/dev/null", { write: true });
  const source = Deno.openSync("/dev/zero", { read: true });
  const buf = new Uint8Array(32);
  for (let i = 0; i < 2000; i++) {
    sink.writeSync(buf);
    source.readSync(buf);
  }
  sink.close();
  source.close();
}
