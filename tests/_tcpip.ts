/**
 * Test helpers: run the real tool as a subprocess (`deno run -A main.ts`),
 * talk to it, wait for lines it prints (never for a fixed time), and check
 * that no process of that run is left behind.
 *
 * @module
 */

import { assertEquals } from "@std/assert";
import { deadline } from "@std/async";
import { fromFileUrl } from "@std/path";

/** Path of the tool's entry point. */
export const MAIN: string = fromFileUrl(new URL("../main.ts", import.meta.url));

/** Environment every run gets: English notes, no colour. */
const BASE_ENV = {
  LANG: "C",
  LC_ALL: "",
  LC_MESSAGES: "",
  NO_COLOR: "1",
  // No `node` stand-in per Deno start (under Wine each leaves a 90 MB copy).
  DENO_DISABLE_NODE_SHIM: "1",
};

/** How long a test waits for a line before it fails (instead of hanging). */
const WAIT_LIMIT_MS = 30_000;

/** Marks every process of one run (children inherit the environment). */
export const MARKER = "TCPIP_TEST_RUN";

/** What a finished run printed. */
export interface RunResult {
  /** Exit status. */
  code: number;
  /** Signal that killed it, if any. */
  signal: Deno.Signal | null;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
  /** Standard output, line by line (no trailing empty line). */
  out: string[];
  /** Standard error lines that are the tool's notes, without the `[tcpip] ` prefix. */
  notes: string[];
  /**
   * Every note as running text: the note lines without their prefix,
   * joined with spaces (a note is wrapped to 80 columns wherever its words
   * fall, so a test looks for its words here).
   */
  noteText: string;
  /** Every standard error line. */
  err: string[];
}

/** Options of {@linkcode run} and {@linkcode Tool.start}. */
export interface RunOptions {
  /** Bytes for standard input; omitted: standard input is /dev/null. */
  stdin?: string | Uint8Array;
  /** Extra environment. */
  env?: Record<string, string>;
  /** Working directory. */
  cwd?: string;
  /**
   * Run this `sh -c` command line instead of the tool (it should `exec` the
   * tool, e.g. after a `ulimit`); the arguments are then not used.
   */
  shell?: string;
  /**
   * Start the tool in a process group of its own, as a terminal's
   * foreground job: {@linkcode Tool.killGroup} then signals every process of
   * it, as Ctrl+C on a terminal does.
   */
  group?: boolean;
  /** How long the run may take before `finish()` fails (default 30 s). */
  limitMs?: number;
}

/** Runs `tcpip <args>` to the end and returns what it printed. */
export async function run(
  args: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const tool = Tool.start(args, options);
  if (options.stdin !== undefined) {
    await tool.write(options.stdin);
    await tool.closeStdin();
  }
  return await tool.finish();
}

/** A running tool: write to it, wait for its lines, signal it, finish it. */
export class Tool {
  /** The tool's process id. */
  readonly pid: number;
  /** Every standard output line so far. */
  readonly out: string[] = [];
  /** Every standard error line so far. */
  readonly err: string[] = [];
  #process: Deno.ChildProcess;
  #marker: string;
  #stdin?: WritableStreamDefaultWriter<Uint8Array>;
  #stdout = "";
  #stderr = "";
  #waiters: (() => void)[] = [];
  #pumps: Promise<void>;
  #limitMs: number;

  private constructor(
    process: Deno.ChildProcess,
    marker: string,
    piped: boolean,
    limitMs: number,
  ) {
    this.#limitMs = limitMs;
    this.#process = process;
    this.#marker = marker;
    this.pid = process.pid;
    if (piped) this.#stdin = process.stdin.getWriter();
    this.#pumps = Promise.all([
      this.#pump(process.stdout, "out"),
      this.#pump(process.stderr, "err"),
    ]).then(() => {});
  }

  /**
   * Starts `tcpip <args>`. Standard input is a pipe when `options.stdin` is
   * given (use "" for an empty pipe to write to later), else /dev/null.
   */
  static start(args: string[], options: RunOptions = {}): Tool {
    const marker = crypto.randomUUID();
    const process = new Deno.Command(options.shell ? "sh" : Deno.execPath(), {
      args: options.shell
        ? ["-c", options.shell]
        : ["run", "-A", "--quiet", MAIN, ...args],
      stdin: options.stdin !== undefined ? "piped" : "null",
      stdout: "piped",
      stderr: "piped",
      env: { ...BASE_ENV, ...options.env, [MARKER]: marker },
      cwd: options.cwd,
      detached: options.group === true,
    }).spawn();
    return new Tool(
      process,
      marker,
      options.stdin !== undefined,
      options.limitMs ?? WAIT_LIMIT_MS,
    );
  }

  /** Resolves once no process of this run is alive any more (polls /proc). */
  async waitUntilGone(timeoutMs = 5000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (processesWithMarker(this.#marker).length > 0) {
      if (performance.now() > deadline) assertNoLeftovers(this.#marker);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The pids of this run's processes that are alive now. */
  processes(): number[] {
    return processesWithMarker(this.#marker);
  }

  /**
   * Waits until `count` processes of this run are alive (the tool and its
   * children), asking the OS every few milliseconds; fails after the limit.
   */
  async waitForProcesses(count: number): Promise<number[]> {
    const deadline = performance.now() + WAIT_LIMIT_MS;
    while (true) {
      const pids = this.processes();
      if (pids.length === count) return pids;
      if (performance.now() > deadline) {
        throw new Error(
          `${pids.length} processes of the run alive, not ${count}\nstderr:\n${this.#stderr}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Writes to the tool's standard input. */
  async write(data: string | Uint8Array): Promise<void> {
    if (!this.#stdin) throw new Error("started without a stdin pipe");
    await this.#stdin.write(
      typeof data === "string" ? new TextEncoder().encode(data) : data,
    );
  }

  /** Closes the tool's standard input (end of file for it). */
  async closeStdin(): Promise<void> {
    await this.#stdin?.close().catch(() => {});
    this.#stdin = undefined;
  }

  /** Sends a signal to the tool's process. */
  kill(signal: Deno.Signal): void {
    this.#process.kill(signal);
  }

  /**
   * Sends a signal to the tool's whole process group (started with
   * `group: true`), as a terminal sends Ctrl+C to its foreground job.
   */
  killGroup(signal: Deno.Signal): void {
    Deno.kill(-this.pid, signal);
  }

  /**
   * Waits until a line of the stream matches (a string must equal the
   * line; a note matches without its `[tcpip] ` prefix too), counting only
   * lines after the first `skip` ones. Returns the line.
   */
  async waitFor(
    stream: "out" | "err",
    match: string | RegExp | ((line: string) => boolean),
    skip = 0,
  ): Promise<string> {
    const deadline = performance.now() + WAIT_LIMIT_MS;
    while (true) {
      const lines = this[stream].slice(skip);
      const found = lines.find((line) =>
        typeof match === "string"
          ? line === match || line === `[tcpip] ${match}`
          : typeof match === "function"
          ? match(line)
          : match.test(line)
      );
      if (found !== undefined) return found;
      if (this.#ended) {
        throw new Error(
          `tool ended before printing ${match}\nstdout:\n${this.#stdout}\nstderr:\n${this.#stderr}`,
        );
      }
      if (performance.now() > deadline) {
        throw new Error(
          `no ${match} within ${WAIT_LIMIT_MS} ms\nstdout:\n${this.#stdout}\nstderr:\n${this.#stderr}`,
        );
      }
      // Woken by new output, or at the latest when the limit is due.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - performance.now() + 1);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The notes so far as running text (see {@linkcode RunResult.noteText}). */
  get noteText(): string {
    return noteText(this.err);
  }

  /**
   * Waits until the notes so far, as running text, contain `match` (a
   * string) or match it (a pattern). Returns the text.
   */
  async waitForNote(match: string | RegExp): Promise<string> {
    const found = () =>
      typeof match === "string"
        ? this.noteText.includes(match)
        : match.test(this.noteText);
    // Any new line of stderr wakes the check; waitFor's limit applies.
    while (!found()) {
      await this.waitFor("err", () => true, this.err.length);
    }
    return this.noteText;
  }

  #open = 2;

  get #ended(): boolean {
    return this.#open === 0;
  }

  /** Waits for the tool to end and checks that no process of the run is left. */
  async finish(): Promise<RunResult> {
    await this.closeStdin();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), this.#limitMs);
    });
    const ended = await Promise.race([this.#process.status, limit]);
    clearTimeout(timer);
    if (ended === "late") {
      // The tool first, alone: what it leaves gets a few seconds to go by
      // itself (tcpip check's guard then cleans up as it would for a user),
      // then is killed too.
      this.#process.kill("SIGKILL");
      await this.#process.status;
      await this.waitUntilGone(5000).catch(() => {}); // some stayed
      for (const pid of processesWithMarker(this.#marker)) {
        Deno.kill(pid, "SIGKILL");
      }
      await this.#pumps;
      throw new Error(
        `the tool did not end within ${this.#limitMs} ms\nstdout:\n${this.#stdout}\nstderr:\n${this.#stderr}`,
      );
    }
    const status = ended;
    // Checked the moment the tool has ended: a child left behind may hold
    // the tool's stdout, so waiting for the output first would wait for it.
    const left = processesWithMarker(this.#marker);
    for (const pid of left) Deno.kill(pid, "SIGKILL");
    // Where the run's processes cannot be listed (Windows), a child that
    // outlived the tool shows as output that never ends: fail, not hang.
    try {
      await deadline(this.#pumps, this.#limitMs);
    } catch {
      throw new Error(
        `the tool ended but its output stayed open ${this.#limitMs} ms: a process it started holds it\nstderr:\n${this.#stderr}`,
      );
    }
    assertEquals(left, [], "processes left behind by the run");
    return {
      code: status.code,
      signal: status.signal,
      stdout: this.#stdout,
      stderr: this.#stderr,
      out: [...this.out],
      err: [...this.err],
      notes: this.err.filter((line) => line.startsWith("[tcpip] ")).map((
        line,
      ) => line.slice(8)),
      noteText: this.noteText,
    };
  }

  async #pump(
    stream: ReadableStream<Uint8Array>,
    which: "out" | "err",
  ): Promise<void> {
    const decoder = new TextDecoder();
    let partial = "";
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      if (which === "out") this.#stdout += text;
      else this.#stderr += text;
      const parts = (partial + text).split("\n");
      partial = parts.pop()!;
      this[which].push(...parts);
      this.#wake();
    }
    if (partial !== "") this[which].push(partial);
    this.#open--;
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * Why processes left behind cannot be found on this OS, or null where they
 * can: Linux reads each process's environment in `/proc`, macOS asks `ps -E`.
 * Windows shows no process's environment, so there the check is off (a test
 * of its own reports that as a skip).
 */
export const LEAK_CHECK_UNAVAILABLE: string | null = Deno.build.os === "windows"
  ? "Windows shows no other process's environment, where the run's marker is"
  : null;

/** The pids of live processes whose environment carries `marker`. */
export function processesWithMarker(marker: string): number[] {
  if (LEAK_CHECK_UNAVAILABLE !== null) return [];
  if (Deno.build.os !== "linux") return processesFromPs(marker);
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const env = Deno.readFileSync(`/proc/${entry.name}/environ`);
      if (new TextDecoder().decode(env).includes(`${MARKER}=${marker}`)) {
        found.push(Number(entry.name));
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** macOS (and other BSDs): `ps -E` prints each process's environment after its command. */
function processesFromPs(marker: string): number[] {
  const out = new Deno.Command("ps", {
    args: ["-E", "-ww", "-ax", "-o", "pid=,command="],
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  return new TextDecoder().decode(out.stdout).split("\n")
    .filter((line) => line.includes(`${MARKER}=${marker}`))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => pid !== Deno.pid);
}

/** Fails if any process of the run marked `marker` is still alive. */
export function assertNoLeftovers(marker: string): void {
  assertEquals(
    processesWithMarker(marker),
    [],
    "processes left behind by the run",
  );
}

/** Is `name` a command on this machine's PATH? (False where there is no sh.) */
export function hasCommand(name: string): boolean {
  try {
    return new Deno.Command("sh", {
      args: ["-c", `command -v ${name}`],
      stdout: "null",
      stderr: "null",
    }).outputSync().success;
  } catch {
    return false;
  }
}

/** The note lines among `err`, without their prefix, joined with spaces. */
export function noteText(err: readonly string[]): string {
  return err.filter((line) => line.startsWith("[tcpip] "))
    .map((line) => line.slice(8)).join(" ");
}

/** Lines of `text` (no trailing empty line). */
export function lines(text: string): string[] {
  const all = text.split("\n");
  if (all.at(-1) === "") all.pop();
  return all;
}
