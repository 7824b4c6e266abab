/**
 * pipe2.c (chapter 11): ONE pipe used in both directions. It works only
 * because the child sleeps 2 seconds between writing and reading; without
 * that sleep (`--race`) the child usually reads back its own message, and
 * the parent then waits forever.
 *
 * As in C, the pipe is made before the fork and the child gets both of its
 * descriptors under the same numbers; both processes use C's blocking
 * `read()` and `write()` on them.
 *
 * | C                                  | here                                          |
 * |------------------------------------|-----------------------------------------------|
 * | `pipe(fds);`                       | `const fds = pipe();` (the real system call)   |
 * | `pid = fork();`                    | `fork("child", { fds }, { inherit: fds })`    |
 * | `write(fds[1], str1, sizeof(str1))`| `write(fds[1], str1)`: 13 bytes, NUL included |
 * | `sleep(2);` (child)                | `sleepBlocking(2)` (`--race` leaves it out)   |
 * | `read(fds[0], buf, BUF_SIZE)`      | `read(fds[0], buf)`: blocks, as in C          |
 * | `printf("... %s \n", buf)`         | `console.log(\`... ${printable(buf)} \`)`      |
 * | `sleep(3);` (parent)               | `sleep(3)` (divided by `--speed`)             |
 *
 * @module
 */

import { BUF_SIZE } from "../src/ipc/pipe.ts";
import { pipe, read, write } from "../src/ipc/sys.ts";
import { cString, printable } from "../src/ipc/stdio.ts";
import { defineChildren } from "../src/process/fork.ts";
import { closeAfter } from "../src/process/watchers/watchdog.ts";
import type { RunContext } from "../src/program.ts";
import { scaled, sleep, sleepBlocking } from "../src/signal/clock.ts";

const str1 = cString("Who are you?");
const str2 = cString("Thank you for your message");

/** The child process: writes, (sleeps,) then reads the same pipe. */
export const children = defineChildren(import.meta.url, {
  child(copy: { fds: [number, number]; race: boolean }) {
    const { fds } = copy; // the same two descriptors as the parent's
    const buf = new Uint8Array(BUF_SIZE);
    write(fds[1], str1); // write(fds[1], str1, sizeof(str1));
    if (!copy.race) sleepBlocking(2); // sleep(2);
    read(fds[0], buf); // read(fds[0], buf, BUF_SIZE);
    console.log(`Child proc output: ${printable(buf)} `);
  },
});

/** The parent process: reads, answers on the same pipe, sleeps. */
export async function main(context: RunContext): Promise<void> {
  const race = context.flag("race");
  const buf = new Uint8Array(BUF_SIZE);
  const fds = pipe(); // pipe(fds);
  // Not in the book: with --race, the tool ends a read() that would wait forever.
  const watchdog = race ? await closeAfter(fds[1], scaled(3)) : undefined;
  children.fork("child", { fds, race }, { inherit: fds }); // pid = fork();
  watchdog?.arm(); // its 3 s count from here, however long fork() took

  const n = read(fds[0], buf); // read(fds[0], buf, BUF_SIZE);
  if (watchdog?.stop()) return; // C's parent would still be waiting here
  if (n === 0) return; // (cannot happen without the watchdog)
  console.log(`Parent proc output: ${printable(buf)} `);
  write(fds[1], str2); // write(fds[1], str2, sizeof(str2));
  await sleep(3); // sleep(3);
}
