/**
 * C's `exit()` and `atexit()`: ending a process from anywhere (a child's
 * role, a signal handler) while the tool's own bookkeeping still runs: the
 * trace records the end, and no child is left behind.
 *
 * @module
 */

const hooks: ((status: number) => void)[] = [];

/**
 * C's `atexit(fn)`: `fn` runs, with the status, when the process calls
 * {@linkcode exit}.
 */
export function atExit(fn: (status: number) => void): void {
  hooks.push(fn);
}

/** C's `exit(status)`: runs the hooks (last registered first), then ends. */
export function exit(status: number): never {
  for (const hook of hooks.toReversed()) {
    try {
      hook(status);
    } catch {
      // a hook must not keep the process from ending
    }
  }
  Deno.exit(status);
}
