/**
 * How a serving child is tuned, in one place. A serving child is a whole
 * runtime started for one client, where C's `fork()` copies a process in a
 * fraction of a millisecond and shares its pages: each line below buys
 * back start-up time, memory or speed on a new connection, and each was
 * measured on Linux x86_64, 2 cores, Deno 2.9.6 (MB are 10⁶ bytes):
 *
 * | tuning | where | saves | costs |
 * |---|---|---|---|
 * | V8 on the child's own thread (`--single-threaded`, {@linkcode childEnv}) | every child | 0.7 to 1.1 MB: over 12 000 echoes a child grew 0.1 MB, against 0.8 to 1.2 MB with V8's background threads | V8 compiles on the child's thread: 0.1 to 0.5 ms per function, on the client's path if the client is already there |
 * | baseline code at a function's first call (`--always-sparkplug`, {@linkcode CHILD_V8_FLAGS}) | every child | a child that gets its client before it has warmed up (in a burst) runs its first round trips in V8's baseline code instead of its interpreter: 50 clients × 200 round trips after a burst of 50 and a quiet pause, 54 264 → 61 722 and 64 509 → 71 263 round trips/s in two comparisons (medians of 4 rounds in turns; 0.72 → 0.80 and 0.72 → 0.83 of C's); `deno task bench`, which measures them right after the burst, did not show it in five runs | 0.2 MB per child (10.02 → 10.21 MB in the bench); no measurable start-up time |
 * | no `node` stand-in (`DENO_DISABLE_NODE_SHIM`, {@linkcode childEnv}) | every child | a file operation per start; under Wine 243 → 177 ms per start and no 90 MB copy left | nothing: no child runs `node` |
 * | no code cache (`--no-code-cache`, {@linkcode CHILD_RUN_FLAGS}) | every child | 0.3 MB | no measurable start-up time |
 * | warm-up ({@linkcode warmUp}): {@linkcode WARM_ROUND_TRIPS} round trips on a socket pair | a child started ahead, until its client comes | its client's first round trips run compiled code (V8's Maglev compiles the read/write path at about 400 calls), and the receiving path has run once | about 5 ms of CPU (100 round trips take about 0.5 ms) and 0.2 MB (9.69 to 9.80 → 9.87 to 9.96 MB for a waiting child), off the client's path |
 * | stack release ({@linkcode releaseIdleStack}) | before the child waits or serves | the 0.4 MB of stack Deno's start-up touched (420 → under 128 KB) | 0.13 ms (`/proc/self/maps`; `smaps` took 4.5 ms) |
 * | heap trim ({@linkcode trimHeap}) after the warm-up and after {@linkcode TRIM_FIRST}, 2×, 4×, ... reads | serving | 0.13 to 0.37 MB that V8's compilers free into malloc | under 0.1 ms a call, about thirty calls over a billion reads |
 *
 * Tried and left out: lower V8 tier-up counts, so that the warm-up ends in
 * Turbofan's code rather than Maglev's (`--invocation-count-for-turbofan=500`):
 * 12 ms more CPU per child and 0.2 MB more; keeping V8 from optimizing
 * (`--max-opt=1`): a lone child stayed under 9.8 MB but its warm round
 * trip took 7 % longer; Maglev after 100 calls instead of 400
 * (`--invocation-count-for-maglev=100`) for a child that serves cold: its
 * compiling lands on the client's path (50 x 200 after a burst, 62 717 →
 * 54 001 round trips/s, 0.80 → 0.72 of C's).
 *
 * @module
 */

import { dropPages, trimHeap } from "../ipc/libc.ts";
import { hasProcFs } from "../platform.ts";

export { trimHeap };

/** The V8 flags every child runs with: V8 on one thread, baseline code from the first call. */
export const CHILD_V8_FLAGS = "--single-threaded,--always-sparkplug";

/** What every child's environment adds: {@linkcode CHILD_V8_FLAGS}, no `node` stand-in. */
export function childEnv(): Record<string, string> {
  const own = Deno.env.get("DENO_V8_FLAGS");
  return {
    DENO_DISABLE_NODE_SHIM: "1",
    DENO_V8_FLAGS: own ? `${own},${CHILD_V8_FLAGS}` : CHILD_V8_FLAGS,
  };
}

/** What `deno run` gets for every child (a compiled binary has no cache to read). */
export const CHILD_RUN_FLAGS: readonly string[] = ["--no-code-cache"];

/** Round trips of the warm-up: enough for V8 to compile the path (Maglev, at about 400 calls). */
export const WARM_ROUND_TRIPS = 1000;

/** Round trips between two looks for a client during the warm-up (about 0.5 ms). */
export const WARM_SLICE = 100;

/** The read after which a serving child first trims its C heap. */
export const TRIM_FIRST = 1000;

/**
 * Runs `roundTrip` {@linkcode WARM_ROUND_TRIPS} times in slices, asking
 * `interrupted()` before each slice and once at the end: its first answer
 * other than undefined ends the warm-up and is returned. The C heap is
 * trimmed after.
 *
 * @example
 * ```ts
 * import { warmUp } from "./child_tuning.ts";
 *
 * let calls = 0;
 * const came = warmUp(() => calls++, () => calls >= 300 ? "client" : undefined);
 * console.log(came, calls); // "client" 300
 * ```
 */
export function warmUp<T>(
  roundTrip: () => void,
  interrupted: () => T | undefined,
): T | undefined {
  try {
    for (let done = 0; done < WARM_ROUND_TRIPS; done += WARM_SLICE) {
      const came = interrupted();
      if (came !== undefined) return came;
      for (let i = 0; i < WARM_SLICE; i++) roundTrip();
    }
    return interrupted();
  } finally {
    trimHeap(); // what V8's compilers freed into malloc
  }
}

/** What is kept below the stack pointer: room for the calls that come next. */
const KEEP = 16n * 1024n;

/** Addresses given back are aligned to this: a multiple of any page size in use (4, 16 or 64 KiB). */
const ALIGN = 64n * 1024n;

/**
 * Gives back the main thread's stack pages below the current frame (and
 * {@linkcode KEEP} bytes under it): Deno's start-up runs deep, and a child
 * blocked in `read()` afterwards holds about 400 KB of stack it touched
 * once, though its live frames take less than 32 KB. A page touched again
 * comes back zeroed, which is all a stack needs below its pointer
 * (`madvise(MADV_DONTNEED)`). Returns the bytes given back: 0 without
 * `/proc` (not Linux), on another thread, or when there is nothing to give.
 *
 * @example
 * ```ts
 * import { releaseIdleStack } from "./child_tuning.ts";
 *
 * const bytes = releaseIdleStack(); // 0 where this is not Linux
 * console.log(bytes >= 0);
 * ```
 */
export function releaseIdleStack(): number {
  if (!hasProcFs) return 0;
  try {
    const line = Deno.readTextFileSync("/proc/self/maps").split("\n")
      .find((line) => line.endsWith("[stack]"));
    if (!line) return 0;
    const [low, high] = line.split(" ")[0].split("-").map((x) =>
      BigInt(`0x${x}`)
    );
    // The kernel shows a thread reading its own `syscall` file the
    // registers of that very read(): the system call's number, its six
    // arguments, then the user stack pointer.
    const fields = Deno.readTextFileSync("/proc/thread-self/syscall").split(
      " ",
    );
    const sp = BigInt(fields[7] ?? "0");
    if (sp <= low || sp >= high) return 0; // not the main thread's stack
    const end = (sp - KEEP) / ALIGN * ALIGN;
    if (end <= low) return 0;
    dropPages(low, end - low);
    return Number(end - low);
  } catch {
    return 0; // only a saving: without it the process just keeps the pages
  }
}
