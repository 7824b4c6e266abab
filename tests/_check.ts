/**
 * Helpers for the tests of `tcpip check`: our own learner programs in C
 * (tests/fixtures/check/, compiled with the system's `cc` once per test
 * file, into a directory removed at the end), and `tcpip check --json`
 * run on them, its one JSON object parsed.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { fromFileUrl } from "@std/path";
import { hasCommand, run } from "./_tcpip.ts";

/**
 * Why the checks of programs cannot run here, or null when they can: the
 * findings come from Linux's /proc and strace (macOS gets what ps and lsof
 * show, which no machine of ours can run), Windows is refused.
 */
export const NO_LINUX: string | null = Deno.build.os === "linux"
  ? null
  : Deno.build.os === "windows"
  ? "tcpip check refuses Windows (no fork())"
  : `tcpip check's findings come from Linux's /proc and strace; on ${Deno.build.os} it shows what ps and lsof can, untested (no such machine here)`;

/** Why the C fixtures cannot run here, or null when they can. */
export const NO_CC: string | null = NO_LINUX ??
  (!hasCommand("cc") ? "no C compiler (cc) on this machine" : null);

/** Why the strace-based findings cannot be made here, or null. */
export const NO_STRACE: string | null = Deno.build.os !== "linux"
  ? "strace is Linux's"
  : !hasCommand("strace")
  ? "strace is not installed"
  : null;

/** The fixtures' folder. */
export const FIXTURES: string = fromFileUrl(
  new URL("./fixtures/check/", import.meta.url),
);

/**
 * How long one `tcpip check` may take in a test: its budget (the book's
 * sleeps + 30 s) and a margin for a machine that other work crowds.
 */
export const CHECK_LIMIT_MS = 120_000;

/** One finding, as `--json` writes it. */
export interface JsonFinding {
  id: string;
  severity: "warn" | "fail";
  title: string;
  observed: string;
  book: string;
  why: string;
  see: string;
  runs: number[];
}

/** The report, as `--json` writes it. */
export interface JsonReport {
  program: string;
  command: string[];
  verdict: "pass" | "warn" | "fail";
  findings: JsonFinding[];
  checks: { run: number; title: string; result: string; detail?: string }[];
  unchecked: { title: string; reason: string }[];
  runs: number;
  seconds: number;
  cap: string;
  strace: string | null;
  platform: string;
  output: {
    run: number;
    stdout: string;
    stderr: string;
    ended: { t: number; code: number | null; signal: string | null } | null;
  }[];
}

/** Compiles fixtures once into a directory of their own. */
export class Fixtures {
  // One directory for all, made once: builds run side by side.
  #dir: Promise<string> | null = null;
  #built = new Map<string, Promise<string>>();

  /** The path of the compiled `name` (tests/fixtures/check/`name`.c). */
  build(name: string): Promise<string> {
    let built = this.#built.get(name);
    if (!built) {
      built = this.#compile(name);
      this.#built.set(name, built);
    }
    return built;
  }

  async #compile(name: string): Promise<string> {
    this.#dir ??= Deno.makeTempDir({ prefix: "tcpip-fixtures-" });
    const out = `${await this.#dir}/${name}`;
    const result = await new Deno.Command("cc", {
      args: ["-O1", "-pthread", "-o", out, `${FIXTURES}${name}.c`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert(
      result.success,
      `cc ${name}.c failed:\n${new TextDecoder().decode(result.stderr)}`,
    );
    return out;
  }

  /** Removes the compiled programs. */
  async remove(): Promise<void> {
    await Promise.all(this.#built.values()).catch(() => {});
    if (this.#dir) await Deno.remove(await this.#dir, { recursive: true });
  }
}

/** `tcpip check <program> --json [options] -- <command>`: its status and report. */
export async function checkJson(
  program: string,
  command: string[],
  options: string[] = [],
  env: Record<string, string> = {},
): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await run(
    ["check", program, "--json", ...options, "--", ...command],
    { env, limitMs: CHECK_LIMIT_MS },
  );
  let report: JsonReport;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(
      `not one JSON object:\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
  return { code: result.code, report, stderr: result.stderr };
}

/** The report in a few lines, for an assertion's message. */
export function summary(report: JsonReport): string {
  return [
    `verdict ${report.verdict}`,
    ...report.findings.map((f) => `${f.severity} ${f.id}: ${f.observed}`),
    ...report.checks.filter((c) => c.result !== "ok").map((c) =>
      `  run ${c.run} ${c.result} ${c.title}${c.detail ? ` (${c.detail})` : ""}`
    ),
    ...report.output.map((o) =>
      `  run ${o.run} ended: ${JSON.stringify(o.ended)}\n` +
      `  run ${o.run} stdout: ${JSON.stringify(o.stdout.slice(-600))}\n` +
      `  run ${o.run} stderr: ${JSON.stringify(o.stderr.slice(-600))}`
    ),
  ].join("\n");
}

/** Asserts the check passed: exit 0, verdict pass, no finding. */
export function assertPass(
  result: { code: number; report: JsonReport },
  allowed: string[] = [],
): void {
  const unexpected = result.report.findings.filter((f) =>
    !allowed.includes(f.id)
  );
  assertEquals(
    unexpected.map((f) => f.id),
    [],
    summary(result.report),
  );
  assertEquals(result.code, 0, summary(result.report));
  assert(result.report.verdict !== "fail", summary(result.report));
}

/**
 * Asserts the check found `id` with `severity` (and so exited 1 for a
 * failure, 0 for a warning alone).
 */
export function assertFinding(
  result: { code: number; report: JsonReport },
  id: string,
  severity: "fail" | "warn",
): JsonFinding {
  const found = result.report.findings.find((f) => f.id === id);
  assert(found, `no finding ${id}:\n${summary(result.report)}`);
  assertEquals(found.severity, severity, summary(result.report));
  assert(found.observed.length > 0 && found.book.length > 0);
  if (severity === "fail") {
    assertEquals(result.code, 1, summary(result.report));
    assertEquals(result.report.verdict, "fail");
  }
  return found;
}

/** Runs `jobs` with at most `width` of them at a time. */
export async function inBatches<T>(
  jobs: (() => Promise<T>)[],
  width: number,
): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]();
      }
    }),
  );
  return results;
}
