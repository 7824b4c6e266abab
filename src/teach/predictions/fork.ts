/**
 * What `tcpip predict fork` asks about fork.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import { josa } from "../../josa.ts";
import type { Observed } from "../predict_run.ts";
import {
  first,
  linesPrediction,
  numbers,
  type ProgramPredictions,
  type Seen,
} from "../prediction.ts";

/** The two numbers of fork.c's `Parent Proc: [gval, lval]` (or Child's) line. */
function procValues(run: Observed, who: "Parent" | "Child"): Seen | null {
  const line = first(run, new RegExp(`^${who} Proc: \\[-?\\d+, -?\\d+\\]`));
  const found = line?.text.match(/\[(-?\d+), (-?\d+)\]/);
  return found ? numbers([Number(found[1]), Number(found[2])]) : null;
}

/** What `tcpip predict fork` asks. */
export const predictions: ProgramPredictions = {
  speeds: [],
  choices: {
    gval: [10, 20, 30, 50],
    lval: [20, 40, 60, 100],
  },
  intro: ({ params }) => ({
    en:
      `fork.c: gval starts at ${params.gval} and lval at ${params.lval}; the parent ` +
      "adds 1 and 5 before fork(), then each process changes its own copy.",
    ko:
      `fork.c: gval은 ${params.gval}, lval은 ${params.lval}에서 시작한다. 부모는 ` +
      "fork 호출 전에 각각 1과 5를 더하고, 그 뒤로는 각 프로세스가 자기 복사본을 바꾼다.",
  }),
  pool: ({ params: { gval, lval } }) => {
    const atFork = [gval + 1, lval + 5];
    const parent = [atFork[0] - 2, atFork[1] - 2];
    const child = [atFork[0] + 2, atFork[1] + 2];
    return [
      {
        id: "fork.parent",
        kind: "numbers",
        count: 2,
        ask: {
          en:
            "The parent prints `Parent Proc: [gval, lval]`. Which two numbers will it show?",
          ko:
            "부모는 `Parent Proc: [gval, lval]`을 출력한다. 어떤 두 수가 나올까?",
        },
        observe: (run) => procValues(run, "Parent"),
        expected: numbers(parent),
        explain: () => ({
          en:
            `At fork() the parent holds gval = ${atFork[0]}, lval = ${
              atFork[1]
            }; after it, it ` +
            `subtracts 2 from its own copies: [${parent.join(", ")}]. The ` +
            "child's changes happen in the child's memory only.",
          ko:
            `fork를 호출할 때 부모의 gval은 ${atFork[0]}, lval은 ${
              atFork[1]
            }이고, 그 뒤 자기 복사본에서 2씩 빼므로 [${parent.join(", ")}]${
              josa(parent[1], "이/가")
            } 된다. 자식이 바꾼 ` +
            "값은 자식의 메모리에만 있다.",
        }),
      },
      {
        id: "fork.child",
        kind: "numbers",
        count: 2,
        ask: {
          en:
            "The child prints `Child Proc: [gval, lval]`. Which two numbers will it show?",
          ko:
            "자식은 `Child Proc: [gval, lval]`을 출력한다. 어떤 두 수가 나올까?",
        },
        observe: (run) => procValues(run, "Child"),
        expected: numbers(child),
        explain: () => ({
          en:
            `The child starts with a copy of the parent's values at fork() (${
              atFork.join(", ")
            }) ` +
            `and adds 2 to each: [${
              child.join(", ")
            }]. The parent's -2 happens in the ` +
            "parent's memory only.",
          ko:
            `자식은 fork 호출 순간 부모의 값을 복사해 받고(${
              atFork.join(", ")
            }) 각각 2를 ` +
            `더하므로 [${child.join(", ")}]${
              josa(child[1], "이/가")
            } 된다. 부모가 2를 빼는 것은 부모의 ` +
            "메모리에서만 일어난다.",
        }),
      },
      linesPrediction("fork.lines", 2, {
        en:
          "One line from each process: after fork() two processes run, each its own " +
          "branch of the if, and each prints once. Which line comes first is up to the OS.",
        ko:
          "프로세스마다 한 줄씩이다. fork 뒤에는 두 프로세스가 if 문의 서로 다른 블록을 " +
          "실행하며 한 번씩 출력한다. 어느 줄이 먼저 나올지는 운영체제가 정한다.",
      }),
    ];
  },
};
