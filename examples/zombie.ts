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
 * | `sleep(30);` (blocks the process)   | `sleepBlocking(30)` (blocks the thread)    |
 * | `ps` in another terminal            | the watcher's notes (and `ps` still works) |
 *
 * @module
 */

import { sleep, sleepBlocking } from "../src/signal/clock.ts";
import { defineChildren } from "../src/process/fork.ts";
import { note } from "../src/note.ts";
import { hasZombies } from "../src/platform.ts";
import { describeState, procState } from "../src/process/proc_info.ts";
import { startProcWatch } from "../src/process/proc_watch.ts";
import { tr } from "../src/text.ts";

/** The child process: says hello and ends at once. */
export const children = defineChildren(import.meta.url, {
  child() {
    console.log("Hi, I am a child process");
    console.log("End child process");
  },
});

/** The parent process. */
export async function main(): Promise<void> {
  if (!hasZombies) return await withoutZombies();

  note({
    en:
      "Deno's runtime reaps a child (waitpid) as soon as its event loop runs, so a Deno\n" +
      "program normally never shows a zombie. Here the parent blocks its whole thread\n" +
      "while it sleeps, as C's sleep() does, so nothing reaps the child until it wakes.",
    ko:
      "Deno 런타임은 이벤트 루프가 돌자마자 자식을 회수(waitpid)하므로 보통 Deno\n" +
      "프로그램에는 좀비가 보이지 않는다. 여기서는 C의 sleep()처럼 부모가 잠자는 동안\n" +
      "스레드 전체를 멈추므로, 깨어날 때까지 아무도 자식을 회수하지 않는다.",
  });
  // The watcher must run before we fork: it is our eyes while we sleep.
  const watcher = await startProcWatch();

  const child = children.fork("child", null); // pid = fork();
  console.log(`Child Process ID: ${child.pid}`);
  watcher.watch(child.pid);
  note({
    en: `try it in another terminal: ps -o pid,stat,cmd -p ${child.pid}`,
    ko: `다른 터미널에서 확인해 보자: ps -o pid,stat,cmd -p ${child.pid}`,
  });
  sleepBlocking(30); // sleep(30);
  watcher.stop();

  console.log("End parent process");
  // Awake again: the event loop runs, and the runtime reaps the zombie.
  await child.wait();
  const after = tr(describeState(await procState(child.pid)));
  note({
    en:
      `the parent is awake and the runtime reaped the child: ${child.pid} is ${after}`,
    ko: `부모가 깨어나자 런타임이 자식을 회수했다: ${child.pid}은(는) ${after}`,
  });
}

/** Windows: an ended process leaves no zombie behind. */
async function withoutZombies(): Promise<void> {
  note({
    en:
      "Windows has no zombie state: an ended process leaves the process list at once\n" +
      "(its parent only keeps a handle to read the exit code). The lines are the book's.",
    ko:
      "Windows에는 좀비 상태가 없다: 끝난 프로세스는 곧바로 프로세스 목록에서 사라진다\n" +
      "(부모는 종료 코드를 읽을 핸들만 가진다). 출력 줄은 책과 같다.",
  });
  const child = children.fork("child", null);
  console.log(`Child Process ID: ${child.pid}`);
  await sleep(30);
  console.log("End parent process");
  await child.wait();
}
