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

/** Whole answers that say yes (or true), compared without spaces. */
const YES = new Set([
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
  "참이다",
  "참임",
  "맞다",
  "맞음",
  "맞아",
  "맞아요",
  "맞습니다",
  "맞는말",
  "맞는말이다",
  "맞는설명",
  "맞는설명이다",
  "옳다",
  "옳음",
  "옳은말",
  "옳은말이다",
  "옳은설명",
  "옳은설명이다",
  "옳습니다",
  "사실",
  "사실이다",
  "사실임",
  "사실입니다",
  "정답",
  "예",
  "네",
  "응",
  "ㅇ",
  "ㅇㅇ",
  "그렇다",
  "그래",
  "그래요",
  "그렇습니다",
  "그럼",
]);

/** Whole answers that say no (or false), compared without spaces. */
const NO = new Set([
  "f",
  "false",
  "x",
  "n",
  "no",
  "nope",
  "noway",
  "wrong",
  "incorrect",
  "거짓",
  "거짓이다",
  "거짓임",
  "아니",
  "아니다",
  "아니요",
  "아니오",
  "아뇨",
  "아니야",
  "아니에요",
  "아닙니다",
  "아님",
  "틀리다",
  "틀림",
  "틀렸다",
  "틀려요",
  "틀립니다",
  "틀린말",
  "틀린말이다",
  "틀린설명",
  "틀린설명이다",
  "그르다",
  "오답",
  "ㄴ",
  "ㄴㄴ",
]);

/** What a Korean negation (`…이 아니다`, `…지 않다`) may follow, and what it then says. */
const NEGATED: readonly [RegExp, readonly string[], readonly string[]][] = [
  // 사실이 아니다, 참이 아니다, 맞는 말이 아니다 / 거짓이 아니다, 틀린 말이 아니다
  [
    /^(.+?)(?:이|가)?(?:아니다|아니야|아니에요|아닙니다|아님|아니)$/,
    ["사실", "참", "정답", "맞는말", "맞는설명", "옳은말", "옳은설명"],
    ["거짓", "오답", "틀린말", "틀린설명"],
  ],
  // 그렇지 않다, 옳지 않다, 맞지 않다 / 틀리지 않다
  [
    /^(.+?)지(?:않다|않아|않아요|않습니다|않음|않는다)$/,
    ["그렇", "옳", "맞", "사실이"],
    ["틀리", "그르"],
  ],
];

/** English words that only frame a judgement ("it's true", "that is false"). */
const TRUTH_FRAME =
  /^(?:(?:it|that|this|the statement|the answer)(?: is| s)?|i think|i d say)\s+/;

/** One clause read as a judgement: true, false, or null when it says neither. */
function judgement(clause: string): boolean | null {
  let plain = clause.normalize("NFKC").toLowerCase()
    .replace(/[○◯⭕]/g, " o ").replace(/[×✕✗❌]/g, " x ")
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  plain = plain.replace(TRUTH_FRAME, "");
  // English negation: "not true", "isn't correct", "is not false".
  const english = plain.match(/^(?:is )?(?:not|isn t|isnt|is not)\s+(.+)$/);
  if (english) {
    const said = judgement(english[1]);
    return said === null ? null : !said;
  }
  const compact = plain.replaceAll(" ", "");
  if (YES.has(compact)) return true;
  if (NO.has(compact)) return false;
  for (const [pattern, yes, no] of NEGATED) {
    const stem = compact.match(pattern)?.[1];
    if (stem === undefined) continue;
    if (yes.includes(stem)) return false;
    if (no.includes(stem)) return true;
  }
  // Several yes (or no) words: "yes yes", "o o".
  const found = plain.split(" ").filter((word) => word !== "");
  if (found.length > 1 && found.every((word) => YES.has(word))) return true;
  if (found.length > 1 && found.every((word) => NO.has(word))) return false;
  return null;
}

/**
 * Reads a true/false or yes/no answer: `true` for 예, 네, 맞다, 맞는 말이다,
 * 옳은 설명이다, 사실이다, 그렇다, 참, t, yes, o, it's true; `false` for
 * 아니요, 아뇨, 아니다, 틀린 말이다, 그렇지 않다, 사실이 아니다, 옳지 않다,
 * 거짓, f, no, x, that's false, not true. A yes or no followed by a reason
 * (`예, 일찍 깨어난다`, `아니요, 시그널이 합쳐질 수 있다`) is read by its
 * first word. `null` when it is neither, or both (`네, 아니요`).
 */
export function readTruth(text: string): boolean | null {
  const whole = judgement(text);
  if (whole !== null) return whole;
  const [first, ...rest] = text.split(/[,.;:!?，。]+/).filter((part) =>
    part.trim() !== ""
  );
  if (first === undefined || rest.length === 0) return null;
  const lead = judgement(first);
  if (lead === null) return null;
  // "네, 아니요": the reason says the opposite of the first word.
  return rest.some((part) => judgement(part) === !lead) ? null : lead;
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

/**
 * What an answer says in the end when it corrects itself: `WNOHANG이
 * 아니라 0`, `WNOHANG 말고 0`, `not WNOHANG but 0`, `0, not WNOHANG` and
 * `0 instead of WNOHANG` all say `0`. Other answers are returned as they are.
 */
export function affirmed(text: string): string {
  const plain = text.normalize("NFKC").trim();
  const patterns: [RegExp, number][] = [
    [/^(.+?)\s*(?:이|가)?\s*아니(?:고|라|라고)[,\s]\s*(.+)$/u, 2],
    [/^(.+?)\s+(?:말고|대신에?)\s+(.+)$/u, 2],
    [/^not\s+(.+?),?\s+but\s+(.+)$/iu, 2],
    [/^(.+?)\s+(?:instead of|rather than)\s+(.+)$/iu, 1],
    [/^(.+?),\s*not\s+(.+)$/iu, 1],
  ];
  for (const [pattern, keep] of patterns) {
    const found = plain.match(pattern);
    if (found) return found[keep].trim();
  }
  return plain;
}

/**
 * What a plain negation denies: `0이 아니다`, `0이 아닌 양수`, `0 아님`,
 * `not 0`, `isn't WNOHANG`; `non-zero` denies `0`. `null` when the answer
 * denies nothing.
 */
export function denied(text: string): string | null {
  const plain = text.normalize("NFKC").trim();
  if (/\bnon-?zero\b/i.test(plain)) return "0";
  const korean = plain.match(
    /^(.+?)\s*(?:이|가)?\s*(?:아니다|아닙니다|아니에요|아니야|아님|아닌(?:\s.*)?)[.!]?$/u,
  );
  if (korean) return korean[1].trim();
  const english = plain.match(
    /^(?:it\s*'?s\s+|it\s+is\s+)?(?:not|never|isn'?t|is\s+not)\s+(.+?)[.!]?$/iu,
  );
  return english ? english[1].trim() : null;
}

/** A process an answer may give its value to. */
export type Role = "child" | "parent";

/** How an answer names a process it gives a value to: `자식에서는`, `in the child`. */
const ROLE_MARKS: Readonly<Record<Role, RegExp>> = {
  child: new RegExp(
    "자식\\s?(?:프로세스)?\\s?(?:에서는|에서|에게는|에게|한테는|한테|쪽에서는|쪽은|쪽|은|는|:)" +
      "|\\b(?:in|for|to|inside)\\s+(?:the\\s+)?child(?:\\s+process)?\\b" +
      "|\\bchild(?:\\s+process)?\\s*(?::|gets\\b|returns\\b|receives\\b)",
    "iu",
  ),
  parent: new RegExp(
    "부모\\s?(?:프로세스)?\\s?(?:에서는|에서|에게는|에게|한테는|한테|쪽에서는|쪽은|쪽|은|는|:)" +
      "|\\b(?:in|for|to|inside)\\s+(?:the\\s+)?parent(?:\\s+process)?\\b" +
      "|\\bparent(?:\\s+process)?\\s*(?::|gets\\b|returns\\b|receives\\b)",
    "iu",
  ),
};

/**
 * The parts of an answer and the process each gives its value to:
 * `자식에서는 0, 부모에서는 자식의 pid` is two parts, one per process. A
 * part that names no process has `role` undefined.
 */
export function byRole(text: string): { role?: Role; says: string }[] {
  return text.normalize("NFKC")
    .split(
      /[,;]|\s(?:and|but|while|whereas|그리고|반면에?|하지만)\s|(?<=\S)(?:이고|이며|이지만|인데)\s/u,
    )
    .map((part) => part.trim()).filter((part) => part !== "")
    .map((part) => {
      for (const role of ["child", "parent"] as const) {
        const mark = part.match(ROLE_MARKS[role]);
        if (mark) {
          const says = (part.slice(0, mark.index) + " " +
            part.slice(mark.index! + mark[0].length)).trim();
          return { role, says };
        }
      }
      return { says: part };
    });
}

/**
 * Marks an answer that should be the number `answer`: right when it names
 * that number and no other; wrong when it names another, denies it (`0이
 * 아니다`, `non-zero`, a positive number for 0), or is one of `reject`
 * (`the child's pid`). With `about`, a part that gives the number to the
 * other process (`부모에서는 0` when the child is asked about) is wrong,
 * and the part about the process asked about is what is marked.
 */
export function markNumber(
  text: string,
  answer: number,
  reject: readonly string[],
  about?: Role,
): Mark | null {
  if (canonical(text) === "") return null;
  const value = (says: string): Mark => {
    const said = affirmed(says);
    const no = denied(said);
    if (no !== null) {
      const numbers = [...new Set(readNumbers(no))];
      return numbers.length === 1 && numbers[0] === answer
        ? "wrong"
        : "unclear";
    }
    if (answer <= 0 && /양수|양의\s?정수|\bpositive\b/iu.test(said)) {
      return "wrong";
    }
    const numbers = [...new Set(readNumbers(said))];
    if (numbers.length === 1) return numbers[0] === answer ? "right" : "wrong";
    if (numbers.length > 1) return "unclear";
    return markWords(said, [], reject) ?? "unclear";
  };
  const parts = byRole(text);
  if (about === undefined || parts.every((part) => part.role === undefined)) {
    return value(text);
  }
  const marks = parts.map((part) => ({ ...part, mark: value(part.says) }));
  // The answer's number given to the other process: the roles are swapped.
  if (
    marks.some((part) =>
      part.role !== about && part.role && part.mark === "right"
    )
  ) {
    return "wrong";
  }
  const asked = marks.filter((part) => part.role === about);
  if (asked.length === 0) return "unclear";
  const verdicts = new Set(asked.map((part) => part.mark));
  return verdicts.size === 1 ? asked[0].mark : "unclear";
}

/** English words that only frame an identifier ("the SIGCHLD signal"). */
const IDENTIFIER_FRAME = new Set([
  "the",
  "a",
  "an",
  "it",
  "its",
  "is",
  "s",
  "signal",
  "option",
  "flag",
  "constant",
  "macro",
  "value",
  "use",
  "pass",
  "with",
]);

/**
 * Marks an answer that should be one of the C identifiers `accept`
 * (`WNOHANG`, `SIGCHLD`): spelled exactly, case aside, so `W_NOHANG`,
 * `NOHANG`, `WNOHAND`, `SIGCHILD` and `SIGCHL` are wrong (they name
 * nothing), as is any of `reject`. An answer that corrects itself
 * (`WNOHANG이 아니라 0`) is marked by what it ends with; one that denies the
 * identifier (`WNOHANG이 아니다`) is wrong. Korean particles and framing
 * words (`the`, `signal`) are left out; an answer with no identifier in it
 * is unclear.
 */
export function markIdentifier(
  text: string,
  accept: readonly string[],
  reject: readonly string[],
): Mark | null {
  if (canonical(text) === "") return null;
  const key = (word: string) => word.toUpperCase();
  const right = new Set(accept.map(key));
  const wrong = new Set(reject.map(key));
  const said = affirmed(text);
  const no = denied(said);
  const identifiers = (part: string) =>
    (part.normalize("NFKC").match(/-?[A-Za-z0-9_]+/g) ?? [])
      .filter((word) => !IDENTIFIER_FRAME.has(word.toLowerCase()))
      .map(key);
  if (no !== null) {
    return identifiers(no).some((word) => right.has(word))
      ? "wrong"
      : "unclear";
  }
  const found = identifiers(said);
  if (found.length === 0) return "unclear";
  if (found.every((word) => right.has(word))) return "right";
  if (found.some((word) => right.has(word))) {
    // The right name among others: wrong only if another is a known wrong one.
    return found.some((word) => wrong.has(word)) ? "wrong" : "unclear";
  }
  return "wrong";
}
