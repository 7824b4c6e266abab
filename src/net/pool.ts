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
 * being served need; so a replacement also waits for a free CPU, a second
 * at most ({@linkcode SPARE_WAIT_MS}).
 *
 * A child started ahead warms up before it says it is ready
 * (`child_socket.ts`); `take()` prefers a ready child. When none waits,
 * the server accepts the next client only once fewer children are
 * starting than the machine has CPUs ({@linkcode ChildPool.room}): in a
 * burst they then come up one after another instead of all late together.
 *
 * Idle children are not yet anyone's: they stay out of the process table
 * until taken, so `waitpid(-1)` and a SIGCHLD handler see only the
 * children that served clients, as in the book.
 *
 * @module
 */

import { messageOf } from "../errors.ts";
import { note } from "../note.ts";
import { hasProcFs } from "../platform.ts";
import { adopt, type ChildProcess } from "../process/child.ts";
import { CHILD_MB, spareLimit, startingLimit } from "./limits.ts";

export { spareLimit };

/** Clients closer together than this count as a burst, in ms. */
export const BURST_MS = 100;

/** After this long without a client the pool shrinks to its base size, in ms. */
export const QUIET_MS = 2000;

/** The gap between two replacement starts, in ms. */
export const REFILL_INTERVAL_MS = 25;

/** The longest a spare waits for a free CPU before it starts anyway, in ms. */
export const SPARE_WAIT_MS = 1000;

/**
 * Whether a CPU is free, from `/proc/loadavg`'s text: its fourth field
 * counts the tasks that can run at the moment it is read, the reader
 * included; a CPU is free when the others are fewer than `cpus`.
 *
 * @example
 * ```ts
 * import { cpuFreeIn } from "./pool.ts";
 *
 * cpuFreeIn("0.52 0.58 0.59 2/310 4711", 2); // true: one other task runs
 * cpuFreeIn("1.90 1.20 0.90 4/310 4711", 2); // false: three want 2 CPUs
 * ```
 */
export function cpuFreeIn(loadavg: string, cpus: number): boolean {
  const runnable = Number(loadavg.split(" ")[3]?.split("/")[0]);
  return !(runnable - 1 >= cpus);
}

/** {@linkcode cpuFreeIn} now (Linux); true elsewhere, where it cannot be seen. */
function cpuFree(): boolean {
  if (!hasProcFs) return true;
  try {
    return cpuFreeIn(
      Deno.readTextFileSync("/proc/loadavg"),
      navigator.hardwareConcurrency || 1,
    );
  } catch {
    return true;
  }
}

/** How often {@linkcode ChildPool.room} looks again, in ms. */
const ROOM_POLL_MS = 2;

/** The longest {@linkcode ChildPool.room} waits, in ms: a child stuck starting holds nobody up for long. */
const ROOM_MAX_MS = 1000;

/** What the pool asks about its children (the hand-off knows). */
export interface PoolChildren {
  /** Whether a waiting child can still take a client. */
  usable(child: ChildProcess): boolean;
  /** Whether a waiting child has said it will serve a client at once. */
  ready(child: ChildProcess): boolean;
  /** How many started children have not yet said they are up. */
  starting(): number;
}

/** Every child usable and ready as long as it runs; none known to be starting. */
const RUNNING: PoolChildren = {
  usable: (child) => !child.exited,
  ready: (child) => !child.exited,
  starting: () => 0,
};

/** Started children waiting for a client. */
export class ChildPool {
  /** The base number of waiting children (`--prefork`). */
  readonly size: number;
  #idle: ChildProcess[] = [];
  #serving = new Set<ChildProcess>();
  #start: () => ChildProcess;
  #children: PoolChildren;
  #target: number;
  #closed = false;
  #lastTake = -Infinity;
  #refillTimer?: ReturnType<typeof setTimeout>;
  /** Since when a spare has waited for a free CPU. */
  #waitingSince?: number;
  #quietTimer?: ReturnType<typeof setTimeout>;

  /**
   * Keeps `size` children started with `start` (which must fork with
   * `adopt: false`); `children` tells which can take a client, which are
   * ready, and how many are still starting. Size 0 starts each child when
   * it is taken, as C's server forks on accept.
   */
  constructor(
    size: number,
    start: () => ChildProcess,
    children: PoolChildren = RUNNING,
  ) {
    this.size = size;
    this.#target = size;
    this.#start = start;
    this.#children = children;
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
    let child = this.#pick();
    if (this.size > 0) {
      if (burst || !child) {
        this.#target = Math.min(this.#target + 1, spareLimit(this.size));
      }
      // Timers after the hand-off: the client waits for none of this.
      queueMicrotask(() => {
        this.#refillSoon();
        this.#shrinkWhenQuiet();
      });
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

  /**
   * Resolves when a client can be served without piling up starts: a
   * child waits, or fewer children are starting than the machine has
   * CPUs. Each runtime takes tens of milliseconds of CPU to start; started
   * together for a burst, they share the CPUs and all come up late (the
   * parent's own spawns slowing down with them), where started a few at a
   * time the first clients are served early. The clients meanwhile wait
   * in the listen queue, as they would for a busy C parent. At most
   * {@linkcode ROOM_MAX_MS}, and no longer once `stopped()` says so.
   */
  async room(stopped: () => boolean = () => false): Promise<void> {
    const until = performance.now() + ROOM_MAX_MS;
    while (
      !this.#closed && !stopped() && this.idle === 0 &&
      this.#children.starting() >= startingLimit() &&
      performance.now() < until
    ) {
      await new Promise((resolve) => setTimeout(resolve, ROOM_POLL_MS));
    }
  }

  /**
   * The waiting child to take: the first that is ready, else the one
   * started first (it comes up soonest). Children that ended while they
   * waited (killed from outside) are dropped.
   */
  #pick(): ChildProcess | undefined {
    let first: number | undefined;
    for (let i = 0; i < this.#idle.length; i++) {
      const child = this.#idle[i];
      if (!this.#children.usable(child)) {
        child.kill("SIGKILL");
        this.#idle.splice(i--, 1);
        continue;
      }
      first ??= i;
      if (this.#children.ready(child)) return this.#idle.splice(i, 1)[0];
    }
    return first === undefined ? undefined : this.#idle.splice(first, 1)[0];
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

  /**
   * Starts one missing child every interval until the target is met, no
   * more than the CPUs can start at once (see {@linkcode room}), and only
   * on a CPU that nothing else wants: a spare's start and warm-up take
   * tens of milliseconds of CPU, which the clients being served need more.
   * A spare waits at most {@linkcode SPARE_WAIT_MS} for one.
   */
  #refillSoon(): void {
    if (this.#refillTimer !== undefined) return;
    this.#refillTimer = setTimeout(() => {
      this.#refillTimer = undefined;
      if (this.#closed || this.idle >= this.#target) {
        this.#waitingSince = undefined;
        return;
      }
      const now = performance.now();
      this.#waitingSince ??= now;
      const waited = now - this.#waitingSince >= SPARE_WAIT_MS;
      const startNow = this.#children.starting() < startingLimit() &&
        (waited || cpuFree());
      if (!startNow || this.#startOne()) {
        if (startNow) this.#waitingSince = undefined;
        this.#refillSoon();
      }
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
