/**
 * What `tcpip predict signal` asks about signal.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import { josa } from "../../josa.ts";
import type { Observed } from "../predict_run.ts";
import {
  count,
  duration,
  number,
  type Prediction,
  type ProgramPredictions,
  span,
  within,
  yesNo,
} from "../prediction.ts";

/**
 * What predict asks about `book`: signal.c and sigaction.c show the same
 * run (`predictions/sigaction.ts` asks the same).
 */
export function alarmProgram(book: string): ProgramPredictions {
  return {
    speeds: [5, 10],
    choices: {
      alarm: [1, 2, 3],
    },
    variants: [{ name: "", args: [] }, { name: "real-time", args: [] }],
    intro: ({ speed, params }) => ({
      en:
        `${book}: alarm(${params.alarm}), and a loop of three sleep(100) calls ` +
        `(run at --speed ${speed}, which divides every duration by ${speed}).`,
      ko:
        `${book}: alarm(${params.alarm})${
          josa(params.alarm, "을/를")
        } 호출하고 sleep(100)을 세 번 반복한다 (--speed ${speed} 옵션으로 ` +
        `실행하므로 모든 시간이 ${speed}분의 1로 줄어든다).`,
    }),
    pool: ({ speed, params, variant }) => {
      const bookSeconds = 3 * params.alarm;
      const measured = (run: Observed) =>
        span(run, /^wait\.\.\./, /^Time out!/);
      const howLong: Prediction = variant === "real-time"
        ? {
          id: "signal.real-time",
          kind: "number",
          ask: {
            en:
              `This run uses --speed ${speed}. How many seconds of real time will it ` +
              "take, from the first `wait...` to the last `Time out!`?",
            ko:
              `이번 실행은 --speed ${speed} 옵션을 쓴다. 첫 \`wait...\`부터 마지막 \`Time out!\`까지 ` +
              "실제로 몇 초가 걸릴까?",
          },
          tolerance: (value) => Math.max(0.2, value * 0.3),
          observe: (run) => {
            const ms = measured(run);
            return ms === null ? null : duration(ms / 1000);
          },
          expected: duration(bookSeconds / speed),
          explain: () => ({
            en:
              `About ${bookSeconds} s of the book's time (three alarms ${params.alarm} s ` +
              `apart, each cutting a sleep short), divided by the speed ${speed}.`,
            ko:
              `책의 시간으로 약 ${bookSeconds}초(${params.alarm}초 간격의 알람 세 번이 ` +
              `sleep을 하나씩 깨운다)를 속도 ${speed}${
                josa(speed, "으로/로")
              } 나눈 값이다.`,
          }),
        }
        : {
          id: "signal.time",
          kind: "number",
          ask: {
            en:
              "How long will the program run, in seconds of the book's time (at --speed 1)?",
            ko: "책의 시간(--speed 1 기준)으로 프로그램은 몇 초 동안 실행될까?",
          },
          tolerance: within(1.5),
          observe: (run) => {
            const ms = measured(run);
            return ms === null ? null : duration((ms * speed) / 1000);
          },
          expected: duration(bookSeconds),
          explain: () => ({
            en:
              `About ${bookSeconds} s, not 300: every sleep(100) ends when the handled ` +
              `SIGALRM arrives, ${params.alarm} s after the alarm was set, and the handler ` +
              "sets the next one. Measured from the first `wait...` to the last " +
              `\`Time out!\`, times the speed ${speed}.`,
            ko:
              `300초가 아니라 약 ${bookSeconds}초다. 핸들러가 등록된 SIGALRM이 알람을 맞춘 지 ` +
              `${params.alarm}초 뒤에 오면 sleep(100)이 끝나고, 핸들러가 다음 알람을 맞춘다. ` +
              "첫 `wait...`부터 마지막 `Time out!`까지의 시간에 속도 " +
              `${speed}${josa(speed, "을/를")} 곱해 쟀다.`,
          }),
        };
      return [
        howLong,
        {
          id: "signal.timeouts",
          kind: "number",
          ask: {
            en: "How many `Time out!` lines will it print?",
            ko: "`Time out!`은 몇 줄 출력될까?",
          },
          observe: (run) => number(count(run, /^Time out!/)),
          expected: number(3),
          explain: () => ({
            en:
              "One per round of the loop: each SIGALRM runs the handler once, cuts the " +
              "sleep short, and the loop ends after three rounds.",
            ko:
              "반복 한 번에 한 줄이다. SIGALRM이 올 때마다 핸들러가 한 번 실행되어 sleep을 " +
              "깨우고, 반복문은 세 번 돌고 끝난다.",
          }),
        },
        {
          id: "signal.full-sleep",
          kind: "yesno",
          ask: {
            en: "Will each sleep(100) last its full 100 seconds?",
            ko: "sleep(100)은 매번 100초를 다 채울까?",
          },
          observe: (run) => {
            const ms = measured(run);
            return ms === null ? null : yesNo((ms * speed) / 1000 >= 100);
          },
          expected: yesNo(false),
          explain: () => ({
            en:
              "No: a process blocked in sleep() wakes up when a signal with a registered " +
              "handler arrives, and sleep() returns the seconds it had left.",
            ko:
              "아니다. sleep 함수로 블로킹된 프로세스는 핸들러가 등록된 시그널이 발생하면 " +
              "깨어나고, sleep 함수는 남은 시간을 반환한다.",
          }),
        },
      ];
    },
  };
}

/** What `tcpip predict signal` asks. */
export const predictions: ProgramPredictions = alarmProgram("signal.c");
