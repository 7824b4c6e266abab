/**
 * Tolerant reading of typed answers, shared by `tcpip quiz` and
 * `tcpip predict`. A learner writes `zombie.`, `좀비입니다`, `fds [1]`,
 * `두 개` or `returns 0`; each reader here turns such text into what it
 * means (a truth value, a choice, numbers, a known word) or says it cannot
 * tell, so the caller can ask again instead of marking a guess.
 *
 * @example
 * ```ts
 * import { canonical, readNumbers, readTruth } from "./quiz_marking.ts";
 *
 * canonical("좀비 프로세스입니다."); // "좀비프로세스"
 * readTruth("아니요"); // false
 * readNumbers("두 개"); // [2]
 * ```
 *
 * @module
 */

import { closestString, levenshteinDistance } from "@std/text";

/** How an answer reads: right, wrong, or neither clearly (ask again). */
export type Mark = "right" | "wrong" | "unclear";

// Endings a Korean answer may carry: particles (은/는/이/가/을/를/의/로/으로/
// 에 ...) and sentence endings (입니다, 이다, 요 ...). Longest first, so
// "으로" goes before "로".
const KOREAN_ENDINGS = [
  "이었습니다",
  "입니다",
  "습니다",
  "합니다",
  "됩니다",
  "이에요",
  "이예요",
  "이었다",
  "이다",
  "예요",
  "에요",
  "으로",
  "에서",
  "에게",
  "한다",
  "된다",
  "였다",
  "은",
  "는",
  "이",
  "가",
  "을",
  "를",
  "의",
  "로",
  "에",
  "와",
  "과",
  "도",
  "요",
  "다",
  "임",
];

/** English words that only frame an answer ("it is a zombie"). */
const FRAME_WORDS = new Set(["the", "a", "an", "it", "its", "is", "are"]);

const HANGUL = /[\uac00-\ud7a3]$/;

/**
 * The words of an answer, each in a comparable form: Unicode-normalised
 * (NFKC, so `①` is `1` and full-width letters are plain), lower case,
 * punctuation gone, a Korean particle or ending cut off, framing English
 * words (`the`, `is`, ...) dropped.
 */
export function words(text: string): string[] {
  const plain = text
    .replace(/[○◯⭕]/g, " o ")
    .replace(/[×✕✗❌]/g, " x ")
    .normalize("NFKC")
    .toLowerCase()
    // a minus sign belongs to the number after it
    .replace(/(^|[^\p{L}\p{N}])-(?=\d)/gu, "$1\u2212")
    .replace(/[^\p{L}\p{N}\u2212]+/gu, " ");
  return plain.split(" ")
    .filter((word) => word !== "" && !FRAME_WORDS.has(word))
    .map((word) => cutEnding(word.replaceAll("\u2212", "-")));
}

/** An answer as one comparable string: its {@linkcode words}, joined. */
export function canonical(text: string): string {
  return words(text).join("");
}

/** Cuts at most two Korean endings (`좀비입니다` → `좀비`, `2개입니다` → `2개`). */
function cutEnding(word: string): string {
  for (let round = 0; round < 2; round++) {
    if (!HANGUL.test(word)) return word;
    const ending = KOREAN_ENDINGS.find((end) =>
      word.length > end.length && word.endsWith(end)
    );
    if (!ending) return word;
    word = word.slice(0, -ending.length);
  }
  return word;
}

const YES = [
  "t",
  "true",
  "o",
  "y",
  "yes",
  "yeah",
  "yep",
  "right",
  "correct",
  "참",
  "맞다",
  "맞음",
  "맞아",
  "맞아요",
  "맞습니다",
  "옳다",
  "옳음",
  "예",
  "네",
  "응",
  "ㅇ",
  "ㅇㅇ",
  "그렇다",
  "그래",
  "그래요",
  "그렇습니다",
].map(canonical);

const NO = [
  "f",
  "false",
  "x",
  "n",
  "no",
  "nope",
  "wrong",
  "incorrect",
  "not",
  "거짓",
  "아니",
  "아니다",
  "아니요",
  "아니오",
  "아닙니다",
  "아님",
  "틀리다",
  "틀림",
  "틀렸다",
  "틀려요",
  "틀립니다",
  "그르다",
  "ㄴ",
  "ㄴㄴ",
  "no way",
].map(canonical);

/**
 * Reads a true/false or yes/no answer: `true` for 예/네/맞다/참/그렇다/t/yes/o,
 * `false` for 아니/아니다/아니요/거짓/틀리다/f/no/x, `null` when it is
 * neither or both (`네, 아니요`).
 */
export function readTruth(text: string): boolean | null {
  const found = words(text);
  if (found.length === 0) return null;
  if (found.every((word) => YES.includes(word))) return true;
  if (found.every((word) => NO.includes(word))) return false;
  const whole = found.join("");
  if (YES.includes(whole)) return true;
  if (NO.includes(whole)) return false;
  return null;
}

/**
 * Reads a multiple-choice answer: its number (`2`, `2번`, `②`, `(2)`), the
 * text of one of the options (in any language given), the first word of
 * exactly one option, or a part of the text of exactly one option. Resolves to the option's index from 0, or
 * `null` when it names none of them.
 */
export function readChoice(
  text: string,
  options: readonly (readonly string[])[],
): number | null {
  const found = words(text);
  if (found.length === 1) {
    const number = found[0].match(/^(\d+)(?:번|번째)?$/)?.[1];
    if (number !== undefined) {
      const index = Number(number) - 1;
      return index >= 0 && index < options.length ? index : null;
    }
  }
  const whole = found.join("");
  if (whole === "") return null;
  const index = options.findIndex((texts) =>
    texts.some((option) => canonical(option) === whole)
  );
  if (index >= 0) return index;
  // The first word of one option (`Z` for `Z (zombie)`), or a part of the
  // text of one option and of no other (`아무것도`, `the parent`).
  const only = (found: (option: string) => boolean) => {
    const matching = options.flatMap((texts, i) =>
      texts.some(found) ? [i] : []
    );
    return matching.length === 1 ? matching[0] : null;
  };
  return only((option) => words(option)[0] === whole) ??
    (whole.length >= 2
      ? only((option) => canonical(option).includes(whole))
      : null);
}

/** Number words standing alone, in both languages. */
const NUMBER_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  영: 0,
  공: 0,
  하나: 1,
  둘: 2,
  셋: 3,
  넷: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
};

/** Korean numerals as they stand before a counter: 한 개, 두 줄, 세 번. */
const BEFORE_COUNTER: Record<string, number> = {
  한: 1,
  두: 2,
  세: 3,
  네: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
};

const COUNTED = new RegExp(
  `(^|[^\\p{L}])(${
    Object.keys(BEFORE_COUNTER).join("|")
  })\\s*(개|줄|번|초|가지|명)`,
  "gu",
);

/**
 * The numbers an answer names, in order: digits (`3`, `-1`, `1.5`, `2개`,
 * `3초`) and number words (`two`, `둘`, `두 개`, `네 줄`). Other words are
 * ignored, so `3 then 7` and `3 다음에 7` both read as `[3, 7]`.
 */
export function readNumbers(text: string): number[] {
  const counted = text.normalize("NFKC").toLowerCase().replace(
    COUNTED,
    (_, before, numeral, counter) =>
      `${before}${BEFORE_COUNTER[numeral]}${counter}`,
  );
  const found: number[] = [];
  for (const token of counted.split(/[^\p{L}\p{N}.\-]+/u)) {
    const digits = token.match(/(?:^-)?\d+(?:\.\d+)?/g);
    if (digits) {
      found.push(...digits.map(Number));
      continue;
    }
    const value = NUMBER_WORDS[cutEnding(token.replace(/[.\-]/g, ""))];
    if (value !== undefined) found.push(value);
  }
  return found;
}

/**
 * Marks a short answer against the accepted and the known wrong answers
 * (compared as {@linkcode canonical} strings). An answer that contains an
 * accepted word and no wrong one is right (`the SIGCHLD signal`); one a
 * typo away from a known answer counts as that answer (`zombi`). Anything
 * else is unclear.
 */
export function markWords(
  text: string,
  accept: readonly string[],
  reject: readonly string[],
): Mark | null {
  const answer = canonical(text);
  if (answer === "") return null;
  const right = accept.map(canonical);
  const wrong = reject.map(canonical);
  if (right.includes(answer)) return "right";
  if (wrong.includes(answer)) return "wrong";
  // Numbers are whole answers only: "10" must not count as containing "1".
  const contains = (terms: string[]) =>
    terms.some((term) =>
      term.length >= 2 && !/^[\d-]+$/.test(term) && answer.includes(term)
    );
  if (contains(right) && !contains(wrong)) return "right";
  if (contains(wrong) && !contains(right)) return "wrong";
  if (answer.length >= 5) {
    const closest = closestString(answer, [...right, ...wrong]);
    if (closest.length >= 5 && levenshteinDistance(answer, closest) <= 1) {
      return right.includes(closest) ? "right" : "wrong";
    }
  }
  return "unclear";
}
