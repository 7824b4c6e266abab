/**
 * C's `<sys/wait.h>`: `wait()`, `waitpid()` and the macros that read a
 * status, over the process table of `child.ts`.
 *
 * @example `waitpid.c`'s polling loop
 * ```ts ignore
 * import { waitpid, WEXITSTATUS, WIFEXITED } from "./wait.ts";
 *
 * let status;
 * while (!(status = await waitpid(-1, { noHang: true }))) { // WNOHANG
 *   await sleep(3);
 *   console.log("sleep 3sec.");
 * }
 * if (WIFEXITED(status)) console.log(`Child send ${WEXITSTATUS(status)} `);
 * ```
 *
 * @module
 */

import { delay } from "@std/async";
import { hasProcFs } from "../platform.ts";
import { type ExitStatus, osSaysEnded, tableEntries } from "./child.ts";

export type { ExitStatus };

/**
 * C's `wait(&status)`: waits until any uncollected child has ended and
 * collects it; of several that have ended, the oldest. `null` when there is
 * no child left (C returns -1 with ECHILD).
 */
export async function wait(): Promise<ExitStatus | null> {
  return await waitpid(-1);
}

/** Options of {@linkcode waitpid}. */
export interface WaitpidOptions {
  /** C's `WNOHANG`: return `null` at once when no such child has ended yet. */
  noHang?: boolean;
}

/**
 * C's `waitpid(pid, &status, options)`. `pid` -1 means any child. With
 * `noHang` it returns `null` when none has ended yet. On Linux it also asks
 * the OS (`/proc`), so a child that has exited but whose status the runtime
 * has not delivered yet counts as ended, as it would for C's waitpid.
 */
export async function waitpid(
  pid: number,
  options: WaitpidOptions = {},
): Promise<ExitStatus | null> {
  const candidates = tableEntries().filter((child) =>
    pid === -1 || child.pid === pid
  );
  if (candidates.length === 0) return null;
  // Of the children that have ended, the oldest comes first, as Linux's
  // wait() hands them out (it walks its list of children oldest first).
  const ended = candidates.find((child) =>
    child.exited || osSaysEnded(child.pid)
  );
  if (ended) return await ended.wait();
  if (!options.noHang) {
    const first = await Promise.race(
      candidates.map((child) => child.status.then(() => child)),
    );
    return await first.wait();
  }
  if (!hasProcFs) {
    // Without /proc, give the runtime one turn of the event loop to deliver
    // a status it has already reaped, then look again.
    await delay(0);
    const late = candidates.find((child) => child.exited);
    if (late) return await late.wait();
  }
  return null;
}

/** C's `WIFEXITED(status)`: the child ended by returning or calling exit(). */
export function WIFEXITED(status: ExitStatus): boolean {
  return status.signal === null;
}

/** C's `WEXITSTATUS(status)`: the value it returned or passed to exit(). */
export function WEXITSTATUS(status: ExitStatus): number {
  return status.code;
}
