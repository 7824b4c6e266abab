/**
 * What the learner's processes did, from `strace -f`: who forked whom,
 * who ended how, the bytes each wrote to and read from each pipe (so a
 * message can be followed from its writer to its reader), the lines each
 * process printed, the signals handled and sent. A program such as
 * `fork.c` ends within a millisecond, before `/proc` can be read twice;
 * the system call trace sees all of it.
 *
 * `strace` runs with `-f` (children too), `-y` (each descriptor's file,
 * e.g. `pipe:[123]`), `-ttt` (times) and `-x` (non-printable bytes in
 * hex), only on the calls named here, with seccomp filtering so the
 * others cost nothing.
 *
 * @module
 */

import type { Text } from "../text.ts";
import { both } from "./words.ts";

/** The system calls traced. */
const CALLS = [
  "%process",
  "read",
  "write",
  "pipe",
  "pipe2",
  "close",
  "dup",
  "dup2",
  "dup3",
  "socket",
  "bind",
  "listen",
  "accept",
  "accept4",
  "connect",
  "shutdown",
  "rt_sigaction",
  "alarm",
  "setitimer",
];

/**
 * The `strace` arguments that write the trace of `command` to `log`.
 * `holdAfterFork` (ms) makes each `fork()` return that much later in the
 * parent, so that the child runs first (strace's fault injection; threads
 * are made with clone3, which is left alone).
 */
export function straceArgs(
  log: string,
  command: readonly string[],
  holdAfterFork = 0,
): string[] {
  const args = [
    "-f",
    "--seccomp-bpf",
    "-q",
    "-I",
    "never",
    "-ttt",
    "-y",
    "-x",
    "-s",
    "256",
    "-o",
    log,
    "-e",
    `trace=${CALLS.join(",")}`,
  ];
  if (holdAfterFork > 0) {
    args.push(
      "-e",
      `inject=fork,vfork,clone:delay_exit=${holdAfterFork * 1000}`,
    );
  }
  return [...args, "--", ...command];
}

/** A descriptor argument as `-y` shows it: `3<pipe:[123]>`. */
export interface FdArg {
  /** The descriptor number. */
  fd: number;
  /** What it names: `pipe:[123]`, `socket:[45]`, `/dev/pts/3`, a path. */
  target: string;
}

/** One finished system call. */
export interface Call {
  /** The thread that made it. */
  tid: number;
  /** Its process (thread group). */
  pid: number;
  /** When it returned, ms since the program started. */
  t: number;
  /** The call's name. */
  name: string;
  /** The arguments as strace wrote them, split at the top level. */
  args: string[];
  /** The return value's text (`?` for calls that do not return). */
  ret: string;
  /** The return value as a number, or null. */
  value: number | null;
  /** The errno name when it failed, e.g. `EINTR`. */
  errno: string | null;
}

/** A signal delivered to a thread. */
export interface SignalEvent {
  /** Thread and process. */
  tid: number;
  /** The process. */
  pid: number;
  /** When, ms since the start. */
  t: number;
  /** e.g. `SIGCHLD`. */
  signal: string;
  /** The sender's pid when strace shows it. */
  from: number | null;
}

/** How a process ended. */
export interface ProcessEnd {
  /** When, ms since the start. */
  t: number;
  /** Exit status, or null when killed. */
  code: number | null;
  /** The signal that killed it, or null. */
  signal: string | null;
}

/** One process of the trace. */
export interface TracedProcess {
  /** Its pid. */
  pid: number;
  /** The process that made it (null for the first). */
  parent: number | null;
  /** When it was made, ms since the start. */
  forkedAt: number;
  /** How it ended, if it did before the trace stopped. */
  end: ProcessEnd | null;
  /** The programs it ran (execve), in order. */
  exec: string[];
  /** When it last ran a program (execve), or null. */
  execAt: number | null;
}

/** Bytes that went through a pipe from one process to another. */
export interface Delivery {
  /** The pipe's inode name, `pipe:[123]`. */
  pipe: string;
  /** The process that wrote them. */
  writer: number;
  /** The process that read them. */
  reader: number;
  /** The bytes (as far as strace showed them). */
  bytes: Uint8Array;
  /** How many bytes (even where strace cut the shown ones short). */
  length: number;
  /** When written and read, ms since the start. */
  writtenAt: number;
  /** When read. */
  readAt: number;
}

/** What a process wrote to the terminal. */
export interface Print {
  /** The process. */
  pid: number;
  /** When. */
  t: number;
  /** The bytes. */
  bytes: Uint8Array;
}

/** A parsed trace: every call, signal, process and pipe delivery. */
export class Trace {
  /** Every finished call, in the order they returned. */
  readonly calls: Call[] = [];
  /** Every signal delivery. */
  readonly signals: SignalEvent[] = [];
  /** Every process (not thread), by pid. */
  readonly processes: Map<number, TracedProcess> = new Map();
  /** Threads' process ids. */
  readonly #tgid = new Map<number, number>();
  /** The first process: the program itself. */
  root: number | null = null;

  /** The process a thread belongs to. */
  processOf(tid: number): number {
    return this.#tgid.get(tid) ?? tid;
  }

  /** The process's children, in the order they were made. */
  childrenOf(pid: number): TracedProcess[] {
    return [...this.processes.values()]
      .filter((p) => p.parent === pid)
      .sort((a, b) => a.forkedAt - b.forkedAt);
  }

  /**
   * The children `pid` made after it last ran a program: the program's
   * own, not those of a wrapper that ran before it (a `python3` shim's
   * helpers, say, before it runs the real python).
   */
  programChildrenOf(pid: number): TracedProcess[] {
    const since = this.processes.get(pid)?.execAt ?? -Infinity;
    // A child made before the exec and not collected by then is still the
    // process's child after it (a shell script that forks, then execs
    // sleep, leaves its child to the new program): a wrapper collects its
    // helpers before it runs the program.
    const collected = (child: number) =>
      this.calls.some((c) =>
        c.pid === pid && (c.name === "wait4" || c.name === "waitid") &&
        c.value === child && c.t <= since
      );
    return this.childrenOf(pid).filter((child) =>
      child.forkedAt >= since || !collected(child.pid)
    );
  }

  /** Every descendant of `pid`. */
  descendantsOf(pid: number): TracedProcess[] {
    const out: TracedProcess[] = [];
    for (const child of this.childrenOf(pid)) {
      out.push(child, ...this.descendantsOf(child.pid));
    }
    return out;
  }

  /**
   * Calls named `name` (or any of `names`) made by process `pid` (any if
   * null), since the program started (a wrapper's before it left out).
   */
  callsOf(pid: number | null, ...names: string[]): Call[] {
    const since = this.#started();
    return this.calls.filter((call) =>
      (pid === null || call.pid === pid) && names.includes(call.name) &&
      call.t >= since
    );
  }

  /** Signals delivered to process `pid` since the program started. */
  signalsTo(pid: number | null, signal: string): SignalEvent[] {
    const since = this.#started();
    return this.signals.filter((s) =>
      s.pid === pid && s.signal === signal && s.t >= since
    );
  }

  /**
   * When the first process last ran a program (execve): what came before
   * is a wrapper's (pyenv's python3 shim reads its helpers' answers
   * through pipes before it runs python), not the program's.
   */
  #started(): number {
    const root = this.root === null ? null : this.processes.get(this.root);
    return root?.execAt ?? -Infinity;
  }

  /** Every pipe the program made (`pipe:[inode]` names), in order. */
  pipes(): { name: string; by: number; t: number }[] {
    const out: { name: string; by: number; t: number }[] = [];
    const since = this.#started();
    for (const call of this.callsOf(null, "pipe", "pipe2")) {
      if (call.t < since) continue;
      const fds = fdArgs(call.args[0] ?? "");
      if (fds[0] && call.value === 0) {
        out.push({ name: fds[0].target, by: call.pid, t: call.t });
      }
    }
    return out;
  }

  /**
   * Every byte that went through a pipe, from its writer to its reader:
   * each pipe's writes queue up in order and each read takes from the
   * front, as the kernel's pipe buffer does.
   */
  deliveries(): Delivery[] {
    // A pipe is first in, first out: the k-th byte read is the k-th byte
    // written, whichever of the two calls strace happened to report first.
    type Part = { pid: number; bytes: Uint8Array; length: number; t: number };
    const writes = new Map<string, Part[]>();
    const reads = new Map<string, Part[]>();
    const since = this.#started();
    for (const call of this.calls) {
      if (call.name !== "write" && call.name !== "read") continue;
      if (call.t < since) continue;
      const fd = fdArg(call.args[0] ?? "");
      if (!fd || !fd.target.startsWith("pipe:")) continue;
      if (call.value === null || call.value <= 0) continue;
      const table = call.name === "write" ? writes : reads;
      const list = table.get(fd.target) ?? [];
      table.set(fd.target, list);
      list.push({
        pid: call.pid,
        bytes: call.name === "write"
          ? cString(call.args[1] ?? "").subarray(0, call.value)
          : new Uint8Array(),
        length: call.value,
        t: call.t,
      });
    }
    const out: Delivery[] = [];
    for (const [pipe, readList] of reads) {
      const queue = (writes.get(pipe) ?? []).map((w) => ({ ...w }));
      for (const read of readList) {
        let want = read.length;
        while (want > 0 && queue.length > 0) {
          const head = queue[0];
          const take = Math.min(want, head.length);
          out.push({
            pipe,
            writer: head.pid,
            reader: read.pid,
            bytes: head.bytes.subarray(0, take),
            length: take,
            writtenAt: head.t,
            readAt: read.t,
          });
          head.bytes = head.bytes.subarray(take);
          head.length -= take;
          want -= take;
          if (head.length === 0) queue.shift();
        }
      }
    }
    return out.sort((a, b) => a.readAt - b.readAt);
  }

  /** Every write of a process to `terminal` (the pseudo-terminal's path). */
  prints(terminal: string): Print[] {
    return this.calls
      .filter((call) =>
        call.name === "write" && (call.value ?? 0) > 0 &&
        fdArg(call.args[0] ?? "")?.target === terminal
      )
      .map((call) => ({
        pid: call.pid,
        t: call.t,
        bytes: cString(call.args[1] ?? "").subarray(0, call.value!),
      }));
  }

  /**
   * The lines each process printed on `terminal`: each process's writes
   * joined and cut at newlines (C's stdout on a terminal writes a line at
   * a time).
   */
  printedLines(terminal: string): { pid: number; t: number; line: string }[] {
    const partial = new Map<number, string>();
    const out: { pid: number; t: number; line: string }[] = [];
    const decoder = new TextDecoder();
    for (const print of this.prints(terminal)) {
      const text = (partial.get(print.pid) ?? "") + decoder.decode(print.bytes);
      const parts = text.split("\n");
      partial.set(print.pid, parts.pop()!);
      for (const line of parts) out.push({ pid: print.pid, t: print.t, line });
    }
    return out;
  }

  /** Adds one line of strace's output (joined with its resumption). */
  add(line: string, toMs: (epochSeconds: number) => number): void {
    const m = line.match(/^(\d+)\s+(\d+\.\d+)\s+(.*)$/);
    if (!m) return;
    const tid = Number(m[1]);
    const t = toMs(Number(m[2]));
    const rest = m[3];
    this.root ??= tid;
    if (!this.#tgid.has(tid) && !this.processes.has(tid)) {
      // Its parent's fork() may be reported after the child's first call.
      this.processes.set(tid, {
        pid: tid,
        parent: null,
        forkedAt: t,
        end: null,
        exec: [],
        execAt: null,
      });
    }
    if (rest.startsWith("+++ ")) {
      const exited = rest.match(/^\+\+\+ exited with (\d+) \+\+\+/);
      const killed = rest.match(/^\+\+\+ killed by (SIG\w+)/);
      const process = this.processes.get(tid);
      if (process && !process.end) {
        process.end = {
          t,
          code: exited ? Number(exited[1]) : null,
          signal: killed ? killed[1] : null,
        };
      }
      return;
    }
    if (rest.startsWith("--- ")) {
      const sig = rest.match(/^--- (SIG\w+)/);
      const from = rest.match(/si_pid=(\d+)/);
      if (sig) {
        this.signals.push({
          tid,
          pid: tid,
          t,
          signal: sig[1],
          from: from ? Number(from[1]) : null,
        });
      }
      return;
    }
    const call = parseCall(rest);
    if (!call) return;
    const done: Call = { tid, pid: tid, t, ...call };
    this.calls.push(done);
    this.#follow(done);
  }

  /** Keeps the process tree: forks, threads, exec. */
  #follow(call: Call): void {
    const { name, tid } = call;
    if (name === "execve" || name === "execveat") {
      const process = this.processes.get(this.processOf(tid));
      if (call.value === 0 && process) {
        process.exec.push(
          new TextDecoder().decode(cString(call.args[0] ?? "")),
        );
        process.execAt = call.t;
      }
      return;
    }
    if (!["clone", "clone3", "fork", "vfork"].includes(name)) return;
    const child = call.value;
    if (child === null || child <= 0) return;
    const parent = this.processOf(tid);
    if (/CLONE_THREAD/.test(call.args.join(","))) {
      this.#tgid.set(child, parent);
      this.processes.delete(child);
      return;
    }
    const known = this.processes.get(child);
    this.processes.set(child, {
      pid: child,
      parent,
      forkedAt: Math.min(call.t, known?.forkedAt ?? Infinity),
      end: known?.end ?? null,
      exec: known?.exec ?? [],
      execAt: known?.execAt ?? null,
    });
  }

  /**
   * Once every line is in: each call and signal gets its process (a thread
   * may have been seen before the call that made it), in time order.
   */
  settle(): void {
    for (const event of [...this.calls, ...this.signals]) {
      event.pid = this.processOf(event.tid);
    }
    this.calls.sort((a, b) => a.t - b.t);
    this.signals.sort((a, b) => a.t - b.t);
  }
}

/**
 * Reads strace's log into a {@linkcode Trace} as it grows (strace writes
 * each line as it happens), joining each call cut by `<unfinished ...>`
 * with its `<... name resumed>` line.
 */
export class TraceReader {
  /** The trace so far. */
  readonly trace: Trace = new Trace();
  #path: string;
  #toMs: (epochSeconds: number) => number;
  #file: Deno.FsFile | null = null;
  #decoder = new TextDecoder();
  #rest = "";
  #pending = new Map<string, string>();

  /** Reads `path`; `toMs` turns strace's times into the run's ms. */
  constructor(path: string, toMs: (epochSeconds: number) => number) {
    this.#path = path;
    this.#toMs = toMs;
  }

  /** Reads what strace has written since the last call. */
  poll(): void {
    try {
      this.#file ??= Deno.openSync(this.#path, { read: true });
    } catch {
      return; // not written yet
    }
    const buf = new Uint8Array(1 << 16);
    let text = "";
    while (true) {
      const n = this.#file.readSync(buf);
      if (n === null || n === 0) break;
      text += this.#decoder.decode(buf.subarray(0, n), { stream: true });
    }
    this.feed(text);
  }

  /** Adds text of the log (lines may be cut anywhere). */
  feed(text: string): void {
    const lines = (this.#rest + text).split("\n");
    this.#rest = lines.pop()!;
    for (const line of lines) this.#line(line);
  }

  /** Reads the rest, closes the log, and returns the settled trace. */
  close(): Trace {
    this.poll();
    this.#line(this.#rest);
    this.#rest = "";
    this.#file?.close();
    this.#file = null;
    this.trace.settle();
    return this.trace;
  }

  #line(line: string): void {
    const m = line.match(/^(\d+)\s+(\d+\.\d+)\s+(.*)$/);
    if (!m) return;
    const [, tid, , rest] = m;
    if (rest.endsWith(" <unfinished ...>")) {
      this.#pending.set(tid, rest.slice(0, -" <unfinished ...>".length));
      return;
    }
    const resumed = rest.match(/^<\.\.\. [\w]+ resumed>(.*)$/);
    if (resumed) {
      const start = this.#pending.get(tid);
      this.#pending.delete(tid);
      if (start === undefined) return;
      this.trace.add(`${tid} ${m[2]} ${start}${resumed[1]}`, this.#toMs);
      return;
    }
    this.trace.add(line, this.#toMs);
  }
}

/** Reads a whole strace log into a {@linkcode Trace}. */
export function parseTrace(
  text: string,
  toMs: (epochSeconds: number) => number,
): Trace {
  const reader = new TraceReader("", toMs);
  reader.feed(text + "\n");
  reader.trace.settle();
  return reader.trace;
}

/** Splits `name(args) = ret` into its parts; null for anything else. */
function parseCall(
  text: string,
): Omit<Call, "tid" | "pid" | "t"> | null {
  const open = text.indexOf("(");
  if (open <= 0) return null;
  const name = text.slice(0, open);
  if (!/^\w+$/.test(name)) return null;
  const { args, end } = splitArgs(text, open + 1);
  const after = text.slice(end + 1);
  const r = after.match(/^\s*=\s*(.*)$/);
  if (!r) return null;
  const ret = r[1].replace(/\s*\(DELAYED\)$/, "").trim();
  const num = ret.match(/^(-?\d+)/);
  // `= ? ERESTARTSYS`: interrupted by a handled signal (EINTR to the program).
  const errno = ret.match(/^(?:-1|\?) (E[A-Z0-9_]+)/);
  return {
    name,
    args,
    ret,
    value: num ? Number(num[1]) : null,
    errno: errno ? errno[1] : null,
  };
}

/**
 * Splits the arguments that start at `from` at top-level commas: quotes,
 * brackets, braces and `-y`'s `<...>` keep theirs. Returns the index of
 * the closing parenthesis.
 */
function splitArgs(
  text: string,
  from: number,
): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let angle = 0;
  let current = "";
  let i = from;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      current += ch;
      if (ch === "\\") {
        current += text[++i] ?? "";
      } else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      current += ch;
      continue;
    }
    if (ch === "<" && /\d$/.test(current)) angle++;
    else if (ch === ">" && angle > 0) angle--;
    else if (angle === 0 && (ch === "(" || ch === "[" || ch === "{")) depth++;
    else if (angle === 0 && (ch === "]" || ch === "}")) depth--;
    else if (angle === 0 && ch === ")") {
      if (depth === 0) break;
      depth--;
    } else if (angle === 0 && depth === 0 && ch === ",") {
      args.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim() !== "") args.push(current.trim());
  return { args, end: i };
}

/** A descriptor argument `3<pipe:[123]>`, or null. */
export function fdArg(arg: string): FdArg | null {
  const m = arg.match(/^(\d+)<(.*)>$/s);
  return m ? { fd: Number(m[1]), target: m[2] } : null;
}

/** Every descriptor named in an argument (such as pipe2's `[3<...>, 4<...>]`). */
export function fdArgs(arg: string): FdArg[] {
  const out: FdArg[] = [];
  for (const m of arg.matchAll(/(\d+)<([^<>]*(?:<[^<>]*>)?[^<>]*)>/g)) {
    out.push({ fd: Number(m[1]), target: m[2] });
  }
  return out;
}

/** The bytes of a quoted C string as strace writes it (`"a\n\x00"...`). */
export function cString(arg: string): Uint8Array {
  const m = arg.match(/^"((?:[^"\\]|\\.)*)"/s);
  if (!m) return new Uint8Array();
  const body = m[1];
  const out: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      out.push(...encoder.encode(ch));
      continue;
    }
    const next = body[++i];
    const simple: Record<string, number> = {
      n: 10,
      t: 9,
      r: 13,
      v: 11,
      f: 12,
      a: 7,
      b: 8,
      '"': 34,
      "\\": 92,
    };
    if (next in simple) out.push(simple[next]);
    else if (next === "x") {
      out.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (/[0-7]/.test(next)) {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(body[i + 1] ?? "")) {
        digits += body[++i];
      }
      out.push(parseInt(digits, 8));
    } else out.push(...encoder.encode(next));
  }
  return new Uint8Array(out);
}

/** strace as found here: its version, or why it cannot be used. */
export type StraceFound = { version: string } | {
  missing: "absent" | "denied";
};

/** This OS's name as people say it. */
function osName(): string {
  return Deno.build.os === "darwin" ? "macOS" : Deno.build.os;
}

/**
 * Why a check that reads the trace was skipped, as its line says it:
 * strace left out (`--no-strace`, `found` null), unable to trace a trial
 * run, not installed, or not there at all (it is Linux's).
 *
 * @example
 * ```ts
 * import { untracedReason } from "./strace.ts";
 *
 * console.log(untracedReason(null).en); // "needs strace (left out: --no-strace)"
 * ```
 */
export function untracedReason(found: StraceFound | null): Text {
  if (found === null) {
    return both(
      "needs strace (left out: --no-strace)",
      "strace가 필요하다 (--no-strace로 뺐다)",
    );
  }
  if ("version" in found) {
    return both("needs strace's trace", "strace의 추적이 필요하다");
  }
  if (found.missing === "denied") {
    return both(
      "needs strace, which could not trace a trial run here (as where ptrace is not permitted)",
      "strace가 필요한데 여기서는 시험 실행을 추적하지 못했다 (ptrace가 허용되지 않는 곳처럼)",
    );
  }
  return Deno.build.os === "linux"
    ? both(
      "needs strace, which is not installed (apt-get install strace)",
      "strace가 필요한데 설치되어 있지 않다 (apt-get install strace)",
    )
    : both(
      `needs strace, which is Linux's (${osName()} has none)`,
      `strace가 필요한데 strace는 리눅스의 것이다 (${osName()}에는 없다)`,
    );
}

/** The report's line on system calls when there is no trace, for the same reasons. */
export function untracedHeader(found: StraceFound | null): Text {
  if (found === null) {
    return both("not traced (--no-strace)", "추적하지 않음 (--no-strace)");
  }
  if ("missing" in found && found.missing === "denied") {
    return both(
      "not traced: strace is here but could not trace a trial run (as where ptrace is not permitted, in some containers); the findings that need it are listed at the end",
      "추적하지 않음: strace는 있지만 시험 실행을 추적하지 못했다 (일부 컨테이너처럼 ptrace가 허용되지 않는 곳). 그것이 필요한 항목은 끝에 적는다",
    );
  }
  return Deno.build.os === "linux"
    ? both(
      "not traced: strace is not installed (apt-get install strace); the findings that need it are listed at the end",
      "추적하지 않음: strace가 없다 (apt-get install strace). 그것이 필요한 항목은 끝에 적는다",
    )
    : both(
      `not traced: strace is Linux's and ${osName()} has none; what the OS shows without it (ps, lsof) is checked, and the findings that need a trace are listed at the end`,
      `추적하지 않음: strace는 리눅스의 것이라 ${osName()}에는 없다. strace 없이 OS가 보여 주는 것(ps, lsof)을 확인하고, 추적이 필요한 항목은 끝에 적는다`,
    );
}

/**
 * Whether an strace that can trace is on the PATH: its version, after a
 * trial run (ptrace may be forbidden, e.g. in a container), or why not.
 */
export function findStrace(): StraceFound {
  if (Deno.build.os !== "linux") return { missing: "absent" };
  let version: string;
  try {
    const out = new Deno.Command("strace", {
      args: ["-V"],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    if (!out.success) return { missing: "absent" };
    const first = new TextDecoder().decode(out.stdout).split("\n")[0];
    version = first.match(/version\s+(\S+)/)?.[1] ?? "?";
  } catch {
    return { missing: "absent" };
  }
  try {
    const trial = new Deno.Command("strace", {
      args: ["-f", "-qq", "-o", "/dev/null", "--", "sh", "-c", ":"],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return trial.success ? { version } : { missing: "denied" };
  } catch {
    return { missing: "denied" };
  }
}
