/**
 * Test helper: runs tools/smoke.sh, the release's smoke test, on a command
 * (the source through deno, or a compiled binary), bounded in time, and
 * reports what it printed and anything it left behind.
 *
 * @module
 */

import { dirname, fromFileUrl } from "@std/path";
import { hasCommand, MARKER, processesWithMarker } from "./_tcpip.ts";

/** The script's path. */
export const SMOKE_SCRIPT: string = fromFileUrl(
  new URL("../tools/smoke.sh", import.meta.url),
);

/** How long one run of the script may take before the test ends it. */
const LIMIT_MS = 120_000;

/** Why the script cannot run here, or null where it can. */
export const NO_BASH: string | null = Deno.build.os === "windows"
  ? "no bash here (the release runs the script under Git Bash on its Windows runner)"
  : hasCommand("bash")
  ? null
  : "no bash on this machine";

/** What one run of the script printed, and what it left behind. */
export interface SmokeRun {
  /** Its exit status. */
  code: number;
  /** Its standard output. */
  stdout: string;
  /** Its standard error (empty when all went well). */
  stderr: string;
  /** Processes of the run still alive after it ended (now ended). */
  left: number[];
  /** Files the run left in its temporary directory. */
  files: string[];
}

/**
 * Runs `tools/smoke.sh --target <this target> [args] -- <command>` in a
 * fresh TMPDIR; every process it starts carries a marker, so that what is
 * still alive once it has ended can be found (and is then ended).
 */
export async function smoke(
  command: string[],
  args: string[] = [],
): Promise<SmokeRun> {
  const marker = crypto.randomUUID();
  const tmp = Deno.makeTempDirSync({ prefix: "tcpip_smoke_" });
  try {
    const script = new Deno.Command("bash", {
      args: [
        SMOKE_SCRIPT,
        "--target",
        Deno.build.target,
        ...args,
        "--",
        ...command,
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
    const stdout = decoder.decode(ended.stdout);
    const stderr = decoder.decode(ended.stderr);
    // A child that lost its parent ends on its own within moments: allow it
    // a second before counting it as left behind.
    let left = processesWithMarker(marker);
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = processesWithMarker(marker);
    }
    for (const pid of left) Deno.kill(pid, "SIGKILL");
    const files = [...Deno.readDirSync(tmp)].map((entry) => entry.name);
    return { code: ended.code, stdout, stderr, left, files };
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
}
