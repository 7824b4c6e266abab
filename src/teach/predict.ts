/**
 * `tcpip predict <program> [--seed N]`: predict, then run. Asks two or three
 * questions about what a program of the book will do, reads the answers
 * from stdin (typed or piped, one per line), then runs the real program as
 * a child of the tool, passes its output through, and marks each answer
 * against what the run showed, with an explanation. A seed picks the
 * questions, the order of the options, the speed and the variant (pipe2
 * with or without `--race`), so that a learner cannot simply memorise them;
 * the same seed asks the same again.
 *
 * @module
 */

import type { ProgramSpec } from "../program.ts";
import { lang, type Text, tr } from "../text.ts";
import { withJosa } from "../josa.ts";
import { Answers, say } from "./quiz_io.ts";
import { readChoice, readNumbers, readTruth } from "./quiz_marking.ts";
import { PROGRAMS } from "../catalog.ts";
import type {
  Kind,
  Prediction,
  ProgramPredictions,
  Setup,
  Value,
} from "./prediction.ts";
import { observe, type Observed } from "./predict_run.ts";
import { generator, randomSeed, shuffle } from "./seed.ts";

export { MAX_SEED, parseSeed } from "./seed.ts";

/** The programs `predict` has questions about: all of them, in the catalog's order. */
export const PREDICTABLE: readonly string[] = PROGRAMS.map((spec) => spec.name);

/** Where the questions about `spec` are: `predictions/<file>.ts`. */
export function predictionsUrl(spec: ProgramSpec): URL {
  return new URL(`./predictions/${spec.file}.ts`, import.meta.url);
}

/**
 * Loads what `predict` asks about `spec` (`predictions/<file>.ts`); the
 * specifier is computed, so only the one asked for is loaded.
 */
export async function loadPredictions(
  spec: ProgramSpec,
): Promise<ProgramPredictions> {
  const module: { predictions: ProgramPredictions } = await import(
    predictionsUrl(spec).href
  );
  return module.predictions;
}

/** One session, as a seed decides it. */
export interface Plan {
  /** The program. */
  spec: ProgramSpec;
  /** The seed that made this plan. */
  seed: number;
  /** Speed, parameters and variant of the run. */
  setup: Setup;
  /** The arguments of the run: `tcpip <args>`. */
  args: string[];
  /** The questions, in the order asked. */
  predictions: Prediction[];
}

/**
 * The session `seed` makes for `spec`: the run's speed, variant and
 * parameters (only those the program has an option for), and two or three
 * of its questions with their options in a shuffled order.
 */
export async function planFor(
  spec: ProgramSpec,
  seed: number,
  options: { speed?: number } = {},
): Promise<Plan> {
  const program = await loadPredictions(spec);
  const random = generator(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)];

  const picked = program.speeds.length > 0 ? pick(program.speeds) : 1;
  // --speed chooses it instead (the seed's other choices stay the same).
  const speed = spec.timed && options.speed !== undefined
    ? options.speed
    : picked;
  const variant = program.variants ? pick(program.variants) : undefined;
  const args = [spec.name, ...(variant?.args ?? [])];
  // The book's values, from the catalog; a seed picks some of them anew.
  const params: Record<string, number> = {};
  for (const option of spec.options) {
    if (typeof option.default === "number") {
      params[option.name] = option.default;
    }
  }
  for (const [name, choices] of Object.entries(program.choices ?? {})) {
    if (params[name] === undefined) {
      throw new Error(`${spec.name} has no numeric option --${name} to vary`);
    }
    params[name] = pick(choices);
    args.push(`--${name}`, String(params[name]));
  }
  if (spec.timed) args.push("--speed", String(speed));
  args.push("--trace");
  const size = program.sizes ? pick(program.sizes) : 0;
  const setup: Setup = { speed, params, variant: variant?.name ?? "", size };

  const pool = program.pool(setup);
  const wanted = Math.min(pool.length, random() < 0.5 ? 2 : 3);
  const chosen = new Set<number>();
  while (chosen.size < wanted) chosen.add(Math.floor(random() * pool.length));
  const predictions = pool.filter((_, i) => chosen.has(i)).map((p) =>
    p.options ? { ...p, options: shuffle(p.options, random) } : p
  );
  return { spec, seed, setup, args, predictions };
}

/**
 * Runs a predict session for `spec` on stdout, reading the predictions from
 * stdin; `seed` repeats an earlier session (a random one when undefined).
 * Resolves to the exit status: 0; 1 when the program's run failed; 130
 * when the learner stopped it with Ctrl+C.
 *
 * @example
 * ```ts ignore
 * import { findProgram } from "../catalog.ts";
 * import { runPredict } from "./predict.ts";
 *
 * // Asks about waitpid.c, runs `tcpip waitpid --speed N --trace`, marks.
 * Deno.exit(await runPredict(findProgram("waitpid")!, 42));
 * ```
 */
export async function runPredict(
  spec: ProgramSpec,
  seed?: number,
  speed?: number,
): Promise<number> {
  const program = await loadPredictions(spec);
  const plan = await planFor(spec, seed ?? randomSeed(), { speed });
  const again = `tcpip predict ${spec.name} --seed ${plan.seed}${
    spec.timed && speed !== undefined ? ` --speed ${speed}` : ""
  }`;
  say({
    en: `Predict, then run. The same questions again: ${again}`,
    ko: `예측한 뒤 실행한다. 같은 문제를 다시 풀려면: ${again}`,
  });
  say(program.intro(plan.setup));
  say({
    en:
      "Answer each question on one line; then the program runs, and each prediction " +
      "is compared with what it showed.",
    ko:
      "질문마다 한 줄로 답하자. 답을 마치면 프로그램을 실행하고, 예측을 실행 결과와 " +
      "비교한다.",
  });

  const total = plan.predictions.length;
  const answers = new Answers();
  const given: Guess[] = [];
  for (const [index, prediction] of plan.predictions.entries()) {
    console.log("");
    ask(prediction, index, total);
    const answer = await guess(prediction, answers);
    if (answer === null) break; // input ended: the rest go unpredicted
    given.push(answer);
  }
  await answers.close();

  console.log("");
  const scenario = program.scenario?.(plan.setup) ?? {};
  // The program's name, the scenario's arguments (a port), then the plan's.
  const args = [plan.args[0], ...(scenario.args ?? []), ...plan.args.slice(1)];
  say({
    en: `Running: tcpip ${args.join(" ")}`,
    ko: `실행: tcpip ${args.join(" ")}`,
  });
  const run = await observe(args, scenario);
  if (run.interrupted) {
    say({
      en: "The run was stopped before its end: nothing is marked.",
      ko: "실행이 끝나기 전에 중단되어 채점하지 않는다.",
    });
    return 130;
  }

  if (run.failure !== undefined) {
    say({
      en:
        `The run did not go as planned (${run.failure}): what it did not show is not marked.`,
      ko:
        `실행이 계획대로 되지 않았다(${run.failure}). 실행에서 확인할 수 없는 것은 채점하지 않는다.`,
    });
  }
  console.log("");
  say({ en: "What the run showed", ko: "실행 결과와 비교" });
  let right = 0;
  let marked = 0;
  for (const [index, prediction] of plan.predictions.entries()) {
    say(`${index + 1}/${total} ${tr(prediction.ask)}`, "", "  ");
    const seen = prediction.observe(run);
    const answer = given[index];
    if (answer) {
      say({
        en: `your prediction: ${answer.shown || "(none)"}`,
        ko: `내 예측: ${answer.shown || "(없음)"}`,
      }, "  ");
    }
    if (seen === null) {
      say({
        en: "Not shown by this run, so not marked.",
        ko: "이번 실행에서는 확인할 수 없어 채점하지 않는다.",
      });
      continue;
    }
    const result = tr(seen.shown);
    if (answer === undefined) {
      say(
        {
          en: `No prediction. The run showed: ${result}`,
          ko: `예측하지 않았다. 실행 결과: ${result}`,
        },
        "",
        "  ",
      );
    } else if (answer.value === undefined) {
      // An answer that could not be read is never counted wrong.
      say(
        {
          en:
            `Could not read the prediction: not marked. The run showed: ${result}`,
          ko: `예측을 읽을 수 없어서 채점하지 않는다. 실행 결과: ${result}`,
        },
        "",
        "  ",
      );
    } else {
      marked++;
      if (agrees(prediction, answer.value, seen.value)) {
        right++;
        say(
          {
            en: `Right. The run showed: ${result}`,
            ko: `정답이다. 실행 결과: ${result}`,
          },
          "",
          "  ",
        );
      } else {
        say(
          {
            en: `Wrong. The run showed: ${result}`,
            ko: `오답이다. 실행 결과: ${result}`,
          },
          "",
          "  ",
        );
      }
    }
    say(prediction.explain(seen), "  ");
    const expected = prediction.expected;
    if (expected && !agrees(prediction, expected.value, seen.value)) {
      say({
        en: `The book's code gives: ${expected.shown.en}. This run differed.`,
        ko:
          `책의 코드대로라면 나와야 할 결과: ${expected.shown.ko}. 이번 실행은 이와 달랐다.`,
      }, "  ");
    }
  }
  console.log("");
  say(
    lang() === "ko" ? `점수: ${right}/${marked}` : `score: ${right}/${marked}`,
  );
  return failed(run) ? 1 : 0;
}

/** A prediction as read: its value (undefined: unreadable) and as typed. */
interface Guess {
  value: Value | undefined;
  shown: string;
}

function ask(prediction: Prediction, index: number, total: number): void {
  say(`${index + 1}/${total} ${tr(prediction.ask)}`, "", "  ");
  prediction.options?.forEach((option, i) =>
    say(option.text, `  ${i + 1}) `, "     ")
  );
}

const HOW_TO_ANSWER: Record<Kind, (prediction: Prediction) => Text> = {
  number: () => ({
    en: "Answer with one number.",
    ko: "수 하나로 답하자.",
  }),
  numbers: (p) => ({
    en: `Answer with ${p.count} numbers, in order.`,
    ko: `수 ${p.count}개를 차례로 답하자.`,
  }),
  choice: () => ({
    en: "Answer with the number of an option.",
    ko: "보기의 번호로 답하자.",
  }),
  yesno: () => ({
    en: "Answer yes or no (y/n).",
    ko: "예나 아니요로 답하자.",
  }),
};

/**
 * Reads one prediction; an answer that cannot be read is asked again once.
 * `null` when input ended first.
 */
async function guess(
  prediction: Prediction,
  answers: Answers,
): Promise<Guess | null> {
  let shown = "";
  for (let reading = 1; reading <= 2; reading++) {
    const line = await answers.next();
    if (line === null) {
      return reading === 1 ? null : { value: undefined, shown };
    }
    shown = line.trim();
    const value = read(prediction, line);
    if (value !== undefined) {
      // A choice is shown as the option it was read as.
      const options = prediction.options ?? [];
      const index = options.findIndex((option) => option.key === value);
      return {
        value,
        shown: index < 0 ? shown : `${index + 1}) ${tr(options[index].text)}`,
      };
    }
    if (reading === 1) {
      say({
        en: `Not sure what you mean. ${
          HOW_TO_ANSWER[prediction.kind](prediction).en
        }`,
        ko: `무슨 뜻인지 알 수 없다. ${
          HOW_TO_ANSWER[prediction.kind](prediction).ko
        }`,
      });
    }
  }
  return { value: undefined, shown };
}

/** What an answer says, or undefined when it cannot be read. */
function read(prediction: Prediction, input: string): Value | undefined {
  switch (prediction.kind) {
    case "number": {
      const found = [...new Set(readNumbers(input))];
      return found.length === 1 ? found[0] : undefined;
    }
    case "numbers": {
      const found = readNumbers(input);
      return found.length === prediction.count ? found : undefined;
    }
    case "choice": {
      const options = prediction.options ?? [];
      const index = readChoice(
        input,
        options.map((option) => [option.text.en, option.text.ko]),
      );
      return index === null ? undefined : options[index].key;
    }
    case "yesno":
      return readTruth(input) ?? undefined;
  }
}

/** Whether a predicted (or expected) value matches what the run showed. */
function agrees(prediction: Prediction, value: Value, seen: Value): boolean {
  if (typeof value === "number" && typeof seen === "number") {
    return Math.abs(value - seen) <= (prediction.tolerance?.(seen) ?? 0);
  }
  if (Array.isArray(value) && Array.isArray(seen)) {
    return value.length === seen.length &&
      value.every((n, i) => n === seen[i]);
  }
  return value === seen;
}

/** Says so when the run ended badly; true then. */
function failed(run: Observed): boolean {
  if (run.code === 0) return false;
  say({
    en: `The program ended with status ${run.code}; see its messages above.`,
    ko: `프로그램이 상태 ${
      withJosa(run.code, "으로/로")
    } 종료했다. 위의 메시지를 확인하자.`,
  });
  return true;
}
