/**
 * How `check` writes what it saw: times, bytes as C would write them in a
 * string literal, the lines it waited for, in both languages.
 *
 * @module
 */

import type { Text } from "../text.ts";

/** Text in both languages. */
export function both(en: string, ko: string): Text {
  return { en, ko };
}

/** The same words joined, language by language. */
export function join(parts: readonly Text[], separator = " "): Text {
  return {
    en: parts.map((p) => p.en).filter((s) => s !== "").join(separator),
    ko: parts.map((p) => p.ko).filter((s) => s !== "").join(separator),
  };
}

/** Milliseconds since the start as `1.23 s`. */
export function at(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(2)} s`;
}

/** A duration in ms as `0.4 ms`, `12 ms` or `1.20 s`. */
export function ms(duration: number): string {
  if (duration < 1) return `${duration.toFixed(1)} ms`;
  if (duration < 1000) return `${Math.round(duration)} ms`;
  return `${(duration / 1000).toFixed(2)} s`;
}

/** Seconds as `2 s`, `0.5 s`. */
export function secs(seconds: number): string {
  return `${Number(seconds.toFixed(2))} s`;
}

/**
 * Bytes as a C string literal, quotes included (`"Who are you?\0"`), cut
 * after `max` bytes with `...`.
 */
export function quote(data: Uint8Array | string, max = 80): string {
  const bytes = typeof data === "string"
    ? new TextEncoder().encode(data)
    : data;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(
    bytes.subarray(0, max),
  );
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (code === 0) out += "\\0";
    else if (code < 0x20 || code === 0x7f || code === 0xfffd) {
      out += `\\x${code.toString(16).padStart(2, "0")}`;
    } else out += ch;
  }
  return `"${out}"${bytes.length > max ? "..." : ""}`;
}

/** A line pattern as a reader would write it: `\d+` as N, escapes gone. */
export function patternText(pattern: string): string {
  return pattern
    .replaceAll("-?\\d+", "N")
    .replaceAll("\\d+", "N")
    .replaceAll(" ?", " ")
    .replaceAll(".*", "...")
    .replace(/\\(.)/g, "$1");
}

/** The last `count` lines of a stream's text, for a finding. */
export function tail(text: string, count = 3): string[] {
  return text.split("\n").filter((line) => line.trim() !== "").slice(-count);
}
