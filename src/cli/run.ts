/**
 * Runs a program of the book once its arguments are parsed: sets the
 * speed, starts the trace log when asked, calls the program's `main`, and
 * draws the trace at the end. Loaded only when a program runs, so that
 * `tcpip list` and `--help` start fast.
 *
 * @module
 */

import { setSpeed } from "../signal/clock.ts";
import { canCatch, isHandled } from "../signal/signal.ts";
import { killAll } from "../process/fork.ts";
import { loadProgram } from "../catalog.ts";
import { note, writeStderr } from "../note.ts";
import { isWindows } from "../platform.ts";
import { type ProgramSpec, RunContext, type Values } from "../program.ts";
import { finishTrace, startTrace, trace } from "../trace/trace.ts";
import { renderTrace } from "../trace/render.ts";

export { killAll };

/** Signals whose default action ends a process, and that Deno can catch. */
const TERMINATING: readonly Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Signal numbers, for the shell's exit status `128 + n`. */
const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGTERM: 15,
};

/** The program was ended by a signal it does not handle. */
export class Terminated extends Error {
  /** The signal. */
  readonly signal: Deno.Signal;
  /** The exit status a shell reports for it: 128 + the signal's number. */
  readonly status: number;

  /** Records that `signal` ended the program. */
  constructor(signal: Deno.Signal) {
    super(`ended by ${signal}`);
    this.name = "Terminated";
    this.signal = signal;
    this.status = 128 + (SIGNAL_NUMBERS[signal] ?? 0);
  }
}

/** Runs `spec` with its parsed `values`; resolves to the exit status. */
export async function runProgram(
  spec: ProgramSpec,
  values: Values,
): Promise<number> {
  if (spec.timed) setSpeed(values.speed as number);
  // A signal the program has no handler for ends it, as C's default action
  // does; its children are then killed by the caller's cleanup.
  const terminated = Promise.withResolvers<never>();
  const listeners = TERMINATING.filter(canCatch).map((sig) => {
    const listener = () => {
      if (!isHandled(sig)) terminated.reject(new Terminated(sig));
    };
    Deno.addSignalListener(sig, listener);
    return [sig, listener] as const;
  });
  const tracing = values.trace === true;
  if (tracing) {
    startTrace();
    trace("start", spec.name);
  }
  try {
    const module = await loadProgram(spec);
    startNotes(spec);
    const code = await Promise.race([
      module.main(new RunContext(spec.name, values)),
      terminated.promise,
    ]);
    return typeof code === "number" ? code : 0;
  } finally {
    for (const [sig, listener] of listeners) {
      Deno.removeSignalListener(sig, listener);
    }
    if (tracing) {
      await killAll(); // every child's events are in the log before drawing
      writeStderr(renderTrace(finishTrace(true)));
    }
  }
}

/** Prints the catalog's notes for this platform. */
function startNotes(spec: ProgramSpec): void {
  const notes = spec.notes ?? {};
  for (const text of [notes.all, isWindows ? notes.windows : notes.unix]) {
    if (text) note(text);
  }
}
