// tools/smoke.sh, the smoke test the release runs on each binary, run here
// on the source: the release and the suite hold the programs to the same
// golden files (tests/golden/run/), so a golden file changed without the program
// (or the program without its golden file) fails the suite, and with it
// .ci/run, before a tag can.

import { assert, assertEquals, assertMatch } from "@std/assert";
import { lines, MAIN } from "./_tcpip.ts";
import { NO_BASH, smoke, SMOKE_SCRIPT } from "./_smoke.ts";

const GOLDEN = new URL("golden/", import.meta.url);

/** The tool from source, as the script runs it. */
const SOURCE = [Deno.execPath(), "run", "-A", "--quiet", MAIN];

/** The golden files the script reads: the paths it gives them. */
function goldenFilesRead(): string[] {
  const text = Deno.readTextFileSync(SMOKE_SCRIPT);
  const names = new Set(
    [
      ...text.matchAll(
        /\b((?:run|help|explain|trace)\/[a-z0-9_.]+\.(?:out|stdin))\b/g,
      ),
    ].map((m) => m[1]),
  );
  return [...names].sort();
}

/** Copies the golden folder `from` into `to`, its subfolders too. */
function copyGolden(from: URL, to: string): void {
  for (const entry of Deno.readDirSync(from)) {
    if (entry.isDirectory) {
      Deno.mkdirSync(`${to}/${entry.name}`);
      copyGolden(new URL(`${entry.name}/`, from), `${to}/${entry.name}`);
    } else {
      Deno.copyFileSync(new URL(entry.name, from), `${to}/${entry.name}`);
    }
  }
}

Deno.test({
  name: NO_BASH
    ? `tools/smoke.sh against the source (skipped: ${NO_BASH})`
    : "tools/smoke.sh, the release's smoke test, passes against the source",
  ignore: NO_BASH !== null,
  async fn() {
    const run = await smoke(SOURCE);
    assertEquals(run.code, 0, `${run.stdout}${run.stderr}`);
    assertMatch(lines(run.stdout).at(-1)!, /^smoke: \d+ checks passed \(/);
    assertEquals(run.stderr, "", "the script's own errors");
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
    assert(
      names.includes("run/fork.out") && names.includes("run/echo_server.out"),
      names.join(" "),
    );
    // One copy of the golden files per name, with that one file changed:
    // its first byte becomes another letter.
    const runs = await Promise.all(names.map(async (name) => {
      const dir = Deno.makeTempDirSync({ prefix: "tcpip_golden_" });
      try {
        copyGolden(GOLDEN, dir);
        const bytes = Deno.readFileSync(`${dir}/${name}`);
        bytes[0] = bytes[0] === 0x78 ? 0x79 : 0x78; // "x", or "y" for an "x"
        Deno.writeFileSync(`${dir}/${name}`, bytes);
        return { name, run: await smoke(SOURCE, ["--golden", dir]) };
      } finally {
        Deno.removeSync(dir, { recursive: true });
      }
    }));
    for (const { name, run } of runs) {
      assertEquals(
        run.code,
        1,
        `${name} changed:\n${run.stdout}${run.stderr}`,
      );
      const last = lines(run.stdout).at(-1)!;
      assertMatch(last, /^::error::smoke: /, `${name} changed`);
      // The golden file it names is the changed one (its input, for the
      // client's typed lines: the output then differs from echo_client.out).
      const named = name.endsWith(".stdin")
        ? name.replace(/\.stdin$/, ".out")
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
      args: [SMOKE_SCRIPT, "--target"],
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
