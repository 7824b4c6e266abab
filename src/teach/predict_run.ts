/**
 * The run behind `tcpip predict`: starts the real program as a child of the
 * tool (the compiled binary runs itself; a checkout runs `deno run main.ts`),
 * passes its output through to the learner as it comes, and keeps what it
 * printed, each standard output line with the moment it arrived. Everything
 * `predict` says about the run is read from this record.
 *
 * @example
 * ```ts ignore
 * const run = await observe(["waitpid", "--speed", "10", "--trace"]);
 * run.out.filter((line) => line.text === "sleep 3sec.").length; // 5, or 6
 * ```
 *
 * @module
 */

import { writeAllSync, type WriterSync } from "../bytes.ts";
import { messageOf, RuntimeError } from "../errors.ts";
import { currentSelfExecContext, selfCommand } from "../process/self_exec.ts";
import { lang } from "../text.ts";
import { withJosa } from "../josa.ts";

/** One line the program printed on standard output. */
export interface OutLine {
  /** The line, without its newline (trailing spaces kept, as printed). */
  text: string;
  /** When it arrived, in milliseconds after the program was started. */
  at: number;
}

/** What one run of a program showed. */
export interface Observed {
  /** Its exit status. */
  code: number;
  /** Its standard output, line by line. */
  out: OutLine[];
  /** Its standard error, line by line (the tool's notes, the trace). */
  err: string[];
  /** True when the learner stopped the run (Ctrl+C) before it ended. */
  interrupted: boolean;
  /**
   * What the run's script saw besides the program's output: the echoes a
   * client got back, whether a server saw end of file, what a file held.
   */
  facts: Record<string, string | number | boolean>;
  /** Why the script stopped before its end (a wait that timed out), if it did. */
  failure?: string;
}

/** The running program, as a scenario's script drives it. */
export interface Running {
  /**
   * Waits until the program has printed `count` lines (1 by default)
   * matching `match` on stdout; resolves to the last of them. Rejects when
   * the program ends first, or after {@linkcode WAIT_LIMIT_MS}.
   */
  out(match: RegExp, count?: number): Promise<OutLine>;
  /** The same for standard error. */
  err(match: RegExp): Promise<string>;
  /** Milliseconds since the program was started. */
  now(): number;
  /** Writes to the program's standard input. */
  write(text: string): Promise<void>;
  /** Closes the program's standard input: end of file. */
  closeStdin(): Promise<void>;
  /** Sends the program a signal (Windows: only SIGINT/SIGTERM end it). */
  kill(signal: Deno.Signal): void;
  /** Records something the script saw, for the predictions to read. */
  fact(name: string, value: string | number | boolean): void;
  /** Resolves to the exit status once the program has ended. */
  readonly ended: Promise<number>;
}

/** How a prediction's run goes, besides its arguments. */
export interface Scenario {
  /** Arguments added to the run's (a free port, a file in a temporary folder). */
  args?: readonly string[];
  /** What the program reads on standard input (then end of file). */
  stdin?: string;
  /**
   * Drives the program while it runs (connects clients, presses Ctrl+C,
   * answers its questions) and stops it if it would not end by itself.
   */
  script?(program: Running): Promise<void>;
  /** Called once the run is over, to remove what the scenario made. */
  cleanup?(): void;
}

/** How long a script waits for one line before it gives up. */
export const WAIT_LIMIT_MS = 20_000;

/** Signals that stop a run: Ctrl+C, and a polite kill where there is one. */
const STOPPING: readonly Deno.Signal[] = Deno.build.os === "windows"
  ? ["SIGINT"]
  : ["SIGINT", "SIGTERM"];

/**
 * Runs `tcpip <args>` to its end, copying its standard output and standard
 * error to ours as they come, and returns what it printed. Without a
 * scenario it gets no input; with one, the scenario's input, and its
 * script drives it meanwhile.
 */
export async function observe(
  args: readonly string[],
  scenario: Scenario = {},
): Promise<Observed> {
  const { command, args: argv } = selfCommand(currentSelfExecContext(), [
    ...args,
    "--lang",
    lang(),
  ]);
  const piped = scenario.stdin !== undefined || scenario.script !== undefined;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command, {
      args: argv,
      stdin: piped ? "piped" : "null",
      stdout: "piped",
      stderr: "piped",
      // The program's own notes in the language predict speaks.
      env: { LC_ALL: lang() === "ko" ? "ko_KR.UTF-8" : "C.UTF-8" },
    }).spawn();
  } catch (error) {
    throw new RuntimeError({
      en: `cannot start ${args[0]}: ${messageOf(error)}`,
      ko: `${withJosa(args[0], "을/를")} 시작할 수 없다: ${messageOf(error)}`,
    });
  }
  // Stopped by the learner: the program ends too (its own children with
  // it), so nothing of the run outlives the command.
  let interrupted = false;
  const kill = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch {
      // it has ended already
    }
  };
  const stop = () => {
    interrupted = true;
    kill("SIGTERM");
  };
  for (const signal of STOPPING) Deno.addSignalListener(signal, stop);
  const started = performance.now();
  const out: OutLine[] = [];
  const err: string[] = [];
  const facts: Observed["facts"] = {};
  let failure: string | undefined;
  const watch = new Watch();
  const stdin = piped ? child.stdin.getWriter() : undefined;
  const status = child.status.then((status) => {
    watch.end();
    return status.code;
  });
  const running: Running = {
    out: (match, count = 1) =>
      watch.until(() => out.filter((line) => match.test(line.text))[count - 1]),
    err: (match) => watch.until(() => err.find((line) => match.test(line))),
    now: () => performance.now() - started,
    write: (text) => stdin!.write(new TextEncoder().encode(text)),
    closeStdin: async () => await stdin?.close().catch(() => {}),
    kill,
    fact: (name, value) => void (facts[name] = value),
    ended: status,
  };
  const driving = (async () => {
    try {
      if (scenario.stdin !== undefined) {
        await running.write(scenario.stdin);
        if (!scenario.script) await running.closeStdin();
      }
      await scenario.script?.(running);
    } catch (error) {
      failure = messageOf(error);
      kill("SIGTERM"); // the scenario could not go on: nor does the program
    } finally {
      await running.closeStdin();
    }
  })();
  try {
    const [code] = await Promise.all([
      status,
      driving,
      pump(child.stdout, Deno.stdout, (text) => {
        out.push({ text, at: performance.now() - started });
        watch.changed();
      }),
      pump(child.stderr, Deno.stderr, (text) => {
        err.push(text);
        watch.changed();
      }),
    ]);
    return { code, out, err, interrupted, facts, failure };
  } finally {
    for (const signal of STOPPING) Deno.removeSignalListener(signal, stop);
    scenario.cleanup?.();
  }
}

/** Waiting for the program's output: woken by each new line, or its end. */
class Watch {
  #waiters = new Set<() => void>();
  #ended = false;

  /** A new line arrived. */
  changed(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  /** The program has ended. */
  end(): void {
    this.#ended = true;
    this.changed();
  }

  /** Resolves to what `find` finds, once it finds something. */
  async until<T>(find: () => T | undefined): Promise<T> {
    const deadline = performance.now() + WAIT_LIMIT_MS;
    while (true) {
      const found = find();
      if (found !== undefined) return found;
      if (this.#ended) throw new Error("the program ended first");
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`nothing within ${WAIT_LIMIT_MS} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.#waiters.add(wake);
      });
    }
  }
}

/** Copies `stream` to `to` as it comes and hands over each complete line. */
async function pump(
  stream: ReadableStream<Uint8Array>,
  to: WriterSync,
  line: (text: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of stream) {
    writeAllSync(to, chunk);
    const parts = (partial + decoder.decode(chunk, { stream: true }))
      .split("\n");
    partial = parts.pop()!;
    parts.forEach(line);
  }
  partial += decoder.decode();
  if (partial !== "") line(partial);
}
