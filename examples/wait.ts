/**
 * wait.c (chapter 10): two children end with statuses 3 (`return 3`) and 7
 * (`exit(7)`); the parent collects both with `wait()`, then sleeps. Both
 * have ended by the time it calls `wait()`, so the order is the OS's: Linux
 * hands out the older child first.
 *
 * | C                            | here                                          |
 * |------------------------------|-----------------------------------------------|
 * | `pid = fork();` (twice)      | `children.fork("first" / "second", null)`     |
 * | `return 3;` / `exit(7);`     | `return 3;` / `exit(7);`                      |
 * | `printf("Child PID: %d \n")` | `console.log(\`Child PID: ${child.pid} \`)`   |
 * | `wait(&status);`             | `status = await wait()`: a child that ended   |
 * | `WIFEXITED`, `WEXITSTATUS`   | the same names, on the status `wait()` gives  |
 * | `sleep(30);`                 | `sleep(30)` (divided by `--speed`)            |
 *
 * @module
 */

import { exit } from "../src/process/exit.ts";
import { sleep } from "../src/signal/clock.ts";
import { defineChildren } from "../src/process/fork.ts";
import type { RunContext } from "../src/program.ts";
import { wait, WEXITSTATUS, WIFEXITED } from "../src/process/wait.ts";

/** The two children: one returns, one calls exit(). */
export const children = defineChildren(import.meta.url, {
  first(copy: { ret: number }) {
    return copy.ret; // return 3;
  },
  second(copy: { ret: number }) {
    exit(copy.ret); // exit(7);
  },
});

/** The parent process. */
export async function main(context: RunContext): Promise<void> {
  // 3 and 7 unless --first-status/--second-status (variants for predict)
  let child = children.fork("first", { ret: context.number("first-status") }); // pid = fork();
  console.log(`Child PID: ${child.pid} `);
  child = children.fork("second", { ret: context.number("second-status") }); // pid = fork();
  console.log(`Child PID: ${child.pid} `);

  let status = await wait(); // wait(&status);
  if (status && WIFEXITED(status)) {
    console.log(`Child send one: ${WEXITSTATUS(status)} `);
  }
  status = await wait(); // wait(&status);
  if (status && WIFEXITED(status)) {
    console.log(`Child send two: ${WEXITSTATUS(status)} `);
  }

  await sleep(30); // sleep(30);
}
