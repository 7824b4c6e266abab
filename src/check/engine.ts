/**
 * The one engine every check runs on. For each run of a scenario it starts
 * the learner's program (`session.ts`), performs the steps in order, ends
 * the program as soon as the verdict is known, then checks the rules on
 * what was recorded. Each outcome the scenario maps to a finding becomes
 * one, with what was observed; the same mistake seen in several runs is
 * one finding.
 *
 * @module
 */

import type { Text } from "../text.ts";
import type { Outcome, Result, RunContext } from "./context.ts";
import { freePort, TestServer } from "./net.ts";
import { checkRule } from "./rules.ts";
import type { FindingSpec, RunPlan, Scenario, Severity } from "./scenario.ts";
import { Session } from "./session.ts";
import { runStep } from "./steps.ts";
import type { Trace } from "./strace.ts";
import { at, both } from "./words.ts";

/** How the program is run. */
export interface EngineOptions {
  /** The command, placeholders not yet filled in. */
  command: string[];
  /** strace's version, or null to run without it. */
  strace: string | null;
  /** Without strace: why, as a skipped check's reason. */
  untraced: Text;
  /** The process cap, in tasks. */
  maxTasks: number;
}

/** One finding of a check. */
export interface Finding extends FindingSpec {
  /** Its id, e.g. `pipe2.own-message`. */
  id: string;
  /** What was observed, in the run it was first seen. */
  observed: Text;
  /** The runs it was seen in (1-based). */
  runs: number[];
  /** How many more observations of it the first run made. */
  more?: number;
}

/** The result of one step or rule, as the report lists it. */
export interface CheckLine {
  /** The run (1-based). */
  run: number;
  /** What was checked. */
  title: Text;
  /** `ok`, `fail`, `warn`; `info` for an outcome that is no mistake; `skipped`. */
  result: "ok" | "fail" | "warn" | "info" | "skipped";
  /** A note: what was seen, or why it was skipped. */
  detail?: Text;
}

/** What a check found. */
export interface Report {
  /** The program checked. */
  program: string;
  /** The command, as given. */
  command: string[];
  /** `fail` if a finding failed, `warn` if one warned, `pass` otherwise. */
  verdict: "pass" | "warn" | "fail";
  /** The findings, failures first. */
  findings: Finding[];
  /** Every step and rule of every run. */
  checks: CheckLine[];
  /** What could not be checked here, and why. */
  unchecked: { title: Text; reason: Text }[];
  /** How many runs were made. */
  runs: number;
  /** Wall time of the whole check, in seconds. */
  seconds: number;
  /** The process cap that applied. */
  cap: Text;
  /** strace's version, or null. */
  strace: string | null;
  /**
   * What the program printed in each run (the last 4000 characters of each
   * stream), and how its first process ended (null: tcpip ended it).
   */
  output: {
    run: number;
    stdout: string;
    stderr: string;
    ended: { t: number; code: number | null; signal: string | null } | null;
  }[];
}

/** What the engine tells the one who watches, as it goes. */
export interface Progress {
  /** A run begins. */
  run(index: number, total: number, title: Text, command: string[]): void;
  /** A step begins; it waits at most `seconds`. */
  step(title: Text, seconds: number): void;
  /** A step or rule is done. */
  done(line: CheckLine): void;
  /** The program printed a line (`err`: on standard error). */
  output(line: string, err: boolean): void;
  /** The cap that applies (once, for the first run). */
  cap(text: Text): void;
}

/** Findings of the engine itself, whatever the program. */
const ENGINE_FINDINGS: Record<string, FindingSpec> = {
  "process-cap": {
    severity: "fail",
    title: both(
      "the program made more processes than the cap allows",
      "프로그램이 상한보다 많은 프로세스를 만들었다",
    ),
    book: both(
      "The book's programs make one or two children, or one per client.",
      "책의 프로그램은 자식을 하나나 둘, 또는 클라이언트마다 하나 만든다.",
    ),
    why: both(
      "A fork() in a loop whose children fork too doubles the processes each time (a fork bomb). Check that each child leaves the loop: return, exit() or break after its work.",
      "반복문 안의 fork()에서 자식도 다시 fork하면 프로세스가 매번 두 배로 는다(fork 폭탄). 자식이 할 일을 마친 뒤 return, exit(), break로 반복문을 벗어나는지 확인하자.",
    ),
    see: both(
      "tcpip explain fork (What it shows)",
      "tcpip explain fork (무엇을 보여 주나)",
    ),
  },
  crashed: {
    severity: "fail",
    title: both(
      "a process of the program crashed",
      "프로그램의 프로세스가 비정상 종료했다",
    ),
    book: both(
      "The book's processes end with return or exit().",
      "책의 프로세스는 return이나 exit()로 종료한다.",
    ),
    why: both(
      "A signal such as SIGSEGV ended it: a bad pointer, a buffer overrun (a read() into a buffer without room for the '\\0' added after it), or abort().",
      "SIGSEGV 같은 시그널로 종료했다: 잘못된 포인터, 버퍼 넘침(read()로 가득 채운 버퍼 뒤에 '\\0'을 넣는 경우 등), abort().",
    ),
    see: both(
      "the program's own source; a debugger (gdb)",
      "프로그램의 소스 코드, 디버거(gdb)",
    ),
  },
};

/** Why a step stopped without a verdict. */
const CUT_SHORT: Text = both(
  "cut short: the run was stopped",
  "중간에 멈춤: 실행을 멈추었다",
);

/** Why a step or rule was skipped after an earlier finding. */
const MOOT: Text = both(
  "an earlier finding says it already",
  "앞에서 찾은 것이 이미 말해 준다",
);

const CRASH_SIGNALS = [
  "SIGSEGV",
  "SIGBUS",
  "SIGABRT",
  "SIGFPE",
  "SIGILL",
  "SIGSYS",
];

/**
 * How much longer waits are on a busy machine: the load average per CPU
 * (1 to 3). When other work crowds the CPUs, the program runs late (a
 * runtime such as Deno's takes seconds to start, timers fire late) and so
 * does this process; the check must not call that late. A wait ends as
 * soon as what it waits for comes, so a program that behaves pays nothing.
 */
export function loadFactor(): number {
  try {
    const cpus = Math.max(1, navigator.hardwareConcurrency ?? 1);
    const load = Deno.loadavg()[0] / cpus;
    return Math.min(3, Math.max(1, Math.round(load * 10) / 10));
  } catch {
    return 1;
  }
}

/** Fills in `{port}` and `{ip}`; appends them where the command has none. */
export function fillCommand(
  command: readonly string[],
  role: Scenario["role"],
  port: number,
): string[] {
  const placeholders = command.some((arg) => /\{(port|ip)\}/.test(arg));
  const filled = command.map((arg) =>
    arg.replaceAll("{port}", String(port)).replaceAll("{ip}", "127.0.0.1")
  );
  if (placeholders || role === "program") return filled;
  return role === "server"
    ? [...filled, String(port)]
    : [...filled, "127.0.0.1", String(port)];
}

/** Runs every run of `scenario` against the program; resolves to the report. */
export async function runScenario(
  scenario: Scenario,
  options: EngineOptions,
  progress: Progress,
  abort: AbortSignal,
): Promise<Report> {
  const started = performance.now();
  const budget = (scenario.bookSleeps + 30) * 1000;
  const findings = new Map<string, Finding>();
  const checks: CheckLine[] = [];
  const unchecked = new Map<string, { title: Text; reason: Text }>();
  let cap: Text = both("", "");
  let runs = 0;
  let untracedRuns = 0;
  const output: Report["output"] = [];
  const specOf = (id: string): FindingSpec =>
    scenario.findings[id] ?? ENGINE_FINDINGS[id];

  for (const [index, plan] of scenario.runs.entries()) {
    if (abort.aborted || performance.now() - started > budget) break;
    // A program stopped at the process cap is not run again.
    if (findings.has("process-cap")) break;
    runs++;
    const hold = options.strace ? plan.holdAfterFork ?? 0 : 0;
    const title = plan.holdAfterFork && !options.strace
      ? both(
        `${plan.title.en} (without strace, fork() cannot be held: on one CPU only)`,
        `${plan.title.ko} (strace가 없어 fork()를 늦출 수 없어 CPU 하나로만)`,
      )
      : plan.title;
    let session: Session | null = null;
    const server = scenario.role === "client"
      ? new TestServer(() => session?.now() ?? 0, () => session?.notify())
      : null;
    const port = server?.port ?? (scenario.role === "server" ? freePort() : 0);
    const command = fillCommand(options.command, scenario.role, port);
    progress.run(index + 1, scenario.runs.length, title, command);
    session = await Session.start({
      command,
      tracer: options.strace !== null,
      oneCpu: plan.oneCpu === true || (plan.holdAfterFork ?? 0) > 0,
      holdAfterFork: hold,
      maxTasks: options.maxTasks,
      pollMs: 15,
      onLine: (line, err) => progress.output(line, err),
      deadline: started + budget,
      slack: loadFactor(),
    });
    const current = session;
    const stop = () => current.interrupt();
    abort.addEventListener("abort", stop);
    if (index === 0) {
      cap = session.cap.describe;
      progress.cap(cap);
    }
    const ctx: RunContext = {
      scenario,
      session,
      untraced: options.untraced,
      port,
      server,
      clients: new Map(),
      lineCursor: 0,
      byteCursor: 0,
      serverCursor: 0,
      receivedCursor: 0,
      echoed: new Map(),
      sentLog: [],
      listener: null,
      parentKeeps: false,
      served: new Map(),
      store: null,
      raised: new Set(),
      slack: session.slack,
    };
    const pending: { id: string; outcome: Outcome }[] = [];
    const record = (
      what: { title: Text; needs?: "strace" },
      result: Result,
    ): boolean => {
      let worst: Severity | null = null;
      let mapped = false;
      for (const o of result.outcomes) {
        const id = (what as { outcomes?: Record<string, string> }).outcomes
          ?.[o.name];
        if (!id) continue;
        mapped = true;
        pending.push({ id, outcome: o });
        ctx.raised.add(id);
        const severity = specOf(id).severity;
        if (severity === "fail" || worst === null) worst = severity;
      }
      const line: CheckLine = {
        run: index + 1,
        title: what.title,
        result: result.skipped ? "skipped" : worst ??
          (result.outcomes.length > 0 || result.stop ? "info" : "ok"),
        detail: result.skipped ?? result.detail ??
          (result.outcomes.length > 0 && !mapped
            ? observedNow(result.outcomes[0], session)
            : undefined),
      };
      checks.push(line);
      progress.done(line);
      return mapped;
    };

    try {
      const steps = plan.steps ?? scenario.steps;
      for (const step of steps) {
        if (abort.aborted) break;
        if (step.needs === "strace" && !session.traced) {
          unchecked.set(tr2(step.title), {
            title: step.title,
            reason: options.untraced,
          });
          record(step, { outcomes: [], skipped: options.untraced });
          continue;
        }
        if (step.unless?.some((id) => ctx.raised.has(id))) {
          record(step, {
            outcomes: [],
            skipped: both(
              "an earlier finding makes it moot",
              "앞의 결과 때문에 의미가 없다",
            ),
          });
          continue;
        }
        const waits = "within" in step
          ? step.within
          : "for" in step
          ? step.for
          : 0;
        progress.step(step.title, waits);
        const result = await runStep(step, ctx);
        if (session.interrupted) {
          // The cap (or the user) cut the wait short: no verdict from it.
          record(step, { outcomes: [], skipped: CUT_SHORT });
          break;
        }
        const mapped = record(step, result);
        if (result.stop || (mapped && step.stopOnFinding)) break;
        if (session.capHit || (session.cap.refused() ?? 0) > 0) break;
        if (performance.now() - started > budget) break;
      }
    } finally {
      abort.removeEventListener("abort", stop);
      for (const client of ctx.clients.values()) client.close();
      const ending = session.ended();
      const trace = await session.finish();
      const root = trace?.root ?? null;
      const end = root === null ? null : trace?.processes.get(root)?.end;
      output.push({
        run: index + 1,
        stdout: session.out.text().slice(-4000),
        stderr: session.err.text().slice(-4000),
        ended: end ?? ending,
      });
      await server?.stop();
      await Promise.all([...ctx.clients.values()].map((c) => c.end()));
      engineFindings(ctx, trace, pending);
      if (!trace) untracedRuns++;
      for (const rule of plan.rules ?? scenario.rules) {
        if (rule.needs === "strace" && !trace) {
          unchecked.set(tr2(rule.title), {
            title: rule.title,
            reason: options.untraced,
          });
          record(rule, { outcomes: [], skipped: options.untraced });
          continue;
        }
        // A process that crashed printed no more: its missing lines are
        // the crash's, which its own finding says.
        if (
          rule.unless?.some((id) => ctx.raised.has(id)) ||
          (rule.rule === "lines" && ctx.raised.has("crashed"))
        ) {
          record(rule, { outcomes: [], skipped: MOOT });
          continue;
        }
        record(rule, checkRule(rule, ctx, trace));
      }
      for (const { id, outcome } of pending) {
        const observed = typeof outcome.observed === "function"
          ? outcome.observed(trace)
          : outcome.observed;
        const known = findings.get(id);
        if (known) {
          if (!known.runs.includes(index + 1)) known.runs.push(index + 1);
          else if (!known.observed.en.includes(observed.en)) {
            // The same mistake seen another way in this run: say it too,
            // twice at most, then how many more.
            const seen = (known.more ?? 0) + 1;
            known.more = seen;
            if (seen <= 1) {
              known.observed = {
                en: `${known.observed.en}\n${observed.en}`,
                ko: `${known.observed.ko}\n${observed.ko}`,
              };
            }
          }
          continue;
        }
        findings.set(id, { id, ...specOf(id), observed, runs: [index + 1] });
      }
    }
  }

  for (const finding of findings.values()) {
    const more = (finding.more ?? 0) - 1;
    if (more > 0) {
      finding.observed = {
        en: `${finding.observed.en}\n(And ${more} more time${
          more === 1 ? "" : "s"
        }.)`,
        ko: `${finding.observed.ko}\n(그 밖에 ${more}번 더.)`,
      };
    }
    delete finding.more;
  }
  if (untracedRuns > 0 && !findings.has("crashed")) {
    const title = Deno.build.os === "linux"
      ? both(
        "no child crashed (without a trace a child's end shows only while it is a zombie, not once its parent has collected it or ended)",
        "비정상 종료한 자식이 없다 (추적 없이는 자식이 어떻게 끝났는지 좀비인 동안만 보이고, 부모가 회수하거나 종료한 뒤에는 보이지 않는다)",
      )
      : both(
        "no child crashed (without a trace only the program's own end shows how it ended)",
        "비정상 종료한 자식이 없다 (추적 없이는 프로그램 자신이 어떻게 끝났는지만 보인다)",
      );
    unchecked.set(tr2(title), { title, reason: options.untraced });
  }
  const list = [...findings.values()].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === "fail" ? -1 : 1
  );
  const verdict = list.some((f) => f.severity === "fail")
    ? "fail"
    : list.length > 0
    ? "warn"
    : "pass";
  return {
    program: scenario.program,
    command: options.command,
    verdict,
    findings: list,
    checks,
    unchecked: [...unchecked.values()],
    runs,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    cap,
    strace: options.strace,
    output,
  };
}

/** The findings any run may have: the cap reached, a crash. */
function engineFindings(
  ctx: RunContext,
  trace: Trace | null,
  pending: { id: string; outcome: Outcome }[],
): void {
  const { session } = ctx;
  const refused = session.cap.refused() ?? 0;
  const failedForks =
    trace?.calls.filter((c) =>
      ["fork", "vfork", "clone"].includes(c.name) && c.errno === "EAGAIN"
    ).length ?? 0;
  if (session.capHit || refused > 0 || failedForks > 0) {
    const hit = session.capHit;
    const text = hit
      ? both(
        `At ${
          at(hit.t)
        } the program had ${hit.processes} processes, past the cap (${session.cap.describe.en}); tcpip killed them all.`,
        `${
          at(hit.t)
        }에 프로그램의 프로세스가 ${hit.processes}개로 상한(${session.cap.describe.ko})을 넘어 tcpip가 모두 끝냈다.`,
      )
      : both(
        `The kernel refused ${Math.max(refused, failedForks)} fork() call${
          Math.max(refused, failedForks) === 1 ? "" : "s"
        } at the cap (${session.cap.describe.en}).`,
        `커널이 상한(${session.cap.describe.ko})에서 fork() 호출 ${
          Math.max(refused, failedForks)
        }번을 거부했다.`,
      );
    pending.push({
      id: "process-cap",
      outcome: { name: "cap", observed: text },
    });
    ctx.raised.add("process-cap");
  }
  const crashed = (observed: Text) => {
    ctx.raised.add("crashed");
    pending.push({ id: "crashed", outcome: { name: "crashed", observed } });
  };
  if (trace) {
    const ended = [...trace.processes.values()].find((p) =>
      p.end?.signal && CRASH_SIGNALS.includes(p.end.signal)
    );
    if (ended) {
      const { signal, t } = ended.end!;
      crashed(both(
        `Process ${ended.pid} was killed by ${signal} at ${at(t)}.`,
        `프로세스 ${ended.pid}이(가) ${at(t)}에 ${signal}로 종료했다.`,
      ));
    }
    return;
  }
  const ended = session.ended();
  // Without a trace a child's end shows only while it is a zombie: its
  // status, in the process table until its parent collects it.
  const zombie = [...session.procs.records.values()].find((r) =>
    r.killedBy && CRASH_SIGNALS.includes(r.killedBy)
  );
  if (ended?.signal && CRASH_SIGNALS.includes(ended.signal)) {
    crashed(both(
      `The program was killed by ${ended.signal} at ${at(ended.t)}.`,
      `프로그램이 ${at(ended.t)}에 ${ended.signal}로 종료했다.`,
    ));
  } else if (zombie) {
    const t = at(zombie.zombieAt!);
    crashed(both(
      `Process ${zombie.pid} was killed by ${zombie.killedBy}: it was a zombie with that status at ${t}.`,
      `프로세스 ${zombie.pid}이(가) ${zombie.killedBy}로 종료했다: ${t}에 그 상태의 좀비였다.`,
    ));
  }
}

/** An outcome's observation as far as it is known now (the live trace). */
function observedNow(outcome: Outcome, session: Session): Text {
  return typeof outcome.observed === "function"
    ? outcome.observed(session.trace)
    : outcome.observed;
}

function tr2(text: Text): string {
  return text.en;
}

/** The runs of a scenario, for the listing. */
export function runTitles(plans: readonly RunPlan[]): Text[] {
  return plans.map((p) => p.title);
}
