/**
 * The ambient settings a program runs with, handed over in one piece to every
 * child process and worker it starts: the `--speed` factor, the language of
 * the tool's own words, and the trace log to append to.
 *
 * @module
 */

import { getSpeed, setSpeed } from "../signal/clock.ts";
import { type Lang, lang, setLang } from "../text.ts";
import { joinTrace, tracePath } from "../trace/trace.ts";

/** What a child process or worker inherits from the program that started it. */
export interface Settings {
  /** The `--speed` factor (1 = the book's real time). */
  speed: number;
  /** The language of notes and texts. */
  lang: Lang;
  /** The trace log to append to, when tracing. */
  trace?: string;
}

/** The settings of this process or thread, to hand over. */
export function currentSettings(): Settings {
  const settings: Settings = { speed: getSpeed(), lang: lang() };
  const trace = tracePath();
  if (trace !== undefined) settings.trace = trace;
  return settings;
}

/** Takes over settings handed over by the starter. */
export function applySettings(settings: Settings): void {
  setSpeed(settings.speed);
  setLang(settings.lang);
  if (settings.trace !== undefined) joinTrace(settings.trace);
}

/** Checks settings that arrived as JSON; the names of wrong fields, if any. */
export function settingsProblems(value: unknown): string[] {
  const settings = value as Partial<Settings> | undefined;
  const problems: string[] = [];
  if (typeof settings?.speed !== "number" || !(settings.speed > 0)) {
    problems.push("speed");
  }
  if (settings?.lang !== "en" && settings?.lang !== "ko") problems.push("lang");
  if (settings?.trace !== undefined && typeof settings.trace !== "string") {
    problems.push("trace");
  }
  return problems;
}
