/**
 * pipe1.c (chapter 11): the child writes a message into a pipe; the parent
 * reads it from the other end and prints it.
 *
 * As in C, the pipe is made before the fork and the child gets both of its
 * descriptors under the same numbers; both processes use C's blocking
 * `read()` and `write()` on them.
 *
 * | C                                  | here                                         |
 * |------------------------------------|----------------------------------------------|
 * | `char str[] = "Who are you?";`     | `cString("Who are you?")`: 13 bytes, NUL too |
 * | `pipe(fds);`                       | `const fds = pipe();` (the real system call) |
 * | `pid = fork();`                    | `fork("child", { fds }, { inherit: fds })`   |
 * | `write(fds[1], str, sizeof(str))`  | `write(fds[1], str)`                         |
 * | `read(fds[0], buf, BUF_SIZE)`      | `read(fds[0], buf)`: blocks, as in C         |
 * | `puts(buf)`                        | `console.log(printable(buf))`: up to the NUL |
 *
 * @module
 */

import { BUF_SIZE } from "../src/ipc/pipe.ts";
import { pipe, read, write } from "../src/ipc/sys.ts";
import { cString, printable } from "../src/ipc/stdio.ts";
import { defineChildren } from "../src/process/fork.ts";

const str = cString("Who are you?");

/** The child process: it only writes. */
export const children = defineChildren(import.meta.url, {
  child(copy: { fds: [number, number] }) {
    const { fds } = copy; // the same two descriptors as the parent's
    write(fds[1], str); // write(fds[1], str, sizeof(str));
  },
});

/** The parent process: it only reads. */
export function main(): void {
  const buf = new Uint8Array(BUF_SIZE);
  const fds = pipe(); // pipe(fds);
  children.fork("child", { fds }, { inherit: fds }); // pid = fork();

  read(fds[0], buf); // read(fds[0], buf, BUF_SIZE);
  console.log(printable(buf)); // puts(buf);
}
