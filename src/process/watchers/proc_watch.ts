/**
 * Watches another process's state from a worker thread and reports every
 * change as a note, as `ps` in a second terminal would show it. Because it
 * runs on its own thread, it keeps reporting while the main thread is
 * blocked (which is how `zombie` keeps its child a zombie).
 *
 * @module
 */

import { delay } from "@std/async";
import { note } from "../../note.ts";
import { hasProcFs, isWindows } from "../../platform.ts";
import { tr } from "../../text.ts";
import { describeState, procState } from "../os/proc_info.ts";
import { defineRoutines, type Routines } from "../threads/worker.ts";

/** Windows has no state letters (and no zombies) to watch. */
const hasProcStates = !isWindows;

/** How often the OS is asked, in milliseconds. */
const POLL_MS = 10;

/** The watcher, run on its own worker. */
export const routines: Routines<
  { watch(data: { cell: Int32Array }): Promise<void> }
> = defineRoutines(import.meta.url, {
  /**
   * Waits until a pid is stored in `cell[0]`, then writes a note each time
   * the state letter of that process changes, until it is gone.
   */
  async watch({ cell }: { cell: Int32Array }): Promise<void> {
    Atomics.wait(cell, 0, 0); // this worker has nothing else to do
    const pid = Atomics.load(cell, 0);
    const source = hasProcFs ? `/proc/${pid}/stat` : `ps -o stat= -p ${pid}`;
    let last: string | null | undefined;
    while (true) {
      const state = await procState(pid);
      if (state !== last) {
        note({
          en: `state of ${pid} (from ${source}): ${tr(describeState(state))}`,
          ko: `${pid}의 상태 (${source}): ${tr(describeState(state))}`,
        });
        last = state;
      }
      if (state === null) return;
      await delay(POLL_MS);
    }
  },
});

/** A running watcher. */
export interface ProcWatch {
  /** Starts reporting the state of `pid` (no event-loop turn needed). */
  watch(pid: number): void;
  /** Resolves once the watched process is gone from the process table. */
  gone: Promise<void>;
  /** Stops the worker. */
  stop(): void;
}

/**
 * Starts the watcher and resolves once it runs. Start it before the child
 * exists: waiting for a worker lets the event loop run, and the runtime
 * would reap a child that had ended meanwhile. {@linkcode ProcWatch.watch}
 * then hands over the pid through shared memory, so the caller can block
 * its own thread right after and still be watched.
 */
export async function startProcWatch(): Promise<ProcWatch> {
  if (!hasProcStates) {
    // Windows has no process states to watch (and no zombies): a watcher
    // that sees nothing, as the catalog's note for the program says.
    return { watch() {}, gone: Promise.resolve(), stop() {} };
  }
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const watcher = routines.start("watch", { cell });
  await watcher.started;
  return {
    watch(pid) {
      Atomics.store(cell, 0, pid);
      Atomics.notify(cell, 0);
      note({
        en: `try it in another terminal:\n  ps -o pid,stat,cmd -p ${pid}`,
        ko: `다른 터미널에서 확인해 보자:\n  ps -o pid,stat,cmd -p ${pid}`,
      });
    },
    gone: watcher.done,
    stop: () => watcher.terminate(),
  };
}
