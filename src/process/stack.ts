/**
 * Giving back the stack memory that a process's start-up used and nothing
 * uses any more.
 *
 * Deno's start-up runs deep on the main thread: a process blocked in
 * `read()` afterwards holds about 400 KB of stack pages it touched once,
 * although its live frames take less than 32 KB. A serving child is
 * started for every client and waits most of its life, so the tool gives
 * those pages back (`madvise(MADV_DONTNEED)`) before the child blocks. A
 * page touched again later comes back zeroed, which is all a stack needs
 * below its pointer.
 *
 * @example
 * ```ts
 * import { releaseIdleStack } from "./stack.ts";
 *
 * const bytes = releaseIdleStack(); // 0 where this is not Linux
 * console.log(bytes >= 0);
 * ```
 *
 * @module
 */

import { dropPages } from "../ipc/libc.ts";
import { hasProcFs } from "../platform.ts";

/** What is kept below the stack pointer: room for the calls that come next. */
const KEEP = 16n * 1024n;

/**
 * Drops the main thread's stack pages below the current frame (and
 * {@linkcode KEEP} bytes under it). Returns how many bytes were given
 * back: 0 without `/proc` (not Linux), on another thread, or when there is
 * nothing to give.
 */
export function releaseIdleStack(): number {
  if (!hasProcFs) return 0;
  try {
    const stack = Deno.readTextFileSync("/proc/self/smaps")
      .split(/\n(?=[0-9a-f]+-[0-9a-f]+ )/)
      .find((block) => block.split("\n")[0].endsWith("[stack]"));
    if (!stack) return 0;
    const [low, high] = stack.split(" ")[0].split("-").map((x) =>
      BigInt(`0x${x}`)
    );
    const pageKb = stack.match(/^KernelPageSize:\s+(\d+) kB$/m)?.[1];
    if (!pageKb) return 0;
    const page = BigInt(pageKb) * 1024n;
    // The kernel shows a thread reading its own `syscall` file the
    // registers of that very read(): the system call's number, its six
    // arguments, then the user stack pointer.
    const fields = Deno.readTextFileSync("/proc/thread-self/syscall").split(
      " ",
    );
    const sp = BigInt(fields[7] ?? "0");
    if (sp <= low || sp >= high) return 0; // not the main thread's stack
    const end = (sp - KEEP) / page * page;
    if (end <= low) return 0;
    dropPages(low, end - low);
    return Number(end - low);
  } catch {
    return 0; // only a saving: without it the process just keeps the pages
  }
}
