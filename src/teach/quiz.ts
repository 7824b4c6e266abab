/**
 * `tcpip quiz [10|11]`: the review questions of chapters 10 and 11, in our
 * own words, asked one by one. Answers come from stdin, typed or piped, one
 * per line. Each answer is marked tolerantly (case, spacing, punctuation,
 * Korean particles and endings, yes/no words, synonyms); an answer that is
 * neither clearly right nor clearly wrong is asked again once; a wrong
 * first answer gets a hint and one more try. The round ends with a review
 * of the missed questions and a score line; the end of input ends it early,
 * with the score so far.
 *
 * @example
 * ```ts ignore
 * import { runQuiz } from "./quiz.ts";
 *
 * const right = await runQuiz("11"); // asks chapter 11, prints `score: 9/11`
 * ```
 *
 * @module
 */

import { lang, type Text, tr } from "../text.ts";
import { Answers, say } from "./quiz_io.ts";
import {
  type Mark,
  markWords,
  readChoice,
  readNumbers,
  readTruth,
} from "./quiz_marking.ts";
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
 * Marks one answer to `question`: right, wrong, or unclear (neither
 * clearly, so it is asked again); `null` for an empty answer.
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
    case "number": {
      const numbers = [...new Set(readNumbers(input))];
      if (numbers.length === 1) {
        return numbers[0] === question.answer ? "right" : "wrong";
      }
      if (numbers.length > 1) return "unclear";
      return markWords(input, [], question.reject) ?? "unclear";
    }
    case "word":
      return markWords(input, question.accept, question.reject) ?? "unclear";
  }
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
    ko: "참 또는 거짓(O/X)으로 답해 주세요.",
  },
  yesno: {
    en: "Answer yes or no (y/n).",
    ko: "예 또는 아니요로 답해 주세요.",
  },
  choice: {
    en: "Answer with the number of an option.",
    ko: "보기의 번호로 답해 주세요.",
  },
  number: {
    en: "Answer with one number or a short phrase.",
    ko: "수 하나나 짧은 말로 답해 주세요.",
  },
  word: {
    en: "Answer with a word or a short phrase.",
    ko: "낱말이나 짧은 말로 답해 주세요.",
  },
};

/** A question the learner did not get right, for the review at the end. */
interface Missed {
  number: number;
  question: Question;
  given: string;
}

/**
 * Asks the questions of `chapter` (both chapters when undefined) on
 * stdout, reading the answers from stdin. Resolves to the number of
 * questions answered right (on the first try or after the hint).
 */
export async function runQuiz(chapter?: "10" | "11"): Promise<number> {
  const questions = chapter === undefined ? QUESTIONS : CHAPTERS[chapter];
  const answers = new Answers();
  const total = questions.length;
  say({
    en:
      `Review${chapter ? ` of chapter ${chapter}` : ""}: ${total} questions. ` +
      "One answer per line: the number of an option, t/f (o/x) or y/n, or a word or " +
      "two. A wrong first answer gets a hint and one more try.",
    ko: `${chapter ? `${chapter}장 ` : ""}복습 문제: ${total}문제. ` +
      "한 줄에 답 하나씩, 객관식은 보기 번호, O/X 문제는 O나 X(예/아니요), 단답형은 " +
      "낱말로 답합니다. 처음 답이 틀리면 힌트를 보고 한 번 더 답할 수 있습니다.",
  });

  let right = 0;
  let asked = 0;
  const missed: Missed[] = [];
  for (const [index, question] of questions.entries()) {
    console.log("");
    say(
      `${index + 1}/${total} [${tr(KIND[question.kind])}] ${tr(question.ask)}`,
      "",
      "  ",
    );
    if (question.kind === "choice") {
      question.options.forEach((option, i) =>
        say(tr(option), `  ${i + 1}) `, "     ")
      );
    }
    const result = await askOne(question, answers);
    if (result === null) break; // end of input before any answer
    asked++;
    if (result.right) right++;
    else missed.push({ number: index + 1, question, given: result.given });
    say(question.explain, "  ");
    if (answers.ended) break;
  }
  await answers.close();

  if (asked < total) {
    console.log("");
    say({
      en: `Input ended after ${asked} of ${total} questions.`,
      ko: `입력이 끝나서 ${total}문제 중 ${asked}문제까지만 채점했습니다.`,
    });
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
  console.log("");
  say(lang() === "ko" ? `점수: ${right}/${asked}` : `score: ${right}/${asked}`);
  return right;
}

/**
 * Asks one question until it is settled: an unreadable answer is asked
 * again once; a wrong (or empty) first answer gets the hint and one more
 * try. Resolves to whether it was answered right and the last answer
 * given, or `null` when input ended before a first answer was settled.
 */
async function askOne(
  question: Question,
  answers: Answers,
): Promise<{ right: boolean; given: string } | null> {
  let given = "";
  let missedOnce = false;
  for (let attempt = 1; attempt <= 2; attempt++) {
    let marked: Mark | null = null;
    for (let reading = 1; reading <= 2; reading++) {
      const line = await answers.next();
      if (line === null) {
        // The end of input in the middle: a missed first answer stands.
        return missedOnce ? { right: false, given } : null;
      }
      given = line.trim();
      marked = mark(question, line);
      if (marked !== "unclear") break;
      if (reading === 1) {
        say(
          {
            en: `Not sure what you mean. ${HOW_TO_ANSWER[question.kind].en}`,
            ko: `무슨 뜻인지 분명하지 않습니다. ${
              HOW_TO_ANSWER[question.kind].ko
            }`,
          },
          "",
          "  ",
        );
      }
    }
    if (marked === "right") {
      say({ en: "Right.", ko: "정답입니다." });
      return { right: true, given };
    }
    const opening = marked === null
      ? { en: "No answer.", ko: "답이 없습니다." }
      : { en: "Wrong.", ko: "오답입니다." };
    if (attempt === 1) {
      missedOnce = true;
      say(
        {
          en: `${opening.en} Hint: ${question.hint.en}`,
          ko: `${opening.ko} 힌트: ${question.hint.ko}`,
        },
        "",
        "  ",
      );
      say({ en: "Try once more.", ko: "한 번 더 답해 보세요." });
    } else {
      say(
        {
          en: `${opening.en} The answer: ${rightAnswer(question)}`,
          ko: `${opening.ko} 정답: ${rightAnswer(question)}`,
        },
        "",
        "  ",
      );
    }
  }
  return { right: false, given };
}
