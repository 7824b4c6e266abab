/**
 * wait.c (chapter 10): two children end with statuses 3 (`return 3`) and 7
 * (`exit(7)`); the parent collects both with `wait()`, in the order the OS
 * reports their ends, then sleeps.
 *
 * | C                            | here                                          |
 * |------------------------------|-----------------------------------------------|
 * | `pid = fork();` (twice)      | `children.fork("first" / "second", null)`     |
 * | `return 3;` / `exit(7);`     | `return 3;` / `Deno.exit(7);`                 |
 * | `wait(&status);`             | `await wait()`: the first child to end        |
 * | `WIFEXITED`, `WEXITSTATUS`   | the same names, on the status `wait()` gives  |
 * | `sleep(30);`                 | `sleep(30)` (divided by `--speed`)            |
 *
 * @module
 */

import { sleep } from "../src/signal/clock.ts";
import {
  defineChildren,
  wait,
  WEXITSTATUS,
  WIFEXITED,
} from "../src/process/fork.ts";
import { note } from "../src/note.ts";

/** The two children: one returns, one calls exit(). */
export const children = defineChildren(import.meta.url, {
  first() {
    return 3; // return 3;
  },
  second() {
    Deno.exit(7); // exit(7);
  },
});

/** The parent process. */
export async function main(): Promise<void> {
  let child = children.fork("first", null);
  console.log(`Child PID: ${child.pid}`);
  child = children.fork("second", null);
  console.log(`Child PID: ${child.pid}`);

  let status = await wait(); // wait(&status);
  if (status && WIFEXITED(status)) {
    console.log(`Child send one: ${WEXITSTATUS(status)}`);
  }
  status = await wait(); // wait(&status);
  if (status && WIFEXITED(status)) {
    console.log(`Child send two: ${WEXITSTATUS(status)}`);
  }
  note({
    en:
      "Deno's runtime had already reaped both children at the OS level; wait() handed\n" +
      "over the statuses it kept, first ended first, as C's wait() does",
    ko:
      "Deno 런타임은 OS 수준에서 두 자식을 이미 회수했고, wait()는 먼저 끝난 순서대로\n" +
      "런타임이 보관한 상태를 넘겨준다. C의 wait()와 같은 순서다",
  });

  await sleep(30); // sleep(30);
}
