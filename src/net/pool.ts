/**
 * A warm pool of children for a server: a few children are started ahead
 * and wait, blocked on their stdin, so an accepted client is handed to a
 * ready process at once instead of waiting for a runtime to start (tens of
 * milliseconds for a Deno child). Each child still serves one client and
 * ends with it; taking one starts its replacement in the background.
 * Replacements wait for a quiet moment ({@linkcode REFILL_INTERVAL_MS}
 * without a new client, at most {@linkcode REFILL_MAX_WAIT_MS}) and then
 * start one at a time, that interval apart: starting a process blocks the
 * parent until it has exec'd, and booting runtimes take the CPU, so during
 * a burst of clients both would delay the clients being served.
 *
 * Idle children are not yet anyone's: they stay out of the process table
 * until taken, so `waitpid(-1)` and a SIGCHLD handler see only the
 * children that served clients, as in the book.
 *
 * @module
 */

import { note } from "../note.ts";
import { adopt, type ChildProcess } from "../process/fork.ts";

/** Quiet time before a replacement starts, and the gap between two, in ms. */
export const REFILL_INTERVAL_MS = 25;

/** The longest a replacement waits for a quiet moment, in ms. */
export const REFILL_MAX_WAIT_MS = 1000;

/** Started children waiting for a client. */
export class ChildPool {
  #idle: ChildProcess[] = [];
  #start: () => ChildProcess;
  #closed = false;
  #owed = 0;
  #owedSince = 0;
  #timer?: ReturnType<typeof setTimeout>;

  /**
   * Keeps `size` children started with `start` (which must fork with
   * `adopt: false`). Size 0 starts each child when it is taken, as C's
   * server forks on accept.
   */
  constructor(size: number, start: () => ChildProcess) {
    this.#start = start;
    for (let i = 0; i < size; i++) this.#idle.push(this.#prepared());
    if (size > 0) {
      note({
        en:
          `${size} children are started and wait for clients (--prefork ${size}; ` +
          "0 forks on accept, as the book)",
        ko:
          `자식 ${size}개가 미리 시작해 클라이언트를 기다린다 (--prefork ${size}, ` +
          "0이면 책처럼 accept 때 fork)",
      });
    }
  }

  /** Starts a child with its pipe ends ready for the relay. */
  #prepared(): ChildProcess {
    const child = this.#start();
    child.relayEnds();
    return child;
  }

  /**
   * A child for a new client, now part of the process table: a waiting one
   * if any (its replacement starts at once), else a new one.
   */
  take(): ChildProcess {
    let child: ChildProcess | undefined;
    while ((child = this.#idle.shift()) && child.exited) {
      // Ended while it waited (killed from outside): not usable.
    }
    if (child) this.#replace();
    child ??= this.#start();
    adopt(child);
    return child;
  }

  /** Ends the waiting children (SIGTERM) and waits for them. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    const idle = this.#idle;
    this.#idle = [];
    for (const child of idle) child.kill("SIGTERM");
    await Promise.all(idle.map(async (child) => {
      await child.status;
      await child.close();
    }));
  }

  /**
   * Owes one replacement and (re)starts the quiet-time timer. Replacements
   * never start inside take(): the client just accepted comes first.
   */
  #replace(): void {
    if (this.#owed++ === 0) this.#owedSince = performance.now();
    const waited = performance.now() - this.#owedSince;
    if (this.#timer !== undefined && waited > REFILL_MAX_WAIT_MS) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#refill, REFILL_INTERVAL_MS);
  }

  /** Starts one owed replacement, then waits an interval before the next. */
  #refill = (): void => {
    if (this.#closed || this.#owed === 0) {
      this.#timer = undefined;
      return;
    }
    this.#owed--;
    this.#owedSince = performance.now();
    this.#idle.push(this.#prepared());
    this.#timer = setTimeout(this.#refill, REFILL_INTERVAL_MS);
  };
}
