/**
 * What the echo servers may start, bounded by what one machine can hold.
 * Each client of the book's server costs one child process; a Deno child
 * is a whole runtime, about 10 MB of private memory (measured: 9.4 MB after
 * its first echo, see BENCHMARK.md), where C's forked child shares its
 * parent's pages. The bounds keep an argument (`--prefork 99999`) or a
 * flood of clients from starting more than the machine can hold.
 *
 * @example
 * ```ts
 * import { childBudget, spareLimit } from "./limits.ts";
 *
 * spareLimit(4); // 16 children at most wait during a burst
 * childBudget(128, 4, 24 * 2 ** 30); // null: fits in 24 GiB
 * ```
 *
 * @module
 */

import type { Text } from "../text.ts";
import { withJosa } from "../josa.ts";

/** Private memory of one waiting or serving child, in MB, as measured. */
export const CHILD_MB = 10;

/** The largest `--prefork`. */
export const MAX_PREFORK = 64;

/** The largest `--max-clients`. */
export const MAX_CLIENTS = 1024;

/** The share of the machine's memory the server's children may take at most. */
const MEMORY_SHARE = 0.5;

/** The most children a pool of base size `size` keeps waiting. */
export function spareLimit(size: number): number {
  return size === 0 ? 0 : Math.max(size, Math.min(4 * size, 32));
}

/**
 * The most children the pool lets start at once: one per CPU (at least
 * two). A child's start is CPU-bound; more at once only share the CPUs.
 */
export function startingLimit(): number {
  return Math.max(2, navigator.hardwareConcurrency || 0);
}

/** The most children a server may have at once: every client's, and the spares. */
export function childrenAtOnce(maxClients: number, prefork: number): number {
  return maxClients + spareLimit(prefork);
}

/**
 * Why `maxClients` clients and a pool of `prefork` are too many for a
 * machine with `totalBytes` of memory (half of it at {@linkcode CHILD_MB}
 * a child), or null when they fit.
 */
export function childBudget(
  maxClients: number,
  prefork: number,
  totalBytes: number,
): Text | null {
  const children = childrenAtOnce(maxClients, prefork);
  const fit = Math.floor(totalBytes * MEMORY_SHARE / (CHILD_MB * 1e6));
  if (children <= fit) return null;
  const gb = (bytes: number) => (bytes / 1e9).toFixed(1);
  return {
    en:
      `--max-clients ${maxClients} and --prefork ${prefork} allow ${children} children at once, ` +
      `about ${
        gb(children * CHILD_MB * 1e6)
      } GB at ${CHILD_MB} MB each; half of this ` +
      `machine's ${gb(totalBytes)} GB holds ${fit}`,
    ko:
      `${withJosa(`--max-clients ${maxClients}`, "과/와")} ${
        withJosa(`--prefork ${prefork}`, "이면/면")
      } 자식 프로세스가 동시에 ` +
      `${children}개까지 생겨 하나에 ${CHILD_MB}MB씩 약 ${
        gb(children * CHILD_MB * 1e6)
      }GB가 ` +
      `든다. 이 컴퓨터의 메모리 ${
        gb(totalBytes)
      }GB의 절반에는 ${fit}개가 들어간다`,
  };
}
