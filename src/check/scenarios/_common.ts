/**
 * What the scenarios share: pointers to `tcpip explain` sections and to
 * `--trace` runs, in both languages.
 *
 * @module
 */

import { HEADINGS } from "../../teach/explain.ts";
import type { Text } from "../../text.ts";

export { both } from "../words.ts";

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
