/**
 * What `tcpip explain wait` says (its C calls and their
 * stand-ins come from the header of `examples/wait.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `wait`. */
export const explanation: Explanation = {
  shows: {
    en:
      "wait() blocks until one of the children has ended, then returns its pid and fills " +
      "in its status. WIFEXITED(status) tells whether it ended normally (by returning from " +
      "main or calling exit) and WEXITSTATUS(status) gives the value it passed. Two " +
      "children end with 3 and 7; the parent collects both, then sleeps.",
    ko:
      "wait()는 자식 중 하나가 끝날 때까지 기다린 뒤 그 pid를 반환하고 종료 상태를 채운다. " +
      "WIFEXITED(status)는 정상 종료(main에서 반환하거나 exit 호출)인지 알려 주고, " +
      "WEXITSTATUS(status)는 넘긴 값을 준다. 두 자식이 3과 7로 끝나고, 부모는 둘을 회수한 " +
      "뒤 잠든다.",
  },
  watch: {
    en:
      "The statuses arrive in the order the children ended, not necessarily the order " +
      "they were started: 'one' and 'two' only number the wait() calls. During the final " +
      "sleep, ps shows no zombie: both children were collected.",
    ko:
      "종료 상태는 시작한 순서가 아니라 자식이 끝난 순서대로 온다. 'one'과 'two'는 wait() " +
      "호출의 순서일 뿐이다. 마지막 sleep 동안 ps를 보면 좀비가 없다. 두 자식 모두 회수되었다.",
  },
  differs: {
    en:
      "Deno's runtime has already reaped each child at the OS level when it ended; wait() " +
      "here hands over the status the runtime kept, the first ended first, which is what " +
      "C's wait() returns. An exit status is one byte: only 0 to 255 reach the parent.",
    ko:
      "Deno 런타임은 자식이 끝날 때 이미 OS 수준에서 회수했다. 여기의 wait()는 런타임이 " +
      "보관한 상태를 먼저 끝난 것부터 넘겨주며, C의 wait()가 반환하는 것과 같다. 종료 상태는 " +
      "1바이트라서 0부터 255까지만 부모에게 전해진다.",
  },
  pitfalls: {
    en:
      "wait() blocks: a parent calling it while its children run long does nothing else " +
      "meanwhile. With no child left, C's wait() returns -1 at once (errno ECHILD); a loop " +
      "that ignores the -1 spins forever.",
    ko:
      "wait()는 블로킹 함수다. 자식이 오래 실행되는 동안 wait()를 부른 부모는 아무것도 하지 " +
      "못한다. 남은 자식이 없으면 C의 wait()는 즉시 -1을 반환하는데(errno ECHILD), 이 -1을 " +
      "무시하는 반복문은 끝없이 돈다.",
  },
};
