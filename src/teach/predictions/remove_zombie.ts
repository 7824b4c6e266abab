/**
 * What `tcpip predict remove-zombie` asks about remove_zombie.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import { josa } from "../../josa.ts";
import {
  count,
  number,
  numbers,
  type ProgramPredictions,
  trailingNumber,
} from "../prediction.ts";

/** What `tcpip predict remove-zombie` asks. */
export const predictions: ProgramPredictions = {
  speeds: [10, 15],
  choices: {
    "first-status": [12, 30, 42],
    "second-status": [24, 50, 64],
  },
  intro: ({ speed, params }) => ({
    en:
      "remove_zombie.c: a SIGCHLD handler that calls waitpid() once; two children sleep " +
      `10 s and end with ${params["first-status"]} and ${
        params["second-status"]
      }; the ` +
      `parent prints wait... five times, 5 s apart (run at --speed ${speed}).`,
    ko:
      "remove_zombie.c: waitpid 함수를 한 번 호출하는 SIGCHLD 핸들러를 등록하고, 두 자식은 " +
      `10초 동안 잠든 뒤 각각 ${params["first-status"]}${
        josa(params["first-status"], "과/와")
      } ${params["second-status"]}${
        josa(params["second-status"], "으로/로")
      } 종료한다. ` +
      `부모는 5초 간격으로 wait...를 다섯 번 출력한다 (--speed ${speed} 옵션으로 실행).`,
  }),
  pool: ({ params }) => [
    {
      id: "remove-zombie.handler",
      kind: "number",
      ask: {
        en:
          "How many times will the SIGCHLD handler run and collect a child? (Each such " +
          "run prints `Removed proc id:`.)",
        ko:
          "SIGCHLD 핸들러는 몇 번 실행되어 자식을 회수할까? (그때마다 `Removed proc id:`를 " +
          "출력한다.)",
      },
      observe: (run) => number(count(run, /^Removed proc id: /)),
      expected: number(2),
      explain: (seen) => ({
        en:
          "Each child's end sends the parent a SIGCHLD, and the handler collects that " +
          "child. The two children end a moment apart, so two signals, two runs." +
          (seen.value === 2
            ? ""
            : " In this run fewer were collected: two ends close " +
              "together can merge into one pending SIGCHLD, and one waitpid() per signal " +
              "then leaves a child behind."),
        ko:
          "자식이 종료할 때마다 부모에게 SIGCHLD가 전달되고, 핸들러가 그 자식을 회수한다. 두 " +
          "자식은 조금 간격을 두고 종료하므로 시그널도, 핸들러 실행도 두 번이다." +
          (seen.value === 2
            ? ""
            : " 이번 실행에서는 더 적게 회수되었다. 거의 동시에 " +
              "종료하면 대기 중인 SIGCHLD 하나로 합쳐질 수 있고, 시그널마다 waitpid를 한 번만 " +
              "호출하면 자식 하나가 남는다."),
      }),
    },
    {
      id: "remove-zombie.waits",
      kind: "number",
      ask: {
        en: "How many `wait...` lines will the parent print?",
        ko: "부모는 `wait...`를 몇 줄 출력할까?",
      },
      observe: (run) => number(count(run, /^wait\.\.\./)),
      expected: number(5),
      explain: () => ({
        en:
          "Five, one per round of the loop, however many sleeps the handled SIGCHLDs " +
          "cut short: here usually two, so the loop ends after about 15 s instead of 25 " +
          "(in C, 20 or 25 s), but it still runs five rounds.",
        ko:
          "반복 한 번에 한 줄씩 다섯 줄이다. 핸들러가 등록된 SIGCHLD가 sleep을 몇 번 " +
          "깨우든 마찬가지다. 이 도구에서는 대개 두 번 깨워 반복문이 25초가 아니라 약 15초 " +
          "만에 끝나지만(C에서는 20초나 25초), 반복은 다섯 번 그대로다.",
      }),
    },
    {
      id: "remove-zombie.statuses",
      kind: "numbers",
      count: 2,
      ask: {
        en: "Which statuses will the `Child send:` lines show, in order?",
        ko: "`Child send:` 줄에는 어떤 종료 상태 값이 차례로 나올까?",
      },
      observe: (run) => {
        const found = run.out.filter((line) =>
          /^Child send: -?\d+/.test(line.text)
        )
          .map((line) => trailingNumber(line.text));
        return found.length > 0 ? numbers(found) : null;
      },
      expected: numbers([params["first-status"], params["second-status"]]),
      explain: () => ({
        en:
          "Both children sleep the same 10 s, and the first one started first, so it " +
          "usually ends first: its status comes first.",
        ko:
          "두 자식은 똑같이 10초 동안 잠들고 첫째가 먼저 시작했으므로 대개 먼저 종료한다. " +
          "그래서 그 값이 먼저 나온다.",
      }),
    },
  ],
};
