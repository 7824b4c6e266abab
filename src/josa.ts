/**
 * Korean particles (조사) after a value the tool prints: a pid, a port, a
 * file name, a number. Which form follows depends on how the value ends
 * when read aloud: `14560이`, `9190이`, `3을`, `2를`, `7로`, `fds[1]로`
 * (일), `stdin은` (인), `SIGCHLD는` (디), `echo-server를` (서버).
 *
 * @example
 * ```ts
 * import { josa, withJosa } from "./josa.ts";
 *
 * withJosa(14560, "이/가"); // "14560이"
 * withJosa("127.0.0.1:9190", "을/를"); // "127.0.0.1:9190을"
 * `${3}${josa(3, "으로/로")}`; // "3으로"
 * ```
 *
 * @module
 */

/**
 * A particle pair: the form after a final consonant, then the one after a
 * vowel. `으로/로` also takes `로` after ㄹ.
 */
export type Particle =
  | "이/가"
  | "을/를"
  | "은/는"
  | "과/와"
  | "으로/로"
  | "이나/나"
  | "이면/면";

/** How each digit is read aloud; 0 alone is 영. */
const DIGITS = "영일이삼사오육칠팔구";

/**
 * Capital letters, spelled out as an acronym's are (`SIGCHLD` ...디, `URL`
 * ...엘), that end in a consonant: L (엘), M (엠), N (엔), R (알); every
 * other letter ends in a vowel.
 */
const CLOSED_LETTERS: Readonly<Record<string, "ㄹ" | "other">> = {
  L: "ㄹ",
  M: "other",
  N: "other",
  R: "ㄹ",
};

/**
 * Last letters of lower-case words, read as loanwords are: `server` 서버
 * and `client` 클라이언트 end in a vowel, `pool` 풀 in ㄹ, `stdin` 인 and
 * `program` 램 in another consonant.
 */
const CLOSED_ENDINGS: Readonly<Record<string, "ㄹ" | "other">> = {
  l: "ㄹ",
  m: "other",
  n: "other",
};

/** What the value ends in when read aloud: a vowel, ㄹ, or another consonant. */
function ending(value: number | string): "vowel" | "ㄹ" | "other" {
  const text = String(value);
  // Trailing punctuation is not read: `fds[1]`, `(3)`, `'q'`, `3.`.
  const match = text.match(
    /(\d+|[\uac00-\ud7a3]|[A-Za-z]+)[^\dA-Za-z\uac00-\ud7a3]*$/,
  );
  if (!match) return "vowel";
  const last = match[1];
  if (/^\d+$/.test(last)) {
    // 10, 20 ... 100, 1000, 10000 end in 십, 백, 천, 만: never ㄹ, never a vowel.
    const digits = last.replace(/^0+(?=\d)/, "");
    const final = digits.length > 1 && digits.endsWith("0")
      ? "십"
      : DIGITS[Number(digits.at(-1))];
    return finalOf(final);
  }
  if (/^[A-Za-z]+$/.test(last)) {
    // An acronym is spelled out; a word is read as a loanword.
    return last === last.toUpperCase()
      ? CLOSED_LETTERS[last.at(-1)!] ?? "vowel"
      : CLOSED_ENDINGS[last.at(-1)!] ?? "vowel";
  }
  return finalOf(last);
}

/** The final consonant of one Hangul syllable, as {@linkcode ending} names it. */
function finalOf(syllable: string): "vowel" | "ㄹ" | "other" {
  const final = (syllable.charCodeAt(0) - 0xac00) % 28;
  return final === 0 ? "vowel" : final === 8 ? "ㄹ" : "other";
}

/**
 * The form of `particle` that follows `value` read aloud: `josa(3, "을/를")`
 * is `을` (삼), `josa(2, "을/를")` is `를` (이), `josa(7, "으로/로")` is
 * `로` (칠).
 */
export function josa(value: number | string, particle: Particle): string {
  const [closed, open] = particle.split("/");
  const end = ending(value);
  if (end === "vowel") return open;
  if (end === "ㄹ" && particle === "으로/로") return open;
  return closed;
}

/** `value` followed by its particle: `withJosa(14560, "이/가")` is `14560이`. */
export function withJosa(value: number | string, particle: Particle): string {
  return `${value}${josa(value, particle)}`;
}
