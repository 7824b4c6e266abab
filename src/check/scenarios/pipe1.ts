/**
 * pipe1.c: the child writes `Who are you?` (13 bytes with its NUL) into
 * the pipe; the parent reads and prints it.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, RACE_RUNS } from "./_common.ts";
import { pipeFindings } from "./_pipes.ts";

/** The check of pipe1.c. */
export const scenario: Scenario = {
  program: "pipe1",
  role: "program",
  example: "./pipe1",
  summary: both(
    "the child writes into a pipe, the parent reads and prints",
    "자식이 파이프에 쓰고 부모가 읽어서 출력한다",
  ),
  bookSleeps: 0,
  runs: RACE_RUNS,
  steps: [
    {
      do: "exit",
      title: both("the program ends", "프로그램이 종료한다"),
      within: 5,
      outcomes: { running: "pipe1.hangs" },
    },
  ],
  rules: [
    {
      rule: "lines",
      title: both("it prints the book's line", "책의 줄을 출력한다"),
      order: "sequence",
      expect: [{ text: "Who are you?" }],
      outcomes: { differs: "pipe1.lines", spaces: "pipe1.lines" },
    },
    {
      rule: "flows",
      title: both(
        "the message goes through a pipe from the child to the parent",
        "메시지가 파이프로 자식에게서 부모에게 간다",
      ),
      needs: "strace",
      messages: [{ text: "Who are you?", from: "child", to: "parent" }],
      outcomes: {
        "no-pipe": "pipe1.no-pipe",
        own: "pipe1.own-message",
        reversed: "pipe1.reversed",
        lost: "pipe1.lost",
      },
    },
    {
      rule: "printed-by",
      title: both(
        "the parent prints what it read",
        "부모가 읽은 것을 출력한다",
      ),
      needs: "strace",
      unless: ["pipe1.reversed"],
      lines: [{ match: "Who are you\\?.*", by: "parent" }],
      outcomes: { other: "pipe1.printed-by" },
    },
  ],
  findings: {
    ...pipeFindings("pipe1", "pipe1"),
    "pipe1.lines": {
      severity: "fail",
      title: both("the line differs from the book's", "출력이 책과 다르다"),
      book: both(
        "The parent puts() the 13 bytes it read: 'Who are you?' and a newline.",
        "부모는 읽은 13바이트를 puts()로 출력한다: 'Who are you?'와 줄바꿈.",
      ),
      why: both(
        "puts(buf) prints buf as read() filled it, up to its first '\\0': sizeof(str) counts the '\\0' at the end, so the NUL goes through the pipe too and puts() stops right after the message. A buf printed before read() has filled it, or a message sent without its '\\0' into a buffer nobody ended with one, shows whatever else buf held.",
        "puts(buf)는 read()가 채운 buf를 첫 '\\0'까지 출력한다. sizeof(str)는 끝의 '\\0'까지 세므로 NUL도 파이프를 지나가고 puts()는 메시지 바로 뒤에서 멈춘다. read()가 채우기 전에 buf를 출력하거나, '\\0' 없이 보낸 메시지를 아무도 '\\0'으로 끝내지 않은 버퍼에 받으면 buf에 있던 다른 것까지 보인다.",
      ),
      see: both(
        "tcpip explain pipe1 (What it shows)",
        "tcpip explain pipe1 (무엇을 보여 주나)",
      ),
    },
  },
};
