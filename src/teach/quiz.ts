/**
 * `tcpip quiz [10|11] [--seed N]`: the review questions of chapters 10 and
 * 11 (data in `quiz/`), asked one by one, the options of each in an order
 * the seed decides (so that no position is always right; the same seed asks
 * the same again). Answers come from stdin, typed or piped, one per line.
 * Each answer is marked tolerantly (case, spacing, punctuation, Korean
 * particles and endings, natural yes/no sentences, synonyms) but not
 * blindly: a negation, a correction or swapped roles are read as such, and
 * a C identifier must be spelled exactly. An answer the marker cannot read
 * is asked again once, and then left unmarked, never counted wrong; a wrong
 * first answer gets a hint and one more try. The round ends with a review
 * of the missed questions and a score line; the end of input or Ctrl+C
 * ends it early, with the score so far.
 *
 * @example
 * ```ts ignore
 * import { runQuiz } from "./quiz.ts";
 *
 * const status = await runQuiz("11", 7); // asks chapter 11, prints `score: 9/11`
 * ```
 *
 * @module
 */

import { lang, type Text, tr } from "../text.ts";
import { Answers, say } from "./quiz_io.ts";
import {
  type Mark,
  markIdentifier,
  markNumber,
  markWords,
  readChoice,
  readTruth,
} from "./quiz_marking.ts";
import { generator, randomSeed, shuffle } from "./seed.ts";
import type { Expected, Question } from "./quiz/question.ts";
import { CHAPTER_10 } from "./quiz/chapter10.ts";
import { CHAPTER_11 } from "./quiz/chapter11.ts";

export type { Expected, Question } from "./quiz/question.ts";

/** The review questions, by chapter, in the order the quiz asks them. */
export const CHAPTERS: Readonly<Record<"10" | "11", readonly Question[]>> = {
  "10": CHAPTER_10,
  "11": CHAPTER_11,
};

/** Every review question, chapter 10 first. */
export const QUESTIONS: readonly Question[] = [...CHAPTER_10, ...CHAPTER_11];

/**
 * Marks one answer to `question` (its options in the order shown): right,
 * wrong, or unclear (it cannot be read, so it is asked again); `null` for
 * an empty answer.
 */
export function mark(question: Expected, input: string): Mark | null {
  if (input.trim() === "") return null;
  switch (question.kind) {
    case "truth":
    case "yesno": {
      const truth = readTruth(input);
      return truth === null
        ? "unclear"
        : truth === question.answer
        ? "right"
        : "wrong";
    }
    case "choice": {
      const index = readChoice(
        input,
        question.options.map((option) => [option.en, option.ko]),
      );
      return index === null
        ? "unclear"
        : index + 1 === question.answer
        ? "right"
        : "wrong";
    }
    case "number":
      return markNumber(
        input,
        question.answer,
        question.reject,
        question.about,
      ) ?? "unclear";
    case "word":
      return (question.identifier
        ? markIdentifier(input, question.accept, question.reject)
        : markWords(input, question.accept, question.reject)) ?? "unclear";
  }
}

/**
 * The questions of `chapter` (both when undefined) as the session of
 * `seed` asks them: in the book's order, the options of each in a seeded
 * order (`answer` counts in that order).
 */
export function planQuiz(
  chapter: "10" | "11" | undefined,
  seed: number,
): Question[] {
  const random = generator(seed);
  const questions = chapter === undefined ? QUESTIONS : CHAPTERS[chapter];
  return questions.map((question) => {
    if (question.kind !== "choice") return question;
    const order = shuffle(question.options.map((_, i) => i), random);
    return {
      ...question,
      options: order.map((i) => question.options[i]),
      answer: order.indexOf(question.answer - 1) + 1,
    };
  });
}

/** The right answer, as the quiz shows it in the language in use. */
export function rightAnswer(question: Expected): string {
  switch (question.kind) {
    case "truth":
      return tr(
        question.answer
          ? { en: "true", ko: "참(O)" }
          : { en: "false", ko: "거짓(X)" },
      );
    case "yesno":
      return tr(
        question.answer ? { en: "yes", ko: "예" } : { en: "no", ko: "아니요" },
      );
    case "choice":
      return `${question.answer}) ${tr(question.options[question.answer - 1])}`;
    case "number":
    case "word":
      return tr(question.shown);
  }
}

const KIND: Record<Question["kind"], Text> = {
  truth: { en: "true or false", ko: "O/X" },
  yesno: { en: "yes or no", ko: "예/아니요" },
  choice: { en: "multiple choice", ko: "객관식" },
  number: { en: "short answer", ko: "단답형" },
  word: { en: "short answer", ko: "단답형" },
};

/** What to type, said when an answer could not be read. */
const HOW_TO_ANSWER: Record<Question["kind"], Text> = {
  truth: {
    en: "Answer true or false (t/f, o/x).",
    ko: "참 또는 거짓(O/X)으로 답하자.",
  },
  yesno: {
    en: "Answer yes or no (y/n).",
    ko: "예나 아니요로 답하자.",
  },
  choice: {
    en: "Answer with the number of an option.",
    ko: "보기의 번호로 답하자.",
  },
  number: {
    en: "Answer with one number or a short phrase.",
    ko: "수 하나나 짧은 말로 답하자.",
  },
  word: {
    en: "Answer with a word or a short phrase.",
    ko: "낱말이나 짧은 말로 답하자.",
  },
};

/** How one question ended. */
type Outcome =
  /** Answered right, on the first try or after the hint. */
  | { kind: "right"; given: string }
  /** Not answered right: the last answer that could be read. */
  | { kind: "missed"; given: string }
  /** Its answers could not be read: not marked either way. */
  | { kind: "unread"; given: string };

/** A question the learner did not get right, for the review at the end. */
interface Missed {
  number: number;
  question: Question;
  given: string;
}

/**
 * Asks the questions of `chapter` (both chapters when undefined) on
 * stdout, reading the answers from stdin; `seed` orders the options (a
 * random one when undefined). Resolves to the exit status: 0, or 130 when
 * the learner stopped it with Ctrl+C (the score so far is printed all the
 * same).
 */
export async function runQuiz(
  chapter?: "10" | "11",
  seed: number = randomSeed(),
): Promise<number> {
  const questions = planQuiz(chapter, seed);
  const answers = new Answers();
  // Ctrl+C ends the round as the end of input does: with the score so far.
  const interrupt = () => answers.interrupt();
  const signals: Deno.Signal[] = ["SIGINT"];
  for (const signal of signals) Deno.addSignalListener(signal, interrupt);
  const total = questions.length;
  const again = `tcpip quiz${chapter ? ` ${chapter}` : ""} --seed ${seed}`;
  say({
    en:
      `Review${chapter ? ` of chapter ${chapter}` : ""}: ${total} questions. ` +
      "One answer per line: the number of an option, t/f (o/x) or y/n, or a word or " +
      "two. A wrong first answer gets a hint and one more try. The same " +
      `questions again: ${again}`,
    ko: `${chapter ? `${chapter}장 ` : ""}복습 문제: ${total}문제. ` +
      "한 줄에 답 하나씩, 객관식은 보기 번호, O/X 문제는 O나 X(예/아니요), 단답형은 " +
      "낱말로 답한다. 처음 답이 틀리면 힌트를 보고 한 번 더 답할 수 있다. 같은 " +
      `문제를 다시 풀려면: ${again}`,
  });

  let right = 0;
  let asked = 0;
  const missed: Missed[] = [];
  const unread: number[] = [];
  try {
    for (const [index, question] of questions.entries()) {
      console.log("");
      say(
        `${index + 1}/${total} [${tr(KIND[question.kind])}] ${
          tr(question.ask)
        }`,
        "",
        "  ",
      );
      if (question.kind === "choice") {
        question.options.forEach((option, i) =>
          say(tr(option), `  ${i + 1}) `, "     ")
        );
      }
      const outcome = await askOne(question, answers);
      if (outcome === null) break; // input ended before any answer
      if (outcome.kind === "unread") unread.push(index + 1);
      else {
        asked++;
        if (outcome.kind === "right") right++;
        else missed.push({ number: index + 1, question, given: outcome.given });
      }
      say(question.explain, "  ");
      if (answers.ended) break;
    }
  } finally {
    for (const signal of signals) Deno.removeSignalListener(signal, interrupt);
    await answers.close();
  }

  const settled = asked + unread.length;
  if (settled < total) {
    console.log("");
    say(
      answers.interrupted
        ? {
          en: `Stopped with Ctrl+C after ${settled} of ${total} questions.`,
          ko: `Ctrl+C로 멈춰서 ${total}문제 중 ${settled}문제까지만 채점했다.`,
        }
        : {
          en: `Input ended after ${settled} of ${total} questions.`,
          ko: `입력이 끝나서 ${total}문제 중 ${settled}문제까지만 채점했다.`,
        },
    );
  }
  if (missed.length > 0) {
    console.log("");
    say({
      en: `Review: ${missed.length} missed`,
      ko: `다시 볼 문제: ${missed.length}개`,
    });
    for (const { number, question, given } of missed) {
      say(tr(question.ask), `${number}. `, "   ");
      say({
        en: `your answer: ${given === "" ? "(none)" : given}`,
        ko: `내 답: ${given === "" ? "(없음)" : given}`,
      }, "   ");
      say(
        {
          en: `the answer: ${rightAnswer(question)}`,
          ko: `정답: ${rightAnswer(question)}`,
        },
        "   ",
        "     ",
      );
    }
  }
  if (unread.length > 0) {
    console.log("");
    say({
      en: `Not marked (the answers could not be read): ${unread.join(", ")}`,
      ko: `채점하지 않은 문제(답을 읽을 수 없었다): ${unread.join(", ")}`,
    });
  }
  console.log("");
  say(lang() === "ko" ? `점수: ${right}/${asked}` : `score: ${right}/${asked}`);
  return answers.interrupted ? 130 : 0;
}

/**
 * Reads one answer to `question`, asking again once if it cannot be read.
 * Resolves to its mark and the answer as given (`unclear` when neither
 * reading could be read), or `null` when input ended first.
 */
async function readAnswer(
  question: Question,
  answers: Answers,
  again: Text,
): Promise<{ mark: Mark | null; given: string } | null> {
  let given = "";
  for (let reading = 1; reading <= 2; reading++) {
    const line = await answers.next();
    if (line === null) return reading === 1 ? null : { mark: "unclear", given };
    given = line.trim();
    const marked = mark(question, line);
    if (marked !== "unclear") return { mark: marked, given };
    if (reading === 1) say(again, "", "  ");
  }
  return { mark: "unclear", given };
}

/**
 * Asks one question until it is settled: an unreadable answer is asked
 * again once, and if it still cannot be read the question is left unmarked
 * (never counted wrong); a wrong (or empty) first answer gets the hint and
 * one more try. `null` when input ended before a first answer was settled.
 */
async function askOne(
  question: Question,
  answers: Answers,
): Promise<Outcome | null> {
  const again: Text = {
    en: `Not sure what you mean. ${HOW_TO_ANSWER[question.kind].en}`,
    ko: `무슨 뜻인지 알 수 없다. ${HOW_TO_ANSWER[question.kind].ko}`,
  };
  const answer = tr({ en: "The answer:", ko: "정답:" });
  const first = await readAnswer(question, answers, again);
  if (first === null) return null;
  if (first.mark === "right") {
    say({ en: "Right.", ko: "정답이다." });
    return { kind: "right", given: first.given };
  }
  if (first.mark === "unclear") {
    say(
      {
        en: `Could not read it: not marked. ${answer} ${rightAnswer(question)}`,
        ko: `읽을 수 없어서 채점하지 않는다. ${answer} ${
          rightAnswer(question)
        }`,
      },
      "",
      "  ",
    );
    return { kind: "unread", given: first.given };
  }
  const opening = first.mark === null
    ? { en: "No answer.", ko: "답이 없다." }
    : { en: "Wrong.", ko: "오답이다." };
  say(
    {
      en: `${opening.en} Hint: ${question.hint.en}`,
      ko: `${opening.ko} 힌트: ${question.hint.ko}`,
    },
    "",
    "  ",
  );
  say({ en: "Try once more.", ko: "한 번 더 답해 보자." });
  const second = await readAnswer(question, answers, again);
  // The end of input, or an answer that cannot be read: the miss stands.
  if (second === null) return { kind: "missed", given: first.given };
  if (second.mark === "right") {
    say({ en: "Right.", ko: "정답이다." });
    return { kind: "right", given: second.given };
  }
  const closing = second.mark === "unclear"
    ? { en: "Could not read it.", ko: "이번에도 읽을 수 없다." }
    : second.mark === null
    ? { en: "No answer.", ko: "답이 없다." }
    : { en: "Wrong.", ko: "오답이다." };
  say(
    {
      en: `${closing.en} The answer: ${rightAnswer(question)}`,
      ko: `${closing.ko} 정답: ${rightAnswer(question)}`,
    },
    "",
    "  ",
  );
  const given = second.mark === "unclear" ? first.given : second.given;
  return { kind: "missed", given };
}
