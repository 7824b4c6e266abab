/**
 * The fork layer: C's `fork()`, `pipe()`, `wait()` and `waitpid()` for a
 * runtime that has none of them.
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
 * until the program collects its status with {@linkcode wait},
 * {@linkcode waitpid} or {@linkcode ChildProcess.wait}, as C's parent does.
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
import { owe } from "../signal/clock.ts";
import { PipeReader, PipeWriter } from "../ipc/pipe.ts";
import * as libc from "../ipc/libc.ts";
import { hasProcFs, isWindows } from "../platform.ts";
import { procStateSync } from "./proc_info.ts";
import { currentSelfExecContext, selfCommand } from "./self_exec.ts";
import { canCatch, deliver, isHandled } from "../signal/signal.ts";
import { trace } from "../trace/trace.ts";

/** How a child ended, as `wait()` reports it. */
export interface ExitStatus {
  /** The child's process id. */
  pid: number;
  /** `WEXITSTATUS`: the value the child returned or passed to `exit()`. */
  code: number;
  /** `WTERMSIG`: the signal that killed it, or null if it exited. */
  signal: Deno.Signal | null;
}

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

/** The forked children whose status the program has not collected yet. */
const table = new Set<ChildProcess>();

/** Every child started and not known to have ended (adopted or not). */
const live = new Set<ChildProcess>();

/** A running (or ended, not yet collected) child process. */
export class ChildProcess {
  /** The child's real process id. */
  readonly pid: number;
  /** The role it runs, e.g. `pipe3:child`. */
  readonly role: string;
  /** Resolves when the child has ended and the runtime has reaped it. */
  readonly status: Promise<ExitStatus>;
  #exited?: ExitStatus;
  #process: Deno.ChildProcess;
  #pipes: ChildSpec;
  #toChild?: PipeWriter;
  #fromChild?: PipeReader;

  /** Wraps a spawned process; use {@linkcode Children.fork} to make one. */
  constructor(process: Deno.ChildProcess, role: string, pipes: ChildSpec) {
    this.#process = process;
    this.#pipes = pipes;
    this.pid = process.pid;
    this.role = role;
    this.status = process.status.then((status) => {
      const exit: ExitStatus = {
        pid: this.pid,
        code: status.code,
        signal: status.signal,
      };
      this.#exited = exit;
      if (!canCatch("SIGCHLD") && isHandled("SIGCHLD")) {
        // Windows has no SIGCHLD: the child's end stands in for the signal.
        void deliver("SIGCHLD");
      }
      return exit;
    });
  }

  /** The names of its pipes, as traces show them (null: no such pipe). */
  get pipeNames(): { toChild: string | null; toParent: string | null } {
    return { toChild: this.#pipes.toChild, toParent: this.#pipes.toParent };
  }

  /** The exit status once the child has ended (C's `waitpid(..., WNOHANG)` view). */
  get exited(): ExitStatus | undefined {
    return this.#exited;
  }

  /** The parent's write end of the pipe to the child (`fork(..., { toChild })`). */
  get toChild(): PipeWriter {
    return this.#toChild ??= new PipeWriter(
      this.stdinStream,
      this.#pipes.toChild!,
    );
  }

  /** The parent's read end of the pipe from the child (`fork(..., { toParent })`). */
  get fromChild(): PipeReader {
    return this.#fromChild ??= new PipeReader(
      this.stderrStream,
      this.#pipes.toParent!,
    );
  }

  /**
   * The pipe to the child as a raw stream, for relays that move bytes in
   * bulk. Use either this or {@linkcode toChild}, not both.
   */
  get stdinStream(): WritableStream<Uint8Array> {
    if (this.#pipes.toChild === null) {
      throw new Error(`${this.role} was forked without toChild`);
    }
    return this.#process.stdin;
  }

  #relayEnds?: RelayEnds;

  /**
   * The two pipes as a relay moves bytes through them: a writer on the
   * child's stdin and a bring-your-own-buffer reader on its stderr. Made
   * once; making them ahead (a warm pool does) takes that cost off the
   * moment a client arrives.
   */
  relayEnds(): RelayEnds {
    return this.#relayEnds ??= {
      writer: this.stdinStream.getWriter(),
      reader: this.stderrStream.getReader({ mode: "byob" }),
    };
  }

  /** The pipe from the child as a raw stream (see {@linkcode stdinStream}). */
  get stderrStream(): ReadableStream<Uint8Array> {
    if (this.#pipes.toParent === null) {
      throw new Error(`${this.role} was forked without toParent`);
    }
    return this.#process.stderr;
  }

  /** Sends `signal` to the child (C's `kill(pid, sig)`); no-op once it ended. */
  kill(signal: Deno.Signal = "SIGTERM"): void {
    if (this.#exited) return;
    try {
      this.#process.kill(signal);
      trace("kill", signal, { peer: this.pid, tool: true }); // all cleanup
    } catch (error) {
      // It ended between our check and the kill: nothing left to signal.
      if (!(error instanceof TypeError)) throw error;
    }
  }

  /** C's `waitpid(pid, &status, 0)`: waits for this child and collects its status. */
  async wait(): Promise<ExitStatus> {
    const status = await this.status;
    collect(this);
    return status;
  }

  /** Closes the parent's ends of this child's pipes (C: `close(fds[..])`). */
  async close(): Promise<void> {
    await this.#toChild?.close();
    await this.#fromChild?.close();
    if (this.#relayEnds) {
      await this.#relayEnds.writer.close().catch(() => {});
      await this.#relayEnds.reader.cancel().catch(() => {});
    }
  }
}

/** The parent's ends of a child's pipes, ready for a relay. */
export interface RelayEnds {
  /** Writes into the child's stdin. */
  writer: WritableStreamDefaultWriter<Uint8Array>;
  /** Reads what the child writes to its stderr. */
  reader: ReadableStreamBYOBReader;
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
  const handshake = adopt && canHandshake ? Handshake.open() : undefined;
  const started = performance.now();
  const othersRunning = [...table].some((other) => !other.exited);
  if (handshake) spec.ready = handshake.childEnds;
  // Only this spawn inherits them: nothing else spawns while we are here.
  for (const fd of inherit) libc.setCloseOnExec(fd, false);
  let process: Deno.ChildProcess;
  try {
    process = new Deno.Command(command, {
      args,
      env: { [CHILD_ENV]: JSON.stringify(spec) },
      stdin: spec.toChild !== null ? "piped" : "null",
      stdout: "inherit",
      stderr: spec.toParent !== null ? "piped" : "inherit",
    }).spawn();
  } finally {
    handshake?.spawned();
    for (const fd of inherit) libc.setCloseOnExec(fd, true);
  }
  const child = new ChildProcess(process, label, spec);
  live.add(child);
  void child.status.then(() => live.delete(child));
  if (adopt) table.add(child);
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

/** Where the fork handshake runs: it needs pipes a child can inherit. */
const canHandshake = !isWindows;

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

/** True when `pid` is a child this process started and that still runs. */
export function isOurChild(pid: number): boolean {
  return [...live].some((child) => child.pid === pid);
}

/** Puts a child started with `adopt: false` into the process table. */
export function adopt(child: ChildProcess): void {
  trace("fork", child.role, { peer: child.pid, what: "pooled" }); // C's fork()
  table.add(child);
}

/**
 * C's `wait(&status)`: waits until any uncollected child has ended and
 * collects it; of several that have ended, the oldest. `null` when there is
 * no child left (C returns -1 with ECHILD).
 */
export async function wait(): Promise<ExitStatus | null> {
  return await waitpid(-1);
}

/** Options of {@linkcode waitpid}. */
export interface WaitpidOptions {
  /** C's `WNOHANG`: return `null` at once when no such child has ended yet. */
  noHang?: boolean;
}

/**
 * C's `waitpid(pid, &status, options)`. `pid` -1 means any child. With
 * `noHang` it returns `null` when none has ended yet. On Linux it also asks
 * the OS (`/proc`), so a child that has exited but whose status the runtime
 * has not delivered yet counts as ended, as it would for C's waitpid.
 */
export async function waitpid(
  pid: number,
  options: WaitpidOptions = {},
): Promise<ExitStatus | null> {
  const candidates = [...table].filter((child) =>
    pid === -1 || child.pid === pid
  );
  if (candidates.length === 0) return null;
  // Of the children that have ended, the oldest comes first, as Linux's
  // wait() hands them out (it walks its list of children oldest first).
  const ended = candidates.find((child) =>
    child.exited || osSaysEnded(child.pid)
  );
  if (ended) return await ended.wait();
  if (!options.noHang) {
    const first = await Promise.race(
      candidates.map((child) => child.status.then(() => child)),
    );
    return await first.wait();
  }
  if (!hasProcFs) {
    // Without /proc, give the runtime one turn of the event loop to deliver
    // a status it has already reaped, then look again.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const late = candidates.find((child) => child.exited);
    if (late) return await late.wait();
  }
  return null;
}

/** Children forked and not collected yet, oldest first. */
export function uncollected(): ChildProcess[] {
  return [...table];
}

/**
 * Kills every child still running or uncollected (adopted or not) and waits
 * for them: the cleanup when a program ends or fails, so that no process is
 * left behind.
 */
export async function killAll(signal: Deno.Signal = "SIGKILL"): Promise<void> {
  const children = [...new Set([...table, ...live])];
  for (const child of children) child.kill(signal);
  await Promise.all(children.map(async (child) => {
    await child.close().catch(() => {});
    await child.status;
    collect(child);
  }));
}

/**
 * Waits until every child the program forked has ended on its own, at
 * most `ms` milliseconds; returns those still running then. A C parent
 * that returns does not wait, and its children go on as orphans; the tool
 * waits for them instead, so that no process outlives the command.
 */
export async function childrenEnded(ms: number): Promise<ChildProcess[]> {
  const running = () =>
    [...live].filter((child) => table.has(child) && !child.exited);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => timer = setTimeout(resolve, ms));
  await Promise.race([
    Promise.all(running().map((child) => child.status)),
    late,
  ]);
  clearTimeout(timer);
  return running();
}

/**
 * Kills every child still running at once, without waiting: the cleanup of
 * a process that is ending now (its `exit()`); the OS reaps them.
 */
export function killAllNow(): void {
  for (const child of live) child.kill("SIGKILL");
}

/** C's `WIFEXITED(status)`: the child ended by returning or calling exit(). */
export function WIFEXITED(status: ExitStatus): boolean {
  return status.signal === null;
}

/** C's `WEXITSTATUS(status)`: the value it returned or passed to exit(). */
export function WEXITSTATUS(status: ExitStatus): number {
  return status.code;
}

/** `exit 3`, `killed by SIGTERM`. */
export function describeStatus(status: ExitStatus): string {
  return status.signal ? `killed by ${status.signal}` : `exit ${status.code}`;
}

let emptied: (() => void)[] = [];

/**
 * Resolves once every forked child has been collected (by `wait()`,
 * `waitpid()` or a SIGCHLD handler calling them), e.g. so that a server's
 * handler reports each child before the server exits.
 */
export function allCollected(): Promise<void> {
  if (table.size === 0) return Promise.resolve();
  return new Promise((resolve) => emptied.push(resolve));
}

function collect(child: ChildProcess): void {
  if (table.delete(child)) {
    const status = child.exited!;
    trace("reap", status.signal ?? `exit ${status.code}`, {
      peer: child.pid,
      what: status.signal ? "signal" : "exit",
    });
    if (table.size === 0) {
      const waiting = emptied;
      emptied = [];
      for (const resolve of waiting) resolve();
    }
  }
}

function osSaysEnded(pid: number): boolean {
  if (!hasProcFs) return false;
  const state = procStateSync(pid);
  return state === null || state === "Z";
}

function pipeName(
  option: boolean | string | undefined,
  fallback: string,
): string | null {
  if (option === undefined || option === false) return null;
  return option === true ? fallback : option;
}
