/**
 * pipe1.c (chapter 11): the child writes a message into a pipe; the parent
 * reads it from the other end and prints it.
 *
 * | C                                  | here                                         |
 * |------------------------------------|----------------------------------------------|
 * | `pipe(fds); pid = fork();`         | `children.fork("child", ..., { toParent })`  |
 * | `write(fds[1], str, sizeof(str))`  | `toParent.write(str)` (the child's stderr)   |
 * | `read(fds[0], buf, BUF_SIZE)`      | `fromChild.read(BUF_SIZE)`                   |
 * | `puts(buf)`                        | `console.log(decode(buf))`                   |
 *
 * @module
 */

import { defineChildren } from "../src/process/fork.ts";
import { decode } from "../src/bytes.ts";
import { BUF_SIZE } from "../src/ipc/pipe.ts";

/** The child process: it only writes. */
export const children = defineChildren(import.meta.url, {
  async child(copy: { str: string }, { toParent }) {
    await toParent.write(copy.str); // write(fds[1], str, sizeof(str));
  },
});

/** The parent process: it only reads. */
export async function main(): Promise<void> {
  const str = "Who are you?";
  const child = children.fork("child", { str }, { toParent: "fds" }); // pipe(fds); fork();

  const buf = await child.fromChild.read(BUF_SIZE); // read(fds[0], buf, BUF_SIZE);
  console.log(decode(buf ?? new Uint8Array())); // puts(buf);

  await child.close();
  await child.wait();
}
