/**
 * Reads a program's command line by its catalog entry: options with
 * `@std/cli/parse-args`, then positionals, then checks every value, so that a
 * program only ever sees values that make sense.
 *
 * @module
 */

import {
  type Args,
  parseArgs as stdParseArgs,
  type ParseOptions,
} from "@std/cli";
import { UsageError } from "../errors.ts";
import type { ProgramSpec, ValueKind, Values } from "../program.ts";
import { optionsOf, usageLine } from "./usage.ts";

export type { Args, ParseOptions };

/** `parseArgs` of `@std/cli`: options by name, positionals in `_`. */
export function parseArgs(args: string[], options: ParseOptions): Args {
  return stdParseArgs(args, options);
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
