/**
 * The fork layer: C's `fork()` (and the `pipe()` calls before it) for a
 * runtime that has none; `wait()` and `waitpid()` are in `wait.ts`, the
 * children and the process table in `child.ts`.
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

import {
  CHILD_ARG,
  CHILD_ENV,
  childLabel,
  type ChildSpec,
} from "./child_spec.ts";
import { EntryTable } from "./entrypoint.ts";
import { currentSettings } from "./settings.ts";
import { ChildProcess, register, tableEntries } from "./child.ts";
import { owe } from "../signal/clock.ts";
import type { PipeReader, PipeWriter } from "../ipc/pipe.ts";
import * as libc from "../ipc/libc.ts";
import { currentSelfExecContext, selfCommand } from "./self_exec.ts";
import { trace } from "../trace/trace.ts";

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

let inChild = false;

/** Marks this process as a child: from now on {@linkcode Children.fork} refuses. */
export function markChild(): void {
  inChild = true;
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
    if (inChild) {
      throw new Error(
        "fork() in a child: the tool's children never fork, so re-executing cannot recurse",
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
    return spawnChild(spec, options.adopt ?? true, options.inherit);
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

/**
 * A child runs no `node`, so Deno need not set up its `node` stand-in at
 * start: that is a file operation per process, and on Windows a copy of the
 * 90 MB runtime each time under Wine, where the copies also stay behind
 * (measured there: 243 → 177 ms per start, and no copy left).
 */
const NO_NODE_SHIM = { DENO_DISABLE_NODE_SHIM: "1" };

/**
 * V8 compiles and collects on the child's own thread, not on background
 * threads (an environment variable, so that a compiled binary takes it
 * too). A serving child lives as long as its client, and what background
 * threads allocate stays with it: measured over 12 000 echoes, a child's
 * private memory grew 0.1 MB this way and 0.8-1.2 MB with them.
 */
function childV8Flags(): Record<string, string> {
  const own = Deno.env.get("DENO_V8_FLAGS");
  return {
    DENO_V8_FLAGS: own ? `${own},--single-threaded` : "--single-threaded",
  };
}

/**
 * Starts the child a spec describes; the one place a child process is
 * created. `adopt` (default) puts it in the process table at once.
 */
export function spawnChild(
  spec: ChildSpec,
  adopt = true,
  inherit: readonly number[] = [],
): ChildProcess {
  const label = childLabel(spec);
  const { command, args } = selfCommand(currentSelfExecContext(), [
    CHILD_ARG,
    label,
  ]);
  // A child the program forks (not one started ahead for a pool) starts in
  // step with its parent: fork() returns once the child's code is about to
  // run, as C's fork() returns in both processes at once.
  const handshake = adopt ? Handshake.open() : undefined;
  const started = performance.now();
  const othersRunning = tableEntries().some((other) => !other.exited);
  if (handshake) spec.ready = handshake.childEnds;
  // Only this spawn inherits them: nothing else spawns while we are here.
  for (const fd of inherit) libc.setCloseOnExec(fd, false);
  let process: Deno.ChildProcess;
  try {
    process = new Deno.Command(command, {
      args,
      env: {
        [CHILD_ENV]: JSON.stringify(spec),
        ...NO_NODE_SHIM,
        ...childV8Flags(),
      },
      stdin: spec.toChild !== null ? "piped" : "null",
      stdout: "inherit",
      stderr: spec.toParent !== null ? "piped" : "inherit",
    }).spawn();
  } finally {
    handshake?.spawned();
    for (const fd of inherit) libc.setCloseOnExec(fd, true);
  }
  const child = new ChildProcess(process, label, spec);
  register(child, adopt);
  // Recorded before the child may go on, so that the picture shows the
  // fork before anything the child does. A child started ahead (a warm
  // pool) is the tool's doing; its fork of the book's comes at adopt().
  const forked = () =>
    trace("fork", label, {
      peer: child.pid,
      tool: !adopt,
      n: handshake ? performance.now() - started : undefined,
    });
  if (handshake) {
    handshake.waitReady(forked);
    if (othersRunning) owe(performance.now() - started);
  } else forked();
  return child;
}

/**
 * Two pipes between parent and child for fork()'s start: the child writes
 * "ready" once its runtime is up and its code loaded, then waits for "go";
 * the parent blocks until "ready", answers "go" and returns from fork().
 * The parent is then already running when the child is woken, as after a
 * real fork() the parent usually runs first while the child is scheduled.
 */
class Handshake {
  #readyRead: number;
  #readyWrite: number;
  #goRead: number;
  #goWrite: number;

  private constructor(ready: [number, number], go: [number, number]) {
    [this.#readyRead, this.#readyWrite] = ready;
    [this.#goRead, this.#goWrite] = go;
  }

  /** Makes the pipes; only the child's ends are inherited by the next spawn. */
  static open(): Handshake {
    const handshake = new Handshake(libc.pipe(), libc.pipe());
    libc.setCloseOnExec(handshake.#readyWrite, false);
    libc.setCloseOnExec(handshake.#goRead, false);
    return handshake;
  }

  /** The descriptors the child uses (the same numbers in the child). */
  get childEnds(): { ready: number; go: number } {
    return { ready: this.#readyWrite, go: this.#goRead };
  }

  /** After the spawn: the parent drops its copies of the child's ends. */
  spawned(): void {
    libc.close(this.#readyWrite);
    libc.close(this.#goRead);
  }

  /**
   * Blocks until the child is ready (or has died: end of file), calls
   * `ready`, then lets the child go.
   */
  waitReady(ready: () => void): void {
    try {
      // 0 bytes (end of file): the child died before it was ready; its
      // status will say so.
      libc.read(this.#readyRead, new Uint8Array(1));
      ready();
      libc.write(this.#goWrite, new Uint8Array([1]));
    } catch {
      // EPIPE: the child is gone already; its status will say so.
    } finally {
      libc.close(this.#readyRead);
      libc.close(this.#goWrite);
    }
  }
}

/**
 * The child's half of the fork handshake: says it is ready and waits until
 * its parent has returned from fork().
 */
export function childReady(ends: { ready: number; go: number }): void {
  libc.write(ends.ready, new Uint8Array([1]));
  libc.close(ends.ready);
  libc.read(ends.go, new Uint8Array(1));
  libc.close(ends.go);
}

function pipeName(
  option: boolean | string | undefined,
  fallback: string,
): string | null {
  if (option === undefined || option === false) return null;
  return option === true ? fallback : option;
}
