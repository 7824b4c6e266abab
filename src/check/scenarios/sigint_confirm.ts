/**
 * Chapter 10, exercise 5: the program prints something every second; on
 * Ctrl+C (SIGINT) it asks whether to exit, and only y or Y ends it. The
 * check presses Ctrl+C and answers n, then y; a second run answers Y.
 *
 * @module
 */

import type { Scenario, Step } from "../scenario.ts";
import { both, see } from "./_common.ts";

/** Ctrl+C while the program sleeps, then the question. */
function interrupt(): Step[] {
  return [
    {
      do: "sleeping",
      title: both("the program waits (sleeps)", "프로그램이 기다린다 (sleep)"),
      within: 1.5,
    },
    {
      do: "signal",
      title: both(
        "Ctrl+C typed on its terminal",
        "터미널에서 Ctrl+C 입력",
      ),
      signal: "SIGINT",
    },
    {
      do: "new-output",
      title: both(
        "the program asks (prints a question) instead of ending",
        "프로그램이 종료하지 않고 묻는다 (질문을 출력)",
      ),
      within: 1.5,
      outcomes: { none: "sigint.no-question", ended: "sigint.killed" },
      stopOnFinding: true,
    },
    {
      do: "reading",
      title: both(
        "it waits for the answer (in read() on its terminal)",
        "답을 기다린다 (터미널의 read()에서)",
      ),
      within: 1.5,
      outcomes: { none: "sigint.no-wait" },
      stopOnFinding: true,
    },
  ];
}

/** The first output: the program runs. */
const RUNS: Step = {
  do: "new-output",
  title: both("the program prints as it runs", "프로그램이 실행되며 출력한다"),
  within: 3,
};

/** The check of the Ctrl+C exercise. */
export const scenario: Scenario = {
  program: "sigint-confirm",
  role: "program",
  example: "./sigint_confirm",
  summary: both(
    "Ctrl+C asks whether to exit; n goes on, y and Y end the program",
    "Ctrl+C에 종료할지 묻고, n이면 계속, y나 Y면 끝낸다",
  ),
  bookSleeps: 2,
  runs: [
    { title: both("Ctrl+C, n; Ctrl+C, y", "Ctrl+C, n; Ctrl+C, y") },
    {
      title: both("Ctrl+C, Y (upper case)", "Ctrl+C, Y (대문자)"),
      steps: [
        RUNS,
        ...interrupt(),
        { do: "type", title: both("Y is typed", "Y를 입력한다"), text: "Y\n" },
        {
          do: "exit",
          title: both("the program ends", "프로그램이 종료한다"),
          within: 1.5,
          outcomes: { running: "sigint.stays-on-yes" },
        },
      ],
    },
  ],
  steps: [
    RUNS,
    ...interrupt(),
    { do: "type", title: both("n is typed", "n을 입력한다"), text: "n\n" },
    {
      do: "alive",
      title: both("the program goes on", "프로그램이 계속된다"),
      for: 1.5,
      outcomes: { ended: "sigint.ends-on-no" },
      stopOnFinding: true,
    },
    {
      do: "new-output",
      title: both("it prints again", "다시 출력한다"),
      within: 2,
      outcomes: { none: "sigint.stuck" },
    },
    ...interrupt(),
    { do: "type", title: both("y is typed", "y를 입력한다"), text: "y\n" },
    {
      do: "exit",
      title: both("the program ends", "프로그램이 종료한다"),
      within: 1.5,
      outcomes: { running: "sigint.stays-on-yes" },
    },
  ],
  rules: [],
  findings: {
    "sigint.killed": {
      severity: "fail",
      title: both(
        "Ctrl+C ends the program without asking",
        "Ctrl+C가 묻지 않고 프로그램을 끝낸다",
      ),
      book: both(
        "The exercise registers a SIGINT handler with sigaction(): Ctrl+C runs it, and it asks before anything ends.",
        "이 문제는 sigaction()으로 SIGINT 핸들러를 등록한다. Ctrl+C를 누르면 핸들러가 실행되어 끝내기 전에 묻는다.",
      ),
      why: both(
        "SIGINT's default action ends the process; only a handler of its own keeps it alive to ask.",
        "SIGINT의 기본 동작은 프로세스 종료다. 핸들러를 등록해야 살아남아 물어볼 수 있다.",
      ),
      see: see("sigint-confirm", ["shows"], "tcpip explain signal"),
    },
    "sigint.no-question": {
      severity: "fail",
      title: both(
        "Ctrl+C brings no question",
        "Ctrl+C를 눌러도 묻지 않는다",
      ),
      book: both(
        'The handler prints the question ("Do you want to exit? (Y/N)" or the like) and reads the answer.',
        '핸들러가 질문("Do you want to exit? (Y/N)" 같은)을 출력하고 답을 읽는다.',
      ),
      why: both(
        "Nothing was printed after the signal: the handler is missing or prints nothing. A question without a newline must be flushed (fflush(stdout)) to show before fgets() waits.",
        "시그널 뒤에 아무것도 출력되지 않았다: 핸들러가 없거나 아무것도 출력하지 않는다. 줄바꿈 없는 질문은 fgets()가 기다리기 전에 보이도록 fflush(stdout)해야 한다.",
      ),
      see: see("sigint-confirm", ["shows"]),
    },
    "sigint.no-wait": {
      severity: "fail",
      title: both(
        "the program asks but does not wait for the answer",
        "프로그램이 묻지만 답을 기다리지 않는다",
      ),
      book: both(
        "The handler prints the question, then reads the answer (fgets()), and waits in read() until a line is typed.",
        "핸들러는 질문을 출력한 뒤 답을 읽으며(fgets()), 한 줄이 입력될 때까지 read()에서 기다린다.",
      ),
      why: both(
        'Something was printed after Ctrl+C, but no process waited for input. The handler may not read at all, or stdin\'s buffer still held the rest of an earlier answer: getchar() or scanf("%c") takes one character and leaves the newline typed after it, which the next read takes at once. Read the whole line with fgets(), or read up to the newline.',
        'Ctrl+C 뒤에 무언가 출력되었지만 입력을 기다리는 프로세스가 없었다. 핸들러가 아예 읽지 않거나, 표준 입력의 버퍼에 앞선 답의 나머지가 남아 있었을 수 있다. getchar()나 scanf("%c")는 한 글자만 가져가고 그 뒤에 입력한 줄바꿈을 남기며, 다음 읽기가 그것을 곧바로 가져간다. fgets()로 한 줄 전체를 읽거나 줄바꿈까지 읽자.',
      ),
      see: see("sigint-confirm", ["shows"]),
    },
    "sigint.ends-on-no": {
      severity: "fail",
      title: both("the program ends on n", "n에도 프로그램이 종료한다"),
      book: both(
        "Only y or Y ends the program; any other answer lets it go on.",
        "y나 Y일 때만 종료하고, 다른 답이면 계속된다.",
      ),
      why: both(
        "The handler must look at the answer: if (answer[0] == 'y' || answer[0] == 'Y') exit(0); and otherwise return, so the loop goes on.",
        "핸들러는 답을 확인해야 한다: if (answer[0] == 'y' || answer[0] == 'Y') exit(0); 아니면 반환해서 반복문이 계속되게 한다.",
      ),
      see: see("sigint-confirm", ["shows"]),
    },
    "sigint.stays-on-yes": {
      severity: "fail",
      title: both(
        "the program does not end on y or Y",
        "y나 Y에도 프로그램이 종료하지 않는다",
      ),
      book: both(
        "On y or Y the handler calls exit(0): the program ends at once.",
        "y나 Y이면 핸들러가 exit(0)을 불러 곧바로 종료한다.",
      ),
      why: both(
        "A return from the handler goes back into the loop; only exit() (or a flag the loop checks) ends the program. Check both cases, 'y' and 'Y'.",
        "핸들러에서 반환하면 반복문으로 돌아간다. exit()(또는 반복문이 확인하는 플래그)만 프로그램을 끝낸다. 'y'와 'Y' 둘 다 확인하자.",
      ),
      see: see("sigint-confirm", ["shows"]),
    },
    "sigint.stuck": {
      severity: "warn",
      title: both(
        "after n the program prints nothing more",
        "n 뒤에 프로그램이 더 출력하지 않는다",
      ),
      book: both(
        "After n the program goes on printing, one line a second.",
        "n 뒤에는 1초마다 한 줄씩 계속 출력한다.",
      ),
      why: both(
        "The handler returned (the program runs), but the loop does not print again within 2 s: it may still be waiting in the handler, or its sleep is longer.",
        "핸들러는 반환했지만(프로그램은 실행 중) 반복문이 2초 안에 다시 출력하지 않는다. 아직 핸들러에서 기다리거나 sleep이 더 길 수 있다.",
      ),
      see: see("sigint-confirm", ["shows"]),
    },
  },
};
