/**
 * What `tcpip explain sigaction` says (its C calls and their
 * stand-ins come from the header of `examples/sigaction.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `sigaction`. */
export const explanation: Explanation = {
  shows: {
    en:
      "sigaction() registers a handler through a structure: sa_handler (the function), " +
      "sa_mask (signals held back while the handler runs) and sa_flags (options). It " +
      "behaves the same on every POSIX system, which is why new code uses it instead of " +
      "signal(). The program is signal.c with SIGALRM only.",
    ko:
      "sigaction()은 구조체로 핸들러를 등록한다. sa_handler(함수), sa_mask(핸들러가 도는 " +
      "동안 막아 둘 시그널), sa_flags(옵션)이다. 모든 POSIX 시스템에서 똑같이 동작하므로 " +
      "새 코드는 signal() 대신 이것을 쓴다. 프로그램은 SIGALRM만 다루는 signal.c다.",
  },
  watch: {
    en:
      "The same six lines as signal, in about 6 s. Put the two sources side by side " +
      "(tcpip source signal, tcpip source sigaction): only the registration differs.",
    ko:
      "signal과 같은 여섯 줄이 약 6초 동안 나온다. 두 코드를 나란히 보면(tcpip source " +
      "signal, tcpip source sigaction) 등록하는 부분만 다르다.",
  },
  differs: {
    en:
      "Only sa_handler, an empty sa_mask and sa_flags 0 are modelled, as the book uses " +
      "them. Handlers here never run two at a time (Deno runs them one after another on " +
      "the event loop), which is what a full sa_mask would guarantee in C.",
    ko:
      "책이 쓰는 대로 sa_handler, 빈 sa_mask, sa_flags 0만 구현했다. 여기의 핸들러는 " +
      "동시에 둘이 돌지 않는다(Deno가 이벤트 루프에서 차례로 실행). C에서라면 sa_mask를 " +
      "채워야 보장되는 성질이다.",
  },
  pitfalls: {
    en:
      "Without sigemptyset, a C sa_mask holds whatever was on the stack and blocks random " +
      "signals during the handler. The third argument (0 here) can receive the previous " +
      "action, so that a program can restore it later.",
    ko:
      "C에서 sigemptyset을 빼먹으면 sa_mask에 스택의 쓰레기 값이 남아 핸들러가 도는 동안 " +
      "엉뚱한 시그널이 막힌다. 세 번째 인자(여기서는 0)로 이전 설정을 받아 두면 나중에 " +
      "되돌릴 수 있다.",
  },
};
