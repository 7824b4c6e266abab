/**
 * What a review question is: the shape of the records in `chapter10.ts`
 * and `chapter11.ts`, which hold the questions as data. The quiz
 * (`../quiz.ts`) asks them and marks the answers; nothing here runs.
 *
 * @module
 */

import type { Text } from "../../text.ts";
import type { Role } from "../quiz_marking.ts";

/** What a question expects, and how an answer to it is read. */
export type Expected =
  | {
    /** A statement to judge (`truth`) or a question to answer yes or no. */
    kind: "truth" | "yesno";
    /** The right judgement. */
    answer: boolean;
  }
  | {
    /** Multiple choice, answered with the option's number. */
    kind: "choice";
    /** The options, in the order written; the quiz shows them shuffled. */
    options: readonly Text[];
    /** The right option, counted from 1 in the order written. */
    answer: number;
  }
  | {
    /** A number, in digits or in words. */
    kind: "number";
    /** The right number. */
    answer: number;
    /** Answers without a number that are plainly wrong (`the child's pid`). */
    reject: readonly string[];
    /**
     * The process the question asks about: a part of the answer that gives
     * the number to the other one (`부모에서는 0`) is read as such.
     */
    about?: Role;
    /** The answer as the quiz shows it. */
    shown: Text;
  }
  | {
    /** A word or a short phrase. */
    kind: "word";
    /** Accepted answers, in either language. */
    accept: readonly string[];
    /** Answers that are plainly wrong. */
    reject: readonly string[];
    /**
     * The answer is a C identifier (`WNOHANG`, `SIGCHLD`): it must be
     * spelled exactly, case aside; any other identifier is wrong.
     */
    identifier?: true;
    /** The answer as the quiz shows it. */
    shown: Text;
  };

/** One review question. */
export type Question = Expected & {
  /** A stable name, e.g. `wnohang`, unique in the quiz. */
  id: string;
  /** The question. */
  ask: Text;
  /** Shown after a wrong first answer: a pointer, not the answer. */
  hint: Text;
  /** Why the answer is what it is. */
  explain: Text;
};
