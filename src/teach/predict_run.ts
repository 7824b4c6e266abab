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
import { RuntimeError } from "../errors.ts";
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
}

/** Signals that stop a run: Ctrl+C, and a polite kill where there is one. */
const STOPPING: readonly Deno.Signal[] = Deno.build.os === "windows"
  ? ["SIGINT"]
  : ["SIGINT", "SIGTERM"];

/**
 * Runs `tcpip <args>` to its end with no input, copying its standard output
 * and standard error to ours as they come, and returns what it printed.
 */
export async function observe(args: readonly string[]): Promise<Observed> {
  const { command, args: argv } = selfCommand(currentSelfExecContext(), args);
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(command, {
      args: argv,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      // The program's own notes in the language predict speaks.
      env: { LC_ALL: lang() === "ko" ? "ko_KR.UTF-8" : "C.UTF-8" },
    }).spawn();
  } catch (error) {
    throw new RuntimeError({
      en: `cannot start ${args[0]}: ${(error as Error).message}`,
      ko: `${withJosa(args[0], "을/를")} 시작할 수 없다: ${
        (error as Error).message
      }`,
    });
  }
  // Stopped by the learner: the program ends too (its own children with
  // it), so nothing of the run outlives the command.
  let interrupted = false;
  const stop = () => {
    interrupted = true;
    try {
      child.kill("SIGTERM");
    } catch {
      // it has ended already
    }
  };
  for (const signal of STOPPING) Deno.addSignalListener(signal, stop);
  const started = performance.now();
  const out: OutLine[] = [];
  const err: string[] = [];
  try {
    const [status] = await Promise.all([
      child.status,
      pump(
        child.stdout,
        Deno.stdout,
        (text) => out.push({ text, at: performance.now() - started }),
      ),
      pump(child.stderr, Deno.stderr, (text) => err.push(text)),
    ]);
    return { code: status.code, out, err, interrupted };
  } finally {
    for (const signal of STOPPING) Deno.removeSignalListener(signal, stop);
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
