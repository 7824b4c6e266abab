/**
 * pipe3.c: two pipes, one per direction: the child writes `Who are you?`
 * into the first, the parent answers through the second. Checked as it is
 * and with the child running first, and for one pipe used both ways even
 * when the output looks right.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, RACE_RUNS } from "./_common.ts";
import { onePipeFinding, pipeFindings } from "./_pipes.ts";

/** The check of pipe3.c. */
export const scenario: Scenario = {
  program: "pipe3",
  role: "program",
  example: "./pipe3",
  summary: both(
    "two pipes, one per direction: each message reaches the other process",
    "방향마다 파이프 하나씩: 메시지가 상대 프로세스에 닿는다",
  ),
  bookSleeps: 0,
  runs: RACE_RUNS,
  steps: [
    {
      do: "output",
      title: both(
        "each process prints what it read",
        "각 프로세스가 읽은 것을 출력한다",
      ),
      lines: ["Parent proc output: .*", "Child proc output: .*"],
      anyOrder: true,
      within: 5,
      outcomes: { stuck: "pipe3.hangs" },
    },
    {
      do: "stop",
      title: both(
        "enough seen: tcpip ends the program here",
        "충분히 보았으니 tcpip가 여기서 프로그램을 끝낸다",
      ),
    },
  ],
  rules: [
    {
      rule: "flows",
      // A deadlock writes nothing: hangs says why.
      unless: ["pipe3.hangs"],
      title: both(
        "each message goes through a pipe to the other process",
        "메시지가 파이프로 상대 프로세스에게 간다",
      ),
      needs: "strace",
      messages: [
        { text: "Who are you?", from: "child", to: "parent" },
        { text: "Thank you for your message", from: "parent", to: "child" },
      ],
      outcomes: {
        "no-pipe": "pipe3.no-pipe",
        own: "pipe3.own-message",
        reversed: "pipe3.reversed",
        lost: "pipe3.lost",
      },
    },
    {
      rule: "absent",
      title: both(
        "the child does not read back its own message",
        "자식이 자기 메시지를 다시 읽지 않는다",
      ),
      match: "Child proc output: Who are you\\? ?",
      outcomes: { printed: "pipe3.own-message" },
    },
    {
      rule: "one-way",
      title: both(
        "each pipe carries messages one way only",
        "파이프마다 메시지가 한 방향으로만 간다",
      ),
      needs: "strace",
      outcomes: { "both-ways": "pipe3.one-pipe" },
    },
    {
      rule: "lines",
      title: both("the lines are the book's", "출력이 책과 같다"),
      order: "any",
      unless: ["pipe3.own-message", "pipe3.hangs"],
      expect: [
        { text: "Parent proc output: Who are you? " },
        { text: "Child proc output: Thank you for your message " },
      ],
      outcomes: { differs: "pipe3.lines", spaces: "pipe3.spaces" },
    },
    {
      rule: "printed-by",
      title: both(
        "each process prints its own line",
        "각 프로세스가 자기 줄을 출력한다",
      ),
      needs: "strace",
      unless: ["pipe3.reversed", "pipe3.own-message"],
      lines: [
        { match: "Parent proc output: .*", by: "parent" },
        { match: "Child proc output: .*", by: "child" },
      ],
      outcomes: { other: "pipe3.printed-by" },
    },
  ],
  findings: {
    ...pipeFindings("pipe3", "pipe3"),
    "pipe3.one-pipe": onePipeFinding("pipe3"),
    "pipe3.lines": {
      severity: "fail",
      title: both("the lines differ from the book's", "출력이 책과 다르다"),
      book: both(
        "'Parent proc output: Who are you? ' and 'Child proc output: Thank you for your message '.",
        "'Parent proc output: Who are you? '와 'Child proc output: Thank you for your message '.",
      ),
      why: both(
        'Each process prints the bytes it read with printf("... %s \\n", buf).',
        '각 프로세스는 읽은 바이트를 printf("... %s \\n", buf)로 출력한다.',
      ),
      see: both(
        "tcpip explain pipe3 (What it shows)",
        "tcpip explain pipe3 (무엇을 보여 주나)",
      ),
    },
    "pipe3.spaces": {
      severity: "warn",
      title: both(
        "only the spaces at the end of the lines differ from the book's",
        "줄 끝의 공백만 책과 다르다",
      ),
      book: both(
        'The book prints "Parent proc output: %s \\n", with a space before the newline.',
        '책은 줄바꿈 앞에 공백이 있는 "Parent proc output: %s \\n"을 출력한다.',
      ),
      why: both(
        "Nothing about pipes; a grader comparing bytes sees the difference.",
        "파이프와는 상관없다. 바이트를 비교하면 다르다.",
      ),
      see: both(
        "tcpip explain pipe3 (What it shows)",
        "tcpip explain pipe3 (무엇을 보여 주나)",
      ),
    },
  },
};
