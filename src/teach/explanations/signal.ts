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
      "signal() registers a function to run when a signal arrives. alarm(2) " +
      "asks the kernel for SIGALRM in 2 seconds; the handler prints " +
      "'Time out!' and asks again. Ctrl+C sends SIGINT, whose handler prints " +
      "'CTRL+C pressed' instead of ending the program." +
      "\n\n" +
      "The main loop sleeps 100 seconds three times, but a handled signal " +
      "cuts a sleep short, so the whole program takes about 6 seconds.",
    ko:
      "signal() 함수는 시그널이 오면 실행할 함수를 등록한다. alarm(2)는 커널에 " +
      "2초 뒤 SIGALRM을 보내 달라고 요청하고, 핸들러는 'Time out!'을 출력한 뒤 " +
      "다시 요청한다. Ctrl+C를 누르면 SIGINT가 발생하고, 그 핸들러는 프로그램을 " +
      "종료하는 대신 'CTRL+C pressed'를 출력한다." +
      "\n\n" +
      "메인 루프는 100초씩 세 번 잠들지만, 핸들러가 등록된 시그널이 오면 " +
      "sleep이 중간에 깨어나므로 프로그램 전체는 약 6초 걸린다.",
  },
  watch: {
    en: "'wait...' and 'Time out!' alternate three times in about 6 seconds " +
      "(--speed divides that). With --trace, each sleep is cut short with " +
      "97 seconds left, what C's sleep() returns then: it counts the whole " +
      "seconds left, rounded down, and the signal comes a little more than " +
      "2 seconds into the sleep (in C 97 came back in 9 runs of 9 on the " +
      "machine we measured; 98 when the signal comes a hair sooner)." +
      "\n\n" +
      "Press Ctrl+C during a wait: 'CTRL+C pressed' appears and the loop " +
      "moves on at once, so one round ends without 'Time out!'. One Ctrl+C " +
      "counts once: 'deno task' forwards the terminal's SIGINT while the " +
      "terminal sends it too, and two copies within 50 ms are one keypress " +
      "(a note says so). kill -INT or kill -ALRM with the pid from another " +
      "terminal does the same.",
    ko: "'wait...'와 'Time out!'이 약 6초 동안 세 번 번갈아 나온다(--speed로 " +
      "줄일 수 있다). --trace를 붙이면 sleep마다 97초를 남기고 깨어나는 것이 " +
      "보인다. 이때 C의 sleep()도 97을 반환한다. 남은 시간을 초 단위로 내림해 " +
      "돌려주는데, 시그널은 잠든 지 2초가 조금 지나서 오기 때문이다(측정한 " +
      "컴퓨터의 C 프로그램에서 9번 중 9번 97이었다. 시그널이 아주 조금 일찍 " +
      "오면 98이 된다)." +
      "\n\n" +
      "기다리는 중에 Ctrl+C를 누르면 'CTRL+C pressed'가 나오고 루프가 바로 " +
      "다음으로 넘어가므로, 한 차례는 'Time out!' 없이 지나간다. Ctrl+C를 한 번 " +
      "누르면 한 번만 처리된다. 'deno task'가 터미널의 SIGINT를 프로그램에 전달하는데 " +
      "터미널도 같은 시그널을 보내므로, 50ms 안에 온 두 개는 한 번 누른 것으로 " +
      "친다(안내 메시지가 알려 준다). 다른 터미널에서 프로세스 ID를 주고 " +
      "kill -INT나 kill -ALRM을 실행해도 같다.",
  },
  differs: {
    en: "The signals are real. In C the kernel's timer raises SIGALRM by " +
      "itself; here a timer in the tool sends SIGALRM to the process with " +
      "kill(), so what arrives is the same real signal." +
      "\n\n" +
      "Deno runs a handler on its event loop, not in the middle of whatever " +
      "code was running, so a handler never interrupts other JavaScript. A C " +
      "handler can interrupt the main code between any two instructions." +
      "\n\n" +
      "When a handled signal cuts it short, C's sleep() returns the seconds " +
      "left (underneath, nanosleep() fails with EINTR); the tool's sleep " +
      "resolves to the whole seconds left likewise, rounded down as glibc " +
      "rounds them. Windows has no SIGALRM: there " +
      "the timer calls the handler itself, and the start note says so.",
    ko: "시그널은 진짜다. C에서는 커널의 타이머가 직접 SIGALRM을 발생시키고, " +
      "여기서는 도구 안의 타이머가 kill()로 프로세스에 SIGALRM을 보낸다. 도착하는 " +
      "것은 똑같은 진짜 시그널이다." +
      "\n\n" +
      "Deno는 핸들러를 실행 중인 코드 한가운데가 아니라 이벤트 루프에서 " +
      "실행하므로, 핸들러가 다른 자바스크립트 코드를 중간에 끊지 않는다. C의 " +
      "핸들러는 메인 코드의 어느 두 명령 사이에도 끼어들 수 있다." +
      "\n\n" +
      "핸들러가 등록된 시그널 때문에 깨어나면 C의 sleep()은 남은 초를 반환한다" +
      "(내부의 nanosleep()이 EINTR로 실패한다). 이 도구의 sleep도 glibc처럼 " +
      "남은 시간을 초 단위로 내림해 돌려준다. Windows에는 SIGALRM이 없어서 타이머가 핸들러를 직접 호출하며, " +
      "시작할 때의 안내 메시지가 이를 알린다.",
  },
  pitfalls: {
    en: "signal() differs between systems. On old System V systems a handler " +
      "falls back to the default after one delivery. Whether a slow system " +
      "call interrupted by the handler is restarted also varies: glibc's " +
      "signal() installs handlers with SA_RESTART (BSD semantics), so a " +
      "read() on a socket just goes on; sleep() is never restarted. That is " +
      "why the book moves on to sigaction(), whose flags say exactly." +
      "\n\n" +
      "puts() and printf() inside a C handler are not async-signal-safe: if " +
      "the signal arrives while the main code is inside stdio, output can be " +
      "garbled or the process can hang. It works in this small program; " +
      "write() is the safe call.",
    ko:
      "signal()은 시스템마다 동작이 다르다. 옛 System V 계열에서는 시그널이 한 " +
      "번 전달되면 핸들러가 기본 동작으로 돌아간다. 핸들러 때문에 중단된 느린 " +
      "시스템 함수를 다시 시작하는지도 다르다. glibc의 signal()은 핸들러를 " +
      "SA_RESTART로 등록하므로(BSD 방식) 소켓의 read()는 그대로 이어진다. " +
      "sleep()은 어느 쪽이든 다시 시작하지 않는다. 그래서 책은 플래그로 동작을 " +
      "정확히 정하는 sigaction()으로 넘어간다." +
      "\n\n" +
      "C 핸들러 안에서 puts()나 printf()를 호출하는 것은 async-signal-safe하지 " +
      "않다. 메인 코드가 stdio 함수 안에 있을 때 시그널이 오면 출력이 뒤섞이거나 " +
      "프로세스가 멈출 수 있다. 이 작은 프로그램에서는 동작하지만 안전한 선택은 " +
      "write()다.",
  },
};
