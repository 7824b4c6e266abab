/**
 * What `tcpip explain waitpid` says (its C calls and their
 * stand-ins come from the header of `examples/waitpid.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `waitpid`. */
export const explanation: Explanation = {
  shows: {
    en:
      "waitpid(-1, &status, WNOHANG) asks about any child without waiting: it returns 0 " +
      "while no child has ended, so the parent can do other work (here: sleep 3 seconds " +
      "and say so) and ask again. The child returns 24 after 15 seconds.",
    ko:
      "waitpid(-1, &status, WNOHANG)는 기다리지 않고 자식의 상태를 묻는다. 아직 끝난 자식이 " +
      "없으면 0을 반환하므로, 부모는 다른 일(여기서는 3초 자고 그렇다고 출력하기)을 하고 다시 " +
      "물을 수 있다. 자식은 15초 뒤 24를 반환한다.",
  },
  watch: {
    en:
      "About five 'sleep 3sec.' lines, then 'Child send 24'. The child ends at 15 s, just " +
      "when the parent asks for the fifth time, so now and then a sixth line appears: the " +
      "two processes race, in C as well.",
    ko:
      "'sleep 3sec.'이 다섯 번쯤 나오고 'Child send 24'가 나온다. 자식은 15초에 끝나는데, " +
      "마침 부모가 다섯 번째로 묻는 순간이라 가끔 여섯 번째 줄이 나온다. 두 프로세스의 경쟁이며 " +
      "C에서도 마찬가지다.",
  },
  differs: {
    en:
      "The runtime reaps the child by itself. To answer WNOHANG truthfully, the tool also " +
      "asks the OS (/proc on Linux) whether the child has exited, so a child that has just " +
      "ended counts even before the runtime has reported it. A Deno child needs tens of " +
      "milliseconds to start, so its first sleep is shortened by that time: it ends 15 s " +
      "after the fork, as a C child would.",
    ko:
      "런타임이 스스로 자식을 회수한다. WNOHANG에 사실대로 답하려고, 이 도구는 OS(리눅스는 " +
      "/proc)에도 자식이 끝났는지 묻는다. 그래서 런타임이 알려 주기 전이라도 방금 끝난 자식은 " +
      "끝난 것으로 센다. Deno 자식은 시작에 수십 밀리초가 걸리므로 첫 sleep을 그만큼 줄인다. " +
      "그래서 C의 자식처럼 fork 후 15초에 끝난다.",
  },
  pitfalls: {
    en:
      "Polling wastes time between checks and notices an ended child up to one period " +
      "late; a SIGCHLD handler (remove_zombie.c) reacts at once. Passing 0 instead of " +
      "WNOHANG makes waitpid block like wait.",
    ko:
      "폴링은 확인 사이의 시간을 낭비하고, 끝난 자식을 최대 한 주기만큼 늦게 알아챈다. " +
      "SIGCHLD 핸들러(remove_zombie.c)는 즉시 반응한다. WNOHANG 대신 0을 넘기면 waitpid는 " +
      "wait처럼 블로킹된다.",
  },
};
