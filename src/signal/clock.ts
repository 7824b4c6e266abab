/**
 * Time as the book's programs see it: `sleep()` that a caught signal cuts
 * short, a blocking sleep that stops the whole thread, and `--speed N`, which
 * divides every duration so that tests (and impatient learners) run fast.
 *
 * @module
 */

import { trace } from "../trace/trace.ts";

let speed = 1;

/** Sets the speed factor: every duration is divided by it (1 = real time). */
export function setSpeed(factor: number): void {
  if (!(factor > 0) || !Number.isFinite(factor)) {
    throw new RangeError(`speed must be a positive number, got ${factor}`);
  }
  speed = factor;
}

/** The speed factor in use (1 = the book's real durations). */
export function getSpeed(): number {
  return speed;
}

/** The book's seconds from now until the wall-clock time `epochMs`. */
export function secondsUntil(epochMs: number): number {
  return Math.max(0, ((epochMs - Date.now()) * speed) / 1000);
}

/** Milliseconds that `seconds` of the book's time take at the current speed. */
export function scaled(seconds: number): number {
  return (seconds * 1000) / speed;
}

let debt = 0;

/**
 * Tells the clock that this process lost `ms` in a `fork()` while a child
 * of it was already running. C's fork() takes a fraction of a millisecond;
 * ours waits for a runtime to start, and the children already running do
 * not wait with it. The next sleep is shortened by that much, so the
 * parent's timeline stays in step with its children's, as in C.
 */
export function owe(ms: number): void {
  debt += Math.max(0, ms);
}

/** Takes what is owed off a sleep of `ms`. */
function payDebt(ms: number): number {
  const paid = Math.min(ms, debt);
  debt -= paid;
  return ms - paid;
}

interface Sleeper {
  wake(): void;
}

const sleepers = new Set<Sleeper>();

/**
 * C's `sleep(seconds)`: waits, but returns early when a caught signal is
 * handled meanwhile (the nanosleep() under C's sleep() then fails with
 * EINTR). Resolves to the whole seconds left unslept, rounded down as
 * glibc's sleep() rounds them (a sleep(100) cut after 2 s returns 97 when
 * the cut came a hair late, 98 when early; a sleep(5) cut after 40 ms
 * returns 4); 0 when it slept the full time.
 */
export function sleep(seconds: number): Promise<number> {
  const ms = payDebt(scaled(seconds));
  const start = performance.now();
  trace("sleep", `sleep(${seconds})`);
  return new Promise((resolve) => {
    const sleeper: Sleeper = {
      wake() {
        clearTimeout(timer);
        sleepers.delete(sleeper);
        const left = Math.max(
          0,
          Math.floor(((ms - (performance.now() - start)) * speed) / 1000),
        );
        trace("wake", `sleep(${seconds})`, { what: "cut", n: left });
        resolve(left);
      },
    };
    const timer = setTimeout(() => {
      trace("wake", `sleep(${seconds})`);
      sleepers.delete(sleeper);
      resolve(0);
    }, ms);
    sleepers.add(sleeper);
  });
}

/** Wakes every pending {@linkcode sleep}, as a handled signal does in C. */
export function interruptSleeps(): void {
  for (const sleeper of [...sleepers]) sleeper.wake();
}

/**
 * Sleeps by blocking this thread, so the event loop does not run at all
 * (nothing is reaped, no handler runs) until it wakes, as a C process in
 * `sleep()` without signal handlers. Uses `Atomics.wait`.
 */
export function sleepBlocking(seconds: number): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  trace("sleep", `sleep(${seconds})`, { what: "blocking" });
  Atomics.wait(cell, 0, 0, payDebt(scaled(seconds)));
  trace("wake", `sleep(${seconds})`);
}
