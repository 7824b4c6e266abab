/**
 * One run of the learner's program, from its start to the moment nothing
 * of it is left: a fresh working directory, a pseudo-terminal for its
 * standard input and output (C's stdout is line-buffered only on a
 * terminal, so each line arrives as it is printed), its standard error on
 * a pipe, a session and process group of its own, the process cap, one
 * CPU when asked, `strace -f` when there is one, and the watcher that
 * reads the OS's process table all along. {@linkcode Session.finish} kills
 * every process the program made, whatever it did, removes what the run
 * created, and returns the system call trace.
 *
 * How it starts: Deno cannot hand a child an arbitrary descriptor, so the
 * child is `sh` in a new session (`detached`), which waits for one line on
 * its standard input, opens the terminal's slave as its standard input and
 * output (as a session leader with no terminal, it becomes the session's
 * controlling terminal: `/dev/tty` works), and runs the program, or strace
 * with the program, as a shell runs a command: sh stays the session
 * leader, so the program's end does not hang up the terminal on children
 * it leaves running. The tool caps sh and pins it to one CPU in the
 * meantime (its children inherit both), then sends the line.
 *
 * @module
 */

import * as libc from "../ipc/libc.ts";
import { OsError } from "../ipc/os_error.ts";
import { type Cap, makeCap, watchdogCap } from "./cap.ts";
import { openPty, openSlave, pinToOneCpu } from "./os_calls.ts";
import { straceArgs, type Trace, TraceReader } from "./strace.ts";
import { readStat } from "./procfs.ts";
import { signalName } from "./signals.ts";
import { type ProcRecord, ProcWatcher } from "./watcher.ts";

/** How a run is made. */
export interface SessionOptions {
  /** The program and its arguments (the program as an absolute path). */
  command: readonly string[];
  /** Trace system calls with strace (where there is one). */
  tracer: boolean;
  /** Keep every process on one CPU. */
  oneCpu: boolean;
  /** Let each fork() return this many ms late in the parent (strace only). */
  holdAfterFork: number;
  /** The process cap. */
  maxTasks: number;
  /** How often the process table is read, in ms. */
  pollMs: number;
  /** Called with each line the program prints (`err`: on standard error). */
  onLine?: (line: string, err: boolean) => void;
  /** No wait goes past this moment (`performance.now()`): the check's budget. */
  deadline?: number;
  /**
   * How many times longer a wait may last until the program shows life
   * (output, a child, a socket): a busy machine's load (1 by default).
   */
  slack?: number;
}

/** Bytes a stream carried, as they came. */
export class Output {
  /** Every chunk with the time it came (ms since the start). */
  readonly chunks: { t: number; bytes: Uint8Array }[] = [];
  /** Complete lines, without their newline, with the time each was done. */
  readonly lines: { t: number; text: string }[] = [];
  #partial = "";
  #decoder = new TextDecoder();
  /** Called with each complete line. */
  onLine: ((line: string) => void) | null = null;

  /** Adds a chunk. */
  push(bytes: Uint8Array, t: number): void {
    this.chunks.push({ t, bytes });
    const parts =
      (this.#partial + this.#decoder.decode(bytes, { stream: true }))
        .split("\n");
    this.#partial = parts.pop()!;
    for (const text of parts) {
      this.lines.push({ t, text });
      this.onLine?.(text);
    }
  }

  /** Every byte so far. */
  bytes(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.bytes.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk.bytes, at);
      at += chunk.bytes.length;
    }
    return out;
  }

  /** Every byte so far, as text. */
  text(): string {
    return new TextDecoder().decode(this.bytes());
  }

  /** The last line begun but not ended. */
  get partial(): string {
    return this.#partial;
  }
}

/** How the program ended (as its parent saw it), once it has. */
export interface Ending {
  /** When, ms since the start. */
  t: number;
  /** Exit status, or null when a signal ended it. */
  code: number | null;
  /** The signal, or null. */
  signal: string | null;
}

/** One run of the learner's program. */
export class Session {
  /** The program's standard output, read from the terminal. */
  readonly out: Output = new Output();
  /** The program's standard error. */
  readonly err: Output = new Output();
  /** The process table, as watched. */
  readonly procs: ProcWatcher;
  /** The cap in force. */
  cap: Cap;
  /** The terminal's slave, e.g. `/dev/pts/3`. */
  readonly terminal: string;
  /** The program's working directory. */
  readonly cwd: string;
  /** Whether strace traces this run. */
  readonly traced: boolean;
  /** Set once the watchdog killed the program at the cap. */
  capHit: { t: number; processes: number } | null = null;
  #launcher: Deno.ChildProcess;
  #master: number;
  #slave: number;
  #cancel: [number, number];
  #pumps: Promise<void>[] = [];
  #waiters = new Set<() => void>();
  #runDir: string;
  #reader: TraceReader | null;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #guard: Deno.ChildProcess | null = null;
  #exit: { t: number; code: number } | null = null;
  #finished = false;
  #endingAt: number | null = null;
  #interrupted = false;
  #deadline = Infinity;
  #life: number | null = null;
  /** How much longer waits last before the program shows life (1 to 3). */
  slack = 1;
  #t0: number;

  private constructor(
    launcher: Deno.ChildProcess,
    pty: { master: number; slave: number; path: string },
    cancel: [number, number],
    cwd: string,
    runDir: string,
    traced: boolean,
    cap: Cap,
    pollMs: number,
  ) {
    this.#launcher = launcher;
    this.#master = pty.master;
    this.#slave = pty.slave;
    this.terminal = pty.path;
    this.#cancel = cancel;
    this.cwd = cwd;
    this.#runDir = runDir;
    this.traced = traced;
    this.#writer = launcher.stdin.getWriter();
    this.cap = cap;
    this.#t0 = performance.now();
    const epoch = performance.timeOrigin + this.#t0;
    this.#reader = traced
      ? new TraceReader(`${runDir}/trace.log`, (s) => s * 1000 - epoch)
      : null;
    this.procs = new ProcWatcher(
      launcher.pid,
      this.#t0,
      () => this.#look(),
      () => this.cap.members(),
    );
    this.procs.start(pollMs);
    this.#pumps.push(this.#pumpTerminal(), this.#pumpStderr());
  }

  /** Starts the program as {@linkcode SessionOptions} say. */
  static async start(options: SessionOptions): Promise<Session> {
    const cwd = await Deno.makeTempDir({ prefix: "tcpip-check-" });
    // The run's own files, apart from the program's: the trace, the status.
    const runDir = await Deno.makeTempDir({ prefix: "tcpip-check-run-" });
    const pair = openPty();
    libc.setCloseOnExec(pair.master, true);
    // Never a blocking read on the master: a catch-up read may empty it
    // between the pump's poll and its read.
    libc.setNonBlocking(pair.master, true);
    // Our own hold on the slave: the master reads no end of file (EIO)
    // before the program has opened it, nor between its processes.
    const slave = openSlave(pair.slave);
    const cancel = libc.pipe();
    const program = options.tracer
      ? [
        "strace",
        ...straceArgs(
          `${runDir}/trace.log`,
          options.command,
          options.holdAfterFork,
        ),
      ]
      : [...options.command];
    const launcher = new Deno.Command("sh", {
      args: [
        "-c",
        // Like a shell on a terminal, it keeps the session (and the
        // terminal) after the program ends, until the tool is done, so the
        // program's end hangs up nothing under children it leaves running.
        // Its traps only keep it alive when the group gets Ctrl+C. The
        // program's status goes to a file; fd 3 waits for the tool.
        "trap : INT QUIT TERM HUP\n" +
        'IFS= read -r go && [ "$go" = go ] || exit 125\n' +
        'exec 3<&0 0<>"$2" 1>&0 || exit 125\n' +
        // sh's own words (such as "Killed") are not the program's stderr.
        "status=$1\nshift 2\nexec 4>&2 2>/dev/null\n" +
        '(exec "$@" 2>&4 3<&- 4>&-)\necho $? > "$status"\n' +
        "read -r _ <&3\n",
        "sh",
        `${runDir}/status`,
        pair.slave,
        ...program,
      ],
      cwd,
      stdin: "piped",
      stdout: "null",
      stderr: "piped",
      detached: true,
    }).spawn();
    let cap = makeCap(options.maxTasks);
    try {
      cap.apply(launcher.pid);
    } catch {
      await cap.release();
      cap = watchdogCap(options.maxTasks);
    }
    if (options.oneCpu) pinToOneCpu(launcher.pid);
    const guard = startGuard(launcher.pid, cap.dir ?? "", [cwd, runDir]);
    const session = new Session(
      launcher,
      { master: pair.master, slave, path: pair.slave },
      cancel,
      cwd,
      runDir,
      options.tracer,
      cap,
      options.pollMs,
    );
    session.#guard = guard;
    session.#deadline = options.deadline ?? Infinity;
    session.slack = options.slack ?? 1;
    const onLine = options.onLine;
    if (onLine) {
      session.out.onLine = (line) => onLine(line, false);
      session.err.onLine = (line) => onLine(line, true);
    }
    await session.#writer.write(new TextEncoder().encode("go\n"));
    return session;
  }

  /**
   * The system call trace so far (null when not traced): read as strace
   * writes it, so steps can see forks, ends and waits that /proc is too
   * slow for.
   */
  get trace(): Trace | null {
    return this.#reader?.trace ?? null;
  }

  /** Milliseconds since the terminal last gave output (or since the start). */
  sinceOutput(): number {
    return this.now() - (this.out.chunks.at(-1)?.t ?? 0);
  }

  /** Milliseconds since the program started. */
  now(): number {
    return performance.now() - this.#t0;
  }

  /** The time origin of {@linkcode now}, as an epoch in ms. */
  get epoch(): number {
    return performance.timeOrigin + this.#t0;
  }

  /** The program's own first process (strace's child when traced). */
  root(): number | null {
    if (!this.traced) {
      return this.procs.childrenOf(this.#launcher.pid)[0]?.pid ?? null;
    }
    // The trace names it from its first line (its execve), even when it
    // ended before the process table was read; strace's own children (it
    // forks a test process or two at its start) are never taken for it.
    return this.trace?.root ?? null;
  }

  /** strace's process, when traced. */
  #tracer(): number | null {
    return this.traced
      ? this.procs.childrenOf(this.#launcher.pid)[0]?.pid ?? null
      : null;
  }

  /** The program's processes in the process table now (not sh, not strace), zombies too. */
  programRecords(): ProcRecord[] {
    const launcher = this.#launcher.pid;
    const tracer = this.#tracer();
    return this.procs.present().filter((record) =>
      record.pid !== launcher && record.pid !== tracer
    );
  }

  /** The record of the program's first process, once seen. */
  rootRecord(): ProcRecord | null {
    const root = this.root();
    return root === null ? null : this.procs.records.get(root) ?? null;
  }

  /**
   * How the program's first process ended, or null while it runs. The
   * status comes from its parent: Deno's, or, when traced, from the trace
   * ({@linkcode finish}); meanwhile only the time is known.
   */
  ended(): Ending | null {
    const exit = this.#exit;
    if (!this.traced) {
      const record = this.rootRecord();
      const status = this.#statusOfProgram();
      if (record && (record.goneAt !== null || record.state === "Z")) {
        return { t: record.goneAt ?? record.zombieAt!, ...status };
      }
      // It ended before the process table was read: its status says so.
      return exit ? { t: exit.t, ...status } : null;
    }
    const root = this.root();
    const end = root === null ? null : this.trace?.processes.get(root)?.end;
    if (end) return { t: end.t, code: end.code, signal: end.signal };
    const record = this.rootRecord();
    if (record && (record.goneAt !== null || record.state === "Z")) {
      return {
        t: record.goneAt ?? record.zombieAt!,
        code: null,
        signal: null,
      };
    }
    return exit ? { t: exit.t, code: null, signal: null } : null;
  }

  /**
   * The program's exit status as sh wrote it (`$?`: 128 + n for a
   * signal), once it has ended; unknown (nulls) before.
   */
  #statusOfProgram(): { code: number | null; signal: string | null } {
    const code = this.#exit?.code ?? null;
    if (code === null) return { code: null, signal: null };
    // sh's 128 + n, n named by this system's numbers.
    const signal = code > 128 ? signalName(code - 128) : undefined;
    if (signal) return { code: null, signal };
    return { code, signal: null };
  }

  /** Types `text` on the program's terminal. */
  type(text: string): void {
    libc.writeAll(this.#master, new TextEncoder().encode(text));
  }

  /**
   * Sends `signal` as a terminal does: Ctrl+C (SIGINT) and Ctrl+\ (SIGQUIT)
   * are typed, and the terminal's line discipline signals its foreground
   * process group, whichever group the program made its own; any other
   * signal goes to that group directly.
   */
  signalGroup(signal: Deno.Signal): void {
    if (signal === "SIGINT") return this.type("\x03");
    if (signal === "SIGQUIT") return this.type("\x1c");
    for (const group of this.#groups()) {
      try {
        Deno.kill(-group, signal);
      } catch {
        // the group is gone
      }
    }
  }

  /** The process groups of the program: sh's, and the terminal's foreground one. */
  #groups(): number[] {
    const groups = [this.#launcher.pid];
    try {
      const foreground = libc.foregroundGroup(this.#master);
      // Only while its leader is alive in our session: a group id is a pid,
      // and a pid is soon someone else's.
      if (
        foreground > 0 && !groups.includes(foreground) &&
        readStat(foreground)?.session === this.#launcher.pid
      ) groups.push(foreground);
    } catch {
      // no foreground group (the terminal is hung up)
    }
    return groups;
  }

  /**
   * Resolves with `probe()`'s first truthy value, checked after every
   * change (a look at the process table, output, an event); undefined
   * once `ms` have passed.
   */
  async until<T>(
    probe: () => T | null | undefined | false,
    ms: number,
  ): Promise<T | undefined> {
    const start = this.now();
    // On a busy machine every process runs late, the program's as much as
    // this one: a wait lasts `slack` times longer (the load per CPU, 1 to
    // 3). Never past the check's own budget.
    const deadline = () =>
      Math.min(start + ms * this.slack, this.#deadline - this.#t0);
    while (true) {
      const value = probe();
      if (value) return value;
      const left = deadline() - this.now();
      if (left <= 0 || this.#finished || this.#interrupted) {
        if (this.#finished || this.#interrupted) return undefined;
        // On a crowded machine this process may have run late: read what is
        // already there (the terminal, /proc, the trace) before saying no.
        this.#catchUp();
        return probe() || undefined;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 250));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#waiters.add(done);
      });
    }
  }

  /**
   * When the program first showed life: its first output (on either
   * stream), its first child, or what a step saw ({@linkcode markLife}).
   */
  lifeAt(): number | null {
    if (this.#life !== null) return this.#life;
    const root = this.root();
    const seen = [
      this.out.chunks[0]?.t,
      this.err.chunks[0]?.t,
      ...(root === null ? [] : this.procs.childrenOf(root).map((r) => r.seen)),
    ].filter((t): t is number => t !== undefined);
    if (seen.length > 0) this.#life = Math.min(...seen);
    return this.#life;
  }

  /** Notes that the program showed life now (it listens, it connected). */
  markLife(): void {
    this.#life ??= this.now();
  }

  /**
   * When tcpip began to end the program (ms), or null: a SIGKILL from then
   * on is tcpip's, not the program's end.
   */
  get endingAt(): number | null {
    return this.#endingAt;
  }

  /** Whether the waits were ended early (the cap, or the user). */
  get interrupted(): boolean {
    return this.#interrupted;
  }

  /** Ends every wait at once (the user stopped the check): `until()` returns. */
  interrupt(): void {
    this.#interrupted = true;
    this.#changed();
  }

  /** Waits (looking at the table) until `done()` or `ms` have passed. */
  async #settle(done: () => boolean, ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    while (!done() && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      this.procs.look();
    }
  }

  /** Wakes every {@linkcode until} (for events from outside, e.g. the network). */
  notify(): void {
    this.#changed();
  }

  /**
   * Ends the run: kills every process of the program (the cgroup's, the
   * group's, every one seen), waits for strace to write its last lines,
   * closes the terminal, removes the working directory, and returns the
   * system call trace (null when not traced).
   */
  async finish(): Promise<Trace | null> {
    if (this.#finished) return null;
    this.#endingAt ??= this.now();
    this.procs.look();
    const launcher = this.#launcher.pid;
    const tracer = this.#tracer();
    const groups = this.#groups();
    // The program first (each pid only while it is still the one seen):
    // strace then writes its last lines and ends.
    for (let round = 0; round < 50; round++) {
      const left = this.programRecords().filter((r) =>
        r.state !== "Z" && r.pid !== launcher && r.pid !== tracer
      );
      const members = this.cap.members().filter((pid) =>
        pid !== launcher && pid !== tracer
      );
      if (left.length === 0 && members.length === 0) break;
      for (const record of left) killRecord(record);
      for (const pid of members) kill(pid); // in our cgroup: ours
      await new Promise((resolve) => setTimeout(resolve, 10));
      this.procs.look();
    }
    if (tracer !== null) {
      await this.#settle(() => !this.procs.running(tracer), 3000);
    }
    // What is left in the program's groups, while sh (the leader of one)
    // is alive and its pid cannot be anyone else's; sh goes with them.
    for (const group of groups) {
      try {
        Deno.kill(-group, "SIGKILL");
      } catch {
        // the group is gone
      }
    }
    await this.#writer.close().catch(() => {});
    await this.#launcher.status;
    this.#finished = true;
    this.procs.stop();
    this.procs.look();
    await this.cap.release();
    libc.write(this.#cancel[1], new Uint8Array([1]));
    await Promise.all(this.#pumps);
    for (const fd of [this.#master, this.#slave, ...this.#cancel]) {
      try {
        libc.close(fd);
      } catch {
        // closed
      }
    }
    this.#changed();
    const trace = this.#reader?.close() ?? null;
    await Deno.remove(this.#runDir, { recursive: true }).catch(() => {});
    await Deno.remove(this.cwd, { recursive: true }).catch(() => {});
    await stopGuard(this.#guard);
    return trace;
  }

  /** After each look: the trace's new lines, the watchdog, then whoever waits. */
  #look(): void {
    if (!this.#finished) this.#reader?.poll();
    if (!this.#exit) {
      try {
        const text = Deno.readTextFileSync(`${this.#runDir}/status`).trim();
        if (text !== "") this.#exit = { t: this.now(), code: Number(text) };
      } catch {
        // still running
      }
    }
    const present = this.programRecords();
    // At the cap, the verdict is known: end the waits.
    if (!this.#interrupted && (this.cap.refused() ?? 0) > 0) this.interrupt();
    if (!this.capHit && present.length > this.cap.limit) {
      this.capHit = { t: this.now(), processes: present.length };
      for (const group of this.#groups()) {
        try {
          Deno.kill(-group, "SIGKILL");
        } catch {
          // the group is gone
        }
      }
      for (const record of present) killRecord(record);
      this.interrupt();
    }
    this.#changed();
  }

  #changed(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  async #pumpTerminal(): Promise<void> {
    const buf = new Uint8Array(65536);
    while (true) {
      let ready;
      try {
        ready = await libc.waitReadable(
          this.#master,
          undefined,
          this.#cancel[0],
        );
      } catch {
        return;
      }
      if (ready === "cancelled") {
        // Whatever is still in the terminal, then stop.
        this.#drain(buf);
        return;
      }
      // Another read (a catch-up) may have taken it meanwhile: "again".
      if (this.#readOnce(buf) === "end") return;
    }
  }

  /** Reads, now, whatever the terminal holds and what /proc and the trace say. */
  #catchUp(): void {
    this.#drain(new Uint8Array(65536));
    this.procs.look();
  }

  /**
   * Looks now (the terminal, the trace, /proc) rather than at what the
   * last periodic look saw: before a step says "none", e.g. no zombie,
   * when a child may have ended since that look.
   */
  lookNow(): void {
    if (!this.#finished) this.#catchUp();
  }

  /** Reads until the terminal holds nothing more. */
  #drain(buf: Uint8Array): void {
    while (this.#readOnce(buf) === "data");
  }

  /**
   * One read of the terminal (its master is non-blocking): `data`, `again`
   * when there was nothing, `end` when the terminal is gone.
   */
  #readOnce(buf: Uint8Array): "data" | "again" | "end" {
    try {
      const n = libc.read(this.#master, buf);
      if (n <= 0) return "end";
      this.out.push(buf.slice(0, n), this.now());
      this.#changed();
      return "data";
    } catch (error) {
      if (
        error instanceof OsError &&
        (error.code === "EINTR" || error.code === "EAGAIN")
      ) return "again";
      return "end";
    }
  }

  async #pumpStderr(): Promise<void> {
    for await (const chunk of this.#launcher.stderr) {
      this.err.push(chunk, this.now());
      this.#changed();
    }
  }
}

/**
 * A guard for when the tool itself is ended before it can clean up
 * (SIGKILL, a closed terminal, a crash): its own session, waiting on a
 * pipe only the tool holds. At "done" it leaves; at end of file it kills
 * the launcher's session and group (which the program's processes stay
 * in) and the cgroup's members, then removes the cgroup and directories.
 */
const GUARD = "trap '' INT QUIT TERM HUP\n" +
  'IFS= read -r word\n[ "$word" = done ] && exit 0\n' +
  "sid=$1\ncgroup=$2\nshift 2\n" +
  "for round in 1 2 3 4 5; do\n" +
  '  kill -KILL -- "-$sid" 2>/dev/null\n' +
  '  pids=$(ps -o pid= -s "$sid" 2>/dev/null)\n' +
  '  [ -n "$cgroup" ] && pids="$pids $(cat "$cgroup/cgroup.procs" 2>/dev/null)"\n' +
  '  [ -z "$(echo $pids)" ] && break\n' +
  "  kill -KILL $pids 2>/dev/null\n" +
  "  sleep 0.1 2>/dev/null || sleep 1\n" +
  "done\n" +
  '[ -n "$cgroup" ] && rmdir "$cgroup" 2>/dev/null\n' +
  'rm -rf -- "$@"\n';

function startGuard(
  session: number,
  cgroup: string,
  dirs: string[],
): Deno.ChildProcess | null {
  try {
    return new Deno.Command("sh", {
      args: ["-c", GUARD, "guard", String(session), cgroup, ...dirs],
      stdin: "piped",
      stdout: "null",
      stderr: "null",
      detached: true,
    }).spawn();
  } catch {
    return null; // no guard: the tool's own finish() still cleans up
  }
}

async function stopGuard(guard: Deno.ChildProcess | null): Promise<void> {
  if (!guard) return;
  const writer = guard.stdin.getWriter();
  await writer.write(new TextEncoder().encode("done\n")).catch(() => {});
  await writer.close().catch(() => {});
  await guard.status;
}

/** Kills a process seen by the watcher, if its pid is still that process's. */
function killRecord(record: ProcRecord): void {
  if (record.start !== undefined) {
    const now = readStat(record.pid);
    if (!now || now.start !== record.start) return;
  }
  kill(record.pid);
}

function kill(pid: number): void {
  try {
    Deno.kill(pid, "SIGKILL");
  } catch {
    // gone already
  }
}
