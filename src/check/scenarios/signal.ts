/**
 * signal.c: `alarm(2)` and a SIGALRM handler that prints `Time out!` and
 * sets the alarm again, so each `sleep(100)` ends after 2 s; a SIGINT
 * handler prints `CTRL+C pressed`. The check presses Ctrl+C (SIGINT to
 * the process group, as a terminal does) during the second sleep.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, see } from "./_common.ts";
import { alarmFindings } from "./_alarm.ts";

/** The check of signal.c. */
export const scenario: Scenario = {
  program: "signal",
  role: "program",
  example: "./signal",
  summary: both(
    "SIGALRM every 2 s cuts each sleep(100) short; Ctrl+C runs its handler",
    "2초마다 오는 SIGALRM이 sleep(100)을 깨우고, Ctrl+C는 핸들러를 실행한다",
  ),
  bookSleeps: 6,
  runs: [{
    title: both(
      "as it is; Ctrl+C during the second sleep",
      "그대로, 두 번째 sleep 중에 Ctrl+C",
    ),
  }],
  steps: [
    {
      do: "output",
      title: both("the program prints 'wait...'", "'wait...'를 출력한다"),
      lines: ["wait\\.\\.\\."],
      within: 3,
    },
    {
      do: "output",
      title: both(
        "SIGALRM comes and the handler prints 'Time out!'",
        "SIGALRM이 와서 핸들러가 'Time out!'을 출력한다",
      ),
      lines: ["Time out!"],
      within: 4,
      calls: ["alarm", "rt_sigaction"],
      requires: "alarm",
      outcomes: { missing: "alarm.no-handler", uncalled: "alarm.no-alarm" },
      stopOnFinding: true,
    },
    {
      do: "output",
      title: both(
        "the sleep ends early and the loop goes on",
        "sleep이 일찍 끝나고 반복문이 계속된다",
      ),
      lines: ["wait\\.\\.\\."],
      within: 2,
      outcomes: { missing: "alarm.sleep-goes-on" },
      stopOnFinding: true,
    },
    {
      do: "sleeping",
      title: both("the program sleeps again", "다시 잠든다"),
      within: 1,
    },
    {
      do: "signal",
      title: both(
        "Ctrl+C typed on its terminal",
        "터미널에서 Ctrl+C 입력",
      ),
      signal: "SIGINT",
    },
    {
      do: "output",
      title: both(
        "the SIGINT handler prints 'CTRL+C pressed'",
        "SIGINT 핸들러가 'CTRL+C pressed'를 출력한다",
      ),
      lines: ["CTRL\\+C pressed"],
      within: 2,
      outcomes: { missing: "signal.sigint" },
      stopOnFinding: true,
    },
    {
      do: "output",
      title: both(
        "the sleep ends early and the loop goes on",
        "sleep이 일찍 끝나고 반복문이 계속된다",
      ),
      lines: ["wait\\.\\.\\."],
      within: 2,
      outcomes: { missing: "signal.sigint-ends" },
      stopOnFinding: true,
    },
    {
      do: "output",
      title: both(
        "the alarm, set again by the handler, comes once more",
        "핸들러가 다시 맞춘 알람이 한 번 더 온다",
      ),
      lines: ["Time out!"],
      within: 4,
      calls: ["alarm", "rt_sigaction"],
      outcomes: { missing: "alarm.not-again", killed: "alarm.reset" },
      stopOnFinding: true,
    },
    {
      do: "exit",
      title: both(
        "after three sleeps the program ends",
        "sleep 세 번 뒤 프로그램이 종료한다",
      ),
      within: 2,
    },
  ],
  rules: [
    {
      rule: "lines",
      title: both(
        "the lines are the book's (with Ctrl+C during the second sleep)",
        "출력이 책과 같다 (두 번째 sleep 중 Ctrl+C)",
      ),
      order: "sequence",
      unless: [
        "alarm.no-handler",
        "alarm.no-alarm",
        "alarm.sleep-goes-on",
        "signal.sigint",
        "signal.sigint-ends",
        "alarm.not-again",
      ],
      expect: [
        { text: "wait..." },
        { text: "Time out!" },
        { text: "wait..." },
        { text: "CTRL+C pressed" },
        { text: "wait..." },
        { text: "Time out!" },
      ],
      outcomes: { differs: "signal.lines", spaces: "signal.lines" },
    },
  ],
  findings: {
    ...alarmFindings("signal"),
    "signal.sigint": {
      severity: "fail",
      title: both(
        "Ctrl+C does not run the SIGINT handler",
        "Ctrl+C에 SIGINT 핸들러가 실행되지 않는다",
      ),
      book: both(
        "The book registers keycontrol() with signal(SIGINT, keycontrol): Ctrl+C prints 'CTRL+C pressed', cuts the sleep short, and the loop goes on.",
        "책은 signal(SIGINT, keycontrol)로 keycontrol()을 등록한다. Ctrl+C를 누르면 'CTRL+C pressed'를 출력하고 sleep이 일찍 끝나며 반복문이 계속된다.",
      ),
      why: both(
        "SIGINT's default action ends the process: without a handler of its own, Ctrl+C ends the program.",
        "SIGINT의 기본 동작은 프로세스 종료다. 핸들러를 등록하지 않으면 Ctrl+C가 프로그램을 끝낸다.",
      ),
      see: see("signal", ["shows", "watch"], "tcpip signal --trace"),
    },
    "signal.sigint-ends": {
      severity: "fail",
      title: both(
        "Ctrl+C runs the SIGINT handler, but the loop does not go on",
        "Ctrl+C에 SIGINT 핸들러는 실행되지만 반복문이 계속되지 않는다",
      ),
      book: both(
        "The book's keycontrol() only prints 'CTRL+C pressed' and returns: the interrupted sleep(100) returns early and the loop prints 'wait...' again.",
        "책의 keycontrol()은 'CTRL+C pressed'를 출력하고 반환할 뿐이다. 중단된 sleep(100)이 일찍 끝나고 반복문이 다시 'wait...'를 출력한다.",
      ),
      why: both(
        "A handler returns to where the signal interrupted the process, and the process goes on. A handler that calls exit(), or a loop that stops when sleep() returns early, ends the program instead; the observation says how it ended.",
        "핸들러는 시그널이 끼어든 곳으로 돌아가고 프로세스는 계속 실행된다. 핸들러에서 exit()를 부르거나 sleep()이 일찍 반환될 때 반복문을 멈추면 프로그램이 종료한다. 어떻게 종료했는지는 관찰 내용에 있다.",
      ),
      see: see("signal", ["shows", "watch"], "tcpip signal --trace"),
    },
    "signal.lines": {
      severity: "fail",
      title: both("the lines differ from the book's", "출력이 책과 다르다"),
      book: both(
        "wait..., Time out!, wait..., then Ctrl+C: CTRL+C pressed, wait..., Time out!, and the program ends after its third sleep.",
        "wait..., Time out!, wait..., 그리고 Ctrl+C: CTRL+C pressed, wait..., Time out!, 세 번째 sleep 뒤 프로그램이 종료한다.",
      ),
      why: both(
        "Each handled signal ends the sleep(100) it interrupts: three sleeps, each ended by SIGALRM or SIGINT.",
        "처리된 시그널은 그것이 끼어든 sleep(100)을 끝낸다. sleep 세 번이 각각 SIGALRM이나 SIGINT로 끝난다.",
      ),
      see: see("signal", ["shows"], "tcpip signal --trace"),
    },
  },
};
