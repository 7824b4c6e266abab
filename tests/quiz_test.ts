// `tcpip quiz`: the review questions of chapters 10 and 11, answered through
// the tool's stdin (piped, and on a terminal), their options in a seeded
// order, marked tolerantly but not blindly, with one hint and one retry, a
// review of the missed questions and a score (also after Ctrl+C).

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import { mark, planQuiz, type Question, QUESTIONS } from "../src/teach/quiz.ts";
import { readTruth } from "../src/teach/quiz_marking.ts";
import { MAIN, run, Tool } from "./_tcpip.ts";
import { onTerminal, SCRIPT } from "./_terminal.ts";

const KO = { LANG: "ko_KR.UTF-8" };

/** Forms of the right answer that the quiz must take, by question id. */
const FORMS: Record<string, string> = {
  "fork-child-returns": "returns 0",
  "zombie-name": "zombie.",
  wnohang: "WNOHANG",
  "wnohang-returns": "0",
  sigchld: "SIGCHLD.",
  "ipc-letters": "IPC",
  "pipe-entrance": "fds[1]",
  "pipes-needed": "2",
};

/** The right answer to `question` as the session shows it. */
function rightOf(question: Question): string {
  switch (question.kind) {
    case "choice":
      return String(question.answer);
    case "truth":
      return question.answer ? "t" : "f";
    case "yesno":
      return question.answer ? "yes" : "no";
    default:
      return FORMS[question.id];
  }
}

/** The question of the session `questions` whose id is `id`, and its number. */
function numbered(questions: Question[], id: string): [Question, number] {
  const index = questions.findIndex((question) => question.id === id);
  assert(index >= 0, id);
  return [questions[index], index + 1];
}

/** Standard input made of `answers`, one per line. */
function input(answers: readonly string[]): string {
  return answers.map((answer) => `${answer}\n`).join("");
}

/** `text` with every run of white space made one space (lines are wrapped). */
function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** The question with `id`, as written. */
function question(id: string): Question {
  const found = QUESTIONS.find((q) => q.id === id);
  assert(found, id);
  return found;
}

Deno.test("quiz 10 and 11: every question answered right, each explained, and the score", async () => {
  const [ten, eleven] = [planQuiz("10", 5), planQuiz("11", 5)];
  assertEquals([ten.length, eleven.length], [19, 11]);
  const [tenRun, elevenRun] = await Promise.all([
    run(["quiz", "10", "--seed", "5"], { stdin: input(ten.map(rightOf)) }),
    run(["quiz", "11", "--seed", "5"], { stdin: input(eleven.map(rightOf)) }),
  ]);
  for (
    const [result, total] of [[tenRun, 19], [elevenRun, 11]] as const
  ) {
    assertEquals(result.code, 0, result.stderr);
    assertMatch(
      result.out[0],
      new RegExp(`^Review of chapter \\d+: ${total} questions\\.`),
    );
    assertStringIncludes(
      flat(result.stdout),
      `The same questions again: tcpip quiz ${total === 19 ? 10 : 11} --seed 5`,
    );
    assertEquals(result.out.filter((line) => line === "Right.").length, total);
    assertEquals(
      result.out.filter((line) => line.startsWith("> ")).length,
      total,
    );
    assert(!result.stdout.includes("Wrong."), result.stdout);
    assert(!result.stdout.includes("Review:"), "nothing to review");
    assertEquals(result.out.at(-1), `score: ${total}/${total}`);
  }
  // The answer as given, the mark, then the explanation.
  assertStringIncludes(
    tenRun.stdout,
    "> zombie.\nRight.\n  A zombie: the OS keeps its entry in the process table",
  );
  assertStringIncludes(
    tenRun.stdout,
    "> SIGCHLD.\nRight.\n  SIGCHLD. Register",
  );
  // Both chapters when no chapter is named.
  const both = planQuiz(undefined, 9);
  const all = await run(["quiz", "--seed", "9"], {
    stdin: input(both.map(rightOf)),
  });
  assertMatch(all.out[0], /^Review: 30 questions\./);
  assertEquals(all.out.at(-1), "score: 30/30");
});

Deno.test("quiz: a seed orders the options, so no position is always right; the same seed asks the same", async () => {
  const positions = new Set<number>();
  const blind: number[] = [];
  for (let seed = 0; seed < 20; seed++) {
    const questions = planQuiz(undefined, seed);
    assertEquals(
      questions.map((q) => q.kind === "choice" ? q.options : q),
      planQuiz(undefined, seed).map((q) => q.kind === "choice" ? q.options : q),
    );
    for (const q of questions) if (q.kind === "choice") positions.add(q.answer);
    // The shown order is the written one, shuffled: the right option stays right.
    for (const q of questions) {
      if (q.kind !== "choice") continue;
      const written = question(q.id);
      assert(written.kind === "choice");
      assertEquals(
        q.options[q.answer - 1],
        written.options[written.answer - 1],
      );
    }
    // Answering 2 / x / 0 to everything without reading (21 of 30 before).
    blind.push(
      questions.filter((q) =>
        mark(
          q,
          q.kind === "choice"
            ? "2"
            : q.kind === "truth" || q.kind === "yesno"
            ? "x"
            : "0",
        ) === "right"
      ).length,
    );
  }
  assertEquals([...positions].sort(), [1, 2, 3, 4]);
  const mean = blind.reduce((a, b) => a + b, 0) / blind.length;
  assert(mean < 13, `answering blindly scores ${mean} of 30 on average`);
  // On the command line: the same seed shows the same options.
  const [first, again, other] = await Promise.all([
    run(["quiz", "11", "--seed", "3"], { stdin: "" }),
    run(["quiz", "11", "--seed", "3"], { stdin: "" }),
    run(["quiz", "11", "--seed", "4"], { stdin: "" }),
  ]);
  assertEquals(first.stdout, again.stdout);
  const shown = planQuiz("11", 3)[0];
  assert(shown.kind === "choice");
  shown.options.forEach((option, i) =>
    assertStringIncludes(flat(first.stdout), `${i + 1}) ${option.en}`)
  );
  assert(first.stdout !== other.stdout.replace("--seed 4", "--seed 3"));
});

Deno.test("marking: natural yes/no answers, in Korean and English, read as they mean", () => {
  const yes = [
    "맞는 말이다",
    "옳은 설명이다",
    "사실이다",
    "예, 일찍 깨어난다",
    "it's true",
    "예",
    "네",
    "맞다",
    "참",
    "그렇다",
    "true",
    "O",
    "yes!",
    "t",
    "틀리지 않다",
  ];
  const no = [
    "틀린 말이다",
    "그렇지 않다",
    "사실이 아니다",
    "옳지 않다",
    "아뇨",
    "아니요, 시그널이 합쳐질 수 있다",
    "that's false",
    "아니",
    "아니다",
    "아니요",
    "거짓",
    "틀리다",
    "false",
    "X",
    "No.",
    "f",
    "not true",
  ];
  for (const text of yes) assertEquals(readTruth(text), true, text);
  for (const text of no) assertEquals(readTruth(text), false, text);
  for (const text of ["네, 아니요", "maybe", "잘 모르겠다"]) {
    assertEquals(readTruth(text), null, text);
  }
  // As the quiz marks them: a true statement, and a false one.
  const wakes = question("sleep-wakes"); // true
  const merged = question("one-waitpid"); // false
  for (const text of yes) assertEquals(mark(wakes, text), "right", text);
  for (const text of no) assertEquals(mark(merged, text), "right", text);
  assertEquals(mark(wakes, "아니요, 시그널이 합쳐질 수 있다"), "wrong");
  assertEquals(mark(merged, "예, 일찍 깨어난다"), "wrong");
});

Deno.test("marking: negations, corrections and swapped roles are read as such", () => {
  const child = question("fork-child-returns"); // 0
  const wrong = [
    "자식에서는 자식의 pid, 부모에서는 0", // roles swapped
    "부모에서는 0",
    "0이 아니다",
    "0이 아닌 양수",
    "non-zero",
    "not 0",
    "a positive number",
    "자식의 pid",
    "the child's pid",
    "1",
  ];
  const right = [
    "0",
    "returns 0",
    "0을 반환한다",
    "영",
    "zero",
    "자식에서는 0, 부모에서는 자식의 pid",
    "in the child 0, in the parent the child's pid",
    "pid가 아니라 0",
  ];
  for (const text of wrong) assertEquals(mark(child, text), "wrong", text);
  for (const text of right) assertEquals(mark(child, text), "right", text);
  const wnohang = question("wnohang");
  assertEquals(mark(wnohang, "WNOHANG이 아니라 0"), "wrong");
  assertEquals(mark(wnohang, "not WNOHANG but 0"), "wrong");
  assertEquals(mark(wnohang, "WNOHANG이 아니다"), "wrong");
  assertEquals(mark(wnohang, "0이 아니라 WNOHANG"), "right");
  assertEquals(mark(wnohang, "WNOHANG, not 0"), "right");
});

Deno.test("marking: an identifier is spelled exactly, case aside", () => {
  const wnohang = question("wnohang");
  const sigchld = question("sigchld");
  for (
    const text of ["WNOHANG", "wnohang", "WNOHANG입니다", "the WNOHANG option"]
  ) {
    assertEquals(mark(wnohang, text), "right", text);
  }
  for (
    const text of ["W_NOHANG", "NOHANG", "WNOHAND", "WNOHANGS", "0", "NULL"]
  ) {
    assertEquals(mark(wnohang, text), "wrong", text);
  }
  for (
    const text of [
      "SIGCHLD",
      "sigchld",
      "SIGCHLD.",
      "the SIGCHLD signal",
      "SIGCHLD이다",
      "SIGCLD",
    ]
  ) {
    assertEquals(mark(sigchld, text), "right", text);
  }
  for (const text of ["SIGCHILD", "SIGCHL", "SIGCHLDD", "SIGINT"]) {
    assertEquals(mark(sigchld, text), "wrong", text);
  }
  // Not an identifier at all: asked again, not marked wrong.
  assertEquals(mark(wnohang, "모르겠다"), "unclear");
});

Deno.test("quiz: synonyms, punctuation, spacing and Korean particles are marked right", async () => {
  // The first ten questions of each chapter, with the forms under test put
  // where they are right.
  const session = (chapter: "10" | "11", forms: Record<string, string>) => {
    const questions = planQuiz(chapter, 2).slice(0, 10);
    return input(questions.map((q) => forms[q.id] ?? rightOf(q)));
  };
  const runs = await Promise.all([
    [{
      "fork-child-returns": "returns 0",
      "zombie-name": "zombie.",
      sigchld: "SIGCHLD.",
    }, "10"],
    [{
      "fork-child-returns": "0을 반환한다",
      "zombie-name": "좀비프로세스",
      sigchld: "sigchld",
    }, "10"],
    [{
      "fork-child-returns": "영",
      "zombie-name": "좀비입니다",
      sigchld: "the SIGCHLD signal",
    }, "10"],
    [{
      "fork-child-returns": "zero",
      "zombie-name": "Zombie  Process",
      sigchld: "SIGCHLD!",
    }, "10"],
    [{
      "pipe-entrance": "fds [1]",
      "pipes-needed": "두개",
      "ipc-letters": "ipc",
    }, "11"],
    [{ "pipe-entrance": "FDS[1]이다", "pipes-needed": "두 개입니다" }, "11"],
    [{ "pipe-entrance": "1", "pipes-needed": "two" }, "11"],
  ].map(([forms, chapter]) =>
    run(["quiz", chapter as "10" | "11", "--seed", "2"], {
      stdin: session(chapter as "10" | "11", forms as Record<string, string>),
    })
  ));
  for (const result of runs) {
    assertEquals(result.code, 0, result.stderr);
    assertEquals(
      result.out.filter((line) => line === "Right.").length,
      10,
      result.stdout,
    );
    assertEquals(result.out.at(-1), "score: 10/10");
  }
});

Deno.test("quiz: a wrong first answer gets the hint and one more try; misses are reviewed", async () => {
  const questions = planQuiz("11", 1);
  const [ipc] = numbered(questions, "ipc");
  assert(ipc.kind === "choice");
  const wrongChoice = String(ipc.answer === 1 ? 2 : 1);
  const [global] = numbered(questions, "global-variable");
  const result = await run(["quiz", "11", "--seed", "1"], {
    stdin: input([wrongChoice, rightOf(ipc), "TCP", "UDP", rightOf(global)]),
  });
  assertEquals(result.code, 0);
  // Wrong, hint, right on the second try: it counts.
  assertStringIncludes(
    result.stdout,
    `> ${wrongChoice}\nWrong. Hint: Read the name: between processes.`,
  );
  assertStringIncludes(
    result.stdout,
    `Try once more.\n> ${ipc.answer}\nRight.\n`,
  );
  // Wrong twice: the answer and the explanation.
  assertStringIncludes(
    result.stdout,
    "> TCP\nWrong. Hint: Its first letter stands for 'inter'",
  );
  assertStringIncludes(
    result.stdout,
    "> UDP\nWrong. The answer: IPC\n  IPC, Inter-Process Communication.",
  );
  // Input ends in the middle of question 4: three were marked.
  assertStringIncludes(result.stdout, "Input ended after 3 of 11 questions.");
  const review = result.out.indexOf("Review: 1 missed");
  assert(review > 0, result.stdout);
  assertEquals(result.out.slice(review + 1, review + 4), [
    "2. What is communication between processes called, in three letters?",
    "   your answer: UDP",
    "   the answer: IPC",
  ]);
  assertEquals(result.out.at(-1), "score: 2/3");
});

Deno.test("quiz: an answer that cannot be read is asked again once, then left unmarked, never counted wrong", async () => {
  const questions = planQuiz("11", 1);
  const [ipc] = numbered(questions, "ipc");
  const result = await run(["quiz", "11", "--seed", "1"], {
    stdin: input(["maybe", rightOf(ipc), "hmm", "what", "f"]),
  });
  // Unclear, then right: no hint was needed.
  assertStringIncludes(
    result.stdout,
    `> maybe\nNot sure what you mean. Answer with the number of an option.\n> ${
      rightOf(ipc)
    }\nRight.`,
  );
  // Unclear twice: not marked, the answer shown, no hint, no miss.
  assertStringIncludes(
    result.stdout,
    "> hmm\nNot sure what you mean. Answer with a word or a short phrase.\n" +
      "> what\nCould not read it: not marked. The answer: IPC\n",
  );
  assert(!result.stdout.includes("Review:"), result.stdout);
  assertStringIncludes(result.stdout, "Input ended after 3 of 11 questions.");
  assertStringIncludes(
    result.stdout,
    "Not marked (the answers could not be read): 2",
  );
  assertEquals(result.out.at(-1), "score: 2/2");
  // An empty answer is no answer: the hint, then the answer.
  const empty = await run(["quiz", "11", "--seed", "1"], { stdin: "\n\n" });
  assertStringIncludes(empty.stdout, "> \nNo answer. Hint: Read the name");
  assertStringIncludes(
    empty.stdout,
    `> \nNo answer. The answer: ${rightOf(ipc)}) exchanging`,
  );
  assertStringIncludes(empty.stdout, "   your answer: (none)");
});

Deno.test("quiz: the end of input ends the quiz with the score so far", async () => {
  const questions = planQuiz("10", 8);
  const [gets] = numbered(questions, "fork-child-gets");
  const [parent] = numbered(questions, "fork-parent-returns");
  assert(parent.kind === "choice");
  const other = String(parent.answer === 3 ? 4 : 3);
  const [none, some, midRetry] = await Promise.all([
    run(["quiz", "10", "--seed", "8"], { stdin: "" }),
    run(["quiz", "10", "--seed", "8"], {
      stdin: input([rightOf(gets), "0", other, other]),
    }),
    run(["quiz", "10", "--seed", "8"], { stdin: input([rightOf(gets), "3"]) }),
  ]);
  assertEquals(none.code, 0);
  assertStringIncludes(none.stdout, "Input ended after 0 of 19 questions.");
  assertEquals(none.out.at(-1), "score: 0/0");
  assertStringIncludes(some.stdout, "Input ended after 3 of 19 questions.");
  assertEquals(some.out.at(-1), "score: 2/3");
  // Ended after a wrong first answer: that question counts as missed.
  assertStringIncludes(midRetry.stdout, "Input ended after 2 of 19 questions.");
  assertStringIncludes(midRetry.stdout, "   your answer: 3");
  assertEquals(midRetry.out.at(-1), "score: 1/2");
});

Deno.test({
  name: "quiz: Ctrl+C ends it with the score so far, and status 130",
  // Windows: kill() is TerminateProcess; a test cannot press Ctrl+C there.
  ignore: Deno.build.os === "windows",
  async fn() {
    const questions = planQuiz("11", 6);
    const tool = Tool.start(["quiz", "11", "--seed", "6"], { stdin: "" });
    await tool.write(input([rightOf(questions[0]), "UDP", "TCP"]));
    await tool.waitFor("out", /^3\/11 /);
    tool.kill("SIGINT");
    // Before finish() closes stdin, which would end the quiz by itself.
    await tool.waitFor("out", /^score: /);
    const result = await tool.finish();
    assertEquals(result.code, 130, result.stderr);
    assertStringIncludes(
      result.stdout,
      "Stopped with Ctrl+C after 2 of 11 questions.",
    );
    assertStringIncludes(result.stdout, "Review: 1 missed");
    assertEquals(result.out.at(-1), "score: 1/2");
  },
});

Deno.test("quiz: Korean locale, in the book's terms and in 한다체", async () => {
  const ten = planQuiz("10", 4);
  const eleven = planQuiz("11", 4);
  const wrongOf = (q: Question) =>
    q.kind === "choice" ? String(q.answer === 1 ? 2 : 1) : "";
  const [ipc] = numbered(eleven, "ipc");
  const [why] = numbered(eleven, "why-os");
  const [owner] = numbered(eleven, "pipe-owner");
  const [before, beforeNumber] = numbered(eleven, "pipe-before-fork");
  const [pipe2] = numbered(eleven, "pipe2-problem");
  assert(before.kind === "choice");
  const [tenRun, elevenRun, english] = await Promise.all([
    run(["quiz", "10", "--seed", "4"], {
      stdin: input([
        rightOf(ten[0]),
        "0",
        rightOf(ten[2]),
        "고아",
        "데몬",
      ]),
      env: KO,
    }),
    run(["quiz", "11", "--seed", "4"], {
      stdin: input([
        rightOf(ipc),
        "ipc",
        "참",
        "거짓",
        rightOf(why),
        rightOf(owner),
        "fds[0]",
        "fds[1]",
        "예",
        rightOf(before),
        rightOf(pipe2),
        "3",
        "4",
      ]),
      env: KO,
    }),
    run(["quiz", "11", "--lang", "en"], { stdin: "", env: KO }),
  ]);
  assertEquals(tenRun.code, 0);
  assertMatch(tenRun.out[0], /^10장 복습 문제: 19문제\./);
  assertStringIncludes(
    tenRun.stdout,
    `> ${rightOf(ten[0])}\n정답이다.\n  fork 함수는`,
  );
  assertStringIncludes(
    tenRun.stdout,
    "> 고아\n오답이다. 힌트: ps 명령은 이 프로세스의 상태를 Z로 보여 준다.",
  );
  assertStringIncludes(tenRun.stdout, "한 번 더 답해 보자.\n> 데몬\n");
  assertStringIncludes(tenRun.stdout, "오답이다. 정답: 좀비(zombie)\n");
  assertStringIncludes(
    tenRun.stdout,
    "입력이 끝나서 19문제 중 4문제까지만 채점했다.",
  );
  assertStringIncludes(
    tenRun.stdout,
    "다시 볼 문제: 1개\n4. 실행을 마쳤는데도 부모 프로세스가",
  );
  assertStringIncludes(
    tenRun.stdout,
    "   내 답: 데몬\n   정답: 좀비(zombie)\n",
  );
  assertEquals(tenRun.out.at(-1), "점수: 3/4");

  assertMatch(elevenRun.out[0], /^11장 복습 문제: 11문제\./);
  assertStringIncludes(elevenRun.stdout, "> 참\n오답이다. 힌트: fork.c에서");
  assertStringIncludes(elevenRun.stdout, "> 거짓\n정답이다.\n  거짓이다.");
  assertStringIncludes(elevenRun.stdout, "> fds[0]\n오답이다. 힌트:");
  assertStringIncludes(
    elevenRun.stdout,
    "> fds[1]\n정답이다.\n  fds[1]이 파이프의 입구",
  );
  assertStringIncludes(elevenRun.stdout, "> 4\n오답이다. 정답: 2개\n");
  const joins = before.options.findIndex((option) =>
    option.ko.startsWith("각자 pipe 함수를")
  );
  assertStringIncludes(
    flat(elevenRun.stdout),
    `${joins + 1}) 각자 pipe 함수를 호출하면 운영체제가 두 파이프를 이어 준다`,
  );
  assertEquals(beforeNumber, 8);
  assertEquals(elevenRun.out.at(-1), "점수: 9/10");
  // 한다체 throughout: no 합니다체 in what the quiz says.
  assert(!/(습니다|입니다|세요)\b/.test(tenRun.stdout + elevenRun.stdout));
  assert(!/[\uac00-\ud7a3]/.test(english.stdout), "--lang en wins");
  assertEquals(wrongOf(ten[0]) !== rightOf(ten[0]), true);
});

Deno.test({
  name: SCRIPT
    ? "quiz on a terminal: typed answers, Ctrl+D ends it with the score"
    : "quiz on a terminal (skipped: no `script` command for a terminal)",
  ignore: !SCRIPT,
  async fn() {
    const first = rightOf(planQuiz("11", 12)[0]);
    // Each answer when its prompt shows, as a person types.
    const { screen, status, untyped } = await onTerminal(
      `'${Deno.execPath()}' run -A --quiet '${MAIN}' quiz 11 --seed 12`,
      [
        { see: /> $/, type: `${first}\n` },
        { see: /> $/, type: "ipc\n" },
        { see: /> $/, type: "\x04" }, // Ctrl+D: end of input
      ],
      { env: { LANG: "C", LC_ALL: "", NO_COLOR: "1" } },
    );
    assertEquals(untyped.length, 0, screen);
    assertEquals(status, 0, screen);
    // The terminal echoes what was typed; the quiz does not repeat it.
    assertStringIncludes(screen, `> ${first}\nRight.\n`);
    assertStringIncludes(screen, "> ipc\nRight.\n");
    assertStringIncludes(screen, "Input ended after 2 of 11 questions.");
    assert(screen.trimEnd().endsWith("score: 2/2"), screen);
  },
});

Deno.test("quiz: what the explanations say is what the OS does", async () => {
  const { QUESTIONS } = await import("../src/teach/quiz.ts");
  const explain = (id: string) =>
    QUESTIONS.find((question) => question.id === id)!.explain;
  // Measured in C: a child that kept the listening socket kept the port
  // taken (bind(): Address already in use) until it exited; then bind() worked.
  const serverClose = explain("server-close");
  assertStringIncludes(flat(serverClose.en), "until the child exits too");
  assert(!serverClose.en.includes("could never be destroyed"));
  assertStringIncludes(flat(serverClose.ko), "자식이 종료하기 전까지는");
  // read() on a pipe blocks only while the pipe is empty.
  const readEof = explain("read-eof");
  assertStringIncludes(
    flat(readEof.en),
    "While the pipe is empty, read() blocks",
  );
  assertStringIncludes(flat(readEof.ko), "파이프가 비어 있을 때");
});
