/**
 * Draws a trace log as a picture: one column per process (its pid and role
 * in the header), time running down, one row per event.
 *
 * @module
 */

import type { TraceEvent } from "./trace.ts";

const WIDTH = 30;
const COLOURS = [36, 33, 35, 32, 34, 31];

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

  const columns: number[] = [];
  const roles = new Map<number, string>();
  const column = (pid: number) => {
    if (!columns.includes(pid)) columns.push(pid);
    return columns.indexOf(pid);
  };
  for (const event of sorted) {
    column(event.pid);
    if (event.kind === "fork" && event.peer !== undefined) {
      column(event.peer);
      roles.set(event.peer, event.detail.split(" ")[0]);
    }
    if (event.kind === "start") roles.set(event.pid, event.detail);
  }

  const paint = (index: number, text: string) =>
    colour ? `\x1b[${COLOURS[index % COLOURS.length]}m${text}\x1b[0m` : text;
  const row = (time: string, cells: string[]) =>
    `${time.padStart(9)} | ` +
    cells.map((cell, i) => paint(i, fit(cell))).join(" | ");

  const lines = [
    "",
    row(
      "ms",
      columns.map((pid, i) =>
        `${pid} ${roles.get(pid) ?? (i === 0 ? "parent" : "")}`
      ),
    ),
    `${"-".repeat(9)}-+-` + columns.map(() => "-".repeat(WIDTH)).join("-+-"),
  ];
  for (const event of sorted) {
    // A child's end is reported by its parent; draw it in the child's column.
    const owner = event.kind === "exit" && event.peer !== undefined
      ? event.peer
      : event.pid;
    const cells = columns.map(() => "");
    cells[columns.indexOf(owner)] = describe(event);
    lines.push(row((event.t - start).toFixed(1), cells));
  }
  return lines.join("\n") + "\n";
}

function describe(event: TraceEvent): string {
  switch (event.kind) {
    case "exit":
      return `ends: ${event.detail.split(" ").slice(1).join(" ")}`;
    case "start":
      return "starts";
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
  return Deno.stderr.isTerminal() && Deno.env.get("NO_COLOR") === undefined;
}
