/**
 * The trace log behind `--trace`: every process of a program (the parent and
 * each child) appends what it does (fork, exit, reap, pipe reads and writes,
 * signals, connections) as one JSON line per event to one shared file. The
 * parent draws the picture from it when the program ends (see
 * `trace_render.ts`). When tracing is off, {@linkcode trace} does nothing.
 *
 * @module
 */

/** What happened. */
export type TraceKind =
  | "start"
  | "fork"
  | "exit"
  | "reap"
  | "write"
  | "read"
  | "close"
  | "signal"
  | "kill"
  | "accept"
  | "send"
  | "recv"
  | "disconnect"
  | "sleep"
  | "wake";

/** One line of the trace log. */
export interface TraceEvent {
  /** Wall-clock time in milliseconds (shared by every process). */
  t: number;
  /** The process the event happened in. */
  pid: number;
  /** What happened. */
  kind: TraceKind;
  /** A short description, e.g. `13 B to fds1`. */
  detail: string;
  /** Another process the event involves (the forked child, the reaped one). */
  peer?: number;
}

const encoder = new TextEncoder();
let log: Deno.FsFile | undefined;
let logPath: string | undefined;

/**
 * Records an event if tracing is on; otherwise does nothing.
 *
 * @example One process's events, drawn when the program ends
 * ```ts ignore
 * import { finishTrace, startTrace, trace } from "./trace.ts";
 * import { renderTrace } from "./render.ts";
 *
 * startTrace();
 * trace("write", "13 B to fds");
 * console.error(renderTrace(finishTrace(true)));
 * ```
 */
export function trace(kind: TraceKind, detail: string, peer?: number): void {
  if (!log) return;
  const event: TraceEvent = { t: now(), pid: Deno.pid, kind, detail };
  if (peer !== undefined) event.peer = peer;
  log.writeSync(encoder.encode(JSON.stringify(event) + "\n"));
}

/** True when this process records events. */
export function tracing(): boolean {
  return log !== undefined;
}

/** Starts a new trace log (in the parent); returns its path. */
export function startTrace(): string {
  const path = Deno.makeTempFileSync({
    prefix: "tcpip-trace-",
    suffix: ".jsonl",
  });
  joinTrace(path);
  return path;
}

/** Appends this process's events to an existing log (in a child). */
export function joinTrace(path: string): void {
  log = Deno.openSync(path, { append: true });
  logPath = path;
}

/** The path of the log this process writes to, if tracing. */
export function tracePath(): string | undefined {
  return logPath;
}

/** Stops recording, reads every event, and (in the parent) removes the log. */
export function finishTrace(remove: boolean): TraceEvent[] {
  if (!log || !logPath) return [];
  log.close();
  log = undefined;
  const text = Deno.readTextFileSync(logPath);
  if (remove) Deno.removeSync(logPath);
  logPath = undefined;
  return text.split("\n").filter((line) => line !== "").map((line) =>
    JSON.parse(line) as TraceEvent
  );
}

function now(): number {
  return performance.timeOrigin + performance.now();
}
