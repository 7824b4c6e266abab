/**
 * The command line: `tcpip <program> [args]`, `tcpip list`, `--help`,
 * `--version`. Usage mistakes exit with 2, failures while running with 1,
 * and no child process outlives the command.
 *
 * @module
 */

import config from "../../deno.json" with { type: "json" };
import { closestString, levenshteinDistance } from "@std/text";
import { localUsage, usageLine } from "./usage.ts";
import { lazy } from "../lazy.ts";
import { CHAPTERS, findProgram, PROGRAMS } from "../catalog.ts";
import {
  EXIT_RUNTIME,
  EXIT_USAGE,
  messageOf,
  RuntimeError,
  UsageError,
} from "../errors.ts";
import { writeStderr } from "../note.ts";
import type { ProgramSpec } from "../program.ts";
import { setLang, type Text, tr } from "../text.ts";
import { displayWidth, wrapParagraphs } from "../width.ts";
import { HELP_WIDTH } from "./help.ts";
import { withJosa } from "../josa.ts";

/** The tool's version: `deno.json`'s, which a release's tag must match. */
export const VERSION: string = config.version;

/** Commands of the tool itself, next to the programs of the book. */
const BUILTINS = [
  "list",
  "help",
  "explain",
  "source",
  "quiz",
  "predict",
  "check",
] as const;

const TOP_USAGE = "usage: tcpip <program> [args]  (tcpip --help, tcpip list)";

/**
 * Runs the command line `argv`; resolves to the exit status (0, 1 for a
 * failure while running, 2 for bad usage, 128 + n for a signal).
 *
 * @example
 * ```ts ignore
 * Deno.exit(await cli(["pipe3"]));
 * ```
 */
export async function cli(argv: readonly string[]): Promise<number> {
  let program: ProgramSpec | undefined;
  let runner: typeof import("./run.ts") | undefined;
  try {
    // Options of the tool itself come before the command (`tcpip --help`);
    // a plain `tcpip list` needs no option parser at all.
    const parser = argv[0]?.startsWith("-") ? await options() : undefined;
    const parsed: Record<string, unknown> = parser
      ? parser.parseArgs(parser.joinNegative(argv, ["lang"]), {
        boolean: ["help", "version"],
        string: ["lang"],
        alias: { h: "help", V: "version" },
        stopEarly: true,
        unknown: parser.positionalsOnly(TOP_USAGE),
      })
      : {};
    const chosen = parser?.readLang(parsed.lang, TOP_USAGE);
    if (chosen) setLang(chosen);
    // The command is the first word that is neither an option nor its value.
    const index = argv.findIndex((arg, i) =>
      !arg.startsWith("-") && argv[i - 1] !== "--lang"
    );
    const command = index < 0 ? undefined : argv[index];
    let rest = index < 0 ? [] : argv.slice(index + 1);
    if ((command === "list" || command === "help") && rest.length > 0) {
      // `tcpip list --lang ko`, `tcpip help fork --lang en`
      const own = await options();
      const usage = command === "list"
        ? "usage: tcpip list [--lang ko|en]"
        : "usage: tcpip help [program] [--lang ko|en]";
      const more = own.parseArgs(own.joinNegative(rest, ["lang"]), {
        boolean: ["help"],
        string: ["lang"],
        alias: { h: "help" },
        unknown: own.positionalsOnly(usage),
      });
      const lang = own.readLang(more.lang, usage);
      if (lang) setLang(lang);
      rest = more._.map(String);
      // `tcpip list --help`, `tcpip help --help`: that command's help.
      if (more.help === true) rest = command === "list" ? [] : ["help"];
      if (more.help === true && command === "list") {
        print(await helpFor("list"));
        return 0;
      }
      if (command === "list" && rest.length > 0) {
        throw own.unexpected(rest[0], usage);
      }
    }
    if (parsed.version === true) {
      print(
        `tcpip ${VERSION} (deno ${Deno.version.deno}, ${Deno.build.target})`,
      );
      return 0;
    }
    if (command === undefined) {
      print(topHelp());
      return 0;
    }
    if (command === "check") {
      return await (await checker()).runCheckCommand(rest);
    }
    if (command === "help") {
      print(await helpFor(rest[0]));
      return 0;
    }
    if (command === "list") {
      print(listing());
      return 0;
    }
    if (
      command === "explain" || command === "source" || command === "quiz" ||
      command === "predict"
    ) {
      return await teach(command, rest);
    }
    program = findProgram(command);
    if (!program) throw unknownCommand(command);
    if (parsed.help === true) {
      print(await helpOf(program));
      return 0;
    }
    const parsedProgram = (await options()).parseProgramArgs(program, rest);
    if (parsedProgram.lang) setLang(parsedProgram.lang);
    if (parsedProgram.help) {
      print(await helpOf(program));
      return 0;
    }
    runner = await lazy<typeof import("./run.ts")>(import.meta.url, "./run.ts");
    return await runner.runProgram(program, parsedProgram.values);
  } catch (error) {
    return report(error, program);
  } finally {
    // No child process outlives the command, whatever happened.
    await runner?.killAll();
  }
}

const TEACH_USAGE = {
  explain: "usage: tcpip explain <program> [--lang ko|en]",
  source: "usage: tcpip source <program> [--lang ko|en]",
  quiz: "usage: tcpip quiz [10|11] [--seed N] [--lang ko|en]",
  predict:
    "usage: tcpip predict <program> [--seed N] [--speed N] [--lang ko|en]",
} as const;

/** `explain`, `source`, `quiz` and `predict`: the tool's teaching commands. */
async function teach(
  command: keyof typeof TEACH_USAGE,
  argv: readonly string[],
): Promise<number> {
  const usage = TEACH_USAGE[command];
  const parser = await options();
  const valued = command === "predict"
    ? ["lang", "seed", "speed"]
    : command === "quiz"
    ? ["lang", "seed"]
    : ["lang"];
  const parsed = parser.parseArgs(parser.joinNegative(argv, valued), {
    boolean: ["help"],
    string: valued,
    alias: { h: "help" },
    unknown: parser.positionalsOnly(usage),
  });
  const chosen = parser.readLang(parsed.lang, usage);
  if (chosen) setLang(chosen);
  if (parsed.help === true) {
    print(localUsage(usage));
    return 0;
  }
  const args = parsed._.map(String);
  if (args.length > 1) {
    throw new UsageError({
      en: `unexpected argument '${args[1]}'`,
      ko: `필요 없는 인자 '${args[1]}'`,
    }, usage);
  }
  if (command === "quiz") {
    const chapter = args[0];
    if (chapter !== undefined && chapter !== "10" && chapter !== "11") {
      throw new UsageError({
        en: `the quiz has chapters 10 and 11, not '${chapter}'`,
        ko: `퀴즈는 10장과 11장만 있다. 받은 값: '${chapter}'`,
      }, usage);
    }
    const [{ runQuiz }, { parseSeed }] = await Promise.all([
      lazy<typeof import("../teach/quiz.ts")>(
        import.meta.url,
        "../teach/quiz.ts",
      ),
      lazy<typeof import("../teach/seed.ts")>(
        import.meta.url,
        "../teach/seed.ts",
      ),
    ]);
    return await runQuiz(chapter, parseSeed(parsed.seed, usage));
  }
  if (args[0] === undefined) {
    throw new UsageError({
      en: "missing <program>",
      ko: `${withJosa("<program>", "이/가")} 빠졌다`,
    }, usage);
  }
  const spec = findProgram(args[0]);
  if (!spec) throw unknownCommand(args[0], true);
  if (command === "predict") {
    const { parseSeed, runPredict } = await lazy<
      typeof import("../teach/predict.ts")
    >(import.meta.url, "../teach/predict.ts");
    return await runPredict(
      spec,
      parseSeed(parsed.seed, usage),
      parser.readSpeed(parsed.speed, usage),
    );
  }
  const { readSource } = await lazy<typeof import("../teach/sources.ts")>(
    import.meta.url,
    "../teach/sources.ts",
  );
  const source = await readSource(spec);
  if (command === "source") {
    await Deno.stdout.write(new TextEncoder().encode(source));
    return 0;
  }
  const { loadExplanation, renderExplanation } = await lazy<
    typeof import("../teach/explain.ts")
  >(import.meta.url, "../teach/explain.ts");
  print(renderExplanation(spec, await loadExplanation(spec), source));
  return 0;
}

/**
 * `tcpip help <name>`: the help of anything the command line accepts, a
 * program or a command of the tool; the overview without a name.
 */
async function helpFor(name: string | undefined): Promise<string> {
  if (name === undefined || name === "help") return topHelp();
  if (name === "list") {
    return localUsage("usage: tcpip list [--lang ko|en]") + "\n\n" + tr({
      en: "Every program, by chapter, with how to run it.",
      ko: "모든 프로그램을 장별로, 실행하는 법과 함께 보여 준다.",
    });
  }
  if (name in TEACH_USAGE) {
    return localUsage(TEACH_USAGE[name as keyof typeof TEACH_USAGE]);
  }
  if (name === "check") return await (await checker()).checkHelp();
  const program = findProgram(name);
  if (program) return await helpOf(program);
  throw unknownCommand(name);
}

/** `tcpip check`, loaded when it runs. */
function checker(): Promise<typeof import("../check/check.ts")> {
  return lazy<typeof import("../check/check.ts")>(
    import.meta.url,
    "../check/check.ts",
  );
}

/** The option parser (`@std/cli/parse-args`), loaded when there are options. */
function options(): Promise<typeof import("./args.ts")> {
  return lazy<typeof import("./args.ts")>(import.meta.url, "./args.ts");
}

async function helpOf(spec: ProgramSpec): Promise<string> {
  const { programHelp } = await lazy<typeof import("./help.ts")>(
    import.meta.url,
    "./help.ts",
  );
  return programHelp(spec);
}

/** What a close name is: at most this share of the name's letters differ. */
const CLOSE = 1 / 3;

/**
 * The name among `names` closest to `typed`, if it is close (a typo, not
 * another word) and not `typed` itself.
 */
export function closeName(
  typed: string,
  names: readonly string[],
): string | undefined {
  const others = names.filter((name) => name !== typed);
  if (others.length === 0) return undefined;
  const best = closestString(typed, others);
  const distance = levenshteinDistance(typed.toLowerCase(), best.toLowerCase());
  return distance <= Math.max(1, Math.floor(typed.length * CLOSE))
    ? best
    : undefined;
}

/**
 * `unknown command 'x'. Did you mean 'y'?` where a program (or, unless
 * `programsOnly`, a command or option of the tool) is close to it.
 */
function unknownCommand(command: string, programsOnly = false): UsageError {
  const names = [
    ...PROGRAMS.flatMap((p) => [p.name, ...p.aliases]),
    ...(programsOnly ? [] : [...BUILTINS, "--help", "--version"]),
  ];
  const suggestion = closeName(command, names);
  const what = programsOnly
    ? { en: "program", ko: "프로그램" }
    : { en: "command", ko: "명령" };
  const guess = suggestion === undefined ? { en: "", ko: "" } : {
    en: ` Did you mean '${suggestion}'?`,
    ko: ` ${withJosa(`'${suggestion}'`, "을/를")} 뜻했나?`,
  };
  return new UsageError({
    en:
      `unknown ${what.en} '${command}'.${guess.en} Run 'tcpip list' to see all programs.`,
    ko:
      `알 수 없는 ${what.ko} '${command}'.${guess.ko} 'tcpip list'로 모든 프로그램을 볼 수 있다.`,
  });
}

function report(error: unknown, program?: ProgramSpec): number {
  // Ended by a signal, as C's default action: no message, the shell's status.
  if (error instanceof Error && error.name === "Terminated") {
    return (error as { status?: number }).status ?? EXIT_RUNTIME;
  }
  const who = program ? `tcpip ${program.name}` : "tcpip";
  if (error instanceof UsageError) {
    const usage = error.usage === undefined
      ? undefined
      : localUsage(error.usage);
    writeStderr(`${who}: ${tr(error.text)}\n${usage ? usage + "\n" : ""}`);
    return EXIT_USAGE;
  }
  const message = error instanceof RuntimeError
    ? tr(error.text)
    : messageOf(error);
  writeStderr(`${who}: ${message}\n`);
  if (!(error instanceof RuntimeError) && Deno.env.get("TCPIP_DEBUG")) {
    writeStderr(`${error instanceof Error ? error.stack : ""}\n`);
  }
  return EXIT_RUNTIME;
}

function print(text: string): void {
  console.log(text);
}

function topHelp(): string {
  const header = tr({
    en: "tcpip: run and study the programs of chapters 10 and 11 of\n" +
      "Yoon Sung-woo's TCP/IP Socket Programming, without a C toolchain.",
    ko:
      "tcpip: 윤성우의 열혈 TCP/IP 소켓 프로그래밍 10장과 11장의 프로그램을\n" +
      "C 컴파일러 없이 실행하고 공부하는 도구.",
  });
  const lines = [
    header,
    "",
    ...commandLines([
      ["tcpip <program> [args]", { en: "run a program", ko: "프로그램 실행" }],
      ["tcpip <program> --help", {
        en: "its arguments",
        ko: "프로그램의 인자",
      }],
      ["tcpip list", { en: "every program", ko: "전체 프로그램 목록" }],
      ["tcpip explain <program>", {
        en: "what it shows, C vs Deno, pitfalls",
        ko: "설명, C와 Deno 비교, 함정",
      }],
      ["tcpip source <program>", {
        en: "its TypeScript source",
        ko: "TypeScript 코드",
      }],
      ["tcpip quiz [10|11]", { en: "review questions", ko: "복습 문제" }],
      ["tcpip predict <program>", {
        en: "guess what it does, then run it",
        ko: "결과를 예측한 뒤 실행",
      }],
      ["tcpip check <program> -- <cmd>", {
        en: "check YOUR program against the book's",
        ko: "직접 만든 프로그램을 책과 비교",
      }],
      ["tcpip --version", ""],
    ]),

    "",
    listing(),
    "",
    ...wrapParagraphs(
      tr({
        en:
          "Every program takes --help, --trace and --lang ko|en; programs that sleep " +
          "take --speed N. Standard output carries exactly the book's lines; the " +
          "tool's own notes go to standard error, each starting with [tcpip].",
        ko:
          "모든 프로그램은 --help, --trace, --lang ko|en을, sleep이 있는 프로그램은 " +
          "--speed N도 받는다. 표준 출력에는 책의 출력만 나오고, 도구의 안내 메시지는 " +
          "[tcpip]로 시작하는 줄로 표준 에러에 나온다.",
      }),
      HELP_WIDTH,
    ),
  ];
  return lines.join("\n");
}

/**
 * `usage: tcpip ...   what it does`, one command per line, the commands
 * under each other after the (translated) `usage:`.
 */
function commandLines(commands: [string, Text | string][]): string[] {
  const head = localUsage("usage:") + " ";
  const width = Math.max(...commands.map(([command]) => command.length)) + 3;
  return commands.map(([command, what], i) =>
    `${i === 0 ? head : " ".repeat(displayWidth(head))}${
      tr(what) === "" ? command : command.padEnd(width) + tr(what)
    }`
  );
}

function listing(): string {
  const out: string[] = [];
  for (const chapter of CHAPTERS) {
    const programs = PROGRAMS.filter((spec) => spec.chapter === chapter.id);
    if (programs.length === 0) continue;
    if (out.length > 0) out.push("");
    out.push(tr(chapter.title));
    for (const spec of programs) {
      // The arguments only: every program takes --trace and --lang.
      const run = usageLine({ ...spec, options: [], timed: false })
        .replace(/^usage: /, "")
        .replace(/ \[--trace\] \[--lang ko\|en\]$/, "");
      const indent = " ".repeat(23);
      const lines = [
        ...wrapParagraphs(tr(spec.summary), HELP_WIDTH, indent),
        ...wrapParagraphs(`$ ${run}`, HELP_WIDTH, indent),
      ];
      lines[0] = `  ${spec.name.padEnd(20)} ${lines[0].slice(23)}`;
      out.push(...lines);
    }
  }
  return out.join("\n");
}
