// The public modules of every folder of src/ are documented (`deno doc
// --lint`), and each layer's main entry shows how it is used.

import { assert, assertEquals } from "@std/assert";

const ROOT = new URL("..", import.meta.url);

/** Every module under src/, relative to the root. */
function modules(dir = "src/"): string[] {
  return [...Deno.readDirSync(new URL(dir, ROOT))].flatMap((entry) =>
    entry.isDirectory
      ? modules(`${dir}${entry.name}/`)
      : entry.name.endsWith(".ts")
      ? [`${dir}${entry.name}`]
      : []
  ).sort();
}

Deno.test("deno doc --lint: every export of src/ is documented", async () => {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--lint", ...modules()],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stderr);
  assertEquals(output.code, 0, text);
});

Deno.test("each layer's main entry has an @example", () => {
  const entries = [
    "src/catalog.ts",
    "src/process/fork.ts",
    "src/process/threads/worker.ts",
    "src/ipc/pipe.ts",
    "src/signal/signal.ts",
    "src/net/server.ts",
    "src/trace/trace.ts",
    "src/teach/explain.ts",
    "src/check/check.ts",
    "src/cli/cli.ts",
  ];
  for (const path of entries) {
    const text = Deno.readTextFileSync(new URL(path, ROOT));
    assert(text.includes("@example"), `${path} has no @example`);
  }
});
