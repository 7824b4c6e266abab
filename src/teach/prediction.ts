/**
 * What a prediction is, and the helpers the prediction files
 * (`predictions/<file>.ts`, one per program, as `explanations/`) use to
 * read a run and say what it showed. Every observation is parsed from what
 * the run printed; a run that did not show something yields no observation
 * rather than an assumed one.
 *
 * @module
 */

import { deadline } from "@std/async";
import type { Text } from "../text.ts";
import type { Observed, OutLine, Scenario } from "./predict_run.ts";

/** A value a run can show: a count, a list of numbers, yes or no, a choice's key. */
export type Value = number | readonly number[] | boolean | string;

/** Something a run showed (or the book's code gives), and how to say it. */
export interface Seen {
  /** The value, compared with the prediction. */
  value: Value;
  /** The value as the learner reads it. */
  shown: Text;
}

/** One option of a multiple-choice prediction. */
export interface Option {
  /** What the run's observation names it by. */
  key: string;
  /** Its text. */
  text: Text;
}

/** How a prediction is answered. */
export type Kind = "number" | "numbers" | "choice" | "yesno";

/** One question asked before the run, and how the run answers it. */
export interface Prediction {
  /** A stable name, e.g. `waitpid.lines`. */
  id: string;
  /** How it is answered. */
  kind: Kind;
  /** The question. */
  ask: Text;
  /** The options of a `choice`, in the order shown. */
  options?: readonly Option[];
  /** How many numbers a `numbers` answer has. */
  count?: number;
  /** How far a `number` may be from what the run showed and still be right. */
  tolerance?: (value: number) => number;
  /** What the run showed, or `null` when it did not show it. */
  observe(run: Observed): Seen | null;
  /** What the book's code gives with the values this run uses. */
  expected?: Seen;
  /** Why the run showed what it did. */
  explain(seen: Seen): Text;
}

/** The choices a seed made for one session. */
export interface Setup {
  /** The `--speed` of the run (1 for programs that do not sleep). */
  speed: number;
  /** The program's numeric options in effect: the book's, or a seed's pick. */
  params: Readonly<Record<string, number>>;
  /** The variant run, e.g. `race`; `""` for the book's program. */
  variant: string;
  /** How big the run's scenario is (clients, lines), as the seed picked it; 0 for none. */
  size: number;
}

/** A variant of a program: another way to run it, with its own arguments. */
export interface Variant {
  /** Its name (`""` for the book's program). */
  name: string;
  /** The arguments that select it. */
  args: readonly string[];
}

/** Everything `predict` knows about one program. */
export interface ProgramPredictions {
  /** The speeds a seed picks from; empty for a program that does not sleep. */
  speeds: readonly number[];
  /**
   * The values a seed picks from, by the name of the catalog's option that
   * sets them (`--gval N`); the option's default is the book's value.
   */
  choices?: Readonly<Record<string, readonly number[]>>;
  /** Variants a seed picks from; the book's program only when absent. */
  variants?: readonly Variant[];
  /** Sizes of the scenario a seed picks from (clients, lines, answers). */
  sizes?: readonly number[];
  /**
   * How the run goes besides its arguments: what it reads, and a script
   * that drives it (clients for a server, Ctrl+C for a handler). Made
   * anew for each run (a free port, a temporary file).
   */
  scenario?(setup: Setup): Scenario;
  /** One line on what will run. */
  intro(setup: Setup): Text;
  /** Every question it may ask; a seed picks some of them. */
  pool(setup: Setup): Prediction[];
}

// Reading a run.

/** How many standard output lines match `pattern`. */
export function count(run: Observed, pattern: RegExp): number {
  return run.out.filter((line) => pattern.test(line.text)).length;
}

/** The first standard output line that matches `pattern`. */
export function first(
  run: Observed,
  pattern: RegExp,
): OutLine | undefined {
  return run.out.find((line) => pattern.test(line.text));
}

/** The last standard output line that matches `pattern`. */
export function last(
  run: Observed,
  pattern: RegExp,
): OutLine | undefined {
  return run.out.findLast((line) => pattern.test(line.text));
}

/** Milliseconds from the first line matching `from` to the last matching `to`. */
export function span(run: Observed, from: RegExp, to: RegExp): number | null {
  const start = first(run, from);
  const end = last(run, to);
  return start && end && end.at >= start.at ? end.at - start.at : null;
}

// Saying what was seen.

/** Text that reads the same in both languages (a number, a C line). */
export function plain(text: string): Text {
  return { en: text, ko: text };
}

/** A count or another number the run showed. */
export function number(value: number): Seen {
  return { value, shown: plain(String(value)) };
}

/** Several numbers the run showed, in order. */
export function numbers(values: readonly number[]): Seen {
  return { value: values, shown: plain(values.join(", ")) };
}

/** Yes or no, as the run showed it. */
export function yesNo(value: boolean): Seen {
  return {
    value,
    shown: value ? { en: "yes", ko: "예" } : { en: "no", ko: "아니요" },
  };
}

/** Seconds with as many decimals as they need to say something. */
export function decimal(seconds: number): string {
  const digits = seconds < 1 ? 2 : seconds < 10 ? 1 : 0;
  return seconds.toFixed(digits);
}

/** A duration in seconds, said as about so long. */
export function duration(seconds: number): Seen {
  return {
    value: seconds,
    shown: {
      en: `about ${decimal(seconds)} s`,
      ko: `약 ${decimal(seconds)}초`,
    },
  };
}

/** The option of `options` whose key is `key`. */
export function choice(options: readonly Option[], key: string): Seen {
  const option = options.find((o) => o.key === key)!;
  return { value: key, shown: option.text };
}

/** A duration may be off by a fifth, or by `floor` seconds when that is more. */
export function within(floor: number): (value: number) => number {
  return (value) => Math.max(floor, value * 0.2);
}

/** `Child send one: 3 ` and friends: the number at the end of a line. */
export function trailingNumber(text: string): number {
  return Number(text.match(/(-?\d+)\s*$/)![1]);
}

/** Counts the lines printed on standard output. */
export function linesPrediction(
  id: string,
  expected: number,
  why: Text,
): Prediction {
  return {
    id,
    kind: "number",
    ask: {
      en: "How many lines will the program print on standard output?",
      ko: "프로그램은 표준 출력에 몇 줄을 출력할까?",
    },
    observe: (run) => number(run.out.length),
    expected: number(expected),
    explain: () => why,
  };
}

// What pipe2 and pipe3 print.

/** Who may read a message sent through pipe2's or pipe3's pipes. */
export const READERS: readonly Option[] = [
  { key: "parent", text: { en: "the parent", ko: "부모 프로세스" } },
  {
    key: "child",
    text: {
      en: "the child, which wrote it",
      ko: "그 데이터를 쓴 자식 프로세스",
    },
  },
  { key: "nobody", text: { en: "neither of them", ko: "아무도 읽지 못한다" } },
];

/** Who read `Who are you?`, from the line that printed it. */
export function reader(run: Observed): Seen {
  if (first(run, /^Parent proc output: Who are you\?/)) {
    return choice(READERS, "parent");
  }
  if (first(run, /^Child proc output: Who are you\?/)) {
    return choice(READERS, "child");
  }
  return choice(READERS, "nobody");
}

/** What the child of pipe2 or pipe3 may print. */
export const CHILD_LINES: readonly Option[] = [
  {
    key: "thanks",
    text: plain("Child proc output: Thank you for your message"),
  },
  { key: "who", text: plain("Child proc output: Who are you?") },
  { key: "nothing", text: { en: "nothing", ko: "아무것도 출력하지 않는다" } },
];

/** What the child printed, from its line. */
export function childLine(run: Observed): Seen {
  if (first(run, /^Child proc output: Thank you for your message/)) {
    return choice(CHILD_LINES, "thanks");
  }
  if (first(run, /^Child proc output: Who are you\?/)) {
    return choice(CHILD_LINES, "who");
  }
  return choice(CHILD_LINES, "nothing");
}

// Scenarios: clients and servers the predict process plays itself.

/** How long a scenario's network step may take before the run gives up. */
const NETWORK_LIMIT_MS = 10_000;

/** A loopback port nobody listens on now (the OS picks it). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/** Connects to `port` on the loopback, giving up after a while. */
export function dial(port: number): Promise<Deno.TcpConn> {
  return deadline(
    Deno.connect({ hostname: "127.0.0.1", port }),
    NETWORK_LIMIT_MS,
  );
}

/** Reads from `conn` until `size` bytes have come (fewer at end of file). */
export async function receive(
  conn: Deno.Conn,
  size: number,
): Promise<Uint8Array> {
  const buf = new Uint8Array(size);
  let got = 0;
  while (got < size) {
    const n = await deadline(conn.read(buf.subarray(got)), NETWORK_LIMIT_MS);
    if (n === null) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** The standard error line where a server says it listens on `port`. */
export function listening(port: number): RegExp {
  return new RegExp(`127\\.0\\.0\\.1:${port}\\b`);
}
