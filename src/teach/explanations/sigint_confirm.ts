/**
 * What `tcpip explain sigint-confirm` says (its C calls and their
 * stand-ins come from the header of `examples/sigint_confirm.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `sigint_confirm`. */
export const explanation: Explanation = {
  shows: {
    en: "Exercise: a handler that asks before quitting. The program prints a " +
      "line every second. SIGINT (Ctrl+C) no longer ends it: its handler " +
      "asks 'Do you want to exit? (Y/N)' and the program exits only when the " +
      "answer starts with y or Y; any other answer lets it go on." +
      "\n\n" +
      "As in C, the question is asked inside the handler with a blocking " +
      "fgets(), so the main loop stops until the question is answered.",
    ko: "연습문제: 종료하기 전에 묻는 핸들러. 프로그램은 1초마다 한 줄씩 " +
      "출력한다. SIGINT(Ctrl+C)로는 더 이상 종료하지 않는다. 핸들러가 " +
      "'Do you want to exit? (Y/N)'이라고 묻고, 답이 y나 Y로 시작할 때만 " +
      "종료한다. 다른 답이면 계속 실행된다." +
      "\n\n" +
      "C와 마찬가지로 질문은 핸들러 안에서 블로킹 함수 fgets()로 하므로, 답할 " +
      "때까지 메인 루프가 멈춘다.",
  },
  watch: {
    en: "Press Ctrl+C: the question appears and no line is printed while it " +
      "waits. Answer n: the lines resume at once (the handled signal cut " +
      "the loop's sleep short). Ctrl+C again and answer y: the program exits " +
      "with status 0." +
      "\n\n" +
      "One Ctrl+C asks once: 'deno task' forwards the terminal's SIGINT " +
      "while the terminal sends it too, and two copies within 50 ms count " +
      "as one keypress. From a script, pipe the answers in and send the " +
      "signal with kill -INT and the pid.",
    ko: "Ctrl+C를 누르면 질문이 나오고, 기다리는 동안에는 한 줄도 출력되지 " +
      "않는다. n이라고 답하면 출력이 곧바로 다시 시작된다(핸들러가 등록된 " +
      "시그널이 루프의 sleep을 깨웠기 때문이다). 다시 Ctrl+C를 누르고 y라고 " +
      "답하면 종료 상태 값 0으로 종료한다." +
      "\n\n" +
      "Ctrl+C 한 번에 질문도 한 번이다. 'deno task'가 터미널의 SIGINT를 " +
      "전달하는데 터미널도 같은 시그널을 보내므로, 50ms 안에 온 두 개는 한 번 " +
      "누른 것으로 친다. 스크립트에서는 답을 파이프로 넣고 프로세스 ID를 주어 " +
      "kill -INT로 시그널을 보낸다.",
  },
  differs: {
    en: "The handler runs on Deno's event loop once SIGINT has arrived, and " +
      "fgets() there reads stdin synchronously, blocking the whole thread: " +
      "nothing else runs until the answer comes, as a C handler holds up " +
      "the main code. exit(0) ends the process at once." +
      "\n\n" +
      "The exercise has no code in the book; this is one way to solve it, " +
      "with sigaction() and sa_flags 0 as the chapter does.",
    ko: "핸들러는 SIGINT가 도착하면 Deno의 이벤트 루프에서 실행되고, 그 안의 " +
      "fgets()는 stdin을 동기식으로 읽으며 스레드 전체를 블로킹한다. 답이 올 " +
      "때까지 다른 것은 실행되지 않는다. C의 핸들러가 메인 코드를 붙잡아 두는 " +
      "것과 같다. exit(0)은 프로세스를 곧바로 종료한다." +
      "\n\n" +
      "이 연습문제는 책에 코드가 없다. 여기의 코드는 이 장처럼 sigaction()과 " +
      "0인 sa_flags를 쓰는 풀이 하나다.",
  },
  pitfalls: {
    en: "Reading input and printing with stdio inside a C signal handler is " +
      "not async-signal-safe: if Ctrl+C arrives while the main code is " +
      "inside printf(), the output can be garbled or the process can hang. " +
      "The exercise gets away with it; real programs set a flag of type " +
      "volatile sig_atomic_t in the handler and ask in the main loop." +
      "\n\n" +
      "While a C handler runs, its own signal is blocked: a second Ctrl+C " +
      "during the question waits until the handler returns, then asks " +
      "again.",
    ko: "C 시그널 핸들러 안에서 stdio로 입력을 읽고 출력하는 것은 " +
      "async-signal-safe하지 않다. 메인 코드가 printf() 안에 있을 때 Ctrl+C가 " +
      "오면 출력이 뒤섞이거나 프로세스가 멈출 수 있다. 연습문제 정도의 " +
      "프로그램에서는 문제가 드러나지 않지만, 실제 프로그램에서는 핸들러에서 " +
      "volatile sig_atomic_t 형의 플래그만 설정하고 질문은 메인 루프에서 한다." +
      "\n\n" +
      "C에서 핸들러가 실행되는 동안에는 같은 시그널이 막힌다. 질문 중에 다시 " +
      "누른 Ctrl+C는 핸들러가 반환할 때까지 기다렸다가 다시 질문하게 만든다.",
  },
};
