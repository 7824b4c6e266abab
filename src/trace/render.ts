/**
 * Draws a trace log as a picture: one column per process (its pid and what
 * it runs in the header), time running down, one row per event. Coloured
 * per column on a terminal, never with NO_COLOR.
 *
 * @module
 */

import { type Text, tr } from "../text.ts";
import type { TraceEvent } from "./trace.ts";

const WIDTH = 30;
const COLOURS = [36, 33, 35, 32, 34, 31];

const LEGEND: Text = {
  en:
    "fork: a child is started · ends: a child returns and exits · reap: its status\n" +
    "collected · read/write: bytes through a pipe or socket · kill: a signal sent ·\n" +
    "signal: a signal caught · sleep/wake: a sleep, and one cut short by a signal",
  ko:
    "fork: 자식 시작 · ends: 자식이 반환하고 종료 · reap: 종료 상태 회수 ·\n" +
    "read/write: 파이프나 소켓을 지난 바이트 · kill: 보낸 시그널 · signal: 받은 시그널 ·\n" +
    "sleep/wake: sleep과 시그널에 깬 sleep",
};

/** Options of {@linkcode renderTrace}. */
export interface RenderOptions {
  /** Colour each column (ANSI); default: stderr is a terminal and NO_COLOR is unset. */
  colour?: boolean;
}

/** The picture of `events`, ready to print (ends with a newline). */
export function renderTrace(
  events: readonly TraceEvent[],
  options: RenderOptions = {},
): string {
  if (events.length === 0) return "";
  const colour = options.colour ?? defaultColour();
  const sorted = [...events].sort((a, b) => a.t - b.t);
  const start = sorted[0].t;

  // One column per process, in the order they appear; labels from their start.
  const columns: number[] = [];
  const labels = new Map<number, string>();
  const column = (pid: number) => {
    if (!columns.includes(pid)) columns.push(pid);
    return columns.indexOf(pid);
  };
  for (const event of sorted) {
    column(event.pid);
    if (event.kind === "fork" && event.peer !== undefined) {
      column(event.peer);
      labels.set(event.peer, event.detail.split(" ")[0]);
    }
    if (event.kind === "start" && !labels.has(event.pid)) {
      labels.set(event.pid, event.detail);
    }
  }

  const paint = (index: number, text: string) =>
    colour ? `\x1b[${COLOURS[index % COLOURS.length]}m${text}\x1b[0m` : text;
  const row = (time: string, cells: string[]) =>
    `${time.padStart(9)} | ` +
    cells.map((cell, i) => paint(i, fit(cell))).join(" | ");

  const lines = [
    "",
    row("ms", columns.map((pid) => `${pid} ${labels.get(pid) ?? ""}`)),
    `${"-".repeat(9)}-+-` + columns.map(() => "-".repeat(WIDTH)).join("-+-"),
  ];
  for (const event of sorted) {
    const cells = columns.map(() => "");
    cells[columns.indexOf(event.pid)] = describe(event);
    lines.push(row((event.t - start).toFixed(1), cells));
  }
  lines.push("", ...tr(LEGEND).split("\n"));
  return lines.join("\n") + "\n";
}

function describe(event: TraceEvent): string {
  switch (event.kind) {
    case "exit":
      return `ends: ${event.detail}`;
    case "start":
      return `starts: ${event.detail}`;
    case "signal":
    case "sleep":
    case "wake":
      return event.detail;
    default:
      return `${event.kind} ${event.detail}`;
  }
}

function fit(text: string): string {
  return text.length > WIDTH
    ? text.slice(0, WIDTH - 1) + "…"
    : text.padEnd(WIDTH);
}

function defaultColour(): boolean {
  return Deno.stderr.isTerminal() && !Deno.noColor;
}
