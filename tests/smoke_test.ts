// tools/smoke.sh, the smoke test the release runs on each binary, run here
// on the source: the release and the suite hold the programs to the same
// golden files (tests/golden/), so a golden file changed without the program
// (or the program without its golden file) fails the suite, and with it
// .ci/run, before a tag can.

import { assert, assertEquals, assertMatch } from "@std/assert";
import { dirname, fromFileUrl } from "@std/path";
import {
  hasCommand,
  lines,
  MAIN,
  MARKER,
  processesWithMarker,
} from "./_tcpip.ts";

const ROOT = new URL("..", import.meta.url);
const SCRIPT = fromFileUrl(new URL("tools/smoke.sh", ROOT));
const GOLDEN = new URL("golden/", import.meta.url);

/** How long one run of the script may take before the test ends it. */
const LIMIT_MS = 120_000;

const NO_BASH = Deno.build.os === "windows"
  ? "no bash here (the release runs the script under Git Bash on its Windows runner)"
  : hasCommand("bash")
  ? null
  : "no bash on this machine";

/** What one run of the script printed, and what it left behind. */
interface SmokeRun {
  code: number;
  stdout: string;
  /** Processes of the run still alive after it ended. */
  left: number[];
  /** Files the run left in its temporary directory. */
  files: string[];
}

/**
 * Runs `tools/smoke.sh [args] -- deno run -A main.ts`, bounded in time, in
 * a fresh TMPDIR; every process it starts carries a marker, so that what is
 * still alive once it has ended can be found (and is then ended).
 */
async function smoke(args: string[] = []): Promise<SmokeRun> {
  const marker = crypto.randomUUID();
  const tmp = Deno.makeTempDirSync({ prefix: "tcpip_smoke_" });
  try {
    const script = new Deno.Command("bash", {
      args: [
        SCRIPT,
        "--target",
        Deno.build.target,
        ...args,
        "--",
        Deno.execPath(),
        "run",
        "-A",
        "--quiet",
        MAIN,
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: {
        [MARKER]: marker,
        TMPDIR: tmp,
        // Where there is no node, the script asks deno for a free port.
        PATH: `${dirname(Deno.execPath())}:${Deno.env.get("PATH") ?? ""}`,
      },
    }).spawn();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), LIMIT_MS);
    });
    const output = script.output();
    const ended = await Promise.race([output, late]);
    clearTimeout(timer);
    if (ended === "late") {
      for (const pid of processesWithMarker(marker)) {
        Deno.kill(pid, "SIGKILL");
      }
      await output;
      throw new Error(`tools/smoke.sh did not end within ${LIMIT_MS} ms`);
    }
    const decoder = new TextDecoder();
    const stdout = decoder.decode(ended.stdout) + decoder.decode(ended.stderr);
    // A child that lost its parent ends on its own within moments: allow it
    // a second before counting it as left behind.
    let left = processesWithMarker(marker);
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = processesWithMarker(marker);
    }
    for (const pid of left) Deno.kill(pid, "SIGKILL");
    const files = [...Deno.readDirSync(tmp)].map((entry) => entry.name);
    return { code: ended.code, stdout, left, files };
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
}

/** The golden files the script reads: the names it gives them. */
function goldenFilesRead(): string[] {
  const text = Deno.readTextFileSync(SCRIPT);
  const names = new Set(
    [...text.matchAll(/\b([a-z0-9_]+\.(?:txt|stdin))\b/g)].map((m) => m[1]),
  );
  return [...names].sort();
}

Deno.test({
  name: NO_BASH
    ? `tools/smoke.sh against the source (skipped: ${NO_BASH})`
    : "tools/smoke.sh, the release's smoke test, passes against the source",
  ignore: NO_BASH !== null,
  async fn() {
    const run = await smoke();
    assertEquals(run.code, 0, run.stdout);
    assertMatch(lines(run.stdout).at(-1)!, /^smoke: \d+ checks passed \(/);
    assertEquals(run.left, [], "processes left behind");
    assertEquals(run.files, [], "files left behind");
  },
});

Deno.test({
  name: NO_BASH
    ? `tools/smoke.sh with a changed golden file (skipped: ${NO_BASH})`
    : "tools/smoke.sh fails on each golden file it reads changed by one byte, naming it, and leaves nothing behind",
  ignore: NO_BASH !== null,
  async fn() {
    const names = goldenFilesRead();
    for (const name of names) {
      assert(Deno.statSync(new URL(name, GOLDEN)).isFile, name);
    }
    assert(names.includes("fork.txt") && names.includes("echo_server.txt"));
    // One copy of the golden files per name, with that one file changed:
    // its first byte becomes another letter.
    const runs = await Promise.all(names.map(async (name) => {
      const dir = Deno.makeTempDirSync({ prefix: "tcpip_golden_" });
      try {
        for (const entry of Deno.readDirSync(GOLDEN)) {
          Deno.copyFileSync(
            new URL(entry.name, GOLDEN),
            `${dir}/${entry.name}`,
          );
        }
        const bytes = Deno.readFileSync(`${dir}/${name}`);
        bytes[0] = bytes[0] === 0x78 ? 0x79 : 0x78; // "x", or "y" for an "x"
        Deno.writeFileSync(`${dir}/${name}`, bytes);
        return { name, run: await smoke(["--golden", dir]) };
      } finally {
        Deno.removeSync(dir, { recursive: true });
      }
    }));
    for (const { name, run } of runs) {
      assertEquals(run.code, 1, `${name} changed:\n${run.stdout}`);
      const last = lines(run.stdout).at(-1)!;
      assertMatch(last, /^::error::smoke: /, `${name} changed`);
      // The golden file it names is the changed one (its input, for the
      // client's typed lines: the output then differs from echo_client.txt).
      const named = name.endsWith(".stdin")
        ? name.replace(/\.stdin$/, ".txt")
        : name;
      assert(last.includes(named), `${name} changed: ${last}`);
      assertEquals(run.left, [], `${name} changed: processes left behind`);
      assertEquals(run.files, [], `${name} changed: files left behind`);
    }
  },
});

Deno.test({
  name: NO_BASH
    ? `tools/smoke.sh usage (skipped: ${NO_BASH})`
    : "tools/smoke.sh without a command: its usage line and status 2",
  ignore: NO_BASH !== null,
  async fn() {
    const result = await new Deno.Command("bash", {
      args: [SCRIPT, "--target"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(result.code, 2);
    assertEquals(
      new TextDecoder().decode(result.stderr),
      "usage: tools/smoke.sh [--target TARGET] [--golden DIR] [--] COMMAND [ARG...]\n",
    );
  },
});
