/**
 * sigaction.c (chapter 10): the same alarm as signal.c, registered with
 * `sigaction()` instead of `signal()`. `sigaction` takes a whole structure
 * (handler, the signals to hold back while it runs, flags) and behaves the
 * same on every Unix, which is why the book prefers it.
 *
 * | C                                   | here                                     |
 * |-------------------------------------|------------------------------------------|
 * | `struct sigaction act;`             | `const act: SigAction = {...}`           |
 * | `act.sa_handler = timeout;`         | `handler: timeout`                       |
 * | `sigemptyset(&act.sa_mask);`        | `mask: []`                               |
 * | `act.sa_flags = 0;`                 | `flags: 0`                               |
 * | `sigaction(SIGALRM, &act, 0);`      | `sigaction("SIGALRM", act)`              |
 *
 * @module
 */

import type { RunContext } from "../src/program.ts";
import { sleep } from "../src/signal/clock.ts";
import { alarm, type SigAction, sigaction } from "../src/signal/signal.ts";

/** Seconds between alarms: 2 unless --alarm (a variant for predict). */
let seconds = 2;

/** The SIGALRM handler: prints and re-arms the alarm. */
function timeout(sig: Deno.Signal): void {
  if (sig === "SIGALRM") console.log("Time out!");
  alarm(seconds); // alarm(2);
}

/** The program. */
export async function main(context: RunContext): Promise<void> {
  seconds = context.number("alarm");
  const act: SigAction = {
    handler: timeout, // act.sa_handler = timeout;
    mask: [], // sigemptyset(&act.sa_mask);
    flags: 0, // act.sa_flags = 0;
  };
  sigaction("SIGALRM", act); // sigaction(SIGALRM, &act, 0);
  alarm(seconds); // alarm(2);

  for (let i = 0; i < 3; i++) {
    console.log("wait...");
    await sleep(100); // sleep(100);
  }
}
