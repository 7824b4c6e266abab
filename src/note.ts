/**
 * The tool's own voice. Standard output carries exactly what the book's
 * program prints; everything `tcpip` adds (what differs from C, what the OS
 * reports) goes to standard error as lines starting with `[tcpip] `.
 *
 * @module
 */

import { writeAllSync } from "./bytes.ts";
import { type Text, tr } from "./text.ts";

/** The prefix of every line the tool itself adds to a program's output. */
export const NOTE_PREFIX = "[tcpip] ";

/** Writes a note (one or more lines) to standard error, in the locale's language. */
export function note(text: Text | string): void {
  const lines = tr(text).split("\n").map((line) => NOTE_PREFIX + line);
  writeStderr(lines.join("\n") + "\n");
}

/** Writes text to standard error at once (synchronously, so it keeps its place). */
export function writeStderr(text: string): void {
  writeAllSync(Deno.stderr, text);
}
