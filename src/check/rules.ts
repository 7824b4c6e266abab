/**
 * The rules checked once a run is over, one function per `rule` of a
 * scenario: the lines printed against the book's, the processes made, who
 * printed what, and the messages that went through pipes (from the system
 * call trace: who wrote which bytes into which pipe, and who read them).
 *
 * @module
 */

import {
  ok,
  type Outcome,
  outcome,
  type Result,
  type RunContext,
} from "./context.ts";
import type { ForksRule, LineSpec, Rule } from "./scenario.ts";
import { cString, type Delivery, type Trace } from "./strace.ts";
import type { Text } from "../text.ts";
import { at, both, ms, quote } from "./words.ts";

type RuleOf<K extends Rule["rule"]> = Extract<Rule, { rule: K }>;

/** Checks one rule on a finished run (`trace` null when not traced). */
export function checkRule(
  rule: Rule,
  ctx: RunContext,
  trace: Trace | null,
): Result {
  const check = RULES[rule.rule] as unknown as (
    r: Rule,
    c: RunContext,
    t: Trace | null,
  ) => Result;
  return check(rule, ctx, trace);
}

/** The program's children in the order they were made: the trace's, or what /proc showed. */
export function childPids(ctx: RunContext, trace: Trace | null): number[] {
  if (trace?.root) {
    return trace.programChildrenOf(trace.root).map((p) => p.pid);
  }
  const root = ctx.session.root();
  return root === null
    ? []
    : ctx.session.procs.childrenOf(root).map((r) => r.pid);
}

/**
 * The children of the process that connected, made after its `connect()`
 * and running the same program: the split of the book's client, not a
 * wrapper's or a helper's process.
 */
function forksAfterConnect(
  rule: ForksRule,
  ctx: RunContext,
  trace: Trace | null,
): Result {
  if (!trace) return { outcomes: [], skipped: ctx.untraced };
  const connect = trace.calls.find((c) =>
    c.name === "connect" && c.value === 0
  );
  if (!connect) {
    return {
      outcomes: [],
      skipped: both("no connect() in the trace", "추적에 connect()가 없다"),
    };
  }
  const children = trace.childrenOf(connect.pid)
    .filter((p) => p.forkedAt >= connect.t && p.exec.length === 0)
    .map((p) => p.pid);
  if (children.length === rule.count) {
    return ok(both(children.join(", "), children.join(", ")));
  }
  return outcome(
    children.length === 0 ? "none" : "other",
    both(
      `The process that connected (${connect.pid}) made ${children.length} child process${
        children.length === 1 ? "" : "es"
      } after connect()${
        children.length ? `: ${children.join(", ")}` : ""
      }, not ${rule.count}.`,
      `연결한 프로세스(${connect.pid})가 connect() 뒤에 만든 자식 프로세스는 ${children.length}개${
        children.length ? ` (${children.join(", ")})` : ""
      }이며 ${rule.count}개가 아니다.`,
    ),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A line spec as a regular expression, the children's pids put in. */
function specPattern(
  spec: LineSpec,
  children: number[],
  trim: boolean,
): RegExp {
  let text = escape(trim ? spec.text.trimEnd() : spec.text);
  const pid = (n: number | undefined) => n === undefined ? "\\d+" : String(n);
  text = text.replaceAll("<child1>", pid(children[0]));
  text = text.replaceAll("<child2>", pid(children[1]));
  text = text.replaceAll("<n>", "-?\\d+");
  text = text.replaceAll(
    "<child>",
    children.length ? `(?:${children.join("|")})` : "\\d+",
  );
  return new RegExp(`^${text}$`);
}

/** Matches lines against specs; the lines left over and the specs short of their count. */
function matchLines(
  lines: string[],
  specs: LineSpec[],
  order: "sequence" | "any",
  children: number[],
  trim: boolean,
): { unexpected: string[]; missing: LineSpec[]; counts: number[] } {
  const patterns = specs.map((s) => specPattern(s, children, trim));
  const texts = trim ? lines.map((l) => l.trimEnd()) : lines;
  const min = (s: LineSpec) => s.min ?? 1;
  const max = (s: LineSpec) => s.max ?? Math.max(1, s.min ?? 1);
  const counts = specs.map(() => 0);
  const unexpected: string[] = [];
  if (order === "any") {
    for (const [i, text] of texts.entries()) {
      const k = patterns.findIndex((p, j) =>
        counts[j] < max(specs[j]) && p.test(text)
      );
      if (k < 0) unexpected.push(lines[i]);
      else counts[k]++;
    }
  } else {
    let k = 0;
    for (const [i, text] of texts.entries()) {
      while (k < specs.length && counts[k] >= max(specs[k])) k++;
      if (k < specs.length && patterns[k].test(text)) {
        counts[k]++;
        continue;
      }
      // A later line of the book's: the ones between are missing (or done).
      const later = patterns.findIndex((p, j) => j > k && p.test(text));
      if (later >= 0) {
        k = later;
        counts[k]++;
      } else unexpected.push(lines[i]);
    }
  }
  return {
    unexpected,
    missing: specs.filter((s, j) => counts[j] < min(s)),
    counts,
  };
}

/**
 * The lines with each one cut by another put back together: a line that is
 * two known lines run into each other (`wait...Removed proc id: 12 `) is
 * split, and the empty line its own newline made later is dropped; with
 * `cutShort` (tcpip ended the program) that newline may never have come.
 * Null when no line is so cut.
 */
function mend(
  lines: string[],
  patterns: RegExp[],
  cutShort: boolean,
): { lines: string[]; cut: string[] } | null {
  // The book's programs print a few dozen lines; a loop that prints without
  // end is no mix of them, and its lines are not tried.
  if (lines.length > 1000) return null;
  const known = (text: string) => patterns.some((p) => p.test(text));
  const out = [...lines];
  const cut: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const line = out[i];
    if (known(line)) continue;
    let at = 1;
    while (
      at < line.length && !(known(line.slice(0, at)) && known(line.slice(at)))
    ) at++;
    const orphan = out.findIndex((text, j) => j > i && text === "");
    if (at >= line.length || (orphan < 0 && !cutShort)) continue;
    if (orphan >= 0) out.splice(orphan, 1);
    out.splice(i, 1, line.slice(0, at), line.slice(at));
    cut.push(line);
    i++;
  }
  return cut.length > 0 ? { lines: out, cut } : null;
}

/** A delivery's bytes as text (NULs and all). */
function textOf(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Deliveries that carry a message (letters), not a 1-byte handshake. */
function messages(trace: Trace): Delivery[] {
  return trace.deliveries().filter((d) => /[A-Za-z]/.test(textOf(d.bytes)));
}

/**
 * Why a pipe no other process could read: the process that wrote into it
 * made it after fork(), so it is in that process's table alone.
 */
function ownPipe(
  trace: Trace,
  pipe: string | undefined,
  writer: number | undefined,
): Text {
  const made = trace.pipes().find((p) => p.name === pipe);
  if (!made || writer === undefined) return both("", "");
  const forked = trace.programChildrenOf(trace.root ?? 0);
  const late = made.by === writer && writer !== trace.root
    ? true
    : made.by === trace.root && forked.some((c) => c.forkedAt <= made.t);
  if (!late) return both("", "");
  return both(
    ` That pipe was made by ${who(trace, made.by).en} itself at ${
      at(made.t)
    }, after fork(): no other process holds it (the trace shows ${trace.pipes().length} pipe() calls).`,
    ` ${pipe}는 ${who(trace, made.by).ko}이(가) fork() 뒤인 ${
      at(made.t)
    }에 직접 만든 것이라 다른 프로세스에는 없다 (추적 기록의 pipe() 호출: ${trace.pipes().length}번).`,
  );
}

/** A sentence's first word: `The parent 12`. */
function upper(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function role(trace: Trace, pid: number): "parent" | "child" {
  return pid === trace.root ? "parent" : "child";
}

function who(trace: Trace, pid: number): Text {
  return pid === trace.root
    ? both(`the parent ${pid}`, `부모 ${pid}`)
    : both(`the child ${pid}`, `자식 ${pid}`);
}

const RULES: {
  [K in Rule["rule"]]: (r: RuleOf<K>, c: RunContext, t: Trace | null) => Result;
} = {
  lines(rule, ctx, trace) {
    const printed = ctx.session.out.lines.map((l) => l.text);
    if (ctx.session.out.partial !== "") printed.push(ctx.session.out.partial);
    const children = childPids(ctx, trace);
    const sets = [rule.expect, ...(rule.alternatives ?? [])];
    const fits = (trim: boolean, lines = printed) =>
      sets.some((set) => {
        const m = matchLines(lines, set, rule.order, children, trim);
        return m.unexpected.length === 0 && m.missing.length === 0;
      });
    if (fits(false)) {
      return ok(both(`${printed.length} lines`, `${printed.length}줄`));
    }
    // Two processes printing at once: a line written in pieces (Python's
    // print() writes the text, then its newline) runs into the other's on
    // the terminal. The trace tells each process's own lines apart; if
    // those are the book's, the program is, and the mix is only said.
    const own = trace?.printedLines(ctx.session.terminal) ?? [];
    const mixed = printed.filter((line) => !own.some((o) => o.line === line));
    if (
      mixed.length > 0 && new Set(own.map((o) => o.pid)).size > 1 &&
      fits(false, own.map((o) => o.line))
    ) {
      const list = mixed.filter((x) => x !== "").map((x) => quote(x, 100))
        .join(", ");
      return outcome(
        "interleaved",
        both(
          `Each process printed the book's lines, but on the terminal they ran into each other: ${list}. A line written with more than one write() (Python's print() writes the newline apart) can be cut by another process's line; C's printf() on a terminal writes a whole line at once.`,
          `각 프로세스는 책의 줄을 출력했지만 터미널에서는 서로 섞였다: ${list}. 한 줄을 write() 여러 번으로 쓰면(파이썬의 print()는 줄바꿈을 따로 쓴다) 다른 프로세스의 줄이 그 사이에 끼어들 수 있다. 터미널에서 C의 printf()는 한 줄을 한 번에 쓴다.`,
        ),
      );
    }
    // A line cut by another printed between its text and its newline (by
    // a signal handler of the same process, or another process): put back
    // together, the lines are the book's, and the mix is only said.
    const mended = mend(
      printed,
      sets.flat().map((spec) => specPattern(spec, children, false)),
      ctx.session.endingAt !== null,
    );
    if (mended && fits(false, mended.lines)) {
      const list = mended.cut.map((x) => quote(x, 100)).join(", ");
      return outcome(
        "interleaved",
        both(
          `The book's lines, but one was cut by another printed between its text and its newline: ${list}. Python's print() writes a line's text and its newline apart, and a signal handler that prints, or another process, can come between them; C's printf() on a terminal writes a whole line at once.`,
          `책의 줄이지만, 한 줄의 글자와 줄바꿈 사이에 다른 줄이 끼어들었다: ${list}. 파이썬의 print()는 글자와 줄바꿈을 따로 쓰므로 출력하는 시그널 핸들러나 다른 프로세스가 그 사이에 끼어들 수 있다. 터미널에서 C의 printf()는 한 줄을 한 번에 쓴다.`,
        ),
      );
    }
    const exact = matchLines(printed, rule.expect, rule.order, children, false);
    // What is missing, too often or foreign, whatever the order; the
    // order is said apart.
    const loose = matchLines(printed, rule.expect, "any", children, false);
    const name = fits(true) ? "spaces" : "differs";
    const show = (spec: LineSpec) => {
      const text = quote(
        spec.text.replaceAll("<child1>", String(children[0] ?? "<pid>"))
          .replaceAll("<child2>", String(children[1] ?? "<pid>"))
          .replaceAll("<child>", "<pid>"),
        100,
      );
      const min = spec.min ?? 1;
      const max = spec.max ?? Math.max(1, min);
      if (max <= 1) return text;
      const n = loose.counts[rule.expect.indexOf(spec)];
      return `${text} ${min === max ? min : `${min}-${max}`}x (${n}x)`;
    };
    // A loop that prints without end must not make a report of megabytes.
    const list = (xs: string[]) =>
      (xs.length > 12
        ? [...xs.slice(0, 6), `... (${xs.length - 12} more) ...`].map((x, i) =>
          i < 6 ? quote(x, 100) : x
        ).concat(xs.slice(-6).map((x) => quote(x, 100)))
        : xs.map((x) => quote(x, 100))).join(", ");
    // Every line the book's, only not in its order: say that, rather than
    // call one line both missing and not the book's.
    if (
      rule.order === "sequence" &&
      sets.some((set) => {
        const m = matchLines(printed, set, "any", children, false);
        return m.unexpected.length === 0 && m.missing.length === 0;
      })
    ) {
      const book = rule.expect.map(show).join(", ");
      return outcome(
        rule.outcomes?.order ? "order" : "differs",
        both(
          `The program printed the book's lines, but not in the book's order: ${
            list(printed)
          }. The book's order: ${book}.`,
          `프로그램이 책의 줄을 출력했지만 순서가 책과 다르다: ${
            list(printed)
          }. 책의 순서: ${book}.`,
        ),
      );
    }
    const missing = loose.missing.map(show).join(", ");
    const patterns = rule.expect.map((spec) =>
      specPattern(spec, children, false)
    );
    const isBooks = (line: string) => patterns.some((p) => p.test(line));
    const extra = new Map<string, number>();
    for (const line of loose.unexpected.filter(isBooks)) {
      extra.set(line, (extra.get(line) ?? 0) + 1);
    }
    const again = (more: (n: number) => string) =>
      [...extra].map(([line, n]) => `${quote(line, 100)} ${more(n)}`)
        .join(", ");
    const unexpected = list(loose.unexpected.filter((l) => !isBooks(l)));
    const outOfOrder = rule.order === "sequence" &&
      exact.missing.length + exact.unexpected.length >
        loose.missing.length + loose.unexpected.length;
    return outcome(
      name,
      both(
        `The program printed ${printed.length} line${
          printed.length === 1 ? "" : "s"
        }: ${list(printed) || "none"}.${
          missing ? ` Missing (the book's): ${missing}.` : ""
        }${
          extra.size
            ? ` The book's, but more often than the book: ${
              again((n) => `${n} more time${n === 1 ? "" : "s"}`)
            }.`
            : ""
        }${unexpected ? ` Not the book's: ${unexpected}.` : ""}${
          outOfOrder ? " Some lines are not in the book's order." : ""
        }`,
        `프로그램이 ${printed.length}줄을 출력했다: ${
          list(printed) || "없음"
        }.${missing ? ` 빠진 책의 줄: ${missing}.` : ""}${
          extra.size
            ? ` 책의 줄이지만 책보다 많이 출력했다: ${
              again((n) => `${n}번 더`)
            }.`
            : ""
        }${unexpected ? ` 책에 없는 줄: ${unexpected}.` : ""}${
          outOfOrder ? " 책의 순서와 다른 줄이 있다." : ""
        }`,
      ),
    );
  },

  forks(rule, ctx, trace) {
    if (rule.after === "connect") return forksAfterConnect(rule, ctx, trace);
    const children = childPids(ctx, trace);
    if (children.length === rule.count) {
      return ok(both(children.join(", "), children.join(", ")));
    }
    const root = trace?.root ?? ctx.session.root();
    const name = children.length === 0 ? "none" : "other";
    return outcome(
      name,
      both(
        `The program (${root}) made ${children.length} child process${
          children.length === 1 ? "" : "es"
        }${
          children.length ? `: ${children.join(", ")}` : ""
        }, not ${rule.count}.`,
        `프로그램(${root})이 만든 자식 프로세스는 ${children.length}개${
          children.length ? ` (${children.join(", ")})` : ""
        }이며 ${rule.count}개가 아니다.`,
      ),
    );
  },

  "printed-by"(rule, ctx, trace) {
    if (!trace) return { outcomes: [], skipped: ctx.untraced };
    const printed = trace.printedLines(ctx.session.terminal);
    const outcomes: Outcome[] = [];
    for (const want of rule.lines) {
      const pattern = new RegExp(`^(?:${want.match})$`);
      for (const line of printed.filter((p) => pattern.test(p.line))) {
        if (role(trace, line.pid) !== want.by) {
          const by = who(trace, line.pid);
          outcomes.push({
            name: "other",
            observed: both(
              `${quote(line.line)} was printed by ${by.en} at ${
                at(line.t)
              }; the book's ${want.by} prints it.`,
              `${quote(line.line)}를 ${
                at(line.t)
              }에 ${by.ko}이(가) 출력했다. 책에서는 ${
                want.by === "parent" ? "부모" : "자식"
              }가 출력한다.`,
            ),
          });
        }
      }
    }
    return { outcomes: outcomes.slice(0, 1) };
  },

  flows(rule, ctx, trace) {
    if (!trace) return { outcomes: [], skipped: ctx.untraced };
    const pipes = trace.pipes();
    if (pipes.length === 0) {
      return outcome(
        "no-pipe",
        both(
          "The program made no pipe (no pipe() call in the trace).",
          "프로그램이 파이프를 만들지 않았다 (추적 기록에 pipe() 호출이 없다).",
        ),
      );
    }
    const all = messages(trace);
    const outcomes: Outcome[] = [];
    const seen: string[] = [];
    for (const message of rule.messages) {
      const carrying = all.filter((d) =>
        textOf(d.bytes).includes(message.text)
      );
      // strace shows a string with a NUL in it ("Who are you?\0") in hex.
      const writes = trace.calls.filter((c) =>
        c.name === "write" && /pipe:/.test(c.args[0] ?? "") &&
        textOf(cString(c.args[1] ?? "")).includes(message.text)
      );
      if (carrying.length === 0) {
        const pipe = writes.length
          ? /<(pipe:\[\d+\])>/.exec(writes[0].args[0])?.[1]
          : undefined;
        const own = ownPipe(trace, pipe, writes[0]?.pid);
        outcomes.push({
          name: "lost",
          observed: writes.length
            ? both(
              `${quote(message.text)} was written into ${pipe} by ${
                who(trace, writes[0].pid).en
              } at ${at(writes[0].t)} and never read.${own.en}`,
              `${quote(message.text)}를 ${at(writes[0].t)}에 ${
                who(trace, writes[0].pid).ko
              }이(가) ${pipe}에 썼지만 아무도 읽지 않았다.${own.ko}`,
            )
            : both(
              `${quote(message.text)} never went through a pipe.`,
              `${quote(message.text)}는 파이프를 지나가지 않았다.`,
            ),
        });
        continue;
      }
      for (const d of carrying) {
        const line = both(
          `${quote(message.text)}: written into ${d.pipe} by ${
            who(trace, d.writer).en
          } at ${at(d.writtenAt)}, read by ${who(trace, d.reader).en} at ${
            at(d.readAt)
          }`,
          `${quote(message.text)}: ${at(d.writtenAt)}에 ${
            who(trace, d.writer).ko
          }이(가) ${d.pipe}에 쓰고 ${at(d.readAt)}에 ${
            who(trace, d.reader).ko
          }이(가) 읽음`,
        );
        seen.push(line.en);
        if (d.writer === d.reader) {
          outcomes.push({
            name: "own",
            observed: both(
              `${line.en}: the process read back its own message.`,
              `${line.ko}: 프로세스가 자기가 쓴 메시지를 다시 읽었다.`,
            ),
          });
        } else if (
          role(trace, d.writer) !== message.from ||
          role(trace, d.reader) !== message.to
        ) {
          outcomes.push({
            name: "reversed",
            observed: both(
              `${line.en}; the book's ${message.from} writes it and its ${message.to} reads it.`,
              `${line.ko}. 책에서는 ${
                message.from === "parent" ? "부모" : "자식"
              }가 쓰고 ${message.to === "parent" ? "부모" : "자식"}가 읽는다.`,
            ),
          });
        }
      }
    }
    if (outcomes.length > 0) return { outcomes: [outcomes[0]] };
    return ok(
      both(
        seen.length === 1
          ? "the message goes the book's way"
          : `each of the ${seen.length} messages goes the book's way`,
        `메시지가 책과 같이 오갔다`,
      ),
    );
  },

  "one-way"(_rule, ctx, trace) {
    if (!trace) return { outcomes: [], skipped: ctx.untraced };
    const byPipe = new Map<string, Delivery[]>();
    for (const d of messages(trace)) {
      if (d.writer === d.reader) continue;
      byPipe.set(d.pipe, [...(byPipe.get(d.pipe) ?? []), d]);
    }
    for (const [pipe, list] of byPipe) {
      const ways = new Set(list.map((d) => `${d.writer}>${d.reader}`));
      const back = list.find((d) => ways.has(`${d.reader}>${d.writer}`));
      if (back) {
        const forth = list.find((d) => d.writer === back.reader)!;
        return outcome(
          "both-ways",
          both(
            `${pipe} carried ${
              quote(forth.bytes, 40)
            } from ${forth.writer} to ${forth.reader} and ${
              quote(back.bytes, 40)
            } from ${back.writer} to ${back.reader}: one pipe, both ways.`,
            `${pipe} 하나로 ${
              quote(forth.bytes, 40)
            }가 ${forth.writer}에서 ${forth.reader}로, ${
              quote(back.bytes, 40)
            }가 ${back.writer}에서 ${back.reader}로 갔다: 파이프 하나를 양방향으로 썼다.`,
          ),
        );
      }
    }
    return ok(
      both(
        `${byPipe.size} pipe${byPipe.size === 1 ? "" : "s"}, one way each`,
        `파이프 ${byPipe.size}개, 각각 한 방향`,
      ),
    );
  },

  own(_rule, ctx, trace) {
    if (!trace) return { outcomes: [], skipped: ctx.untraced };
    const own = messages(trace).find((d) => d.writer === d.reader);
    if (!own) return ok();
    return outcome(
      "own",
      both(
        `${upper(who(trace, own.writer).en)} wrote ${
          quote(own.bytes, 60)
        } into ${own.pipe} at ${at(own.writtenAt)} and read it back itself at ${
          at(own.readAt)
        }.`,
        `${who(trace, own.writer).ko}이(가) ${
          at(own.writtenAt)
        }에 ${own.pipe}에 쓴 ${quote(own.bytes, 60)}를 ${
          at(own.readAt)
        }에 자기가 다시 읽었다.`,
      ),
    );
  },

  "read-after-write"(rule, ctx, trace) {
    if (!trace) return { outcomes: [], skipped: ctx.untraced };
    const deliveries = messages(trace);
    for (const write of trace.calls) {
      if (write.name !== "write" || (write.value ?? 0) <= 0) continue;
      const pipe = /<(pipe:\[\d+\])>/.exec(write.args[0] ?? "")?.[1];
      if (!pipe) continue;
      const read = trace.calls.find((c) =>
        c.pid === write.pid && c.name === "read" && c.t >= write.t &&
        (c.value ?? 0) > 0 && (c.args[0] ?? "").includes(`<${pipe}>`)
      );
      if (!read || read.t - write.t > rule.gap * 1000) continue;
      // It was waiting in read() when the other wrote (its read returned
      // with that write), not reading what was already there after a pause.
      const got = deliveries.find((d) =>
        d.reader === write.pid && d.readAt === read.t &&
        d.writer !== write.pid && Math.abs(d.readAt - d.writtenAt) < 100
      );
      if (!got) continue;
      const sent = cString(write.args[1] ?? "").subarray(0, write.value!);
      return outcome(
        "at-once",
        both(
          `${upper(who(trace, write.pid).en)} wrote ${
            quote(sent, 40)
          } into ${pipe} at ${at(write.t)} and read from the same pipe ${
            ms(read.t - write.t)
          } later (${at(read.t)}), with no pause between: it got ${
            quote(got.bytes, 40)
          } from ${
            who(trace, got.writer).en
          } only because that process was already waiting in read() and took its message first.`,
          `${who(trace, write.pid).ko}이(가) ${at(write.t)}에 ${pipe}에 ${
            quote(sent, 40)
          }를 쓰고 ${ms(read.t - write.t)} 뒤(${
            at(read.t)
          }) 쉬지 않고 같은 파이프를 읽었다. ${who(trace, got.writer).ko}의 ${
            quote(got.bytes, 40)
          }를 받은 것은 그 프로세스가 이미 read()에서 기다리다가 이 메시지를 먼저 가져갔기 때문일 뿐이다.`,
        ),
      );
    }
    return ok();
  },

  "received-printed"(_rule, ctx, trace) {
    if (!trace) return { outcomes: [], skipped: ctx.untraced };
    const printed = trace.printedLines(ctx.session.terminal);
    for (const d of messages(trace)) {
      if (d.writer === d.reader) continue;
      const text = textOf(d.bytes).replace(/\0+$/, "").replace(/\r?\n$/, "")
        .trim();
      if (text === "") continue;
      const shown = printed.some((p) =>
        p.pid === d.reader && p.line.includes(text)
      );
      if (!shown) {
        return outcome(
          "unprinted",
          both(
            `${upper(who(trace, d.reader).en)} read ${
              quote(d.bytes, 60)
            } from ${d.pipe} at ${at(d.readAt)} and printed no line with it.`,
            `${who(trace, d.reader).ko}이(가) ${at(d.readAt)}에 ${d.pipe}에서 ${
              quote(d.bytes, 60)
            }를 읽었지만 그것을 담은 줄을 출력하지 않았다.`,
          ),
        );
      }
    }
    return ok();
  },

  exchanges(rule, ctx, trace) {
    if (!trace) return { outcomes: [], skipped: ctx.untraced };
    // One message per write() that another process read.
    const writes = new Map<
      string,
      { from: "parent" | "child"; t: number; text: string }
    >();
    for (const d of messages(trace)) {
      if (d.writer === d.reader) continue;
      const key = `${d.writer}@${d.writtenAt}`;
      if (!writes.has(key)) {
        writes.set(key, {
          from: role(trace, d.writer),
          t: d.writtenAt,
          text: textOf(d.bytes),
        });
      }
    }
    const list = [...writes.values()].sort((a, b) => a.t - b.t);
    const fromParent = list.filter((m) => m.from === "parent").length;
    const fromChild = list.filter((m) => m.from === "child").length;
    const sequence = list.map((m) =>
      `${m.from === "parent" ? "P" : "C"}:${
        quote(m.text.replace(/\0+$/, ""), 30)
      }`
    ).join(" ");
    if (fromParent !== rule.each || fromChild !== rule.each) {
      return outcome(
        "count",
        both(
          `Writes into a pipe that the other process read: ${fromChild} from the child, ${fromParent} from the parent (what was read of each, P parent, C child: ${
            sequence || "none"
          }); the book's exercise exchanges ${rule.each} messages each way.`,
          `상대 프로세스가 읽은, 파이프에 쓴 횟수: 자식 ${fromChild}번, 부모 ${fromParent}번 (각각에서 읽힌 것, P 부모, C 자식: ${
            sequence || "없음"
          }). 문제는 각 방향 메시지 ${rule.each}개씩이다.`,
        ),
      );
    }
    const first = rule.first === "either" ? list[0].from : rule.first;
    const turns = list.every((m, i) =>
      m.from ===
        (i % 2 === 0 ? first : first === "parent" ? "child" : "parent")
    );
    const by = { en: first, ko: first === "child" ? "자식" : "부모" };
    if (!turns) {
      return outcome(
        "order",
        both(
          `The messages did not take turns, ${by.en} first: ${sequence}.`,
          `메시지가 ${by.ko}부터 번갈아 오가지 않았다: ${sequence}.`,
        ),
      );
    }
    return ok(
      both(
        `${rule.each} each way, in turns, the ${by.en} first`,
        `각 방향 ${rule.each}번, ${by.ko}부터 번갈아`,
      ),
    );
  },

  absent(rule, ctx) {
    const pattern = new RegExp(`^(?:${rule.match})$`);
    const line = ctx.session.out.lines.find((l) => pattern.test(l.text));
    if (!line) return ok();
    return outcome(
      "printed",
      both(
        `${quote(line.text)} was printed at ${at(line.t)}.`,
        `${at(line.t)}에 ${quote(line.text)}가 출력되었다.`,
      ),
    );
  },

  statuses(rule, ctx, trace) {
    if (!trace?.root) return { outcomes: [], skipped: ctx.untraced };
    const codes = trace.programChildrenOf(trace.root).map((p) => p.end?.code)
      .filter((c): c is number => c !== null && c !== undefined);
    const pattern = new RegExp(`^(?:${rule.match})$`);
    for (const line of ctx.session.out.lines) {
      const m = pattern.exec(line.text);
      if (m && !codes.includes(Number(m[1]))) {
        return outcome(
          "other",
          both(
            `${
              quote(line.text)
            } was printed, but the children's exit statuses were ${
              codes.join(" and ") || "unknown"
            }.`,
            `${quote(line.text)}가 출력되었지만 자식의 종료 상태는 ${
              codes.join(", ") || "알 수 없음"
            }이었다.`,
          ),
        );
      }
    }
    return ok(
      both(
        `the children returned ${codes.join(", ")}`,
        `자식의 반환값 ${codes.join(", ")}`,
      ),
    );
  },

  "shared-socket"(_rule, ctx, trace) {
    if (!trace?.root) return { outcomes: [], skipped: ctx.untraced };
    const root = trace.root;
    const sockets = trace.callsOf(root, "socket")
      .map((c) => ({ call: c, target: /<(socket:\[\d+\])>/.exec(c.ret)?.[1] }))
      .filter((s) => s.target);
    const children = trace.programChildrenOf(root);
    const before = sockets.filter((s) =>
      children.some((c) => c.forkedAt >= s.call.t)
    );
    if (before.length === 0) {
      return outcome(
        "no-socket",
        both(
          `The trace shows ${sockets.length} socket() call${
            sockets.length === 1 ? "" : "s"
          } by the parent and ${children.length} child${
            children.length === 1 ? "" : "ren"
          }; no socket was open when a child was made.`,
          `추적 기록: 부모의 socket() 호출 ${sockets.length}번, 자식 ${children.length}개. 자식을 만들 때 열린 소켓이 없었다.`,
        ),
      );
    }
    const uses = (pid: number, target: string) =>
      trace.calls.filter((c) =>
        c.pid === pid && c.args.some((a) => a.includes(`<${target}>`))
      );
    for (const { target } of before) {
      for (const child of children) {
        const childUses = uses(child.pid, target!);
        if (childUses.length === 0) continue;
        const parentClose = trace.calls.find((c) =>
          c.pid === root && c.name === "close" &&
          (c.args[0] ?? "").includes(`<${target}>`)
        );
        const later = parentClose && childUses.find((c) => c.t > parentClose.t);
        if (!later) {
          return outcome(
            "no-close",
            both(
              `${target} is in the parent ${root} and the child ${child.pid}, ${
                parentClose
                  ? `but the child used it no more after the parent's close() at ${
                    at(parentClose.t)
                  }`
                  : "but the parent never closed its descriptor"
              }.`,
              `${target}은(는) 부모 ${root}와 자식 ${child.pid} 모두에 있지만 ${
                parentClose
                  ? `부모가 ${
                    at(parentClose.t)
                  }에 close()한 뒤 자식이 더 쓰지 않았다`
                  : "부모가 자기 파일 디스크립터를 닫지 않았다"
              }.`,
            ),
          );
        }
        return ok(both(
          `${target}: the parent closed it at ${
            at(parentClose!.t)
          }, the child ${child.pid} still used it at ${
            at(later.t)
          } (${later.name})`,
          `${target}: 부모가 ${
            at(parentClose!.t)
          }에 닫은 뒤에도 자식 ${child.pid}이(가) ${
            at(later.t)
          }에 사용 (${later.name})`,
        ));
      }
    }
    return outcome(
      "not-shared",
      both(
        `The parent's socket ${
          before[0].target
        } was open at fork(), but no child's call used it.`,
        `fork() 때 부모의 소켓 ${
          before[0].target
        }이(가) 열려 있었지만 어떤 자식도 그것을 쓰지 않았다.`,
      ),
    );
  },

  "exit-code"(rule, ctx, trace) {
    const root = trace?.root ?? null;
    const end = root !== null ? trace?.processes.get(root)?.end : null;
    const code = end ? end.code : ctx.session.ended()?.code ?? null;
    if (code === null || code === undefined) {
      return {
        outcomes: [],
        skipped: both("the exit status is not known", "종료 상태를 알 수 없다"),
      };
    }
    if (code === rule.code) return ok(both(`status ${code}`, `상태 ${code}`));
    return outcome(
      "other",
      both(
        `The program ended with status ${code}, not ${rule.code}.`,
        `프로그램이 ${rule.code}이(가) 아닌 상태 ${code}로 종료했다.`,
      ),
    );
  },
};
