/**
 * fork.c (chapter 10): after `fork()` the parent and the child each change
 * their own copy of a global and a local variable, so they print different
 * values.
 *
 * | C                          | here                                        |
 * |----------------------------|---------------------------------------------|
 * | `pid = fork();`            | `children.fork("child", { gval, lval })`    |
 * | `if (pid == 0) { ... }`    | the `child` role, run in the child process  |
 * | the copied memory          | the `{ gval, lval }` handed to the child    |
 * | `printf(...)`              | `console.log(...)`                          |
 *
 * @module
 */

import { defineChildren } from "../src/process/fork.ts";
import { note } from "../src/note.ts";

let gval = 10; // a global variable, as in the book

/** The child process: C's `if (pid == 0)` branch. */
export const children = defineChildren(import.meta.url, {
  child(copy: { gval: number; lval: number }) {
    // The child starts with its own copy of the parent's memory.
    gval = copy.gval;
    let lval = copy.lval;
    gval += 2;
    lval += 2;
    console.log(`Child Proc: [${gval},${lval}]`);
  },
});

/** The parent process. */
export async function main(): Promise<void> {
  let lval = 20;
  gval++;
  lval += 5;

  const child = children.fork("child", { gval, lval }); // pid = fork();
  note({
    en:
      `fork(): started the child ${child.pid} and handed it gval=${gval}, lval=${lval} ` +
      "(Deno cannot copy a running process, so the copy is explicit)",
    ko:
      `fork(): 자식 ${child.pid}을(를) 시작하고 gval=${gval}, lval=${lval}을 넘겨줌 ` +
      "(Deno는 실행 중인 프로세스를 복사할 수 없어 복사를 직접 한다)",
  });

  gval -= 2; // the parent's branch
  lval -= 2;
  console.log(`Parent Proc: [${gval},${lval}]`);

  // Not in the book: C's parent may end before its child. We collect the
  // child's status so that no process outlives the program.
  await child.wait();
}
