// What `tcpip explain` prints is held byte for byte by the golden files
// (tests/golden/explain/, run by tests/specs_test.ts). Here, what every one
// of those texts keeps whatever it says (and whatever a maintainer's
// UPDATE=1 writes): a terminal's width, each language on its own, and the
// book's Korean terms.

import { assert } from "@std/assert";
import { PROGRAMS } from "../src/catalog.ts";
import { loadExplanation, WIDTH } from "../src/teach/explain.ts";
import { displayWidth } from "../src/width.ts";

const hangul = /[\uac00-\ud7a3]/;

/** The golden text of `explain <program> --lang <lang>`. */
function golden(file: string, lang: "en" | "ko"): string {
  return Deno.readTextFileSync(
    new URL(`./golden/explain/${file}.${lang}.out`, import.meta.url),
  );
}

Deno.test("explain: every program in both languages, within 78 columns, each language on its own", () => {
  for (const spec of PROGRAMS) {
    for (const lang of ["en", "ko"] as const) {
      const text = golden(spec.file, lang);
      for (const line of text.split("\n")) {
        assert(
          displayWidth(line) <= WIDTH,
          `${spec.name} (${lang}): ${displayWidth(line)} columns: ${line}`,
        );
      }
      assert(
        hangul.test(text) === (lang === "ko"),
        `${spec.name} (${lang}): ${lang === "en" ? "Hangul" : "no Korean"}`,
      );
    }
  }
});

Deno.test("explain: the Korean texts use the book's terms", async () => {
  for (const spec of PROGRAMS) {
    const explanation = await loadExplanation(spec);
    const korean = [
      explanation.shows,
      explanation.watch,
      explanation.differs,
      explanation.pitfalls,
    ].map((part) => part.ko).join("\n");
    // The pipe's ends are 입구 and 출구; a process 종료하다, not 끝나다.
    for (const wrong of ["쓰기 끝", "읽기 끝", "끝나", "끝난", "끝날"]) {
      assert(!korean.includes(wrong), `${spec.name}: '${wrong}' in Korean`);
    }
    // The tool's notes are 안내 메시지; Half-close keeps its book name.
    assert(!korean.includes("설명 줄"), `${spec.name}: notes are 안내 메시지`);
  }
});
