/**
 * signal.c (chapter 10): `alarm(2)` makes the OS send SIGALRM in 2
 * seconds; the handler prints `Time out!` and arms the alarm again. The
 * main loop sleeps 100 seconds three times, but each sleep ends as soon as
 * a signal has been handled, so the program ends after about 6 seconds.
 * Ctrl+C (SIGINT) runs the second handler, which also cuts a sleep short.
 *
 * | C                               | here                                         |
 * |---------------------------------|----------------------------------------------|
 * | `signal(SIGALRM, timeout);`     | `signal("SIGALRM", timeout)` (a real signal) |
 * | `alarm(2);` (the kernel's timer) | `alarm(2)`: a timer sends SIGALRM in 2 s    |
 * | `sleep(100);` (cut short)       | `await sleep(100)`: returns the seconds left |
 *
 * @module
 */

import type { RunContext } from "../src/program.ts";
import { sleep } from "../src/signal/clock.ts";
import { alarm, signal } from "../src/signal/signal.ts";

/** Seconds between alarms: 2 unless --alarm (a variant for predict). */
let seconds = 2;

/** The SIGALRM handler: prints and re-arms the alarm. */
function timeout(sig: Deno.Signal): void {
  if (sig === "SIGALRM") console.log("Time out!");
  alarm(seconds); // alarm(2);
}

/** The SIGINT handler: Ctrl+C no longer ends the program. */
function keycontrol(sig: Deno.Signal): void {
  if (sig === "SIGINT") console.log("CTRL+C pressed");
}

/** The program. */
export async function main(context: RunContext): Promise<void> {
  seconds = context.number("alarm");
  signal("SIGALRM", timeout); // signal(SIGALRM, timeout);
  signal("SIGINT", keycontrol); // signal(SIGINT, keycontrol);
  alarm(seconds); // alarm(2);

  for (let i = 0; i < 3; i++) {
    console.log("wait...");
    await sleep(100); // sleep(100);
  }
}
