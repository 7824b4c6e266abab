/**
 * What `tcpip predict waitpid` asks about waitpid.c, how it reads the answers from the
 * run, and how it explains them.
 *
 * @module
 */

import {
  count,
  first,
  number,
  type ProgramPredictions,
  trailingNumber,
  yesNo,
} from "../prediction.ts";

/** The seconds waitpid.c's parent sleeps between two asks: the book's sleep(3). */
const POLL = 3;

/** What `tcpip predict waitpid` asks. */
export const predictions: ProgramPredictions = {
  speeds: [10, 15],
  choices: {
    "child-sleep": [6, 9, 15, 21],
  },
  intro: ({ speed, params }) => ({
    en:
      `waitpid.c: the child sleeps ${
        params["child-sleep"]
      } s and returns 24; the parent ` +
      `asks waitpid(WNOHANG) and sleeps ${POLL} s between asks ` +
      `(run at --speed ${speed}).`,
    ko:
      `waitpid.c: 자식은 ${
        params["child-sleep"]
      }초 동안 잠든 뒤 24를 반환하고, 부모는 ` +
      `waitpid(WNOHANG)으로 확인하며 그사이 ${POLL}초씩 잠든다 ` +
      `(--speed ${speed} 옵션으로 실행).`,
  }),
  pool: ({ params }) => {
    const polls = Math.ceil(params["child-sleep"] / POLL);
    return [
      {
        id: "waitpid.lines",
        kind: "number",
        ask: {
          en: "How many `sleep 3sec.` lines will the parent print?",
          ko: "부모는 `sleep 3sec.`를 몇 줄 출력할까?",
        },
        observe: (run) => number(count(run, /^sleep 3sec\./)),
        expected: number(polls),
        explain: (seen) => ({
          en:
            `The child sleeps ${
              params["child-sleep"]
            } s; the parent prints a line after each ` +
            `${POLL}-second sleep until waitpid() finds the child ended: ` +
            `${polls} lines. ` +
            (seen.value === polls
              ? "One more appears when the last ask comes a hair before the child's end."
              : "This run's last ask came a hair before the child ended, so one more sleep " +
                "and one more line followed: the child's sleep and the parent's period end at the " +
                "same moment."),
          ko:
            `자식은 ${
              params["child-sleep"]
            }초 동안 잠들고, 부모는 waitpid 함수가 종료한 자식을 ` +
            `찾을 때까지 ${POLL}초씩 잘 때마다 한 줄을 출력하므로 ${polls}줄이다. ` +
            (seen.value === polls
              ? "마지막 확인이 자식의 종료보다 아주 조금 앞서면 한 줄이 더 나온다."
              : "이번에는 마지막 확인이 자식의 종료보다 아주 조금 앞서서 한 번 더 자고 한 줄을 " +
                "더 출력했다. 자식이 잠드는 시간과 부모의 확인 주기가 같은 순간에 끝나기 때문이다."),
        }),
      },
      {
        id: "waitpid.status",
        kind: "number",
        ask: {
          en: "Which number will the last line, `Child send N`, show?",
          ko: "마지막 줄 `Child send N`에는 어떤 수가 나올까?",
        },
        observe: (run) => {
          const line = first(run, /^Child send -?\d+/);
          return line ? number(trailingNumber(line.text)) : null;
        },
        expected: number(24),
        explain: () => ({
          en:
            "The child's return 24 becomes its exit status; WEXITSTATUS(status) reads it " +
            "back in the parent.",
          ko:
            "자식의 return 24가 종료 상태 값이 되고, 부모는 WEXITSTATUS(status)로 그 값을 " +
            "꺼낸다.",
        }),
      },
      {
        id: "waitpid.blocks",
        kind: "yesno",
        ask: {
          en:
            "Will the parent print nothing until the child ends, blocked in waitpid()?",
          ko:
            "자식이 종료할 때까지 부모는 waitpid 함수에서 블로킹되어 아무것도 출력하지 못할까?",
        },
        observe: (run) =>
          first(run, /^Child send/)
            ? yesNo(count(run, /^sleep 3sec\./) === 0)
            : null,
        expected: yesNo(false),
        explain: () => ({
          en:
            "No: with WNOHANG, waitpid() returns 0 at once while the child runs, so the " +
            "parent's loop goes on and prints `sleep 3sec.` meanwhile.",
          ko:
            "아니다. WNOHANG을 전달하면 자식이 실행 중일 때 waitpid 함수는 바로 0을 반환하므로 " +
            "부모의 반복문이 계속 돌며 그사이 `sleep 3sec.`를 출력한다.",
        }),
      },
    ];
  },
};
