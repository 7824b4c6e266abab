// The catalog's validator: one list drives everything, so check it whole.

import { assert, assertEquals } from "@std/assert";
import { findProgram, programByFile, PROGRAMS } from "../src/catalog.ts";

const hangul = /[\uac00-\ud7a3]/;

Deno.test("names and aliases are unique and look like commands", () => {
  const names = PROGRAMS.flatMap((spec) => [spec.name, ...spec.aliases]);
  assertEquals(new Set(names).size, names.length, names.join(" "));
  for (const name of names) assert(/^[a-z][a-z0-9_-]*$/.test(name), name);
  for (const reserved of ["list", "help", "explain", "source", "quiz"]) {
    assert(!names.includes(reserved), `${reserved} is a command of the tool`);
  }
});

Deno.test("every entry has its module in examples/, and the module matches", async () => {
  for (const spec of PROGRAMS) {
    const path = new URL(`../examples/${spec.file}.ts`, import.meta.url);
    assert(
      Deno.statSync(path).isFile,
      `${spec.name}: ${path.pathname} is missing`,
    );
    assertEquals(programByFile(spec.file), spec);
    const module = await spec.load();
    assertEquals(typeof module.main, "function", `${spec.name} exports main`);
    if (module.children) {
      // The child entry finds the roles again by this name.
      assertEquals(
        module.children.program,
        spec.file,
        `${spec.name}'s children`,
      );
    }
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

Deno.test("lookups find names and aliases", () => {
  for (const spec of PROGRAMS) {
    assertEquals(findProgram(spec.name), spec);
    for (const alias of spec.aliases) assertEquals(findProgram(alias), spec);
  }
  assertEquals(findProgram("no-such-program"), undefined);
});

Deno.test("the README lists every program", () => {
  const readme = Deno.readTextFileSync(
    new URL("../README.md", import.meta.url),
  );
  for (const spec of PROGRAMS) {
    assert(readme.includes(`| \`${spec.name}`), spec.name);
  }
});
