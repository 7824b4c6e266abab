/**
 * What `tcpip predict pipe2` asks about pipe2.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import {
  CHILD_LINES,
  childLine,
  choice,
  number,
  type ProgramPredictions,
  reader,
  READERS,
} from "../prediction.ts";

/** What `tcpip predict pipe2` asks. */
export const predictions: ProgramPredictions = {
  speeds: [10, 20],
  variants: [{ name: "", args: [] }, { name: "race", args: ["--race"] }],
  intro: ({ speed, variant }) =>
    variant === "race"
      ? {
        en:
          "pipe2 --race: one pipe both ways; the child writes `Who are you?` and reads " +
          `the same pipe at once, without the book's sleep(2) (run at --speed ${speed}).`,
        ko:
          "pipe2 --race: 파이프 하나로 양방향 통신을 한다. 자식은 `Who are you?`를 쓰고 책의 " +
          `sleep(2) 없이 바로 같은 파이프에서 읽는다 (--speed ${speed} 옵션으로 실행).`,
      }
      : {
        en:
          "pipe2: one pipe both ways, as in the book; the child writes `Who are you?`, " +
          `sleeps 2 s, then reads the same pipe (run at --speed ${speed}).`,
        ko:
          "pipe2: 책처럼 파이프 하나로 양방향 통신을 한다. 자식은 `Who are you?`를 쓰고 2초 " +
          `동안 잠든 뒤 같은 파이프에서 읽는다 (--speed ${speed} 옵션으로 실행).`,
      },
  pool: ({ variant }) => {
    const race = variant === "race";
    return [
      {
        id: "pipe2.reader",
        kind: "choice",
        ask: {
          en: "Which process will read `Who are you?`?",
          ko: "`Who are you?`는 어느 프로세스가 읽을까?",
        },
        options: READERS,
        observe: reader,
        expected: race ? undefined : choice(READERS, "parent"),
        explain: (seen) =>
          seen.value === "child"
            ? {
              en:
                "The child's own read() came first and took its own message back: a pipe " +
                "does not know who wrote the bytes. The parent's read() then had nothing " +
                "to read; in C it would wait for ever (here the tool's watchdog ends it).",
              ko:
                "자식의 read가 먼저 호출되어 자기가 쓴 데이터를 도로 가져갔다. 파이프는 누가 " +
                "썼는지 모른다. 그 뒤 부모의 read는 읽을 것이 없으며, C라면 끝없이 기다린다 " +
                "(여기서는 도구의 감시 장치가 끝낸다).",
            }
            : race
            ? {
              en:
                "The parent's read(), already waiting, came first, as it usually does " +
                "here (the child won 14 of 80 runs): the child's first read() runs " +
                "code for the first time, and the parent, woken by the write, takes " +
                "the bytes meanwhile. In C the child usually wins. Nothing but timing " +
                "decides it: run it again and the child may take its own message back.",
              ko:
                "이미 기다리던 부모의 read가 먼저였다. 이 도구에서는 대개 그렇다(80번 중 " +
                "14번만 자식이 이겼다). 자식의 첫 read는 처음 실행하는 코드라서 시간이 " +
                "걸리고, 그사이 write로 깨어난 부모가 데이터를 가져간다. C에서는 대개 " +
                "자식이 이긴다. 승패를 정하는 것은 타이밍뿐이므로, 다시 실행하면 자식이 자기 " +
                "메시지를 도로 읽을 수도 있다.",
            }
            : {
              en:
                "The parent is already waiting in read() while the child sleeps 2 s, so the " +
                "parent takes the message. The sleep is all that keeps the child from " +
                "reading it back itself.",
              ko:
                "자식이 2초 동안 잠든 사이 부모는 이미 read 함수에서 기다리고 있으므로 부모가 " +
                "메시지를 가져간다. 자식이 자기 메시지를 도로 읽지 않게 막는 것은 이 sleep뿐이다.",
            },
      },
      {
        id: "pipe2.child",
        kind: "choice",
        ask: {
          en: "What will the child print?",
          ko: "자식은 무엇을 출력할까?",
        },
        options: CHILD_LINES,
        observe: childLine,
        expected: race ? undefined : choice(CHILD_LINES, "thanks"),
        explain: (seen) =>
          seen.value === "who"
            ? {
              en:
                "The child read back what it wrote itself: both directions share one pipe.",
              ko:
                "자식이 자기가 쓴 데이터를 도로 읽었다. 두 방향이 파이프 하나를 함께 쓰기 때문이다.",
            }
            : {
              en:
                "The parent read `Who are you?` and wrote its answer into the same pipe; the " +
                "child, awake again, read the answer.",
              ko:
                "부모가 `Who are you?`를 읽고 같은 파이프에 답을 썼으며, 깨어난 자식이 그 답을 " +
                "읽었다.",
            },
      },
      {
        id: "pipe2.lines",
        kind: "number",
        ask: {
          en: "How many lines will the program print on standard output?",
          ko: "프로그램은 표준 출력에 몇 줄을 출력할까?",
        },
        observe: (run) => number(run.out.length),
        expected: race ? undefined : number(2),
        explain: (seen) =>
          seen.value === 1
            ? {
              en:
                "Only the child's line: the parent never received a message, so it printed " +
                "nothing.",
              ko:
                "자식의 줄뿐이다. 부모는 메시지를 받지 못했으므로 아무것도 출력하지 않았다.",
            }
            : {
              en:
                "One line from each: the parent prints the question it read, the child the " +
                "answer it read.",
              ko: "한 줄씩이다. 부모는 읽은 질문을, 자식은 읽은 답을 출력한다.",
            },
      },
    ];
  },
};
