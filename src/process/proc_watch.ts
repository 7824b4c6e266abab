/**
 * Watches another process's state from a worker thread and reports every
 * change as a note, as `ps` in a second terminal would show it. Because it
 * runs on its own thread, it keeps reporting while the main thread is
 * blocked (which is how `zombie` keeps its child a zombie).
 *
 * @module
 */

import { lang } from "../text.ts";

/** A running watcher. */
export interface ProcWatch {
  /** Starts reporting the state of `pid`. */
  watch(pid: number): void;
  /** Stops the worker. */
  stop(): void;
}

/**
 * Starts the watcher's worker and resolves once it is running, so that the
 * caller can then block its own thread and still be watched.
 */
export async function startProcWatch(): Promise<ProcWatch> {
  const worker = new Worker(
    new URL("./proc_watch_worker.ts", import.meta.url),
    {
      type: "module",
    },
  );
  const ready = Promise.withResolvers<void>();
  worker.onmessage = () => ready.resolve();
  worker.onerror = (event) => {
    event.preventDefault();
    ready.reject(new Error(`process watcher failed: ${event.message}`));
  };
  worker.postMessage({ lang: lang() });
  await ready.promise;
  return {
    watch(pid) {
      worker.postMessage({ pid });
    },
    stop() {
      worker.terminate();
    },
  };
}
