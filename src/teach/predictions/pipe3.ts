/**
 * What `tcpip predict pipe3` asks about pipe3.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import {
  CHILD_LINES,
  childLine,
  choice,
  linesPrediction,
  type ProgramPredictions,
  reader,
  READERS,
} from "../prediction.ts";

/** What `tcpip predict pipe3` asks. */
export const predictions: ProgramPredictions = {
  speeds: [10, 20],
  intro: ({ speed }) => ({
    en:
      "pipe3.c: two pipes, fds1 from child to parent and fds2 back; no sleep decides " +
      `anything (run at --speed ${speed}).`,
    ko:
      "pipe3.c: 자식에서 부모로 가는 fds1과 그 반대 방향의 fds2, 파이프 두 개를 쓴다. sleep에 " +
      `기대는 부분이 없다 (--speed ${speed} 옵션으로 실행).`,
  }),
  pool: () => [
    {
      id: "pipe3.reader",
      kind: "choice",
      ask: {
        en: "Which process will read `Who are you?`?",
        ko: "`Who are you?`는 어느 프로세스가 읽을까?",
      },
      options: READERS,
      observe: reader,
      expected: choice(READERS, "parent"),
      explain: () => ({
        en:
          "The child writes into fds1 and reads only fds2, so it cannot take its own " +
          "message back: with one pipe per direction, each side reads what the other wrote.",
        ko:
          "자식은 fds1에 쓰고 fds2에서만 읽으므로 자기 메시지를 도로 읽을 수 없다. 방향마다 " +
          "파이프가 하나씩이면 각자 상대가 쓴 데이터만 읽는다.",
      }),
    },
    {
      id: "pipe3.child",
      kind: "choice",
      ask: { en: "What will the child print?", ko: "자식은 무엇을 출력할까?" },
      options: CHILD_LINES,
      observe: childLine,
      expected: choice(CHILD_LINES, "thanks"),
      explain: () => ({
        en:
          "The parent's answer travels through fds2, the pipe only the parent writes and " +
          "only the child reads.",
        ko: "부모의 답은 부모만 쓰고 자식만 읽는 파이프 fds2로 전달된다.",
      }),
    },
    linesPrediction("pipe3.lines", 2, {
      en: "One line from each process: the message each one read.",
      ko: "프로세스마다 한 줄씩, 각자 읽은 메시지를 출력한다.",
    }),
  ],
};
