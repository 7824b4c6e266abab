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
      "sigaction() registers a handler through a structure: sa_handler (the " +
      "function), sa_mask (signals held back while the handler runs) and " +
      "sa_flags (options). It behaves the same on every POSIX system, which " +
      "is why new code uses it instead of signal(). The program is signal.c " +
      "with SIGALRM only." +
      "\n\n" +
      "sa_flags is 0, so SA_RESTART is not set: a slow system call (accept(), " +
      "read() on a socket) interrupted by the handled signal fails with " +
      "EINTR instead of going on. That is why the echo server has " +
      "'if (clnt_sock == -1) continue;' after accept(): a SIGCHLD that " +
      "arrives while the parent waits in accept() makes it fail.",
    ko: "sigaction() 함수는 구조체로 핸들러를 등록한다. sa_handler(함수), " +
      "sa_mask(핸들러가 실행되는 동안 막아 둘 시그널), sa_flags(옵션)다. 모든 " +
      "POSIX 시스템에서 똑같이 동작하므로 새 코드는 signal() 대신 이것을 쓴다. " +
      "프로그램은 SIGALRM만 다루는 signal.c다." +
      "\n\n" +
      "sa_flags가 0이므로 SA_RESTART가 없다. 핸들러가 등록된 시그널 때문에 " +
      "중단된 느린 시스템 함수(accept(), 소켓의 read())는 이어서 실행되지 않고 " +
      "EINTR로 실패한다. 에코 서버가 accept() 뒤에 " +
      "'if (clnt_sock == -1) continue;'를 두는 이유다. 부모 프로세스가 " +
      "accept()에서 기다리는 동안 SIGCHLD가 오면 accept()가 실패한다.",
  },
  watch: {
    en:
      "The same six lines as signal, in about 6 seconds. Put the two sources " +
      "side by side (tcpip source signal, tcpip source sigaction): only the " +
      "registration differs. With --trace: the alarm sent, the signal " +
      "caught, the sleep cut short.",
    ko:
      "signal과 같은 여섯 줄이 약 6초 동안 나온다. 두 코드를 나란히 놓고 보면" +
      "(tcpip source signal, tcpip source sigaction) 등록하는 부분만 다르다. " +
      "--trace를 붙이면 알람이 보낸 시그널, 시그널의 처리, 중간에 깨어난 " +
      "sleep이 보인다.",
  },
  differs: {
    en:
      "Only what the book uses is modelled: sa_handler, an empty sa_mask and " +
      "sa_flags 0. Handlers here run one at a time on the event loop, as if " +
      "sa_mask held every handled signal. The only call a signal interrupts " +
      "here is sleep(), which ends early with or without SA_RESTART." +
      "\n\n" +
      "The tool cannot reproduce EINTR in the echo server's accept(): that " +
      "accept() waits on another thread, and Deno's runtime catches signals " +
      "with its own handler, installed with SA_RESTART, so the wait just " +
      "goes on. The server keeps the book's 'continue' all the same." +
      "\n\n" +
      "As in signal, a timer in the tool sends SIGALRM with kill(); Windows " +
      "has neither SIGALRM nor sigaction(), and the start note says so.",
    ko:
      "책이 쓰는 것만 구현했다. sa_handler, 비어 있는 sa_mask, 0인 sa_flags다. " +
      "여기의 핸들러는 이벤트 루프에서 하나씩 차례로 실행되므로, 핸들러가 " +
      "등록된 모든 시그널을 sa_mask에 넣은 것과 같다. 이 프로그램에서 시그널이 중단시키는 " +
      "함수는 sleep()뿐이며, sleep()은 SA_RESTART가 있든 없든 일찍 깨어난다." +
      "\n\n" +
      "에코 서버의 accept()에서 EINTR을 재현할 수는 없다. 그 accept()는 다른 " +
      "스레드에서 기다리고, Deno 런타임은 SA_RESTART로 등록한 자기 핸들러로 " +
      "시그널을 받으므로 기다림이 그대로 이어진다. 그래도 서버에는 책의 " +
      "continue가 그대로 있다." +
      "\n\n" +
      "signal과 마찬가지로 도구 안의 타이머가 kill()로 SIGALRM을 보낸다. " +
      "Windows에는 SIGALRM도 sigaction()도 없으며, 시작할 때의 안내 메시지가 " +
      "이를 알린다.",
  },
  pitfalls: {
    en:
      "Without sigemptyset(), a C sa_mask holds whatever was on the stack and " +
      "blocks random signals while the handler runs. The third argument (0 " +
      "here) can receive the previous action, so that a program can restore " +
      "it later." +
      "\n\n" +
      "With sa_flags 0, every slow blocking call in the program (accept(), " +
      "read() on a socket or pipe) may return -1 with errno EINTR when the " +
      "signal arrives. Check for it and retry, or " +
      "set SA_RESTART; a server that treats that -1 as a fatal error stops " +
      "the first time a child ends.",
    ko: "C에서 sigemptyset()을 빼먹으면 sa_mask에 스택의 쓰레기 값이 남아, " +
      "핸들러가 실행되는 동안 엉뚱한 시그널이 막힌다. 세 번째 인자(여기서는 0)로 " +
      "이전 설정을 받아 두면 나중에 되돌릴 수 있다." +
      "\n\n" +
      "sa_flags가 0이면 시그널이 올 때 프로그램의 느린 블로킹 함수(accept(), " +
      "소켓이나 파이프의 read())가 모두 -1을 반환하고 errno가 EINTR일 수 있다. 이를 확인해 다시 호출하거나 " +
      "SA_RESTART를 지정하자. 이 -1을 치명적인 오류로 다루는 서버는 자식 " +
      "프로세스가 처음 종료하는 순간 멈춘다.",
  },
};
