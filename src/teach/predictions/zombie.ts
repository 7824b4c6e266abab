/**
 * What `tcpip predict zombie` asks about zombie.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import { josa } from "../../josa.ts";
import type { Observed } from "../predict_run.ts";
import {
  choice,
  duration,
  linesPrediction,
  type Option,
  type ProgramPredictions,
  span,
  within,
} from "../prediction.ts";

const ZOMBIE_STATES: readonly Option[] = [
  { key: "R", text: { en: "R (running)", ko: "R (실행 중)" } },
  { key: "S", text: { en: "S (sleeping)", ko: "S (잠든 상태)" } },
  { key: "Z", text: { en: "Z (zombie)", ko: "Z (좀비)" } },
  {
    key: "gone",
    text: {
      en: "nothing: the child has left the process table",
      ko: "아무것도 없다: 자식은 이미 프로세스 테이블에서 사라졌다",
    },
  },
];

/** The state letters the tool's notes reported for the child, in order. */
function zombieStates(run: Observed): string[] {
  const states: string[] = [];
  for (const line of run.err) {
    const found = line.match(
      /^\[tcpip\] (?:state of \d+ \(from [^)]*\)|\d+의 상태 \([^)]*\)): (\S+)/,
    );
    if (found) states.push(/^[A-Z]/.test(found[1]) ? found[1][0] : "gone");
  }
  return states;
}

/** What `tcpip predict zombie` asks. */
export const predictions: ProgramPredictions = {
  speeds: [10, 15, 20],
  choices: {
    sleep: [10, 20, 30, 40],
  },
  intro: ({ speed, params }) => ({
    en:
      `zombie.c: the child ends at once; the parent sleeps ${params.sleep} s without ` +
      `calling wait() (run at --speed ${speed}).`,
    ko:
      `zombie.c: 자식은 바로 종료하고, 부모는 wait 함수를 호출하지 않은 채 ${params.sleep}초 ` +
      `동안 잠든다 (--speed ${speed} 옵션으로 실행).`,
  }),
  pool: ({ speed, params }) => [
    {
      id: "zombie.state",
      kind: "choice",
      ask: {
        en: "While the parent sleeps, what will ps show as the child's state?",
        ko:
          "부모가 잠든 동안 ps 명령은 자식 프로세스의 상태를 무엇으로 보여 줄까?",
      },
      options: ZOMBIE_STATES,
      observe: (run) => {
        const states = zombieStates(run);
        if (states.includes("Z")) return choice(ZOMBIE_STATES, "Z");
        const alive = states.filter((s) => s !== "gone");
        const seen = alive.at(-1) ?? states.at(-1);
        return seen && ZOMBIE_STATES.some((o) => o.key === seen)
          ? choice(ZOMBIE_STATES, seen)
          : null; // no states reported (Windows has none)
      },
      expected: choice(ZOMBIE_STATES, "Z"),
      explain: (seen) =>
        seen.value === "Z"
          ? {
            en:
              "Z: the child has ended, but its exit status waits in the process table " +
              "until the parent collects it. A sleeping parent collects nothing.",
            ko:
              "Z다. 자식은 종료했지만, 부모가 받아 갈 때까지 종료 상태 값이 프로세스 " +
              "테이블에 남는다. 잠든 부모는 아무것도 받아 가지 않는다.",
          }
          : {
            en:
              "The tool's watcher never saw the child as a zombie in this run. On Linux " +
              "and macOS it should; run it again and look at the [tcpip] state lines.",
            ko:
              "이번 실행에서 도구의 감시자는 자식을 좀비 상태로 보지 못했다. 리눅스와 macOS라면 " +
              "보여야 하므로, 다시 실행해서 [tcpip] 상태 줄을 살펴보자.",
          },
    },
    {
      id: "zombie.time",
      kind: "number",
      ask: {
        en:
          "For about how many seconds of the book's time (at --speed 1) will the child " +
          "stay a zombie?",
        ko: "자식은 책의 시간(--speed 1 기준)으로 몇 초쯤 좀비 상태로 남을까?",
      },
      tolerance: within(3),
      observe: (run) => {
        const ms = span(run, /^End child process/, /^End parent process/);
        return ms === null ? null : duration((ms * speed) / 1000);
      },
      expected: duration(params.sleep),
      explain: () => ({
        en:
          `The child ends right after its two lines; the parent sleeps ${params.sleep} s ` +
          "and collects nothing meanwhile, so the child stays a zombie until the parent " +
          "wakes and ends. Measured from `End child process` to `End parent process`, " +
          `times the speed ${speed}.`,
        ko:
          `자식은 두 줄을 출력하고 바로 종료하지만, 부모는 ${params.sleep}초 동안 잠든 채 ` +
          "아무것도 받아 가지 않으므로 부모가 깨어나 종료할 때까지 자식은 좀비로 남는다. " +
          "`End child process`부터 `End parent process`까지의 시간에 속도 " +
          `${speed}${josa(speed, "을/를")} 곱해 쟀다.`,
      }),
    },
    linesPrediction("zombie.lines", 4, {
      en:
        "The parent prints the child's ID and, after its sleep, `End parent process`; " +
        "the child prints its two lines in between.",
      ko:
        "부모는 자식의 ID와, 잠에서 깬 뒤 `End parent process`를 출력하고, 그사이에 자식이 " +
        "두 줄을 출력한다.",
    }),
  ],
};
