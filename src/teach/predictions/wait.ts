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
                "wait() returns a child that has ended; when several have, Linux's " +
                "wait() returns the oldest first, and the tool does the same. The first " +
                "child was forked first and ends at once, long before the first " +
                "wait(), so its status comes first whether the second has ended by " +
                "then or not. The order follows the OS's rule, not the order of the " +
                "calls (one and two count the calls).",
              ko:
                "wait 함수는 종료한 자식 하나를 돌려준다. 종료한 자식이 여럿이면 리눅스의 " +
                "wait 함수는 가장 먼저 만든 자식부터 돌려주며, 이 도구도 그렇게 한다. 첫째 " +
                "자식은 먼저 생성되어 바로 종료하므로 첫 wait 호출보다 한참 앞서 종료해 " +
                "있다. 그래서 둘째 자식이 그때 종료했든 안 했든 첫째의 값이 먼저 나온다. " +
                "순서는 호출 순서가 아니라 운영체제의 규칙을 따른다(one과 two는 호출 " +
                "횟수를 센다).",
            }
            : {
              en:
                "This time the second child's status came first. wait() returns a " +
                "child that has ended, the oldest first when several have: so when " +
                "the parent called wait(), only the second child had ended.",
              ko:
                "이번에는 둘째 자식의 값이 먼저 나왔다. wait 함수는 종료한 자식을 돌려주며, " +
                "여럿이면 가장 먼저 만든 자식부터 돌려준다. 그러니 부모가 wait 함수를 " +
                "호출했을 때는 둘째 자식만 종료해 있었던 것이다.",
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
