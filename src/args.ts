/**
 * Reads a program's command line by its catalog entry: options with
 * `@std/cli/parse-args`, then positionals, then checks every value, so that a
 * program only ever sees values that make sense.
 *
 * @module
 */

import { parseArgs as untypedParseArgs } from "@std/cli/parse-args";
import { UsageError } from "./errors.ts";
import type { OptionSpec, ProgramSpec, ValueKind, Values } from "./program.ts";

interface ParseOptions {
  boolean?: string[];
  string?: string[];
  alias?: Record<string, string>;
  collect?: string[];
  stopEarly?: boolean;
  unknown?: (arg: string, key?: string, value?: unknown) => unknown;
}

interface Parsed {
  _: (string | number)[];
  [key: string]: unknown;
}

/** `parseArgs` from `@std/cli`, typed (the npm republish ships no types). */
export const parseArgs = untypedParseArgs as (
  args: string[],
  options: ParseOptions,
) => Parsed;

const TRACE: OptionSpec = {
  name: "trace",
  kind: "boolean",
  help: {
    en: "draw what the processes did on stderr when the program ends",
    ko: "프로그램이 끝나면 프로세스들이 한 일을 stderr에 그림으로 보여 줌",
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

/** Every option a program accepts: its own, then `--speed` (if timed) and `--trace`. */
export function optionsOf(spec: ProgramSpec): OptionSpec[] {
  return [...spec.options, ...(spec.timed ? [SPEED] : []), TRACE];
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

/** The result of reading a program's command line. */
export type ParsedProgramArgs =
  | { help: true }
  | { help: false; values: Values };

/** Reads `argv` for `spec`; throws {@linkcode UsageError} on anything wrong. */
export function parseProgramArgs(
  spec: ProgramSpec,
  argv: readonly string[],
): ParsedProgramArgs {
  const usage = usageLine(spec);
  const options = optionsOf(spec);
  const parsed = parseArgs([...argv], {
    boolean: [
      "help",
      ...options.filter((o) => o.kind === "boolean").map((o) => o.name),
    ],
    string: options.filter((o) => o.kind !== "boolean").map((o) => o.name),
    alias: { h: "help" },
    unknown(arg, key) {
      if (key === undefined) return true; // a positional argument
      throw new UsageError(`unknown option '${arg}'`, usage);
    },
  });
  if (parsed.help === true) return { help: true };

  const values: Record<string, string | number | boolean> = {};
  for (const option of options) {
    const raw = parsed[option.name];
    if (option.kind === "boolean") {
      values[option.name] = raw === true;
    } else if (raw === undefined) {
      if (option.default !== undefined) values[option.name] = option.default;
    } else {
      const text = Array.isArray(raw) ? String(raw.at(-1)) : String(raw);
      values[option.name] = convert(
        option.kind,
        `--${option.name}`,
        text,
        usage,
      );
    }
  }

  const positionals = parsed._.map(String);
  if (positionals.length > spec.args.length) {
    throw new UsageError(
      `unexpected argument '${positionals[spec.args.length]}'`,
      usage,
    );
  }
  spec.args.forEach((arg, index) => {
    const text = positionals[index];
    if (text === undefined) {
      if (arg.default === undefined) {
        throw new UsageError(`missing <${arg.name}>`, usage);
      }
      values[arg.name] = arg.default;
    } else {
      values[arg.name] = convert(arg.kind, `<${arg.name}>`, text, usage);
    }
  });
  return { help: false, values };
}

function convert(
  kind: Exclude<ValueKind, "boolean">,
  label: string,
  text: string,
  usage: string,
): string | number {
  const fail = (what: string) =>
    new UsageError(`${label} must be ${what}, got '${text}'`, usage);
  switch (kind) {
    case "string":
      if (text === "") throw new UsageError(`${label} needs a value`, usage);
      return text;
    case "port": {
      const port = Number(text);
      if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
        throw fail("a port number from 1 to 65535");
      }
      return port;
    }
    case "count": {
      if (!/^\d+$/.test(text)) throw fail("a whole number (0 or more)");
      return Number(text);
    }
    case "size": {
      if (!/^\d+$/.test(text) || Number(text) < 1) {
        throw fail("a whole number (1 or more)");
      }
      return Number(text);
    }
    case "speed": {
      const speed = Number(text);
      if (text.trim() === "" || !Number.isFinite(speed) || speed <= 0) {
        throw fail("a positive number");
      }
      return speed;
    }
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        row[j] + 1,
        next[j - 1] + 1,
        row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length];
}

/** The candidate closest to `input` (ties: the first one). */
export function closest(input: string, candidates: readonly string[]): string {
  let best = candidates[0];
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
