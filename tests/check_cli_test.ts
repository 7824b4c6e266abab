// tcpip check's command line, and what holds for any program: usage errors
// (exit 2, one line), the listing, the JSON report, the process
// cap against a real (bounded) fork bomb in each layer, any executable
// (Python), the placeholders, a run without strace, the text report, and
// nothing left behind.

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import { PROGRAMS } from "../src/catalog.ts";
import {
  assertFinding,
  assertPass,
  CHECK_LIMIT_MS,
  checkJson,
  FIXTURES,
  Fixtures,
  NO_CC,
  NO_LINUX,
  NO_STRACE,
  summary,
} from "./_check.ts";
import { hasCommand, run, Tool } from "./_tcpip.ts";

const UNIX = Deno.build.os !== "windows";

Deno.test({
  name: "tcpip check alone lists every program with an example",
  ignore: !UNIX,
  async fn() {
    const result = await run(["check"]);
    assertEquals(result.code, 0, result.stderr);
    for (const spec of PROGRAMS) {
      assertStringIncludes(result.stdout, `$ tcpip check ${spec.name} -- ./`);
    }
  },
});

// check --help, help check and the listing, in both languages, are golden
// files (tests/golden/specs.jsonc), held within 80 columns by cli_test.

Deno.test({
  name: "usage errors: one line and exit 2, nothing run",
  ignore: !UNIX,
  async fn() {
    const cases: [string[], RegExp][] = [
      [["check", "nosuch", "--", "/bin/true"], /unknown program 'nosuch'/],
      [["check", "fork"], /missing the command to check, e\.g\. .*-- \.\/fork/],
      [
        ["check", "fork", "--", "./surely-not-here"],
        /cannot run .*no such file/,
      ],
      [["check", "fork", "--", "/tmp"], /not an executable file/],
      [["check", "fork", "--max-tasks", "2", "--", "/bin/true"], /--max-tasks/],
      [
        ["check", "fork", "--lang", "fr", "--", "/bin/true"],
        /--lang must be ko or en/,
      ],
      [
        ["check", "fork", "--bogus", "--", "/bin/true"],
        /unknown option '--bogus'/,
      ],
      [
        ["check", "fork", "--json"],
        /'--json' is not a command: options go before '--'/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      assertEquals(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assertEquals(result.stdout, "");
      assertMatch(result.err[0], message);
      assertMatch(result.err[1] ?? "", /^usage: tcpip check/);
    }
  },
});

Deno.test({
  name:
    `the JSON report: one object, findings with what the issue asks, in Korean with --lang ko${
      NO_CC ? ` (skipped: ${NO_CC})` : ""
    }`,
  ignore: NO_CC !== null,
  async fn() {
    const fixtures = new Fixtures();
    try {
      const program = await fixtures.build("zombie_wait");
      const { code, report } = await checkJson("zombie", [program], [
        "--lang",
        "ko",
      ]);
      assertEquals(code, 1);
      assertEquals(report.program, "zombie");
      assertEquals(report.verdict, "fail");
      assertEquals(report.command, [program]);
      const finding = report.findings[0];
      for (
        const key of [
          "id",
          "severity",
          "title",
          "observed",
          "book",
          "why",
          "see",
        ]
      ) {
        assert(key in finding, key);
      }
      assertMatch(finding.why, /[가-힣]/); // Korean
      assertStringIncludes(finding.see, "tcpip explain zombie");
      assert(report.checks.length > 0);
      assertMatch(report.cap, /[가-힣]/);
    } finally {
      await fixtures.remove();
    }
  },
});

Deno.test({
  name:
    `a fork bomb meets the cap (a cgroup's pids.max here, or RLIMIT_NPROC), and the watchdog alone ends one too; nothing is left${
      NO_CC ? ` (skipped: ${NO_CC})` : ""
    }`,
  ignore: NO_CC !== null,
  async fn() {
    const fixtures = new Fixtures();
    try {
      const bomb = await fixtures.build("fork_bomb");
      const kernel = await checkJson("fork", [bomb], ["--max-tasks", "32"]);
      assertMatch(kernel.report.cap, /at most 32/);
      // RLIMIT_NPROC refuses forks silently: only strace's trace shows the
      // EAGAINs (a cgroup counts them itself).
      if (/pids\.max/.test(kernel.report.cap) || kernel.report.strace) {
        const cap = assertFinding(kernel, "process-cap", "fail");
        assertMatch(cap.observed, /refused \d+ fork\(\)|had \d+ processes/);
      }
      const watchdog = await checkJson(
        "fork",
        [bomb],
        ["--max-tasks", "32"],
        { TCPIP_CHECK_CAP: "watchdog" },
      );
      const killed = assertFinding(watchdog, "process-cap", "fail");
      assertMatch(watchdog.report.cap, /watchdog/);
      assertMatch(killed.observed, /had \d+ processes, past the cap/);
      // run() has already failed if any process of the run were left.
    } finally {
      await fixtures.remove();
    }
  },
});

Deno.test({
  name:
    `any executable: Python's fork.py, pipe3.py and sigint_confirm.py pass as the book's${
      NO_LINUX ? ` (skipped: ${NO_LINUX})` : ""
    }`,
  ignore: NO_LINUX !== null || !hasCommand("python3"),
  async fn() {
    const [fork, pipe3, sigint] = await Promise.all([
      checkJson("fork", ["python3", `${FIXTURES}fork.py`]),
      checkJson("pipe3", ["python3", `${FIXTURES}pipe3.py`]),
      checkJson("sigint-confirm", ["python3", `${FIXTURES}sigint_confirm.py`]),
    ]);
    assertPass(fork);
    assertPass(pipe3);
    // Its question may come on standard error (readline's prompt).
    assertPass(sigint);
    assertEquals(fork.report.command[1], `${FIXTURES}fork.py`);
  },
});

Deno.test({
  name:
    `any executable: a shell script's zombie (a subshell, then exec sleep) is the program's child${
      NO_LINUX ? ` (skipped: ${NO_LINUX})` : ""
    }`,
  ignore: NO_LINUX !== null || !hasCommand("bash"),
  async fn() {
    // Made before the exec and never collected: the child of what bash
    // execs, not a wrapper's helper ('no child process' before).
    assertPass(await checkJson("zombie", ["bash", `${FIXTURES}zombie.sh`]));
  },
});

Deno.test({
  name: `placeholders: {port} for a server, {ip} {port} for a client${
    NO_CC ? ` (skipped: ${NO_CC})` : ""
  }`,
  ignore: NO_CC !== null,
  async fn() {
    const fixtures = new Fixtures();
    try {
      const server = await fixtures.build("echo_mpserv");
      const client = await fixtures.build("echo_mpclient");
      const [s, c] = await Promise.all([
        checkJson("echo-server", ["/bin/sh", "-c", `exec ${server} {port}`]),
        checkJson("echo-client", [client, "{ip}", "{port}"]),
      ]);
      assertPass(s);
      assertPass(c);
    } finally {
      await fixtures.remove();
    }
  },
});

Deno.test({
  name:
    `without strace: what needs it is listed as not checked, the rest still runs${
      NO_CC ? ` (skipped: ${NO_CC})` : ""
    }`,
  ignore: NO_CC !== null,
  async fn() {
    const fixtures = new Fixtures();
    // An strace that says its version but cannot trace, as where ptrace is
    // not permitted (some containers).
    const denied = await Deno.makeTempDir({ prefix: "tcpip-test-strace-" });
    try {
      await Deno.writeTextFile(
        `${denied}/strace`,
        '#!/bin/sh\n[ "$1" = -V ] && echo "strace -- version 6.1" && exit 0\nexit 1\n',
        { mode: 0o755 },
      );
      const onePipe = await fixtures.build("pipe3_onepipe");
      const wait = await fixtures.build("wait_once");
      const crashes = await fixtures.build("fork_child_crashes_zombie");
      const [pipe3, waitOnce, notAllowed, crashed] = await Promise.all([
        checkJson("pipe3", [onePipe], ["--no-strace"]),
        checkJson("wait", [wait], ["--no-strace"]),
        checkJson("pipe3", [onePipe], [], {
          PATH: `${denied}:${Deno.env.get("PATH")}`,
        }),
        checkJson("fork", [crashes], ["--no-strace"]),
      ]);
      assertEquals(pipe3.report.strace, null);
      const titles = pipe3.report.unchecked.map((u) => u.title);
      assert(
        titles.includes("each pipe carries messages one way only"),
        summary(pipe3.report),
      );
      // Why, as it is: strace is here, left out by the option.
      assertEquals(
        pipe3.report.unchecked[0].reason,
        "needs strace (left out: --no-strace)",
      );
      assertEquals(notAllowed.report.strace, null);
      assertEquals(
        notAllowed.report.unchecked[0].reason,
        "needs strace, which could not trace a trial run here (as where ptrace is not permitted)",
      );
      // From /proc alone: the zombie a single wait() leaves, and the
      // status of a child that crashed, while it is a zombie.
      assertFinding(waitOnce, "wait.zombie", "fail");
      const crash = assertFinding(crashed, "crashed", "fail");
      assert(
        crash.observed.includes("was killed by SIGSEGV: it was a zombie"),
        crash.observed,
      );
      assert(
        !crashed.report.unchecked.some((u) => u.title.startsWith("no child")),
        summary(crashed.report),
      );
      // Where none was seen, the list says what a run without a trace misses.
      assert(
        pipe3.report.unchecked.some((u) =>
          u.title.startsWith("no child crashed")
        ),
        summary(pipe3.report),
      );
    } finally {
      await fixtures.remove();
      await Deno.remove(denied, { recursive: true });
    }
  },
});

Deno.test({
  name:
    `the text report: each check with its mark as it runs, the program's lines, a progress line, the verdict${
      NO_CC ? ` (skipped: ${NO_CC})` : ""
    }`,
  ignore: NO_CC !== null,
  async fn() {
    const fixtures = new Fixtures();
    try {
      const program = await fixtures.build("wait_once");
      const result = await run(["check", "wait", "--", program], {
        limitMs: CHECK_LIMIT_MS,
      });
      assertEquals(result.code, 1, result.stderr);
      assertStringIncludes(result.stdout, "run 1/1: as it is");
      assertMatch(result.stdout, /^ {7}\| Child PID: \d+ $/m);
      // Not a terminal: the wait is said once, as a plain line.
      assertMatch(
        result.stdout,
        /^ {2}\.\. {3}the parent prints the second status: waiting up to 3 s$/m,
      );
      assertMatch(
        result.stdout,
        /^ {2}FAIL no child stays a zombie while the parent sleeps$/m,
      );
      assertMatch(
        result.stdout,
        /^ {2}FAIL wait\.zombie: a child stays a zombie/m,
      );
      for (const field of ["observed:", "book:", "why:", "see:"]) {
        assertStringIncludes(result.stdout, `    ${field}`);
      }
      assertMatch(result.stdout, /^FAIL \(\d+ failed, 0 warnings; 1 run, /m);
      assert(!result.stdout.includes("\x1b"), "no terminal codes");
    } finally {
      await fixtures.remove();
    }
  },
});

Deno.test({
  name: `the program's directory is fresh and removed afterwards${
    NO_LINUX ? ` (skipped: ${NO_LINUX})` : ""
  }`,
  ignore: NO_LINUX !== null,
  async fn() {
    // /bin/pwd prints where it runs: not the fork.c lines, so a finding
    // quotes it.
    const { report } = await checkJson("fork", ["/bin/pwd"]);
    const lines = report.findings.find((f) => f.id === "fork.lines");
    assert(lines, summary(report));
    const dir = lines.observed.match(/"(\/[^"]*tcpip-check-[^"]*)"/)?.[1];
    assert(dir, lines.observed);
    assertEquals(dir === Deno.cwd(), false);
    let gone = false;
    try {
      await Deno.stat(dir);
    } catch (error) {
      gone = error instanceof Deno.errors.NotFound;
    }
    assert(gone, `${dir} is still there`);
  },
});

Deno.test({
  name: "strace's absence is said in the header",
  ignore: NO_LINUX !== null || NO_STRACE !== null,
  async fn() {
    const result = await run([
      "check",
      "fork",
      "--no-strace",
      "--",
      "/bin/true",
    ]);
    assertStringIncludes(
      result.stdout,
      "system calls: not traced (--no-strace)",
    );
    assertStringIncludes(result.stdout, "not checked here:");
  },
});

Deno.test({
  name: "Windows: tcpip check refuses with the reason and points to WSL",
  ignore: Deno.build.os !== "windows",
  async fn() {
    const result = await run(["check", "fork", "--", Deno.execPath()]);
    assertEquals(result.code, 1);
    assertEquals(result.stdout, "");
    assertMatch(result.err[0], /no fork\(\).*WSL/);
  },
});

Deno.test({
  name:
    `the tool itself killed (SIGKILL) mid-check: its guard ends the program (SIGHUP ignored, a child in a group of its own), the cgroup and the directories${
      NO_CC ? ` (skipped: ${NO_CC})` : ""
    }`,
  ignore: NO_CC !== null || NO_LINUX !== null,
  async fn() {
    const fixtures = new Fixtures();
    try {
      const program = await fixtures.build("hangup_immune");
      const tool = Tool.start(["check", "zombie", "--", program], {
        limitMs: CHECK_LIMIT_MS,
      });
      await tool.waitFor("out", /\| Hi I'am a child process/);
      // The guard's command line names what it removes.
      const guard = tool.processes().map((pid) => {
        try {
          return Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0");
        } catch {
          return [];
        }
      }).find((args) => args.includes("guard"));
      assert(guard, "no guard process");
      const leftovers = guard.slice(guard.indexOf("guard") + 2)
        .filter((path) => path !== "");
      assertEquals(leftovers.length, 3, guard.join(" ")); // cgroup, 2 dirs
      tool.kill("SIGKILL");
      await tool.waitUntilGone(10_000);
      await tool.finish();
      for (const path of leftovers.slice(1)) {
        assertEquals(
          await Deno.stat(path).then(() => "there", () => "gone"),
          "gone",
          path,
        );
      }
      if (leftovers[0].startsWith("/sys/fs/cgroup")) {
        assertEquals(
          await Deno.stat(leftovers[0]).then(() => "there", () => "gone"),
          "gone",
          leftovers[0],
        );
      }
    } finally {
      await fixtures.remove();
    }
  },
});
