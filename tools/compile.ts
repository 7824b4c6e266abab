/**
 * `deno task compile`: builds the single binary `dist/tcpip-<target>` for
 * each release target with `deno compile`.
 *
 * `deno compile` needs Deno's runtime for the target (`denort`), which it
 * downloads from Deno's own host (`dl.deno.land`) unless `DENORT_BIN` names
 * a local one (which works for this machine's own target only) or
 * `DENO_DIR` holds it from an earlier build. Where the host cannot be
 * reached, `deno compile` fails after type-checking (about 2 s) when the
 * name does not resolve, and waits without end when a proxy or firewall
 * swallows the connection; so the task asks the host first, for at most
 * `--host-timeout` seconds, and stops with one line naming `DENORT_BIN`
 * when it does not answer. Each `deno compile` is ended after
 * {@linkcode COMPILE_LIMIT_S} seconds too.
 *
 * Usage: `deno task compile [--target T]... [--out-dir DIR] [--host-timeout S]`
 *
 * @module
 */

import { parseArgs } from "../src/cli/args.ts";
import { PERMISSION_FLAGS } from "../src/process/self_exec.ts";

/** Deno's download host, where `deno compile` finds each target's denort. */
export const DOWNLOAD_HOST = "dl.deno.land";

/** How long the download host may take to answer, in seconds (`--host-timeout`). */
export const HOST_TIMEOUT_S = 10;

/** How long one `deno compile` (its download included) may run, in seconds. */
export const COMPILE_LIMIT_S = 600;

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

/** The URL `deno compile` downloads a target's denort from. */
export function denortUrl(target: string): string {
  return `https://${DOWNLOAD_HOST}/release/v${Deno.version.deno}/denort-${target}.zip`;
}

/**
 * Whether `deno compile` has a denort for `target` without downloading:
 * `DENORT_BIN`, or the copy an earlier build left in `DENO_DIR`.
 */
export async function denortAtHand(target: string): Promise<boolean> {
  return Boolean(Deno.env.get("DENORT_BIN")) || await denortCached(target);
}

/** Whether an earlier build left `target`'s denort in `DENO_DIR`'s cache. */
export async function denortCached(target: string): Promise<boolean> {
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  if (!info.success) return false;
  const { denoDir } = JSON.parse(new TextDecoder().decode(info.stdout));
  const cached =
    `${denoDir}/dl/release/v${Deno.version.deno}/denort-${target}.zip`;
  try {
    return Deno.statSync(cached).isFile;
  } catch {
    return false;
  }
}

/**
 * Why `url` cannot be fetched (a short phrase), or null when its host
 * answers within `timeoutS` seconds. It goes through the same proxy
 * settings (`HTTPS_PROXY`, `NO_PROXY`) as `deno compile`.
 */
export async function unreachable(
  url: string,
  timeoutS: number,
): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: "HEAD",
      signal: AbortSignal.timeout(timeoutS * 1000),
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") {
      return `no answer within ${timeoutS} s`;
    }
    const cause = (error as { cause?: unknown }).cause;
    const message = cause instanceof Error
      ? cause.message
      : error instanceof Error
      ? error.message
      : String(error);
    return message
      .replace(/^error sending request for url \([^)]*\): /, "")
      .replace(/^client error \(Connect\): /, "");
  }
}

/** The one line that says why a target's denort cannot be had, and what to do. */
export function noDenort(target: string, why: string): string {
  return `tcpip compile: cannot download denort for ${target} from ${DOWNLOAD_HOST} ` +
    `(${why}); set DENORT_BIN to a local denort binary to build this machine's ` +
    `own target, ${Deno.build.target}`;
}

async function compileAll(
  targets: readonly string[],
  outDir: string,
  hostTimeoutS: number,
): Promise<number> {
  const root = new URL("..", import.meta.url);
  for (const target of targets) {
    const atHand = await denortAtHand(target);
    if (!atHand) {
      const why = await unreachable(denortUrl(target), hostTimeoutS);
      if (why !== null) {
        // The other targets need the same host: stop here.
        console.error(noDenort(target, why));
        return 1;
      }
    }
    const output = `${outDir}/${binaryName(target)}`;
    const result = await new Deno.Command(Deno.execPath(), {
      args: compileArgs(target, output),
      cwd: root,
      env: { NO_COLOR: "1" },
      stdout: "inherit",
      stderr: "piped",
      signal: AbortSignal.timeout(COMPILE_LIMIT_S * 1000),
    }).output();
    if (result.success) {
      console.log(`built ${output}`);
      continue;
    }
    const stderr = new TextDecoder().decode(result.stderr);
    if (result.signal !== null) {
      // Ended by the limit: remove the half-written binary it leaves.
      for (const entry of Deno.readDirSync(outDir)) {
        if (entry.name.startsWith(`${binaryName(target)}.tmp-`)) {
          Deno.removeSync(`${outDir}/${entry.name}`);
        }
      }
      const late = `deno compile did not finish within ${COMPILE_LIMIT_S} s`;
      console.error(
        atHand
          ? `tcpip compile: could not build ${output}: ${late}`
          : noDenort(target, late),
      );
      return 1;
    }
    const download = stderr.match(
      new RegExp(
        `error sending request for url \\(https://${DOWNLOAD_HOST}[^)]*\\): (.*)`,
      ),
    );
    if (download) {
      console.error(
        noDenort(
          target,
          download[1].replace(/^client error \(Connect\): /, ""),
        ),
      );
      return 1;
    }
    console.error(`tcpip compile: could not build ${output}:`);
    console.error(reason(stderr));
    return 1;
  }
  return 0;
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
    string: ["target", "out-dir", "host-timeout"],
    collect: ["target"],
  });
  const picked = (args.target ?? []) as string[];
  const chosen = picked.length === 0 ? TARGETS : picked;
  const unknown = chosen.filter((target) => !TARGETS.includes(target));
  if (unknown.length > 0) {
    console.error(
      `tcpip compile: unknown target ${unknown.join(", ")}; targets: ${
        TARGETS.join(", ")
      }`,
    );
    Deno.exit(2);
  }
  const hostTimeout = Number(args["host-timeout"] ?? HOST_TIMEOUT_S);
  if (!(hostTimeout > 0 && hostTimeout <= 600)) {
    console.error(
      `tcpip compile: --host-timeout must be seconds above 0, up to 600, got '${
        args["host-timeout"]
      }'`,
    );
    Deno.exit(2);
  }
  Deno.exit(
    await compileAll(chosen, String(args["out-dir"] ?? "dist"), hostTimeout),
  );
}
