/**
 * pipe2.c (chapter 11): ONE pipe used in both directions. It only works
 * because the child sleeps 2 seconds between writing and reading; without
 * that sleep (`--race`) the child may read back its own message, and the
 * parent then waits forever.
 *
 * | C                                 | here                                          |
 * |-----------------------------------|-----------------------------------------------|
 * | `pipe(fds); pid = fork();`        | `fork(..., { toChild })` + `shareChildPipe()` |
 * | both processes hold `fds[0..1]`   | Linux: the other ends opened via `/proc`      |
 * | `write(fds[1], ...)` in the child | `fds.writeSync(...)` (blocking, as in C)      |
 * | `read(fds[0], ...)` in the child  | `fds.readSync(BUF_SIZE)`                      |
 * | `read(fds[0], ...)` in the parent | `await fds.read(BUF_SIZE)`                    |
 * | `sleep(2)`, `sleep(3)`            | `sleep(2)`, `sleep(3)` (divided by `--speed`) |
 *
 * @module
 */

import { sleep } from "../src/signal/clock.ts";
import { RuntimeError } from "../src/errors.ts";
import { defineChildren } from "../src/process/fork.ts";
import { note } from "../src/note.ts";
import { decode } from "../src/bytes.ts";
import { BUF_SIZE } from "../src/ipc/pipe.ts";
import type { RunContext } from "../src/program.ts";
import {
  canSharePipe,
  type ParentSharedPipe,
  shareChildPipe,
  sharePipeWithParent,
} from "../src/ipc/shared_pipe.ts";
import { main as pipe3 } from "./pipe3.ts";

const str1 = "Who are you?";
const str2 = "Thank you for your message";

/** The child process: writes, (sleeps,) then reads the same pipe. */
export const children = defineChildren(import.meta.url, {
  async child(copy: { race: boolean }) {
    const buf = new Uint8Array(BUF_SIZE);
    const fds = sharePipeWithParent();
    fds.writeSync(str1); // write(fds[1], str1, sizeof(str1));
    if (!copy.race) await sleep(2); // sleep(2); (--race leaves it out)
    const n = fds.readSync(buf); // read(fds[0], buf, BUF_SIZE);
    console.log(`Child proc output: ${decode(buf.subarray(0, n))}`);
    fds.close();
  },
});

/** The parent process: reads, answers on the same pipe, sleeps. */
export async function main(context: RunContext): Promise<void> {
  const race = context.flag("race");
  if (!canSharePipe) return await withoutSharedPipe(race);

  const child = children.fork("child", { race }, { toChild: "fds" });
  const fds = await shareChildPipe(child.pid, child.toChild);
  note({
    en:
      `one pipe: parent ${Deno.pid} and child ${child.pid} both hold its read and write ends`,
    ko:
      `파이프 하나: 부모 ${Deno.pid}와 자식 ${child.pid}이 모두 읽기와 쓰기 끝을 가짐`,
  });

  const reading = fds.read(BUF_SIZE); // read(fds[0], buf, BUF_SIZE);
  if (race) {
    const first = await Promise.race([
      reading.then(() => "parent"),
      child.status.then(() => "child"),
    ]);
    if (first === "child") {
      // The child ended while our read() is still waiting: it took the message.
      await showParentBlocked(reading, fds);
      await child.wait();
      await fds.close();
      return;
    }
  }

  const buf = await reading;
  console.log(`Parent proc output: ${decode(buf ?? new Uint8Array())}`);
  await fds.write(str2); // write(fds[1], str2, sizeof(str2));
  await sleep(3); // sleep(3);
  await child.wait();
  await fds.close();
  if (race) {
    note({
      en:
        "race: this time the parent's read() came first, so the child got the answer;\n" +
        "it goes either way, so run it again to see the child read its own message",
      ko: "경쟁: 이번에는 부모의 read()가 먼저여서 자식이 답장을 받았다.\n" +
        "결과는 매번 달라질 수 있으니 다시 실행해 자식이 자기 메시지를 읽는 경우를 보자",
    });
  }
}

/** The race went the book's way: show that the parent is stuck, then end it. */
async function showParentBlocked(
  reading: Promise<Uint8Array | null>,
  fds: ParentSharedPipe,
): Promise<void> {
  note({
    en:
      `race: the child read back its own "${str1}" and ended; the parent is still blocked in read()`,
    ko:
      `경쟁: 자식이 자기가 쓴 "${str1}"를 도로 읽고 끝났다. 부모는 아직 read()에서 멈춰 있다`,
  });
  const late = await Promise.race([
    reading,
    sleep(3).then(() => "still blocked" as const),
  ]);
  if (late !== "still blocked") {
    note({
      en: "unexpected: data arrived after all",
      ko: "예상 밖: 결국 데이터가 도착했다",
    });
    return;
  }
  // A C parent would wait forever: it holds a write end itself, so end of
  // file never comes. Closing that end (the last one) ends the read().
  await fds.closeWrite();
  const end = await reading;
  if (end !== null) {
    note({
      en: "unexpected: data arrived after all",
      ko: "예상 밖: 결국 데이터가 도착했다",
    });
    return;
  }
  note({
    en:
      "C's parent would wait forever (it holds a write end itself, so no EOF comes);\n" +
      "tcpip closed that write end after 3 s, and the parent's read() returned end of file",
    ko:
      "C의 부모는 영원히 기다린다 (자신도 쓰기 끝을 가지고 있어 EOF가 오지 않음).\n" +
      "tcpip가 3초 뒤 그 쓰기 끝을 닫자 부모의 read()가 파일 끝을 돌려받았다",
  });
}

/** Platforms without /proc: the nearest honest version uses two pipes. */
async function withoutSharedPipe(race: boolean): Promise<void> {
  if (race) {
    throw new RuntimeError(
      "--race needs one pipe held by both processes, which Deno can set up only on Linux " +
        `(through /proc); ${Deno.build.os} cannot show this race`,
    );
  }
  note({
    en: `${Deno.build.os} cannot share one pipe between two Deno processes; ` +
      "running with two pipes instead (as pipe3), so the timing no longer matters",
    ko:
      `${Deno.build.os}에서는 두 Deno 프로세스가 파이프 하나를 공유할 수 없어 ` +
      "파이프 두 개로 실행한다 (pipe3처럼). 그래서 타이밍이 상관없다",
  });
  await pipe3();
}
