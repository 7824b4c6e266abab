/**
 * What `tcpip predict sigint-confirm` asks about chapter 10's exercise 5:
 * predict presses Ctrl+C (sends SIGINT), waits two seconds of the book's
 * time before it answers n, then presses Ctrl+C again and answers y.
 *
 * @module
 */

import { delay } from "@std/async";
import { number, type ProgramPredictions, yesNo } from "../prediction.ts";

/** The prompt the handler prints. */
const QUESTION = /^Do you want to exit\? \(Y\/N\)/;

/** The loop's line. */
const RUNNING = /^still running/;

/** Seconds of the book's time predict waits before it answers n. */
const PAUSE = 2;

/** What `tcpip predict sigint-confirm` asks. */
export const predictions: ProgramPredictions = {
  speeds: [5, 10],
  sizes: [2, 3],
  intro: ({ speed, size }) => ({
    en:
      `Exercise 5 of chapter 10: after ${size} lines, predict presses Ctrl+C, waits ` +
      `${PAUSE} s before it answers n, then presses Ctrl+C again and answers y ` +
      `(run at --speed ${speed}).`,
    ko:
      `10장 내용 확인문제 5번: ${size}줄이 출력된 뒤 predict가 Ctrl+C를 누르고, ` +
      `${PAUSE}초 기다렸다가 n으로 답한다. 그다음 다시 Ctrl+C를 누르고 y로 답한다 ` +
      `(--speed ${speed} 옵션으로 실행).`,
  }),
  scenario: ({ speed, size }) => ({
    async script(program) {
      await program.out(RUNNING, size);
      program.kill("SIGINT");
      const asked = (await program.out(QUESTION)).at;
      await delay((PAUSE * 1000) / speed);
      program.fact("asked", asked);
      program.fact("answered", program.now());
      await program.write("n\n");
      const resumed = await program.out(RUNNING, size + 1);
      program.fact("resumed", resumed.at >= asked);
      program.kill("SIGINT");
      await program.out(QUESTION, 2);
      await program.write("y\n");
      program.fact("status", await program.ended);
    },
  }),
  pool: ({ size }) => [
    {
      id: "sigint-confirm.silent",
      kind: "number",
      ask: {
        en:
          `While the question waits ${PAUSE} s for its answer, how many \`still running\` ` +
          "lines will the loop print?",
        ko:
          `질문이 답을 ${PAUSE}초 동안 기다리는 사이, 반복문은 \`still running\` 줄을 몇 개 ` +
          "출력할까?",
      },
      observe: (run) => {
        const { asked, answered } = run.facts;
        if (typeof asked !== "number" || typeof answered !== "number") {
          return null;
        }
        // The loop's lines between the question and the answer.
        return number(
          run.out.filter((line) =>
            RUNNING.test(line.text) && line.at > asked && line.at < answered
          ).length,
        );
      },
      expected: number(0),
      explain: () => ({
        en:
          "None: the handler runs in place of the interrupted code and waits in fgets() " +
          "for the answer; the loop goes on only once the handler returns.",
        ko:
          "하나도 없다. 핸들러는 중단된 코드 대신 실행되며 fgets에서 답을 기다린다. " +
          "반복문은 핸들러가 반환해야 이어진다.",
      }),
    },
    {
      id: "sigint-confirm.goes-on",
      kind: "yesno",
      ask: {
        en: "After the answer n, will the program go on printing?",
        ko: "n으로 답한 뒤 프로그램은 계속 출력할까?",
      },
      observe: (run) =>
        typeof run.facts.resumed === "boolean"
          ? yesNo(run.facts.resumed)
          : null,
      expected: yesNo(true),
      explain: () => ({
        en:
          "Yes: any answer but y or Y lets the handler return, and the loop goes on; " +
          "the sleep(1) the signal cut short just ends early.",
        ko:
          "그렇다. y나 Y가 아닌 답이면 핸들러가 반환하고 반복문이 이어진다. 시그널 " +
          "때문에 중간에 깨어난 sleep(1)은 일찍 끝날 뿐이다.",
      }),
    },
    {
      id: "sigint-confirm.status",
      kind: "number",
      ask: {
        en:
          "After Ctrl+C and the answer y, with which exit status will it end?",
        ko: "Ctrl+C를 누르고 y로 답하면 어떤 종료 상태 값으로 종료할까?",
      },
      observe: (run) =>
        typeof run.facts.status === "number" ? number(run.facts.status) : null,
      expected: number(0),
      explain: () => ({
        en:
          "0: the handler calls exit(0). Ctrl+C did not end the program: its handler " +
          `did, on y (${size} lines came before the first question).`,
        ko:
          "0이다. 핸들러가 exit(0)을 호출한다. 프로그램을 끝낸 것은 Ctrl+C가 아니라 y를 " +
          `받은 핸들러다(첫 질문 전에 ${size}줄이 나왔다).`,
      }),
    },
  ],
};
