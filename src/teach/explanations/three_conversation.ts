/**
 * What `tcpip explain three-conversation` says (its C calls and their
 * stand-ins come from the header of `examples/three_conversation.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `three_conversation`. */
export const explanation: Explanation = {
  shows: {
    en:
      "Exercise: parent and child exchange messages three times over two pipes, taking " +
      "turns: the child writes, the parent reads and answers, and so on. Each side prints " +
      "what it received.",
    ko:
      "연습문제: 부모와 자식이 파이프 두 개로 메시지를 세 번 주고받는다. 자식이 쓰면 부모가 " +
      "읽고 답하는 식으로 번갈아 한다. 각자 받은 것을 출력한다.",
  },
  watch: {
    en:
      "Piped input is taken line by line, child first: printf 'a1\\nb1\\na2\\nb2\\na3\\nb3\\n' " +
      "| tcpip three-conversation. On a terminal each side prompts for its own line. " +
      "Without any input, built-in messages are used.",
    ko: "파이프로 넣은 입력은 자식부터 한 줄씩 번갈아 쓴다: printf " +
      "'a1\\nb1\\na2\\nb2\\na3\\nb3\\n' | tcpip three-conversation. 터미널에서는 각자 자기 " +
      "줄을 입력하라고 묻는다. 입력이 전혀 없으면 내장 메시지를 쓴다.",
  },
  differs: {
    en:
      "The child's stdin is its pipe from the parent, so on a terminal the child opens " +
      "the terminal itself (/dev/tty) to read its lines. From a pipe or a file, the parent " +
      "reads the lines first and hands the child its share when it forks, as a C child " +
      "would find them in its copied memory.",
    ko:
      "자식의 stdin은 부모에게서 오는 파이프라서, 터미널에서는 자식이 직접 터미널(/dev/tty)을 " +
      "열어 자기 줄을 읽는다. 파이프나 파일에서 입력이 오면 부모가 먼저 줄을 읽고 fork할 때 " +
      "자식의 몫을 넘겨준다. C의 자식이 복사된 메모리에서 찾는 것과 같다.",
  },
  pitfalls: {
    en:
      "In C, when both processes read the same stdin through stdio, the first fgets may " +
      "buffer several lines at once and the other process never sees them; the turn-taking " +
      "only works on a terminal, where each read returns one line.",
    ko:
      "C에서 두 프로세스가 같은 stdin을 stdio로 읽으면, 처음 fgets가 여러 줄을 한꺼번에 " +
      "버퍼에 담아 다른 프로세스는 그 줄을 보지 못한다. 번갈아 읽기는 한 번 읽을 때 한 줄씩 " +
      "돌려주는 터미널에서만 동작한다.",
  },
};
