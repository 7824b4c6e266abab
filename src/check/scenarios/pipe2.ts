/**
 * pipe2.c: one pipe used both ways, kept working by the child's sleep(2):
 * the parent reads `Who are you?`, answers `Thank you for your message`,
 * and the child reads that. Without the sleep the child often reads its
 * own message; the run with the child first shows it every time.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, RACE_RUNS, see } from "./_common.ts";
import { pipeFindings } from "./_pipes.ts";

/** The check of pipe2.c. */
export const scenario: Scenario = {
  program: "pipe2",
  role: "program",
  example: "./pipe2",
  summary: both(
    "one pipe both ways: each message is read by the other process, whoever runs first",
    "파이프 하나로 양방향: 누가 먼저 실행되든 메시지는 상대가 읽는다",
  ),
  bookSleeps: 4,
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
      outcomes: { stuck: "pipe2.hangs" },
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
      unless: ["pipe2.hangs"],
      title: both(
        "each message goes through the pipe to the other process",
        "메시지가 파이프로 상대 프로세스에게 간다",
      ),
      needs: "strace",
      messages: [
        { text: "Who are you?", from: "child", to: "parent" },
        { text: "Thank you for your message", from: "parent", to: "child" },
      ],
      outcomes: {
        "no-pipe": "pipe2.no-pipe",
        own: "pipe2.own-message",
        reversed: "pipe2.reversed",
        lost: "pipe2.lost",
      },
    },
    {
      rule: "absent",
      title: both(
        "the child does not read back its own message",
        "자식이 자기 메시지를 다시 읽지 않는다",
      ),
      match: "Child proc output: Who are you\\? ?",
      outcomes: { printed: "pipe2.own-message" },
    },
    {
      rule: "read-after-write",
      title: both(
        "no process reads the pipe at once after writing into it",
        "파이프에 쓰고 곧바로 같은 파이프를 읽는 프로세스가 없다",
      ),
      needs: "strace",
      gap: 1,
      unless: ["pipe2.own-message"],
      outcomes: { "at-once": "pipe2.at-once" },
    },
    {
      rule: "lines",
      title: both("the lines are the book's", "출력이 책과 같다"),
      order: "any",
      unless: ["pipe2.own-message", "pipe2.hangs"],
      expect: [
        { text: "Parent proc output: Who are you? " },
        { text: "Child proc output: Thank you for your message " },
      ],
      outcomes: { differs: "pipe2.lines", spaces: "pipe2.spaces" },
    },
    {
      rule: "printed-by",
      title: both(
        "each process prints its own line",
        "각 프로세스가 자기 줄을 출력한다",
      ),
      needs: "strace",
      unless: ["pipe2.reversed", "pipe2.own-message"],
      lines: [
        { match: "Parent proc output: .*", by: "parent" },
        { match: "Child proc output: .*", by: "child" },
      ],
      outcomes: { other: "pipe2.printed-by" },
    },
  ],
  findings: {
    ...pipeFindings(
      "pipe2",
      "pipe2",
      both(
        "The book's child sleeps 2 s between its write() and its read(), so the parent, which reads at once, takes 'Who are you?' first; the sleep is what keeps one pipe working, and pipe3.c does it right, with two.",
        "책의 자식은 write()와 read() 사이에 2초 자므로 곧바로 읽는 부모가 'Who are you?'를 먼저 가져간다. 파이프 하나가 동작하는 것은 이 sleep 덕분이고, pipe3.c는 파이프 둘로 제대로 한다.",
      ),
    ),
    "pipe2.at-once": {
      severity: "warn",
      title: both(
        "a process reads the pipe at once after writing into it: it worked this time only",
        "파이프에 쓰고 곧바로 같은 파이프를 읽는다: 이번에만 우연히 동작했다",
      ),
      book: both(
        "The book's child sleeps 2 s between its write() and its read(): by then the parent has taken 'Who are you?' and written its answer.",
        "책의 자식은 write()와 read() 사이에 2초 잔다. 그동안 부모가 'Who are you?'를 가져가고 답을 쓴다.",
      ),
      why: both(
        "Whoever calls read() first takes what is in the pipe. Here the other process was already waiting, so it took the message; had it come to its read() later (a busy machine, a slower start), the writer would have read back its own message. A sleep before the write instead of after it does not help. tcpip's runs did not make it go wrong; the trace shows the race.",
        "먼저 read()를 부르는 쪽이 파이프에 든 것을 가져간다. 이번에는 상대 프로세스가 이미 기다리고 있어서 메시지를 가져갔지만, 상대가 read()에 늦게 닿았다면(바쁜 컴퓨터, 느린 시작) 쓴 프로세스가 자기 메시지를 다시 읽었을 것이다. write() 뒤가 아니라 앞에서 자는 sleep은 도움이 되지 않는다. tcpip의 실행에서는 잘못되지 않았지만 추적 기록에 경쟁이 보인다.",
      ),
      see: see("pipe2", ["shows", "pitfalls"], "tcpip pipe2 --race --trace"),
    },
    "pipe2.lines": {
      severity: "fail",
      title: both("the lines differ from the book's", "출력이 책과 다르다"),
      book: both(
        "'Parent proc output: Who are you? ' and, 2 s later, 'Child proc output: Thank you for your message '.",
        "'Parent proc output: Who are you? '와 2초 뒤 'Child proc output: Thank you for your message '.",
      ),
      why: both(
        'Each process prints the bytes it read from the pipe with printf("... %s \\n", buf): the NUL that sizeof() sent ends the string.',
        '각 프로세스는 파이프에서 읽은 바이트를 printf("... %s \\n", buf)로 출력한다. sizeof()가 함께 보낸 NUL이 문자열을 끝낸다.',
      ),
      see: both(
        "tcpip explain pipe2 (What it shows)",
        "tcpip explain pipe2 (무엇을 보여 주나)",
      ),
    },
    "pipe2.spaces": {
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
        "tcpip explain pipe2 (What it shows)",
        "tcpip explain pipe2 (무엇을 보여 주나)",
      ),
    },
  },
};
