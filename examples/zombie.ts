/**
 * zombie.c (chapter 10): the child ends at once, but its parent sleeps for
 * 30 seconds without collecting its status, so for those 30 seconds the
 * child stays in the process table as a zombie (`Z` in `ps`).
 *
 * A Deno program normally never leaves a zombie: the runtime calls
 * `waitpid` for a child as soon as its event loop runs. C's `sleep()`
 * stops the whole process, and so does {@linkcode sleepBlocking} here (it
 * blocks the thread with `Atomics.wait`), so nothing reaps the child until
 * the parent wakes. A worker thread reads the child's state from the OS
 * meanwhile and reports it.
 *
 * | C                                   | here                                       |
 * |-------------------------------------|--------------------------------------------|
 * | `pid = fork();`                     | `children.fork("child", null)`             |
 * | `if (pid == 0) puts(...)`           | the `child` role                           |
 * | `printf("Child Process ID: %d \n")` | `console.log(\`Child Process ID: ${pid} \`)` |
 * | `sleep(30);` (blocks the process)   | `sleepBlocking(30)` (blocks the thread)    |
 * | `ps` in another terminal            | the watcher's notes (and `ps` still works) |
 *
 * @module
 */

import { sleepBlocking } from "../src/signal/clock.ts";
import { defineChildren } from "../src/process/fork.ts";
import type { RunContext } from "../src/program.ts";
import { startProcWatch } from "../src/process/watchers/proc_watch.ts";

/** The child process: says hello and ends at once. */
export const children = defineChildren(import.meta.url, {
  child() {
    console.log("Hi I'am a child process"); // puts(...): the book's spelling
    console.log("End child process");
  },
});

/** The parent process. */
export async function main(context: RunContext): Promise<void> {
  const ps = await startProcWatch(); // `ps` in a second terminal, on a worker

  const child = children.fork("child", null); // pid = fork();
  console.log(`Child Process ID: ${child.pid} `);
  ps.watch(child.pid);
  sleepBlocking(context.number("sleep")); // sleep(30);

  console.log("End parent process");
  await ps.gone; // not in the book: the watcher sees the runtime reap the child
}
