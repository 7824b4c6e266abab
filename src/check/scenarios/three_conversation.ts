/**
 * Chapter 11, exercise 4: parent and child exchange three messages each
 * over two pipes, taking turns (either may start), each printing what it
 * receives. The check types six lines (for a program that reads its
 * messages from the keyboard) and follows every message through the pipes.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, RACE_RUNS, see } from "./_common.ts";
import { onePipeFinding, pipeFindings } from "./_pipes.ts";

/** The check of the three-conversation exercise. */
export const scenario: Scenario = {
  program: "three-conversation",
  role: "program",
  example: "./three_conversation",
  summary: both(
    "three messages each way over two pipes, taking turns, each one printed",
    "파이프 둘로 각 방향 세 번씩 번갈아, 받은 것을 출력",
  ),
  bookSleeps: 0,
  runs: RACE_RUNS,
  steps: [
    {
      do: "type",
      title: both(
        "six lines are typed (for a program that reads its messages)",
        "여섯 줄을 입력한다 (메시지를 입력받는 프로그램을 위해)",
      ),
      text: "Hello, parent! (1)\nHello, child! (2)\nWhat is a pipe? (3)\n" +
        "A one-way byte queue. (4)\nThanks, bye! (5)\nBye! (6)\n",
    },
    {
      do: "exit",
      title: both("the conversation ends", "대화가 끝난다"),
      within: 10,
      outcomes: { running: "three.hangs" },
    },
  ],
  rules: [
    {
      rule: "own",
      title: both(
        "no process reads back its own message",
        "자기 메시지를 다시 읽는 프로세스가 없다",
      ),
      needs: "strace",
      outcomes: { own: "three.own-message" },
    },
    {
      rule: "one-way",
      title: both(
        "each pipe carries messages one way only",
        "파이프마다 메시지가 한 방향으로만 간다",
      ),
      needs: "strace",
      outcomes: { "both-ways": "three.one-pipe" },
    },
    {
      rule: "exchanges",
      title: both(
        "three messages each way, taking turns (either may start)",
        "각 방향 세 번, 번갈아 (어느 쪽이 먼저 해도 된다)",
      ),
      needs: "strace",
      each: 3,
      first: "either",
      unless: ["three.own-message"],
      outcomes: { count: "three.count", order: "three.order" },
    },
    {
      rule: "received-printed",
      title: both(
        "each process prints what it receives",
        "각 프로세스가 받은 것을 출력한다",
      ),
      needs: "strace",
      unless: ["three.own-message"],
      outcomes: { unprinted: "three.unprinted" },
    },
  ],
  findings: {
    ...pipeFindings("three-conversation", "three"),
    "three.one-pipe": onePipeFinding("three-conversation"),
    "three.count": {
      severity: "fail",
      title: both(
        "not three messages each way",
        "각 방향 세 번이 아니다",
      ),
      book: both(
        "The exercise asks for three exchanges: the child sends, the parent answers, three times.",
        "문제는 세 번 주고받기를 요구한다: 자식이 보내고 부모가 답하기를 세 번.",
      ),
      why: both(
        "Count the writes into each pipe and the reads that take them: each side's loop must write once per turn, and read once per turn what the other wrote, whole; a read() into a buffer shorter than the message takes only its first part and leaves the rest in the pipe.",
        "각 파이프에 쓴 횟수와 그것을 읽는 횟수를 세어 보자. 양쪽 반복문이 차례마다 한 번 쓰고, 상대가 쓴 것을 차례마다 한 번 통째로 읽어야 한다. 메시지보다 짧은 버퍼로 read()하면 앞부분만 읽고 나머지는 파이프에 남는다.",
      ),
      see: see(
        "three-conversation",
        ["shows"],
        "tcpip three-conversation --trace",
      ),
    },
    "three.order": {
      severity: "warn",
      title: both(
        "the messages do not take turns",
        "메시지가 번갈아 오가지 않는다",
      ),
      book: both(
        "One side speaks first (the child, in tcpip's own three-conversation; the exercise leaves it open); from then on each side waits for the other's message before it answers.",
        "한쪽이 먼저 말한다 (tcpip의 three-conversation에서는 자식이며, 문제는 어느 쪽이든 허용한다). 그다음부터 각자 상대의 메시지를 받은 뒤에 답한다.",
      ),
      why: both(
        "A read() on an empty pipe waits: reading before writing, on both sides in turn, is what makes a conversation. Two writes in a row need no answer between them.",
        "빈 파이프의 read()는 기다린다. 양쪽이 차례로 읽은 뒤 쓰는 것이 대화를 만든다. 연달아 두 번 쓰면 그 사이에 답이 필요 없다.",
      ),
      see: see("three-conversation", ["shows"]),
    },
    "three.unprinted": {
      severity: "warn",
      title: both(
        "a process does not print a message it received",
        "받은 메시지를 출력하지 않는 프로세스가 있다",
      ),
      book: both(
        "Each side prints what it receives ('from Child : ...', 'from Parent : ...').",
        "각자 받은 것을 출력한다 ('from Child : ...', 'from Parent : ...').",
      ),
      why: both(
        "The conversation shows only if each message read is printed by its reader.",
        "읽은 메시지를 읽은 쪽이 출력해야 대화가 보인다.",
      ),
      see: see("three-conversation", ["shows"]),
    },
  },
};
