/**
 * What `tcpip check` prints: each check as it runs (a mark and a title; a
 * progress line while it waits, rewritten in place on a terminal, a plain
 * line elsewhere), the program's own lines as they come, then the findings
 * (observed, the book, why, where to look) and the verdict. `--json`
 * prints one JSON object instead, in the language chosen.
 *
 * @module
 */

import { type Text, tr } from "../text.ts";
import type { CheckLine, Finding, Progress, Report } from "./engine.ts";
import { displayWidth, wrap } from "../width.ts";
import { both } from "./words.ts";

/** The report's width, as the rest of the tool's. */
const WIDTH = 80;

const MARKS: Record<CheckLine["result"], string> = {
  ok: "ok  ",
  fail: "FAIL",
  warn: "warn",
  info: " -- ",
  skipped: "skip",
};

/** Writes text to standard output at once. */
function write(text: string): void {
  const bytes = new TextEncoder().encode(text);
  let done = 0;
  while (done < bytes.length) {
    done += Deno.stdout.writeSync(bytes.subarray(done));
  }
}

/** How many lines of the program's output each run shows as it runs. */
const OUTPUT_LINES = 200;

/** The progress of a check, on standard output, for a person. */
export class TextProgress implements Progress {
  #tty = Deno.stdout.isTerminal();
  #waiting: { title: Text; since: number; seconds: number } | null = null;
  #timer?: ReturnType<typeof setInterval>;
  #shown = false;
  #lines = 0;

  /** A run of the program begins: its number, its title and its command. */
  run(index: number, total: number, title: Text, command: string[]): void {
    this.#clear();
    this.#lines = 0;
    const head = wrap(
      `${tr(both("run", "실행"))} ${index}/${total}: ${tr(title)}`,
      WIDTH - 2,
    ).map((line, i) => i === 0 ? line : `  ${line}`);
    write(
      `\n${head.join("\n")}\n  $ ${command.map(shellWord).join(" ")}\n`,
    );
  }

  /** The cap on the processes the program may start, as applied. */
  cap(text: Text): void {
    this.#clear();
    const lines = wrap(
      `${tr(both("process cap", "프로세스 상한"))}: ${tr(text)}`,
      WIDTH - 4,
    );
    write(
      lines.map((line, i) => (i === 0 ? "  " : "    ") + line).join("\n") +
        "\n",
    );
  }

  /** A step begins; a progress line follows while it waits a second or more. */
  step(title: Text, seconds: number): void {
    this.#clear();
    this.#waiting = { title, since: performance.now(), seconds };
    this.#shown = false;
    if (seconds < 1) return;
    this.#timer = setInterval(() => this.#tick(), this.#tty ? 250 : 1000);
    if (this.#tty) this.#tick();
  }

  #tick(): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    const elapsed = (performance.now() - waiting.since) / 1000;
    if (this.#tty) {
      write(
        `\r\x1b[K  ..   ${tr(waiting.title)} (${
          elapsed.toFixed(1)
        } s / ${waiting.seconds} s)`,
      );
      this.#shown = true;
    } else if (!this.#shown) {
      // Once, and only for a wait that lasts: a plain line, no cursor tricks.
      write(
        `  ..   ${tr(waiting.title)}: ${
          tr(
            both(
              `waiting up to ${waiting.seconds} s`,
              `최대 ${waiting.seconds}초 기다리는 중`,
            ),
          )
        }\n`,
      );
      this.#shown = true;
    }
  }

  #clear(): void {
    clearInterval(this.#timer);
    if (this.#tty && this.#shown) write("\r\x1b[K");
    this.#shown = false;
  }

  /** A check is done: its mark, title and detail. */
  done(line: CheckLine): void {
    this.#clear();
    this.#waiting = null;
    const detail = line.detail ? ` (${tr(line.detail)})` : "";
    const lines = wrap(`${tr(line.title)}${detail}`, WIDTH - 7);
    write(
      lines.map((text, i) =>
        `${i === 0 ? `  ${MARKS[line.result]} ` : "       "}${text}`
      )
        .join("\n") + "\n",
    );
  }

  /** A line the program printed (`err`: on standard error). */
  output(text: string, err: boolean): void {
    // The first lines of each run; a program that prints in a loop without
    // end would bury the checks.
    if (++this.#lines > OUTPUT_LINES) {
      if (this.#lines > OUTPUT_LINES + 1) return;
      text = tr(both(
        `... (tcpip shows the first ${OUTPUT_LINES} lines of each run)`,
        `... (tcpip는 실행마다 처음 ${OUTPUT_LINES}줄만 보여 준다)`,
      ));
    }
    const waiting = this.#waiting;
    const shown = this.#shown;
    if (this.#tty && shown) write("\r\x1b[K");
    write(`       ${err ? "!" : "|"} ${text}\n`);
    if (this.#tty && shown && waiting) this.#tick();
  }

  /** Stops the progress line's timer. */
  close(): void {
    this.#clear();
  }
}

/** Progress that says nothing (for `--json`). */
export const silentProgress: Progress = {
  run() {},
  cap() {},
  step() {},
  done() {},
  output() {},
};

/** The findings and the verdict, after the runs. */
export function renderReport(report: Report): string {
  const out: string[] = [""];
  if (report.findings.length > 0) {
    out.push(tr(both("findings:", "발견한 것:")));
    for (const finding of report.findings) {
      out.push(...renderFinding(finding, report.runs));
    }
  }
  if (report.unchecked.length > 0) {
    out.push(tr(both("not checked here:", "여기서 확인하지 못한 것:")));
    for (const item of report.unchecked) {
      out.push(
        ...wrap(`${tr(item.title)}: ${tr(item.reason)}`, WIDTH - 4).map((
          line,
          i,
        ) => (i === 0 ? "  - " : "    ") + line),
      );
    }
    out.push("");
  }
  const fails = report.findings.filter((f) => f.severity === "fail").length;
  const warns = report.findings.length - fails;
  const verdict = {
    pass: both(
      "PASS: behaves as the book's program",
      "통과: 책의 프로그램처럼 동작한다",
    ),
    warn: both("PASS with warnings", "통과 (경고 있음)"),
    fail: both("FAIL", "실패"),
  }[report.verdict];
  out.push(
    `${tr(verdict)} (${fails} ${tr(both("failed", "실패"))}, ${warns} ${
      tr(both(warns === 1 ? "warning" : "warnings", "경고"))
    }; ${report.runs}${
      tr(both(report.runs === 1 ? " run" : " runs", "번 실행"))
    }, ${report.seconds} s)`,
  );
  return out.join("\n");
}

function renderFinding(finding: Finding, runs: number): string[] {
  const label = finding.severity === "fail" ? "FAIL" : "warn";
  const where = runs > 1
    ? tr(
      both(
        ` (run ${finding.runs.join(", ")})`,
        ` (${finding.runs.join(", ")}번째 실행)`,
      ),
    )
    : "";
  return [
    ...wrap(`${finding.id}: ${tr(finding.title)}${where}`, WIDTH - 7).map((
      line,
      i,
    ) => (i === 0 ? `  ${label} ` : "       ") + line),
    ...field(tr(both("observed", "관찰")), tr(finding.observed)),
    ...field(tr(both("book", "책")), tr(finding.book)),
    ...field(tr(both("why", "이유")), tr(finding.why)),
    ...field(tr(both("see", "참고")), tr(finding.see)),
    "",
  ];
}

/** `    name:     text`, wrapped under itself within 80 columns. */
function field(name: string, text: string): string[] {
  const label = `    ${name}:`;
  const head = label + " ".repeat(Math.max(1, 14 - displayWidth(label)));
  const indent = " ".repeat(displayWidth(head));
  return wrap(text, WIDTH - indent.length).map((line, i) =>
    (i === 0 ? head : indent) + line
  );
}

/** The report as one JSON object, texts in the language in use. */
export function reportJson(report: Report): string {
  return JSON.stringify({
    program: report.program,
    command: report.command,
    verdict: report.verdict,
    findings: report.findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      title: tr(f.title),
      observed: tr(f.observed),
      book: tr(f.book),
      why: tr(f.why),
      see: tr(f.see),
      runs: f.runs,
    })),
    checks: report.checks.map((c) => ({
      run: c.run,
      title: tr(c.title),
      result: c.result,
      ...(c.detail ? { detail: tr(c.detail) } : {}),
    })),
    unchecked: report.unchecked.map((u) => ({
      title: tr(u.title),
      reason: tr(u.reason),
    })),
    runs: report.runs,
    seconds: report.seconds,
    cap: tr(report.cap),
    strace: report.strace,
    platform: Deno.build.os,
    output: report.output,
  });
}

/** A word as a shell would need it written. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word)
    ? word
    : `'${word.replaceAll("'", `'\\''`)}'`;
}
