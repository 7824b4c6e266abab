/**
 * Chapter 10, exercise 5: a program that prints a line every second and,
 * on Ctrl+C (SIGINT), asks whether to exit. It exits only on `y` or `Y`;
 * any other answer lets it go on. As in C, the question is asked inside
 * the handler, so the main loop stops until it is answered.
 *
 * | C                                  | here                                    |
 * |------------------------------------|-----------------------------------------|
 * | `sigaction(SIGINT, &act, 0);`      | `sigaction("SIGINT", act)` (real)       |
 * | `fgets(answer, ...)` in the handler| `stdin.fgets(...)`: blocks the process  |
 * | `exit(0);` on y/Y                  | `exit(0)`                               |
 * | `sleep(1);` in the loop            | `sleep(1)` (a handled signal cuts it)   |
 *
 * @module
 */

import { Stdin } from "../src/ipc/stdio.ts";
import { exit } from "../src/process/exit.ts";
import { sleep } from "../src/signal/clock.ts";
import { type SigAction, sigaction } from "../src/signal/signal.ts";

const stdin = new Stdin();

/** The SIGINT handler: asks, and waits for the answer with the loop stopped. */
function keycontrol(): void {
  console.log("Do you want to exit? (Y/N)");
  const answer = stdin.fgets(30); // fgets(answer, sizeof(answer), stdin);
  if (answer?.[0] === 0x79 || answer?.[0] === 0x59) exit(0); // 'y' or 'Y'
}

/** The program. */
export async function main(): Promise<void> {
  const act: SigAction = { handler: keycontrol, mask: [], flags: 0 };
  sigaction("SIGINT", act); // sigaction(SIGINT, &act, 0);

  while (true) {
    console.log("still running... (Ctrl+C to stop)");
    await sleep(1); // sleep(1);
  }
}
