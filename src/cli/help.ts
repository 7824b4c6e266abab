/**
 * `tcpip <program> --help`: usage, what the program shows, every argument
 * and option, and where to read more.
 *
 * @module
 */

import { optionsOf, usageLine } from "./usage.ts";
import type { ProgramSpec } from "../program.ts";
import { tr } from "../text.ts";

/** The help page of one program. */
export function programHelp(spec: ProgramSpec): string {
  const lines = [
    `tcpip ${spec.name}: ${tr(spec.summary)}`,
    tr({ en: `(the book's ${spec.book})`, ko: `(책의 ${spec.book})` }),
  ];
  if (spec.aliases.length > 0) {
    lines.push(
      tr({ en: "also called: ", ko: "다른 이름: " }) + spec.aliases.join(", "),
    );
  }
  lines.push("", usageLine(spec));
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
    const fallback = option.default === undefined || option.kind === "boolean"
      ? ""
      : tr({
        en: ` (default ${option.default})`,
        ko: ` (기본값 ${option.default})`,
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

/** `  --name N         help`, its further lines under the first one's text. */
function column(name: string, help: string): string[] {
  return help.split("\n").map((line, i) =>
    i === 0 ? `  ${name.padEnd(16)} ${line}` : `${" ".repeat(19)}${line}`
  );
}
