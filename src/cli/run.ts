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
import { atExit } from "../process/exit.ts";
import { takeTerminal } from "../process/os/job_control.ts";
// Programs fork: this plugs the starting of child processes into fork().
import "../process/spawn.ts";
import {
  childrenEnded,
  killAll,
  killAllNow,
  uncollected,
} from "../process/child.ts";
import { loadProgram } from "../catalog.ts";
import { messageOf, RuntimeError } from "../errors.ts";
import { note, writeStderr } from "../note.ts";
import { tr } from "../text.ts";
import { withJosa } from "../josa.ts";
import { isWindows } from "../platform.ts";
import { win32 } from "../ipc/windows.ts";
import { type ProgramSpec, RunContext, type Values } from "../program.ts";
import { finishTrace, startTrace, trace } from "../trace/trace.ts";
import { renderTrace } from "../trace/render.ts";
import { watchHint } from "../process/os/proc_info.ts";

export { killAll };

/** Signals whose default action ends a process, and that Deno can catch. */
const TERMINATING: readonly Deno.Signal[] = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "SIGBREAK", // Windows' Ctrl+Break
];

/** Signal numbers, for the shell's exit status `128 + n`. */
const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGTERM: 15,
  SIGBREAK: 21,
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
  // One Ctrl+C, one SIGINT, also when a launcher (deno task) started us.
  const giveBack = takeTerminal();
  // A signal the program has no handler for ends it, as C's default action
  // does; its children are then killed by the caller's cleanup.
  const terminated = Promise.withResolvers<never>();
  const listeners = TERMINATING.filter(canCatch).map((sig) => {
    const listener = () => {
      if (!isHandled(sig)) trace("exit", sig, { what: "signal" });
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
  // Windows ends no child with its killed parent: a job object does.
  if (isWindows) {
    try {
      win32.endChildrenWithMe();
    } catch (error) {
      note({
        en: `no job object (${
          messageOf(error)
        }): if tcpip is killed, its children may go on`,
        ko: `작업 개체를 만들지 못했다 (${
          messageOf(error)
        }): tcpip가 강제로 종료되면 자식 프로세스가 남을 수 있다`,
      });
    }
  }
  // C's exit() anywhere in the program (a signal handler, say): no child
  // outlives it, and the trace is still drawn.
  atExit((status) => {
    killAllNow();
    giveBack();
    if (tracing) {
      trace("exit", `exit(${status})`);
      writeStderr(renderTrace(finishTrace(true)));
    }
  });
  try {
    if (isWindows && spec.unixOnly) throw new RuntimeError(tr(spec.unixOnly));
    const module = await loadProgram(spec);
    startNotes(spec);
    const code = await Promise.race([
      module.main(new RunContext(spec.name, values)),
      terminated.promise,
    ]);
    trace("exit", `exit ${typeof code === "number" ? code : 0}`); // main returns
    await Promise.race([orphans(), terminated.promise]);
    if (spec.children?.collects) neverCollected();
    return typeof code === "number" ? code : 0;
  } finally {
    giveBack();
    for (const [sig, listener] of listeners) {
      Deno.removeSignalListener(sig, listener);
    }
    if (tracing) {
      await killAll(); // every child's events are in the log before drawing
      writeStderr(renderTrace(finishTrace(true)));
    }
  }
}

/** How long children may go on after the program's main has returned. */
const ORPHAN_GRACE_MS = 10_000;

/**
 * Waits for children still running when main returned (C's parent just
 * returns, and they go on as orphans); ends them after a grace period.
 */
async function orphans(): Promise<void> {
  const left = await childrenEnded(ORPHAN_GRACE_MS);
  if (left.length === 0) return;
  note({
    en: `${
      left.map((child) => child.pid).join(", ")
    } still running ${
      ORPHAN_GRACE_MS / 1000
    } s after the program ended: ended by tcpip ` +
      "(in C they would go on as orphans)",
    ko: `프로그램이 종료하고 ${ORPHAN_GRACE_MS / 1000}초가 지나도 ${
      withJosa(left.map((child) => child.pid).join(", "), "이/가")
    } 실행 중이어서 tcpip가 종료시켰다 (C라면 고아 프로세스로 계속 실행된다)`,
  });
}

/**
 * Says which children the program never collected with wait()/waitpid():
 * in C each would stay a zombie until the parent ends (then init collects
 * it). Deno's runtime has reaped them at the OS level, so `ps` shows none
 * (Windows has no zombie state at all).
 */
function neverCollected(): void {
  const left = uncollected();
  if (left.length === 0) return;
  const pids = left.map((child) => child.pid).join(", ");
  const here = isWindows
    ? {
      en: "Windows has no zombies: an ended process leaves only its exit code.",
      ko: "Windows에는 좀비가 없다: 끝난 프로세스는 종료 코드만 남긴다.",
    }
    : {
      en: "here Deno's runtime reaped it at the OS level, so ps shows none.",
      ko:
        "여기서는 Deno 런타임이 OS 수준에서 이미 회수해서 ps에는 보이지 않는다.",
    };
  note({
    en:
      `never collected by wait()/waitpid(): ${pids}. In C each stays a zombie until its\n` +
      `parent ends; ${here.en}`,
    ko:
      `wait()/waitpid()로 회수되지 않은 자식: ${pids}. C라면 부모가 종료할 때까지 좀비로\n` +
      `남는다. ${here.ko}`,
  });
}

/** Prints the catalog's notes for this platform. */
function startNotes(spec: ProgramSpec): void {
  const notes = spec.notes ?? {};
  for (const text of [notes.all, isWindows ? notes.windows : notes.unix]) {
    if (text) note(text);
  }
  if (spec.children?.watch && !isWindows) note(watchHint(Deno.pid));
}
