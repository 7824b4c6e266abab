/**
 * pipe3.c (chapter 11): two pipes, one for each direction, so parent and
 * child can talk both ways without racing for the same pipe.
 *
 * As in C, both pipes are made before the fork and the child gets all four
 * descriptors under the same numbers; both processes use C's blocking
 * `read()` and `write()` on them.
 *
 * | C                                        | here                                      |
 * |------------------------------------------|-------------------------------------------|
 * | `pipe(fds1), pipe(fds2);`                | `pipe("fds1"), pipe("fds2")` (real calls) |
 * | `pid = fork();`                          | `fork("child", ..., { inherit: [...] })`  |
 * | `write(fds1[1], str1, sizeof(str1))`     | `write(fds1[1], str1)`                    |
 * | `read(fds2[0], buf, BUF_SIZE)`           | `read(fds2[0], buf)`: blocks, as in C     |
 * | `printf("Child proc output: %s \n", buf)` | `console.log(\`Child proc output: ${printable(buf)} \`)` |
 * | `read(fds1[0], buf, BUF_SIZE)`           | `read(fds1[0], buf)`                      |
 * | `write(fds2[1], str2, sizeof(str2))`     | `write(fds2[1], str2)`                    |
 * | `sleep(3);`                              | `sleep(3)` (divided by `--speed`)         |
 *
 * @module
 */

import { BUF_SIZE } from "../src/ipc/pipe.ts";
import { pipe, read, write } from "../src/ipc/sys.ts";
import { cString, printable } from "../src/ipc/stdio.ts";
import { defineChildren } from "../src/process/fork.ts";
import { sleep } from "../src/signal/clock.ts";

const str1 = cString("Who are you?");
const str2 = cString("Thank you for your message");

/** The child process: it speaks first, then listens. */
export const children = defineChildren(import.meta.url, {
  child(copy: { fds1: [number, number]; fds2: [number, number] }) {
    const { fds1, fds2 } = copy; // the same descriptors as the parent's
    const buf = new Uint8Array(BUF_SIZE);
    write(fds1[1], str1); // write(fds1[1], str1, sizeof(str1));
    read(fds2[0], buf); // read(fds2[0], buf, BUF_SIZE);
    console.log(`Child proc output: ${printable(buf)} `);
  },
});

/** The parent process: it listens, then answers. */
export async function main(): Promise<void> {
  const buf = new Uint8Array(BUF_SIZE);
  const fds1 = pipe("fds1"), fds2 = pipe("fds2"); // pipe(fds1), pipe(fds2);
  children.fork("child", { fds1, fds2 }, { inherit: [...fds1, ...fds2] }); // pid = fork();

  read(fds1[0], buf); // read(fds1[0], buf, BUF_SIZE);
  console.log(`Parent proc output: ${printable(buf)} `);
  write(fds2[1], str2); // write(fds2[1], str2, sizeof(str2));
  await sleep(3); // sleep(3);
}
