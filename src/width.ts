/**
 * How much room text takes in a terminal, and text broken into lines of a
 * given width: the one place the tool measures its own words. Hangul and
 * other East Asian wide characters take two columns, control characters
 * and combining marks none.
 *
 * @example
 * ```ts
 * import { displayWidth, wrap } from "./width.ts";
 *
 * displayWidth("좀비 zombie"); // 11
 * wrap("a child that ended but was not collected", 20);
 * // ["a child that ended", "but was not", "collected"]
 * ```
 *
 * @module
 */

/** Columns `text` takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0)!);
  return width;
}

/**
 * `text` in lines of at most `width` columns: broken at each `\n` and
 * between words; a word wider than a line is split (after a `:` if it has
 * one, as in `pipe3:` `child` or `127.0.0.1:` `9190`). Every character
 * stays.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const joined = line === "" ? word : `${line} ${word}`;
      if (displayWidth(joined) <= width) {
        line = joined;
        continue;
      }
      if (line !== "") lines.push(line);
      let rest = word;
      while (displayWidth(rest) > width) {
        const [head, tail] = splitAt(rest, width);
        lines.push(head);
        rest = tail;
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Paragraphs (separated by blank lines) as running text, each wrapped to
 * `width` columns with `indent` before every line; white space inside a
 * paragraph is one space.
 */
export function wrapParagraphs(
  text: string,
  width: number,
  indent = "",
): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const words = paragraph.split(/\s+/).filter((word) => word !== "");
    if (words.length === 0) continue;
    if (out.length > 0) out.push("");
    const room = width - displayWidth(indent);
    out.push(...wrap(words.join(" "), room).map((line) => indent + line));
  }
  return out;
}

/** `text` padded with spaces to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** The longest start of `text` within `width` columns, and the rest. */
function splitAt(text: string, width: number): [string, string] {
  let used = 0;
  let end = 0;
  for (const char of text) {
    const w = charWidth(char.codePointAt(0)!);
    if (used + w > width && end > 0) break;
    used += w;
    end += char.length;
  }
  const colon = text.lastIndexOf(":", end - 1);
  if (colon > 0 && colon < end - 1) end = colon + 1;
  return [text.slice(0, end), text.slice(end)];
}

function charWidth(code: number): number {
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code >= 0x300 && code < 0x370) return 0; // combining marks
  return isWide(code) ? 2 : 1;
}

/** East Asian Wide and Fullwidth ranges that matter here (Hangul, CJK). */
function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) || // Yi
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd);
}
