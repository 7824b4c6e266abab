/**
 * `deno task compile`: builds the single binary `dist/tcpip-<target>` for
 * each release target with `deno compile`.
 *
 * `deno compile` needs Deno's runtime for the target (`denort`), which it
 * downloads from Deno's own host. Where that host cannot be reached, set
 * `DENORT_BIN` to a local denort binary: `deno compile` then uses it, which
 * works for the host's own target only.
 *
 * Usage: `deno task compile [--target T]... [--out-dir DIR]`
 *
 * @module
 */

import { parseArgs } from "../src/cli/args.ts";
import { PERMISSION_FLAGS } from "../src/process/self_exec.ts";

/** The five release targets. */
export const TARGETS: readonly string[] = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
];

/**
 * What the binary must carry besides what `main.ts` imports statically: the
 * tool's own folders, whole. Modules loaded on demand (`lazy()`, the
 * programs the catalog names, the explanations), the workers and the
 * program sources `tcpip source` reads are all inside them, so adding a
 * program changes nothing here; a test checks that every such path is.
 */
export const INCLUDES: readonly string[] = ["src/", "examples/"];

/** The `deno compile` arguments for one target. */
export function compileArgs(target: string, output: string): string[] {
  return [
    "compile",
    "--quiet",
    ...PERMISSION_FLAGS,
    ...INCLUDES.flatMap((path) => ["--include", path]),
    "--target",
    target,
    "--output",
    output,
    "main.ts",
  ];
}

/** The binary's file name for a target (`.exe` on Windows). */
export function binaryName(target: string): string {
  return `tcpip-${target}${target.includes("windows") ? ".exe" : ""}`;
}

async function compileAll(
  targets: readonly string[],
  outDir: string,
): Promise<number> {
  const root = new URL("..", import.meta.url);
  let failures = 0;
  for (const target of targets) {
    const output = `${outDir}/${binaryName(target)}`;
    const result = await new Deno.Command(Deno.execPath(), {
      args: compileArgs(target, output),
      cwd: root,
      env: { NO_COLOR: "1" },
      stdout: "inherit",
      stderr: "piped",
    }).output();
    if (result.success) {
      console.log(`built ${output}`);
      continue;
    }
    failures++;
    console.error(`could not build ${output}:`);
    console.error(reason(new TextDecoder().decode(result.stderr)));
    if (!Deno.env.get("DENORT_BIN")) {
      console.error(
        "  deno compile downloads denort for each target from Deno's host; where that is\n" +
          "  unreachable, set DENORT_BIN to a local denort to build the host's own target",
      );
    }
  }
  return failures === 0 ? 0 : 1;
}

/** The useful part of deno compile's error output (run with NO_COLOR): no backtrace. */
export function reason(stderr: string): string {
  const lines = stderr.split("Stack backtrace:")[0].split("\n");
  return lines.filter((line) => line.trim() !== "").map((line) =>
    `  ${line.trim()}`
  ).join("\n");
}

if (import.meta.main) {
  const args = parseArgs(Deno.args, {
    string: ["target", "out-dir"],
    collect: ["target"],
  });
  const picked = (args.target ?? []) as string[];
  const chosen = picked.length === 0 ? TARGETS : picked;
  const unknown = chosen.filter((target) => !TARGETS.includes(target));
  if (unknown.length > 0) {
    console.error(
      `unknown target ${unknown.join(", ")}; targets: ${TARGETS.join(", ")}`,
    );
    Deno.exit(2);
  }
  Deno.exit(await compileAll(chosen, String(args["out-dir"] ?? "dist")));
}
