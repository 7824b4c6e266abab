/**
 * Golden files (tests/golden/): what a run's output is compared with, and
 * how. Three things vary from run to run and are written as placeholders:
 *
 * - values a pattern finds (`<pid#>`, `<fd#>`, `<ms>`), where it finds
 *   them: a placeholder with `#` names a value, so the same pid is the
 *   same `<pid1>` in every place a pattern finds it (numbered in the order
 *   the values first appear), and one without `#` stands for whatever the
 *   pattern caught at that place; a trace's pids are its columns', named
 *   `<pid1>`, `<pid2>`... in their order wherever they stand;
 * - the order of lines of different processes: each process keeps its own
 *   order, and a line that must wait for another stays after it (the
 *   orders the OS allows, nothing more), and a line a loop prints while it
 *   waits for the test may come more than once;
 * - the layout of a `--trace` picture: its columns' widths follow the
 *   lengths of the pids and times, so a picture is compared as what it
 *   shows (the columns, each row's process and text, the marks `Z` and `:`
 *   of the others, the legend), not as its padding and line breaks.
 *
 * @module
 */

import { displayWidth } from "../src/width.ts";

/** One pattern whose first group is a value that varies between runs. */
export interface Rule {
  /** A regular expression (flags `gm`) with one capturing group. */
  find: string;
  /** Its placeholder: `<pid#>` numbers each value, `<ms>` stands for any. */
  as: string;
}

/** How the lines of different processes may interleave. */
export interface Order {
  /** Which process prints each line of the golden file. */
  processes: string[];
  /** Pairs [a, b] of golden lines (0-based): line b can only come after line a. */
  after?: [number, number][];
  /** Golden lines that may come more than once in a row (a loop that waits). */
  repeats?: number[];
  /** Runs of golden lines one process prints together: nothing comes between. */
  blocks?: number[][];
}

/** Where a rule found a value: the span of its group. */
interface Found {
  start: number;
  end: number;
  value: string;
  as: string;
}

/** Every value the rules find in `text`, in order, overlaps left out. */
function findValues(text: string, rules: readonly Rule[]): Found[] {
  const found: Found[] = [];
  for (const rule of rules) {
    for (const match of text.matchAll(new RegExp(rule.find, "gmd"))) {
      const [start, end] = match.indices![1]!;
      found.push({ start, end, value: match[1], as: rule.as });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.filter((item, i) => i === 0 || item.start >= found[i - 1].end);
}

/** `text` with each of `pids` written `<pid1>`, `<pid2>`... wherever it stands. */
function namePids(text: string, pids: readonly string[]): string {
  let out = text;
  // Longest first, so that 1234 is not read inside 12345. A number before
  // "ms" is a time that happens to equal a pid (Wine's pids are small).
  const order = pids.map((pid, i) => [pid, `<pid${i + 1}>`] as const)
    .sort(([a], [b]) => b.length - a.length);
  for (const [pid, name] of order) {
    out = out.replace(
      new RegExp(`(?<![\\d.])${pid}(?!\\d|\\.\\d| ms\\b)`, "g"),
      name,
    );
  }
  return out;
}

/**
 * The names of the values the numbered rules (`<pid#>`) find in `text`:
 * each distinct value numbered per placeholder as it first appears, after
 * the `pids` given (a trace's columns, which are `<pid1>`... in order).
 */
export function nameValues(
  text: string,
  rules: readonly Rule[],
  pids: readonly string[] = [],
): Map<string, string> {
  const names = new Map<string, string>();
  const counts = new Map<string, number>([["<pid#>", pids.length]]);
  for (const { value, as } of findValues(namePids(text, pids), rules)) {
    const key = `${as}\n${value}`;
    if (!as.includes("#") || names.has(key)) continue;
    const n = (counts.get(as) ?? 0) + 1;
    counts.set(as, n);
    names.set(key, as.replace("#", String(n)));
  }
  return names;
}

/**
 * `text` with what varies written as placeholders: each of `pids` wherever
 * it stands as a whole number (`<pid1>`...), then each value a rule finds
 * where it finds it: by its name (see {@linkcode nameValues}) for a
 * numbered placeholder, as the placeholder itself for a plain one (`<ms>`).
 */
export function substitute(
  text: string,
  rules: readonly Rule[],
  names: ReadonlyMap<string, string>,
  pids: readonly string[] = [],
): string {
  const named = namePids(text, pids);
  let out = "";
  let at = 0;
  for (const { start, end, value, as } of findValues(named, rules)) {
    out += named.slice(at, start) + (names.get(`${as}\n${value}`) ?? as);
    at = end;
  }
  return out + named.slice(at);
}

/** `text` with what varies written as placeholders (see {@linkcode substitute}). */
export function normalise(
  text: string,
  rules: readonly Rule[],
  pids: readonly string[] = [],
): string {
  return substitute(text, rules, nameValues(text, rules, pids), pids);
}

/** Lines of `text`, each with its newline (the last may have none). */
export function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * True when `output` is `golden`'s lines in an order that keeps each
 * process's own order and every `after` pair, with each of `blocks` whole
 * (a line of `repeats` may come more than once in a row).
 */
export function fitsOrder(
  output: string,
  golden: string,
  order: Order,
): boolean {
  const want = linesOf(golden);
  const repeatable = new Set(
    (order.repeats ?? []).map((i) => want[i]),
  );
  const got = linesOf(output).filter((line, i, all) =>
    !(i > 0 && line === all[i - 1] && repeatable.has(line))
  );
  if (got.length !== want.length) return false;
  const { processes } = order;
  const after = order.after ?? [];
  if (processes.length !== want.length) {
    throw new Error(
      `the order names ${processes.length} processes for ${want.length} lines`,
    );
  }
  // The line that must come right after each line of a block.
  const next = new Map<number, number>();
  for (const block of order.blocks ?? []) {
    block.slice(1).forEach((line, k) => next.set(block[k], line));
  }
  const used = new Set<number>();
  const place = (i: number, last: number): boolean => {
    if (i === got.length) return true;
    const due = next.get(last);
    for (let g = 0; g < want.length; g++) {
      if (used.has(g) || want[g] !== got[i]) continue;
      if (due !== undefined && g !== due) continue;
      // Every earlier line of the same process, and every line it must
      // follow, has been placed already.
      const ready = want.every((_, h) =>
        used.has(h) ||
        !((h < g && processes[h] === processes[g]) ||
          after.some(([a, b]) => a === h && b === g))
      );
      if (!ready) continue;
      used.add(g);
      if (place(i + 1, g)) return true;
      used.delete(g);
    }
    return false;
  };
  return place(0, -1);
}

// ---------------------------------------------------------------------------
// --trace pictures.

/** A `--trace` picture read back, independent of its layout. */
export interface Picture {
  /** Each column's header: `pid label`. */
  header: string[];
  /** Each row: the column of its process, its text, every column's mark. */
  rows: { column: number; text: string; marks: string[] }[];
  /** The lines after the table (the hidden children, the legend), as they are. */
  after: string[];
}

const SEPARATOR = " | ";

/** A cell that only marks a state: `Z` (zombie) or `:` (waiting), on every line. */
const MARK = /^([Z:])( \1)*$/;

/** Where the picture starts in stderr: its header line. */
const HEADER = /^ *ms \| /;

/** The part of stderr that is the picture (from its header on), or null. */
export function pictureText(stderr: string): string | null {
  const lines = stderr.split("\n");
  const at = lines.findIndex((line) => HEADER.test(line));
  return at < 0 ? null : lines.slice(at).join("\n");
}

/** The pids of a picture's columns, in order. */
export function picturePids(text: string): string[] {
  const first = text.split("\n").find((line) => HEADER.test(line)) ?? "";
  return first.split(SEPARATOR).slice(1).map((cell) => cell.trim())
    .map((cell) => cell.split(" ")[0]).filter((pid) => /^\d+$/.test(pid));
}

/**
 * Reads a picture (a run's, or a golden file's with its placeholders).
 * A cell's wrapped lines are joined; its spaces are not compared, since
 * where a column breaks a line depends on how wide the pids and times make
 * it.
 */
export function readPicture(text: string): Picture {
  const lines = text.replace(/\n$/, "").split("\n");
  const start = lines.findIndex((line) => HEADER.test(line));
  if (start < 0) throw new Error(`no picture in:\n${text}`);
  const rule = lines.findIndex((line) => /^-+-\+-/.test(line));
  const cellsOf = (line: string) => line.split(SEPARATOR).map((c) => c.trim());
  const join = (into: string[], parts: string[]) =>
    parts.forEach((part, i) => {
      if (part !== "") into[i] = into[i] ? `${into[i]} ${part}` : part;
    });
  const header: string[] = [];
  for (const line of lines.slice(start, rule)) {
    join(header, cellsOf(line).slice(1));
  }
  const table: string[][] = [];
  let end = rule + 1;
  for (; end < lines.length && lines[end].includes(" |"); end++) {
    const [time, ...parts] = cellsOf(lines[end]);
    if (time !== "") table.push(header.map(() => ""));
    join(table.at(-1)!, parts);
  }
  const rows = table.map((cells, r) => {
    const column = cells.findIndex((cell) => cell !== "" && !MARK.test(cell));
    if (column < 0) throw new Error(`row ${r} has no event:\n${text}`);
    const marks = cells.map((cell, i) => {
      if (i === column || cell === "") return "";
      if (!MARK.test(cell)) throw new Error(`row ${r}: two events:\n${text}`);
      return cell[0];
    });
    return { column, text: cells[column], marks };
  });
  return { header, rows, after: lines.slice(end) };
}

/** A row's own text, compared without its spaces (they follow the layout). */
const squeeze = (text: string) => text.replace(/\s+/g, "");

/**
 * The row of `picture` that `name` names: `"<column>: <start of its
 * text>"`, with ` #n` for the n-th such row of that column (1 when left
 * out). Returns the row's column and its rank among that column's rows.
 */
function findRow(picture: Picture, name: string): [number, number] {
  const parsed = name.match(/^(\d+): (.*?)(?: #(\d+))?$/);
  if (!parsed) throw new Error(`a row is named '<column>: <text>': ${name}`);
  const column = Number(parsed[1]);
  const start = squeeze(parsed[2]);
  const nth = Number(parsed[3] ?? 1);
  const own = picture.rows.filter((row) => row.column === column);
  const hits = own.flatMap((row, rank) =>
    squeeze(row.text).startsWith(start) ? [rank] : []
  );
  if (hits.length < nth || (parsed[3] === undefined && hits.length > 1)) {
    throw new Error(
      `'${name}' names ${hits.length} rows of the golden picture`,
    );
  }
  return [column, hits[nth - 1]];
}

/**
 * Why the marks of `picture` are not those its rows call for, or null:
 * `Z` on every row from a process's end to the row that collects it (that
 * one included); `:` on every row from a sleep to its wake; and otherwise
 * nothing, but for a run of `:` that reaches the process's next row: a
 * wait in a read (or a hand-off) is no row of its own, it begins at some
 * moment after the process's row before, so its run may begin on any row
 * of that gap.
 */
function marksMisfit(picture: Picture): string | null {
  const { rows, header } = picture;
  for (const column of header.keys()) {
    const pid = header[column].split(" ")[0];
    const own = rows.flatMap((row, r) => row.column === column ? [r] : []);
    const want: (string | undefined)[] = rows.map(() => undefined);
    for (const [k, r] of own.entries()) {
      if (!/^sleep\(/.test(rows[r].text)) continue;
      const woke = own.slice(k + 1).find((o) =>
        /^(wakes|sleep cut short|깨어남|sleep이 끊김|ends:|종료:)/.test(
          rows[o].text,
        )
      ) ?? rows.length;
      for (let g = r + 1; g < woke; g++) {
        want[g] = ":";
      }
    }
    const end = own.find((r) => /^(ends:|종료:)/.test(rows[r].text));
    if (end !== undefined) {
      const reap = rows.findIndex((row, r) =>
        r > end && new RegExp(`(reap|회수) ${pid} `).test(row.text)
      );
      for (let g = end + 1; g <= reap; g++) want[g] = "Z";
    }
    // The gaps between the column's own rows (the last one up to the end).
    const bounds = [-1, ...own, rows.length];
    for (let k = 0; k + 1 < bounds.length; k++) {
      let waiting = false;
      for (let g = bounds[k] + 1; g < bounds[k + 1]; g++) {
        const mark = rows[g].marks[column];
        const fixed = want[g];
        if (fixed !== undefined) {
          if (mark !== fixed) return misfit(rows[g].text, column, mark, fixed);
          continue;
        }
        // Free rows: nothing, then (a wait) `:` to the end of the gap.
        if (mark === ":") waiting = true;
        else if (mark !== "" || waiting) {
          return misfit(rows[g].text, column, mark, waiting ? ":" : "");
        }
      }
    }
  }
  return null;
}

function misfit(text: string, column: number, mark: string, want: string) {
  return `column ${column} shows '${mark}', not '${want}', beside ${text}`;
}

/**
 * Why `actual` does not show what `golden` shows, or null when it does:
 * the same columns, each column's rows with the same texts in the same
 * order, the rows of different columns in the golden's order or, when
 * `after` is given, in any order that keeps every pair of it (a row named
 * first stays before the row named second; see {@linkcode findRow}), and
 * the marks the rows call for: `Z` from a process's end to the row that
 * collects it, `:` from a sleep to its wake, and a run of `:` before a
 * read (its wait began at a moment the picture has no row for, so the run
 * may begin anywhere after the column's row before). The legend names the
 * same things (`:` and `Z` when the picture shows them); the lines
 * between the table and the legend are the same.
 */
export function comparePictures(
  golden: Picture,
  actual: Picture,
  after?: readonly [string, string][],
): string | null {
  if (
    JSON.stringify(golden.header.map(squeeze)) !==
      JSON.stringify(actual.header.map(squeeze))
  ) {
    return `columns ${JSON.stringify(actual.header)}, not ${
      JSON.stringify(golden.header)
    }`;
  }
  const ownRows = (picture: Picture, column: number) =>
    picture.rows.filter((row) => row.column === column).map((row) =>
      squeeze(row.text)
    );
  for (const column of golden.header.keys()) {
    const [want, got] = [ownRows(golden, column), ownRows(actual, column)];
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      return `column ${column}'s rows:\n${
        actual.rows.filter((row) => row.column === column).map((row) =>
          row.text
        ).join("\n")
      }`;
    }
  }
  // Where each (column, rank) stands in a picture.
  const places = (picture: Picture) => {
    const at = new Map<string, number>();
    const ranks = picture.header.map(() => 0);
    picture.rows.forEach((row, r) =>
      at.set(`${row.column}/${ranks[row.column]++}`, r)
    );
    return at;
  };
  const placed = places(actual);
  if (after === undefined) {
    const same = golden.rows.every((row, r) =>
      actual.rows[r].column === row.column
    );
    if (!same) return "the rows of the columns interleave otherwise";
  } else {
    for (const [first, second] of after) {
      const [a, b] = [findRow(golden, first), findRow(golden, second)];
      if (placed.get(a.join("/"))! > placed.get(b.join("/"))!) {
        return `'${second}' comes before '${first}'`;
      }
    }
  }
  for (
    const [which, picture] of [["golden", golden], ["run's", actual]] as const
  ) {
    const wrong = marksMisfit(picture);
    if (wrong) return `the ${which} picture: ${wrong}`;
  }
  const blocks = (lines: readonly string[]) =>
    lines.join("\n").trim().split(/\n\s*\n/);
  const [wantBlocks, gotBlocks] = [blocks(golden.after), blocks(actual.after)];
  if (
    JSON.stringify(wantBlocks.slice(0, -1)) !==
      JSON.stringify(gotBlocks.slice(0, -1))
  ) {
    return `the lines under the picture:\n${actual.after.join("\n")}`;
  }
  // The same legend, but that it explains `:` and `Z` when the picture
  // shows them (the run's `:` may differ from the golden's, see above).
  const [want, got] = [wantBlocks.at(-1)!, gotBlocks.at(-1)!];
  const item = (legend: string, mark: string) =>
    legend.match(new RegExp(`(?:^| · )(${mark} [^·\\n]*?)(?= · |$)`, "m"))
      ?.[1];
  const rest = (legend: string) => {
    let text = legend;
    for (const mark of [":", "Z:"]) {
      text = text.replace(item(text, mark) ?? "", "");
    }
    return text.replace(/[\s·]+/g, "");
  };
  if (rest(got) !== rest(want)) return `the legend:\n${got}`;
  for (const mark of [":", "Z:"]) {
    const [wanted, named] = [item(want, mark), item(got, mark)];
    const shown = actual.rows.some((row) => row.marks.includes(mark[0]));
    if (
      (named !== undefined) !== shown || (named && wanted && named !== wanted)
    ) {
      return `the legend on '${mark[0]}':\n${got}`;
    }
  }
  return null;
}

/**
 * A picture's lines with their times written `<ms>`, its pids and the
 * rules' values as placeholders (see {@linkcode substitute}),
 * each cell kept at its width where its padding allows: a golden file that
 * still looks like the picture.
 */
export function pictureGolden(
  text: string,
  rules: readonly Rule[],
): string {
  const pids = picturePids(text);
  const names = nameValues(text, rules, pids);
  const lines = text.replace(/\n$/, "").split("\n");
  const rule = lines.findIndex((line) => /^-+-\+-/.test(line));
  let end = rule + 1;
  while (end < lines.length && lines[end].includes(" |")) end++;
  return lines.map((line, i) => {
    if (i === rule || i >= end) return substitute(line, rules, names, pids);
    const cells = line.split(SEPARATOR);
    return cells.map((cell, k) => {
      const width = displayWidth(cell);
      if (k === 0) {
        return (i > rule && cell.trim() !== "" ? "<ms>" : cell.trim())
          .padStart(width);
      }
      const text = substitute(cell, rules, names, pids).trimEnd();
      return k === cells.length - 1
        ? text
        : text + " ".repeat(Math.max(0, width - displayWidth(text)));
    }).join(SEPARATOR).trimEnd();
  }).join("\n") + "\n";
}
