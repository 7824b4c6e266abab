/**
 * `tcpip explain <program>`: what a program demonstrates, which Deno calls
 * stand in for its C calls, what to watch for, what differs from C and why,
 * and the pitfalls of the book's code. Plain text, wrapped for a terminal,
 * the same when piped.
 *
 * @module
 */

import { bookTitle } from "../catalog.ts";
import type { ProgramSpec } from "../program.ts";
import { lang, type Text, tr } from "../text.ts";
import { type Particle, withJosa } from "../josa.ts";
import { CALLS_KO } from "./calls_ko.ts";
import { displayWidth, padEnd, wrapParagraphs } from "../width.ts";

export { displayWidth };

/** One C call and what stands in for it here. */
export interface CallMapping {
  /** The C call, as the book writes it. */
  c: string;
  /** The Deno code that stands in for it. */
  deno: string;
}

/**
 * Everything `explain` says about one program, besides its C calls: those
 * are read from the table in the example's own header (one source of truth).
 */
export interface Explanation {
  /** What the program demonstrates. */
  shows: Text;
  /** What to watch for in the output, and what to try in a second terminal. */
  watch: Text;
  /** What differs from C, and why. */
  differs: Text;
  /** Known pitfalls of the book's code (of a solution, for an exercise). */
  pitfalls: Text;
}

/** The headings of `explain`'s sections (other commands point to them). */
export const HEADINGS = {
  shows: { en: "What it shows", ko: "무엇을 보여 주나" },
  calls: {
    en: "C calls and what stands in for them",
    ko: "C 함수와 그 대신 쓰는 Deno 코드",
  },
  watch: { en: "What to watch for", ko: "눈여겨볼 것" },
  differs: { en: "What differs from C, and why", ko: "C와 다른 점과 그 이유" },
  pitfalls: { en: "Pitfalls in the book's code", ko: "책의 코드에 숨은 함정" },
  // The exercises have no code in the book: their pitfalls are a solution's.
  exercisePitfalls: {
    en: "Pitfalls of a solution",
    ko: "풀이에서 빠지기 쉬운 함정",
  },
} as const;

/** The width `explain` wraps its text to. */
export const WIDTH = 78;

/** The URL of a program's explanation, `explanations/<file>.ts`. */
export function explanationUrl(spec: ProgramSpec): URL {
  return new URL(`./explanations/${spec.file}.ts`, import.meta.url);
}

/**
 * Loads the explanation of `spec`; the specifier is computed, so only the
 * one asked for is loaded.
 */
export async function loadExplanation(spec: ProgramSpec): Promise<Explanation> {
  const module: { explanation: Explanation } = await import(
    explanationUrl(spec).href
  );
  return module.explanation;
}

/** One row of an example's C table as written: its two cells, code quoted. */
interface Row {
  c: string;
  deno: string;
}

/**
 * The rows of the Markdown table in an example's header comment: each row
 * `| C call | what stands in for it |`, the header row and the separator
 * left out.
 */
function headerRows(source: string): Row[] {
  const header = source.slice(0, source.indexOf("*/"));
  const rows = header.split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trim())
    .filter((line) => line.startsWith("|") && line.endsWith("|"));
  return rows.slice(2).map((row) => {
    const [c, deno] = cells(row);
    return { c, deno: deno ?? "" };
  });
}

/**
 * The C ↔ Deno table of an example, read from the Markdown table in its
 * header comment, code quotes removed, in the language in use: the prose
 * in a cell (`(divided by --speed)`) is translated from
 * {@linkcode CALLS_KO}, the code stays as it is.
 */
export function headerCalls(source: string): CallMapping[] {
  return headerRows(source).map((row) => ({
    c: cellText(row.c),
    deno: cellText(row.deno),
  }));
}

/**
 * A cell's code and the prose around it: `` `sleep(3)` (divided by
 * `--speed`) `` is the template `{0} (divided by {1})` and the code
 * `["sleep(3)", "--speed"]`.
 */
function template(cell: string): { template: string; code: string[] } {
  const code: string[] = [];
  // \` is a backtick inside code, not a quote.
  const parts = cell.replaceAll("\\`", "\u0001").split("`");
  const text = parts.map((part, i) => {
    if (i % 2 === 0) return part;
    code.push(part.replaceAll("\u0001", "`"));
    return `{${code.length - 1}}`;
  }).join("");
  return { template: text.replaceAll("\u0001", "`"), code };
}

/** True when a cell's template has words around its code, to translate. */
function hasProse(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text.replace(/\{\d+\}/g, ""));
}

/** A cell as shown: code unquoted, prose in the language in use. */
function cellText(cell: string): string {
  const { template: english, code } = template(cell);
  const korean = lang() === "ko" && hasProse(english)
    ? CALLS_KO[english]
    : undefined;
  return (korean ?? english).replace(
    /\{(\d+)(?::([^}]+))?\}/g,
    (_, index: string, particle?: string) => {
      const text = code[Number(index)] ?? "";
      return particle ? withJosa(text, particle as Particle) : text;
    },
  );
}

/** The cells of a table row; a `|` inside code quotes is not a border. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = "";
  let code = false;
  for (const char of row.slice(1, -1)) {
    if (char === "`") code = !code;
    if (char === "|" && !code) {
      out.push(cell.trim());
      cell = "";
    } else cell += char;
  }
  out.push(cell.trim());
  return out;
}

/**
 * The cells of an example's C table whose prose has no Korean in
 * {@linkcode CALLS_KO}, as their templates (`{0} (divided by {1})`).
 */
export function untranslatedCalls(source: string): string[] {
  return headerRows(source).flatMap((row) => [row.c, row.deno])
    .map((cell) => template(cell).template)
    .filter((text) => hasProse(text) && CALLS_KO[text] === undefined);
}

/**
 * The explanation of `spec` as text, in the language in use; `source` is
 * the example's source, whose header gives the C calls.
 *
 * @example `tcpip explain pipe3`
 * ```ts ignore
 * import { findProgram } from "../catalog.ts";
 * import { readSource } from "./sources.ts";
 *
 * const spec = findProgram("pipe3")!;
 * const text = renderExplanation(
 *   spec,
 *   await loadExplanation(spec),
 *   await readSource(spec),
 * );
 * ```
 */
export function renderExplanation(
  spec: ProgramSpec,
  explanation: Explanation,
  source: string,
): string {
  const chapter = spec.chapter === "exercises"
    ? ""
    : tr({ en: `, chapter ${spec.chapter}`, ko: `, ${spec.chapter}장` });
  const title = `tcpip ${spec.name} (${tr(bookTitle(spec))}${chapter})`;
  const lines = [title, "=".repeat(Math.min(WIDTH, displayWidth(title)))];
  const section = (key: keyof typeof HEADINGS, body: string[]) => {
    lines.push("", tr(HEADINGS[key]), ...body);
  };
  section("shows", wrapParagraphs(tr(explanation.shows), WIDTH, "  "));
  const calls = headerCalls(source);
  const width = Math.max(...calls.map((call) => displayWidth(call.c)));
  section(
    "calls",
    calls.flatMap((call) => {
      const line = `  ${padEnd(call.c, width)}  ->  ${call.deno}`;
      // Too wide for a terminal: the stand-in goes on a line of its own.
      return displayWidth(line) <= WIDTH ? [line] : [
        `  ${call.c}`,
        ...wrapParagraphs(`->  ${call.deno}`, WIDTH, "      "),
      ];
    }),
  );
  section("watch", wrapParagraphs(tr(explanation.watch), WIDTH, "  "));
  section("differs", wrapParagraphs(tr(explanation.differs), WIDTH, "  "));
  section(
    spec.chapter === "exercises" ? "exercisePitfalls" : "pitfalls",
    wrapParagraphs(tr(explanation.pitfalls), WIDTH, "  "),
  );
  lines.push(
    "",
    tr({
      en: `Run it:  tcpip ${spec.name} --help`,
      ko: `실행:      tcpip ${spec.name} --help`,
    }),
    tr({
      en: `Read it: tcpip source ${spec.name}`,
      ko: `코드 보기: tcpip source ${spec.name}`,
    }),
  );
  return lines.join("\n");
}
