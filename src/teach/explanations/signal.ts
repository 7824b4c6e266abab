/**
 * What `tcpip explain signal` says (its C calls and their
 * stand-ins come from the header of `examples/signal.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `signal`. */
export const explanation: Explanation = {
  shows: {
    en:
      "signal() registers a function to run when a signal arrives. alarm(2) asks for " +
      "SIGALRM in 2 seconds; the handler prints 'Time out!' and asks again. The main loop " +
      "sleeps 100 seconds three times, but a sleep ends as soon as a handled signal " +
      "arrives, so the whole program takes about 6 seconds. Ctrl+C sends SIGINT, whose " +
      "handler prints 'CTRL+C pressed' instead of ending the program.",
    ko:
      "signal()은 시그널이 오면 실행할 함수를 등록한다. alarm(2)는 2초 뒤 SIGALRM을 " +
      "요청하고, 핸들러는 'Time out!'을 출력한 뒤 다시 요청한다. 메인 루프는 100초씩 세 번 " +
      "자지만, 처리되는 시그널이 오면 sleep이 바로 끝나므로 프로그램 전체는 약 6초 걸린다. " +
      "Ctrl+C는 SIGINT를 보내고, 그 핸들러는 프로그램을 끝내는 대신 'CTRL+C pressed'를 " +
      "출력한다.",
  },
  watch: {
    en:
      "'wait...' and 'Time out!' alternate three times in about 6 s. Press Ctrl+C during " +
      "a wait: 'CTRL+C pressed' appears and the loop moves on at once, so that round has " +
      "no 'Time out!'. From another terminal, kill -INT <pid> and kill -ALRM <pid> do the " +
      "same (find the pid with ps).",
    ko:
      "'wait...'와 'Time out!'이 약 6초 동안 세 번 번갈아 나온다. 기다리는 중에 Ctrl+C를 " +
      "누르면 'CTRL+C pressed'가 나오고 루프가 바로 다음으로 넘어가므로, 그 차례에는 'Time " +
      "out!'이 없다. 다른 터미널에서 kill -INT <pid>나 kill -ALRM <pid>를 실행해도 같다(pid는 " +
      "ps로 찾는다).",
  },
  differs: {
    en:
      "The signals are real: the kernel delivers SIGALRM and SIGINT to the process. Deno " +
      "runs a handler on its event loop rather than in the middle of whatever was running, " +
      "so a handler never interrupts other JavaScript; a C handler can interrupt the main " +
      "code anywhere. alarm() is a timer in the process that sends SIGALRM with kill(), " +
      "which is also what the kernel's alarm does. Windows has no SIGALRM: there the timer " +
      "calls the handler directly, and the program says so.",
    ko:
      "시그널은 진짜다. 커널이 SIGALRM과 SIGINT를 프로세스에 전달한다. Deno는 핸들러를 " +
      "실행 중인 코드 한가운데가 아니라 이벤트 루프에서 실행하므로, 핸들러가 다른 " +
      "자바스크립트를 중간에 끊지 않는다. C의 핸들러는 메인 코드 어디서든 끼어들 수 있다. " +
      "alarm()은 kill()로 SIGALRM을 보내는 프로세스 안의 타이머이며, 커널의 alarm도 같은 일을 " +
      "한다. Windows에는 SIGALRM이 없어서 타이머가 핸들러를 직접 부르고, 프로그램이 그렇다고 " +
      "알린다.",
  },
  pitfalls: {
    en:
      "signal() differs between systems: on some old Unix systems the handler falls back " +
      "to the default after one delivery, and whether interrupted calls restart varies. " +
      "That is why the book moves on to sigaction(). Calling puts or printf inside a C " +
      "handler is not async-signal-safe: if the signal arrives while the main code is " +
      "inside printf, output can be garbled. It works in these small programs, but write() " +
      "is the safe choice.",
    ko:
      "signal()은 시스템마다 동작이 다르다. 예전 유닉스 중에는 한 번 전달된 뒤 핸들러가 " +
      "기본값으로 돌아가는 것이 있고, 중단된 시스템 호출을 다시 시작하는지도 다르다. 그래서 " +
      "책은 sigaction()으로 넘어간다. C 핸들러 안에서 puts나 printf를 부르는 것은 " +
      "async-signal-safe하지 않다. 메인 코드가 printf 안에 있을 때 시그널이 오면 출력이 꼬일 " +
      "수 있다. 이 작은 프로그램에서는 동작하지만 안전한 선택은 write()다.",
  },
};
