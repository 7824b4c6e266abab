// The teaching commands: source, their mistakes, predict's words on
// wait(), --lang. What list and explain print, in both languages and by the
// locale: the golden files (tests/golden/, tests/specs_test.ts); their
// width and the Korean terms: explain_test.ts, glossary_test.ts.

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { PROGRAMS } from "../src/catalog.ts";
import { run } from "./_tcpip.ts";

const hangul = /[\uac00-\ud7a3]/;
const KO = { LANG: "ko_KR.UTF-8" };

Deno.test("source: byte for byte the file in examples/", async () => {
  const results = await Promise.all(
    PROGRAMS.map((spec) => run(["source", spec.name])),
  );
  PROGRAMS.forEach((spec, i) => {
    assertEquals(results[i].code, 0);
    const file = Deno.readTextFileSync(
      new URL(`../examples/${spec.file}.ts`, import.meta.url),
    );
    assertEquals(results[i].stdout, file, spec.name);
  });
});

Deno.test("explain/source/quiz: mistakes are usage errors with exit 2", async () => {
  const cases: [string[], string][] = [
    [["explain"], "tcpip: missing <program>"],
    [
      ["explain", "zombi"],
      "tcpip: unknown program 'zombi'. Did you mean 'zombie'? Run 'tcpip list' to see all programs.",
    ],
    [
      ["explain", "fork", "--lang", "fr"],
      "tcpip: --lang must be ko or en, got 'fr'",
    ],
    [
      ["source", "pipe9"],
      "tcpip: unknown program 'pipe9'. Did you mean 'pipe1'? Run 'tcpip list' to see all programs.",
    ],
    [["quiz", "12"], "tcpip: the quiz has chapters 10 and 11, not '12'"],
    [
      ["quiz", "10", "--seed", "-1"],
      "tcpip: --seed must be a whole number from 0 to 4294967295, got '-1'",
    ],
  ];
  const results = await Promise.all(cases.map(([args]) => run(args)));
  results.forEach((result, i) => {
    assertEquals(result.code, 2, cases[i][0].join(" "));
    assertEquals(result.err[0], cases[i][1]);
  });
});

Deno.test("predict wait explains either order by the OS's rule (the oldest first), not by the order of ends", async () => {
  // Measured in C: with the second child ended first and the parent waiting
  // a second, wait() still returned 3 first (5 runs of 5): the oldest first.
  // (What list and wait --help say of it: tests/golden/.)
  const { loadPredictions } = await import("../src/teach/predict.ts");
  const { findProgram } = await import("../src/catalog.ts");
  const program = await loadPredictions(findProgram("wait")!);
  const order = program.pool({
    speed: 1,
    params: { "first-status": 3, "second-status": 7 },
    variant: "",
    size: 0,
  }).find((prediction) => prediction.id === "wait.order")!;
  for (const seen of [[3, 7], [7, 3]]) {
    const text = order.explain({ value: seen, shown: { en: "", ko: "" } });
    assertStringIncludes(text.en, "the oldest first");
    assert(!/order the children end/.test(text.en), text.en);
    assert(!/종료한 순서/.test(text.ko), text.ko);
  }
});

// The quiz itself is tested in quiz_test.ts.

Deno.test("--lang ko|en: a program's notes in either language, over the locale; its bytes the same", async () => {
  // list and help with --lang, and the locale: tests/golden/ (specs.jsonc).
  const [korean, english, wrong] = await Promise.all([
    run(["fork", "--lang", "ko"]),
    run(["fork", "--lang", "en"], { env: KO }),
    run(["pipe1", "--lang", "fr"]),
  ]);
  assertEquals(korean.code, 0, korean.stderr);
  assert(hangul.test(korean.stderr), korean.stderr);
  assert(!hangul.test(english.stderr), english.stderr);
  // The book's bytes stay the same whatever the language.
  assertEquals(korean.out.toSorted(), english.out.toSorted());
  assertEquals(wrong.code, 2);
  assertEquals(wrong.err[0], "tcpip pipe1: --lang must be ko or en, got 'fr'");
});
