// The teaching commands: list, explain, source, quiz.

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { bookTitle, CHAPTERS, PROGRAMS } from "../src/catalog.ts";
import { WIDTH } from "../src/teach/explain.ts";
import { displayWidth } from "../src/width.ts";
import { run } from "./_tcpip.ts";

const hangul = /[\uac00-\ud7a3]/;
const KO = { LANG: "ko_KR.UTF-8" };

Deno.test("list: every program under its chapter, with how to run it", async () => {
  const result = await run(["list"]);
  assertEquals(result.code, 0);
  const headings = CHAPTERS.map((chapter) =>
    result.out.indexOf(chapter.title.en)
  );
  assert(
    headings.every((i, n) => i >= 0 && (n === 0 || i > headings[n - 1])),
    result.stdout,
  );
  for (const spec of PROGRAMS) {
    const line = result.out.findIndex((l) => l.startsWith(`  ${spec.name} `));
    assert(line >= 0, spec.name);
    // Its summary, wrapped under its column, then how to run it.
    const run = result.out.findIndex((l, i) =>
      i > line && l.trim().startsWith("$ ")
    );
    assertEquals(
      result.out.slice(line, run).join(" ").replace(/\s+/g, " ").trim(),
      `${spec.name} ${spec.summary.en}`,
    );
    assert(
      result.out[run].trim().startsWith(`$ tcpip ${spec.name}`),
      result.out[run],
    );
    // Under its own chapter's heading.
    const chapter = CHAPTERS.findIndex((c) => c.id === spec.chapter);
    assert(
      line > headings[chapter] && (headings[chapter + 1] ?? Infinity) > line,
      spec.name,
    );
  }
  assert(!hangul.test(result.stdout));
  const korean = await run(["list"], { env: KO });
  assertStringIncludes(korean.stdout, "10장: 멀티프로세스 기반의 서버 구현");
});

Deno.test("explain: every program, in English and in Korean, within the terminal's width", async () => {
  const runs = PROGRAMS.flatMap((spec) => [
    run(["explain", spec.name, "--lang", "en"]),
    run(["explain", spec.name, "--lang", "ko"]),
  ]);
  const results = await Promise.all(runs);
  PROGRAMS.forEach((spec, i) => {
    const [en, ko] = [results[2 * i], results[2 * i + 1]];
    for (const [result, lang] of [[en, "en"], [ko, "ko"]] as const) {
      assertEquals(result.code, 0, spec.name);
      assertStringIncludes(
        result.out[0],
        `tcpip ${spec.name} (${bookTitle(spec)[lang]}`,
      );
      assert(
        result.out.every((line) => displayWidth(line) <= WIDTH),
        `${spec.name}: a line too wide`,
      );
    }
    assert(!hangul.test(en.stdout), `${spec.name}: Korean in the English text`);
    // The exercises have no code in the book: their pitfalls are a solution's.
    const exercise = spec.chapter === "exercises";
    for (
      const heading of [
        "What it shows",
        "C calls and what stands in for them",
        "What to watch for",
        "What differs from C, and why",
        exercise ? "Pitfalls of a solution" : "Pitfalls in the book's code",
      ]
    ) {
      assert(en.out.includes(heading), `${spec.name}: ${heading}`);
    }
    assert(hangul.test(ko.stdout), `${spec.name}: no Korean text`);
    assert(
      ko.out.includes(
        exercise ? "풀이에서 빠지기 쉬운 함정" : "책의 코드에 숨은 함정",
      ),
      spec.name,
    );
    assert(
      exercise !== en.out.includes("Pitfalls in the book's code"),
      spec.name,
    );
  });
});

Deno.test("explain: the locale picks the language, --lang overrides it", async () => {
  const [locale, english, lcAll] = await Promise.all([
    run(["explain", "zombie"], { env: KO }),
    run(["explain", "zombie", "--lang", "en"], { env: KO }),
    run(["explain", "zombie"], {
      env: { LANG: "en_US.UTF-8", LC_ALL: "ko_KR.UTF-8" },
    }),
  ]);
  assert(locale.out.includes("무엇을 보여 주나"));
  assert(english.out.includes("What it shows"));
  assert(lcAll.out.includes("무엇을 보여 주나"), "LC_ALL wins over LANG");
});

Deno.test("explain names the pitfalls the book's code is known for", async () => {
  const text = async (name: string) =>
    (await run(["explain", name, "--lang", "en"])).stdout.replace(/\s+/g, " ");
  const [zombie, server, client, pipe2, store] = await Promise.all(
    ["remove-zombie", "echo-server", "echo-client", "pipe2", "echo-storeserver"]
      .map(text),
  );
  assertStringIncludes(zombie, "Signals of one kind do not queue");
  assertStringIncludes(server, "read(clnt_sock, buf, BUFSIZ)");
  assertStringIncludes(client, "buf[str_len]=0 writes one byte past the end");
  assertStringIncludes(
    client,
    "q must half-close with shutdown(sock, SHUT_WR), not close(sock)",
  );
  assertStringIncludes(pipe2, "the child may read back its own message");
  assertStringIncludes(store, "stops after exactly 10 reads");
});

Deno.test("source: byte for byte the file in examples/", async () => {
  const results = await Promise.all(
    PROGRAMS.map((spec) => run(["source", spec.name])),
  );
  PROGRAMS.forEach((spec, i) => {
    assertEquals(results[i].code, 0);
    const file = Deno.readTextFileSync(
      new URL(`../examples/${spec.file}.ts`, import.meta.url),
    );
    assertEquals(results[i].stdout, file, spec.name);
  });
});

Deno.test("explain/source/quiz: mistakes are usage errors with exit 2", async () => {
  const cases: [string[], string][] = [
    [["explain"], "tcpip: missing <program>"],
    [
      ["explain", "zombi"],
      "tcpip: unknown program 'zombi'. Did you mean 'zombie'? Run 'tcpip list' to see all programs.",
    ],
    [
      ["explain", "fork", "--lang", "fr"],
      "tcpip: --lang must be ko or en, got 'fr'",
    ],
    [
      ["source", "pipe9"],
      "tcpip: unknown program 'pipe9'. Did you mean 'pipe1'? Run 'tcpip list' to see all programs.",
    ],
    [["quiz", "12"], "tcpip: the quiz has chapters 10 and 11, not '12'"],
    [
      ["quiz", "10", "--seed", "-1"],
      "tcpip: --seed must be a whole number from 0 to 4294967295, got '-1'",
    ],
  ];
  const results = await Promise.all(cases.map(([args]) => run(args)));
  results.forEach((result, i) => {
    assertEquals(result.code, 2, cases[i][0].join(" "));
    assertEquals(result.err[0], cases[i][1]);
  });
});

Deno.test("list, --help and predict say what the OS does: wait()'s order is the OS's, --close is the mistake the book warns against", async () => {
  const [list, listKo, wait, waitKo, client] = await Promise.all([
    run(["list"]),
    run(["list"], { env: KO }),
    run(["wait", "--help"]),
    run(["wait", "--help"], { env: KO }),
    run(["echo-client", "--help"]),
  ]);
  // Measured in C: with the second child ended first and the parent waiting
  // a second, wait() still returned 3 first (5 runs of 5): the oldest first.
  const flatOf = (text: string) => text.replace(/\s+/g, " ");
  for (const result of [list, wait]) {
    const text = flatOf(result.stdout);
    assertStringIncludes(text, "the OS picks which comes first");
    assert(!text.includes("in the order they end"), text);
  }
  for (const result of [listKo, waitKo]) {
    const text = flatOf(result.stdout);
    assertStringIncludes(text, "어느 것이 먼저일지는 OS가 정한다");
    assert(!text.includes("끝난 순서"), text);
  }
  const flat = client.stdout.replace(/\s+/g, " ");
  assertStringIncludes(flat, "the mistake the book warns against");
  assert(!flat.includes("the book's pitfall"), flat);

  // predict wait explains either order by the OS's rule, not by the order of ends.
  const { loadPredictions } = await import("../src/teach/predict.ts");
  const { findProgram } = await import("../src/catalog.ts");
  const program = await loadPredictions(findProgram("wait")!);
  const order = program.pool({
    speed: 1,
    params: { "first-status": 3, "second-status": 7 },
    variant: "",
    size: 0,
  }).find((prediction) => prediction.id === "wait.order")!;
  for (const seen of [[3, 7], [7, 3]]) {
    const text = order.explain({ value: seen, shown: { en: "", ko: "" } });
    assertStringIncludes(text.en, "the oldest first");
    assert(!/order the children end/.test(text.en), text.en);
    assert(!/종료한 순서/.test(text.ko), text.ko);
  }
});

// The quiz itself is tested in quiz_test.ts.

Deno.test("--lang ko|en: every program, list and help take it, over the locale", async () => {
  const [korean, english, list, help, wrong] = await Promise.all([
    run(["fork", "--lang", "ko"]),
    run(["fork", "--lang", "en"], { env: KO }),
    run(["list", "--lang", "ko"]),
    run(["help", "wait", "--lang", "ko"]),
    run(["pipe1", "--lang", "fr"]),
  ]);
  assertEquals(korean.code, 0, korean.stderr);
  assert(hangul.test(korean.stderr), korean.stderr);
  assert(!hangul.test(english.stderr), english.stderr);
  // The book's bytes stay the same whatever the language.
  assertEquals(korean.out.toSorted(), english.out.toSorted());
  assertStringIncludes(list.stdout, "10장: 멀티프로세스 기반의 서버 구현");
  assertStringIncludes(help.stdout, "사용법: tcpip wait");
  assertStringIncludes(help.stdout, "--lang ko|en");
  assertEquals(wrong.code, 2);
  assertEquals(wrong.err[0], "tcpip pipe1: --lang must be ko or en, got 'fr'");
});
