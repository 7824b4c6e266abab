/**
 * Watches the learner's processes as `ps` in a second terminal would, many
 * times a second: every process the program creates (found through each
 * known process's children, and the cgroup when there is one), its parent,
 * its state letter over time (when it became a zombie, when it was gone).
 * Linux reads `/proc`; macOS asks `ps` (less often: each look starts a
 * process).
 *
 * @module
 */

import { allPids, childrenOf, readStat } from "./procfs.ts";

/** What was seen of one process. */
export interface ProcRecord {
  /** Its pid. */
  pid: number;
  /** Its parent when first seen (a zombie's stays; an orphan's changes). */
  ppid: number;
  /** Its command name, as last seen (it changes at exec). */
  comm: string;
  /** When it was first seen, in ms since the program started. */
  seen: number;
  /** The last state letter seen. */
  state: string;
  /** Every state letter seen, in order, without repeats. */
  states: string[];
  /** When it was first seen as a zombie, or null. */
  zombieAt: number | null;
  /** When it was first seen gone from the process table, or null. */
  goneAt: number | null;
  /** Its start time in clock ticks (Linux), which tells a reused pid apart. */
  start?: number;
  /** The signal that killed it, when seen as a zombie (Linux). */
  killedBy?: string;
}

/** Where the watcher looks: Linux's /proc or macOS's ps. */
interface Source {
  /** The state, parent and name of `pid`, or null when it is gone. */
  stat(
    pid: number,
  ): {
    state: string;
    ppid: number;
    comm: string;
    session?: number;
    start?: number;
    killedBy?: string | null;
  } | null;
  /** Every process of session `sid` (Linux), to find orphans. */
  sessionMembers?(sid: number): number[];
  /** The children of `pid`. */
  children(pid: number): number[];
  /** Refreshes whatever the two calls above read (ps: one run). */
  refresh(): void;
}

const procSource: Source = {
  stat: (pid) => readStat(pid),
  children: (pid) => childrenOf(pid),
  sessionMembers: (sid) =>
    allPids().filter((pid) => readStat(pid)?.session === sid),
  refresh() {},
};

/** macOS: one `ps` per look, for every process. */
function psSource(): Source {
  let table = new Map<number, { state: string; ppid: number; comm: string }>();
  return {
    stat: (pid) => table.get(pid) ?? null,
    children: (pid) =>
      [...table].filter(([, row]) => row.ppid === pid).map(([p]) => p),
    refresh() {
      const out = new Deno.Command("ps", {
        args: ["-ax", "-o", "pid=,ppid=,stat=,comm="],
        stdout: "piped",
        stderr: "null",
      }).outputSync();
      table = new Map();
      for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
        const m = line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/);
        if (m) {
          table.set(Number(m[1]), {
            ppid: Number(m[2]),
            state: m[3][0],
            comm: m[4],
          });
        }
      }
    },
  };
}

/** Watches the processes under one launched process. */
export class ProcWatcher {
  /** Every process seen, by pid. */
  readonly records: Map<number, ProcRecord> = new Map();
  #source: Source = Deno.build.os === "linux" ? procSource : psSource();
  #launcher: number;
  #extra: () => number[];
  #t0: number;
  #timer?: ReturnType<typeof setTimeout>;
  #onChange: () => void;

  /**
   * Watches `launcher` and everything under it; `extra` names more
   * processes to include (a cgroup's members); `onChange` runs after each
   * look. Times are in ms since `t0` (`performance.now()`).
   */
  constructor(
    launcher: number,
    t0: number,
    onChange: () => void,
    extra: () => number[] = () => [],
  ) {
    this.#launcher = launcher;
    this.#t0 = t0;
    this.#onChange = onChange;
    this.#extra = extra;
  }

  /** Milliseconds since the program started. */
  now(): number {
    return performance.now() - this.#t0;
  }

  /** Looks every `intervalMs` until {@linkcode stop}. */
  start(intervalMs: number): void {
    const tick = () => {
      this.look();
      this.#timer = setTimeout(tick, intervalMs);
    };
    tick();
  }

  /** Stops looking. */
  stop(): void {
    clearTimeout(this.#timer);
  }

  /** One look at every process. */
  look(): void {
    this.#source.refresh();
    const now = this.now();
    const queue = [this.#launcher, ...this.#extra()];
    // Known processes are looked at again only if the pid is still theirs:
    // on a busy machine a pid is reused within milliseconds, and another
    // process's children are not the program's.
    const known = new Map<number, number | undefined>();
    for (const record of this.records.values()) {
      if (record.goneAt === null) {
        queue.push(record.pid);
        known.set(record.pid, record.start);
      }
    }
    const visited = new Set<number>();
    let lost = false;
    while (true) {
      if (queue.length === 0) {
        // A process ended: its children went to init, out of our tree. The
        // session (a new one, the launcher's) still names them.
        if (!lost || !this.#source.sessionMembers) break;
        lost = false;
        queue.push(
          ...this.#source.sessionMembers(this.#launcher).filter((p) =>
            !visited.has(p)
          ),
        );
        if (queue.length === 0) break;
      }
      const pid = queue.pop()!;
      if (visited.has(pid)) continue;
      const stat = this.#source.stat(pid);
      let record = this.records.get(pid);
      const expected = known.get(pid);
      if (
        stat && expected !== undefined && stat.start !== undefined &&
        stat.start !== expected
      ) {
        // Ours ended and the pid went to another process meanwhile.
        if (record && record.goneAt === null) {
          record.goneAt = now;
          lost = true;
        }
        known.delete(pid);
        continue;
      }
      visited.add(pid);
      if (!stat) {
        if (record && record.goneAt === null) {
          record.goneAt = now;
          lost = true;
        }
        continue;
      }
      if (!record || record.goneAt !== null) {
        record = {
          pid,
          ppid: stat.ppid,
          comm: stat.comm,
          seen: now,
          state: stat.state,
          states: [stat.state],
          zombieAt: null,
          goneAt: null,
          start: stat.start,
        };
        this.records.set(pid, record);
      }
      record.comm = stat.comm;
      if (record.state !== stat.state) {
        record.state = stat.state;
        if (record.states.at(-1) !== stat.state) record.states.push(stat.state);
      }
      if (stat.state === "Z" && record.zombieAt === null) record.zombieAt = now;
      if (stat.killedBy) record.killedBy = stat.killedBy;
      if (stat.state !== "Z") queue.push(...this.#source.children(pid));
    }
    this.#onChange();
  }

  /** The processes seen whose parent (when first seen) is `pid`, oldest first. */
  childrenOf(pid: number): ProcRecord[] {
    return [...this.records.values()]
      .filter((record) => record.ppid === pid && record.pid !== pid)
      .sort((a, b) => a.seen - b.seen || a.pid - b.pid);
  }

  /** Whether `pid` is in the process table and not a zombie. */
  running(pid: number): boolean {
    const record = this.records.get(pid);
    return record !== undefined && record.goneAt === null &&
      record.state !== "Z";
  }

  /** The processes seen that are still in the process table (zombies too). */
  present(): ProcRecord[] {
    return [...this.records.values()].filter((r) => r.goneAt === null);
  }
}
