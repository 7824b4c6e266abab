/**
 * The fork layer: C's `fork()` (and the `pipe()` calls before it) for a
 * runtime that has none; `wait()` and `waitpid()` are in `wait.ts`, the
 * children and the process table in `child.ts`, and what starts the
 * process in `spawn.ts` (a parent loads it; a child, which cannot fork,
 * does not).
 *
 * C's `fork()` copies the running process, and the copy continues after the
 * call. Deno cannot copy a process, so {@linkcode Children.fork} starts this
 * same program again (the compiled binary, or `deno run main.ts`) with a
 * hidden child entry that runs one named function of the program, a *role*.
 * What the C child would inherit by copying memory (variables, a message to
 * send) is handed over explicitly as the role's `state`.
 *
 * Every child gets the same descriptor layout:
 *
 * | fd | in the child                                  | parent's end          |
 * |----|-----------------------------------------------|-----------------------|
 * | 0  | the pipe from the parent (`toChild`), or none | `child.toChild`       |
 * | 1  | the parent's stdout, inherited                | (shared terminal)     |
 * | 2  | the pipe to the parent (`toParent`), or the parent's stderr | `child.fromChild` |
 *
 * so a child prints its own lines itself, as in C, and its pipes are real OS
 * pipes. The runtime reaps an exited child by itself (it calls `waitpid`
 * as soon as its event loop runs); the process table here keeps each child
 * until the program collects its status with `wait()`, `waitpid()` or
 * `ChildProcess.wait()`, as C's parent does.
 *
 * @module
 */

import { type ChildSpec, isChild } from "./child_spec.ts";
import { EntryTable } from "./entrypoint.ts";
import { currentSettings } from "./settings.ts";
import type { ChildProcess } from "./child.ts";
import type { PipeReader, PipeWriter } from "../ipc/pipe.ts";
import { labelsOf } from "../ipc/sys.ts";

/** Which pipes to create with the child (C: `pipe()` calls before `fork()`). */
export interface ForkOptions {
  /** A pipe from parent to child, on the child's stdin; a string names it in traces. */
  toChild?: boolean | string;
  /** A pipe from child to parent, on the child's stderr; a string names it in traces. */
  toParent?: boolean | string;
  /**
   * False for a child started ahead of need (a warm pool): it stays out of
   * the process table, so `wait()`/`waitpid()` do not see it, until
   * {@linkcode adopt} makes it one of the program's children. Default true.
   */
  adopt?: boolean;
  /**
   * Descriptors the child gets too, under the same numbers: what C's child
   * finds in its copy of the descriptor table (e.g. both ends of a `pipe()`
   * made before the fork). Linux and macOS only.
   */
  inherit?: readonly number[];
  /**
   * A descriptor the child inherits under the same number and receives
   * descriptors on: its end of a hand-off link (`openLink()` in
   * `src/ipc/fd_pass.ts`), on which a server sends it its client's socket.
   * Linux and macOS only.
   */
  handoff?: number;
  /**
   * The child says so, from the OS, if this process ends first: what C's
   * child does unseen (it goes on, adopted by init, with whatever it holds).
   * Costs the child a worker thread. Linux and macOS only.
   */
  watchParent?: boolean;
}

/** The child's ends of its pipes to the parent. */
export interface ParentEnds {
  /** Read end of the pipe from the parent (the child's stdin). */
  readonly fromParent: PipeReader;
  /** Write end of the pipe to the parent (the child's stderr). */
  readonly toParent: PipeWriter;
}

/**
 * A function that runs in a child process: C's `if (pid == 0) { ... }`
 * branch. Its return value is the child's exit status (`return 3`).
 */
// deno-lint-ignore no-explicit-any
export type ChildMain<S = any> = (
  state: S,
  parent: ParentEnds,
) => void | number | Promise<void | number>;

/** The state type a role takes. */
export type StateOf<F> = F extends (state: infer S, ...rest: never[]) => unknown
  ? S
  : never;

/** A program's child roles, by name. */
export type Roles = Record<string, ChildMain>;

/**
 * Starts the child a spec describes; `adopt` puts it in the process table
 * at once, `inherit` are descriptors it gets under the same numbers.
 */
export type Spawner = (
  spec: ChildSpec,
  adopt: boolean,
  inherit?: readonly number[],
) => ChildProcess;

let spawner: Spawner | undefined;

/**
 * Plugs in what starts processes (`spawn.ts` does, when loaded). Kept
 * apart so that a child, which loads this module to find its role, does
 * not load the machinery of starting processes: it never forks.
 */
export function setSpawner(spawn: Spawner): void {
  spawner = spawn;
}

/** A program's child roles, and `fork()` for them. */
export class Children<R extends Roles> extends EntryTable<R> {
  /** Use {@linkcode defineChildren}. */
  constructor(moduleUrl: string, roles: R) {
    super(moduleUrl, "process", roles);
  }

  /**
   * C's `pipe()` + `fork()`: starts a child process running `role` with a
   * copy of `state` (it must survive JSON), with the pipes `options` asks for.
   */
  fork<K extends keyof R & string>(
    role: K,
    state: StateOf<R[K]>,
    options: ForkOptions = {},
  ): ChildProcess {
    if (isChild()) {
      throw new Error(
        "fork() in a child: the tool's children never fork, so re-executing cannot recurse",
      );
    }
    if (!spawner) {
      throw new Error(
        "fork() before src/process/spawn.ts is loaded: nothing can start the child",
      );
    }
    const spec: ChildSpec = {
      entry: this.address(role),
      state,
      settings: currentSettings(),
      toChild: pipeName(options.toChild, "pipe to child"),
      toParent: pipeName(options.toParent, "pipe to parent"),
      parent: Deno.pid,
      forkedAt: Date.now(),
    };
    const inherit = [...options.inherit ?? []];
    if (options.watchParent) spec.inherited = [...inherit];
    const names = labelsOf(inherit);
    if (Object.keys(names).length > 0) spec.labels = names;
    if (options.handoff !== undefined) {
      spec.handoff = options.handoff;
      inherit.push(options.handoff);
    }
    return spawner(spec, options.adopt ?? true, inherit);
  }
}

/**
 * Declares the functions of a program that run in child processes. Call it
 * with the program's `import.meta.url`; the child entry imports that module
 * again and finds the role by name.
 *
 * @example The child of `pipe1.c`
 * ```ts ignore
 * import { defineChildren } from "../src/process/fork.ts";
 *
 * export const children = defineChildren(import.meta.url, {
 *   async child(copy: { str: string }, { toParent }) {
 *     await toParent.write(copy.str); // write(fds[1], str, sizeof(str));
 *   },
 * });
 * const child = children.fork("child", { str: "Who are you?" }, {
 *   toParent: "fds",
 * }); // pipe(fds); pid = fork();
 * ```
 */
export function defineChildren<R extends Roles>(
  moduleUrl: string,
  roles: R,
): Children<R> {
  return new Children(moduleUrl, roles);
}

function pipeName(
  option: boolean | string | undefined,
  fallback: string,
): string | null {
  if (option === undefined || option === false) return null;
  return option === true ? fallback : option;
}
