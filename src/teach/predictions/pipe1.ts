/**
 * What `tcpip predict pipe1` asks about pipe1.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import {
  choice,
  first,
  linesPrediction,
  type Option,
  plain,
  type ProgramPredictions,
} from "../prediction.ts";

const PIPE1_LINES: readonly Option[] = [
  { key: "who", text: plain("Who are you?") },
  { key: "thanks", text: plain("Thank you for your message") },
  { key: "nothing", text: { en: "nothing", ko: "아무것도 출력하지 않는다" } },
];

/** What `tcpip predict pipe1` asks. */
export const predictions: ProgramPredictions = {
  speeds: [],
  intro: () => ({
    en:
      "pipe1.c: pipe(), then fork(); the child writes `Who are you?` into fds[1], the " +
      "parent reads fds[0].",
    ko:
      "pipe1.c: pipe 함수를 호출한 뒤 fork 함수를 호출한다. 자식은 fds[1]에 " +
      "`Who are you?`를 쓰고, 부모는 fds[0]에서 읽는다.",
  }),
  pool: () => [
    {
      id: "pipe1.print",
      kind: "choice",
      ask: { en: "What will the parent print?", ko: "부모는 무엇을 출력할까?" },
      options: PIPE1_LINES,
      observe: (run) =>
        choice(
          PIPE1_LINES,
          first(run, /^Who are you\?/)
            ? "who"
            : first(run, /^Thank you/)
            ? "thanks"
            : "nothing",
        ),
      expected: choice(PIPE1_LINES, "who"),
      explain: () => ({
        en:
          "The bytes the child writes into the pipe's entrance come out of its exit, where " +
          "the parent's read() waits for them: the pipe belongs to the OS, and both " +
          "processes hold its descriptors since fork().",
        ko:
          "자식이 파이프의 입구에 쓴 데이터는 출구로 나오고, 부모의 read 함수가 그것을 " +
          "기다린다. 파이프는 운영체제의 것이고, 두 프로세스는 fork 이후 그 파일 " +
          "디스크립터를 함께 가진다.",
      }),
    },
    linesPrediction("pipe1.lines", 1, {
      en:
        "Only the parent prints; the child's message goes into the pipe, not to the screen.",
      ko: "부모만 출력한다. 자식의 메시지는 화면이 아니라 파이프로 간다.",
    }),
  ],
};
