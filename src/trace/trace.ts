/**
 * The trace log behind `--trace`: every process of a program (the parent and
 * each child, and their worker threads) records what it does (fork, exit,
 * reap, pipe reads and writes with their bytes, signals, connections, the
 * lines it prints) as one JSON line per event, each writer in a file of its
 * own in the log's folder (no two writers share a file offset: Wine's appends
 * from two processes at once overwrote each other's lines). The parent reads
 * them all and draws the picture when the program ends (see `render.ts`).
 * When tracing is off, {@linkcode trace} does nothing.
 *
 * Events hold facts, not sentences: names, numbers and C identifiers, so
 * that the picture is drawn in the parent's language whatever language the
 * process that recorded them spoke.
 *
 * @module
 */

import { note } from "../note.ts";
import type { Text } from "../text.ts";

/** What happened. */
export type TraceKind =
  | "start"
  | "fork"
  | "exit"
  | "reap"
  | "write"
  | "read"
  | "pipe"
  | "close"
  | "signal"
  | "kill"
  | "accept"
  | "send"
  | "recv"
  | "disconnect"
  | "sleep"
  | "wake"
  /** A call that may block begins (not drawn as a row: it opens a wait). */
  | "wait"
  /** Bytes the process wrote to its standard output. */
  | "print"
  /** Something the tool itself did, described by the event's `text`. */
  | "tool";

/** One line of the trace log. */
export interface TraceEvent {
  /** Wall-clock time in milliseconds (shared by every process). */
  t: number;
  /** The process the event happened in. */
  pid: number;
  /** What happened. */
  kind: TraceKind;
  /**
   * What it happened to, as C names it: a pipe end (`fds1`), a label
   * (`pipe3:child`), a call (`exit(7)`, `sleep(3)`), a signal (`SIGALRM`),
   * a line printed. Older callers put a whole English phrase here.
   */
  detail: string;
  /** Another process the event involves (the forked child, the reaped one). */
  peer?: number;
  /** A variant of the kind: `eof`, `cut`, `merged`, `pooled`, ... */
  what?: string;
  /** A number the event carries: bytes moved, an exit status, seconds, ms. */
  n?: number;
  /** The first bytes a read or write moved, one character per byte. */
  head?: string;
  /** True when the tool did this, not the book's program (scaffolding). */
  tool?: true;
  /** The tool's own description of a `tool` event, in both languages. */
  text?: Text;
}

/** What an event carries besides its kind and detail. */
export interface TraceMore {
  /** Another process the event involves. */
  peer?: number;
  /** A variant of the kind. */
  what?: string;
  /** A number the event carries. */
  n?: number;
  /** The bytes a read or write moved: their count and first bytes are kept. */
  bytes?: Uint8Array;
  /** The tool's own work, not the book's program. */
  tool?: boolean;
  /** The tool's own description, in both languages. */
  text?: Text;
}

/** How many leading bytes of a transfer the log keeps. */
export const HEAD_BYTES = 32;

const encoder = new TextEncoder();
let log: Deno.FsFile | undefined;
let logPath: string | undefined;

/**
 * Records an event if tracing is on; otherwise does nothing. `more` is the
 * other process involved (a pid) or the event's other facts.
 *
 * @example One process's events, drawn when the program ends
 * ```ts ignore
 * import { finishTrace, startTrace, trace } from "./trace.ts";
 * import { renderTrace } from "./render.ts";
 *
 * startTrace();
 * trace("write", "fds1", { bytes: new TextEncoder().encode("Who are you?\0") });
 * console.error(renderTrace(finishTrace(true)));
 * ```
 */
export function trace(
  kind: TraceKind,
  detail: string,
  more?: number | TraceMore,
): void {
  if (!log) return;
  const event: TraceEvent = { t: now(), pid: Deno.pid, kind, detail };
  if (typeof more === "number") event.peer = more;
  else if (more) {
    if (more.peer !== undefined) event.peer = more.peer;
    if (more.what !== undefined) event.what = more.what;
    if (more.n !== undefined) event.n = more.n;
    if (more.bytes) {
      event.n = more.bytes.length;
      event.head = String.fromCharCode(...more.bytes.subarray(0, HEAD_BYTES));
    }
    if (more.tool) event.tool = true;
    if (more.text) event.text = more.text;
  }
  log.writeSync(encoder.encode(JSON.stringify(event) + "\n"));
}

/** True when this process records events. */
export function tracing(): boolean {
  return log !== undefined;
}

/**
 * Around a read that may block, when tracing: `traceRead(name)` before it
 * opens a wait, `traceRead(name, bytes)` after it records what came, the
 * bytes, or end of file (`null` or nothing). Two calls and no closure, so
 * that a hot loop allocates nothing when it does not trace.
 */
export function traceRead(name: string, bytes?: Uint8Array | null): void {
  if (!log) return;
  if (bytes === undefined) trace("wait", name);
  else {
    trace(
      "read",
      name,
      bytes === null || bytes.length === 0 ? { what: "eof" } : { bytes },
    );
  }
}

/** Starts a new trace log (in the parent), a folder; returns its path. */
export function startTrace(): string {
  const path = Deno.makeTempDirSync({ prefix: "tcpip-trace-" });
  joinTrace(path);
  return path;
}

/**
 * Records this process's (or worker's) events in a file of its own in the
 * log's folder `path`, and from now on what it prints on standard output.
 * (The folder is named, not found from a file's path: `@std/path` asks for
 * Node's `process` global, which costs every child 4 MB.)
 */
export function joinTrace(path: string): void {
  const own = `${path}/${Deno.pid}-${crypto.randomUUID().slice(0, 8)}.jsonl`;
  log = Deno.openSync(own, { createNew: true, write: true });
  logPath = path;
  watchStdout();
}

/** The path of the log this process writes to, if tracing. */
export function tracePath(): string | undefined {
  return logPath;
}

/** Stops recording, reads every event, and (in the parent) removes the log. */
export function finishTrace(remove: boolean): TraceEvent[] {
  if (!log || !logPath) return [];
  unwatchStdout();
  log.close();
  log = undefined;
  const events: TraceEvent[] = [];
  let unreadable = 0;
  for (const entry of Deno.readDirSync(logPath)) {
    const text = Deno.readTextFileSync(`${logPath}/${entry.name}`);
    for (const line of text.split("\n")) {
      if (line === "") continue;
      try {
        events.push(JSON.parse(line) as TraceEvent);
      } catch {
        unreadable++;
      }
    }
  }
  if (remove) Deno.removeSync(logPath, { recursive: true });
  logPath = undefined;
  // A writer killed in the middle of a line leaves part of it.
  if (unreadable > 0) {
    note({
      en:
        `${unreadable} line(s) of the trace log could not be read (cut short); the picture lacks them`,
      ko:
        `추적 기록 ${unreadable}줄을 읽지 못했다 (중간에 끊김). 그림에서 빠졌다`,
    });
  }
  return events;
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

// Standard output, watched: each line printed becomes a `print` event, in
// the column of the process that printed it, at the moment it did. The
// originals still do the printing, so stdout gets exactly the same bytes.

type ConsoleMethod = (...data: unknown[]) => void;

let restore: (() => void) | undefined;

function watchStdout(): void {
  if (restore) return;
  const stdout = Deno.stdout;
  const { write, writeSync } = stdout;
  const { log: consoleLog, info, debug } = console;
  const decoder = new TextDecoder();
  const printed = (bytes: Uint8Array) => recordPrint(decoder.decode(bytes));
  stdout.writeSync = function (p: Uint8Array): number {
    const n = writeSync.call(this, p);
    printed(p.subarray(0, n));
    return n;
  };
  stdout.write = async function (p: Uint8Array): Promise<number> {
    const n = await write.call(this, p);
    printed(p.subarray(0, n));
    return n;
  };
  const logging = (original: ConsoleMethod): ConsoleMethod => (...data) => {
    original(...data);
    recordPrint(`${format(data)}\n`);
  };
  console.log = logging(consoleLog);
  console.info = logging(info);
  console.debug = logging(debug);
  restore = () => {
    stdout.writeSync = writeSync;
    stdout.write = write;
    Object.assign(console, { log: consoleLog, info, debug });
    restore = undefined;
  };
}

function unwatchStdout(): void {
  restore?.();
}

/** One event per line printed (a last piece without `\n` is one too). */
function recordPrint(text: string): void {
  if (text === "") return;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) trace("print", line);
}

/** What `console.log(...data)` prints: strings as they are, others inspected. */
function format(data: unknown[]): string {
  return data.map((item) =>
    typeof item === "string" ? item : Deno.inspect(item, { colors: false })
  ).join(" ");
}
