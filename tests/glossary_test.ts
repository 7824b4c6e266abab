// Korean all the way through, in the book's terms: every Korean text of the
// tool (the catalog, list, --help, explain, quiz, predict, the notes)
// against the glossary (src/teach/glossary.ts), its calques and its style.

import { assert, assertEquals } from "@std/assert";
import { PROGRAMS } from "../src/catalog.ts";
import { GLOSSARY, misuses } from "../src/teach/glossary.ts";
import { loadExplanation } from "../src/teach/explain.ts";
import { QUESTIONS } from "../src/teach/quiz.ts";
import { loadPredictions, PREDICTABLE } from "../src/teach/predict.ts";
import type { Text } from "../src/text.ts";

const ROOT = new URL("..", import.meta.url);
const hangul = /[\uac00-\ud7a3]/;

/** Every module of the tool's own text: src/ and examples/. */
function modules(dir: string): string[] {
  return [...Deno.readDirSync(new URL(dir, ROOT))].flatMap((entry) =>
    entry.isDirectory
      ? modules(`${dir}${entry.name}/`)
      : entry.name.endsWith(".ts")
      ? [`${dir}${entry.name}`]
      : []
  );
}

/** Where a template literal's `${...}` ends: after its matching brace. */
function skipExpression(code: string, from: number): number {
  let depth = 1;
  let i = from;
  while (depth > 0 && i < code.length) {
    const char = code[i];
    if (char === '"' || char === "'") i = skipString(code, i);
    else if (char === "`") i = readTemplate(code, i)[1];
    else {
      if (char === "{") depth++;
      if (char === "}") depth--;
      i++;
    }
  }
  return i;
}

function skipString(code: string, start: number): number {
  let i = start + 1;
  while (i < code.length && code[i] !== code[start]) {
    if (code[i] === "\\") i++;
    if (code[i] === "\n") break; // not a string after all (a regex, say)
    i++;
  }
  return i + 1;
}

/** A template literal from its backtick: its text (`${…}` kept) and its end. */
function readTemplate(code: string, start: number): [string, number] {
  let i = start + 1;
  let text = "";
  while (i < code.length && code[i] !== "`") {
    if (code[i] === "\\") {
      text += code[i] + code[i + 1];
      i += 2;
    } else if (code[i] === "$" && code[i + 1] === "{") {
      const end = skipExpression(code, i + 2);
      text += code.slice(i, end);
      i = end;
    } else text += code[i++];
  }
  return [text, i + 1];
}

/**
 * The string literals of a module that hold Korean, comments left out and
 * literals joined with `+` read as one text.
 */
function koreanLiterals(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  const found: { text: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < code.length) {
    const char = code[i];
    if (char === '"' || char === "'") {
      const end = skipString(code, i);
      found.push({ text: code.slice(i + 1, end - 1), start: i, end });
      i = end;
    } else if (char === "`") {
      const [text, end] = readTemplate(code, i);
      found.push({ text, start: i, end });
      i = end;
    } else i++;
  }
  const joined: string[] = [];
  for (const [k, literal] of found.entries()) {
    const between = k > 0 ? code.slice(found[k - 1].end, literal.start) : "";
    if (k > 0 && /^\s*\+\s*$/.test(between)) {
      joined[joined.length - 1] += literal.text;
    } else joined.push(literal.text);
  }
  return joined
    .map((text) => text.replaceAll("\\n", "\n"))
    .filter((text) => hangul.test(text));
}

/** `texts` with what each misuses, labelled by where they come from. */
function check(where: string, texts: readonly string[]): string[] {
  return texts.flatMap((text) =>
    misuses(text).map((misuse) => `${where}: ${misuse}`)
  );
}

Deno.test("the glossary: one Korean form per term, and the forms it refuses do not match it", () => {
  const terms = GLOSSARY.map((term) => term.en);
  assertEquals(new Set(terms).size, terms.length);
  for (const term of GLOSSARY) {
    assert(hangul.test(term.ko) || term.ko === "EOF", term.en);
    for (const form of term.never ?? []) {
      assert(!form.test(term.ko), `${term.en}: ${form} refuses ${term.ko}`);
    }
  }
  // The forms the review found are refused.
  for (
    const wrong of [
      "끝났지만 회수되지 않은 자식",
      "끝난 순서대로 받는다",
      "막히지 않고 확인한다",
      "소켓 하나에 디스크립터 둘",
      "Linux의 wait()처럼",
      "답해 주세요.",
      "두 프로세스의 시간이 함께 출발한다",
    ]
  ) {
    assert(misuses(wrong).length > 0, wrong);
  }
  assertEquals(
    misuses("파일 디스크립터 테이블을 복사한다. 자식이 종료했다."),
    [],
  );
});

Deno.test("every Korean text in the tool's source keeps the glossary (the quiz's reading of answers aside)", () => {
  // quiz_marking.ts holds the learner's words (입니다, 맞습니다, ...) to read
  // answers with, and glossary.ts the forms it refuses: neither is said.
  const skipped = new Set([
    "src/teach/quiz_marking.ts",
    "src/teach/glossary.ts",
  ]);
  const problems = [...modules("src/"), ...modules("examples/")]
    .filter((path) => !skipped.has(path))
    .flatMap((path) =>
      check(path, koreanLiterals(Deno.readTextFileSync(new URL(path, ROOT))))
    );
  assertEquals(problems, []);
});

Deno.test("the catalog, the explanations, the quiz and predict keep the glossary", async () => {
  const ko = (text: Text | undefined) => text?.ko ?? "";
  const texts: [string, string[]][] = [];
  for (const spec of PROGRAMS) {
    const explanation = await loadExplanation(spec);
    texts.push([spec.name, [
      ko(spec.summary),
      ...spec.args.map((arg) => ko(arg.help)),
      ...spec.options.map((option) => ko(option.help)),
      ko(spec.notes?.all),
      ko(spec.notes?.unix),
      ko(spec.notes?.windows),
      ko(spec.unixOnly),
      ...Object.values(explanation).flatMap((part) =>
        typeof part === "object" && part !== null && "ko" in part
          ? [part.ko as string]
          : []
      ),
    ]]);
  }
  for (const question of QUESTIONS) {
    texts.push([`quiz ${question.id}`, [
      question.ask.ko,
      question.hint.ko,
      question.explain.ko,
      ...(question.kind === "choice" ? question.options.map(ko) : []),
      ...("shown" in question ? [question.shown.ko] : []),
    ]]);
  }
  for (const name of PREDICTABLE) {
    const spec = PROGRAMS.find((p) => p.name === name)!;
    const program = await loadPredictions(spec);
    const params: Record<string, number> = {};
    for (const option of spec.options) {
      if (typeof option.default === "number") {
        params[option.name] = option.default;
      }
    }
    const sizes = program.sizes ?? [0];
    for (const variant of program.variants ?? [{ name: "" }]) {
      const setup = {
        speed: program.speeds[0] ?? 1,
        params,
        variant: variant.name,
        size: sizes.at(-1)!,
      };
      texts.push([`predict ${name}`, [
        program.intro(setup).ko,
        ...program.pool(setup).flatMap((prediction) => [
          prediction.ask.ko,
          ...(prediction.options ?? []).map((option) => option.text.ko),
        ]),
      ]]);
    }
  }
  assertEquals(texts.flatMap(([where, all]) => check(where, all)), []);
});

Deno.test("list, tcpip --help, every --help and explain keep the glossary in Korean", () => {
  // What they print is the golden files (tests/specs_test.ts holds every
  // output to its file byte for byte): each Korean one is checked here.
  const golden = new URL("./golden/", import.meta.url);
  const korean = (dir: URL, prefix: string): string[] =>
    [...Deno.readDirSync(dir)].flatMap((entry) =>
      entry.isDirectory
        ? korean(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`)
        : entry.name.endsWith(".ko.out")
        ? [`${prefix}${entry.name}`]
        : []
    );
  const files = korean(golden, "");
  // list, tcpip --help, every program's --help and explain, the commands'.
  assert(files.length >= 2 + 2 * PROGRAMS.length, files.join(" "));
  const problems = files.flatMap((file) =>
    check(file, [Deno.readTextFileSync(new URL(file, golden))])
  );
  assertEquals(problems, []);
});
