// The catalog's validator: one list drives everything, so check it whole.

import { assert, assertEquals } from "@std/assert";
import {
  bookTitle,
  findProgram,
  loadProgram,
  programByFile,
  PROGRAMS,
} from "../src/catalog.ts";
import {
  headerCalls,
  loadExplanation,
  untranslatedCalls,
} from "../src/teach/explain.ts";
import { readSource } from "../src/teach/sources.ts";

const hangul = /[\uac00-\ud7a3]/;

Deno.test("names and aliases are unique and look like commands", () => {
  const names = PROGRAMS.flatMap((spec) => [spec.name, ...spec.aliases]);
  assertEquals(new Set(names).size, names.length, names.join(" "));
  for (const name of names) assert(/^[a-z][a-z0-9_-]*$/.test(name), name);
  for (
    const reserved of ["list", "help", "explain", "source", "quiz", "predict"]
  ) {
    assert(!names.includes(reserved), `${reserved} is a command of the tool`);
  }
});

Deno.test("examples/ holds exactly the catalog's modules, each with a main", async () => {
  const files = [...Deno.readDirSync(new URL("../examples/", import.meta.url))]
    .map((entry) => entry.name.replace(/\.ts$/, "")).toSorted();
  assertEquals(files, PROGRAMS.map((spec) => spec.file).toSorted());
  for (const spec of PROGRAMS) {
    assertEquals(programByFile(spec.file), spec);
    const module = await loadProgram(spec);
    assertEquals(typeof module.main, "function", `${spec.name} exports main`);
  }
});

Deno.test("summaries and option help exist in English and Korean", () => {
  for (const spec of PROGRAMS) {
    const texts = [
      spec.summary,
      ...spec.args.map((a) => a.help),
      ...spec.options.map((o) => o.help),
    ];
    for (const text of texts) {
      assert(
        text.en.trim() !== "" && !hangul.test(text.en),
        `${spec.name}: English text`,
      );
      assert(hangul.test(text.ko), `${spec.name}: Korean text`);
    }
  }
});

Deno.test("an exercise is named in both languages, by its chapter and number", () => {
  const exercises = PROGRAMS.filter((spec) => spec.chapter === "exercises");
  assertEquals(exercises.length, 3);
  for (const spec of exercises) {
    const { chapter, number } = spec.exercise!;
    assertEquals(bookTitle(spec), {
      en: `chapter ${chapter}, exercise ${number}`,
      ko: `${chapter}장 내용 확인문제 ${number}번`,
    });
    assertEquals(spec.book, bookTitle(spec).en); // the README's table
  }
  for (const spec of PROGRAMS.filter((s) => s.chapter !== "exercises")) {
    assertEquals(spec.exercise, undefined);
    assertEquals(bookTitle(spec), { en: spec.book, ko: spec.book });
  }
});

Deno.test("lookups find names and aliases", () => {
  for (const spec of PROGRAMS) {
    assertEquals(findProgram(spec.name), spec);
    for (const alias of spec.aliases) assertEquals(findProgram(alias), spec);
  }
  assertEquals(findProgram("no-such-program"), undefined);
});

Deno.test("the README's program table is the catalog, in its order", () => {
  const readme = Deno.readTextFileSync(
    new URL("../README.md", import.meta.url),
  );
  const table = readme.split("\n## Programs\n")[1].split("\n## ")[0];
  const rows = table.split("\n")
    .filter((line) => /^\| `[a-z]/.test(line))
    .map((line) => line.split("|").map((cell) => cell.trim()));
  assertEquals(
    rows.map((
      cells,
    ) => [cells[1].replace(/^`([a-z0-9-]+).*`$/, "$1"), cells[2]]),
    PROGRAMS.map((spec) => [spec.name, spec.book]),
  );
});

Deno.test("every program has an explanation in both languages and a C/Deno table in its header", async () => {
  const files = [
    ...Deno.readDirSync(new URL("../src/teach/explanations/", import.meta.url)),
  ].map((entry) => entry.name.replace(/\.ts$/, "")).toSorted();
  assertEquals(files, PROGRAMS.map((spec) => spec.file).toSorted());
  for (const spec of PROGRAMS) {
    const explanation = await loadExplanation(spec);
    for (
      const text of [
        explanation.shows,
        explanation.watch,
        explanation.differs,
        explanation.pitfalls,
      ]
    ) {
      assert(
        text.en.length > 80 && !hangul.test(text.en),
        `${spec.name}: English explanation`,
      );
      assert(hangul.test(text.ko), `${spec.name}: Korean explanation`);
    }
    const calls = headerCalls(await readSource(spec));
    assert(calls.length >= 2, `${spec.name}: C calls in the header`);
    for (const call of calls) {
      assert(call.c !== "" && call.deno !== "", `${spec.name}: ${call.c}`);
    }
  }
});

Deno.test("every C table's prose has its Korean (the code stays as it is)", async () => {
  // How explain prints the tables, in both languages: tests/golden/explain/.
  for (const spec of PROGRAMS) {
    assertEquals(untranslatedCalls(await readSource(spec)), [], spec.name);
  }
});

Deno.test("the README's quick start: exactly two commands, both through npx and Deno 2.9.6", () => {
  const readme = Deno.readTextFileSync(
    new URL("../README.md", import.meta.url),
  );
  const section = readme.split("## Quick start")[1].split("\n## ")[0];
  const block = section.split("```sh\n")[1].split("```")[0].trim().split("\n");
  assertEquals(block, [
    "npx --yes deno@2.9.6 task tcpip pipe3",
    "npx --yes deno@2.9.6 task test",
  ]);
});

Deno.test("every file in predictions/ is a program's, and what it varies is one of the program's options", async () => {
  const { loadPredictions, PREDICTABLE } = await import(
    "../src/teach/predict.ts"
  );
  const files = [
    ...Deno.readDirSync(new URL("../src/teach/predictions/", import.meta.url)),
  ].map((entry) => entry.name.replace(/\.ts$/, "")).toSorted();
  assertEquals(
    files,
    PROGRAMS.filter((spec) => PREDICTABLE.includes(spec.name))
      .map((spec) => spec.file).toSorted(),
  );
  for (const name of PREDICTABLE) {
    const spec = findProgram(name)!;
    const program = await loadPredictions(spec);
    for (const option of Object.keys(program.choices ?? {})) {
      const found = spec.options.find((o) => o.name === option);
      assert(
        found && typeof found.default === "number",
        `${name}: --${option} is a numeric option of the catalog`,
      );
    }
  }
});
