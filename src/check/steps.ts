/**
 * What each kind of step does: one function per `do` of a scenario's
 * steps, all generic (the scenario gives the lines, bytes, clients and
 * times). Each waits for what the OS, the terminal or the network shows,
 * never longer than the step says, and reports its outcomes.
 *
 * @module
 */

import {
  bytesRead,
  caughtSignals,
  fdMode,
  fdTable,
  HAS_PROC,
  readingFd,
  readStat,
  socketName,
  tcpSockets,
  wchan,
} from "./procfs.ts";
import {
  Client,
  clientEnd,
  holders,
  listeningHeld,
  listeningInodes,
  listeningPids,
  serverEnd,
  socketCount,
} from "./net.ts";
import {
  ok,
  type Outcome,
  outcome,
  type Result,
  type RunContext,
} from "./context.ts";
import type { Step } from "./scenario.ts";
import type { Text } from "../text.ts";
import { at, both, join, ms, patternText, quote, secs, tail } from "./words.ts";
import type { Trace } from "./strace.ts";
import type { ProcRecord } from "./watcher.ts";

const PREFIX = "Message from server: ";

/** TCP states by the kernel's number, as `ss` names them. */
const TCP_STATES: Record<number, string> = {
  1: "ESTABLISHED",
  6: "TIME_WAIT",
  7: "CLOSE",
  8: "CLOSE_WAIT",
  9: "LAST_ACK",
  10: "LISTEN",
  11: "CLOSING",
  4: "FIN_WAIT1",
  5: "FIN_WAIT2",
};

type StepOf<K extends Step["do"]> = Extract<Step, { do: K }>;

/** Runs one step. */
export function runStep(step: Step, ctx: RunContext): Promise<Result> {
  const run = STEPS[step.do] as unknown as (
    s: Step,
    c: RunContext,
  ) => Promise<Result>;
  return run(step, ctx);
}

/** Why a step is not made here: it reads what only Linux's /proc shows. */
const NEEDS_PROC: Text = both(
  "needs Linux's /proc (descriptor tables, wait channels, signal masks); this OS shows only what ps and lsof do",
  "리눅스의 /proc가 필요하다 (파일 디스크립터 테이블, 대기 채널, 시그널 마스크). 이 OS에서는 ps와 lsof가 보여 주는 것뿐이다",
);

/** A result that says the step needs /proc, where there is none. */
function noProc(): Result | null {
  return HAS_PROC ? null : { outcomes: [], skipped: NEEDS_PROC };
}

/** The program's processes now (not strace). */
export function programPids(ctx: RunContext): number[] {
  return ctx.session.programRecords().filter((r) => r.state !== "Z")
    .map((r) => r.pid);
}

/**
 * Whether the program has ended and its last output has come: what it
 * wrote may still be on its way through the terminal, so the terminal
 * must have been quiet a while too. A child that outlives its parent (a
 * pipe2.c whose parent does not sleep) can still print, as it would on a
 * terminal after the prompt: every process must have ended.
 */
export function settled(ctx: RunContext): boolean {
  const ended = ctx.session.ended();
  const quiet = 300 * ctx.slack;
  return ended !== null && ctx.session.now() > ended.t + quiet &&
    ctx.session.sinceOutput() > quiet && allEnded(ctx);
}

/** Whether every process of the program has ended (zombies count as ended). */
export function allEnded(ctx: RunContext): boolean {
  const running = ctx.session.programRecords().some((r) => r.state !== "Z");
  const trace = ctx.session.trace;
  const traced = trace
    ? [...trace.processes.values()].some((p) => p.end === null)
    : false;
  return !running && !traced;
}

/** `pid 123 (S, waiting in pipe_read)`. */
export function describe(ctx: RunContext, pid: number): Text {
  const record = ctx.session.procs.records.get(pid);
  if (!record || record.goneAt !== null) {
    return both(`${pid} (gone)`, `${pid} (없음)`);
  }
  const where = wchan(pid);
  const state = record.state;
  // Stopped for strace at a system call: it runs (a loop that keeps
  // calling read() or write()), and waits nowhere of its own.
  if (where === "ptrace_stop") {
    return both(
      `${pid} (running, stopped by strace at a system call)`,
      `${pid} (실행 중, 시스템 호출에서 strace가 잠시 멈춤)`,
    );
  }
  return where
    ? both(
      `${pid} (state ${state}, waiting in ${where})`,
      `${pid} (상태 ${state}, ${where}에서 대기)`,
    )
    : both(`${pid} (state ${state})`, `${pid} (상태 ${state})`);
}

/** Where each of the program's running processes waits, for an observation. */
export function runningNote(ctx: RunContext): Text {
  const root = ctx.session.root();
  const running = ctx.session.programRecords().filter((r) => r.state !== "Z");
  if (running.length === 0) return both("", "");
  const name = (pid: number) =>
    pid === root ? both("the parent", "부모") : both("the child", "자식");
  const list = running.map((r) => ({
    en: `${name(r.pid).en} ${describe(ctx, r.pid).en}`,
    ko: `${name(r.pid).ko} ${describe(ctx, r.pid).ko}`,
  }));
  return both(
    `Still running: ${list.map((l) => l.en).join(", ")}.`,
    `실행 중: ${list.map((l) => l.ko).join(", ")}.`,
  );
}

/** The last lines of the program's standard error, for an observation. */
export function stderrNote(ctx: RunContext): Text {
  const lines = tail(ctx.session.err.text(), 3);
  if (lines.length === 0) return both("", "");
  const shown = lines.map((l) => quote(l, 120)).join(", ");
  return both(
    `Its standard error ended with: ${shown}.`,
    `표준 에러의 마지막 줄: ${shown}.`,
  );
}

/** How many times the program called each of `names`, from the trace. */
export function callsNote(trace: Trace | null, names: readonly string[]): Text {
  if (!trace || names.length === 0) return both("", "");
  // Each call with its first argument (alarm(5), rt_sigaction(SIGALRM)),
  // and the flags a sigaction() gave (SA_RESETHAND undoes the handler).
  const counts = names.map((name) => {
    const calls = trace.callsOf(null, name);
    if (calls.length === 0) return `${name}() 0x`;
    const forms = new Map<string, number>();
    for (const call of calls) {
      const flags = /sa_flags=([\w|]+)/.exec(call.args[1] ?? "")?.[1]
        .split("|").filter((f) => /^SA_/.test(f) && f !== "SA_RESTORER");
      const form = `${name}(${call.args[0] ?? ""}${
        flags?.length ? `, sa_flags ${flags.join("|")}` : ""
      })`;
      forms.set(form, (forms.get(form) ?? 0) + 1);
    }
    return [...forms].map(([form, n]) => `${form} ${n}x`).join(", ");
  }).join(", ");
  return both(
    `The trace counts these calls: ${counts}.`,
    `추적 기록의 호출 횟수: ${counts}.`,
  );
}

/** How the program's first process ended, as far as known now. */
export function endNote(ctx: RunContext, trace: Trace | null): Text {
  const ended = ctx.session.ended();
  if (!ended) return both("", "");
  const root = ctx.session.root();
  const end = root !== null ? trace?.processes.get(root)?.end : undefined;
  const code = end?.code ?? ended.code;
  const signal = end?.signal ?? ended.signal;
  const ending = ctx.session.endingAt;
  const how = signal === "SIGKILL" && ending !== null && ended.t >= ending - 1
    ? both("tcpip ended it", "tcpip가 끝냄")
    : signal
    ? both(`killed by ${signal}`, `${signal}로 종료됨`)
    : code !== null && code !== undefined
    ? both(`exit status ${code}`, `종료 상태 ${code}`)
    : both("ended", "종료");
  return both(
    `The program ended at ${at(ended.t)} (${how.en}).`,
    `프로그램이 ${at(ended.t)}에 종료했다 (${how.ko}).`,
  );
}

function lines(ctx: RunContext): string[] {
  return ctx.session.out.lines.map((l) => l.text);
}

function shownLines(texts: readonly string[], max = 6): string {
  if (texts.length === 0) return "(none)";
  const shown = texts.slice(-max).map((t) => quote(t, 100)).join(", ");
  return texts.length > max ? `..., ${shown}` : shown;
}

/** What is known of one child of the program: from /proc and the trace. */
export interface ChildView {
  /** Its pid. */
  pid: number;
  /** When it ended (the trace, or /proc's Z or gone), or null. */
  endedAt: number | null;
  /** When its parent collected it (wait4 in the trace, or gone from /proc). */
  reapedAt: number | null;
  /** When /proc first showed it as Z, or null. */
  zombieAt: number | null;
}

/** The program's children, from both the process table and the trace. */
export function childViews(ctx: RunContext): ChildView[] {
  const root = ctx.session.root();
  if (root === null) return [];
  const views = new Map<number, ChildView>();
  for (const r of ctx.session.procs.childrenOf(root)) {
    views.set(r.pid, {
      pid: r.pid,
      endedAt: r.zombieAt ?? r.goneAt,
      reapedAt: r.goneAt,
      zombieAt: r.zombieAt,
    });
  }
  const trace = ctx.session.trace;
  for (const early of earlyChildren(ctx)) views.delete(early);
  for (const p of trace?.programChildrenOf(root) ?? []) {
    const view = views.get(p.pid) ??
      { pid: p.pid, endedAt: null, reapedAt: null, zombieAt: null };
    if (p.end) view.endedAt = Math.min(view.endedAt ?? Infinity, p.end.t);
    const waited = trace!.calls.find((c) =>
      (c.name === "wait4" || c.name === "waitid") && c.value === p.pid
    );
    if (waited) view.reapedAt = waited.t;
    else if (trace && view.reapedAt !== null && !p.end) view.reapedAt = null;
    else if (p.end && view.reapedAt === null && HAS_PROC) {
      // Ended, with no wait() in the trace, and gone from /proc (or its pid
      // another's): collected all the same, by the kernel when SIGCHLD is
      // ignored, or by a wait() the trace has not shown yet.
      const now = readStat(p.pid);
      if (now === null || now.ppid !== root) view.reapedAt = p.end.t;
    }
    views.set(p.pid, view);
  }
  return [...views.values()];
}

/**
 * The children a wrapper made before it ran the program (`exec`), which the
 * trace tells apart: not the program's.
 */
function earlyChildren(ctx: RunContext): Set<number> {
  const trace = ctx.session.trace;
  const root = ctx.session.root();
  if (!trace || root === null) return new Set();
  const later = new Set(trace.programChildrenOf(root).map((p) => p.pid));
  return new Set(
    trace.childrenOf(root).map((p) => p.pid).filter((pid) => !later.has(pid)),
  );
}

/** The program's children the process table shows (a wrapper's left out). */
function rootChildren(ctx: RunContext): ProcRecord[] {
  const root = ctx.session.root();
  if (root === null) return [];
  const early = earlyChildren(ctx);
  return ctx.session.procs.childrenOf(root).filter((r) => !early.has(r.pid));
}

const STEPS: {
  [K in Step["do"]]: (s: StepOf<K>, c: RunContext) => Promise<Result>;
} = {
  async output(step, ctx) {
    const patterns = step.lines.map((p) => new RegExp(`^(?:${p})$`));
    let end = -1;
    const find = () => {
      const all = lines(ctx);
      if (step.anyOrder) {
        const used = new Set<number>();
        for (const pattern of patterns) {
          let at = ctx.lineCursor;
          while (at < all.length && (used.has(at) || !pattern.test(all[at]))) {
            at++;
          }
          if (at >= all.length) return false;
          used.add(at);
        }
        end = Math.max(...used) + 1;
        return true;
      }
      let at = ctx.lineCursor;
      for (const pattern of patterns) {
        while (at < all.length && !pattern.test(all[at])) at++;
        if (at >= all.length) return false;
        at++;
      }
      end = at;
      return true;
    };
    const over = () => settled(ctx);
    await ctx.session.until(() => find() || over(), step.within * 1000);
    if (find()) {
      ctx.lineCursor = end;
      return ok();
    }
    const printed = lines(ctx).slice(ctx.lineCursor);
    const want = step.lines.map((p) => quote(patternText(p), 100)).join(", ");
    const waiting = runningNote(ctx);
    // A signal's default action ended it (the tool has not killed it yet).
    const root = ctx.session.root();
    const ending = root === null
      ? null
      : ctx.session.trace?.processes.get(root)?.end ?? ctx.session.ended();
    const killed = step.outcomes?.killed !== undefined && !!ending?.signal;
    // The call the lines need, never made (alarm() not called at all).
    const traced = ctx.session.trace;
    const uncalled = step.requires !== undefined &&
      step.outcomes?.uncalled !== undefined && traced !== null &&
      !traced.calls.some((c) => c.name === step.requires);
    // Every process of the program waits in a pipe's read(): none will
    // write what another waits for.
    const all = ctx.session.programRecords();
    const running = all.filter((r) => r.state !== "Z" && r.goneAt === null);
    const stuck = step.outcomes?.stuck !== undefined && running.length > 0 &&
      running.length === all.length &&
      running.every((r) => /pipe_(?:read|wait)/.test(wchan(r.pid) ?? ""));
    const name = uncalled
      ? "uncalled"
      : killed
      ? "killed"
      : stuck
      ? "stuck"
      : "missing";
    return outcome(name, (trace) =>
      join([
        both(
          `Waited ${secs(step.within)} for ${want}; the lines printed were: ${
            shownLines(printed)
          }.`,
          `${want}을(를) ${secs(step.within)} 기다렸다. 출력된 줄: ${
            shownLines(printed)
          }.`,
        ),
        waiting,
        endNote(ctx, trace),
        callsNote(trace, step.calls ?? []),
        stderrNote(ctx),
      ]));
  },

  async "new-output"(step, ctx) {
    const before = ctx.session.out.bytes().length;
    const from = Math.max(before, ctx.byteCursor);
    // Standard error shows on a terminal too: Python's input() writes its
    // prompt there.
    const errFrom = ctx.session.err.bytes().length;
    const came = await ctx.session.until(
      () =>
        ctx.session.out.bytes().length > from ||
        ctx.session.err.bytes().length > errFrom ||
        (settled(ctx) ? "ended" : false),
      step.within * 1000,
    );
    const bytes = ctx.session.out.bytes();
    if (bytes.length > from) {
      ctx.byteCursor = bytes.length;
      ctx.lineCursor = ctx.session.out.lines.length;
      return ok(both(
        `printed ${quote(bytes.subarray(from), 60)}`,
        `출력: ${quote(bytes.subarray(from), 60)}`,
      ));
    }
    const err = ctx.session.err.bytes();
    if (err.length > errFrom) {
      return ok(both(
        `printed ${quote(err.subarray(errFrom), 60)} on standard error`,
        `표준 에러에 출력: ${quote(err.subarray(errFrom), 60)}`,
      ));
    }
    if (came === "ended") {
      return outcome("ended", (trace) => endNote(ctx, trace));
    }
    const root = ctx.session.root();
    return outcome(
      "none",
      both(
        `Nothing was printed within ${secs(step.within)}; the program: ${
          root === null ? "?" : describe(ctx, root).en
        }.`,
        `${secs(step.within)} 동안 아무것도 출력되지 않았다. 프로그램: ${
          root === null ? "?" : describe(ctx, root).ko
        }.`,
      ),
    );
  },

  async exit(step, ctx) {
    const ended = await ctx.session.until(
      () => ctx.session.ended(),
      step.within * 1000,
    );
    if (ended) {
      // C's parent may end before its child has printed (the shell's prompt
      // comes back first): give the other processes a moment to end too.
      await ctx.session.until(() => allEnded(ctx), 1000 * ctx.slack);
      const left = programPids(ctx);
      if (step.outcomes?.stays && left.length > 0) {
        const list = left.map((pid) => describe(ctx, pid));
        return outcome(
          "stays",
          both(
            `The program's first process ended at ${
              at(ended.t)
            }; 1 s later still running: ${list.map((d) => d.en).join(", ")}.`,
            `프로그램의 첫 프로세스는 ${
              at(ended.t)
            }에 종료했지만 1초 뒤에도 실행 중: ${
              list.map((d) => d.ko).join(", ")
            }.`,
          ),
        );
      }
      return ok(both(`at ${at(ended.t)}`, `${at(ended.t)}에`));
    }
    const root = ctx.session.root();
    const children = rootChildren(ctx).filter((r) => r.goneAt === null);
    return outcome(
      "running",
      both(
        `Still running ${secs(step.within)} later: ${
          root === null ? "?" : describe(ctx, root).en
        }${
          children.length
            ? `; children: ${
              children.map((c) => describe(ctx, c.pid).en).join(", ")
            }`
            : ""
        }.`,
        `${secs(step.within)}이 지나도 실행 중: ${
          root === null ? "?" : describe(ctx, root).ko
        }${
          children.length
            ? `. 자식: ${
              children.map((c) => describe(ctx, c.pid).ko).join(", ")
            }`
            : ""
        }.`,
      ),
    );
  },

  async alive(step, ctx) {
    const ended = await ctx.session.until(
      () => ctx.session.ended(),
      step.for * 1000,
    );
    if (!ended) return ok();
    return outcome(
      "ended",
      (trace) => join([endNote(ctx, trace), stderrNote(ctx)]),
    );
  },

  async zombie(step, ctx) {
    // A zombie that stays: a child in a parent's wait() is Z for the
    // instant before wait() returns (longer under strace), which is the
    // child being collected, not the book's zombie.
    const hold = 300;
    const look = () => {
      const views = childViews(ctx);
      const z = views.find((c) => c.zombieAt !== null && c.reapedAt === null);
      if (z) {
        const record = ctx.session.procs.records.get(z.pid);
        if (record?.state === "Z" && record.goneAt === null) {
          if (ctx.session.now() - z.zombieAt! >= hold) {
            return { kind: "z" as const, pid: z.pid, t: z.zombieAt! };
          }
          return undefined;
        }
      }
      const ended = ctx.session.ended();
      const reaped = views.find((c) =>
        c.reapedAt !== null && (!ended || c.reapedAt <= ended.t)
      );
      if (reaped) {
        return {
          kind: "reaped" as const,
          pid: reaped.pid,
          t: reaped.reapedAt!,
          zombieAt: reaped.zombieAt,
        };
      }
      if (ended) return { kind: "parent-ended" as const, pid: 0, t: ended.t };
      return undefined;
    };
    const deadline = ctx.session.now() + step.within * 1000;
    let result = await ctx.session.until(look, step.within * 1000);
    // A wrapper (a python3 shim) may fork and collect helpers before it
    // runs the program itself, whose children alone count once it has: a
    // child collected at once is the verdict only if nothing follows it
    // for 1.5 s (no exec, no other child).
    const state = () => {
      const root = ctx.session.root();
      const execAt = root === null
        ? null
        : ctx.session.trace?.processes.get(root)?.execAt;
      return `${execAt} ${childViews(ctx).map((c) => c.pid).join(",")}`;
    };
    while (result?.kind === "reaped") {
      const before = state();
      const changed = await ctx.session.until(
        () => look()?.kind === "z" || state() !== before,
        Math.min(1500 * ctx.slack, Math.max(0, deadline - ctx.session.now())),
      );
      if (!changed) break; // nothing followed it: the verdict
      result = look() ??
        await ctx.session.until(
          look,
          Math.max(0, deadline - ctx.session.now()),
        );
    }
    if (result?.kind === "z") {
      return ok(both(
        `${result.pid} is Z at ${at(result.t)}`,
        `${result.pid}이(가) ${at(result.t)}에 Z`,
      ));
    }
    if (result?.kind === "reaped") {
      return outcome("reaped", (trace) => {
        const waits = trace?.callsOf(null, "wait4", "waitid")
          .filter((c) => c.value === result.pid) ?? [];
        const by = waits[0]
          ? both(
            ` The trace shows ${waits[0].pid} collecting it with ${
              waits[0].name
            }() at ${at(waits[0].t)}.`,
            ` 추적 기록: ${waits[0].pid}이(가) ${at(waits[0].t)}에 ${
              waits[0].name
            }()로 회수했다.`,
          )
          : trace
          ? both(
            " The trace shows no wait() for it: the kernel discarded it at its end, as it does when SIGCHLD is ignored (SIG_IGN).",
            " 추적 기록에 이 자식을 위한 wait()가 없다. SIGCHLD를 무시(SIG_IGN)할 때처럼 커널이 종료 즉시 없앴다.",
          )
          : both("", "");
        const z = result.zombieAt;
        if (z !== null && z !== undefined) {
          return both(
            `The child ${result.pid} was Z at ${
              at(z)
            } only until it left the process table by ${
              at(result.t)
            }, while its parent was still running: collected at once.${by.en}`,
            `자식 ${result.pid}은(는) ${at(z)}에 Z였다가 ${
              at(result.t)
            }까지 곧바로 프로세스 목록에서 사라졌다(회수됨). 그동안 부모는 실행 중이었다.${by.ko}`,
          );
        }
        return both(
          `The child ${result.pid} left the process table by ${
            at(result.t)
          } without ever being seen in state Z, while its parent was still running.${by.en}`,
          `자식 ${result.pid}은(는) 상태 Z로 한 번도 보이지 않고 ${
            at(result.t)
          }까지 프로세스 목록에서 사라졌다. 그동안 부모는 실행 중이었다.${by.ko}`,
        );
      });
    }
    if (result?.kind === "parent-ended") {
      return outcome("parent-ended", (trace) =>
        join([
          both(
            "The parent ended before its child was seen as a zombie; an orphan is collected by init at once.",
            "자식이 좀비로 보이기 전에 부모가 종료했다. 고아 프로세스는 init이 곧바로 회수한다.",
          ),
          endNote(ctx, trace),
        ]));
    }
    if (childViews(ctx).length === 0) {
      return outcome("no-child", (trace) =>
        trace
          ? both(
            `No child process appeared within ${
              secs(step.within)
            } (the trace shows ${
              trace.descendantsOf(trace.root ?? 0).length
            } forks).`,
            `${
              secs(step.within)
            } 동안 자식 프로세스가 보이지 않았다 (추적 기록의 fork: ${
              trace.descendantsOf(trace.root ?? 0).length
            }번).`,
          )
          : both(
            `No child process appeared in the process table within ${
              secs(step.within)
            }. Without strace, a child that ends and is collected between two looks (15 ms) passes unseen.`,
            `${
              secs(step.within)
            } 동안 프로세스 목록에 자식 프로세스가 보이지 않았다. strace가 없으면 두 번 보는 사이(15ms)에 종료하고 회수된 자식은 보이지 않는다.`,
          ));
    }
    const child = rootChildren(ctx)[0];
    return outcome(
      "running",
      both(
        `The child ${describe(ctx, child.pid).en} did not end within ${
          secs(step.within)
        }.`,
        `자식 ${describe(ctx, child.pid).ko}이(가) ${
          secs(step.within)
        } 안에 종료하지 않았다.`,
      ),
    );
  },

  async "children-end"(step, ctx) {
    // A wrapper (pyenv's python3 shim) runs helpers and collects them
    // before it runs the program: until the trace shows that exec, they
    // look like the program's children, ended and collected before anything
    // was printed. The children this step waits for end later; one ended
    // and collected before the program's first byte of output is left out.
    const views = () => {
      const first = Math.min(
        ctx.session.out.chunks[0]?.t ?? Infinity,
        ctx.session.err.chunks[0]?.t ?? Infinity,
      );
      return childViews(ctx).filter((c) =>
        c.endedAt === null || c.reapedAt === null || c.endedAt >= first
      );
    };
    const done = await ctx.session.until(() => {
      const children = views();
      return children.length >= step.count &&
        children.every((c) => c.endedAt !== null);
    }, step.within * 1000);
    const children = views();
    if (done) {
      return ok(both(
        children.map((c) => `${c.pid} at ${at(c.endedAt!)}`).join(", "),
        children.map((c) => `${c.pid}: ${at(c.endedAt!)}`).join(", "),
      ));
    }
    if (children.length < step.count) {
      const pids = children.map((c) => c.pid).join(", ");
      return outcome(
        "missing",
        both(
          `${children.length} children seen (${
            pids || "none"
          }), not ${step.count}.`,
          `자식 ${children.length}개가 보였다 (${
            pids || "없음"
          }). ${step.count}개가 아니다.`,
        ),
      );
    }
    const running = children.filter((c) => c.endedAt === null)
      .map((c) => describe(ctx, c.pid));
    return outcome(
      "running",
      both(
        `Still running after ${secs(step.within)}: ${
          running.map((d) => d.en).join(", ")
        }.`,
        `${secs(step.within)} 뒤에도 실행 중: ${
          running.map((d) => d.ko).join(", ")
        }.`,
      ),
    );
  },

  async "no-zombies"(step, ctx) {
    // A child that ended and is not collected is a zombie: seen as Z in
    // /proc, or ended in the trace with no wait for it (the process table
    // may not have been read since the trace showed its end, and a child
    // still shown running there is no proof of a collected one).
    // The program's first process is known from the trace, which may be
    // read later than the terminal's lines a step before waited for: it is
    // asked for each time, never kept from the step's start.
    const zombies = () =>
      childViews(ctx).filter((c) => {
        if (c.endedAt === null || c.reapedAt !== null) return false;
        if (!HAS_PROC || ctx.session.procs.records.has(c.pid)) return true;
        // Only the trace saw it (it ended within a look): a zombie while
        // the process table still shows it as the program's Z; gone, it
        // was collected (signal(SIGCHLD, SIG_IGN) needs no wait).
        const now = readStat(c.pid);
        return now !== null && now.state === "Z" &&
          now.ppid === ctx.session.root();
      });
    const start = ctx.session.now();
    const wait = step.settle * 1000;
    await ctx.session.until(() => zombies().length === 0, wait);
    // "None" from the last periodic look may predate a child's end (a
    // busy machine reads /proc and the trace late): look again now, and
    // give a zombie seen only now what is left of the handler's time.
    ctx.session.lookNow();
    if (zombies().length > 0) {
      const rest = Math.max(0, start + wait - ctx.session.now());
      await ctx.session.until(() => zombies().length === 0, rest);
    }
    const left = zombies();
    const root = ctx.session.root();
    if (left.length === 0 || root === null) return ok();
    const caught = caughtSignals(root);
    const handled = caught?.has(17) ?? false;
    const since = (z: ChildView) => at(z.zombieAt ?? z.endedAt!);
    const list = left.map((z) => `${z.pid} (Z since ${since(z)})`).join(", ");
    const listKo = left.map((z) => `${z.pid} (${since(z)}부터 Z)`).join(", ");
    const observed = (trace: Trace | null): Text => {
      const waits = trace?.callsOf(root, "wait4", "waitid").length;
      const signals = trace?.signalsTo(root, "SIGCHLD").length;
      const counted = trace
        ? both(
          ` The trace shows ${signals} SIGCHLD delivered to ${root} and ${waits} wait/waitpid calls by it.`,
          ` 추적 기록: ${root}에 SIGCHLD ${signals}번 전달, wait/waitpid 호출 ${waits}번.`,
        )
        : both("", "");
      return both(
        `${
          secs(step.settle)
        } later still zombies: ${list}. The parent ${root} is running; /proc/${root}/status SigCgt ${
          handled ? "has a handler for SIGCHLD" : "shows no handler for SIGCHLD"
        }.${counted.en}`,
        `${
          secs(step.settle)
        } 뒤에도 좀비: ${listKo}. 부모 ${root}는 실행 중이고, /proc/${root}/status의 SigCgt에 ${
          handled ? "SIGCHLD 핸들러가 있다" : "SIGCHLD 핸들러가 없다"
        }.${counted.ko}`,
      );
    };
    return outcome(handled ? "zombie-with-handler" : "zombie", observed);
  },

  async sleeping(step, ctx) {
    if (!HAS_PROC) {
      // ps's state letter, from the watcher's last look.
      await ctx.session.until(
        () => ctx.session.rootRecord()?.state === "S",
        step.within * 1000,
      );
      return ok();
    }
    // Read now, not from the last look: the process must be blocked in the
    // kernel (state S, the same wait channel) twice, 20 ms apart.
    let last: string | null = null;
    let since = 0;
    await ctx.session.until(() => {
      const root = ctx.session.root();
      const stat = root === null ? null : readStat(root);
      const where = root === null ? null : wchan(root);
      const now = ctx.session.now();
      if (stat?.state !== "S" || where === null) {
        last = null;
        return false;
      }
      if (where !== last) {
        last = where;
        since = now;
        return false;
      }
      return now - since >= 20;
    }, step.within * 1000);
    return ok();
  },

  async reading(step, ctx) {
    const unseen = noProc();
    if (unseen) return unseen;
    const reader = await ctx.session.until(
      () => programPids(ctx).find((pid) => readingFd(pid, 0)),
      step.within * 1000,
    );
    if (reader) {
      return ok(both(`${reader} in read(0, ...)`, `${reader}: read(0, ...)`));
    }
    const root = ctx.session.root();
    return outcome(
      "none",
      both(
        `No process of the program waited in read() on its standard input within ${
          secs(step.within)
        }${root === null ? "" : `; the program: ${describe(ctx, root).en}`}.`,
        `${
          secs(step.within)
        } 동안 프로그램의 어떤 프로세스도 표준 입력의 read()에서 기다리지 않았다${
          root === null ? "" : `. 프로그램: ${describe(ctx, root).ko}`
        }.`,
      ),
    );
  },

  async wchan(step, ctx) {
    const unseen = noProc();
    if (unseen) return unseen;
    const pattern = new RegExp(step.avoid);
    let since: number | null = null;
    let where = "";
    const seen = await ctx.session.until(() => {
      const root = ctx.session.root();
      if (root === null || !ctx.session.procs.running(root)) {
        since = null;
        return ctx.session.ended() ? "ended" : false;
      }
      const now = wchan(root) ?? "";
      if (pattern.test(now)) {
        where = now;
        since ??= ctx.session.now();
        if (ctx.session.now() - since >= step.hold * 1000) return "seen";
      } else since = null;
      return false;
    }, step.for * 1000);
    if (seen !== "seen" || since === null) return ok();
    const from: number = since;
    const root = ctx.session.root()!;
    const children = rootChildren(ctx).filter((c) =>
      ctx.session.procs.running(c.pid)
    );
    return outcome(
      "seen",
      both(
        `The process ${root} waited in the kernel's ${where} (${step.meaning.en}) from ${
          at(from)
        } to ${at(ctx.session.now())}${
          children.length
            ? `, while its child ${
              children.map((c) => c.pid).join(", ")
            } was running`
            : ""
        }.`,
        `프로세스 ${root}이(가) ${at(from)}부터 ${
          at(ctx.session.now())
        }까지 커널의 ${where}에서 기다렸다 (${step.meaning.ko})${
          children.length
            ? `. 그동안 자식 ${
              children.map((c) => c.pid).join(", ")
            }은(는) 실행 중이었다`
            : ""
        }.`,
      ),
    );
  },

  signal(step, ctx) {
    if (step.to === "server") {
      const pid = ctx.listener?.pid;
      if (pid === undefined) {
        return Promise.resolve({
          outcomes: [],
          skipped: both("no listening process", "기다리는 프로세스가 없다"),
        });
      }
      try {
        Deno.kill(pid, step.signal);
      } catch {
        // gone: a later step says so
      }
      return Promise.resolve(ok(both(
        `${step.signal} to ${pid} at ${at(ctx.session.now())}`,
        `${at(ctx.session.now())}에 ${pid}에게 ${step.signal}`,
      )));
    }
    ctx.session.signalGroup(step.signal);
    return Promise.resolve(ok(both(
      `${step.signal} to the terminal's foreground process group at ${
        at(ctx.session.now())
      }`,
      `${
        at(ctx.session.now())
      }에 터미널의 포그라운드 프로세스 그룹에 ${step.signal}`,
    )));
  },

  type(step, ctx) {
    ctx.session.type(step.text);
    return Promise.resolve(ok(both(
      `${quote(step.text)} at ${at(ctx.session.now())}`,
      `${at(ctx.session.now())}에 ${quote(step.text)}`,
    )));
  },

  stop() {
    return Promise.resolve({ outcomes: [], stop: true });
  },

  async listen(step, ctx) {
    if (!HAS_PROC) {
      // macOS: lsof names the listening process, not the socket's inode.
      const pid = await ctx.session.until(() => {
        const mine = new Set(programPids(ctx));
        return listeningPids(ctx.port).find((p) => mine.has(p)) ??
          (ctx.session.ended() ? -1 : undefined);
      }, step.within * 1000);
      if (pid !== undefined && pid > 0) {
        ctx.listener = { inode: 0, pid, fd: -1 };
        return ok(
          both(
            `port ${ctx.port}, ${pid} (lsof)`,
            `포트 ${ctx.port}, ${pid} (lsof)`,
          ),
        );
      }
    }
    // A server that listens on a port of its own choosing (argv[1] left
    // unread) is told so, once it has held it a second.
    let elsewhere: ReturnType<typeof listeningHeld> = [];
    let elsewhereSince: number | null = null;
    const found = await ctx.session.until(() => {
      for (const inode of listeningInodes(ctx.port)) {
        const held = holders(programPids(ctx), inode);
        // The listening process: the program's first, when it holds it (a
        // store process keeps serv_sock too, as the book's does).
        const root = ctx.session.root();
        const first = held.find((h) => h.pid === root) ?? held[0];
        if (first) return { inode, ...first };
      }
      elsewhere = listeningHeld(programPids(ctx));
      if (elsewhere.length === 0) elsewhereSince = null;
      else elsewhereSince ??= ctx.session.now();
      if (
        elsewhereSince !== null &&
        ctx.session.now() - elsewhereSince > 1000 * ctx.slack
      ) return "elsewhere";
      return ctx.session.ended() ? "ended" : undefined;
    }, step.within * 1000);
    if (typeof found === "object") {
      ctx.session.markLife();
      ctx.listener = found;
      return ok(both(
        `port ${ctx.port}, fd ${found.fd} of ${found.pid}`,
        `포트 ${ctx.port}, ${found.pid}의 fd ${found.fd}`,
      ));
    }
    const other = elsewhere.map((l) =>
      `${l.port} (socket:[${l.inode}], fd ${l.fd} of ${l.pid})`
    ).join(", ");
    return outcome("none", (trace) =>
      join([
        other
          ? both(
            `No process of the program listened on port ${ctx.port}.`,
            `프로그램의 어떤 프로세스도 포트 ${ctx.port}에서 기다리지 않았다.`,
          )
          : both(
            `No process of the program listened on port ${ctx.port} within ${
              secs(step.within)
            }.`,
            `${
              secs(step.within)
            } 동안 프로그램의 어떤 프로세스도 포트 ${ctx.port}에서 기다리지 않았다.`,
          ),
        other
          ? both(
            `It listens on port ${other} instead: the book's server takes its port from argv[1], which tcpip gives (${ctx.port}, a free one).`,
            `대신 포트 ${other}에서 기다린다. 책의 서버는 포트를 argv[1]에서 받으며, tcpip는 비어 있는 포트(${ctx.port})를 준다.`,
          )
          : both("", ""),
        endNote(ctx, trace),
        stderrNote(ctx),
      ]));
  },

  async connect(step, ctx) {
    const ports: number[] = [];
    for (const name of step.clients) {
      try {
        const client = await Client.connect(
          name,
          ctx.port,
          () => ctx.session.now(),
          () => ctx.session.notify(),
          3000 * ctx.slack,
        );
        ctx.clients.set(name, client);
        ctx.echoed.set(name, 0);
        ports.push(client.localPort);
      } catch (error) {
        return outcome(
          "refused",
          both(
            `Client ${name}'s connect() to 127.0.0.1:${ctx.port} failed: ${
              (error as Error).message
            }.`,
            `클라이언트 ${name}의 127.0.0.1:${ctx.port}로의 connect() 실패: ${
              (error as Error).message
            }.`,
          ),
        );
      }
    }
    return ok(
      both(`from port ${ports.join(", ")}`, `포트 ${ports.join(", ")}에서`),
    );
  },

  async echo(step, ctx) {
    const details: Text[] = [];
    for (const name of step.clients) {
      const result = await echoOnce(
        ctx,
        name,
        step.send.replaceAll("{client}", name),
        step.within,
      );
      if (result.outcomes.length > 0) {
        for (const o of result.outcomes) {
          if (o.name === "cut" && !step.outcomes?.cut) o.name = "closed";
          if (o.name === "closed" && !step.outcomes?.closed) o.name = "none";
        }
        return result;
      }
      if (result.detail) details.push(result.detail);
    }
    return ok(join(details, ", "));
  },

  async holders(step, ctx) {
    const unseen = noProc();
    if (unseen) return unseen;
    const outcomes: Outcome[] = [];
    const details: Text[] = [];
    for (const name of step.clients) {
      const result = await holdersOf(
        ctx,
        name,
        step.outcomes?.swapped !== undefined,
      );
      if (result.skipped) return result;
      outcomes.push(...result.outcomes);
      if (result.detail) details.push(result.detail);
    }
    return { outcomes, detail: join(details, "; ") };
  },

  async "half-close"(step, ctx) {
    const client = ctx.clients.get(step.client)!;
    const at0 = ctx.session.now();
    const before = client.inbox.eof;
    if (before !== null) {
      // The connection ended before the client was done: no half-close
      // left to test.
      const served = ctx.served.get(step.client);
      const end = served === undefined
        ? null
        : ctx.session.trace?.processes.get(served)?.end ?? null;
      const how = end?.signal
        ? both(
          `; its child ${served} was killed by ${end.signal} at ${at(end.t)}`,
          `; 그 자식 ${served}은(는) ${at(end.t)}에 ${end.signal}로 종료했다`,
        )
        : end
        ? both(
          `; its child ${served} ended at ${at(end.t)} (status ${end.code})`,
          `; 그 자식 ${served}은(는) ${
            at(end.t)
          }에 종료했다 (상태 ${end.code})`,
        )
        : both("", "");
      return outcome(
        "ended-before",
        both(
          `Client ${step.client}'s connection had already ended at ${
            at(before)
          }, before it was to half-close (${
            at(at0)
          }; no FIN was sent)${how.en}.`,
          `클라이언트 ${step.client}의 연결은 절반 닫기를 하려던 때(${
            at(at0)
          }, FIN은 보내지 않음)보다 먼저 ${at(before)}에 끝나 있었다${how.ko}.`,
        ),
      );
    }
    await client.halfClose();
    const eof = await ctx.session.until(
      () => client.inbox.eof !== null,
      step.within * 1000,
    );
    if (eof) {
      return ok(both(
        `end of file after ${secs((client.inbox.eof! - at0) / 1000)}`,
        `${secs((client.inbox.eof! - at0) / 1000)} 뒤 파일의 끝`,
      ));
    }
    const inode = serverEnd(ctx.port, client.localPort);
    const held = inode === null ? [] : holders(programPids(ctx), inode);
    const served = ctx.served.get(step.client);
    const parentHolds = held.some((h) => h.pid === ctx.listener?.pid);
    // A serving child that runs (R, or t: stopped by strace at one of its
    // calls) rather than waits (S): its loop goes on at once after read()
    // returns 0.
    const state = served === undefined
      ? undefined
      : ctx.session.procs.records.get(served)?.state;
    const spins = held.some((h) => h.pid === served) &&
      (state === "R" || state === "t" || wchan(served!) === "ptrace_stop");
    return outcome(
      parentHolds ? "no-eof-parent" : spins ? "no-eof-spins" : "no-eof",
      both(
        `Client ${step.client} sent FIN (shutdown(SHUT_WR)) at ${at(at0)}; ${
          secs(step.within)
        } later its read() still had no end of file. The server's end${
          inode ? ` socket:[${inode}]` : ""
        } is held by: ${
          held.map((h) =>
            `${h.pid} (fd ${h.fd})${
              h.pid === ctx.listener?.pid ? " = the parent" : ""
            }`
          ).join(", ") || "nobody"
        }${served ? `; the serving child: ${describe(ctx, served).en}` : ""}.`,
        `클라이언트 ${step.client}이(가) ${
          at(at0)
        }에 FIN(shutdown(SHUT_WR))을 보냈지만 ${
          secs(step.within)
        } 뒤에도 read()가 파일의 끝을 받지 못했다. 서버 쪽${
          inode ? ` socket:[${inode}]` : ""
        }을(를) 가진 프로세스: ${
          held.map((h) =>
            `${h.pid} (fd ${h.fd})${
              h.pid === ctx.listener?.pid ? " = 부모" : ""
            }`
          ).join(", ") || "없음"
        }${served ? `. 맡은 자식: ${describe(ctx, served).ko}` : ""}.`,
      ),
    );
  },

  close(step, ctx) {
    for (const name of step.clients) ctx.clients.get(name)?.close();
    return Promise.resolve(ok(both(
      `at ${at(ctx.session.now())}`,
      `${at(ctx.session.now())}에`,
    )));
  },

  async "served-end"(step, ctx) {
    const pids = step.clients.map((c) => ctx.served.get(c)).filter((
      p,
    ): p is number => p !== undefined);
    if (pids.length === 0) {
      return {
        outcomes: [],
        skipped: both("no serving child was found", "맡은 자식을 찾지 못했다"),
      };
    }
    const ended = (pid: number) => !ctx.session.procs.running(pid);
    await ctx.session.until(() => pids.every(ended), step.within * 1000);
    const left = pids.filter((p) => !ended(p));
    if (left.length === 0) return ok();
    const pid = left[0];
    const where = wchan(pid) ?? "";
    const keeps = ctx.listener ? holders([pid], ctx.listener.inode) : [];
    if (keeps.length > 0 && /accept/.test(where)) {
      return outcome(
        "accepting",
        both(
          `The child ${pid} is still running ${
            secs(step.within)
          } after its client left: it waits in accept() (wchan ${where}) on the listening socket it kept as fd ${
            keeps[0].fd
          }.`,
          `자식 ${pid}은(는) 클라이언트가 떠나고 ${
            secs(step.within)
          }이 지나도 실행 중이다: 가지고 있던 기다리는 소켓(fd ${
            keeps[0].fd
          })으로 accept()에서 기다린다 (wchan ${where}).`,
        ),
      );
    }
    return outcome(
      "stays",
      both(
        `The child ${describe(ctx, pid).en} is still running ${
          secs(step.within)
        } after its client left.`,
        `자식 ${describe(ctx, pid).ko}은(는) 클라이언트가 떠나고 ${
          secs(step.within)
        }이 지나도 실행 중이다.`,
      ),
    );
  },

  async serving(_step, ctx) {
    const root = ctx.listener?.pid ?? ctx.session.root();
    const gone = () =>
      root === null || !ctx.session.procs.running(root) ||
      ctx.session.ended() !== null;
    const listens = () =>
      HAS_PROC
        ? listeningInodes(ctx.port).length > 0
        : listeningPids(ctx.port).length > 0;
    // A server on its way out may have closed its socket already: give it
    // a moment to be seen gone (then it "ended", with its last words).
    if (!gone() && !listens()) {
      await ctx.session.until(() => listens() || gone(), 1000);
    }
    if (gone()) {
      return outcome("ended", (trace) => {
        const failed = trace?.callsOf(root, "accept", "accept4").filter((c) =>
          c.errno !== null
        ).at(-1);
        const chld = trace?.signalsTo(root, "SIGCHLD").at(-1);
        return join([
          endNote(ctx, trace),
          failed ? interrupted(failed, chld?.t ?? null) : both("", ""),
          stderrNote(ctx),
        ]);
      });
    }
    if (!listens()) {
      return outcome(
        "deaf",
        join([
          both(
            `The server's process ${root} runs, but nothing listens on port ${ctx.port} any more.`,
            `서버 프로세스 ${root}은(는) 실행 중이지만 포트 ${ctx.port}에서 더는 기다리지 않는다.`,
          ),
          stderrNote(ctx),
        ]),
      );
    }
    return ok();
  },

  async "parent-fds"(_step, ctx) {
    const unseen = noProc();
    if (unseen) return unseen;
    const parent = ctx.listener?.pid;
    if (parent === undefined) {
      return {
        outcomes: [],
        skipped: both("no listening socket", "기다리는 소켓 없음"),
      };
    }
    // The server's ends of client connections (any state) in its table.
    const kept = () => {
      const ends = new Map(
        tcpSockets().filter((t) =>
          t.localPort === ctx.port && t.remotePort !== 0
        )
          .map((t) => [socketName(t.inode), t]),
      );
      return [...fdTable(parent)]
        .filter(([, target]) => ends.has(target))
        .map(([fd, target]) => ({ fd, target, socket: ends.get(target)! }));
    };
    await ctx.session.until(() => kept().length === 0, 1000 * ctx.slack);
    const left = kept();
    if (left.length === 0) {
      return ok(both(
        `${socketCount(parent)} sockets, none of a client`,
        `소켓 ${socketCount(parent)}개, 클라이언트 소켓 없음`,
      ));
    }
    const list = left.map((k) =>
      `fd ${k.fd} ${k.target} (client port ${k.socket.remotePort}, ${
        TCP_STATES[k.socket.state] ?? k.socket.state
      })`
    ).join(", ");
    return outcome(
      "grew",
      both(
        `After ${ctx.clients.size} clients, the server's process ${parent} still holds ${left.length} of their sockets: ${list}.`,
        `클라이언트 ${ctx.clients.size}개가 다녀간 뒤에도 서버 프로세스 ${parent}이(가) 그 소켓 ${left.length}개를 가지고 있다: ${list}.`,
      ),
    );
  },

  async store(step, ctx) {
    const unseen = noProc();
    if (unseen) return unseen;
    const parent = ctx.listener?.pid;
    if (parent === undefined) {
      return {
        outcomes: [],
        skipped: both("no listening socket", "기다리는 소켓 없음"),
      };
    }
    const servers = new Set(
      step.clients.map((c) => ctx.served.get(c)).filter((p) => p !== undefined),
    );
    const pipesOf = (pid: number, mode: "read" | "write") =>
      [...fdTable(pid)].filter(([fd, t]) =>
        t.startsWith("pipe:") &&
        (fdMode(pid, fd) === mode || fdMode(pid, fd) === "both")
      ).map(([, t]) => t);
    let store: { pid: number; pipe: string } | null = null;
    // The store process: a child serving no client that reads a pipe; of
    // several, the one with a file of the working directory open, or else
    // the one waiting in a pipe's read().
    const rank = (pid: number) => {
      const files = [...fdTable(pid).values()];
      if (files.some((f) => f.startsWith(`${ctx.session.cwd}/`))) return 2;
      return /pipe_read/.test(wchan(pid) ?? "") ? 1 : 0;
    };
    await ctx.session.until(() => {
      const found = ctx.session.procs.childrenOf(parent)
        .filter((c) => !servers.has(c.pid) && ctx.session.procs.running(c.pid))
        .map((c) => ({ pid: c.pid, reads: pipesOf(c.pid, "read") }))
        .filter((c) => c.reads.length > 0)
        .sort((a, b) => rank(b.pid) - rank(a.pid));
      if (found.length === 0) return false;
      store = { pid: found[0].pid, pipe: found[0].reads[0] };
      return true;
    }, 1000 * ctx.slack);
    if (!store) {
      const children = ctx.session.procs.childrenOf(parent).map((c) => c.pid);
      const role = (pid: number) =>
        !ctx.session.procs.running(pid)
          ? servers.has(pid)
            ? both(" (served a client, ended)", " (클라이언트를 맡았고 종료함)")
            : both(" (ended)", " (종료함)")
          : servers.has(pid)
          ? both(" (serves a client)", " (클라이언트를 맡음)")
          : both("", "");
      const list = (lang: "en" | "ko") =>
        children.map((pid) => `${pid}${role(pid)[lang]}`).join(", ");
      return outcome(
        "none",
        both(
          `No running child of the server ${parent} besides those serving clients holds the reading end of a pipe; its children: ${
            list("en") || "none"
          }.`,
          `서버 ${parent}의 자식 가운데 클라이언트를 맡은 것 말고는 파이프의 읽는 쪽을 가진 채 실행 중인 것이 없다. 자식: ${
            list("ko") || "없음"
          }.`,
        ),
      );
    }
    const found: { pid: number; pipe: string } = store;
    ctx.store = found.pid;
    const writers = [...servers].filter((pid) =>
      pipesOf(pid, "write").includes(found.pipe)
    );
    if (writers.length < servers.size) {
      const missing = [...servers].filter((p) => !writers.includes(p));
      return outcome(
        "no-pipe",
        both(
          `The store process ${found.pid} reads ${found.pipe}, but the echo children ${
            missing.join(", ")
          } do not hold its writing end.`,
          `저장 프로세스 ${found.pid}은(는) ${found.pipe}을(를) 읽지만, 에코 자식 ${
            missing.join(", ")
          }에는 그 파이프의 쓰는 쪽이 없다.`,
        ),
      );
    }
    return ok(both(
      `${found.pid} reads ${found.pipe}; ${writers.join(", ")} write it`,
      `${found.pid}이(가) ${found.pipe}을(를) 읽고 ${
        writers.join(", ")
      }이(가) 쓴다`,
    ));
  },

  async "store-file"(step, ctx) {
    const path = `${ctx.session.cwd}/${step.file}`;
    const wanted = ctx.sentLog.map((s) => s.text);
    const read = () => {
      try {
        return Deno.readFileSync(path);
      } catch {
        return null;
      }
    };
    const complete = () => {
      const bytes = read();
      if (!bytes) return false;
      const text = new TextDecoder().decode(bytes);
      return wanted.every((w) => text.includes(w));
    };
    const client = ctx.clients.get(step.client)!;
    const deadline = ctx.session.now() + step.within * 1000;
    let fillers = 0;
    let fillerBytes = 0;
    // C's fwrite() keeps bytes in its buffer until fclose(): the book's
    // store process writes the file after its 10 reads, so send more lines
    // (one read each) until it has, as a user would type more.
    await ctx.session.until(complete, 300 * ctx.slack);
    while (!complete() && ctx.session.now() < deadline) {
      const store = ctx.store;
      if (
        store === null || !ctx.session.procs.running(store) || fillers >= 12
      ) {
        await ctx.session.until(
          complete,
          Math.max(0, deadline - ctx.session.now()),
        );
        break;
      }
      // One line per read of the store process: send the next once it has
      // read the last (its rchar grew).
      const before = bytesRead(store) ?? 0;
      fillers++;
      const from = ctx.echoed.get(step.client) ?? 0;
      const line = `filler ${fillers}\n`;
      fillerBytes += line.length;
      await client.send(line);
      await ctx.session.until(
        () => client.inbox.length - from >= line.length,
        1000,
      );
      ctx.echoed.set(step.client, client.inbox.length);
      await ctx.session.until(() => (bytesRead(store) ?? 0) > before, 500);
      await ctx.session.until(complete, 50);
    }
    // The book's store process ends after its 10th read: let it end and be
    // collected before a later step ends an echo child, or their two
    // SIGCHLDs come as one and the book's handler, one waitpid() per
    // signal, leaves that child a zombie the check would blame on it.
    const store = ctx.store;
    if (store !== null && complete()) {
      await ctx.session.until(
        () => (ctx.session.procs.records.get(store)?.goneAt ?? null) !== null,
        1000,
      );
    }
    const bytes = read();
    const extra = fillers > 0
      ? both(
        ` (after ${fillers} more lines, so that the store process reaches its reads)`,
        ` (저장 프로세스의 읽기 횟수를 채우려고 ${fillers}줄을 더 보낸 뒤)`,
      )
      : both("", "");
    if (!bytes) {
      return outcome(
        "missing",
        both(
          `There is no ${step.file} in the program's directory ${
            secs(step.within)
          } after the clients sent their lines${extra.en}.`,
          `클라이언트가 보내고 ${
            secs(step.within)
          }이 지나도 프로그램의 디렉터리에 ${step.file}이(가) 없다${extra.ko}.`,
        ),
      );
    }
    const text = new TextDecoder().decode(bytes);
    const missing = wanted.filter((w) => !text.includes(w));
    // More bytes than every client sent: the store process wrote more than
    // each read() returned (fwrite() of the whole buffer).
    const sent = new TextEncoder().encode(wanted.join("")).length +
      fillerBytes;
    if (missing.length === 0 && bytes.length > sent) {
      return outcome(
        "extra",
        both(
          `${step.file} has ${bytes.length} bytes, the clients sent ${sent} in all (every line is in it, with more): ${
            quote(bytes, 120)
          }${extra.en}.`,
          `${step.file}은(는) ${bytes.length}바이트인데 클라이언트가 보낸 것은 모두 ${sent}바이트다 (모든 줄이 있고 그 밖의 바이트도 있다): ${
            quote(bytes, 120)
          }${extra.ko}.`,
        ),
      );
    }
    if (missing.length === 0) {
      return ok(
        both(
          `${bytes.length} bytes, every line${extra.en}`,
          `${bytes.length}바이트, 모든 줄${extra.ko}`,
        ),
      );
    }
    return outcome(
      "incomplete",
      both(
        `${step.file} has ${bytes.length} bytes (${
          quote(bytes, 100)
        }); missing what the clients sent: ${
          missing.map((m) => quote(m)).join(", ")
        }${extra.en}.`,
        `${step.file}은(는) ${bytes.length}바이트 (${
          quote(bytes, 100)
        }). 클라이언트가 보낸 것 중 빠진 것: ${
          missing.map((m) => quote(m)).join(", ")
        }${extra.ko}.`,
      ),
    );
  },

  async accept(step, ctx) {
    const server = ctx.server!;
    const came = await ctx.session.until(
      () => server.connected || (settled(ctx) ? "ended" : false),
      step.within * 1000,
    );
    if (server.connected) {
      ctx.session.markLife();
      return ok(
        both(`from port ${server.clientPort}`, `포트 ${server.clientPort}에서`),
      );
    }
    return outcome("none", (trace) =>
      join([
        both(
          `No connection came to 127.0.0.1:${ctx.port} within ${
            secs(step.within)
          }${came === "ended" ? "" : ""}.`,
          `${
            secs(step.within)
          } 동안 127.0.0.1:${ctx.port}로 연결이 오지 않았다.`,
        ),
        endNote(ctx, trace),
        stderrNote(ctx),
      ]));
  },

  async "server-send"(step, ctx) {
    try {
      await ctx.server!.send(step.text);
    } catch (error) {
      return outcome(
        "failed",
        both(
          `The tool's server could not send: ${(error as Error).message}.`,
          `도구의 서버가 보내지 못했다: ${(error as Error).message}.`,
        ),
      );
    }
    return ok(
      both(
        `${quote(step.text)} at ${at(ctx.session.now())}`,
        `${at(ctx.session.now())}에 ${quote(step.text)}`,
      ),
    );
  },

  "server-close"(_step, ctx) {
    ctx.server!.close();
    return Promise.resolve(
      ok(both(`at ${at(ctx.session.now())}`, `${at(ctx.session.now())}에`)),
    );
  },

  async printed(step, ctx) {
    const server = ctx.server!;
    const want = new Uint8Array(server.sent.slice(ctx.serverCursor));
    const since = ctx.session.now();
    const look = () => {
      const shown = ctx.session.out.bytes().subarray(ctx.byteCursor);
      return { shown, verdict: rendering(shown, want) };
    };
    await ctx.session.until(
      () => look().verdict !== "wait",
      step.within * 1000,
    );
    const { shown, verdict } = look();
    if (verdict === "done") {
      ctx.byteCursor += shown.length;
      ctx.serverCursor = server.sent.length;
      return ok();
    }
    if (verdict === "bad") {
      // What this send made the client print, once it is quiet: the next
      // comparison starts after it, not at the same first mismatch.
      await ctx.session.until(
        () => ctx.session.sinceOutput() > 150 * ctx.slack,
        1000 * ctx.slack,
      );
      const all = ctx.session.out.bytes().subarray(ctx.byteCursor);
      ctx.byteCursor += all.length;
      ctx.serverCursor = server.sent.length;
      return outcome(
        "differs",
        both(
          `The server sent ${quote(want, 100)}; the client printed ${
            quote(all, 160)
          }. The book's client prints ${
            quote(PREFIX)
          } and then the bytes of each read, nothing else.`,
          `서버가 ${quote(want, 100)}를 보냈고 클라이언트는 ${
            quote(all, 160)
          }를 출력했다. 책의 클라이언트는 read() 한 번마다 ${
            quote(PREFIX)
          }와 읽은 바이트만 출력한다.`,
        ),
      );
    }
    const holdersText = clientHolders(ctx);
    return outcome(
      "late",
      both(
        `The server sent ${quote(want, 100)} at about ${at(since)}; ${
          secs(step.within)
        } later the client had printed ${
          shown.length ? quote(shown, 100) : "nothing"
        }. ${holdersText.en}`,
        `서버가 ${at(since)}쯤 ${quote(want, 100)}를 보냈는데 ${
          secs(step.within)
        } 뒤에도 클라이언트의 출력은 ${
          shown.length ? quote(shown, 100) : "없었다"
        }. ${holdersText.ko}`,
      ),
    );
  },

  async received(step, ctx) {
    const server = ctx.server!;
    const want = new TextEncoder().encode(step.text);
    await ctx.session.until(
      () => (server.inbox?.length ?? 0) - ctx.receivedCursor >= want.length,
      step.within * 1000,
    );
    const got = server.inbox?.bytes(ctx.receivedCursor) ?? new Uint8Array();
    const head = got.subarray(0, want.length);
    ctx.receivedCursor += got.length;
    if (
      head.length === want.length && head.every((b, i) => b === want[i]) &&
      got.length === want.length
    ) {
      return ok();
    }
    if (got.length === 0) {
      return outcome(
        "none",
        both(
          `${quote(step.text)} was typed; within ${
            secs(step.within)
          } the server received nothing.`,
          `${quote(step.text)}를 입력했지만 ${
            secs(step.within)
          } 동안 서버에 아무것도 오지 않았다.`,
        ),
      );
    }
    return outcome(
      "differs",
      both(
        `${quote(step.text)} was typed; the server received ${
          quote(got, 120)
        }.`,
        `${quote(step.text)}를 입력했고 서버가 받은 것은 ${
          quote(got, 120)
        }이다.`,
      ),
    );
  },

  async eof(step, ctx) {
    const server = ctx.server!;
    const since = ctx.session.now();
    const came = await ctx.session.until(
      () => server.inbox?.eof !== null && server.inbox?.eof !== undefined,
      step.within * 1000,
    );
    if (came) {
      // Did the whole client end with it (FIN from exit, not from shutdown)?
      await ctx.session.until(() => ctx.session.ended(), 200 * ctx.slack);
      const ended = ctx.session.ended();
      // The first process ended, but another (the reader, in a client whose
      // roles are the other way round) still holds the socket: it reads on.
      const inode = server.clientPort === null
        ? null
        : clientEnd(ctx.port, server.clientPort);
      const readsOn = inode !== null &&
        holders(programPids(ctx), inode).length > 0;
      if (ended && ended.t - server.inbox!.eof! < 300 && !readsOn) {
        return outcome(
          "ended",
          both(
            `The FIN came at ${
              at(server.inbox!.eof!)
            }, when the client's process ended (${
              at(ended.t)
            }): the client stopped reading too.`,
            `FIN이 ${
              at(server.inbox!.eof!)
            }에 왔는데, 클라이언트 프로세스가 종료한 때(${
              at(ended.t)
            })다: 클라이언트는 읽기도 그만두었다.`,
          ),
        );
      }
      return ok(
        both(
          `FIN after ${secs((server.inbox!.eof! - since) / 1000)}`,
          `${secs((server.inbox!.eof! - since) / 1000)} 뒤 FIN`,
        ),
      );
    }
    // The quit line sent on as data: the client did not recognise it.
    const unmatched = new TextDecoder().decode(
      server.inbox?.bytes(ctx.receivedCursor) ?? new Uint8Array(),
    );
    const quit = unmatched.match(/(?:^|\n)([qQ]\n)/)?.[1];
    if (quit) {
      return outcome(
        "sent",
        both(
          `No end of file reached the server within ${
            secs(step.within)
          }; it received ${quote(quit)} as data instead.`,
          `${
            secs(step.within)
          } 동안 서버에 파일의 끝(FIN)이 오지 않았고, 대신 ${
            quote(quit)
          }을(를) 데이터로 받았다.`,
        ),
      );
    }
    const holdersText = clientHolders(ctx);
    return outcome(
      "none",
      both(
        `No end of file reached the server within ${
          secs(step.within)
        }. ${holdersText.en}`,
        `${
          secs(step.within)
        } 동안 서버에 파일의 끝(FIN)이 오지 않았다. ${holdersText.ko}`,
      ),
    );
  },
};

/** `accept() failed with EINTR at ...`, from the trace. */
function interrupted(
  call: { name: string; errno: string | null; t: number },
  signalAt: number | null,
): Text {
  const restart = call.errno?.startsWith("ERESTART") ?? false;
  const errno = restart
    ? `${call.errno}, which the program sees as EINTR without SA_RESTART`
    : call.errno;
  const signal = signalAt === null ? both("", "") : both(
    ` SIGCHLD came at ${at(signalAt)}.`,
    ` SIGCHLD는 ${at(signalAt)}에 왔다.`,
  );
  return both(
    `The trace shows ${call.name}() interrupted at ${
      at(call.t)
    } (${errno}).${signal.en}`,
    `추적 기록: ${
      at(call.t)
    }에 ${call.name}()가 중단되었다 (${errno}).${signal.ko}`,
  );
}

/** One client sends `text` and waits for exactly it back. */
async function echoOnce(
  ctx: RunContext,
  name: string,
  text: string,
  within: number,
): Promise<Result> {
  const client = ctx.clients.get(name);
  if (!client) {
    return {
      outcomes: [],
      skipped: both("no such client", "그런 클라이언트가 없다"),
    };
  }
  const from = ctx.echoed.get(name) ?? 0;
  const want = new TextEncoder().encode(text);
  const sentAt = ctx.session.now();
  await client.send(want);
  ctx.sentLog.push({ client: name, text });
  const enough = await ctx.session.until(
    () =>
      client.inbox.length - from >= want.length || client.inbox.eof !== null,
    within * 1000,
  );
  // Bytes past the echo come with it: give them a moment to arrive.
  if (enough) await ctx.session.until(() => false, 100 * ctx.slack);
  const got = client.inbox.bytes(from);
  ctx.echoed.set(name, from + got.length);
  const same = got.length === want.length && got.every((b, i) => b === want[i]);
  if (same) {
    const t = client.inbox.arrivals.at(-1)?.t ?? sentAt;
    return ok(both(
      `${name}: ${want.length} bytes back in ${ms(t - sentAt)}`,
      `${name}: ${want.length}바이트가 ${ms(t - sentAt)} 만에 돌아옴`,
    ));
  }
  const sent = both(
    `Client ${name} sent ${want.length} bytes ${quote(want)} at ${at(sentAt)}`,
    `클라이언트 ${name}이(가) ${at(sentAt)}에 ${want.length}바이트 ${
      quote(want)
    }를 보냈고`,
  );
  const eof = client.inbox.eof !== null
    ? both(
      ` and the server closed the connection at ${at(client.inbox.eof)}`,
      `, 서버가 ${at(client.inbox.eof)}에 연결을 닫았다`,
    )
    : both("", "");
  if (got.length === 0) {
    const eofAt = client.inbox.eof;
    // Closed with not one byte ever sent back on it: no server that
    // echoes, however its client is timed (a server that closes each
    // socket before fork() is not one that serves one client only).
    if (eofAt !== null && from === 0) {
      return outcome(
        "cut",
        both(
          `${sent.en}; the server closed the connection at ${
            at(eofAt)
          } without sending one byte back on it.`,
          `${sent.ko}, 서버는 ${
            at(eofAt)
          }에 한 바이트도 돌려보내지 않은 채 연결을 닫았다.`,
        ),
      );
    }
    if (eofAt !== null && eofAt <= sentAt) {
      return outcome(
        "closed",
        both(
          `${sent.en}; the server had closed the connection at ${
            at(eofAt)
          }, before that, after ${from} bytes back: nothing came back.`,
          `${sent.ko}, 서버는 그 전인 ${
            at(eofAt)
          }에 (${from}바이트를 돌려준 뒤) 연결을 닫았다. 아무것도 돌아오지 않았다.`,
        ),
      );
    }
    return outcome(
      "none",
      both(
        `${sent.en}; nothing came back within ${secs(within)}${eof.en}.`,
        `${sent.ko}, ${secs(within)} 동안 아무것도 돌아오지 않았다${eof.ko}.`,
      ),
    );
  }
  const starts = want.every((b, i) => got[i] === b);
  const name2 = got.length > want.length && starts
    ? "extra"
    : got.length < want.length && got.every((b, i) => b === want[i])
    ? "short"
    : "differs";
  return outcome(
    name2,
    both(
      `${sent.en}; ${got.length} bytes came back: ${quote(got, 120)}${eof.en}.`,
      `${sent.ko}, ${got.length}바이트가 돌아왔다: ${
        quote(got, 120)
      }${eof.ko}.`,
    ),
  );
}

/** Which processes hold the server's end of one client's connection. */
async function holdersOf(
  ctx: RunContext,
  name: string,
  swapped: boolean,
): Promise<Result> {
  const client = ctx.clients.get(name);
  const listener = ctx.listener;
  if (!client || !listener) {
    return {
      outcomes: [],
      skipped: both(
        "no listening socket or client",
        "기다리는 소켓이나 클라이언트가 없다",
      ),
    };
  }
  const parent = listener.pid;
  let inode: number | null = null;
  let held: { pid: number; fd: number }[] = [];
  // C's parent closes its copy right after fork(): give it a moment.
  await ctx.session.until(() => {
    inode ??= serverEnd(ctx.port, client.localPort);
    if (inode === null) return false;
    held = holders(programPids(ctx), inode);
    return held.length > 0 &&
      (ctx.parentKeeps || held.every((h) => h.pid !== parent));
  }, 500 * ctx.slack);
  if (inode === null) {
    return {
      outcomes: [],
      skipped: both("the connection is gone", "연결이 없다"),
    };
  }
  const socket = `socket:[${inode}]`;
  const list = (h: { pid: number; fd: number }[]) =>
    h.map((x) => `${x.pid} (fd ${x.fd})`).join(", ") || "-";
  const children = held.filter((h) => h.pid !== parent);
  const outcomes: Outcome[] = [];
  const mine = held.find((h) => h.pid === parent);
  // The parent kept the client and a child took the listening socket on:
  // fork()'s return value read the wrong way round.
  const listening = children.length === 0
    ? holders(programPids(ctx).filter((p) => p !== parent), listener.inode)
    : [];
  if (listening.length > 0 && mine && swapped) {
    const child = listening[0];
    outcomes.push({
      name: "swapped",
      observed: both(
        `Client ${name}'s ${socket} is held only by ${parent} (fd ${mine.fd}), the process that accepted it; its child ${
          describe(ctx, child.pid).en
        } holds the listening socket socket:[${listener.inode}] (fd ${child.fd}) instead.`,
        `클라이언트 ${name}의 ${socket}은(는) 그것을 accept()한 ${parent}만 가지고 있고 (fd ${mine.fd}), 자식 ${
          describe(ctx, child.pid).ko
        }은(는) 대신 기다리는 소켓 socket:[${listener.inode}]을(를) 가지고 있다 (fd ${child.fd}).`,
      ),
    });
  } else if (children.length === 0) {
    outcomes.push({
      name: "no-child",
      observed: both(
        `Only the server's first process ${parent} holds client ${name}'s ${socket}${
          mine ? ` (fd ${mine.fd})` : ""
        }; no child process does.`,
        `서버의 첫 프로세스 ${parent}만 클라이언트 ${name}의 ${socket}을(를) 가지고 있고${
          mine ? ` (fd ${mine.fd})` : ""
        }, 자식 프로세스는 없다.`,
      ),
    });
  } else {
    if (mine) {
      ctx.parentKeeps = true;
      outcomes.push({
        name: "parent",
        observed: both(
          `The server's end of client ${name}'s connection, ${socket}, is in the parent ${parent}'s descriptor table as fd ${mine.fd}, besides ${
            list(children)
          }.`,
          `클라이언트 ${name} 연결의 서버 쪽 소켓 ${socket}이(가) ${
            list(children)
          } 말고도 부모 ${parent}의 파일 디스크립터 테이블에 fd ${mine.fd}로 있다.`,
        ),
      });
    }
    const serving = children[0].pid;
    ctx.served.set(name, serving);
    const keeps = holders([serving], listener.inode);
    if (keeps.length > 0) {
      outcomes.push({
        name: "listener-in-child",
        observed: both(
          `The child ${serving} serving client ${name} still holds the listening socket socket:[${listener.inode}] as fd ${
            keeps[0].fd
          }.`,
          `클라이언트 ${name}을(를) 맡은 자식 ${serving}이(가) 기다리는 소켓 socket:[${listener.inode}]을(를) fd ${
            keeps[0].fd
          }로 아직 가지고 있다.`,
        ),
      });
    }
  }
  return {
    outcomes,
    detail: both(
      `${name}: ${socket} in ${list(held)}`,
      `${name}: ${socket}: ${list(held)}`,
    ),
  };
}

/** Which of the client's processes hold its socket, and where they wait. */
function clientHolders(ctx: RunContext): Text {
  const server = ctx.server!;
  if (server.clientPort === null) return both("", "");
  const inode = clientEnd(ctx.port, server.clientPort);
  if (inode === null) return both("", "");
  const held = holders(programPids(ctx), inode);
  if (held.length === 0) {
    return both(
      `No process of the client holds its socket socket:[${inode}] any more.`,
      `클라이언트의 어떤 프로세스도 소켓 socket:[${inode}]을(를) 더는 가지고 있지 않다.`,
    );
  }
  return both(
    `The client's socket socket:[${inode}] is open in ${held.length} process${
      held.length === 1 ? "" : "es"
    }: ${
      held.map((h) => `${describe(ctx, h.pid).en} as fd ${h.fd}`).join("; ")
    }.`,
    `클라이언트의 소켓 socket:[${inode}]이(가) 프로세스 ${held.length}개에 열려 있다: ${
      held.map((h) => `${describe(ctx, h.pid).ko}, fd ${h.fd}`).join("; ")
    }.`,
  );
}

/**
 * Whether `shown` is the book's client printing `want`: each read printed
 * as `Message from server: ` and the bytes read. `done` when all of it is
 * there, `wait` while what is there can still become it, `bad` when it
 * cannot.
 */
export function rendering(
  shown: Uint8Array,
  want: Uint8Array,
): "done" | "bad" | "wait" {
  const prefix = new TextEncoder().encode(PREFIX);
  let i = 0;
  let got = 0;
  while (i < shown.length) {
    // A prefix, or the beginning of one at the end of what is there.
    for (let k = 0; k < prefix.length; k++) {
      if (i + k >= shown.length) return "wait";
      if (shown[i + k] !== prefix[k]) return "bad";
    }
    i += prefix.length;
    let chunk = 0;
    while (i < shown.length && got < want.length && shown[i] === want[got]) {
      if (chunk > 0 && startsWith(shown, i, prefix)) break;
      i++, got++, chunk++;
    }
    if (chunk === 0 && i < shown.length) return "bad";
    if (
      i < shown.length &&
      !startsWith(
        shown,
        i,
        prefix.subarray(0, Math.min(prefix.length, shown.length - i)),
      )
    ) {
      return "bad";
    }
  }
  return got === want.length ? "done" : "wait";
}

function startsWith(
  bytes: Uint8Array,
  at: number,
  prefix: Uint8Array,
): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let k = 0; k < prefix.length; k++) {
    if (bytes[at + k] !== prefix[k]) return false;
  }
  return true;
}
