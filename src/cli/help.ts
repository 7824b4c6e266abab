/**
 * `tcpip <program> --help`: usage, what the program shows, every argument
 * and option, and where to read more.
 *
 * @module
 */

import { localUsage, optionsOf, usageLine } from "./usage.ts";
import { bookTitle } from "../catalog.ts";
import type { ProgramSpec } from "../program.ts";
import { tr } from "../text.ts";
import { displayWidth, wrapParagraphs } from "../width.ts";

/** The help page of one program. */
export function programHelp(spec: ProgramSpec): string {
  const lines = [
    ...wrapParagraphs(`tcpip ${spec.name}: ${tr(spec.summary)}`, HELP_WIDTH),
    tr({
      en: `(the book's ${bookTitle(spec).en})`,
      ko: `(책의 ${bookTitle(spec).ko})`,
    }),
  ];
  if (spec.aliases.length > 0) {
    lines.push(
      tr({ en: "also called: ", ko: "다른 이름: " }) + spec.aliases.join(", "),
    );
  }
  // The usage line, wrapped under the program's name.
  const usage = localUsage(usageLine(spec));
  const head = usage.indexOf(` ${spec.name}`) + spec.name.length + 2;
  const indent = displayWidth(usage.slice(0, head));
  const wrapped = wrapParagraphs(usage.slice(head), HELP_WIDTH - indent);
  lines.push(
    "",
    ...wrapped.map((line, i) =>
      (i === 0 ? usage.slice(0, head) : " ".repeat(indent)) + line
    ),
  );
  if (spec.args.length > 0) {
    lines.push("", tr({ en: "arguments:", ko: "인자:" }));
    for (const arg of spec.args) {
      const name = arg.default === undefined
        ? `<${arg.name}>`
        : `[${arg.name}]`;
      const fallback = arg.default === undefined ? "" : tr({
        en: ` (default ${arg.default})`,
        ko: ` (기본값 ${arg.default})`,
      });
      lines.push(...column(name, `${tr(arg.help)}${fallback}`));
    }
  }
  lines.push("", tr({ en: "options:", ko: "옵션:" }));
  for (const option of optionsOf(spec)) {
    const name = option.kind === "boolean"
      ? `--${option.name}`
      : `--${option.name} ${option.value ?? "V"}`;
    const range = option.max === undefined ? "" : tr({
      en: `, at most ${option.max}`,
      ko: `, 최대 ${option.max}`,
    });
    const fallback = option.default === undefined || option.kind === "boolean"
      ? ""
      : tr({
        en: ` (default ${option.default}${range})`,
        ko: ` (기본값 ${option.default}${range})`,
      });
    lines.push(...column(name, `${tr(option.help)}${fallback}`));
  }
  lines.push(
    `  ${"-h, --help".padEnd(16)} ${
      tr({ en: "show this help", ko: "이 도움말" })
    }`,
    "",
    tr({
      en:
        `more: tcpip explain ${spec.name}   (what it shows, C vs Deno, pitfalls)`,
      ko: `더 보기: tcpip explain ${spec.name}   (설명, C와 Deno 비교, 함정)`,
    }),
  );
  return lines.join("\n");
}

/** The width `--help` and `list` fit in: a classic terminal's. */
export const HELP_WIDTH = 80;

/** `  --name N         help`, the help wrapped under its own first column. */
function column(name: string, help: string): string[] {
  const indent = " ".repeat(19);
  const lines = wrapParagraphs(help, HELP_WIDTH, indent);
  if (name.length > 16) return [`  ${name}`, ...lines];
  return lines.map((line, i) =>
    i === 0 ? `  ${name.padEnd(16)} ${line.slice(19)}` : line
  );
}
