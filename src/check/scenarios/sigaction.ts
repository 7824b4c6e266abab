/**
 * sigaction.c: the alarm of signal.c, registered with sigaction():
 * `wait...` and `Time out!` three times, about 2 s apart.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { alarmFindings } from "./_alarm.ts";
import { both, see } from "./_common.ts";

/** The check of sigaction.c. */
export const scenario: Scenario = {
  program: "sigaction",
  role: "program",
  example: "./sigaction",
  summary: both(
    "the SIGALRM handler registered with sigaction() cuts each sleep(100) short",
    "sigaction()으로 등록한 SIGALRM 핸들러가 sleep(100)을 깨운다",
  ),
  bookSleeps: 6,
  runs: [{ title: both("as it is", "그대로") }],
  steps: [
    {
      do: "output",
      title: both(
        "SIGALRM comes and the handler prints 'Time out!'",
        "SIGALRM이 와서 핸들러가 'Time out!'을 출력한다",
      ),
      lines: ["wait\\.\\.\\.", "Time out!"],
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
      do: "output",
      title: both(
        "the alarm, set again by the handler, comes twice more",
        "핸들러가 다시 맞춘 알람이 두 번 더 온다",
      ),
      lines: ["Time out!", "wait\\.\\.\\.", "Time out!"],
      within: 6,
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
      title: both("the lines are the book's", "출력이 책과 같다"),
      order: "sequence",
      unless: [
        "alarm.no-handler",
        "alarm.no-alarm",
        "alarm.sleep-goes-on",
        "alarm.not-again",
        "alarm.reset",
      ],
      expect: [
        { text: "wait..." },
        { text: "Time out!" },
        { text: "wait..." },
        { text: "Time out!" },
        { text: "wait..." },
        { text: "Time out!" },
      ],
      outcomes: { differs: "sigaction.lines", spaces: "sigaction.lines" },
    },
  ],
  findings: {
    ...alarmFindings("sigaction"),
    "sigaction.lines": {
      severity: "fail",
      title: both("the lines differ from the book's", "출력이 책과 다르다"),
      book: both(
        "'wait...' and 'Time out!' three times, one pair every 2 s; then the program ends.",
        "'wait...'와 'Time out!'을 세 번, 2초마다 한 쌍. 그다음 프로그램이 종료한다.",
      ),
      why: both(
        "Each SIGALRM runs the handler and ends one sleep(100): three sleeps, three alarms.",
        "SIGALRM마다 핸들러가 실행되고 sleep(100) 하나가 끝난다. sleep 세 번, 알람 세 번.",
      ),
      see: see("sigaction", ["shows"], "tcpip sigaction --trace"),
    },
  },
};
