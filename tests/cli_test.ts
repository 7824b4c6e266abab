// The command line: help, version, and its error paths with their statuses.

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import { fromFileUrl } from "@std/path";
import config from "../deno.json" with { type: "json" };
import { VERSION } from "../src/cli/cli.ts";
import { PROGRAMS } from "../src/catalog.ts";
import { osReason } from "../src/net/connect.ts";
import { NOTE_PREFIX, NOTE_WIDTH } from "../src/note.ts";
import { displayWidth } from "../src/width.ts";
import { hasCommand, processesWithMarker, run, Tool } from "./_tcpip.ts";
import { onTerminal, SCRIPT } from "./_terminal.ts";

Deno.test("--version names the tool's and Deno's versions", async () => {
  assertEquals(VERSION, config.version);
  const result = await run(["--version"]);
  assertEquals(result.code, 0);
  assertEquals(result.out, [
    `tcpip ${config.version} (deno ${Deno.version.deno}, ${Deno.build.target})`,
  ]);
});

Deno.test("unknown command: one line naming the closest program, exit 2", async () => {
  const result = await run(["forkk"]);
  assertEquals(result.code, 2);
  assertEquals(result.stdout, "");
  assertEquals(result.err, [
    "tcpip: unknown command 'forkk'. Did you mean 'fork'? Run 'tcpip list' to see all programs.",
  ]);
  const other = await run(["pipe4"]);
  assertEquals(other.code, 2);
  assertMatch(other.err[0], /Did you mean 'pipe\d'\?/);
});

Deno.test("help <a name it does not know>: a close suggestion or none, never the name itself", async () => {
  // help <each name it knows> prints the same page as <name> --help:
  // tests/golden/help/ (specs.jsonc).
  const unknown: [string[], string][] = [
    [["version"], "unknown command 'version'. Did you mean '--version'?"],
    [["help", "lst"], "unknown command 'lst'. Did you mean 'list'?"],
    [["xyzzy"], "unknown command 'xyzzy'. Run 'tcpip list'"],
    [["help", "conversations"], "Did you mean 'conversation'?"],
  ];
  const wrong = await Promise.all(unknown.map(([args]) => run(args)));
  wrong.forEach((result, i) => {
    const [args, message] = unknown[i];
    assertEquals(result.code, 2, args.join(" "));
    assertEquals(result.err.length, 1, result.stderr);
    assertStringIncludes(result.err[0], message);
    const typed = args.at(-1)!;
    assert(!result.err[0].includes(`Did you mean '${typed}'`), result.err[0]);
  });
  assert(!wrong[2].err[0].includes("Did you mean"), wrong[2].err[0]);
});

Deno.test("unknown top-level option: usage error, exit 2", async () => {
  const result = await run(["--frobnicate"]);
  assertEquals(result.code, 2);
  assertEquals(result.err[0], "tcpip: unknown option '--frobnicate'");
  assert(result.err[1].startsWith("usage: tcpip"));
});

Deno.test("wrong arguments to a program: message and usage line, exit 2", async () => {
  const cases: [string[], string][] = [
    [["pipe2", "--rac"], "tcpip pipe2: unknown option '--rac'"],
    [
      ["pipe2", "--speed", "0"],
      "tcpip pipe2: --speed must be a number above 0, up to 1000 (e.g. 10 or 2.5), got '0'",
    ],
    [
      ["pipe2", "--speed", "fast"],
      "tcpip pipe2: --speed must be a number above 0, up to 1000 (e.g. 10 or 2.5), got 'fast'",
    ],
    [["fork", "extra"], "tcpip fork: unexpected argument 'extra'"],
    // Decimal integers in range only, as typed: the option parser must not
    // turn these into numbers first.
    ...["0x4b6e", "1.9305e4", " 19320", "070000", "0"].map((port) =>
      [
        ["echo-server", port],
        `tcpip echo-server: <port> must be a port number from 1 to 65535, got '${port}'`,
      ] as [string[], string]
    ),
    [
      ["echo-server", "--prefork", "-1"],
      "tcpip echo-server: --prefork must be a whole number from 0 to 64, got '-1'",
    ],
    [
      ["echo-client", "127.0.0.1", "--buf-size", "99999999999"],
      "tcpip echo-client: --buf-size must be a whole number from 1 to 1048576, got '99999999999'",
    ],
    [["fork", "--speed", "2"], "tcpip fork: unknown option '--speed'"],
  ];
  const results = await Promise.all(cases.map(([args]) => run(args)));
  results.forEach((result, i) => {
    const [args, message] = cases[i];
    assertEquals(result.code, 2, args.join(" "));
    assertEquals(result.stdout, "");
    assertEquals(result.err.length, 2, result.stderr);
    assertEquals(result.err[0], message);
    assertMatch(result.err[1], new RegExp(`^usage: tcpip ${args[0]}`));
  });
});

Deno.test("the programs' lines go to stdout, the tool's notes to stderr", async () => {
  const result = await run(["fork"]);
  assert(result.out.every((line) => !line.startsWith("[tcpip]")));
  assert(
    result.err.length > 0 &&
      result.err.every((line) => line.startsWith("[tcpip] ")),
  );
});

Deno.test("notes follow a Korean locale", async () => {
  const result = await run(["fork"], { env: { LANG: "ko_KR.UTF-8" } });
  assertEquals(result.code, 0);
  assertMatch(result.notes[0], /^Deno는 실행 중인 프로세스를 복사할 수 없다/);
  // The book's lines stay exactly as they are.
  assertEquals(result.out.toSorted(), [
    "Child Proc: [13, 27] ",
    "Parent Proc: [9, 23] ",
  ]);
});

Deno.test({
  name:
    "a signal the program does not handle ends it (exit 128 + n) and no child outlives it",
  ignore: Deno.build.os === "windows", // SIGTERM there is TerminateProcess
  async fn() {
    for (const [sig, status] of [["SIGTERM", 143], ["SIGHUP", 129]] as const) {
      // waitpid's child sleeps 15 s: it would outlive its parent by that much.
      const tool = Tool.start(["waitpid"]);
      const [child] = (await tool.waitForProcesses(2)).filter((pid) =>
        pid !== tool.pid
      );
      tool.kill(sig);
      const result = await tool.finish(); // fails if a process is left
      assertEquals(result.code, status, result.stderr);
      assertEquals(result.stdout, "");
      assert(child > 0);
    }
  },
});

/** The environment of a terminal that runs `deno task` from the root. */
function taskEnv(): Record<string, string> {
  const bin = Deno.execPath().replace(/[/\\][^/\\]+$/, "");
  return { PATH: `${bin}:${Deno.env.get("PATH") ?? ""}`, LANG: "C" };
}

const ROOT = fromFileUrl(new URL("..", import.meta.url));

Deno.test({
  name: SCRIPT
    ? "one Ctrl+C is one delivery, also through `deno task` (which forwards it too)"
    : "one Ctrl+C through `deno task` (skipped: no `script` command for a terminal)",
  ignore: !SCRIPT,
  async fn() {
    // On a terminal, Ctrl+C reaches the whole foreground group: `deno task`
    // and the tool. `deno task` then forwards its copy to the tool as well.
    // --trace: the tool's own end ("ends: exit 0") is on the screen, whatever
    // status `deno task` reports for itself.
    const { screen, status, untyped } = await onTerminal(
      `'${Deno.execPath()}' task --quiet tcpip signal --speed 2 --trace`,
      [{ see: /wait\.\.\.\n/, type: "\x03" }], // Ctrl+C on the terminal
      {
        cwd: ROOT,
        env: { ...taskEnv(), NO_COLOR: "1", INIT_CWD: ROOT },
      },
    );
    const lines = screen.split("\n");
    const shown = JSON.stringify(screen);
    assertEquals(untyped.length, 0, shown);
    // The handler ran once, the program went on to its end and exit(0).
    // (The terminal echoes the keypress as "^C" before the handler's line.)
    const handled = lines.filter((l) => /^(\^C)?CTRL\+C pressed$/.test(l));
    assertEquals(handled.length, 1, shown);
    assertEquals(lines.filter((l) => l === "wait...").length, 3, shown);
    assert(/\| ends: exit 0$/m.test(screen), shown);
    // `deno task` itself reports 0, or 130 when its shell counted the task
    // as cancelled by the SIGINT it forwarded (seen once in CI, with the tool
    // ending normally); the tool's own status is the trace's last event.
    assert(status === 0 || status === 130, `status ${status}: ${shown}`);
  },
});

const QUESTION = "Do you want to exit? (Y/N)";

Deno.test({
  name: SCRIPT
    ? "deno task tcpip sigint-confirm on a terminal: one Ctrl+C arrives once and asks once, n goes on, and the status is the program's"
    : "sigint-confirm through deno task (skipped: no `script` command for a terminal)",
  ignore: !SCRIPT,
  async fn() {
    let groups: ReturnType<typeof terminalGroups> = [];
    // Ctrl+C, n, Ctrl+C, y.
    const { screen, status, untyped } = await onTerminal(
      `'${Deno.execPath()}' task --quiet tcpip sigint-confirm --trace`,
      [
        {
          see: /still running/,
          type: "\x03",
          first: (marker) => groups = terminalGroups(marker),
        },
        { see: /Do you want to exit\? \(Y\/N\)\n/, type: "n\n" },
        { see: /(still running[^\n]*\n){2}/, type: "\x03" },
        { see: /Do you want to exit\? \(Y\/N\)\n/, type: "y\n" },
      ],
      { cwd: ROOT, env: taskEnv() },
    );
    const shown = JSON.stringify(screen);
    assertEquals(untyped.length, 0, shown);
    // One question per keypress: two presses, two questions.
    const asked = screen.split("\n").filter((line) =>
      line.replace(/^\^C/, "") === QUESTION
    );
    assertEquals(asked.length, 2, shown);
    // After n it went on printing, with no question in between.
    assertMatch(screen, /\nn\nstill running[^]*still running[^]*Do you want/);
    // The tool's own record: each press arrived once. A second copy (from
    // the launcher) would show as caught again, or as a copy it dropped.
    assertEquals(screen.match(/SIGINT caught/g)?.length, 2, shown);
    assert(!/SIGINT again within/.test(screen), shown);
    assertEquals(status, 0, shown); // the program's own exit(0), passed on
    // Why: the tool leads the terminal's foreground group, and deno task is
    // not in it, so the keypress reached the tool alone (Linux's /proc).
    const tool = groups.find((p) => / run .*sigint-confirm/.test(p.command));
    const task = groups.find((p) => / task .*sigint-confirm/.test(p.command));
    assert(tool && task, JSON.stringify(groups));
    assertEquals([tool.pgrp, tool.foreground], [tool.pid, tool.pid]);
    assert(task.pgrp !== tool.pid, JSON.stringify(groups));
  },
});

Deno.test({
  name: SCRIPT
    ? "deno task tcpip sigint-confirm under an interactive shell: Ctrl+Z stops the job (the prompt comes back), fg resumes it, one Ctrl+C asks once, y ends it with 0, and the shell gets back its terminal as it was"
    : "Ctrl+Z under deno task (skipped: no `script` command for a terminal)",
  ignore: !SCRIPT || !hasCommand("bash"),
  async fn() {
    const prompt = /[$#] $/;
    const { screen, untyped } = await onTerminal(
      "bash --norc --noprofile -i",
      [
        {
          see: prompt,
          type: `echo S1=$(stty -g); '${Deno.execPath()}' task --quiet ` +
            "tcpip sigint-confirm\n",
        },
        { see: /still running/, type: "\x1a" }, // Ctrl+Z
        { see: /Stopped[^]*[$#] $/, type: "fg\n" },
        { see: /still running/, type: "\x03" }, // Ctrl+C
        { see: /Do you want to exit\? \(Y\/N\)\n/, type: "y\n" },
        {
          see: prompt, // $? is fg's: the job's own status
          type: "echo STATUS=$? S2=$(stty -g) FG=$(ps -o tpgid= -p $$) SH=$$\n",
        },
        { see: /SH=\d+\n/, type: "exit\n" },
      ],
      { cwd: ROOT, env: { ...taskEnv(), TERM: "dumb" } },
    );
    const shown = JSON.stringify(screen);
    assertEquals(untyped.length, 0, shown);
    const asked = screen.split("\n").filter((line) =>
      line.replace(/^\^C/, "") === QUESTION
    );
    assertEquals(asked.length, 1, shown);
    const [, before] = screen.match(/^S1=(\S+)$/m)!;
    const [, status, after, foreground, shell] = screen.match(
      /^STATUS=(\d+) S2=(\S+) FG=\s*(\d+) SH=(\d+)$/m,
    )!;
    assertEquals(status, "0", shown); // sigint-confirm's exit(0), passed on
    assertEquals(after, before, "the terminal's modes are as before");
    assertEquals(foreground, shell, "the shell has the terminal again");
  },
});

/** Each process of a run: its process group and its terminal's foreground group. */
function terminalGroups(marker: string) {
  return processesWithMarker(marker).map((pid) => {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = Deno.readTextFileSync(`/proc/${pid}/cmdline`)
      .replaceAll("\0", " ");
    return {
      pid,
      command,
      pgrp: Number(fields[2]),
      foreground: Number(fields[5]),
    };
  });
}

Deno.test("errors and usage lines follow a Korean locale", async () => {
  const KO = { LANG: "ko_KR.UTF-8" };
  const usage = await run(["echo-server", "0x10"], { env: KO });
  assertEquals(usage.code, 2);
  assertEquals(usage.err, [
    "tcpip echo-server: <port>에는 1부터 65535까지의 포트 번호를 써야 한다. 받은 값: '0x10'",
    "사용법: tcpip echo-server [port] [--host ADDR] [--max-clients N] [--prefork N] [--trace] [--lang ko|en]",
  ]);
  const unknown = await run(["explain", "zombi"], { env: KO });
  assertEquals(unknown.code, 2);
  assertEquals(
    unknown.err[0],
    "tcpip: 알 수 없는 프로그램 'zombi'. 'zombie'를 뜻했나? 'tcpip list'로 모든 프로그램을 볼 수 있다.",
  );
  const refused = await run(["echo-client", "127.0.0.1", "1"], { env: KO });
  assertEquals(refused.code, 1);
  assertEquals(refused.err, [
    "tcpip echo-client: connect() error: 127.0.0.1:1이 연결을 거부했다",
  ]);
});

Deno.test("network errors are said in the tool's language, by the OS's error code", () => {
  const unreachable = Object.assign(
    new Error("Network is unreachable (os error 101)"),
    {
      code: "ENETUNREACH",
    },
  );
  assertEquals(osReason(unreachable), {
    en: "the network is unreachable (ENETUNREACH)",
    ko: "네트워크에 닿을 수 없다 (ENETUNREACH)",
  });
  // A code without words of its own: the OS's words, framed in Korean.
  const odd = Object.assign(new Error("Something odd (os error 200)"), {
    code: "EODD",
  });
  assertEquals(
    osReason(odd).ko,
    "운영체제가 알린 오류: Something odd (os error 200)",
  );
});

Deno.test("explain suggests only programs, never a command of the tool", async () => {
  const result = await run(["explain", "sorce"]);
  assertEquals(result.code, 2);
  assertEquals(result.err, [
    "tcpip: unknown program 'sorce'. Run 'tcpip list' to see all programs.",
  ]);
  const typo = await run(["explain", "pipe4"]);
  assertMatch(typo.err[0], /Did you mean 'pipe\d'\?/);
});

/** Display columns of a line: Hangul and other wide characters take two. */
const columns = (line: string) => displayWidth(line);

Deno.test("--help, list and every program's --help fit 80 columns, in both languages", () => {
  // Their texts are the golden files (tests/specs_test.ts holds the output
  // to them byte for byte): each of them, whatever it says, fits.
  const golden = new URL("./golden/", import.meta.url);
  const files = [
    "list.en.out",
    "list.ko.out",
    ...[...Deno.readDirSync(new URL("help/", golden))].map((entry) =>
      `help/${entry.name}`
    ),
  ];
  assert(files.length >= 2 + 2 * (PROGRAMS.length + 5), files.join(" "));
  for (const file of files) {
    for (
      const line of Deno.readTextFileSync(new URL(file, golden)).split("\n")
    ) {
      assert(columns(line) <= 80, `${file}: ${columns(line)} columns: ${line}`);
    }
  }
});

Deno.test("notes fit 80 columns, prefix included, in both languages", async () => {
  // Programs whose notes are long: the fork note, zombie's /proc states,
  // wait's order, pipe2's race, remove-zombie's ps line and the children it
  // never collected.
  const programs = [
    ["fork"],
    ["zombie", "--speed", "30"],
    ["wait", "--speed", "30"],
    ["pipe2", "--race", "--speed", "20"],
    ["remove-zombie", "--together", "--speed", "50"],
  ];
  const runs = await Promise.all(
    ["C", "ko_KR.UTF-8"].flatMap((lang) =>
      programs.map(async (args) => ({
        args: `${lang} ${args.join(" ")}`,
        result: await run(args, { env: { LANG: lang } }),
      }))
    ),
  );
  const all = runs.flatMap(({ result }) =>
    result.err.filter((line) => line.startsWith(NOTE_PREFIX))
  );
  assert(all.length > 10, "the runs said too little to check");
  for (const { args, result } of runs) {
    const notes = result.err.filter((line) => line.startsWith(NOTE_PREFIX));
    for (const line of notes) {
      assert(
        columns(line) <= NOTE_WIDTH,
        `${args}: ${columns(line)} columns: ${line}`,
      );
    }
  }
});
