/**
 * pipe3.c (chapter 11): two pipes, one for each direction, so parent and
 * child can talk both ways without racing for the same pipe.
 *
 * | C                                      | here                                    |
 * |----------------------------------------|-----------------------------------------|
 * | `pipe(fds1), pipe(fds2); pid = fork();`| `children.fork(..., { toParent: "fds1", toChild: "fds2" })` |
 * | `write(fds1[1], str1, sizeof(str1))`   | `toParent.write(str1)` (child's stderr) |
 * | `read(fds2[0], buf, BUF_SIZE)`         | `fromParent.read(BUF_SIZE)` (child's stdin) |
 * | `printf("Child proc output: %s \n", buf)` | `console.log(\`Child proc output: ${printable(buf)} \`)` |
 * | `read(fds1[0], buf, BUF_SIZE)`         | `fromChild.read(BUF_SIZE)`              |
 * | `write(fds2[1], str2, sizeof(str2))`   | `toChild.write(str2)`                   |
 * | `sleep(3);`                            | `sleep(3)` (divided by `--speed`)       |
 *
 * @module
 */

import { defineChildren } from "../src/process/fork.ts";
import { BUF_SIZE } from "../src/ipc/pipe.ts";
import { cString, printable } from "../src/ipc/stdio.ts";
import { sleep } from "../src/signal/clock.ts";

/** The child process: it speaks first, then listens. */
export const children = defineChildren(import.meta.url, {
  async child(copy: { str1: string }, { toParent, fromParent }) {
    await toParent.write(cString(copy.str1)); // write(fds1[1], str1, sizeof(str1));
    const buf = await fromParent.read(BUF_SIZE); // read(fds2[0], buf, BUF_SIZE);
    console.log(`Child proc output: ${printable(buf)} `);
  },
});

/** The parent process: it listens, then answers. */
export async function main(): Promise<void> {
  const str1 = "Who are you?";
  const str2 = cString("Thank you for your message");
  const child = children.fork("child", { str1 }, { // pipe(fds1), pipe(fds2); pid = fork();
    toParent: "fds1",
    toChild: "fds2",
  });

  const buf = await child.fromChild.read(BUF_SIZE); // read(fds1[0], buf, BUF_SIZE);
  console.log(`Parent proc output: ${printable(buf)} `);
  await child.toChild.write(str2); // write(fds2[1], str2, sizeof(str2));
  await sleep(3); // sleep(3);
  await child.close();
}
