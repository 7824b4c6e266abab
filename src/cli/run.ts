/**
 * Runs a program of the book once its arguments are parsed: sets the
 * speed, starts the trace log when asked, calls the program's `main`, and
 * draws the trace at the end. Loaded only when a program runs, so that
 * `tcpip list` and `--help` start fast.
 *
 * @module
 */

import { setSpeed } from "../signal/clock.ts";
import { killAll } from "../process/fork.ts";
import { loadProgram } from "../catalog.ts";
import { note, writeStderr } from "../note.ts";
import { isWindows } from "../platform.ts";
import { type ProgramSpec, RunContext, type Values } from "../program.ts";
import { finishTrace, startTrace, trace } from "../trace/trace.ts";
import { renderTrace } from "../trace/render.ts";

export { killAll };

/** Runs `spec` with its parsed `values`; resolves to the exit status. */
export async function runProgram(
  spec: ProgramSpec,
  values: Values,
): Promise<number> {
  if (spec.timed) setSpeed(values.speed as number);
  const tracing = values.trace === true;
  if (tracing) {
    startTrace();
    trace("start", spec.name);
  }
  try {
    const module = await loadProgram(spec);
    startNotes(spec);
    const code = await module.main(new RunContext(spec.name, values));
    return typeof code === "number" ? code : 0;
  } finally {
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
