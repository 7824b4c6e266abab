/**
 * Draws a trace log as a picture that fits the terminal: one column per
 * process (its pid and what it runs in the header), time running down, one
 * row per event, in the tool's language. Between its end and its reap a
 * process's column shows `Z` (a zombie); while it waits in a sleep or a
 * read it shows `:`. The warm pool's children that only waited are left
 * out, and a line says how many. When the columns cannot be made wide
 * enough, each event gets a line of its own with its pid instead. Coloured
 * per column on a terminal, never with NO_COLOR.
 *
 * @module
 */

import { type Text, tr } from "../text.ts";
import { displayWidth, wrap as wrapText } from "../width.ts";
import { withJosa } from "../josa.ts";
import type { TraceEvent } from "./trace.ts";

export { displayWidth };

/** Options of {@linkcode renderTrace}. */
export interface RenderOptions {
  /** Colour each column (ANSI); default: stderr is a terminal and NO_COLOR is unset. */
  colour?: boolean;
  /** Columns to fit in; default: the terminal's width, 80 when stderr is not one. */
  width?: number;
}

/** The picture of `events`, ready to print (ends with a newline). */
export function renderTrace(
  events: readonly TraceEvent[],
  options: RenderOptions = {},
): string {
  if (events.length === 0) return "";
  const colour = options.colour ?? defaultColour();
  const width = options.width ?? terminalWidth();
  const story = readStory(events);
  const table = columnLayout(story, width, colour) ??
    listLayout(story, width);
  const lines = ["", ...table, ""];
  if (story.hidden.length > 0) {
    lines.push(...wrap(tr(hiddenLine(story.hidden.length)), width), "");
  }
  lines.push(...legend(story, width));
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------
// What happened: rows, columns, and the intervals drawn between rows.

/** A row of the picture: one event, in the column of its process. */
interface Row {
  event: TraceEvent;
  /** Its text in a column, with `\n` where a line must break. */
  text: string;
  /** Its text on a line of its own (a start names what started). */
  full: string;
}

/** The events, read into what the picture shows. */
interface Story {
  rows: Row[];
  /** The processes drawn, in the order they appear. */
  pids: number[];
  /** `pipe3:child`, by pid. */
  labels: Map<number, string>;
  /** The mark (`Z`, `:`) each process's column shows on a row, by row index. */
  marks: Map<number, Map<number, string>>;
  /** Idle children of a warm pool, left out of the picture. */
  hidden: number[];
  /** The time of the first event. */
  start: number;
}

/** Kinds a pool child may show and still count as having done nothing. */
const IDLE_KINDS = new Set(["start", "exit", "wait", "tool"]);

function readStory(events: readonly TraceEvent[]): Story {
  // Stable by time: events of one process keep the order it recorded them in.
  const sorted = events.map((event, i) => ({ event, i }))
    .sort((a, b) => a.event.t - b.event.t || a.i - b.i)
    .map(({ event }) => ({ ...event }));
  const root = sorted[0].pid;

  // After the program's own end, what its process still does (killing and
  // collecting children left over) is the tool's cleanup, as init's in C.
  let ended = false;
  for (const event of sorted) {
    if (event.pid !== root) continue;
    if (ended) event.tool = true;
    if (event.kind === "exit") ended = true;
  }

  const merged = forkedOnDemand(sorted);
  const hidden = idlePoolChildren(sorted);
  const shown = sorted.filter((event) =>
    !merged.has(event) && !hidden.has(event.pid) &&
    !(event.peer !== undefined && hidden.has(event.peer)) &&
    !redundantClose(event, sorted)
  );

  const labels = new Map<number, string>();
  const pids: number[] = [];
  const column = (pid: number) => {
    if (!pids.includes(pid)) pids.push(pid);
  };
  const rows: Row[] = [];
  const waits: TraceEvent[] = [];
  const waitStarts = new Map<TraceEvent, number>();
  for (const event of shown) {
    if (event.kind === "wait") {
      waitStarts.set(event, rows.length);
      waits.push(event);
      continue;
    }
    column(event.pid);
    if (event.kind === "fork" && event.peer !== undefined) {
      column(event.peer);
      labels.set(event.peer, event.detail);
    }
    if (event.kind === "start" && !labels.has(event.pid)) {
      labels.set(event.pid, event.detail);
    }
    const full = describe(event);
    const text = event.kind === "start" ? say("starts", "시작") : full;
    rows.push({ event, text, full });
  }

  const marks = new Map<number, Map<number, string>>();
  const mark = (pid: number, from: number, to: number, sign: string) => {
    if (!marks.has(pid)) marks.set(pid, new Map());
    const column = marks.get(pid)!;
    for (let i = Math.max(0, from); i <= to && i < rows.length; i++) {
      if (rows[i].event.pid !== pid && !column.has(i)) column.set(i, sign);
    }
  };

  // The first row from `from` on that `is` picks, or -1.
  const next = (from: number, is: (event: TraceEvent) => boolean) => {
    for (let j = from; j < rows.length; j++) if (is(rows[j].event)) return j;
    return -1;
  };
  // Zombies first: a process that has ended waits for nothing any more.
  for (const [i, { event }] of rows.entries()) {
    if (event.kind !== "exit") continue;
    const reap = next(
      i + 1,
      (other) => other.kind === "reap" && other.peer === event.pid,
    );
    if (reap > i) mark(event.pid, i + 1, reap, "Z");
  }
  // Blocked: from a sleep to its wake, from a blocking call to its return.
  for (const [i, { event }] of rows.entries()) {
    if (event.kind !== "sleep") continue;
    const end = next(i + 1, (other) =>
      other.pid === event.pid &&
      (other.kind === "wake" || other.kind === "exit"));
    mark(event.pid, i + 1, (end < 0 ? rows.length : end) - 1, ":");
  }
  for (const wait of waits) {
    const from = waitStarts.get(wait)!;
    const end = next(
      from,
      (other) => other.pid === wait.pid && endsWait(other, wait),
    );
    const last = end >= 0 ? end - 1 : lastRowOf(rows, wait.pid);
    mark(wait.pid, from, last, ":");
  }

  return {
    rows,
    pids,
    labels,
    marks,
    hidden: [...hidden],
    start: sorted[0].t,
  };
}

/**
 * Children a warm pool started ahead (the tool's fork) that no client ever
 * took (no fork of the book's for them), and that did nothing but start,
 * wait and end.
 */
function idlePoolChildren(events: readonly TraceEvent[]): Set<number> {
  const ahead = new Set<number>();
  const taken = new Set<number>();
  for (const event of events) {
    if (event.kind !== "fork" || event.peer === undefined) continue;
    if (event.tool) ahead.add(event.peer);
    else taken.add(event.peer);
  }
  for (const event of events) {
    if (ahead.has(event.pid) && !IDLE_KINDS.has(event.kind) && !event.tool) {
      taken.add(event.pid);
    }
  }
  return new Set([...ahead].filter((pid) => !taken.has(pid)));
}

/**
 * A "pool" of size 0 starts each child as a client comes and takes it at
 * once: one fork, the book's. Returns the tool's half, to leave out.
 */
function forkedOnDemand(events: TraceEvent[]): Set<TraceEvent> {
  const merged = new Set<TraceEvent>();
  for (const [i, event] of events.entries()) {
    if (event.kind !== "fork" || event.what !== "pooled") continue;
    const before = events.slice(0, i).findLast((other) =>
      other.pid === event.pid
    );
    if (before?.kind === "fork" && before.tool && before.peer === event.peer) {
      merged.add(before);
      delete event.what;
    }
  }
  return merged;
}

/**
 * A close the picture can do without: one of something the same process
 * has closed already (with no new client since), or the last thing a
 * process does before it ends, which closes every descriptor anyway.
 */
function redundantClose(
  event: TraceEvent,
  events: readonly TraceEvent[],
): boolean {
  if (event.kind !== "close") return false;
  const own = events.filter((other) => other.pid === event.pid);
  const at = own.indexOf(event);
  if (own[at + 1]?.kind === "exit") return true;
  for (let i = at - 1; i >= 0; i--) {
    const before = own[i];
    if (before.kind === "accept" || before.kind === "recv") return false;
    if (before.kind === "close" && before.detail === event.detail) return true;
  }
  return false;
}

/** Does `event` end the wait that `wait` began? */
function endsWait(event: TraceEvent, wait: TraceEvent): boolean {
  if (event.kind === "exit") return true;
  if (event.kind !== "read" && event.kind !== "recv") return false;
  return event.detail === wait.detail;
}

function lastRowOf(rows: readonly Row[], pid: number): number {
  const reap = rows.findIndex((row) =>
    row.event.kind === "reap" && row.event.peer === pid
  );
  return reap >= 0 ? reap : rows.length - 1;
}

// ---------------------------------------------------------------------------
// Words: each event in the tool's language; names, numbers and C stay as
// they are.

const say = (en: string, ko: string) => tr({ en, ko });

/** The tool's mark on its own work, as on its notes. */
const TOOL = "[tcpip]";

function describe(event: TraceEvent): string {
  const text = words(event);
  return event.tool && !text.startsWith(TOOL) ? `${TOOL} ${text}` : text;
}

function words(event: TraceEvent): string {
  const { detail, peer, n } = event;
  switch (event.kind) {
    case "start":
      return say(`starts: ${detail}`, `시작: ${detail}`);
    case "fork": {
      if (event.tool) {
        return say(
          `${TOOL} starts ${peer} ahead (warm pool)`,
          `${TOOL} 자식 미리 시작 -> ${peer} (웜 풀)`,
        );
      }
      const child = peer;
      const line = event.what === "pooled"
        ? say(
          `fork -> ${child} (warm pool)`,
          `fork -> 자식 ${child} (웜 풀에서)`,
        )
        : say(`fork -> ${child}`, `fork -> 자식 ${child}`);
      if (n === undefined) return line;
      const ms = n.toFixed(0);
      return `${line}\n${
        say(
          `${TOOL} fork handshake: ${ms} ms`,
          `${TOOL} fork 핸드셰이크: ${ms} ms`,
        )
      }`;
    }
    case "exit":
      return event.what === "signal"
        ? say(
          `ends: killed by ${detail}`,
          `종료: ${withJosa(detail, "으로/로")} 죽음`,
        )
        : say(`ends: ${detail}`, `종료: ${detail}`);
    case "reap": {
      const status = event.what === "signal"
        ? say(`killed by ${detail}`, `${withJosa(detail, "으로/로")} 죽음`)
        : detail;
      return say(`reap ${peer} (${status})`, `회수 ${peer} (${status})`);
    }
    case "read":
    case "write": {
      const name = detail;
      const size = n ?? 0;
      if (event.what === "eof") {
        return say(`read EOF on ${name}`, `${name}에서 EOF 읽기`);
      }
      const bytes = event.head !== undefined
        ? ` ${quoteBytes(event.head, size)}`
        : "";
      return event.kind === "read"
        ? say(
          `read ${size} B from ${name}${bytes}`,
          `${name}에서 ${size} B 읽기${bytes}`,
        )
        : say(
          `write ${size} B to ${name}${bytes}`,
          `${name}에 ${size} B 쓰기${bytes}`,
        );
    }
    case "pipe":
      return say(`pipe(): ${detail}`, `pipe(): ${detail}`);
    case "close":
      return event.what === "write end"
        ? say(`close ${detail} (write end)`, `${detail} 입구 닫기`)
        : event.what === "half-close"
        ? say(
          `shutdown(${detail}, SHUT_WR): half-close`,
          `shutdown(${detail}, SHUT_WR): Half-close(출력 스트림만 종료)`,
        )
        : say(`close ${detail}`, `${detail} 닫기`);
    case "signal":
      return event.what === "merged"
        ? say(
          `${detail} merged with the pending one`,
          `${detail}: 대기 중인 같은 시그널과 합쳐짐`,
        )
        : event.what === "echo"
        ? say(
          `${detail} again within ${n} ms: one keypress`,
          `${detail}: ${n} ms 안에 또 옴, 한 번 누른 것`,
        )
        : say(`${detail} caught: handler runs`, `${detail} 받음: 핸들러 실행`);
    case "kill":
      return say(`kill ${detail} to ${peer}`, `${peer}에 ${detail} 보냄`);
    case "accept":
      return n === undefined
        ? say(`accept ${detail}`, `연결 수락 ${detail}`)
        : say(`accept fd ${n} ${detail}`, `연결 수락 fd ${n} ${detail}`);
    case "send":
      return n === undefined
        ? say(`${TOOL} send ${detail}`, `${TOOL} 보냄 ${detail}`)
        : say(
          `${TOOL} send fd ${n} -> ${peer}`,
          `${TOOL} ${peer}에 fd ${n} 보냄`,
        );
    case "recv":
      return n === undefined
        ? say(`${TOOL} recv ${detail}`, `${TOOL} 받음 ${detail}`)
        : say(
          `${TOOL} recv fd ${n} = ${detail}`,
          `${TOOL} fd ${n} 받음 = ${detail}`,
        );
    case "disconnect":
      return say(`disconnect: ${detail}`, `연결 끝: ${detail}`);
    case "sleep":
      return event.what === "blocking"
        ? say(
          `${detail}: the whole thread stops`,
          `${detail}: 스레드 전체가 멈춤`,
        )
        : say(detail, `${detail} 잠듦`);
    case "wake":
      if (event.what === "cut") {
        return say(
          `sleep cut short, ${n} s left`,
          `sleep이 끊김, ${n}초 남음`,
        );
      }
      return say("wakes", "깨어남");
    case "print":
      return say(`prints ${quoteText(detail)}`, `출력 ${quoteText(detail)}`);
    case "tool":
      return `${TOOL} ${event.text ? tr(event.text) : detail}`;
    default:
      return `${event.kind} ${detail}`;
  }
}

/** How many bytes of a transfer the picture shows. */
const SHOWN_BYTES = 20;

/**
 * Bytes as C sees them, in a C literal's escapes: `'Who are you?\0'`. A
 * longer transfer shows its first bytes and `…`; its count says the rest.
 */
export function quoteBytes(head: string, size: number): string {
  let text = "";
  const shown = Math.min(head.length, SHOWN_BYTES, size);
  for (let i = 0; i < shown; i++) text += escapeByte(head.charCodeAt(i));
  return `'${glue(text)}'${size > shown ? "…" : ""}`;
}

/**
 * A space {@linkcode wrap} does not break at, and prints as a space: a
 * private-use character, which no program's text carries.
 */
const GLUE = "\ue000";

/**
 * Spaces at the edges of a quoted text made unbreakable, so that a line
 * never breaks next to a quote and a trailing space stays in sight.
 */
function glue(text: string): string {
  return text.replace(/^ +| +$/g, (spaces) => GLUE.repeat(spaces.length));
}

function escapeByte(byte: number): string {
  switch (byte) {
    case 0:
      return "\\0";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x5c:
      return "\\\\";
    case 0x27:
      return "\\'";
  }
  return byte >= 0x20 && byte < 0x7f
    ? String.fromCharCode(byte)
    : `\\x${byte.toString(16).padStart(2, "0")}`;
}

/** A printed line in double quotes (its spaces show), control bytes escaped. */
function quoteText(text: string): string {
  // deno-lint-ignore no-control-regex
  const escaped = text.replace(/[\x00-\x1f\x7f\\"]/g, (char) => {
    const code = char.charCodeAt(0);
    return char === "\\" || char === '"' ? `\\${char}` : escapeByte(code);
  });
  return `"${glue(escaped)}"`;
}

function hiddenLine(count: number): Text {
  return {
    en:
      `${TOOL} ${count} idle child(ren) of the warm pool not drawn: they only started, waited for a client and ended`,
    ko:
      `${TOOL} 웜 풀에서 시작만 하고 클라이언트를 기다리다 끝난 자식 ${count}개는 그리지 않았다`,
  };
}

// ---------------------------------------------------------------------------
// The legend: only what the picture shows.

interface LegendItem {
  shows(story: Story): boolean;
  text: Text;
}

const has = (kinds: string[]) => (story: Story) =>
  story.rows.some((row) => kinds.includes(row.event.kind));
const marked = (sign: string) => (story: Story) =>
  [...story.marks.values()].some((column) =>
    [...column.values()].includes(sign)
  );

const LEGEND: LegendItem[] = [
  {
    shows: has(["fork"]),
    text: { en: "fork -> N: child N starts", ko: "fork -> 자식 N: 자식 생성" },
  },
  {
    shows: (story) =>
      story.rows.some((row) =>
        row.event.kind === "fork" && row.event.n !== undefined
      ),
    text: {
      en:
        "fork handshake: the tool waits until the child's runtime is up, so that fork() returns as the child runs",
      ko:
        "fork 핸드셰이크: 자식의 런타임이 뜰 때까지 도구가 기다려, 자식이 실행될 때 fork()가 반환",
    },
  },
  {
    shows: has(["exit"]),
    text: {
      en: "ends: it returns or calls exit()",
      ko: "종료: return하거나 exit() 호출",
    },
  },
  {
    shows: marked("Z"),
    text: {
      en: "Z: a zombie (ended, still in the process table)",
      ko: "Z: 좀비 (종료했지만 프로세스 테이블에 남음)",
    },
  },
  {
    shows: has(["reap"]),
    text: {
      en: "reap N: its status collected, N is gone",
      ko: "회수 N: 종료 상태를 가져가 N이 소멸",
    },
  },
  {
    shows: has(["read", "write"]),
    text: {
      en:
        "read/write: bytes into a pipe (fds[1]) or out of it (fds[0]), or a socket, as C sees them",
      ko:
        "쓰기/읽기: 파이프의 입구(fds[1])에 넣고 출구(fds[0])에서 꺼낸 바이트(소켓도), C가 보는 그대로",
    },
  },
  {
    shows: has(["accept", "send", "recv"]),
    text: { en: "fd: file descriptor", ko: "fd: 파일 디스크립터" },
  },
  {
    shows: has(["print"]),
    text: {
      en: 'prints "...": a line on stdout',
      ko: '출력 "...": stdout에 찍은 줄',
    },
  },
  {
    shows: has(["kill"]),
    text: { en: "kill: a signal sent", ko: "보냄: 시그널을 보냄" },
  },
  {
    shows: has(["signal"]),
    text: {
      en: "caught: a signal handled",
      ko: "받음: 시그널이 와서 핸들러 실행",
    },
  },
  {
    shows: marked(":"),
    text: {
      en: ": waiting (blocked in a sleep or a read)",
      ko: ": 기다림 (sleep이나 read에서 블로킹)",
    },
  },
  {
    shows: (story) => story.rows.some((row) => row.text.includes(TOOL)),
    text: {
      en: `${TOOL}: the tool's own work, not the book's`,
      ko: `${TOOL}: 책의 코드가 아니라 도구가 한 일`,
    },
  },
];

function legend(story: Story, width: number): string[] {
  const items = LEGEND.filter((item) => item.shows(story)).map((item) =>
    tr(item.text)
  );
  // Whole items per line where they fit; a long one wraps on its own.
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const joined = line === "" ? item : `${line} · ${item}`;
    if (displayWidth(joined) <= width) {
      line = joined;
      continue;
    }
    if (line !== "") lines.push(line);
    const wrapped = wrap(item, width);
    line = wrapped.pop()!;
    lines.push(...wrapped);
  }
  if (line !== "") lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------
// Layouts.

const COLOURS = [36, 33, 35, 32, 34, 31];

/** Narrower than this, a column is no use: one event per line instead. */
const MIN_COLUMN = 12;

const SEPARATOR = " | ";

/** One column per process, or null when they cannot be wide enough. */
function columnLayout(
  story: Story,
  width: number,
  colour: boolean,
): string[] | null {
  const { rows, pids } = story;
  const times = rows.map((row) => (row.event.t - story.start).toFixed(1));
  const timeWidth = Math.max(2, ...times.map((time) => time.length));
  const headers = pids.map((pid) =>
    `${pid} ${story.labels.get(pid) ?? ""}`.trim()
  );
  const natural = pids.map((pid, i) =>
    Math.max(
      1,
      // A header may wrap, after a space or a `:` (`echo_storeserver:` `store`).
      ...headers[i].split(/ |(?<=:)/).map(displayWidth),
      ...rows.filter((row) => row.event.pid === pid).flatMap((row) =>
        row.text.split("\n").map(displayWidth)
      ),
    )
  );
  const widths = share(
    natural,
    width - timeWidth - SEPARATOR.length * pids.length,
  );
  if (!widths) return null;

  const paint = (column: number, { text, dim }: Line) =>
    colour && text !== ""
      ? `\x1b[${dim ? "2;" : ""}${
        COLOURS[column % COLOURS.length]
      }m${text}\x1b[0m`
      : text;
  // The header keeps its columns' full width, as the rule under it; a row
  // ends after its last cell with something in it.
  const line = (time: string, cells: Line[], full: boolean) => {
    const last = full
      ? cells.length - 1
      : cells.findLastIndex((cell) => cell.text !== "");
    const text = time.padStart(timeWidth) + SEPARATOR +
      cells.slice(0, last + 1).map((cell, i) =>
        paint(i, cell) +
        (full || i < last
          ? " ".repeat(widths[i] - displayWidth(cell.text))
          : "")
      ).join(SEPARATOR);
    return full ? text : text.trimEnd();
  };
  const block = (time: string, cells: Line[][], full = false) => {
    const height = Math.max(...cells.map((cell) => cell.length));
    return Array.from({ length: height }, (_, k) =>
      line(
        k === 0 ? time : "",
        cells.map((cell) => cell[k] ?? { text: "", dim: false }),
        full,
      ));
  };

  const out = block(
    "ms",
    headers.map((header, i) => cellLines(header, widths[i])),
    true,
  );
  out.push(
    "-".repeat(timeWidth) + "-+-" +
      widths.map((w) => "-".repeat(w)).join("-+-"),
  );
  for (const [r, row] of rows.entries()) {
    const cells = pids.map((pid, i) =>
      row.event.pid === pid ? cellLines(row.text, widths[i]) : []
    );
    // A mark runs down every line of a tall row, so the bar has no gap.
    const height = Math.max(...cells.map((cell) => cell.length));
    for (const [i, pid] of pids.entries()) {
      const sign = story.marks.get(pid)?.get(r);
      if (sign) cells[i] = Array(height).fill({ text: sign, dim: true });
    }
    out.push(...block(times[r], cells));
  }
  return out;
}

/** One line of a cell; the tool's own words are drawn dim. */
interface Line {
  text: string;
  dim: boolean;
}

/** `text` wrapped to `width`, each `[tcpip]` part of it dim. */
function cellLines(text: string, width: number): Line[] {
  return text.split("\n").flatMap((part) =>
    wrap(part, width).map((line) => ({
      text: line,
      dim: part.startsWith(TOOL),
    }))
  );
}

/**
 * Widths for columns that would like `natural` widths within `budget`:
 * the narrow ones get theirs, the wide ones share what is left. Null when
 * a column would get less than it needs and less than {@linkcode MIN_COLUMN}.
 */
function share(natural: number[], budget: number): number[] | null {
  const widths = natural.map(() => 0);
  const order = natural.map((_, i) => i).sort((a, b) =>
    natural[a] - natural[b]
  );
  let left = budget;
  for (const [k, i] of order.entries()) {
    const fair = Math.floor(left / (order.length - k));
    widths[i] = Math.min(natural[i], fair);
    left -= widths[i];
  }
  const ok = widths.every((w, i) => w >= Math.min(natural[i], MIN_COLUMN));
  return ok ? widths : null;
}

/** One event per line: time, pid, and what happened. */
function listLayout(story: Story, width: number): string[] {
  const { rows } = story;
  const times = rows.map((row) => (row.event.t - story.start).toFixed(1));
  const timeWidth = Math.max(2, ...times.map((time) => time.length));
  const pidWidth = Math.max(3, ...story.pids.map((pid) => String(pid).length));
  const textWidth = Math.max(
    MIN_COLUMN,
    width - timeWidth - pidWidth - 2 * SEPARATOR.length,
  );
  const out = [
    `${"ms".padStart(timeWidth)}${SEPARATOR}${"pid".padStart(pidWidth)} |`,
    `${"-".repeat(timeWidth)}-+-${"-".repeat(pidWidth)}-+-${
      "-".repeat(textWidth)
    }`,
  ];
  for (const [r, row] of rows.entries()) {
    for (const [k, part] of wrap(row.full, textWidth).entries()) {
      const time = k === 0 ? times[r] : "";
      const pid = k === 0 ? String(row.event.pid) : "";
      out.push(
        `${time.padStart(timeWidth)}${SEPARATOR}${
          pid.padStart(pidWidth)
        }${SEPARATOR}${part}`.trimEnd(),
      );
    }
  }
  return out;
}

/** {@linkcode wrapText}, with glued spaces made spaces again. */
export function wrap(text: string, width: number): string[] {
  return wrapText(text, width).map((line) => line.replaceAll(GLUE, " "));
}

function defaultColour(): boolean {
  return Deno.stderr.isTerminal() && !Deno.noColor;
}

/** The terminal's width when stderr is one, else 80. */
function terminalWidth(): number {
  if (!Deno.stderr.isTerminal()) return 80;
  try {
    return Deno.consoleSize().columns || 80;
  } catch {
    return 80;
  }
}
