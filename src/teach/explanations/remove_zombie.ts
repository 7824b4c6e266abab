/**
 * What `tcpip explain remove-zombie` says (its C calls and their
 * stand-ins come from the header of `examples/remove_zombie.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `remove_zombie`. */
export const explanation: Explanation = {
  shows: {
    en:
      "The kernel sends SIGCHLD to a parent whenever one of its children ends. A handler " +
      "for it can collect the child right away with waitpid, so no zombie is left and the " +
      "parent never blocks. Two children end after 10 s with 12 and 24; the handler " +
      "prints each pid and status while the main loop prints 'wait...' five times.",
    ko:
      "자식이 끝날 때마다 커널은 부모에게 SIGCHLD를 보낸다. 이 시그널의 핸들러에서 waitpid로 " +
      "자식을 바로 회수하면 좀비가 남지 않고 부모도 블로킹되지 않는다. 두 자식이 10초 뒤 12와 " +
      "24로 끝나고, 메인 루프가 'wait...'를 다섯 번 출력하는 동안 핸들러가 각 pid와 상태를 " +
      "출력한다.",
  },
  watch: {
    en:
      "The 'Removed proc id' lines come as soon as the children end, between two " +
      "'wait...' lines, and the sleep in progress ends early. Run ps in another terminal " +
      "afterwards: there is no Z entry.",
    ko:
      "자식이 끝나자마자 두 'wait...' 사이에 'Removed proc id' 줄이 나오고, 진행 중이던 " +
      "sleep이 일찍 끝난다. 그 뒤 다른 터미널에서 ps를 보면 Z 항목이 없다.",
  },
  differs: {
    en:
      "The SIGCHLD is real. Deno's runtime has already reaped each child at the OS level; " +
      "the handler collects the status it kept. To keep WNOHANG truthful, the tool asks " +
      "/proc whether a child has exited when the runtime has not reported it yet.",
    ko:
      "SIGCHLD는 진짜다. Deno 런타임이 OS 수준에서 이미 자식을 회수했고, 핸들러는 런타임이 " +
      "보관한 상태를 가져간다. WNOHANG이 사실대로 답하도록, 런타임이 아직 알리지 않은 자식은 " +
      "/proc에 끝났는지 물어본다.",
  },
  pitfalls: {
    en:
      "The book's handler calls waitpid() once per signal. Signals of one kind do not " +
      "queue: if both children end before the handler runs, the parent gets ONE SIGCHLD, " +
      "collects one child, and the other stays a zombie. The fix, used here, is a loop: " +
      "while (waitpid(-1, &status, WNOHANG) > 0). The book's handler also reads status " +
      "even when waitpid returned 0 or -1, when status was never filled in.",
    ko:
      "책의 핸들러는 시그널 하나에 waitpid()를 한 번만 부른다. 같은 종류의 시그널은 쌓이지 " +
      "않으므로, 핸들러가 돌기 전에 두 자식이 모두 끝나면 부모는 SIGCHLD를 한 번만 받아 한 " +
      "자식만 회수하고 다른 하나는 좀비로 남는다. 여기서 쓴 해결책은 반복문이다: while " +
      "(waitpid(-1, &status, WNOHANG) > 0). 책의 핸들러는 waitpid가 0이나 -1을 반환해 " +
      "status가 채워지지 않았을 때도 status를 읽는다.",
  },
};
