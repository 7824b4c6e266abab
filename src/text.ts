/**
 * Text in the two languages the tool speaks, and the choice between them.
 *
 * @module
 */

/** A language the tool's own words are written in. */
export type Lang = "en" | "ko";

/** One piece of the tool's own text, in English and in Korean. */
export interface Text {
  /** English. */
  en: string;
  /** Korean. */
  ko: string;
}

/**
 * The language the locale asks for: Korean when the first of `LC_ALL`,
 * `LC_MESSAGES` and `LANG` that is set starts with `ko`; where none is set
 * (Windows sets none), the system's own locale (`navigator.language`, e.g.
 * `ko-KR` on a Korean Windows); English otherwise.
 */
export function localeLang(
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
  system: string | undefined = globalThis.navigator?.language,
): Lang {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const value = env(name);
    if (value) return value.toLowerCase().startsWith("ko") ? "ko" : "en";
  }
  return system?.toLowerCase().startsWith("ko") ? "ko" : "en";
}

let current: Lang | undefined;

/** The language in use for this process (the locale's unless set). */
export function lang(): Lang {
  return current ??= localeLang();
}

/** Sets the language for this process (from `--lang`, or handed to a child). */
export function setLang(value: Lang): void {
  current = value;
}

/** Picks the text for the language in use; a plain string is the same in both. */
export function tr(text: Text | string): string {
  return typeof text === "string" ? text : text[lang()];
}
