/**
 * What `tcpip predict three-conversation` asks about chapter 11's exercise
 * 4: parent and child exchange three messages each over two pipes, the
 * lines coming from standard input in turn, the child's first.
 *
 * @module
 */

import {
  choice,
  linesPrediction,
  type Option,
  plain,
  type ProgramPredictions,
  type Setup,
} from "../prediction.ts";

/** The six lines predict types, by the seed's size. */
const LINES: Readonly<Record<number, readonly string[]>> = {
  1: ["ping", "pong", "hello", "hi", "bye", "see you"],
  2: ["one", "two", "three", "four", "five", "six"],
};

function linesOf(setup: Setup): readonly string[] {
  return LINES[setup.size] ?? LINES[1];
}

/** What the program may print last, for these lines. */
function lasts(lines: readonly string[]): Option[] {
  return [
    { key: "parent6", text: plain(`from Parent : ${lines[5]}`) },
    { key: "child5", text: plain(`from Child : ${lines[4]}`) },
    { key: "child6", text: plain(`from Child : ${lines[5]}`) },
  ];
}

/** The option of `options` that `line` is, as a seen value. */
function printed(options: readonly Option[], line: string | undefined) {
  const found = options.find((option) => option.text.en === line);
  return found ? choice(options, found.key) : null;
}

/** What the program may print first, for these lines. */
function firsts(lines: readonly string[]): Option[] {
  return [
    { key: "child1", text: plain(`from Child : ${lines[0]}`) },
    { key: "parent1", text: plain(`from Parent : ${lines[0]}`) },
    { key: "parent2", text: plain(`from Parent : ${lines[1]}`) },
    { key: "child2", text: plain(`from Child : ${lines[1]}`) },
  ];
}

/** What `tcpip predict three-conversation` asks. */
export const predictions: ProgramPredictions = {
  speeds: [],
  sizes: [1, 2],
  intro: (setup) => {
    const lines = linesOf(setup).join(", ");
    return {
      en:
        "Exercise 4 of chapter 11: two pipes, three messages each way; predict types " +
        `six lines, taken in turn (the child's first): ${lines}.`,
      ko:
        "11장 내용 확인문제 4번: 파이프 두 개로 양쪽이 메시지를 세 번씩 주고받는다. " +
        `predict가 여섯 줄을 입력하고, 두 프로세스가 차례로(자식부터) 가져간다: ${lines}.`,
    };
  },
  scenario: (setup) => ({
    stdin: linesOf(setup).map((l) => `${l}\n`).join(""),
  }),
  pool: (setup) => {
    const lines = linesOf(setup);
    const options = firsts(lines);
    return [
      {
        id: "three-conversation.first",
        kind: "choice",
        ask: {
          en: "What will the program print first?",
          ko: "프로그램은 무엇을 가장 먼저 출력할까?",
        },
        options,
        observe: (run) => printed(options, run.out[0]?.text),
        expected: choice(options, "child1"),
        explain: () => ({
          en:
            "The child speaks first: it writes its first line into fds1, and the " +
            "parent, waiting in read() on fds1, prints what it read as `from Child`. " +
            "Each process prints what it received, never what it sent.",
          ko:
            "자식이 먼저 말한다. 자식이 첫 줄을 fds1에 쓰면, fds1의 read에서 기다리던 " +
            "부모가 읽은 것을 `from Child`로 출력한다. 각 프로세스는 보낸 것이 아니라 " +
            "받은 것을 출력한다.",
        }),
      },
      linesPrediction("three-conversation.lines", 6, {
        en:
          "Six: each of the six messages is printed once, by the process that " +
          "received it.",
        ko:
          "여섯 줄이다. 메시지 여섯 개를 받은 프로세스가 각각 한 번씩 출력한다.",
      }),
      {
        id: "three-conversation.last",
        kind: "choice",
        ask: {
          en: "What will the last line be?",
          ko: "마지막 줄은 무엇일까?",
        },
        options: lasts(lines),
        observe: (run) => printed(lasts(lines), run.out.at(-1)?.text),
        expected: choice(lasts(lines), "parent6"),
        explain: () => ({
          en:
            "The parent answers last: it prints the child's third message, then writes " +
            "its own, which the child reads and prints as `from Parent`. Each read() " +
            "waits for the other's write(), so the order is always the same.",
          ko:
            "마지막에 답하는 쪽은 부모다. 부모가 자식의 세 번째 메시지를 출력한 뒤 자기 " +
            "메시지를 쓰면, 자식이 그것을 읽어 `from Parent`로 출력한다. 각 read가 " +
            "상대의 write를 기다리므로 순서는 늘 같다.",
        }),
      },
    ];
  },
};
