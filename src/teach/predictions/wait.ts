/**
 * What `tcpip predict wait` asks about wait.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import { josa } from "../../josa.ts";
import {
  first,
  linesPrediction,
  number,
  numbers,
  type ProgramPredictions,
  trailingNumber,
} from "../prediction.ts";

/** What `tcpip predict wait` asks. */
export const predictions: ProgramPredictions = {
  speeds: [15, 30],
  choices: {
    "first-status": [1, 3, 5, 9],
    "second-status": [2, 4, 7, 8],
  },
  intro: ({ speed, params }) => ({
    en:
      `wait.c: the first child returns ${
        params["first-status"]
      }, the second calls ` +
      `exit(${params["second-status"]}); the parent calls wait() twice ` +
      `(run at --speed ${speed}).`,
    ko:
      `wait.c: 첫째 자식은 ${params["first-status"]}${
        josa(params["first-status"], "을/를")
      } 반환하고, 둘째 자식은 exit(${params["second-status"]})${
        josa(params["second-status"], "을/를")
      } 호출한다. 부모는 wait 함수를 두 번 ` +
      `호출한다 (--speed ${speed} 옵션으로 실행).`,
  }),
  pool: ({ params }) => {
    const book = [params["first-status"], params["second-status"]];
    return [
      {
        id: "wait.order",
        kind: "numbers",
        count: 2,
        ask: {
          en:
            "In which order will the statuses come back? Give the numbers that " +
            "`Child send one:` and `Child send two:` will show.",
          ko:
            "종료 상태 값은 어떤 순서로 돌아올까? `Child send one:`과 `Child send two:`에 " +
            "나올 두 수를 차례로 쓰자.",
        },
        observe: (run) => {
          const one = first(run, /^Child send one: -?\d+/);
          const two = first(run, /^Child send two: -?\d+/);
          return one && two
            ? numbers([trailingNumber(one.text), trailingNumber(two.text)])
            : null;
        },
        expected: numbers(book),
        explain: (seen) =>
          (seen.value as number[])[0] === book[0]
            ? {
              en:
                "wait() hands out the child that ended first. The first child was " +
                "forked first and ends at once, so its status usually comes first; the " +
                "order is the order the children end, not the order of the calls.",
              ko:
                "wait 함수는 먼저 종료한 자식부터 넘겨준다. 첫째 자식이 먼저 생성되어 바로 " +
                "종료하므로 대개 그 값이 먼저 나온다. 순서를 정하는 것은 호출 순서가 아니라 " +
                "자식이 종료한 순서다.",
            }
            : {
              en:
                "This time the second child ended first (the OS ran it first), so wait() " +
                "returned its status first: the order is the order the children end.",
              ko:
                "이번에는 둘째 자식이 먼저 종료했으므로(운영체제가 먼저 실행했다) wait 함수가 " +
                "그 값을 먼저 반환했다. 순서는 자식이 종료한 순서다.",
            },
      },
      {
        id: "wait.processes",
        kind: "number",
        ask: {
          en:
            "How many processes will the program have made in all, the parent included?",
          ko: "부모를 포함해 프로세스는 모두 몇 개 생길까?",
        },
        observe: (run) => {
          const pids = run.out.map((line) =>
            line.text.match(/^Child PID: (\d+)/)?.[1]
          ).filter((pid) => pid !== undefined);
          return pids.length > 0 ? number(new Set(pids).size + 1) : null;
        },
        expected: number(3),
        explain: () => ({
          en:
            "Only the parent calls fork() twice: the first child returns at once and never " +
            "reaches the second fork(). One parent, two children (one `Child PID:` line each).",
          ko:
            "fork 함수를 두 번 호출하는 것은 부모뿐이다. 첫째 자식은 곧바로 반환하므로 두 번째 " +
            "fork에 이르지 않는다. 부모 하나에 자식 둘이다 (자식마다 `Child PID:` 한 줄).",
        }),
      },
      linesPrediction("wait.lines", 4, {
        en:
          "Two `Child PID:` lines, one per fork(), and one `Child send` line per wait(); " +
          "the children print nothing, and the final sleep(30) prints nothing either.",
        ko:
          "fork마다 `Child PID:` 한 줄씩 두 줄, wait마다 `Child send` 한 줄씩 두 줄이다. " +
          "자식은 아무것도 출력하지 않고, 마지막 sleep(30)도 출력이 없다.",
      }),
    ];
  },
};
