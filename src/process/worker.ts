/**
 * Runs a function of a program on its own worker thread: the book's
 * `read_routine` and `write_routine` of the split echo client. The worker
 * finds the function by the program's module name, as the fork layer's
 * child entry finds a role, so the routine reads like the book's code
 * and lives in `examples/` next to its program.
 *
 * @module
 */

import { getSpeed } from "../signal/clock.ts";
import { lang } from "../text.ts";
import { tracePath } from "../trace/trace.ts";

/** A routine running on a worker. */
export interface RunningRoutine {
  /** Resolves when the routine has returned; rejects if it threw. */
  done: Promise<void>;
  /** Stops the worker (and the routine) at once. */
  terminate(): void;
}

/** The message that starts a routine on the worker. */
export interface RoutineStart {
  program: string;
  routine: string;
  data: unknown;
  lang: string;
  speed: number;
  /** The trace log to append to, if tracing. */
  trace?: string;
}

/**
 * Starts `routine` of the program module `program` (its file name without
 * `.ts`) on a new worker, passing `data`; `transfer` lists the streams in
 * `data` that move to the worker.
 */
export function startRoutine(
  program: string,
  routine: string,
  data: unknown,
  transfer: Transferable[] = [],
): RunningRoutine {
  const worker = new Worker(new URL("./worker_entry.ts", import.meta.url), {
    type: "module",
    name: `${program}:${routine}`,
  });
  const done = Promise.withResolvers<void>();
  worker.onmessage = (event: MessageEvent<{ error?: string }>) => {
    if (event.data.error !== undefined) {
      done.reject(new Error(event.data.error));
    } else done.resolve();
    worker.terminate();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    done.reject(new Error(event.message));
    worker.terminate();
  };
  const start: RoutineStart = {
    program,
    routine,
    data,
    lang: lang(),
    speed: getSpeed(),
    trace: tracePath(),
  };
  worker.postMessage(start, transfer);
  return { done: done.promise, terminate: () => worker.terminate() };
}
