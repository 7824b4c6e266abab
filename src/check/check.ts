/**
 * `tcpip check <program> -- <command> [args...]`: runs the learner's own
 * program (any executable: C, C++, Python, Rust, Go, TypeScript ...) and
 * tells them, from what the OS saw, where it differs from the book's.
 * `tcpip check` alone lists what it can check.
 *
 * @example Check a compiled pipe3.c (exit 0 when it behaves as the book's)
 * ```ts ignore
 * import { runCheckCommand } from "./check.ts";
 *
 * Deno.exit(await runCheckCommand(["pipe3", "--", "./pipe3"]));
 * ```
 *
 * @module
 */

import { parseArgs } from "@std/cli";
import { resolve } from "@std/path";
import { findProgram, PROGRAMS } from "../catalog.ts";
import { RuntimeError, UsageError } from "../errors.ts";
import type { ProgramSpec } from "../program.ts";
import { setLang, tr } from "../text.ts";
import { wrap, wrapParagraphs } from "../width.ts";
import { runScenario } from "./engine.ts";
import {
  renderReport,
  reportJson,
  shellWord,
  silentProgress,
  TextProgress,
} from "./report.ts";
import type { Scenario } from "./scenario.ts";
import { findStrace, untracedHeader, untracedReason } from "./strace.ts";
import { both } from "./words.ts";

/** The command's usage line. */
export const CHECK_USAGE =
  "usage: tcpip check <program> [options] -- <command> [args...]";

/** The width of what check prints, as the rest of the tool's. */
const WIDTH = 80;

/** The default process cap, in tasks (processes and threads). */
const MAX_TASKS = 256;

/** The URL of a program's scenario, `scenarios/<file>.ts`. */
export function scenarioUrl(spec: ProgramSpec): URL {
  return new URL(`./scenarios/${spec.file}.ts`, import.meta.url);
}

/**
 * Loads the scenario of `spec`; the specifier is computed, so only the one
 * asked for is loaded.
 */
export async function loadScenario(spec: ProgramSpec): Promise<Scenario> {
  const module: { scenario: Scenario } = await import(scenarioUrl(spec).href);
  return module.scenario;
}

/** Runs `tcpip check` with `argv` (what follows `check`); resolves to the exit status. */
export async function runCheckCommand(
  argv: readonly string[],
): Promise<number> {
  const split = argv.indexOf("--");
  const own = split < 0 ? [...argv] : argv.slice(0, split);
  const parsed = parseArgs(own, {
    boolean: ["help", "json", "no-strace"],
    string: ["lang", "max-tasks"],
    alias: { h: "help" },
    stopEarly: split < 0,
    unknown: (arg, key) => {
      if (key === undefined) return true;
      throw new UsageError({
        en: `unknown option '${arg}'`,
        ko: `알 수 없는 옵션 '${arg}'`,
      }, CHECK_USAGE);
    },
  });
  if (parsed.lang !== undefined) {
    if (parsed.lang !== "ko" && parsed.lang !== "en") {
      throw new UsageError({
        en: `--lang must be ko or en, got '${parsed.lang}'`,
        ko: `--lang에는 ko나 en을 써야 한다. 받은 값: '${parsed.lang}'`,
      }, CHECK_USAGE);
    }
    setLang(parsed.lang);
  }
  if (parsed.help === true) {
    print(await checkHelp());
    return 0;
  }
  const positionals = parsed._.map(String);
  const command = split < 0 ? positionals.slice(1) : argv.slice(split + 1);
  if (split >= 0 && positionals.length > 1) {
    throw new UsageError({
      en: `unexpected argument '${positionals[1]}' before '--'`,
      ko: `'--' 앞에 필요 없는 인자 '${positionals[1]}'`,
    }, CHECK_USAGE);
  }
  if (positionals.length === 0) {
    print(await listing());
    return 0;
  }

  const spec = findProgram(positionals[0]);
  if (!spec) {
    throw new UsageError({
      en: `unknown program '${
        positionals[0]
      }'. 'tcpip check' lists the programs it can check.`,
      ko: `알 수 없는 프로그램 '${
        positionals[0]
      }'. 'tcpip check'로 확인할 수 있는 프로그램을 볼 수 있다.`,
    }, CHECK_USAGE);
  }
  const maxTasks = parsed["max-tasks"] === undefined
    ? MAX_TASKS
    : Number(parsed["max-tasks"]);
  if (!Number.isInteger(maxTasks) || maxTasks < 8 || maxTasks > 4096) {
    throw new UsageError({
      en: `--max-tasks must be a whole number from 8 to 4096, got '${
        parsed["max-tasks"]
      }'`,
      ko: `--max-tasks에는 8부터 4096까지의 정수를 써야 한다. 받은 값: '${
        parsed["max-tasks"]
      }'`,
    }, CHECK_USAGE);
  }
  const scenario = await loadScenario(spec);
  // Without '--' the first word after the program starts the command: an
  // option there was meant as the tool's own.
  if (split < 0 && command[0]?.startsWith("-")) {
    throw new UsageError({
      en: `'${
        command[0]
      }' is not a command: options go before '--', the command after it, e.g. tcpip check ${
        positionals[0]
      } ${command[0]} -- ${scenario.example}`,
      ko: `'${
        command[0]
      }'은(는) 명령이 아니다. 옵션은 '--' 앞에, 명령은 그 뒤에 쓴다. 예: tcpip check ${
        positionals[0]
      } ${command[0]} -- ${scenario.example}`,
    }, CHECK_USAGE);
  }
  if (command.length === 0) {
    throw new UsageError({
      en:
        `missing the command to check, e.g. tcpip check ${spec.name} -- ${scenario.example}`,
      ko:
        `확인할 명령이 빠졌다. 예: tcpip check ${spec.name} -- ${scenario.example}`,
    }, CHECK_USAGE);
  }
  refuseUnsupported();
  const resolved = resolveCommand(command);
  const found = parsed["no-strace"] === true ? null : findStrace();
  const strace = found && "version" in found ? found.version : null;
  const json = parsed.json === true;
  const progress = json ? silentProgress : new TextProgress();
  if (!json) {
    const traced = strace ? `strace ${strace} (-f)` : tr(untracedHeader(found));
    const head = [
      `tcpip check ${spec.name}: ${tr(scenario.summary)}`,
      `  ${tr(both("program", "프로그램"))}: ${
        resolved.map(shellWord).join(" ")
      }`,
      `  ${
        tr(both(
          "it runs in a fresh directory, its standard output on a pseudo-terminal (a line at a time, as on your terminal)",
          "새 디렉터리에서 실행하고, 표준 출력은 의사 터미널 (터미널에서처럼 한 줄씩)",
        ))
      }`,
      `  ${tr(both("system calls", "시스템 호출"))}: ${traced}`,
    ];
    print(
      head.flatMap((line) => {
        const indent = line.match(/^ */)![0];
        return wrap(line.trimStart(), WIDTH - indent.length - 2).map((
          part,
          i,
        ) => `${indent}${i === 0 ? "" : "  "}${part}`);
      }).join("\n"),
    );
  }
  const abort = new AbortController();
  const stop = () => abort.abort();
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) Deno.addSignalListener(signal, stop);
  let report;
  try {
    report = await runScenario(
      scenario,
      {
        command: resolved,
        strace,
        untraced: untracedReason(found),
        maxTasks,
      },
      progress,
      abort.signal,
    );
  } finally {
    for (const signal of signals) Deno.removeSignalListener(signal, stop);
    if (progress instanceof TextProgress) progress.close();
  }
  if (abort.signal.aborted) {
    throw new RuntimeError({
      en: "stopped; every process of the program has been ended",
      ko: "중단했다. 프로그램의 모든 프로세스를 끝냈다",
    });
  }
  print(json ? reportJson(report) : renderReport(report));
  return report.verdict === "fail" ? 1 : 0;
}

/** Windows has no fork(): refuse, and say where it works. */
function refuseUnsupported(): void {
  if (Deno.build.os === "linux" || Deno.build.os === "darwin") return;
  throw new RuntimeError({
    en:
      "tcpip check watches the processes a program makes with fork(), its zombies and descriptor tables; " +
      `${
        Deno.build.os === "windows" ? "Windows" : Deno.build.os
      } has no fork(), so the book's programs cannot run here. ` +
      "Run it in WSL (Windows Subsystem for Linux): wsl --install, then tcpip check there.",
    ko:
      "tcpip check는 프로그램이 fork()로 만드는 프로세스와 좀비, 파일 디스크립터 테이블을 지켜본다. " +
      `${
        Deno.build.os === "windows" ? "Windows" : Deno.build.os
      }에는 fork()가 없어 책의 프로그램이 여기서 돌지 않는다. ` +
      "WSL(리눅스용 Windows 하위 시스템)에서 실행하자: wsl --install 뒤 그 안에서 tcpip check.",
  });
}

/**
 * The program as an absolute path (from PATH when it has no slash), and
 * each argument that names a file here as an absolute path too: the
 * program runs in a fresh directory.
 */
export function resolveCommand(command: readonly string[]): string[] {
  const [program, ...args] = command;
  const path = program.includes("/") ? resolve(program) : searchPath(program);
  if (!path || !isExecutable(path)) {
    const exists = path !== null && (() => {
      try {
        Deno.statSync(path);
        return true;
      } catch {
        return false;
      }
    })();
    const onPath = program.includes("/") ? both("", "") : both(
      ` on PATH (for a file here, write ./${program})`,
      ` (PATH에서 찾음. 여기 있는 파일이면 ./${program})`,
    );
    throw new UsageError({
      en: `cannot run '${program}': ${
        exists ? "not an executable file (chmod +x?)" : "no such file"
      }${onPath.en}`,
      ko: `'${program}'을(를) 실행할 수 없다: ${
        exists ? "실행 파일이 아니다 (chmod +x?)" : "그런 파일이 없다"
      }${onPath.ko}`,
    }, CHECK_USAGE);
  }
  return [
    path,
    ...args.map((arg) => {
      if (arg.startsWith("-") || arg.includes("{")) return arg;
      try {
        return Deno.statSync(arg).isFile ? resolve(arg) : arg;
      } catch {
        return arg;
      }
    }),
  ];
}

function searchPath(name: string): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    if (dir === "") continue;
    const path = `${dir}/${name}`;
    if (isExecutable(path)) return path;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    return info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Every program `check` knows, with an example command. */
async function listing(): Promise<string> {
  const lines = [
    tr(both(
      "tcpip check runs your own program and compares what the OS saw with the book's:",
      "tcpip check는 직접 만든 프로그램을 실행해 OS가 본 것을 책의 프로그램과 비교한다:",
    )),
    "",
  ];
  for (const spec of PROGRAMS) {
    const scenario = await loadScenario(spec);
    const summary = wrap(tr(scenario.summary), WIDTH - 23);
    lines.push(
      ...summary.map((line, i) =>
        `  ${(i === 0 ? spec.name : "").padEnd(20)} ${line}`
      ),
      `  ${"".padEnd(20)} $ tcpip check ${spec.name} -- ${scenario.example}`,
    );
  }
  lines.push(
    "",
    ...wrapParagraphs(
      tr(both(
        "Servers get a free port (<port> appended, or {port} where you write it); clients get the tool's own server (<ip> <port> appended, or {ip} and {port}). Any executable works: tcpip check pipe3 -- python3 pipe3.py. More: tcpip check --help.",
        "서버에는 빈 포트를 준다 (<port>를 덧붙이거나, 쓴 자리의 {port}). 클라이언트는 도구의 서버에 연결한다 (<ip> <port>를 덧붙이거나 {ip}, {port}). 어떤 실행 파일이든 된다: tcpip check pipe3 -- python3 pipe3.py. 더 보기: tcpip check --help.",
      )),
      WIDTH,
    ),
  );
  return lines.join("\n");
}

/** `tcpip check --help` and `tcpip help check`. */
export function checkHelp(): Promise<string> {
  const option = (name: string, text: { en: string; ko: string }) =>
    wrap(tr(text), WIDTH - 19).map((line, i) =>
      `  ${(i === 0 ? name : "").padEnd(16)} ${line}`
    );
  return Promise.resolve([
    ...wrap(
      tr(both(
        "tcpip check: run your own program, and see from what the OS saw where it differs from the book's",
        "tcpip check: 직접 만든 프로그램을 실행해, OS가 본 것으로 책의 프로그램과 다른 점을 알려 준다",
      )),
      WIDTH,
    ),
    "",
    CHECK_USAGE.replace(/^usage:/, tr(both("usage:", "사용법:"))),
    "       tcpip check    " +
    tr(both(
      "the programs it can check, with examples",
      "확인할 수 있는 프로그램과 예",
    )),
    "",
    tr(both("options:", "옵션:")),
    ...option(
      "--json",
      both(
        "one JSON object on standard output (for grading)",
        "표준 출력에 JSON 객체 하나 (채점용)",
      ),
    ),
    ...option(
      "--lang ko|en",
      both("the language of the report", "보고서의 언어"),
    ),
    ...option(
      "--max-tasks N",
      both(
        `cap on the processes and threads it may make (default ${MAX_TASKS})`,
        `만들 수 있는 프로세스와 스레드의 상한 (기본값 ${MAX_TASKS})`,
      ),
    ),
    ...option(
      "--no-strace",
      both(
        "do not trace system calls (as where strace is missing)",
        "시스템 호출을 추적하지 않음 (strace가 없을 때처럼)",
      ),
    ),
    ...option("-h, --help", both("show this help", "이 도움말")),
    "",
    ...wrapParagraphs(
      tr(both(
        "It runs the command in a fresh temporary directory with its standard output on a pseudo-terminal, on loopback only, several times where timing matters (on one CPU, each fork() returning late in the parent), and watches its processes (/proc, strace -f). It prints each check as it runs, then the findings: what was observed, what the book's program does, why, and where to look. It leaves no process, port or file behind, and caps the processes the program may make. Exit status: 0 nothing failed, 1 a check failed, 2 usage.\n\n" +
          "Servers get a free port: <port> is appended, or {port} is replaced where you write it. Clients connect to the tool's own server: <ip> <port> appended, or {ip} and {port}. Arguments that name files here are passed as absolute paths.",
        "명령을 새 임시 디렉터리에서, 표준 출력을 의사 터미널에 연결해, 루프백에서만 실행한다. 타이밍이 중요한 프로그램은 여러 번 (CPU 하나로, fork()가 부모에서 늦게 돌아오게) 실행하며 프로세스를 지켜본다 (/proc, strace -f). 확인 항목을 하나씩 보여 준 뒤, 발견한 것마다 관찰한 것, 책의 프로그램이 하는 일, 이유, 참고할 곳을 알려 준다. 프로세스, 포트, 파일을 남기지 않고, 프로그램이 만들 수 있는 프로세스 수를 제한한다. 종료 상태: 0 실패 없음, 1 실패한 확인이 있음, 2 사용법 오류.\n\n" +
          "서버에는 빈 포트를 준다: <port>를 덧붙이거나, 쓴 자리의 {port}를 바꾼다. 클라이언트는 도구의 서버에 연결한다: <ip> <port>를 덧붙이거나 {ip}, {port}를 바꾼다. 여기 있는 파일을 가리키는 인자는 절대 경로로 넘긴다.",
      )),
      WIDTH,
    ),
    "",
    tr(both("examples:", "예:")),
    "  tcpip check pipe2 -- ./pipe2",
    "  tcpip check echo-server -- ./echo_mpserv",
    "  tcpip check echo-client -- ./echo_mpclient {ip} {port}",
    "  tcpip check fork -- python3 fork.py",
    "  tcpip check zombie --json -- ./zombie",
  ].join("\n"));
}

function print(text: string): void {
  console.log(text);
}
