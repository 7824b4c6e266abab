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
    en:
      "Exercise: a handler that asks before quitting. SIGINT (Ctrl+C) no longer ends the " +
      "program; its handler asks 'Do you want to exit? (Y/N)' and the program ends only " +
      "on y or Y.",
    ko:
      "연습문제: 끝내기 전에 묻는 핸들러. SIGINT(Ctrl+C)로 더는 프로그램이 끝나지 않고, " +
      "핸들러가 'Do you want to exit? (Y/N)'이라고 물어 y나 Y일 때만 끝난다.",
  },
  watch: {
    en:
      "Press Ctrl+C and answer n: the lines go on. Ctrl+C again and answer y: it ends. " +
      "From a script, pipe the answers in and send the signal with kill -INT <pid>.",
    ko:
      "Ctrl+C를 누르고 n이라고 답하면 출력이 계속된다. 다시 Ctrl+C를 누르고 y라고 답하면 " +
      "끝난다. 스크립트에서는 답을 파이프로 넣고 kill -INT <pid>로 시그널을 보낸다.",
  },
  differs: {
    en:
      "The handler runs on Deno's event loop, so it can wait for the answer; while it " +
      "waits, the loop prints nothing, because its sleep ends only after the handler has " +
      "finished, as in C, where the handler holds up the main code.",
    ko:
      "핸들러는 Deno의 이벤트 루프에서 돌아서 답을 기다릴 수 있다. 기다리는 동안 루프는 " +
      "아무것도 출력하지 않는다. 루프의 sleep은 핸들러가 끝난 뒤에야 끝나기 때문이며, 핸들러가 " +
      "메인 코드를 붙잡아 두는 C와 같다.",
  },
  pitfalls: {
    en:
      "Reading input inside a C signal handler with stdio (scanf, fgets) is not " +
      "async-signal-safe. The exercise gets away with it; real programs set a flag in the " +
      "handler and ask in the main loop.",
    ko:
      "C 시그널 핸들러 안에서 stdio(scanf, fgets)로 입력을 읽는 것은 async-signal-safe하지 " +
      "않다. 연습문제에서는 넘어가지만, 실제 프로그램은 핸들러에서 플래그만 세우고 메인 " +
      "루프에서 묻는다.",
  },
};
