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
import { childBudget } from "../net/limits.ts";
import type { Lang, Text } from "../text.ts";
import { withJosa } from "../josa.ts";
import type { ProgramSpec, ValueKind, Values } from "../program.ts";
import { optionsOf, usageLine } from "./usage.ts";

export type { Args, ParseOptions };

/** `parseArgs` of `@std/cli`: options by name, positionals in `_`. */
export function parseArgs(args: string[], options: ParseOptions): Args {
  return stdParseArgs(args, options);
}

/**
 * The result of reading a program's command line; `lang` is the language
 * `--lang` asked for, if it did.
 */
export type ParsedProgramArgs =
  | { help: true; lang?: Lang }
  | { help: false; lang?: Lang; values: Values };

/**
 * Reads `--lang`: `ko` or `en`, or `undefined` when not given; anything
 * else is a usage error.
 */
export function readLang(value: unknown, usage?: string): Lang | undefined {
  if (value === undefined) return undefined;
  const text = String(Array.isArray(value) ? value.at(-1) : value);
  if (text !== "ko" && text !== "en") {
    throw new UsageError({
      en: `--lang must be ko or en, got '${text}'`,
      ko: `--lang에는 ko나 en을 써야 한다. 받은 값: '${text}'`,
    }, usage);
  }
  return text;
}

/** Reads `argv` for `spec`; throws {@linkcode UsageError} on anything wrong. */
export function parseProgramArgs(
  spec: ProgramSpec,
  argv: readonly string[],
): ParsedProgramArgs {
  const usage = usageLine(spec);
  const options = optionsOf(spec);
  const valued = options.filter((o) => o.kind !== "boolean").map((o) => o.name);
  const joined = joinNegative(argv, valued);
  refuseNegativePositional(spec, joined, usage);
  const parsed = parseArgs(joined, {
    boolean: [
      "help",
      ...options.filter((o) => o.kind === "boolean").map((o) => o.name),
    ],
    // Every value as typed, positionals ("_") too: the parser would turn
    // `0x4b6e` or `1.9e4` into numbers before we could refuse them.
    string: [...valued, "_"],
    alias: { h: "help" },
    unknown: positionalsOnly(usage),
  });
  const lang = readLang(parsed.lang, usage);
  if (parsed.help === true) return { help: true, lang };

  const values: Record<string, string | number | boolean> = {};
  for (const option of options) {
    const raw = parsed[option.name];
    if (option.kind === "lang") continue; // read above
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
        option.max,
      );
    }
  }
  refuseTooManyChildren(values, usage);

  const positionals = parsed._.map(String);
  if (positionals.length > spec.args.length) {
    throw unexpected(positionals[spec.args.length], usage);
  }
  spec.args.forEach((arg, index) => {
    const text = positionals[index];
    if (text === undefined) {
      if (arg.default === undefined) {
        throw new UsageError({
          en: `missing <${arg.name}>`,
          ko: `${withJosa(`<${arg.name}>`, "이/가")} 빠졌다`,
        }, usage);
      }
      values[arg.name] = arg.default;
    } else {
      values[arg.name] = convert(arg.kind, `<${arg.name}>`, text, usage);
    }
  });
  return { help: false, lang, values };
}

/**
 * Reads `--speed` outside a program's own options (`tcpip predict`): a
 * number above 0 up to 1000, or `undefined` when not given.
 */
export function readSpeed(value: unknown, usage?: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(Array.isArray(value) ? value.at(-1) : value);
  return convert("speed", "--speed", text, usage ?? "") as number;
}

/**
 * `--prefork -1` as `--prefork=-1`: a value that starts with a dash would
 * otherwise be read as an option of its own, with a confusing message.
 */
export function joinNegative(
  argv: readonly string[],
  valued: readonly string[],
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith("--") ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    if (name && valued.includes(name) && next?.startsWith("-")) {
      out.push(`${argv[i]}=${next}`);
      i++;
    } else out.push(argv[i]);
  }
  return out;
}

/**
 * A positional that looks like a negative number (`echo-server -5`) would
 * be read as an option: refuse it by the argument it stands for.
 */
function refuseNegativePositional(
  spec: ProgramSpec,
  argv: readonly string[],
  usage: string,
): void {
  let position = 0;
  for (const arg of argv) {
    if (/^-\d/.test(arg)) {
      const target = spec.args[position];
      if (!target) throw unexpected(arg, usage);
      convert(target.kind, `<${target.name}>`, arg, usage); // throws: not a value
    } else if (!arg.startsWith("-")) position++;
  }
}

/**
 * A server's `--max-clients` and `--prefork` together: the children they
 * allow at once must fit in half of this machine's memory.
 */
function refuseTooManyChildren(
  values: Record<string, string | number | boolean>,
  usage: string,
): void {
  const clients = values["max-clients"];
  const prefork = values["prefork"];
  if (typeof clients !== "number" || typeof prefork !== "number") return;
  const problem = childBudget(
    clients,
    prefork,
    Deno.systemMemoryInfo().total,
  );
  if (problem) throw new UsageError(problem, usage);
}

/** The largest value each kind of whole number takes. */
const LIMITS = { port: 65535, count: 100_000, size: 1_048_576 } as const;

function convert(
  kind: Exclude<ValueKind, "boolean">,
  label: string,
  text: string,
  usage: string,
  max?: number,
): string | number {
  const fail = (what: Text) => mustBe(label, what, text, usage);
  switch (kind) {
    case "lang":
      return readLang(text, usage)!;
    case "string":
      if (text === "") {
        throw new UsageError({
          en: `${label} needs a value`,
          ko: `${label}에 값이 필요하다`,
        }, usage);
      }
      return text;
    case "host":
      return checkHost(label, text, usage);
    case "port": {
      const port = Number(text);
      if (!/^\d{1,5}$/.test(text) || port < 1 || port > LIMITS.port) {
        throw fail({
          en: "a port number from 1 to 65535",
          ko: "1부터 65535까지의 포트 번호",
        });
      }
      return port;
    }
    case "count": {
      const most = max ?? LIMITS.count;
      if (!/^\d{1,6}$/.test(text) || Number(text) > most) {
        throw fail({
          en: `a whole number from 0 to ${most}`,
          ko: `0부터 ${most}까지의 정수`,
        });
      }
      return Number(text);
    }
    case "size": {
      const size = Number(text);
      const most = max ?? LIMITS.size;
      if (!/^\d{1,7}$/.test(text) || size < 1 || size > most) {
        throw fail({
          en: `a whole number from 1 to ${most}`,
          ko: `1부터 ${most}까지의 정수`,
        });
      }
      return size;
    }
    case "speed": {
      const speed = Number(text);
      if (!/^\d+(\.\d+)?$/.test(text) || speed <= 0 || speed > 1000) {
        throw fail({
          en: "a number above 0, up to 1000 (e.g. 10 or 2.5)",
          ko: "0보다 크고 1000 이하인 수 (예: 10, 2.5)",
        });
      }
      return speed;
    }
  }
}

/** `<port> must be a port number ..., got 'x'`, with the usage line. */
function mustBe(
  label: string,
  what: Text,
  text: string,
  usage: string,
): UsageError {
  return new UsageError({
    en: `${label} must be ${what.en}, got '${text}'`,
    ko: `${label}에는 ${
      withJosa(what.ko, "을/를")
    } 써야 한다. 받은 값: '${text}'`,
  }, usage);
}

/** The usage error for an address given with its port (`127.0.0.1:9190`). */
function joinedPort(
  label: string,
  text: string,
  host: string,
  port: string,
  usage: string,
): UsageError {
  const name = usage.match(/^usage: tcpip (\S+)/)?.[1] ?? "<program>";
  const bare = host.replace(/^\[|\]$/g, "");
  const fix = label === "<ip>"
    ? `tcpip ${name} ${bare} ${port}`
    : `--host ${bare} and the port as its argument`;
  return new UsageError({
    en: `${label} takes the address alone, got '${text}'; did you mean: ${fix}`,
    ko:
      `${label}에는 주소만 쓴다. 받은 값: '${text}'. 이렇게 쓰려던 것인가: ${fix}`,
  }, usage);
}

/** Whether `text` is an IPv6 address (without brackets). */
function isIpv6(text: string): boolean {
  return text.includes(":") && URL.canParse(`http://[${text}]/`);
}

/**
 * A host name or an IP address, as `connect()` and `bind()` take it:
 * refused here, before any lookup, when it is plainly not one (a port
 * stuck to it, a dotted quad out of range, a space).
 */
function checkHost(label: string, text: string, usage: string): string {
  const fail = (what: Text) => mustBe(label, what, text, usage);
  if (text === "") {
    throw new UsageError({
      en: `${label} needs a value`,
      ko: `${label}에 값이 필요하다`,
    }, usage);
  }
  // 127.0.0.1:9190, localhost:9190, [::1]:9190: the port goes apart.
  const joined = text.match(/^(\[[0-9A-Fa-f:.]+\]|[^:\s]+):(\d{1,5})$/);
  if (joined) throw joinedPort(label, text, joined[1], joined[2], usage);
  const quad = text.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (quad && quad.slice(1).some((part) => Number(part) > 255)) {
    throw fail({
      en: "an IPv4 address, four numbers from 0 to 255",
      ko: "0부터 255까지의 수 네 개로 된 IPv4 주소",
    });
  }
  const ipv6 = /^\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]?$/.test(text);
  // ::1:9190 is one IPv6 address; ::1:19190 is none, but ::1 and a port.
  const last = text.lastIndexOf(":");
  if (
    ipv6 && !isIpv6(text) && /^\d{1,5}$/.test(text.slice(last + 1)) &&
    isIpv6(text.slice(0, last))
  ) {
    throw joinedPort(
      label,
      text,
      text.slice(0, last),
      text.slice(last + 1),
      usage,
    );
  }
  if (!ipv6 && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9.])?$/.test(text)) {
    throw fail({
      en: "a host name or an IP address such as 127.0.0.1",
      ko: "127.0.0.1 같은 IP 주소나 호스트 이름",
    });
  }
  return text.replace(/^\[|\]$/g, "");
}

/**
 * An `unknown` callback for `parseArgs`: positionals pass, an unknown option
 * is a usage error (`unknown option '--x'`).
 */
export function positionalsOnly(
  usage?: string,
): (arg: string, key?: string) => boolean {
  return (arg, key) => {
    if (key === undefined) return true; // a positional argument
    throw new UsageError({
      en: `unknown option '${arg}'`,
      ko: `알 수 없는 옵션 '${arg}'`,
    }, usage);
  };
}

/** `unexpected argument 'x'`, in both languages. */
export function unexpected(arg: string, usage?: string): UsageError {
  return new UsageError({
    en: `unexpected argument '${arg}'`,
    ko: `필요 없는 인자 '${arg}'`,
  }, usage);
}
