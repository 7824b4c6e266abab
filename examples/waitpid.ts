/**
 * waitpid.c (chapter 10): the child sleeps 15 seconds and returns 24. The
 * parent does not block: it asks `waitpid(-1, &status, WNOHANG)` every 3
 * seconds, printing `sleep 3sec.` while the child is still running.
 *
 * | C                                   | here                                   |
 * |-------------------------------------|----------------------------------------|
 * | `waitpid(-1, &status, WNOHANG)`     | `await waitpid(-1, { noHang: true })`  |
 * | returns 0 while no child has ended  | resolves to `null`                     |
 * | `sleep(15); return 24;` (child)     | the same, in the child process         |
 * | `printf("Child send %d \n", ...)`   | `console.log(\`Child send ${...} \`)`    |
 *
 * @module
 */

import { sleep } from "../src/signal/clock.ts";
import type { ExitStatus } from "../src/process/wait.ts";
import { defineChildren } from "../src/process/fork.ts";
import type { RunContext } from "../src/program.ts";
import { waitpid, WEXITSTATUS, WIFEXITED } from "../src/process/wait.ts";

/** The child process: sleeps, then returns 24. */
export const children = defineChildren(import.meta.url, {
  async child(copy: { seconds: number }) {
    await sleep(copy.seconds); // sleep(15);
    return 24; // return 24;
  },
});

/** The parent process: polls without blocking. */
export async function main(context: RunContext): Promise<void> {
  children.fork("child", { seconds: context.number("child-sleep") }); // pid = fork();

  let status: ExitStatus | null;
  while (!(status = await waitpid(-1, { noHang: true }))) { // while (!waitpid(-1, &status, WNOHANG))
    await sleep(3);
    console.log("sleep 3sec.");
  }
  if (WIFEXITED(status)) console.log(`Child send ${WEXITSTATUS(status)} `);
}
