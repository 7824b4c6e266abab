// `tcpip predict`: questions before the run, the real program run as a
// child of the tool, and each prediction marked against what that run
// printed (never against an assumed result).

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { findProgram, PROGRAMS } from "../src/catalog.ts";
import { type Plan, planFor, PREDICTABLE } from "../src/teach/predict.ts";
import { run, type RunResult, Tool } from "./_tcpip.ts";

const KO = { LANG: "ko_KR.UTF-8" };

/**
 * The plan of the first seed whose questions include every id of `ids`,
 * run with the book's values (a seed may vary them: see the variants test).
 */
async function seedAsking(
  name: string,
  ids: string[],
  variant?: string,
): Promise<Plan> {
  const spec = findProgram(name)!;
  for (let seed = 0; seed < 5000; seed++) {
    const plan = await planFor(spec, seed);
    const asked = plan.predictions.map((p) => p.id);
    const book = spec.options.every((option) => {
      const at = plan.args.indexOf(`--${option.name}`);
      return option.kind !== "count" || at < 0 ||
        plan.args[at + 1] === String(option.default);
    });
    if (
      ids.every((id) => asked.includes(id)) && book &&
      (variant === undefined || plan.setup.variant === variant)
    ) {
      return plan;
    }
  }
  throw new Error(`no seed asks ${ids.join(", ")} about ${name}`);
}

/** Runs `tcpip predict` for `plan` with one answer per question, by id. */
function predict(
  plan: Plan,
  answers: Record<string, string>,
  env?: Record<string, string>,
): Promise<RunResult> {
  const stdin = plan.predictions.map((p) => {
    assert(p.id in answers, `no answer for ${p.id}`);
    return `${answers[p.id]}\n`;
  }).join("");
  return run(["predict", plan.spec.name, "--seed", String(plan.seed)], {
    stdin,
    env,
  });
}

/** The program's own lines: standard output between `Running:` and the marking. */
function programLines(result: RunResult, start = "Running: "): string[] {
  const from = result.out.findIndex((line) => line.startsWith(start));
  const to = result.out.findIndex((line, i) =>
    i > from && /^(What the run showed|실행 결과와 비교)$/.test(line)
  );
  assert(from >= 0 && to > from, result.stdout);
  return result.out.slice(from + 1, to).filter((line) => line !== "");
}

Deno.test("predict waitpid: a right and a wrong prediction, marked against the run", async () => {
  const plan = await seedAsking("waitpid", ["waitpid.status", "waitpid.lines"]);
  const result = await predict(plan, {
    "waitpid.status": "24",
    "waitpid.lines": "99",
    "waitpid.blocks": "no",
  });
  assertEquals(result.code, 0, result.stderr);
  assert(
    result.out.includes(`Running: tcpip ${plan.args.join(" ")}`),
    result.stdout,
  );
  assertMatch(
    plan.args.join(" "),
    /^waitpid (--child-sleep 15 )?--speed \d+ --trace$/,
  );
  // The real program ran: its own lines, byte for byte, then its trace.
  const printed = programLines(result);
  assertEquals(printed.at(-1), "Child send 24 ");
  // How many polls the parent made is the scheduler's to decide (5 with
  // nothing else running); the marking takes the run's own number.
  const polls = printed.filter((line) => line === "sleep 3sec.").length;
  assert(polls >= 1, printed.join("\n"));
  assert(result.stderr.includes("waitpid:child"), "the trace was drawn");
  // Each prediction against what the run printed.
  const marks = result.out.slice(result.out.indexOf("What the run showed"));
  assert(marks.includes("Right. The run showed: 24"), result.stdout);
  assert(marks.includes(`Wrong. The run showed: ${polls}`), result.stdout);
  assert(marks.includes("  your prediction: 99"), result.stdout);
  const blocks = plan.predictions.some((p) => p.id === "waitpid.blocks");
  if (blocks) assert(marks.includes("Right. The run showed: no"));
  assertEquals(
    result.out.at(-1),
    `score: ${blocks ? 2 : 1}/${plan.predictions.length}`,
  );
});

Deno.test("predict pipe2 --race: which process read the message, as the run showed", async () => {
  const plan = await seedAsking("pipe2", ["pipe2.reader"], "race");
  assert(plan.args.includes("--race"));
  const result = await predict(plan, {
    "pipe2.reader": "the child",
    "pipe2.child": "nothing",
    "pipe2.lines": "1",
  });
  assertEquals(result.code, 0, result.stderr);
  const printed = programLines(result);
  const childRead = printed.includes("Child proc output: Who are you? ");
  const parentRead = printed.includes("Parent proc output: Who are you? ");
  assert(childRead !== parentRead, `${result.stdout}\n${result.stderr}`);
  assert(
    result.out.some((line) =>
      /^ {2}your prediction: \d\) the child, which wrote it$/.test(line)
    ),
    result.stdout,
  );
  assert(
    result.out.includes(
      childRead
        ? "Right. The run showed: the child, which wrote it"
        : "Wrong. The run showed: the parent",
    ),
    result.stdout,
  );
  const lines = plan.predictions.some((p) => p.id === "pipe2.lines");
  if (lines) {
    assert(
      result.out.includes(
        `${
          printed.length === 1 ? "Right" : "Wrong"
        }. The run showed: ${printed.length}`,
      ),
      result.stdout,
    );
  }
});

Deno.test("predict fork: two numbers per line, read however they are typed", async () => {
  const plan = await seedAsking("fork", [
    "fork.parent",
    "fork.child",
    "fork.lines",
  ]);
  // No --speed: fork.c never sleeps; the book's values.
  assertEquals(plan.args.filter((arg) => arg.startsWith("--speed")), []);
  const result = await predict(plan, {
    "fork.parent": "[9, 23]",
    "fork.child": "13 then 27",
    "fork.lines": "3",
  });
  assertEquals(result.code, 0, result.stderr);
  const printed = programLines(result);
  assertEquals(printed.toSorted(), [
    "Child Proc: [13, 27] ",
    "Parent Proc: [9, 23] ",
  ]);
  assert(result.out.includes("Right. The run showed: 9, 23"), result.stdout);
  assert(result.out.includes("Right. The run showed: 13, 27"), result.stdout);
  assert(result.out.includes("Wrong. The run showed: 2"), result.stdout);
  assertEquals(result.out.at(-1), "score: 2/3");
});

Deno.test("predict: an unreadable answer is asked again once; options by their text", async () => {
  const result = await run(["predict", "pipe1", "--seed", "3"], {
    stdin: "maybe\nWho are you\none line\n",
  });
  assertEquals(result.code, 0, result.stderr);
  const plan = await planFor(findProgram("pipe1")!, 3);
  assertEquals(plan.predictions.map((p) => p.id), [
    "pipe1.print",
    "pipe1.lines",
  ]);
  assert(
    result.stdout.includes(
      "> maybe\nNot sure what you mean. Answer with the number of an option.\n> Who are you\n",
    ),
    result.stdout,
  );
  assertEquals(programLines(result), ["Who are you?"]);
  assert(
    result.out.some((line) =>
      /^ {2}your prediction: \d\) Who are you\?$/.test(line)
    ),
    result.stdout,
  );
  assert(result.out.includes("Right. The run showed: Who are you?"));
  assert(result.out.includes("Right. The run showed: 1"));
  assertEquals(result.out.at(-1), "score: 2/2");
});

Deno.test("predict: a prediction that cannot be read is not marked, never counted wrong", async () => {
  const result = await run(["predict", "pipe1", "--seed", "3"], {
    stdin: "maybe\nhmm\none line\n",
  });
  assertEquals(result.code, 0, result.stderr);
  assert(
    result.out.includes(
      "Could not read the prediction: not marked. The run showed: Who are you?",
    ),
    result.stdout,
  );
  assert(result.out.includes("Right. The run showed: 1"), result.stdout);
  assertEquals(result.out.at(-1), "score: 1/1");
});

Deno.test("predict: with no predictions the program still runs, and nothing is marked", async () => {
  const result = await run(["predict", "pipe1", "--seed", "3"], { stdin: "" });
  assertEquals(result.code, 0, result.stderr);
  assertEquals(programLines(result), ["Who are you?"]);
  assert(result.out.includes("No prediction. The run showed: Who are you?"));
  assert(result.out.includes("No prediction. The run showed: 1"));
  assertEquals(result.out.at(-1), "score: 0/0");
});

Deno.test("predict: Korean locale; wait's order and the other timed programs, as each run showed", async () => {
  const wait = await seedAsking("wait", ["wait.order"]);
  const removeZombie = await seedAsking("remove-zombie", [
    "remove-zombie.handler",
  ]);
  const signal = await seedAsking("signal", ["signal.timeouts"]);
  const [korean, handler, alarms] = await Promise.all([
    predict(wait, {
      "wait.order": "3, 7",
      "wait.processes": "3개",
      "wait.lines": "네 줄",
    }, KO),
    predict(removeZombie, {
      "remove-zombie.handler": "2",
      "remove-zombie.waits": "5",
      "remove-zombie.statuses": "12 24",
    }),
    predict(signal, {
      "signal.time": "6",
      "signal.real-time": "1",
      "signal.timeouts": "three",
      "signal.full-sleep": "no",
    }),
  ]);

  assertEquals(korean.code, 0, korean.stderr);
  assertMatch(
    korean.out[0],
    /^예측한 뒤 실행한다\. 같은 문제를 다시 풀려면: tcpip predict wait --seed \d+$/,
  );
  const order = programLines(korean, "실행: ")
    .filter((line) => line.startsWith("Child send "))
    .map((line) => line.match(/(\d+) $/)![1]).join(", ");
  assert(order === "3, 7" || order === "7, 3", korean.stdout);
  assert(
    korean.out.includes(
      `${order === "3, 7" ? "정답이다" : "오답이다"}. 실행 결과: ${order}`,
    ),
    korean.stdout,
  );
  assert(korean.out.includes("  내 예측: 3, 7"), korean.stdout);
  if (wait.predictions.some((p) => p.id === "wait.lines")) {
    assert(korean.out.includes("정답이다. 실행 결과: 4"), korean.stdout);
  }
  assertMatch(korean.out.at(-1)!, /^점수: \d\/\d$/);

  assertEquals(handler.code, 0, handler.stderr);
  const removed = programLines(handler)
    .filter((line) => line.startsWith("Removed proc id: ")).length;
  assert(
    handler.out.includes(
      `${removed === 2 ? "Right" : "Wrong"}. The run showed: ${removed}`,
    ),
    handler.stdout,
  );

  assertEquals(alarms.code, 0, alarms.stderr);
  const timeouts = programLines(alarms)
    .filter((line) => line === "Time out!").length;
  assertEquals(timeouts, 3);
  assert(alarms.out.includes("Right. The run showed: 3"), alarms.stdout);
});

Deno.test({
  name: "predict zombie: the state the OS reported for the child",
  ignore: Deno.build.os === "windows", // no zombie state to report
  async fn() {
    const plan = await seedAsking("zombie", ["zombie.state"]);
    const result = await predict(plan, {
      "zombie.state": "Z",
      "zombie.time": "30",
      "zombie.lines": "4",
    });
    assertEquals(result.code, 0, result.stderr);
    // The tool's watcher reported the child's state from the OS.
    assert(
      result.err.some((line) => / Z \(zombie\)$/.test(line)),
      result.stderr,
    );
    assert(
      result.out.includes("Right. The run showed: Z (zombie)"),
      result.stdout,
    );
  },
});

Deno.test({
  name:
    "predict: Ctrl+C during the run stops the program too, and nothing is marked",
  // Windows: kill() is TerminateProcess; a test cannot press Ctrl+C there.
  ignore: Deno.build.os === "windows",
}, async () => {
  const plan = await seedAsking("zombie", ["zombie.time"]);
  const tool = Tool.start(["predict", "zombie", "--seed", String(plan.seed)], {
    stdin: "",
  });
  const answers: Record<string, string> = {
    "zombie.state": "Z",
    "zombie.time": "30",
    "zombie.lines": "4",
  };
  await tool.write(plan.predictions.map((p) => `${answers[p.id]}\n`).join(""));
  await tool.closeStdin();
  // The program runs: its first line is out, and it sleeps for a while.
  await tool.waitFor("out", /^Child Process ID: \d+ $/);
  tool.kill("SIGINT");
  const result = await tool.finish(); // fails if any process is left
  assertEquals(result.code, 130, result.stderr);
  assert(
    result.out.includes(
      "The run was stopped before its end: nothing is marked.",
    ),
    result.stdout,
  );
  assert(!result.out.includes("What the run showed"), result.stdout);
});

Deno.test("predict: a seed fixes questions, options, speed and variant; seeds vary them", async () => {
  for (const name of PREDICTABLE) {
    const spec = findProgram(name)!;
    const allowed = new Set([
      ...spec.options.map((option) => `--${option.name}`),
      "--speed",
      "--trace",
    ]);
    const asked = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const plan = await planFor(spec, seed);
      const again = await planFor(spec, seed);
      assertEquals(plan.args, again.args);
      assertEquals(
        plan.predictions.map((p) => [p.id, p.options?.map((o) => o.key)]),
        again.predictions.map((p) => [p.id, p.options?.map((o) => o.key)]),
      );
      // Only options the program has; --speed only for one that sleeps.
      assertEquals(plan.args[0], name);
      for (const arg of plan.args.filter((a) => a.startsWith("--"))) {
        assert(allowed.has(arg), `${name}: ${arg}`);
      }
      assertEquals(plan.args.includes("--speed"), spec.timed, name);
      assert(plan.predictions.length >= 1 && plan.predictions.length <= 3);
      asked.add(
        JSON.stringify([
          plan.args,
          plan.predictions.map((p) => [p.id, p.options?.map((o) => o.key)]),
        ]),
      );
    }
    assert(asked.size > 1, `${name}: every seed asks the same`);
  }
  const variants = new Set(
    await Promise.all(
      Array.from(
        { length: 40 },
        async (_, seed) =>
          (await planFor(findProgram("pipe2")!, seed)).setup.variant,
      ),
    ),
  );
  assertEquals([...variants].sort(), ["", "race"]);
  // The same seed on the command line asks the same questions, in the same words.
  const [first, second] = await Promise.all([
    run(["predict", "fork", "--seed", "11"], { stdin: "" }),
    run(["predict", "fork", "--seed", "11"], { stdin: "" }),
  ]);
  const questions = (result: RunResult) =>
    result.out.slice(0, result.out.findIndex((l) => l.startsWith("Running: ")));
  assertEquals(questions(first), questions(second));
});

Deno.test("predict: bad input is a usage error with exit 2, and nothing runs", async () => {
  const cases: [string[], string][] = [
    [["predict"], "tcpip: missing <program>"],
    [
      ["predict", "zombi"],
      "tcpip: unknown program 'zombi'. Did you mean 'zombie'? Run 'tcpip list' to see all programs.",
    ],
    [
      ["predict", "wait", "--seed", "x"],
      "tcpip: --seed must be a whole number from 0 to 4294967295, got 'x'",
    ],
    [
      ["predict", "wait", "--seed", "4294967296"],
      "tcpip: --seed must be a whole number from 0 to 4294967295, got '4294967296'",
    ],
    [
      ["predict", "wait", "--speed", "0"],
      "tcpip: --speed must be a number above 0, up to 1000 (e.g. 10 or 2.5), got '0'",
    ],
    [["predict", "wait", "extra"], "tcpip: unexpected argument 'extra'"],
    [
      ["predict", "wait", "--lang", "fr"],
      "tcpip: --lang must be ko or en, got 'fr'",
    ],
    [["predict", "wait", "--race"], "tcpip: unknown option '--race'"],
  ];
  const results = await Promise.all(cases.map(([args]) => run(args)));
  results.forEach((result, i) => {
    assertEquals(result.code, 2, cases[i][0].join(" "));
    assertEquals(result.err[0], cases[i][1]);
    assertEquals(result.stdout, "", "no question asked, nothing run");
  });
  const korean = await run(["predict", "wait", "--seed", "x"], { env: KO });
  assertEquals(korean.code, 2);
  assertEquals(
    korean.err[0],
    "tcpip: --seed에는 0부터 4294967295까지의 정수를 써야 한다. 받은 값: 'x'",
  );
});

Deno.test("predict: a seed varies the book's values, and the run and its marks follow them", async () => {
  // A fork session whose seed changed gval and lval: the expected numbers
  // are computed from them, and the real run printed them.
  const spec = findProgram("fork")!;
  let plan: Plan | undefined;
  for (let seed = 0; seed < 5000 && !plan; seed++) {
    const candidate = await planFor(spec, seed);
    const at = candidate.args.indexOf("--gval");
    if (
      at >= 0 && candidate.args[at + 1] !== "10" &&
      candidate.predictions.some((p) => p.id === "fork.parent")
    ) plan = candidate;
  }
  assert(plan, "a seed that varies gval");
  const gval = Number(plan.args[plan.args.indexOf("--gval") + 1]);
  const lval = Number(plan.args[plan.args.indexOf("--lval") + 1]);
  const result = await predict(plan, {
    "fork.parent": `${gval - 1}, ${lval + 3}`, // C: ++, += 5, then -= 2
    "fork.child": "0, 0",
    "fork.lines": "2",
  });
  assertEquals(result.code, 0, result.stderr);
  assert(
    programLines(result).includes(`Parent Proc: [${gval - 1}, ${lval + 3}] `),
    result.stdout,
  );
  assert(
    result.out.includes(`Right. The run showed: ${gval - 1}, ${lval + 3}`),
    result.stdout,
  );
});

Deno.test("predict: every program of the catalog has its questions", () => {
  assertEquals(PREDICTABLE, PROGRAMS.map((spec) => spec.name));
});

Deno.test("predict --speed: the learner sets the pace; the seed's other choices stay", async () => {
  const spec = findProgram("waitpid")!;
  const [seeded, paced] = await Promise.all([
    planFor(spec, 7),
    planFor(spec, 7, { speed: 20 }),
  ]);
  assertEquals(paced.setup.speed, 20);
  assertEquals(
    paced.predictions.map((p) => p.id),
    seeded.predictions.map((p) => p.id),
  );
  assert(paced.args.join(" ").includes("--speed 20"), paced.args.join(" "));
  const result = await run([
    "predict",
    "waitpid",
    "--seed",
    "7",
    "--speed",
    "20",
  ], {
    stdin: "",
  });
  assertEquals(result.code, 0, result.stderr);
  assertStringIncludes(
    result.stdout.replace(/\s+/g, " "),
    "The same questions again: tcpip predict waitpid --seed 7 --speed 20",
  );
  assert(
    result.out.some((line) =>
      line.startsWith("Running: tcpip waitpid") && line.includes("--speed 20")
    ),
    result.stdout,
  );
});

Deno.test({
  name:
    "predict echo-server: predict plays the clients; one child and one removed line per client",
  // Windows: predict's stop is TerminateProcess there (Deno's kill()), so
  // the server's own end (its removed lines, status 0) never comes.
  ignore: Deno.build.os === "windows",
}, async () => {
  const plan = await seedAsking("echo-server", [
    "echo-server.removed",
    "echo-server.connected",
  ]);
  const clients = plan.setup.size;
  const result = await predict(plan, {
    "echo-server.removed": String(clients),
    "echo-server.connected": String(clients),
    "echo-server.children": String(clients),
    "echo-server.back": "the same line",
  });
  assertEquals(result.code, 0, result.stderr);
  const printed = programLines(result);
  assertEquals(
    printed.filter((line) => line === "new client connected...").length,
    clients,
  );
  assertEquals(
    printed.filter((line) => /^removed proc id: \d+ $/.test(line)).length,
    clients,
  );
  assert(
    result.out.filter((line) => line === `Right. The run showed: ${clients}`)
      .length >= 2,
    result.stdout,
  );
});

Deno.test("predict echo-client: predict plays the server; shutdown() sends the FIN at once, --close never", async () => {
  const [book, close] = await Promise.all([
    seedAsking("echo-client", ["echo-client.fin"], ""),
    seedAsking("echo-client", ["echo-client.fin"], "close"),
  ]);
  const answers = {
    "echo-client.fin": "yes",
    "echo-client.ends": "yes",
    "echo-client.prefixes": "1",
  };
  const [shut, closed] = await Promise.all([
    predict(book, answers),
    predict(close, answers),
  ]);
  assertEquals(shut.code, 0, shut.stderr);
  assertEquals(closed.code, 0, closed.stderr);
  assert(closed.out.some((line) => line.includes("--close")), closed.stdout);
  const finOf = (result: RunResult) => {
    const marking = result.out.indexOf("What the run showed");
    const at = result.out.findIndex((line, i) =>
      i > marking && line.includes("will the server get end of file")
    );
    return result.out.slice(at).find((line) => /The run showed: /.test(line));
  };
  assertEquals(finOf(shut), "Right. The run showed: yes");
  assertEquals(finOf(closed), "Wrong. The run showed: no");
});

Deno.test({
  name:
    "predict echo-storeserver: the file holds as many lines as the store reads; nothing is left behind",
  // Windows: the server is ended by TerminateProcess there, as above.
  ignore: Deno.build.os === "windows",
}, async () => {
  const plan = await seedAsking("echo-storeserver", [
    "echo-storeserver.stored",
  ]);
  const reads = plan.setup.params["max-messages"];
  const result = await predict(plan, {
    "echo-storeserver.stored": String(reads),
    "echo-storeserver.echoes": "yes",
  });
  assertEquals(result.code, 0, result.stderr);
  assert(
    result.out.includes(`Right. The run showed: ${reads}`),
    result.stdout,
  );
  // The temporary file it stored into is gone.
  const running = result.stdout.replace(/\s+/g, " ")
    .match(/--out (\S+)/)?.[1];
  assert(running, result.stdout);
  assertThrows(() => Deno.statSync(running), Deno.errors.NotFound);
});

Deno.test({
  name:
    "predict fd-copy: one socket under the same number, still open in the child",
  ignore: Deno.build.os === "windows", // no descriptor tables to show
  async fn() {
    const plan = await seedAsking("fd-copy", [
      "fd-copy.same-number",
      "fd-copy.same-socket",
    ]);
    const result = await predict(plan, {
      "fd-copy.same-number": "yes",
      "fd-copy.same-socket": "맞다",
      "fd-copy.after-close": "still open",
    });
    assertEquals(result.code, 0, result.stderr);
    assertEquals(
      result.out.filter((line) => line === "Right. The run showed: yes").length,
      2,
      result.stdout,
    );
  },
});

Deno.test({
  name:
    "predict sigint-confirm: predict presses Ctrl+C; the loop prints nothing while the question waits",
  // Windows: a test cannot send a process SIGINT there.
  ignore: Deno.build.os === "windows",
  async fn() {
    const plan = await seedAsking("sigint-confirm", [
      "sigint-confirm.silent",
      "sigint-confirm.status",
    ]);
    const result = await predict(plan, {
      "sigint-confirm.silent": "0",
      "sigint-confirm.goes-on": "yes",
      "sigint-confirm.status": "0",
    });
    assertEquals(result.code, 0, result.stderr);
    assertEquals(
      programLines(result).filter((line) =>
        line === "Do you want to exit? (Y/N)"
      ).length,
      2,
    );
    assertEquals(
      result.out.filter((line) => line === "Right. The run showed: 0").length,
      2,
      result.stdout,
    );
  },
});

Deno.test("predict three-conversation: the lines typed, taken in turn, child first", async () => {
  const plan = await seedAsking("three-conversation", [
    "three-conversation.first",
    "three-conversation.last",
  ]);
  const text = (id: string, key: string) =>
    plan.predictions.find((p) => p.id === id)!.options!
      .find((option) => option.key === key)!.text.en;
  const result = await predict(plan, {
    "three-conversation.first": text("three-conversation.first", "child1"),
    "three-conversation.last": text("three-conversation.last", "parent6"),
    "three-conversation.lines": "6",
  });
  assertEquals(result.code, 0, result.stderr);
  const printed = programLines(result);
  assertEquals(printed.length, 6);
  assert(printed[0].startsWith("from Child : "), printed.join("\n"));
  assert(printed[5].startsWith("from Parent : "), printed.join("\n"));
  assert(
    result.out.includes(`Right. The run showed: ${printed[0]}`),
    result.stdout,
  );
  assert(
    result.out.includes(`Right. The run showed: ${printed[5]}`),
    result.stdout,
  );
});
