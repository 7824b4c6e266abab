/**
 * The tool's own way out of a read that would block forever, as the
 * parent's `read()` in `pipe2 --race` does in C when the child has taken the
 * message: a watchdog thread closes the last write end of the pipe after a
 * while, so the read returns end of file. It is scaffolding, not part of the
 * book's program, and says so when it fires.
 *
 * @module
 */

import { defineRoutines, type Routines } from "../threads/worker.ts";
import * as libc from "../../ipc/libc.ts";
import { note } from "../../note.ts";
import type { Text } from "../../text.ts";
import { trace } from "../../trace/trace.ts";

const WAITING = 0;
const CANCELLED = 1;
const FIRED = 2;

/** The watchdog thread's routine (it needs no event loop of its own). */
export const routines: Routines<{
  watch(data: { cell: Int32Array; fd: number; ms: number }): void;
}> = defineRoutines(import.meta.url, {
  watch({ cell, fd, ms }: { cell: Int32Array; fd: number; ms: number }) {
    // Its time counts from arm(): a slow fork() (Windows) spends none of it.
    Atomics.wait(cell, 1, 0);
    Atomics.wait(cell, 0, WAITING, ms);
    if (Atomics.compareExchange(cell, 0, WAITING, FIRED) === WAITING) {
      // Recorded first: once the fd is closed the parent's read() returns,
      // and the parent may draw the picture before a later line is written.
      trace("tool", "watchdog", {
        text: {
          en:
            `watchdog closes fd ${fd} (fds[1]), the last write end: read() gets EOF`,
          ko:
            `감시 스레드가 마지막 입구 fd ${fd}(fds[1])를 닫음: read()가 EOF를 받음`,
        },
      });
      libc.close(fd); // the parent's write end: the last one left
    }
  },
});

/** A running watchdog. */
export interface Watchdog {
  /** Starts its countdown (no event loop needed: shared memory). */
  arm(): void;
  /**
   * Stops it, if it has not fired yet (no event loop needed: shared memory),
   * and says what happened. True if it had fired.
   */
  stop(): boolean;
}

/**
 * Starts a watchdog that closes `writeFd` `ms` milliseconds after it is
 * armed, unless cancelled first. Resolves once its thread runs, so the
 * caller can block.
 */
export async function closeAfter(
  writeFd: number,
  ms: number,
): Promise<Watchdog> {
  // [0]: WAITING, CANCELLED or FIRED; [1]: 1 once armed.
  const cell = new Int32Array(new SharedArrayBuffer(8));
  const running = routines.start("watch", { cell, fd: writeFd, ms });
  await running.started;
  trace("tool", "watchdog", {
    text: {
      en: `watchdog: closes fd ${writeFd} (fds[1]) in ${
        ms.toFixed(0)
      } ms if read() still waits`,
      ko: `감시 스레드: ${
        ms.toFixed(0)
      } ms 뒤에도 read()가 기다리면 fd ${writeFd}(fds[1])를 닫는다`,
    },
  });
  return {
    arm() {
      Atomics.store(cell, 1, 1);
      Atomics.notify(cell, 1);
    },
    stop() {
      if (Atomics.compareExchange(cell, 0, WAITING, CANCELLED) === WAITING) {
        Atomics.store(cell, 1, 1); // never armed: let its thread go
        Atomics.notify(cell, 1);
        Atomics.notify(cell, 0);
        trace("tool", "watchdog", {
          text: {
            en: "watchdog stopped: read() returned first",
            ko: "감시 스레드 멈춤: read()가 먼저 반환",
          },
        });
        note(PARENT_FIRST);
        return false;
      }
      note(CHILD_FIRST);
      return true;
    },
  };
}

const PARENT_FIRST: Text = {
  en:
    "race (--race): the parent's read() took the message first, as it usually does\n" +
    "here: the child's first read() runs code for the first time, and the woken parent\n" +
    "wins meanwhile (in C the child usually wins). Run it again: now and then the child\n" +
    "reads back its own message.",
  ko:
    "경쟁(--race): 부모의 read()가 메시지를 먼저 가져갔다. 이 도구에서는 대개 그렇다.\n" +
    "자식의 첫 read()는 처음 실행하는 코드라 시간이 걸리고, 그사이 깨어난 부모가 이긴다\n" +
    "(C에서는 대개 자식이 이긴다). 다시 실행하면 가끔 자식이 자기 메시지를 도로 읽는다.",
};

const CHILD_FIRST: Text = {
  en:
    "race (--race): the child read back its own message and ended; the parent's read()\n" +
    "was still waiting. C's parent would wait forever (it holds a write end itself, so\n" +
    "no end of file comes): tcpip's watchdog closed that write end after 3 s (scaled),\n" +
    "and read() returned 0, end of file. The watchdog is the tool's, not the book's.",
  ko:
    "경쟁(--race): 자식이 자기 메시지를 도로 읽고 끝났고, 부모의 read()는 여전히 기다리고\n" +
    "있었다. C의 부모는 영원히 기다린다 (자신도 파이프의 입구를 가지고 있어 EOF가 오지 않는다).\n" +
    "tcpip의 감시 스레드가 3초(배속 적용) 뒤 그 입구를 닫자 read()가 0, 즉 EOF를 반환했다.\n" +
    "이 감시 스레드는 책의 코드가 아니라 도구의 것이다.",
};
