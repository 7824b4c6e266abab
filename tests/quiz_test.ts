// `tcpip quiz`: the review questions of chapters 10 and 11, answered through
// the tool's stdin (piped, and on a terminal), marked tolerantly, with one
// hint and one retry, a review of the missed questions and a score.

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import { hasCommand, MAIN, run } from "./_tcpip.ts";

const KO = { LANG: "ko_KR.UTF-8" };

/** The answers of chapter 10, in order, each in a form the quiz must take. */
const CHAPTER_10 = [
  "2", // what the child gets from fork()
  "returns 0", // fork() in the child
  "2", // fork() in the parent
  "zombie.", // the name
  "2", // why zombies exist
  "4", // what does not prevent them
  "2", // wait() with no ended child
  "WNOHANG", // the option
  "0", // waitpid(WNOHANG) with no ended child
  "SIGCHLD.", // the signal
  "2", // sigaction() over signal()
  "2", // alarm(2)
  "t", // a handled signal wakes sleep()
  "f", // one waitpid() per SIGCHLD
  "2", // the server's close() calls
  "f", // the parent's close(clnt_sock)
  "no", // exercise 3: a socket of its own?
  "2", // exercise 5: the handler that asks
  "2", // half-close
];

/** The answers of chapter 11, in order. */
const CHAPTER_11 = [
  "2", // IPC
  "IPC", // the three letters
  "f", // a global variable
  "2", // why the OS must help
  "2", // who makes a pipe
  "fds[1]", // the entrance
  "t", // fds[0] is the exit
  "2", // pipe() before fork()
  "2", // pipe2's problem
  "2", // how many pipes
  "f", // read() and a pause
];

/** Standard input made of `answers`, one per line. */
function input(answers: readonly string[]): string {
  return answers.map((answer) => `${answer}\n`).join("");
}

/** `text` with every run of white space made one space (lines are wrapped). */
function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}

Deno.test("quiz 10 and 11: every question answered right, each explained, and the score", async () => {
  const [ten, eleven] = await Promise.all([
    run(["quiz", "10"], { stdin: input(CHAPTER_10) }),
    run(["quiz", "11"], { stdin: input(CHAPTER_11) }),
  ]);
  for (
    const [result, total] of [[ten, 19], [eleven, 11]] as const
  ) {
    assertEquals(result.code, 0, result.stderr);
    assertMatch(
      result.out[0],
      new RegExp(`^Review of chapter \\d+: ${total} questions\\.`),
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
    ten.stdout,
    "> zombie.\nRight.\n  A zombie: the OS keeps its entry in the process table",
  );
  assertStringIncludes(ten.stdout, "> SIGCHLD.\nRight.\n  SIGCHLD. Register");
  // Both chapters when no chapter is named.
  const both = await run(["quiz"], {
    stdin: input([...CHAPTER_10, ...CHAPTER_11]),
  });
  assertMatch(both.out[0], /^Review: 30 questions\./);
  assertEquals(both.out.at(-1), "score: 30/30");
});

Deno.test("quiz: synonyms, punctuation, spacing and Korean particles are marked right", async () => {
  // Chapter 10's first ten answers and chapter 11's first ten, with the
  // forms under test put where they are right.
  const ten = (fork: string, zombie: string, signal: string) =>
    input(["2", fork, "2", zombie, "2", "4", "2", "wnohang", "0", signal]);
  const eleven = (entrance: string, count: string) =>
    input(["2", "ipc", "f", "2", "2", entrance, "t", "2", "2", count]);
  const runs = await Promise.all([
    run(["quiz", "10"], { stdin: ten("returns 0", "zombie.", "SIGCHLD.") }),
    run(["quiz", "10"], {
      stdin: ten("0을 반환한다", "좀비프로세스", "sigchld"),
    }),
    run(["quiz", "10"], {
      stdin: ten("영", "좀비입니다", "the SIGCHLD signal"),
    }),
    run(["quiz", "10"], { stdin: ten("zero", "Zombie  Process", "SIGCHLD!") }),
    run(["quiz", "11"], { stdin: eleven("fds [1]", "두개") }),
    run(["quiz", "11"], { stdin: eleven("fds[1]", "2개") }),
    run(["quiz", "11"], { stdin: eleven("FDS[1]이다", "두 개입니다") }),
    run(["quiz", "11"], { stdin: eleven("1", "two") }),
  ]);
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

Deno.test("quiz: Korean and English yes/no forms, right where right and wrong where wrong", async () => {
  // Chapter 11: question 3 is false, question 7 is true.
  const answers = (no: string, yes: string) =>
    input(["2", "ipc", no, "2", "2", "fds[1]", yes]);
  const pairs = [
    ["아니", "예"],
    ["아니다", "네"],
    ["아니요", "맞다"],
    ["거짓", "참"],
    ["틀리다", "그렇다"],
    ["false", "true"],
    ["X", "O"],
    ["No.", "yes!"],
  ];
  const right = await Promise.all(
    pairs.map(([no, yes]) => run(["quiz", "11"], { stdin: answers(no, yes) })),
  );
  right.forEach((result, i) => {
    assertEquals(
      result.out.filter((line) => line === "Right.").length,
      7,
      pairs[i].join(" "),
    );
    assertEquals(result.out.at(-1), "score: 7/7");
  });
  // The same words the other way round are wrong: the hint comes.
  const wrong = await run(["quiz", "11"], {
    stdin: input(["2", "ipc", "네", "그렇다"]),
  });
  assertStringIncludes(
    wrong.stdout,
    "> 네\nWrong. Hint: In fork.c the child adds 2 to gval.",
  );
  assertStringIncludes(
    wrong.stdout,
    "> 그렇다\nWrong. The answer: false\n",
  );
});

Deno.test("quiz: a wrong first answer gets the hint and one more try; misses are reviewed", async () => {
  const result = await run(["quiz", "11"], {
    stdin: input(["1", "2", "TCP", "UDP", "f"]),
  });
  assertEquals(result.code, 0);
  // Wrong, hint, right on the second try: it counts.
  assertStringIncludes(
    result.stdout,
    "> 1\nWrong. Hint: Read the name: between processes.",
  );
  assertStringIncludes(result.stdout, "Try once more.\n> 2\nRight.\n");
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

Deno.test("quiz: an answer that is neither right nor wrong is asked again once", async () => {
  const result = await run(["quiz", "11"], {
    stdin: input(["maybe", "2", "hmm", "what", "ipc"]),
  });
  // Unclear, then right: no hint was needed.
  assertStringIncludes(
    result.stdout,
    "> maybe\nNot sure what you mean. Answer with the number of an option.\n> 2\nRight.",
  );
  // Unclear twice counts as a wrong first answer: then the hint.
  assertStringIncludes(
    result.stdout,
    "> hmm\nNot sure what you mean. Answer with a word or a short phrase.\n" +
      "> what\nWrong. Hint:",
  );
  assertStringIncludes(result.stdout, "Try once more.\n> ipc\nRight.");
  assertEquals(result.out.at(-1), "score: 2/2");
  // An empty answer is no answer: the hint, then the answer.
  const empty = await run(["quiz", "11"], { stdin: "\n\n" });
  assertStringIncludes(empty.stdout, "> \nNo answer. Hint: Read the name");
  assertStringIncludes(
    empty.stdout,
    "> \nNo answer. The answer: 2) exchanging",
  );
  assertStringIncludes(empty.stdout, "   your answer: (none)");
});

Deno.test("quiz: the end of input ends the quiz with the score so far", async () => {
  const [none, some, midRetry] = await Promise.all([
    run(["quiz", "10"], { stdin: "" }),
    run(["quiz", "10"], { stdin: input(["2", "0", "1", "1"]) }),
    run(["quiz", "10"], { stdin: input(["2", "3"]) }),
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

Deno.test("quiz: Korean locale, in the book's terms", async () => {
  const [ten, eleven, english] = await Promise.all([
    run(["quiz", "10"], {
      stdin: input(["2", "0", "2", "고아", "데몬"]),
      env: KO,
    }),
    run(["quiz", "11"], {
      stdin: input([
        "2",
        "ipc",
        "참",
        "거짓",
        "2",
        "2",
        "fds[0]",
        "fds[1]",
        "예",
        "2",
        "2",
        "3",
        "4",
      ]),
      env: KO,
    }),
    run(["quiz", "11", "--lang", "en"], { stdin: "", env: KO }),
  ]);
  assertEquals(ten.code, 0);
  assertMatch(ten.out[0], /^10장 복습 문제: 19문제\./);
  assertStringIncludes(ten.stdout, "> 2\n정답입니다.\n  fork 함수는");
  assertStringIncludes(
    ten.stdout,
    "> 고아\n오답입니다. 힌트: ps 명령은 이 프로세스의 상태를 Z로 보여 준다.",
  );
  assertStringIncludes(ten.stdout, "한 번 더 답해 보세요.\n> 데몬\n");
  assertStringIncludes(ten.stdout, "오답입니다. 정답: 좀비(zombie)\n");
  assertStringIncludes(
    ten.stdout,
    "입력이 끝나서 19문제 중 4문제까지만 채점했습니다.",
  );
  assertStringIncludes(
    ten.stdout,
    "다시 볼 문제: 1개\n4. 실행을 마쳤는데도 부모 프로세스가",
  );
  assertStringIncludes(ten.stdout, "   내 답: 데몬\n   정답: 좀비(zombie)\n");
  assertEquals(ten.out.at(-1), "점수: 3/4");

  assertMatch(eleven.out[0], /^11장 복습 문제: 11문제\./);
  assertStringIncludes(eleven.stdout, "> 참\n오답입니다. 힌트: fork.c에서");
  assertStringIncludes(eleven.stdout, "> 거짓\n정답입니다.\n  거짓이다.");
  assertStringIncludes(eleven.stdout, "> fds[0]\n오답입니다. 힌트:");
  assertStringIncludes(
    eleven.stdout,
    "> fds[1]\n정답입니다.\n  fds[1]이 파이프의 입구",
  );
  assertStringIncludes(eleven.stdout, "> 4\n오답입니다. 정답: 2개\n");
  assertStringIncludes(
    flat(eleven.stdout),
    "1) 각자 pipe 함수를 호출하면 운영체제가 두 파이프를 이어 준다",
  );
  assertEquals(eleven.out.at(-1), "점수: 9/10");
  assert(!/[\uac00-\ud7a3]/.test(english.stdout), "--lang en wins");
});

/** `script` (util-linux, BSD) runs a command on a terminal of its own. */
const SCRIPT = hasCommand("script") && Deno.build.os === "linux";

Deno.test({
  name: SCRIPT
    ? "quiz on a terminal: typed answers, Ctrl+D ends it with the score"
    : "quiz on a terminal (skipped: no `script` command for a terminal)",
  ignore: !SCRIPT,
  async fn() {
    const command = `'${Deno.execPath()}' run -A --quiet '${MAIN}' quiz 11`;
    const terminal = new Deno.Command("script", {
      args: ["-qfec", command, "/dev/null"],
      env: { LANG: "C", LC_ALL: "", NO_COLOR: "1" },
      stdin: "piped",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const keyboard = terminal.stdin.getWriter();
    const type = (text: string) =>
      keyboard.write(new TextEncoder().encode(text));
    let screen = "";
    let typed = 0;
    for await (
      const chunk of terminal.stdout.pipeThrough(new TextDecoderStream())
    ) {
      screen += chunk.replaceAll("\r", "");
      if (!screen.endsWith("> ")) continue;
      // Each answer when its prompt shows, as a person types.
      if (typed === 0) await type("2\n");
      else if (typed === 1) await type("ipc\n");
      else if (typed === 2) await type("\x04"); // Ctrl+D: end of input
      typed++;
    }
    await keyboard.close();
    assertEquals((await terminal.status).code, 0, screen);
    // The terminal echoes what was typed; the quiz does not repeat it.
    assertStringIncludes(screen, "> 2\nRight.\n");
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
