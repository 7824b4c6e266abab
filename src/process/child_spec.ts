/**
 * The hidden child entry's contract. A child is this same program started
 * with {@linkcode CHILD_ENV} set to a JSON {@linkcode ChildSpec}; `main.ts`
 * checks for it before anything else and never reaches the command line in
 * a child, so a child cannot start the program it belongs to again.
 *
 * @module
 */

import type { Lang } from "../text.ts";

/** The environment variable that marks a process as a child of the tool. */
export const CHILD_ENV = "TCPIP_CHILD";

/** The argument shown in `ps` for a child: `--tcpip-child <program>:<role>`. */
export const CHILD_ARG = "--tcpip-child";

/** Everything a child needs: which code to run and the state it "inherits". */
export interface ChildSpec {
  /** The program module, by file name without `.ts` (e.g. `pipe3`). */
  program: string;
  /** Which of the module's child roles to run. */
  role: string;
  /** The copied state (C's child gets it by copying memory; ours by value). */
  state: unknown;
  /** The parent's `--speed` factor. */
  speed: number;
  /** The parent's language for any text the child writes. */
  lang: Lang;
  /** The name of the pipe on the child's stdin, or null for none. */
  toChild: string | null;
  /** The name of the pipe on the child's stderr, or null for none. */
  toParent: string | null;
  /** The trace log to append to, if tracing. */
  trace?: string;
  /** The parent's pid (so the child can tell it from its own). */
  parent: number;
  /** When the parent forked it (`Date.now()`), to line up the child's clock. */
  forkedAt: number;
}

/** Parses and checks a spec; throws a plain Error naming what is wrong. */
export function parseChildSpec(text: string): ChildSpec {
  const spec = JSON.parse(text) as Partial<ChildSpec>;
  const problems: string[] = [];
  if (typeof spec.program !== "string" || !/^[a-z0-9_]+$/.test(spec.program)) {
    problems.push("program");
  }
  if (typeof spec.role !== "string") problems.push("role");
  if (typeof spec.speed !== "number" || !(spec.speed > 0)) {
    problems.push("speed");
  }
  if (spec.lang !== "en" && spec.lang !== "ko") problems.push("lang");
  if (typeof spec.parent !== "number") problems.push("parent");
  if (typeof spec.forkedAt !== "number") problems.push("forkedAt");
  if (problems.length > 0) {
    throw new Error(`bad child spec (${problems.join(", ")})`);
  }
  return spec as ChildSpec;
}
