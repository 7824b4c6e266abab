/**
 * How programs are called: the options every program takes, usage lines,
 * and "did you mean" suggestions. Free of the option parser, so that
 * `tcpip list` and `--help` load fast.
 *
 * @module
 */

import type { OptionSpec, ProgramSpec } from "../program.ts";
import { tr } from "../text.ts";

const TRACE: OptionSpec = {
  name: "trace",
  kind: "boolean",
  help: {
    en: "draw what the processes did on stderr when the program ends",
    ko: "프로그램이 종료하면 프로세스들이 한 일을 stderr에 그림으로 보여 줌",
  },
};

const SPEED: OptionSpec = {
  name: "speed",
  kind: "speed",
  value: "N",
  default: 1,
  help: {
    en: "divide every sleep by N (1 = the book's real durations)",
    ko: "모든 sleep 시간을 N으로 나눔 (1 = 책의 실제 시간)",
  },
};

const LANG: OptionSpec = {
  name: "lang",
  kind: "lang",
  value: "ko|en",
  help: {
    en: "the language of the tool's notes and trace (default: the locale's)",
    ko: "도구의 안내 메시지와 그림의 언어 (기본값: 로케일의 언어)",
  },
};

/**
 * Every option a program accepts: its own, then `--speed` (if timed),
 * `--trace` and `--lang`.
 */
export function optionsOf(spec: ProgramSpec): OptionSpec[] {
  return [...spec.options, ...(spec.timed ? [SPEED] : []), TRACE, LANG];
}

/** `tcpip echo-client <ip> [port] [--buf-size N] [--trace]`. */
export function usageLine(spec: ProgramSpec): string {
  const args = spec.args.map((arg) =>
    arg.default === undefined ? `<${arg.name}>` : `[${arg.name}]`
  );
  const options = optionsOf(spec).map((option) =>
    option.kind === "boolean"
      ? `[--${option.name}]`
      : `[--${option.name} ${option.value ?? "V"}]`
  );
  return `usage: tcpip ${[spec.name, ...args, ...options].join(" ")}`;
}

/**
 * A usage line in the language in use: `usage:` is `사용법:` in Korean
 * (the line itself is a command, the same in both).
 */
export function localUsage(line: string): string {
  return line.replace(/^usage:/, tr({ en: "usage:", ko: "사용법:" }));
}
