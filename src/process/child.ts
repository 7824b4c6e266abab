/**
 * The children of this process, as the kernel keeps them: each
 * {@linkcode ChildProcess} from its start to the moment its status is
 * collected, and the process table of the children the program has not
 * collected yet (what `wait()` and `waitpid()` look at, `wait.ts`).
 *
 * The runtime reaps an exited child by itself (it calls `waitpid` as soon
 * as its event loop runs); this table keeps each child until the program
 * collects its status, as C's process table keeps a zombie.
 *
 * @module
 */

import { deadline } from "@std/async";
import { PipeReader, PipeWriter } from "../ipc/pipe.ts";
import { hasProcFs } from "../platform.ts";
import { canCatch, deliver, isHandled } from "../signal/signal.ts";
import { trace } from "../trace/trace.ts";
import type { ChildSpec } from "./child_spec.ts";
import { procStateSync } from "./os/proc_info.ts";

/** How a child ended, as `wait()` reports it. */
export interface ExitStatus {
  /** The child's process id. */
  pid: number;
  /** `WEXITSTATUS`: the value the child returned or passed to `exit()`. */
  code: number;
  /** `WTERMSIG`: the signal that killed it, or null if it exited. */
  signal: Deno.Signal | null;
}

/** The forked children whose status the program has not collected yet. */
const table = new Set<ChildProcess>();

/** Every child started and not known to have ended (adopted or not). */
const live = new Set<ChildProcess>();

/**
 * Enters a child just started: it counts as running, and (`adopt`) as one
 * of the program's children, whose status `wait()` will collect.
 */
export function register(child: ChildProcess, adopt: boolean): void {
  live.add(child);
  void child.status.then(() => live.delete(child));
  if (adopt) table.add(child);
}

/** The children in the process table, oldest first. */
export function tableEntries(): ChildProcess[] {
  return [...table];
}

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
    if (this.#pipes.toChild === null) {
      throw new Error(`${this.role} was forked without toChild`);
    }
    return this.#toChild ??= new PipeWriter(
      this.#process.stdin,
      this.#pipes.toChild,
    );
  }

  /** The parent's read end of the pipe from the child (`fork(..., { toParent })`). */
  get fromChild(): PipeReader {
    if (this.#pipes.toParent === null) {
      throw new Error(`${this.role} was forked without toParent`);
    }
    return this.#fromChild ??= new PipeReader(
      this.#process.stderr,
      this.#pipes.toParent,
    );
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
  }
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
  await deadline(Promise.all(running().map((child) => child.status)), ms)
    .catch(() => {}); // still running then: the caller says so
  return running();
}

/**
 * Kills every child still running at once, without waiting: the cleanup of
 * a process that is ending now (its `exit()`); the OS reaps them.
 */
export function killAllNow(): void {
  for (const child of live) child.kill("SIGKILL");
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

/** Takes `child` out of the process table: its status has been collected. */
export function collect(child: ChildProcess): void {
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

/** True when the OS shows `pid` ended (a zombie, or gone); Linux only. */
export function osSaysEnded(pid: number): boolean {
  if (!hasProcFs) return false;
  const state = procStateSync(pid);
  return state === null || state === "Z";
}
