/**
 * A warm pool of children for a server: a few children are started ahead
 * and wait (blocked, as C's child would be in `read()`), so an accepted
 * client is handed to a ready process at once instead of waiting for a
 * runtime to start (tens of milliseconds for a Deno child; C's `fork()`
 * takes a fraction of one). Each child still serves one client and ends
 * with it; taking one starts its replacement.
 *
 * The pool adapts to bursts within a bound: while clients keep arriving
 * faster than {@linkcode BURST_MS} apart, it keeps one more spare child per
 * such client, up to {@linkcode spareLimit} children (`limits.ts`);
 * after {@linkcode QUIET_MS} without a client it ends the extra ones and
 * keeps its base size again. Replacements start one at a time, with a short
 * gap, and never inside `take()`: starting a process blocks the parent
 * until it has exec'd, and a booting runtime takes the CPU the clients
 * being served need.
 *
 * Idle children are not yet anyone's: they stay out of the process table
 * until taken, so `waitpid(-1)` and a SIGCHLD handler see only the
 * children that served clients, as in the book.
 *
 * @module
 */

import { messageOf } from "../errors.ts";
import { note } from "../note.ts";
import { adopt, type ChildProcess } from "../process/child.ts";
import { CHILD_MB, spareLimit } from "./limits.ts";

export { spareLimit };

/** Clients closer together than this count as a burst, in ms. */
export const BURST_MS = 100;

/** After this long without a client the pool shrinks to its base size, in ms. */
export const QUIET_MS = 2000;

/** The gap between two replacement starts, in ms. */
export const REFILL_INTERVAL_MS = 25;

/** Started children waiting for a client. */
export class ChildPool {
  /** The base number of waiting children (`--prefork`). */
  readonly size: number;
  #idle: ChildProcess[] = [];
  #serving = new Set<ChildProcess>();
  #start: () => ChildProcess;
  #usable: (child: ChildProcess) => boolean;
  #target: number;
  #closed = false;
  #lastTake = -Infinity;
  #refillTimer?: ReturnType<typeof setTimeout>;
  #quietTimer?: ReturnType<typeof setTimeout>;

  /**
   * Keeps `size` children started with `start` (which must fork with
   * `adopt: false`); `usable` tells whether a waiting child can still take
   * a client. Size 0 starts each child when it is taken, as C's server
   * forks on accept.
   */
  constructor(
    size: number,
    start: () => ChildProcess,
    usable: (child: ChildProcess) => boolean = (child) => !child.exited,
  ) {
    this.size = size;
    this.#target = size;
    this.#start = start;
    this.#usable = usable;
    for (let i = 0; i < size; i++) this.#startOne();
    if (size > 0) {
      const most = spareLimit(size);
      note({
        en:
          `${size} children are started and wait for clients (--prefork ${size}; ` +
          `0 forks on accept, as the book): about ${
            size * CHILD_MB
          } MB, ${CHILD_MB} MB ` +
          `each; up to ${most} wait during bursts (${
            most * CHILD_MB
          } MB), and each ` +
          `client's child costs the same ${CHILD_MB} MB`,
        ko:
          `자식 ${size}개가 미리 시작해 클라이언트를 기다린다 (--prefork ${size}, ` +
          `0이면 책처럼 accept 때 fork): 하나에 ${CHILD_MB}MB씩 약 ${
            size * CHILD_MB
          }MB. ` +
          `클라이언트가 몰리면 ${most}개(${most * CHILD_MB}MB)까지 기다리고, ` +
          `클라이언트마다 자식 하나가 같은 ${CHILD_MB}MB를 쓴다`,
      });
    }
  }

  /** Children waiting now. */
  get idle(): number {
    return this.#idle.filter((child) => !child.exited).length;
  }

  /** The children taken for a client that have not ended yet. */
  get serving(): ReadonlySet<ChildProcess> {
    return this.#serving;
  }

  /**
   * C's `fork()` for a new client: a waiting child if there is one (its
   * replacement starts soon), else a new one; now part of the process
   * table. Null when no process could be started (C: `fork()` returns -1),
   * with a note saying why.
   */
  take(): ChildProcess | null {
    const now = performance.now();
    const burst = now - this.#lastTake < BURST_MS;
    this.#lastTake = now;
    let child: ChildProcess | undefined;
    while ((child = this.#idle.shift()) && !this.#usable(child)) {
      // Ended while it waited (killed from outside): not usable.
      child.kill("SIGKILL");
    }
    if (this.size > 0) {
      if (burst || !child) {
        this.#target = Math.min(this.#target + 1, spareLimit(this.size));
      }
      this.#refillSoon();
      this.#shrinkWhenQuiet();
    }
    if (!child) {
      try {
        child = this.#start();
      } catch (error) {
        note({
          en: `fork() failed: ${messageOf(error)}; this client is closed`,
          ko: `fork() 실패: ${messageOf(error)}. 이 클라이언트는 닫는다`,
        });
        return null;
      }
    }
    adopt(child);
    this.#serving.add(child);
    const served = child;
    void child.status.then(() => this.#serving.delete(served));
    return child;
  }

  /** Ends the waiting children (SIGTERM) and waits for them. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#refillTimer);
    clearTimeout(this.#quietTimer);
    const idle = this.#idle;
    this.#idle = [];
    for (const child of idle) child.kill("SIGTERM");
    await Promise.all(idle.map(async (child) => {
      await child.status;
      await child.close();
    }));
  }

  #startOne(): boolean {
    try {
      const child = this.#start();
      this.#idle.push(child);
      return true;
    } catch {
      return false; // no process now (EMFILE, EAGAIN): take() will say so
    }
  }

  /** Starts one missing child every interval until the target is met. */
  #refillSoon(): void {
    if (this.#refillTimer !== undefined) return;
    this.#refillTimer = setTimeout(() => {
      this.#refillTimer = undefined;
      if (this.#closed || this.idle >= this.#target) return;
      if (this.#startOne()) this.#refillSoon();
    }, REFILL_INTERVAL_MS);
  }

  /** Back to the base size once clients stop coming for a while. */
  #shrinkWhenQuiet(): void {
    clearTimeout(this.#quietTimer);
    this.#quietTimer = setTimeout(() => {
      if (this.#closed) return;
      this.#target = this.size;
      const extra = this.#idle.splice(this.size);
      for (const child of extra) child.kill("SIGTERM");
    }, QUIET_MS);
    Deno.unrefTimer(this.#quietTimer);
  }
}
