/**
 * pipe1.c (chapter 11): the child writes a message into a pipe; the parent
 * reads it from the other end and prints it.
 *
 * | C                                  | here                                         |
 * |------------------------------------|----------------------------------------------|
 * | `char str[] = "Who are you?";`     | `cString("Who are you?")`: 13 bytes, NUL too |
 * | `pipe(fds); pid = fork();`         | `children.fork("child", ..., { toParent })`  |
 * | `write(fds[1], str, sizeof(str))`  | `toParent.write(str)` (the child's stderr)   |
 * | `read(fds[0], buf, BUF_SIZE)`      | `fromChild.read(BUF_SIZE)`                   |
 * | `puts(buf)`                        | `console.log(printable(buf))`: up to the NUL |
 *
 * @module
 */

import { defineChildren } from "../src/process/fork.ts";
import { BUF_SIZE } from "../src/ipc/pipe.ts";
import { cString, printable } from "../src/ipc/stdio.ts";

/** The child process: it only writes. */
export const children = defineChildren(import.meta.url, {
  async child(copy: { str: string }, { toParent }) {
    const str = cString(copy.str);
    await toParent.write(str); // write(fds[1], str, sizeof(str));
  },
});

/** The parent process: it only reads. */
export async function main(): Promise<void> {
  const str = "Who are you?";
  const child = children.fork("child", { str }, { toParent: "fds" }); // pipe(fds); pid = fork();

  const buf = await child.fromChild.read(BUF_SIZE); // read(fds[0], buf, BUF_SIZE);
  console.log(printable(buf)); // puts(buf);
  await child.close();
}
