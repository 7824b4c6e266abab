/**
 * remove_zombie.c (chapter 10): the parent handles SIGCHLD, which the OS
 * sends when a child ends, and collects the child's status in the handler,
 * so no zombie is left waiting. Two children sleep 10 seconds and end with
 * 12 and 24; meanwhile the parent's loop prints `wait...` five times, 5
 * seconds apart (a handled SIGCHLD cuts one of those sleeps short).
 *
 * | C                                       | here                                  |
 * |-----------------------------------------|---------------------------------------|
 * | `sigaction(SIGCHLD, &act, 0);`          | `sigaction("SIGCHLD", act)` (real)    |
 * | `waitpid(-1, &status, WNOHANG)`         | `await waitpid(-1, { noHang: true })` |
 * | `return 12;` / `exit(24);` (children)   | `return 12;` / `exit(24);`            |
 *
 * @module
 */

import { exit } from "../src/process/exit.ts";
import type { RunContext } from "../src/program.ts";
import { scaled, secondsUntil, sleep } from "../src/signal/clock.ts";
import { defineChildren } from "../src/process/fork.ts";
import { waitpid, WEXITSTATUS, WIFEXITED } from "../src/process/wait.ts";
import { type SigAction, sigaction } from "../src/signal/signal.ts";

/**
 * The SIGCHLD handler: one waitpid() per signal, as in the book. Two
 * children that end together may be announced by one signal (a pending
 * signal does not queue), and then one of them is left uncollected;
 * `--together` shows it.
 */
async function readChildproc(_sig: Deno.Signal): Promise<void> {
  const status = await waitpid(-1, { noHang: true }); // id = waitpid(-1, &status, WNOHANG);
  if (status && WIFEXITED(status)) {
    console.log(`Removed proc id: ${status.pid} `);
    console.log(`Child send: ${WEXITSTATUS(status)} `);
  }
}

/** The two children: hello, sleep, end with 12 and 24. */
export const children = defineChildren(import.meta.url, {
  async first(copy: { ret: number; endsAt?: number }) {
    console.log("Hi! I'm child process");
    await sleep(copy.endsAt ? secondsUntil(copy.endsAt) : 10); // sleep(10);
    return copy.ret; // return 12;
  },
  async second(copy: { ret: number; endsAt?: number }) {
    console.log("Hi! I'm child process");
    await sleep(copy.endsAt ? secondsUntil(copy.endsAt) : 10); // sleep(10);
    exit(copy.ret); // exit(24);
  },
});

/** The parent process. */
export async function main(context: RunContext): Promise<void> {
  const act: SigAction = { handler: readChildproc, mask: [], flags: 0 };
  sigaction("SIGCHLD", act); // sigaction(SIGCHLD, &act, 0);

  // --together (not in the book): five children, all ending at one moment,
  // so that one pending SIGCHLD stands for several of them.
  const together = context.flag("together");
  const endsAt = together ? Date.now() + scaled(10) : undefined;
  // 12 and 24 unless --first-status/--second-status (variants for predict)
  const [first, second] = [
    context.number("first-status"),
    context.number("second-status"),
  ];
  let child = children.fork("first", { ret: first, endsAt }); // pid = fork();
  console.log(`Child proc id: ${child.pid} `);
  for (let i = 0; i < (together ? 4 : 1); i++) {
    child = children.fork("second", { ret: second, endsAt }); // pid = fork();
    console.log(`Child proc id: ${child.pid} `);
  }

  for (let i = 0; i < 5; i++) {
    console.log("wait...");
    await sleep(5); // sleep(5);
  }
}
