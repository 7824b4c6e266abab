// The release workflow, read as text: it builds exactly the compile tool's
// targets, smoke-tests the required ones, publishes only after that, and
// refuses a tag that is not deno.json's version. (.ci/run checks the file
// against the workflow schema.)

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import config from "../deno.json" with { type: "json" };
import { TARGETS } from "../tools/compile.ts";

const ROOT = new URL("..", import.meta.url);
const WORKFLOW = Deno.readTextFileSync(
  new URL(".github/workflows/release.yml", ROOT),
);

/** The text of job `name`: from its key to the next job's. */
function job(name: string): string {
  const jobs = WORKFLOW.split(/^jobs:\n/m)[1];
  assert(jobs, "no jobs: in the workflow");
  const parts = jobs.split(/^(?= {2}[\w-]+:\n)/m);
  const found = parts.find((part) => part.startsWith(`  ${name}:\n`));
  assert(found, `no job ${name}`);
  return found;
}

/** The items of the block list under the first `key:` line of `text`. */
function listUnder(text: string, key: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  assert(start >= 0, `no ${key}: list`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = line.match(/^\s+- (\S+)$/);
    if (!item) break;
    items.push(item[1]);
  }
  return items;
}

/** The `run: |` script of the step named `name` in `text`, unindented. */
function stepScript(text: string, name: string): string {
  const lines = text.split("\n");
  const step = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  assert(step >= 0, `no step ${name}`);
  const run = lines.findIndex((line, i) =>
    i > step && line.trim() === "run: |"
  );
  assert(run > step, `step ${name} has no run: | script`);
  const indent = lines[run].search(/\S/) + 2;
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== "" && line.search(/\S/) < indent) break;
    body.push(line.slice(indent));
  }
  return body.join("\n").trimEnd() + "\n";
}

Deno.test("the release runs on version tags", () => {
  assertStringIncludes(WORKFLOW, 'on:\n  push:\n    tags: ["v*"]\n');
});

Deno.test("the release builds exactly the compile tool's targets with Deno 2.9.6", () => {
  const build = job("build");
  assertEquals(listUnder(build, "target").toSorted(), [...TARGETS].sort());
  assertStringIncludes(build, "needs: version");
  assertStringIncludes(
    build,
    'npx --yes "deno@$DENO_VERSION" task compile --target "$TARGET"',
  );
  assertStringIncludes(WORKFLOW, "\n  DENO_VERSION: 2.9.6\n");
});

Deno.test("the release smoke-tests Linux x86_64, macOS arm64 and Windows x86_64 binaries on their own OS", () => {
  const smoke = job("smoke");
  assertStringIncludes(smoke, "needs: build");
  const pairs = [...smoke.matchAll(/- os: (\S+)\n\s+target: (\S+)/g)].map((
    match,
  ) => [match[1], match[2]]);
  assertEquals(pairs, [
    ["ubuntu-latest", "x86_64-unknown-linux-gnu"],
    ["macos-latest", "aarch64-apple-darwin"],
    ["windows-latest", "x86_64-pc-windows-msvc"],
  ]);
  for (const [, target] of pairs) assert(TARGETS.includes(target), target);
  // Each binary runs the smoke script the suite runs on the source
  // (tests/smoke_test.ts), which compares with tests/golden/.
  assertStringIncludes(smoke, "uses: actions/setup-node@v4");
  const script = stepScript(smoke, "Run the binary");
  assertStringIncludes(
    script,
    'bash tools/smoke.sh --target "$TARGET" -- "$BIN"',
  );
  assert(
    Deno.statSync(new URL("tools/smoke.sh", ROOT)).isFile,
    "tools/smoke.sh",
  );
});

Deno.test("the release restates no golden output: the golden files are its only expectation", () => {
  const check = (dir: URL) => {
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.isDirectory) {
        check(new URL(`${entry.name}/`, dir));
        continue;
      }
      const text = Deno.readTextFileSync(new URL(entry.name, dir));
      for (const line of text.split("\n").map((line) => line.trim())) {
        if (line.length < 4) continue; // e.g. the client's "q"
        assert(
          !WORKFLOW.includes(line),
          `release.yml restates '${line}' (${entry.name})`,
        );
      }
    }
  };
  check(new URL("tests/golden/", ROOT));
});

Deno.test("the release is published only after the smoke tests, with SHA256SUMS", () => {
  const publish = job("publish");
  assertStringIncludes(publish, "needs: [build, smoke]");
  assertStringIncludes(publish, "contents: write");
  assertStringIncludes(publish, "sha256sum tcpip-* >SHA256SUMS");
  assertStringIncludes(publish, 'gh release create "$TAG" dist/*');
});

Deno.test({
  name: Deno.build.os === "windows"
    ? "the tag check (ignored: it is a bash step of an ubuntu job)"
    : "the tag check passes only the tag v + deno.json's version",
  ignore: Deno.build.os === "windows",
  async fn() {
    const script = stepScript(
      job("version"),
      "Check the tag against deno.json",
    );
    assertStringIncludes(script, "deno.json");
    const check = async (tag: string) => {
      const result = await new Deno.Command("bash", {
        args: ["-e", "-c", script],
        cwd: ROOT,
        env: { TAG: tag },
        stdout: "piped",
        stderr: "piped",
      }).output();
      return {
        code: result.code,
        out: new TextDecoder().decode(result.stdout),
      };
    };
    const good = await check(`v${config.version}`);
    assertEquals(good, { code: 0, out: `releasing v${config.version}\n` });
    for (const tag of ["v9.9.9", config.version, `v${config.version}-rc1`]) {
      const bad = await check(tag);
      assertEquals(bad.code, 1, tag);
      assertEquals(
        bad.out,
        `::error::tag ${tag} does not match deno.json's version ${config.version}: ` +
          `tag v${config.version}, or bump the version first\n`,
      );
    }
  },
});
