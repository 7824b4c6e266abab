/**
 * fork.c (chapter 10): after `fork()` the parent and the child each change
 * their own copy of a global and a local variable, so they print different
 * values.
 *
 * | C                            | here                                      |
 * |------------------------------|-------------------------------------------|
 * | `pid = fork();`              | `children.fork("child", { gval, lval })`  |
 * | `if (pid == 0) { ... }`      | the `child` role, run in the child process |
 * | the copied memory            | the `{ gval, lval }` handed to the child  |
 * | `printf("... [%d, %d] \n")`  | `console.log(\`... [${gval}, ${lval}] \`)` |
 *
 * @module
 */

import { defineChildren } from "../src/process/fork.ts";
import type { RunContext } from "../src/program.ts";

let gval = 10; // int gval = 10; a global variable, as in the book

/** The child process: C's `if (pid == 0)` branch. */
export const children = defineChildren(import.meta.url, {
  child(copy: { gval: number; lval: number }) {
    gval = copy.gval; // the child starts with its own copy of the memory
    let lval = copy.lval;
    gval += 2, lval += 2;
    console.log(`Child Proc: [${gval}, ${lval}] `);
  },
});

/** The parent process. */
export function main(context: RunContext): void {
  gval = context.number("gval"); // 10 unless --gval (a variant for predict)
  let lval = context.number("lval"); // int lval = 20;
  gval++, lval += 5;

  children.fork("child", { gval, lval }); // pid = fork();

  gval -= 2, lval -= 2;
  console.log(`Parent Proc: [${gval}, ${lval}] `);
}
