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
      "waitpid(-1, &status, WNOHANG) asks about any child without blocking: " +
      "it returns 0 while no child has ended. So the parent can do other " +
      "work between two questions; here it sleeps 3 seconds and prints " +
      "'sleep 3sec.'. The child sleeps 15 seconds and returns 24.",
    ko:
      "waitpid(-1, &status, WNOHANG)은 블로킹되지 않고 자식 프로세스의 종료를 " +
      "확인한다. 종료한 자식 프로세스가 없으면 0을 반환한다. 그래서 부모 " +
      "프로세스는 확인하는 사이사이에 다른 일을 할 수 있다. 여기서는 3초 동안 " +
      "잠든 뒤 'sleep 3sec.'을 출력한다. 자식 프로세스는 15초 동안 잠든 뒤 24를 " +
      "반환한다.",
  },
  watch: {
    en: "The calls at 0, 3, 6, 9 and 12 seconds find no ended child, so five " +
      "'sleep 3sec.' lines appear. The sixth call, at 15 seconds, finds the " +
      "child ended: 'Child send 24'." +
      "\n\n" +
      "The child ends at 15 seconds too, so the sixth call is a tie. Now and " +
      "then it comes a moment too early, a sixth line appears, and the " +
      "seventh call finds the child. That happens in C as well.",
    ko: "0, 3, 6, 9, 12초의 호출은 종료한 자식 프로세스를 찾지 못하므로 " +
      "'sleep 3sec.'이 다섯 줄 나온다. 15초의 여섯 번째 호출이 종료한 자식 " +
      "프로세스를 찾아 'Child send 24'를 출력한다." +
      "\n\n" +
      "자식 프로세스도 15초에 종료하므로 여섯 번째 호출은 아슬아슬한 경쟁이다. " +
      "가끔은 호출이 조금 일러서 여섯 번째 줄이 나오고, 일곱 번째 호출이 자식 " +
      "프로세스를 찾는다. C에서도 마찬가지다.",
  },
  differs: {
    en: "Deno's runtime reaps the child by itself; the tool keeps its status " +
      "until waitpid() collects it. To answer WNOHANG truthfully, the tool " +
      "also asks /proc on Linux whether the child has exited, so a child " +
      "that has just ended counts even before the runtime has reported it. " +
      "Elsewhere it gives the runtime one turn of its event loop first." +
      "\n\n" +
      "fork() returns only once the child is about to run its code, so the " +
      "child's 15 seconds and the parent's periods of 3 start together, as " +
      "in C. --speed divides every sleep.",
    ko:
      "Deno 런타임이 자식 프로세스를 스스로 회수하고, 이 도구는 waitpid()가 " +
      "회수할 때까지 종료 상태 값을 보관한다. WNOHANG일 때도 실제 상태를 " +
      "정확히 알려 주기 위해, 리눅스에서는 /proc에서도 자식 프로세스가 " +
      "종료했는지 확인한다. 그래서 런타임이 알려 주기 전이라도 방금 종료한 자식 " +
      "프로세스는 종료한 것으로 센다. 다른 OS에서는 확인하기 전에 이벤트 루프를 " +
      "한 번 실행해, 런타임이 종료를 알릴 기회를 준다." +
      "\n\n" +
      "fork()는 자식 프로세스가 코드를 막 실행하려 할 때에야 반환하므로, C처럼 " +
      "자식 프로세스의 15초와 부모 프로세스의 3초 주기가 같은 순간에 시작된다. " +
      "--speed는 모든 sleep을 나눈다.",
  },
  pitfalls: {
    en: "Polling notices an ended child up to one period late, and wakes for " +
      "nothing in between; a SIGCHLD handler (remove-zombie) reacts at once. " +
      "Passing 0 instead of WNOHANG makes waitpid() block like wait()." +
      "\n\n" +
      "The loop tests only for 0. If waitpid() returns -1 (no child at all, " +
      "say because fork() failed), the loop ends and status is read although " +
      "it was never filled in.",
    ko:
      "폴링은 종료한 자식 프로세스를 최대 한 주기 늦게 알아채고, 그사이에는 " +
      "쓸데없이 깨어난다. SIGCHLD 핸들러(remove-zombie)는 곧바로 반응한다. " +
      "WNOHANG 대신 0을 넘기면 waitpid()는 wait()처럼 블로킹된다." +
      "\n\n" +
      "반복문은 0인지만 검사한다. waitpid()가 -1을 반환하면(예를 들어 fork()가 " +
      "실패해서 자식 프로세스가 아예 없을 때) 반복문을 빠져나와, 채워진 적 " +
      "없는 status를 읽는다.",
  },
};
