/**
 * What `tcpip explain fork` says (its C calls and their
 * stand-ins come from the header of `examples/fork.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `fork`. */
export const explanation: Explanation = {
  shows: {
    en:
      "fork() creates a second process that starts as an exact copy of the first: the " +
      "same code, the same variables, the same open files. From then on the two run " +
      "separately, and a variable changed in one is not changed in the other. The " +
      "program raises a global (gval) and a local (lval) variable before the fork; then " +
      "the child adds 2 and the parent subtracts 2, so the child prints 13 and 27 and " +
      "the parent 9 and 23.",
    ko:
      "fork()는 원래 프로세스를 그대로 복사한 두 번째 프로세스를 만든다. 코드도 변수도 열린 " +
      "파일도 같은 상태에서 출발한다. 그 뒤로 두 프로세스는 따로 실행되므로, 한쪽이 바꾼 변수는 " +
      "다른 쪽에서 바뀌지 않는다. 이 프로그램은 fork 전에 전역 변수 gval과 지역 변수 lval을 " +
      "늘리고, 그 뒤 자식은 2를 더하고 부모는 2를 뺀다. 그래서 자식은 13과 27을, 부모는 9와 " +
      "23을 출력한다.",
  },
  watch: {
    en:
      "The two lines come from two processes, so their order is not fixed. The " +
      "[tcpip] note names the child's pid and the values it was given. With --trace you " +
      "see the fork, the child starting and ending, and the parent collecting it.",
    ko:
      "두 줄은 서로 다른 프로세스가 출력하므로 순서가 정해져 있지 않다. [tcpip] 설명에는 " +
      "자식의 pid와 넘겨받은 값이 나온다. --trace를 붙이면 fork, 자식의 시작과 끝, 부모가 " +
      "자식을 회수하는 모습이 보인다.",
  },
  differs: {
    en:
      "Deno cannot copy a running process. The tool starts the same program again with a " +
      "hidden entry that runs only the child's part, and hands over the two variables " +
      "explicitly; a real fork copies them along with all of memory. The outcome is the " +
      "same: two processes with separate copies of gval and lval. The child starts a few " +
      "tens of milliseconds later (a runtime has to boot), and the parent waits for it at " +
      "the end so that no process is left running; the book's parent just returns.",
    ko:
      "Deno는 실행 중인 프로세스를 복사할 수 없다. 그래서 이 도구는 같은 프로그램을 숨겨진 " +
      "진입점으로 다시 실행해 자식 부분만 돌리고, 두 변수를 직접 넘겨준다. 진짜 fork는 메모리 " +
      "전체와 함께 이 변수들을 복사한다. 결과는 같다: gval과 lval의 복사본을 따로 가진 두 " +
      "프로세스. 자식은 런타임이 뜨는 만큼 수십 밀리초 늦게 시작하고, 부모는 남는 프로세스가 " +
      "없도록 끝에서 자식을 기다린다. 책의 부모는 그냥 반환한다.",
  },
  pitfalls: {
    en:
      "The code is fine; the common misreading is that the child starts main() over. It " +
      "does not: in C the child continues right after fork() returns, with 0 in pid. That " +
      "is also why the tool runs only the child's part in its child, never main() again.",
    ko:
      "코드 자체는 문제없다. 흔한 오해는 자식이 main()을 처음부터 다시 실행한다는 것이다. " +
      "그렇지 않다. C의 자식은 fork()가 반환한 바로 그 지점에서 pid에 0을 받아 이어서 " +
      "실행한다. 이 도구가 자식에서 main()을 다시 돌리지 않고 자식 부분만 실행하는 것도 그 " +
      "때문이다.",
  },
};
