/**
 * What the tool says around `echo-storeserver`'s store process, kept out of
 * the program so that it reads like the book's: where the store writes and
 * for how long, what follows once it has ended (the pipe fills, and the OS
 * shows the echo child blocked), and the wait for it at the end.
 *
 * @module
 */

import { withJosa } from "../josa.ts";
import { note } from "../note.ts";
import type { ChildProcess } from "../process/child.ts";
import { waitChannel } from "../process/os/proc_info.ts";
import type { Server } from "./server.ts";

/**
 * Says what the store process does, and when it ends while clients are
 * served. `capacity`: the bytes the pipe holds when the program set it,
 * null for the system's own.
 */
export function announceStore(
  store: ChildProcess,
  out: string,
  maxMessages: number,
  server: Server,
  capacity: number | null = null,
): void {
  const pid = store.pid;
  const full = capacity === null
    ? { en: "64 KiB on Linux", ko: "리눅스에서 64KiB" }
    : {
      en: `${capacity / 1024} KiB here, set with F_SETPIPE_SZ`,
      ko: `여기서는 F_SETPIPE_SZ로 정한 ${capacity / 1024}KiB`,
    };
  void store.status.then(() => {
    if (server.stopping) return;
    note({
      en:
        `the store process ${pid} has ended: nobody reads the pipe any more. The echo children\n` +
        "hold its exit (fds[0]) too, so their writes do not fail: the copies pile up in the pipe,\n" +
        `and once it is full (${full.en}) each echo child blocks in write(fds[1]) and its\n` +
        "client gets no more echoes, as with the book's server.",
      ko:
        `저장 프로세스 ${
          withJosa(pid, "이/가")
        } 종료했다: 이제 파이프를 읽는 프로세스가 없다. 에코 자식들도 파이프의\n` +
        "출구(fds[0])를 가지고 있어서 쓰기가 실패하지 않는다. 복사본이 파이프에 쌓이고, 파이프가 가득\n" +
        `차면(${full.ko}) 에코 자식은 write(fds[1])에서 블로킹되어 클라이언트에 더는 에코가 가지\n` +
        "않는다. 책의 서버도 그렇다.",
    });
    watchForStall(server);
  });
  const limit = maxMessages === 0
    ? {
      en: "no limit on reads (--max-messages 0)",
      ko: "읽기 횟수 제한 없음 (--max-messages 0)",
    }
    : {
      en:
        `it stops after ${maxMessages} reads, as the book's (--max-messages 0: no limit)`,
      ko: `책처럼 ${maxMessages}번 읽으면 멈춘다 (--max-messages 0: 제한 없음)`,
    };
  const where = out.startsWith("/") || /^[A-Za-z]:[\\/]/.test(out)
    ? out
    : `${Deno.cwd()}/${out}`; // where the tool was started, as C's fopen()
  note({
    en:
      `store process ${pid} writes what clients send to ${where}; ${limit.en}`,
    ko: `저장 프로세스 ${
      withJosa(pid, "이/가")
    } 클라이언트가 보낸 내용을 ${where}에 쓴다. ${limit.ko}`,
  });
}

/**
 * Once the store has ended: tells, from the OS, when an echo child is stuck
 * writing into the full pipe (Linux shows where a process waits).
 */
function watchForStall(server: Server): void {
  const timer = setInterval(() => {
    if (server.stopping) return clearInterval(timer);
    const stuck = server.serving.find((child) =>
      /pipe_write$/.test(waitChannel(child.pid) ?? "")
    );
    if (!stuck) return;
    clearInterval(timer);
    note({
      en:
        `the pipe is full: echo child ${stuck.pid} waits in write(fds[1]) (its /proc/${stuck.pid}/wchan\n` +
        "says pipe_write), and its client gets no more echoes. Ctrl+C ends the server.",
      ko:
        `파이프가 가득 찼다: 에코 자식 ${
          withJosa(stuck.pid, "이/가")
        } write(fds[1])에서 기다린다 (/proc/${stuck.pid}/wchan이\n` +
        "pipe_write를 보여 준다). 그 클라이언트에는 더는 에코가 가지 않는다. Ctrl+C로 서버를 끝낸다.",
    });
  }, 200);
  Deno.unrefTimer(timer);
}

/** At the end: the server waits while the store writes what is left. */
export function storeDrains(store: ChildProcess): void {
  note({
    en:
      `waiting for the store process ${store.pid} to write what is still in the pipe`,
    ko: `저장 프로세스 ${
      withJosa(store.pid, "이/가")
    } 파이프에 남은 내용을 다 쓸 때까지 기다린다`,
  });
}
