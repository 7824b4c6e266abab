/**
 * What `tcpip predict` asks about each program, how it reads the answer
 * from a real run, and how it explains it. Every observation is parsed
 * from what the run printed; a run that did not show something yields no
 * observation rather than an assumed one.
 *
 * Programs take no parameters yet besides `--speed` (and pipe2's
 * `--race`). Each program lists the book's values that a parameter would
 * change ({@linkcode Param}); once the catalog gives a program such an
 * option, the seed picks a value for it, the run gets it, and the expected
 * answers follow from it. Until then the book's values are used.
 *
 * @module
 */

import type { Text } from "../text.ts";
import type { Observed } from "./predict_run.ts";

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
  /** The values of the program's parameters in effect. */
  params: Readonly<Record<string, number>>;
  /** The variant run, e.g. `race`; `""` for the book's program. */
  variant: string;
}

/** A value of the book's program that a parameter could change. */
export interface Param {
  /** The option it would be (`--<name> N`), once the program has it. */
  name: string;
  /** The book's value. */
  book: number;
  /** The values a seed picks from, once the option exists. */
  choices: readonly number[];
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
  /** Values a parameter could change, with the book's values. */
  params: readonly Param[];
  /** Variants a seed picks from; the book's program only when absent. */
  variants?: readonly Variant[];
  /** One line on what will run. */
  intro(setup: Setup): Text;
  /** Every question it may ask; a seed picks some of them. */
  pool(setup: Setup): Prediction[];
}

// Reading a run.

function count(run: Observed, pattern: RegExp): number {
  return run.out.filter((line) => pattern.test(line.text)).length;
}

function first(run: Observed, pattern: RegExp) {
  return run.out.find((line) => pattern.test(line.text));
}

function last(run: Observed, pattern: RegExp) {
  return run.out.findLast((line) => pattern.test(line.text));
}

/** Milliseconds from the first line matching `from` to the last matching `to`. */
function span(run: Observed, from: RegExp, to: RegExp): number | null {
  const start = first(run, from);
  const end = last(run, to);
  return start && end && end.at >= start.at ? end.at - start.at : null;
}

// Saying what was seen.

/**
 * The Korean particle after the number `n` read aloud: 3 (삼) takes 을,
 * 2 (이) takes 를, 7 (칠) takes 로 rather than 으로. `pair` is the form
 * after a final consonant, then the one after a vowel (`을/를`, `으로/로`).
 */
export function josa(n: number, pair: string): string {
  const [closed, open] = pair.split("/");
  const whole = Math.abs(Math.trunc(n));
  // The last syllable read aloud: 영, 일 ... 구; 10, 20, 30 ... end in 십.
  const last = whole !== 0 && whole % 10 === 0
    ? "십"
    : "영일이삼사오육칠팔구"[whole % 10];
  const final = (last.charCodeAt(0) - 0xac00) % 28; // 0: none, 8: ㄹ
  if (final === 0 || (final === 8 && pair === "으로/로")) return open;
  return closed;
}

function plain(text: string): Text {
  return { en: text, ko: text };
}

function number(value: number): Seen {
  return { value, shown: plain(String(value)) };
}

/** The two numbers of fork.c's `Parent Proc: [gval, lval]` (or Child's) line. */
function procValues(run: Observed, who: "Parent" | "Child"): Seen | null {
  const line = first(run, new RegExp(`^${who} Proc: \\[-?\\d+, -?\\d+\\]`));
  const found = line?.text.match(/\[(-?\d+), (-?\d+)\]/);
  return found ? numbers([Number(found[1]), Number(found[2])]) : null;
}

function numbers(values: readonly number[]): Seen {
  return { value: values, shown: plain(values.join(", ")) };
}

function yesNo(value: boolean): Seen {
  return {
    value,
    shown: value ? { en: "yes", ko: "예" } : { en: "no", ko: "아니요" },
  };
}

function decimal(seconds: number): string {
  const digits = seconds < 1 ? 2 : seconds < 10 ? 1 : 0;
  return seconds.toFixed(digits);
}

function duration(seconds: number): Seen {
  return {
    value: seconds,
    shown: {
      en: `about ${decimal(seconds)} s`,
      ko: `약 ${decimal(seconds)}초`,
    },
  };
}

function choice(options: readonly Option[], key: string): Seen {
  const option = options.find((o) => o.key === key)!;
  return { value: key, shown: option.text };
}

/** A duration may be off by a fifth, or by `floor` seconds when that is more. */
function within(floor: number): (value: number) => number {
  return (value) => Math.max(floor, value * 0.2);
}

/** `Child send one: 3 ` and friends: the number at the end of a line. */
function trailingNumber(text: string): number {
  return Number(text.match(/(-?\d+)\s*$/)![1]);
}

/** Counts the lines printed on standard output. */
function linesPrediction(
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

// The programs.

const FORK: ProgramPredictions = {
  speeds: [],
  params: [
    { name: "gval", book: 10, choices: [10, 20, 30, 50] },
    { name: "lval", book: 20, choices: [20, 40, 60, 100] },
  ],
  intro: ({ params }) => ({
    en:
      `fork.c: gval starts at ${params.gval} and lval at ${params.lval}; the parent ` +
      "adds 1 and 5 before fork(), then each process changes its own copy.",
    ko:
      `fork.c: gval은 ${params.gval}, lval은 ${params.lval}에서 시작한다. 부모는 ` +
      "fork 호출 전에 각각 1과 5를 더하고, 그 뒤로는 각 프로세스가 자기 복사본을 바꾼다.",
  }),
  pool: ({ params: { gval, lval } }) => {
    const atFork = [gval + 1, lval + 5];
    const parent = [atFork[0] - 2, atFork[1] - 2];
    const child = [atFork[0] + 2, atFork[1] + 2];
    return [
      {
        id: "fork.parent",
        kind: "numbers",
        count: 2,
        ask: {
          en:
            "The parent prints `Parent Proc: [gval, lval]`. Which two numbers will it show?",
          ko:
            "부모는 `Parent Proc: [gval, lval]`을 출력한다. 어떤 두 수가 나올까?",
        },
        observe: (run) => procValues(run, "Parent"),
        expected: numbers(parent),
        explain: () => ({
          en:
            `At fork() the parent holds gval = ${atFork[0]}, lval = ${
              atFork[1]
            }; after it, it ` +
            `subtracts 2 from its own copies: [${parent.join(", ")}]. The ` +
            "child's changes happen in the child's memory only.",
          ko:
            `fork를 호출할 때 부모의 gval은 ${atFork[0]}, lval은 ${
              atFork[1]
            }이고, 그 뒤 자기 복사본에서 2씩 빼므로 [${parent.join(", ")}]${
              josa(parent[1], "이/가")
            } 된다. 자식이 바꾼 ` +
            "값은 자식의 메모리에만 있다.",
        }),
      },
      {
        id: "fork.child",
        kind: "numbers",
        count: 2,
        ask: {
          en:
            "The child prints `Child Proc: [gval, lval]`. Which two numbers will it show?",
          ko:
            "자식은 `Child Proc: [gval, lval]`을 출력한다. 어떤 두 수가 나올까?",
        },
        observe: (run) => procValues(run, "Child"),
        expected: numbers(child),
        explain: () => ({
          en:
            `The child starts with a copy of the parent's values at fork() (${
              atFork.join(", ")
            }) ` +
            `and adds 2 to each: [${
              child.join(", ")
            }]. The parent's -2 happens in the ` +
            "parent's memory only.",
          ko:
            `자식은 fork 호출 순간 부모의 값을 복사해 받고(${
              atFork.join(", ")
            }) 각각 2를 ` +
            `더하므로 [${child.join(", ")}]${
              josa(child[1], "이/가")
            } 된다. 부모가 2를 빼는 것은 부모의 ` +
            "메모리에서만 일어난다.",
        }),
      },
      linesPrediction("fork.lines", 2, {
        en:
          "One line from each process: after fork() two processes run, each its own " +
          "branch of the if, and each prints once. Which line comes first is up to the OS.",
        ko:
          "프로세스마다 한 줄씩이다. fork 뒤에는 두 프로세스가 if 문의 서로 다른 블록을 " +
          "실행하며 한 번씩 출력한다. 어느 줄이 먼저 나올지는 운영체제가 정한다.",
      }),
    ];
  },
};

const ZOMBIE_STATES: readonly Option[] = [
  { key: "R", text: { en: "R (running)", ko: "R (실행 중)" } },
  { key: "S", text: { en: "S (sleeping)", ko: "S (잠든 상태)" } },
  { key: "Z", text: { en: "Z (zombie)", ko: "Z (좀비)" } },
  {
    key: "gone",
    text: {
      en: "nothing: the child has left the process table",
      ko: "아무것도 없다: 자식은 이미 프로세스 테이블에서 사라졌다",
    },
  },
];

/** The state letters the tool's notes reported for the child, in order. */
function zombieStates(run: Observed): string[] {
  const states: string[] = [];
  for (const line of run.err) {
    const found = line.match(
      /^\[tcpip\] (?:state of \d+ \(from [^)]*\)|\d+의 상태 \([^)]*\)): (\S+)/,
    );
    if (found) states.push(/^[A-Z]/.test(found[1]) ? found[1][0] : "gone");
  }
  return states;
}

const ZOMBIE: ProgramPredictions = {
  speeds: [10, 15, 20],
  params: [{ name: "sleep", book: 30, choices: [10, 20, 30, 40] }],
  intro: ({ speed, params }) => ({
    en:
      `zombie.c: the child ends at once; the parent sleeps ${params.sleep} s without ` +
      `calling wait() (run at --speed ${speed}).`,
    ko:
      `zombie.c: 자식은 바로 종료하고, 부모는 wait 함수를 호출하지 않은 채 ${params.sleep}초 ` +
      `동안 잠든다 (--speed ${speed} 옵션으로 실행).`,
  }),
  pool: ({ speed, params }) => [
    {
      id: "zombie.state",
      kind: "choice",
      ask: {
        en: "While the parent sleeps, what will ps show as the child's state?",
        ko:
          "부모가 잠든 동안 ps 명령은 자식 프로세스의 상태를 무엇으로 보여 줄까?",
      },
      options: ZOMBIE_STATES,
      observe: (run) => {
        const states = zombieStates(run);
        if (states.includes("Z")) return choice(ZOMBIE_STATES, "Z");
        const alive = states.filter((s) => s !== "gone");
        const seen = alive.at(-1) ?? states.at(-1);
        return seen && ZOMBIE_STATES.some((o) => o.key === seen)
          ? choice(ZOMBIE_STATES, seen)
          : null; // no states reported (Windows has none)
      },
      expected: choice(ZOMBIE_STATES, "Z"),
      explain: (seen) =>
        seen.value === "Z"
          ? {
            en:
              "Z: the child has ended, but its exit status waits in the process table " +
              "until the parent collects it. A sleeping parent collects nothing.",
            ko:
              "Z다. 자식은 종료했지만, 부모가 받아 갈 때까지 종료 상태 값이 프로세스 " +
              "테이블에 남는다. 잠든 부모는 아무것도 받아 가지 않는다.",
          }
          : {
            en:
              "The tool's watcher never saw the child as a zombie in this run. On Linux " +
              "and macOS it should; run it again and look at the [tcpip] state lines.",
            ko:
              "이번 실행에서 도구의 감시자는 자식을 좀비 상태로 보지 못했다. Linux와 macOS라면 " +
              "보여야 하므로, 다시 실행해서 [tcpip] 상태 줄을 살펴보자.",
          },
    },
    {
      id: "zombie.time",
      kind: "number",
      ask: {
        en:
          "For about how many seconds of the book's time (at --speed 1) will the child " +
          "stay a zombie?",
        ko: "자식은 책의 시간(--speed 1 기준)으로 몇 초쯤 좀비 상태로 남을까?",
      },
      tolerance: within(3),
      observe: (run) => {
        const ms = span(run, /^End child process/, /^End parent process/);
        return ms === null ? null : duration((ms * speed) / 1000);
      },
      expected: duration(params.sleep),
      explain: () => ({
        en:
          `The child ends right after its two lines; the parent sleeps ${params.sleep} s ` +
          "and collects nothing meanwhile, so the child stays a zombie until the parent " +
          "wakes and ends. Measured from `End child process` to `End parent process`, " +
          `times the speed ${speed}.`,
        ko:
          `자식은 두 줄을 출력하고 바로 종료하지만, 부모는 ${params.sleep}초 동안 잠든 채 ` +
          "아무것도 받아 가지 않으므로 부모가 깨어나 종료할 때까지 자식은 좀비로 남는다. " +
          "`End child process`부터 `End parent process`까지의 시간에 속도 " +
          `${speed}${josa(speed, "을/를")} 곱해 쟀다.`,
      }),
    },
    linesPrediction("zombie.lines", 4, {
      en:
        "The parent prints the child's ID and, after its sleep, `End parent process`; " +
        "the child prints its two lines in between.",
      ko:
        "부모는 자식의 ID와, 잠에서 깬 뒤 `End parent process`를 출력하고, 그사이에 자식이 " +
        "두 줄을 출력한다.",
    }),
  ],
};

const WAIT: ProgramPredictions = {
  speeds: [15, 30],
  params: [
    { name: "first-status", book: 3, choices: [1, 3, 5, 9] },
    { name: "second-status", book: 7, choices: [2, 4, 7, 8] },
  ],
  intro: ({ speed, params }) => ({
    en:
      `wait.c: the first child returns ${
        params["first-status"]
      }, the second calls ` +
      `exit(${params["second-status"]}); the parent calls wait() twice ` +
      `(run at --speed ${speed}).`,
    ko:
      `wait.c: 첫째 자식은 ${params["first-status"]}${
        josa(params["first-status"], "을/를")
      } 반환하고, 둘째 자식은 exit(${params["second-status"]})${
        josa(params["second-status"], "을/를")
      } 호출한다. 부모는 wait 함수를 두 번 ` +
      `호출한다 (--speed ${speed} 옵션으로 실행).`,
  }),
  pool: ({ params }) => {
    const book = [params["first-status"], params["second-status"]];
    return [
      {
        id: "wait.order",
        kind: "numbers",
        count: 2,
        ask: {
          en:
            "In which order will the statuses come back? Give the numbers that " +
            "`Child send one:` and `Child send two:` will show.",
          ko:
            "종료 상태 값은 어떤 순서로 돌아올까? `Child send one:`과 `Child send two:`에 " +
            "나올 두 수를 차례로 쓰자.",
        },
        observe: (run) => {
          const one = first(run, /^Child send one: -?\d+/);
          const two = first(run, /^Child send two: -?\d+/);
          return one && two
            ? numbers([trailingNumber(one.text), trailingNumber(two.text)])
            : null;
        },
        expected: numbers(book),
        explain: (seen) =>
          (seen.value as number[])[0] === book[0]
            ? {
              en:
                "wait() hands out the child that ended first. The first child was " +
                "forked first and ends at once, so its status usually comes first; the " +
                "order is the order the children end, not the order of the calls.",
              ko:
                "wait 함수는 먼저 종료한 자식부터 넘겨준다. 첫째 자식이 먼저 생성되어 바로 " +
                "종료하므로 대개 그 값이 먼저 나온다. 순서를 정하는 것은 호출 순서가 아니라 " +
                "자식이 종료한 순서다.",
            }
            : {
              en:
                "This time the second child ended first (the OS ran it first), so wait() " +
                "returned its status first: the order is the order the children end.",
              ko:
                "이번에는 둘째 자식이 먼저 종료했으므로(운영체제가 먼저 실행했다) wait 함수가 " +
                "그 값을 먼저 반환했다. 순서는 자식이 종료한 순서다.",
            },
      },
      {
        id: "wait.processes",
        kind: "number",
        ask: {
          en:
            "How many processes will the program have made in all, the parent included?",
          ko: "부모를 포함해 프로세스는 모두 몇 개 생길까?",
        },
        observe: (run) => {
          const pids = run.out.map((line) =>
            line.text.match(/^Child PID: (\d+)/)?.[1]
          ).filter((pid) => pid !== undefined);
          return pids.length > 0 ? number(new Set(pids).size + 1) : null;
        },
        expected: number(3),
        explain: () => ({
          en:
            "Only the parent calls fork() twice: the first child returns at once and never " +
            "reaches the second fork(). One parent, two children (one `Child PID:` line each).",
          ko:
            "fork 함수를 두 번 호출하는 것은 부모뿐이다. 첫째 자식은 곧바로 반환하므로 두 번째 " +
            "fork에 이르지 않는다. 부모 하나에 자식 둘이다 (자식마다 `Child PID:` 한 줄).",
        }),
      },
      linesPrediction("wait.lines", 4, {
        en:
          "Two `Child PID:` lines, one per fork(), and one `Child send` line per wait(); " +
          "the children print nothing, and the final sleep(30) prints nothing either.",
        ko:
          "fork마다 `Child PID:` 한 줄씩 두 줄, wait마다 `Child send` 한 줄씩 두 줄이다. " +
          "자식은 아무것도 출력하지 않고, 마지막 sleep(30)도 출력이 없다.",
      }),
    ];
  },
};

const WAITPID: ProgramPredictions = {
  speeds: [10, 15],
  params: [
    { name: "child-sleep", book: 15, choices: [6, 9, 15, 21] },
    { name: "poll", book: 3, choices: [3] },
  ],
  intro: ({ speed, params }) => ({
    en:
      `waitpid.c: the child sleeps ${
        params["child-sleep"]
      } s and returns 24; the parent ` +
      `asks waitpid(WNOHANG) and sleeps ${params.poll} s between asks ` +
      `(run at --speed ${speed}).`,
    ko:
      `waitpid.c: 자식은 ${
        params["child-sleep"]
      }초 동안 잠든 뒤 24를 반환하고, 부모는 ` +
      `waitpid(WNOHANG)으로 확인하며 그사이 ${params.poll}초씩 잠든다 ` +
      `(--speed ${speed} 옵션으로 실행).`,
  }),
  pool: ({ params }) => {
    const polls = Math.ceil(params["child-sleep"] / params.poll);
    return [
      {
        id: "waitpid.lines",
        kind: "number",
        ask: {
          en: "How many `sleep 3sec.` lines will the parent print?",
          ko: "부모는 `sleep 3sec.`를 몇 줄 출력할까?",
        },
        observe: (run) => number(count(run, /^sleep 3sec\./)),
        expected: number(polls),
        explain: (seen) => ({
          en:
            `The child sleeps ${
              params["child-sleep"]
            } s; the parent prints a line after each ` +
            `${params.poll}-second sleep until waitpid() finds the child ended: ` +
            `${polls} lines. ` +
            (seen.value === polls
              ? "One more appears when the last ask comes a hair before the child's end."
              : "This run's last ask came a hair before the child ended, so one more sleep " +
                "and one more line followed: both clocks end at the same moment."),
          ko:
            `자식은 ${
              params["child-sleep"]
            }초 동안 잠들고, 부모는 waitpid 함수가 종료한 자식을 ` +
            `찾을 때까지 ${params.poll}초씩 잘 때마다 한 줄을 출력하므로 ${polls}줄이다. ` +
            (seen.value === polls
              ? "마지막 확인이 자식의 종료보다 아주 조금 앞서면 한 줄이 더 나온다."
              : "이번에는 마지막 확인이 자식의 종료보다 아주 조금 앞서서 한 번 더 자고 한 줄을 " +
                "더 출력했다. 두 시계가 같은 순간에 끝나기 때문이다."),
        }),
      },
      {
        id: "waitpid.status",
        kind: "number",
        ask: {
          en: "Which number will the last line, `Child send N`, show?",
          ko: "마지막 줄 `Child send N`에는 어떤 수가 나올까?",
        },
        observe: (run) => {
          const line = first(run, /^Child send -?\d+/);
          return line ? number(trailingNumber(line.text)) : null;
        },
        expected: number(24),
        explain: () => ({
          en:
            "The child's return 24 becomes its exit status; WEXITSTATUS(status) reads it " +
            "back in the parent.",
          ko:
            "자식의 return 24가 종료 상태 값이 되고, 부모는 WEXITSTATUS(status)로 그 값을 " +
            "꺼낸다.",
        }),
      },
      {
        id: "waitpid.blocks",
        kind: "yesno",
        ask: {
          en:
            "Will the parent print nothing until the child ends, blocked in waitpid()?",
          ko:
            "자식이 종료할 때까지 부모는 waitpid 함수에서 블로킹되어 아무것도 출력하지 못할까?",
        },
        observe: (run) =>
          first(run, /^Child send/)
            ? yesNo(count(run, /^sleep 3sec\./) === 0)
            : null,
        expected: yesNo(false),
        explain: () => ({
          en:
            "No: with WNOHANG, waitpid() returns 0 at once while the child runs, so the " +
            "parent's loop goes on and prints `sleep 3sec.` meanwhile.",
          ko:
            "아니다. WNOHANG을 전달하면 자식이 실행 중일 때 waitpid 함수는 바로 0을 반환하므로 " +
            "부모의 반복문이 계속 돌며 그사이 `sleep 3sec.`를 출력한다.",
        }),
      },
    ];
  },
};

/** signal.c and sigaction.c show the same run. */
function alarmProgram(book: string): ProgramPredictions {
  return {
    speeds: [5, 10],
    params: [{ name: "alarm", book: 2, choices: [1, 2, 3] }],
    variants: [{ name: "", args: [] }, { name: "real-time", args: [] }],
    intro: ({ speed, params }) => ({
      en:
        `${book}: alarm(${params.alarm}), and a loop of three sleep(100) calls ` +
        `(run at --speed ${speed}, which divides every duration by ${speed}).`,
      ko:
        `${book}: alarm(${params.alarm})${
          josa(params.alarm, "을/를")
        } 호출하고 sleep(100)을 세 번 반복한다 (--speed ${speed} 옵션으로 ` +
        `실행하므로 모든 시간이 ${speed}분의 1로 줄어든다).`,
    }),
    pool: ({ speed, params, variant }) => {
      const bookSeconds = 3 * params.alarm;
      const measured = (run: Observed) =>
        span(run, /^wait\.\.\./, /^Time out!/);
      const howLong: Prediction = variant === "real-time"
        ? {
          id: "signal.real-time",
          kind: "number",
          ask: {
            en:
              `This run uses --speed ${speed}. How many seconds of real time will it ` +
              "take, from the first `wait...` to the last `Time out!`?",
            ko:
              `이번 실행은 --speed ${speed} 옵션을 쓴다. 첫 \`wait...\`부터 마지막 \`Time out!\`까지 ` +
              "실제로 몇 초가 걸릴까?",
          },
          tolerance: (value) => Math.max(0.2, value * 0.3),
          observe: (run) => {
            const ms = measured(run);
            return ms === null ? null : duration(ms / 1000);
          },
          expected: duration(bookSeconds / speed),
          explain: () => ({
            en:
              `About ${bookSeconds} s of the book's time (three alarms ${params.alarm} s ` +
              `apart, each cutting a sleep short), divided by the speed ${speed}.`,
            ko:
              `책의 시간으로 약 ${bookSeconds}초(${params.alarm}초 간격의 알람 세 번이 ` +
              `sleep을 하나씩 깨운다)를 속도 ${speed}${
                josa(speed, "으로/로")
              } 나눈 값이다.`,
          }),
        }
        : {
          id: "signal.time",
          kind: "number",
          ask: {
            en:
              "How long will the program run, in seconds of the book's time (at --speed 1)?",
            ko: "책의 시간(--speed 1 기준)으로 프로그램은 몇 초 동안 실행될까?",
          },
          tolerance: within(1.5),
          observe: (run) => {
            const ms = measured(run);
            return ms === null ? null : duration((ms * speed) / 1000);
          },
          expected: duration(bookSeconds),
          explain: () => ({
            en:
              `About ${bookSeconds} s, not 300: every sleep(100) ends when the handled ` +
              `SIGALRM arrives, ${params.alarm} s after the alarm was set, and the handler ` +
              "sets the next one. Measured from the first `wait...` to the last " +
              `\`Time out!\`, times the speed ${speed}.`,
            ko:
              `300초가 아니라 약 ${bookSeconds}초다. 핸들러가 등록된 SIGALRM이 알람을 맞춘 지 ` +
              `${params.alarm}초 뒤에 오면 sleep(100)이 끝나고, 핸들러가 다음 알람을 맞춘다. ` +
              "첫 `wait...`부터 마지막 `Time out!`까지의 시간에 속도 " +
              `${speed}${josa(speed, "을/를")} 곱해 쟀다.`,
          }),
        };
      return [
        howLong,
        {
          id: "signal.timeouts",
          kind: "number",
          ask: {
            en: "How many `Time out!` lines will it print?",
            ko: "`Time out!`은 몇 줄 출력될까?",
          },
          observe: (run) => number(count(run, /^Time out!/)),
          expected: number(3),
          explain: () => ({
            en:
              "One per round of the loop: each SIGALRM runs the handler once, cuts the " +
              "sleep short, and the loop ends after three rounds.",
            ko:
              "반복 한 번에 한 줄이다. SIGALRM이 올 때마다 핸들러가 한 번 실행되어 sleep을 " +
              "깨우고, 반복문은 세 번 돌고 끝난다.",
          }),
        },
        {
          id: "signal.full-sleep",
          kind: "yesno",
          ask: {
            en: "Will each sleep(100) last its full 100 seconds?",
            ko: "sleep(100)은 매번 100초를 다 채울까?",
          },
          observe: (run) => {
            const ms = measured(run);
            return ms === null ? null : yesNo((ms * speed) / 1000 >= 100);
          },
          expected: yesNo(false),
          explain: () => ({
            en:
              "No: a process blocked in sleep() wakes up when a signal with a registered " +
              "handler arrives, and sleep() returns the seconds it had left.",
            ko:
              "아니다. sleep 함수로 블로킹된 프로세스는 핸들러가 등록된 시그널이 발생하면 " +
              "깨어나고, sleep 함수는 남은 시간을 반환한다.",
          }),
        },
      ];
    },
  };
}

const REMOVE_ZOMBIE: ProgramPredictions = {
  speeds: [10, 15],
  params: [
    { name: "first-status", book: 12, choices: [12, 30, 42] },
    { name: "second-status", book: 24, choices: [24, 50, 64] },
  ],
  intro: ({ speed, params }) => ({
    en:
      "remove_zombie.c: a SIGCHLD handler that calls waitpid() once; two children sleep " +
      `10 s and end with ${params["first-status"]} and ${
        params["second-status"]
      }; the ` +
      `parent prints wait... five times, 5 s apart (run at --speed ${speed}).`,
    ko:
      "remove_zombie.c: waitpid 함수를 한 번 호출하는 SIGCHLD 핸들러를 등록하고, 두 자식은 " +
      `10초 동안 잠든 뒤 각각 ${params["first-status"]}${
        josa(params["first-status"], "과/와")
      } ${params["second-status"]}${
        josa(params["second-status"], "으로/로")
      } 종료한다. ` +
      `부모는 5초 간격으로 wait...를 다섯 번 출력한다 (--speed ${speed} 옵션으로 실행).`,
  }),
  pool: ({ params }) => [
    {
      id: "remove-zombie.handler",
      kind: "number",
      ask: {
        en:
          "How many times will the SIGCHLD handler run and collect a child? (Each such " +
          "run prints `Removed proc id:`.)",
        ko:
          "SIGCHLD 핸들러는 몇 번 실행되어 자식을 회수할까? (그때마다 `Removed proc id:`를 " +
          "출력한다.)",
      },
      observe: (run) => number(count(run, /^Removed proc id: /)),
      expected: number(2),
      explain: (seen) => ({
        en:
          "Each child's end sends the parent a SIGCHLD, and the handler collects that " +
          "child. The two children end a moment apart, so two signals, two runs." +
          (seen.value === 2
            ? ""
            : " In this run fewer were collected: two ends close " +
              "together can merge into one pending SIGCHLD, and one waitpid() per signal " +
              "then leaves a child behind."),
        ko:
          "자식이 종료할 때마다 부모에게 SIGCHLD가 전달되고, 핸들러가 그 자식을 회수한다. 두 " +
          "자식은 조금 간격을 두고 종료하므로 시그널도, 핸들러 실행도 두 번이다." +
          (seen.value === 2
            ? ""
            : " 이번 실행에서는 더 적게 회수되었다. 거의 동시에 " +
              "종료하면 대기 중인 SIGCHLD 하나로 합쳐질 수 있고, 시그널마다 waitpid를 한 번만 " +
              "호출하면 자식 하나가 남는다."),
      }),
    },
    {
      id: "remove-zombie.waits",
      kind: "number",
      ask: {
        en: "How many `wait...` lines will the parent print?",
        ko: "부모는 `wait...`를 몇 줄 출력할까?",
      },
      observe: (run) => number(count(run, /^wait\.\.\./)),
      expected: number(5),
      explain: () => ({
        en:
          "Five, one per round of the loop. The handled SIGCHLDs cut two of the sleeps " +
          "short, so the loop ends sooner than 25 s, but it still runs five rounds.",
        ko:
          "반복 한 번에 한 줄씩 다섯 줄이다. 핸들러가 등록된 SIGCHLD가 sleep 두 번을 일찍 " +
          "깨우므로 25초보다 빨리 끝나지만, 반복은 다섯 번 그대로다.",
      }),
    },
    {
      id: "remove-zombie.statuses",
      kind: "numbers",
      count: 2,
      ask: {
        en: "Which statuses will the `Child send:` lines show, in order?",
        ko: "`Child send:` 줄에는 어떤 종료 상태 값이 차례로 나올까?",
      },
      observe: (run) => {
        const found = run.out.filter((line) =>
          /^Child send: -?\d+/.test(line.text)
        )
          .map((line) => trailingNumber(line.text));
        return found.length > 0 ? numbers(found) : null;
      },
      expected: numbers([params["first-status"], params["second-status"]]),
      explain: () => ({
        en:
          "Both children sleep the same 10 s, and the first one started first, so it " +
          "usually ends first: its status comes first.",
        ko:
          "두 자식은 똑같이 10초 동안 잠들고 첫째가 먼저 시작했으므로 대개 먼저 종료한다. " +
          "그래서 그 값이 먼저 나온다.",
      }),
    },
  ],
};

const READERS: readonly Option[] = [
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
function reader(run: Observed): Seen {
  if (first(run, /^Parent proc output: Who are you\?/)) {
    return choice(READERS, "parent");
  }
  if (first(run, /^Child proc output: Who are you\?/)) {
    return choice(READERS, "child");
  }
  return choice(READERS, "nobody");
}

const CHILD_LINES: readonly Option[] = [
  {
    key: "thanks",
    text: plain("Child proc output: Thank you for your message"),
  },
  { key: "who", text: plain("Child proc output: Who are you?") },
  { key: "nothing", text: { en: "nothing", ko: "아무것도 출력하지 않는다" } },
];

function childLine(run: Observed): Seen {
  if (first(run, /^Child proc output: Thank you for your message/)) {
    return choice(CHILD_LINES, "thanks");
  }
  if (first(run, /^Child proc output: Who are you\?/)) {
    return choice(CHILD_LINES, "who");
  }
  return choice(CHILD_LINES, "nothing");
}

const PIPE1_LINES: readonly Option[] = [
  { key: "who", text: plain("Who are you?") },
  { key: "thanks", text: plain("Thank you for your message") },
  { key: "nothing", text: { en: "nothing", ko: "아무것도 출력하지 않는다" } },
];

const PIPE1: ProgramPredictions = {
  speeds: [],
  params: [],
  intro: () => ({
    en:
      "pipe1.c: pipe(), then fork(); the child writes `Who are you?` into fds[1], the " +
      "parent reads fds[0].",
    ko:
      "pipe1.c: pipe 함수를 호출한 뒤 fork 함수를 호출한다. 자식은 fds[1]에 " +
      "`Who are you?`를 쓰고, 부모는 fds[0]에서 읽는다.",
  }),
  pool: () => [
    {
      id: "pipe1.print",
      kind: "choice",
      ask: { en: "What will the parent print?", ko: "부모는 무엇을 출력할까?" },
      options: PIPE1_LINES,
      observe: (run) =>
        choice(
          PIPE1_LINES,
          first(run, /^Who are you\?/)
            ? "who"
            : first(run, /^Thank you/)
            ? "thanks"
            : "nothing",
        ),
      expected: choice(PIPE1_LINES, "who"),
      explain: () => ({
        en:
          "The bytes the child writes into the pipe's entrance come out of its exit, where " +
          "the parent's read() waits for them: the pipe belongs to the OS, and both " +
          "processes hold its descriptors since fork().",
        ko:
          "자식이 파이프의 입구에 쓴 데이터는 출구로 나오고, 부모의 read 함수가 그것을 " +
          "기다린다. 파이프는 운영체제의 것이고, 두 프로세스는 fork 이후 그 파일 " +
          "디스크립터를 함께 가진다.",
      }),
    },
    linesPrediction("pipe1.lines", 1, {
      en:
        "Only the parent prints; the child's message goes into the pipe, not to the screen.",
      ko: "부모만 출력한다. 자식의 메시지는 화면이 아니라 파이프로 간다.",
    }),
  ],
};

const PIPE2: ProgramPredictions = {
  speeds: [10, 20],
  params: [],
  variants: [{ name: "", args: [] }, { name: "race", args: ["--race"] }],
  intro: ({ speed, variant }) =>
    variant === "race"
      ? {
        en:
          "pipe2 --race: one pipe both ways; the child writes `Who are you?` and reads " +
          `the same pipe at once, without the book's sleep(2) (run at --speed ${speed}).`,
        ko:
          "pipe2 --race: 파이프 하나로 양방향 통신을 한다. 자식은 `Who are you?`를 쓰고 책의 " +
          `sleep(2) 없이 바로 같은 파이프에서 읽는다 (--speed ${speed} 옵션으로 실행).`,
      }
      : {
        en:
          "pipe2: one pipe both ways, as in the book; the child writes `Who are you?`, " +
          `sleeps 2 s, then reads the same pipe (run at --speed ${speed}).`,
        ko:
          "pipe2: 책처럼 파이프 하나로 양방향 통신을 한다. 자식은 `Who are you?`를 쓰고 2초 " +
          `동안 잠든 뒤 같은 파이프에서 읽는다 (--speed ${speed} 옵션으로 실행).`,
      },
  pool: ({ variant }) => {
    const race = variant === "race";
    return [
      {
        id: "pipe2.reader",
        kind: "choice",
        ask: {
          en: "Which process will read `Who are you?`?",
          ko: "`Who are you?`는 어느 프로세스가 읽을까?",
        },
        options: READERS,
        observe: reader,
        expected: race ? undefined : choice(READERS, "parent"),
        explain: (seen) =>
          seen.value === "child"
            ? {
              en:
                "The child's own read() came first and took its own message back: a pipe " +
                "does not know who wrote the bytes. The parent's read() then had nothing " +
                "to read; in C it would wait for ever (here the tool's watchdog ends it).",
              ko:
                "자식의 read가 먼저 호출되어 자기가 쓴 데이터를 도로 가져갔다. 파이프는 누가 " +
                "썼는지 모른다. 그 뒤 부모의 read는 읽을 것이 없으며, C라면 끝없이 기다린다 " +
                "(여기서는 도구의 감시 장치가 끝낸다).",
            }
            : race
            ? {
              en:
                "This time the parent's read(), already waiting, came first. Without the " +
                "sleep nothing decides which read() wins: run it again with another seed " +
                "and the child may take its own message back.",
              ko:
                "이번에는 먼저 기다리던 부모의 read가 이겼다. sleep이 없으면 어느 read가 먼저일지 " +
                "정해져 있지 않으므로, 다시 실행하면 자식이 자기 메시지를 도로 읽을 수도 있다.",
            }
            : {
              en:
                "The parent is already waiting in read() while the child sleeps 2 s, so the " +
                "parent takes the message. The sleep is all that keeps the child from " +
                "reading it back itself.",
              ko:
                "자식이 2초 동안 잠든 사이 부모는 이미 read 함수에서 기다리고 있으므로 부모가 " +
                "메시지를 가져간다. 자식이 자기 메시지를 도로 읽지 않게 막는 것은 이 sleep뿐이다.",
            },
      },
      {
        id: "pipe2.child",
        kind: "choice",
        ask: {
          en: "What will the child print?",
          ko: "자식은 무엇을 출력할까?",
        },
        options: CHILD_LINES,
        observe: childLine,
        expected: race ? undefined : choice(CHILD_LINES, "thanks"),
        explain: (seen) =>
          seen.value === "who"
            ? {
              en:
                "The child read back what it wrote itself: both directions share one pipe.",
              ko:
                "자식이 자기가 쓴 데이터를 도로 읽었다. 두 방향이 파이프 하나를 함께 쓰기 때문이다.",
            }
            : {
              en:
                "The parent read `Who are you?` and wrote its answer into the same pipe; the " +
                "child, awake again, read the answer.",
              ko:
                "부모가 `Who are you?`를 읽고 같은 파이프에 답을 썼으며, 깨어난 자식이 그 답을 " +
                "읽었다.",
            },
      },
      {
        id: "pipe2.lines",
        kind: "number",
        ask: {
          en: "How many lines will the program print on standard output?",
          ko: "프로그램은 표준 출력에 몇 줄을 출력할까?",
        },
        observe: (run) => number(run.out.length),
        expected: race ? undefined : number(2),
        explain: (seen) =>
          seen.value === 1
            ? {
              en:
                "Only the child's line: the parent never received a message, so it printed " +
                "nothing.",
              ko:
                "자식의 줄뿐이다. 부모는 메시지를 받지 못했으므로 아무것도 출력하지 않았다.",
            }
            : {
              en:
                "One line from each: the parent prints the question it read, the child the " +
                "answer it read.",
              ko: "한 줄씩이다. 부모는 읽은 질문을, 자식은 읽은 답을 출력한다.",
            },
      },
    ];
  },
};

const PIPE3: ProgramPredictions = {
  speeds: [10, 20],
  params: [],
  intro: ({ speed }) => ({
    en:
      "pipe3.c: two pipes, fds1 from child to parent and fds2 back; no sleep decides " +
      `anything (run at --speed ${speed}).`,
    ko:
      "pipe3.c: 자식에서 부모로 가는 fds1과 그 반대 방향의 fds2, 파이프 두 개를 쓴다. sleep에 " +
      `기대는 부분이 없다 (--speed ${speed} 옵션으로 실행).`,
  }),
  pool: () => [
    {
      id: "pipe3.reader",
      kind: "choice",
      ask: {
        en: "Which process will read `Who are you?`?",
        ko: "`Who are you?`는 어느 프로세스가 읽을까?",
      },
      options: READERS,
      observe: reader,
      expected: choice(READERS, "parent"),
      explain: () => ({
        en:
          "The child writes into fds1 and reads only fds2, so it cannot take its own " +
          "message back: with one pipe per direction, each side reads what the other wrote.",
        ko:
          "자식은 fds1에 쓰고 fds2에서만 읽으므로 자기 메시지를 도로 읽을 수 없다. 방향마다 " +
          "파이프가 하나씩이면 각자 상대가 쓴 데이터만 읽는다.",
      }),
    },
    {
      id: "pipe3.child",
      kind: "choice",
      ask: { en: "What will the child print?", ko: "자식은 무엇을 출력할까?" },
      options: CHILD_LINES,
      observe: childLine,
      expected: choice(CHILD_LINES, "thanks"),
      explain: () => ({
        en:
          "The parent's answer travels through fds2, the pipe only the parent writes and " +
          "only the child reads.",
        ko: "부모의 답은 부모만 쓰고 자식만 읽는 파이프 fds2로 전달된다.",
      }),
    },
    linesPrediction("pipe3.lines", 2, {
      en: "One line from each process: the message each one read.",
      ko: "프로세스마다 한 줄씩, 각자 읽은 메시지를 출력한다.",
    }),
  ],
};

/** The programs `predict` knows, by their catalog name. */
export const PREDICTIONS: Readonly<Record<string, ProgramPredictions>> = {
  fork: FORK,
  zombie: ZOMBIE,
  wait: WAIT,
  waitpid: WAITPID,
  signal: alarmProgram("signal.c"),
  sigaction: alarmProgram("sigaction.c"),
  "remove-zombie": REMOVE_ZOMBIE,
  pipe1: PIPE1,
  pipe2: PIPE2,
  pipe3: PIPE3,
};
