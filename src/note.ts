/**
 * The tool's own voice. Standard output carries exactly what the book's
 * program prints; everything `tcpip` adds (what differs from C, what the OS
 * reports) goes to standard error as lines starting with `[tcpip] `.
 *
 * @module
 */

import { writeAllSync } from "./bytes.ts";
import { type Text, tr } from "./text.ts";
import { wrapParagraphs } from "./width.ts";

/** The prefix of every line the tool itself adds to a program's output. */
export const NOTE_PREFIX = "[tcpip] ";

/** The columns a note's lines fit in, prefix included: a classic terminal's. */
export const NOTE_WIDTH = 80;

/**
 * Writes a note to standard error, in the locale's language: running text,
 * broken into lines of at most {@linkcode NOTE_WIDTH} columns, each with
 * the prefix (a blank line in the text starts a new paragraph). A line
 * that starts with two spaces is shown as it is: a command to copy.
 */
export function note(text: Text | string): void {
  const width = NOTE_WIDTH - NOTE_PREFIX.length;
  const lines: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) {
      lines.push(...wrapParagraphs(paragraph.join("\n"), width));
    }
    paragraph = [];
  };
  for (const line of tr(text).split("\n")) {
    if (line.startsWith("  ")) {
      flush();
      lines.push(line);
    } else paragraph.push(line);
  }
  flush();
  writeStderr(
    lines.map((line) => (NOTE_PREFIX + line).trimEnd()).join("\n") + "\n",
  );
}

/** Writes text to standard error at once (synchronously, so it keeps its place). */
export function writeStderr(text: string): void {
  writeAllSync(Deno.stderr, text);
}
