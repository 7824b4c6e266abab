/**
 * The hidden child entry's contract. A child is this same program started
 * with {@linkcode CHILD_ENV} set to a JSON {@linkcode ChildSpec}; `main.ts`
 * checks for it before anything else and never reaches the command line in
 * a child, so a child cannot start the program it belongs to again.
 *
 * @module
 */

import { addressProblems, type EntryAddress } from "./entrypoint.ts";
import type { HandshakeEnds } from "./handshake.ts";
import { type Settings, settingsProblems } from "./settings.ts";

/** The environment variable that marks a process as a child of the tool. */
export const CHILD_ENV = "TCPIP_CHILD";

/** The argument shown in `ps` for a child: `--tcpip-child <program>:<role>`. */
export const CHILD_ARG = "--tcpip-child";

let own: ChildSpec | undefined;

/**
 * Marks this process as the child `spec` describes (the child entry does,
 * first thing): from then on fork() refuses.
 */
export function markChild(spec: ChildSpec): void {
  own = spec;
}

/** Whether this process is a child of the tool (see {@linkcode markChild}). */
export function isChild(): boolean {
  return own !== undefined;
}

/**
 * In a child: the descriptor its parent sends it descriptors on, when it
 * was forked with one (`ForkOptions.handoff`).
 */
export function handoffFd(): number | undefined {
  return own?.handoff;
}

/** Everything a child needs: which code to run and the state it "inherits". */
export interface ChildSpec {
  /** The function to run: C's `if (pid == 0) { ... }` branch. */
  entry: EntryAddress;
  /** The copied state (C's child gets it by copying memory; ours by value). */
  state: unknown;
  /** The parent's speed, language and trace log. */
  settings: Settings;
  /** The name of the pipe on the child's stdin, or null for none. */
  toChild: string | null;
  /** The name of the pipe on the child's stderr, or null for none. */
  toParent: string | null;
  /** The parent's pid (so the child can tell it from its own). */
  parent: number;
  /** When the parent forked it (`Date.now()`). */
  forkedAt: number;
  /** The child's ends of the fork handshake, when the parent waits for it. */
  ready?: HandshakeEnds;
  /** The inherited descriptor descriptors arrive on (`ForkOptions.handoff`). */
  handoff?: number;
  /**
   * With `ForkOptions.watchParent`: the descriptors it inherited, and (set
   * by the spawn) the read end of the pipe that ends with the parent.
   */
  inherited?: number[];
  /** The read end of a pipe whose only write end the parent holds. */
  parentAlive?: number;
  /** The program's names of inherited descriptors (`fds1[0]`), for traces. */
  labels?: Record<number, string>;
}

/** Parses and checks a spec; throws a plain Error naming what is wrong. */
export function parseChildSpec(text: string): ChildSpec {
  const spec = JSON.parse(text) as Partial<ChildSpec>;
  const problems = [
    ...addressProblems(spec.entry).map((field) => `entry.${field}`),
    ...settingsProblems(spec.settings).map((field) => `settings.${field}`),
  ];
  if (spec.entry?.place !== "process") problems.push("entry.place");
  if (typeof spec.parent !== "number") problems.push("parent");
  if (typeof spec.forkedAt !== "number") problems.push("forkedAt");
  for (const pipe of ["toChild", "toParent"] as const) {
    if (spec[pipe] !== null && typeof spec[pipe] !== "string") {
      problems.push(pipe);
    }
  }
  if (
    spec.ready !== undefined &&
    !(Number.isInteger(spec.ready?.ready) && Number.isInteger(spec.ready?.go))
  ) problems.push("ready");
  for (const fd of ["handoff", "parentAlive"] as const) {
    if (spec[fd] !== undefined && !Number.isInteger(spec[fd])) {
      problems.push(fd);
    }
  }
  if (
    spec.inherited !== undefined &&
    !(Array.isArray(spec.inherited) && spec.inherited.every(Number.isInteger))
  ) problems.push("inherited");
  if (problems.length > 0) {
    throw new Error(`bad child spec (${[...new Set(problems)].join(", ")})`);
  }
  return spec as ChildSpec;
}

/** `pipe3:child`: the module's file name and the role, as `ps` shows them. */
export function childLabel(spec: ChildSpec): string {
  const file = spec.entry.module.slice(spec.entry.module.lastIndexOf("/") + 1);
  return `${file.replace(/\.ts$/, "")}:${spec.entry.name}`;
}
