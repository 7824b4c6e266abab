/**
 * What the scenarios share: pointers to `tcpip explain` sections and to
 * `--trace` runs, in both languages, and the runs that perturb fork().
 *
 * @module
 */

import { HEADINGS } from "../../teach/explain.ts";
import type { RunPlan } from "../scenario.ts";
import type { Text } from "../../text.ts";
import { both } from "../words.ts";

export { both };

/** A section of `explain` for the finding's `see`. */
export type Section = keyof typeof HEADINGS;

/**
 * `tcpip explain <program> (<section>)`, then further pointers (commands,
 * the same in both languages, or texts).
 */
export function see(
  program: string,
  sections: Section[],
  ...more: (string | Text)[]
): Text {
  const words = (lang: "en" | "ko") =>
    [
      `tcpip explain ${program} (${
        sections.map((s) => HEADINGS[s][lang]).join(lang === "en" ? "; " : ", ")
      })`,
      ...more.map((m) => typeof m === "string" ? m : m[lang]),
    ].join(lang === "en" ? "; " : ", ");
  return { en: words("en"), ko: words("ko") };
}

/**
 * As it is, on one CPU (where the parent usually goes on first), then on
 * one CPU with each fork() returning 100 ms late in the parent: the child
 * runs first, which shows a program that works only when the parent
 * happens to read first (CS:APP's drivers perturb fork the same way).
 */
export const RACE_RUNS: RunPlan[] = [
  { title: both("as it is", "그대로") },
  {
    title: both(
      "on one CPU (the parent usually runs on after fork())",
      "CPU 하나 (fork() 뒤 보통 부모가 계속 실행)",
    ),
    oneCpu: true,
  },
  {
    title: both(
      "on one CPU, each fork() returning 100 ms late in the parent (the child runs first)",
      "CPU 하나, fork()가 부모에서 100ms 늦게 돌아옴 (자식이 먼저 실행)",
    ),
    holdAfterFork: 100,
  },
];
