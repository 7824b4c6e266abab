/**
 * Functions that run on a worker thread of this process: the book's
 * `read_routine` and `write_routine` of the split echo client, and the
 * process watcher. A module declares them with {@linkcode defineRoutines};
 * the worker imports that module by URL and finds the function by name
 * (`entrypoint.ts`, the same way a child process finds its role), with the
 * same settings a child gets (`settings.ts`).
 *
 * @module
 */

import { EntryTable } from "../entrypoint.ts";
import { currentSettings } from "../settings.ts";
import type { WorkerStart } from "./worker_entry.ts";

/** A routine running on a worker. */
export interface RunningRoutine {
  /** Resolves once the worker has loaded the routine and is about to run it. */
  started: Promise<void>;
  /** Resolves when the routine has returned; rejects if it threw. */
  done: Promise<void>;
  /** Stops the worker (and the routine) at once. */
  terminate(): void;
}

/** A routine: takes the data it was started with. */
// deno-lint-ignore no-explicit-any
export type Routine = (data: any) => void | Promise<void>;

/** A module's routines, and a way to start each on its own worker. */
export class Routines<R extends Record<string, Routine>> extends EntryTable<R> {
  /** Use {@linkcode defineRoutines}. */
  constructor(moduleUrl: string, routines: R) {
    super(moduleUrl, "worker", routines);
  }

  /**
   * Starts `name` on a new worker with `data`; `transfer` lists what in
   * `data` moves to the worker (streams, buffers).
   */
  start<K extends keyof R & string>(
    name: K,
    data: Parameters<R[K]>[0],
    transfer: Transferable[] = [],
  ): RunningRoutine {
    const worker = new Worker(new URL("./worker_entry.ts", import.meta.url), {
      type: "module",
      name: `${this.label}:${name}`,
    });
    const started = Promise.withResolvers<void>();
    const done = Promise.withResolvers<void>();
    const fail = (error: Error) => {
      started.reject(error);
      done.reject(error);
      worker.terminate();
    };
    started.promise.catch(() => {}); // a failure is reported through `done`
    worker.onmessage = (
      event: MessageEvent<{ started?: true; error?: string }>,
    ) => {
      if (event.data.started) return started.resolve();
      if (event.data.error !== undefined) {
        return fail(new Error(event.data.error));
      }
      done.resolve();
      worker.terminate();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(new Error(event.message));
    };
    const start: WorkerStart = {
      entry: this.address(name),
      data,
      settings: currentSettings(),
    };
    worker.postMessage(start, transfer);
    return {
      started: started.promise,
      done: done.promise,
      terminate: () => worker.terminate(),
    };
  }
}

/**
 * Declares functions of a module that run on worker threads. Call it with
 * the module's `import.meta.url`.
 *
 * @example Two routines, as the book's split client has
 * ```ts ignore
 * import { defineRoutines } from "../src/process/threads/worker.ts";
 *
 * export const routines = defineRoutines(import.meta.url, {
 *   readRoutine(data: { sock: ReadableStream<Uint8Array> }) {},
 *   writeRoutine(data: { sock: WritableStream<Uint8Array> }) {},
 * });
 * const reading = routines.start("readRoutine", { sock }, [sock]);
 * await reading.done;
 * ```
 */
export function defineRoutines<R extends Record<string, Routine>>(
  moduleUrl: string,
  routines: R,
): Routines<R> {
  return new Routines(moduleUrl, routines);
}
