// Golden files for everything the tool prints: every spec of
// tests/golden/specs.jsonc (a command line, what it is given, the golden
// files its output must match; see tests/_specs.ts), run by one runner.
// `list`, every `--help`, `explain` of every program in both languages,
// `--trace` pictures, and each program's standard output, the book's bytes,
// in every order the OS allows and no other.
//
// After a change of the tool's text, rewrite the golden files from the
// current output (placeholders put back) and review the diff:
//
//   UPDATE=1 deno test -A tests/specs_test.ts

import { assert, assertEquals } from "@std/assert";
import { PROGRAMS } from "../src/catalog.ts";
import {
  comparePictures,
  fitsOrder,
  normalise,
  readPicture,
} from "./_golden.ts";
import {
  filesOf,
  GOLDEN,
  loadSpecs,
  type Outcome,
  outputsOf,
  picturesOf,
  runSpec,
  type Spec,
  SPECS,
} from "./_specs.ts";

const UPDATE = Deno.env.get("UPDATE") === "1";
const WINDOWS = Deno.build.os === "windows";
const { values, specs } = loadSpecs();

/** How many specs run at once (most of a spec's time is a sleep or a start). */
const AT_ONCE = 6;

/** Every file under tests/golden/, as a path under it. */
function goldenFiles(dir = GOLDEN, prefix = ""): string[] {
  return [...Deno.readDirSync(dir)].flatMap((entry) =>
    entry.isDirectory
      ? goldenFiles(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`]
  ).sort();
}

Deno.test("specs: each named once; every golden file exists and is a spec's", () => {
  const names = specs.map((spec) => spec.name);
  assertEquals(names.length, new Set(names).size, "names");
  const read = new Set(specs.flatMap(filesOf));
  const files = goldenFiles().filter((file) => file !== SPECS);
  assertEquals(files.filter((file) => !read.has(file)), [], "no spec reads");
  assertEquals([...read].filter((file) => !files.includes(file)), [], "gone");
});

Deno.test("specs: every program has its --help and explain in both languages, and its standard output", () => {
  const lang = (spec: Spec) =>
    spec.args[spec.args.indexOf("--lang") + 1] ?? "en";
  const has = (test: (spec: Spec) => boolean) => specs.some(test);
  for (const { name } of PROGRAMS) {
    for (const language of ["en", "ko"]) {
      assert(
        has((spec) =>
          spec.args[0] === name && spec.args.includes("--help") &&
          lang(spec) === language && outputsOf(spec).length === 1
        ),
        `${name} --help --lang ${language}`,
      );
      assert(
        has((spec) =>
          spec.args[0] === "explain" && spec.args[1] === name &&
          lang(spec) === language && outputsOf(spec).length === 1
        ),
        `explain ${name} --lang ${language}`,
      );
    }
    assert(
      has((spec) =>
        spec.args[0] === name && !spec.args.includes("--help") &&
        outputsOf(spec).length > 0
      ),
      `${name}: its standard output`,
    );
  }
});

Deno.test("golden files: every spec's output matches its golden files", async (t) => {
  const runnable = specs.filter((spec) => !(WINDOWS && spec.unix));
  const outcomes = new Map<Spec, Outcome>();
  let next = 0;
  const worker = async () => {
    while (next < runnable.length) {
      const spec = runnable[next++];
      try {
        outcomes.set(spec, await runSpec(spec, values, UPDATE));
      } catch (error) {
        outcomes.set(spec, {
          problems: [(error as Error).stack ?? String(error)],
          updated: [],
        });
      }
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  for (const spec of specs) {
    await t.step({
      name: spec.name,
      ignore: WINDOWS && spec.unix !== undefined,
      fn() {
        const { problems, updated } = outcomes.get(spec)!;
        for (const file of updated) console.log(`updated ${file}`);
        assertEquals(problems, [], problems.join("\n\n"));
      },
    });
  }
});

Deno.test("specs: each golden picture shows what its own rows call for, in an order its pairs allow", () => {
  for (const spec of specs.filter((spec) => spec.trace)) {
    for (const file of picturesOf(spec)) {
      const picture = readPicture(
        Deno.readTextFileSync(new URL(file, GOLDEN)),
      );
      assertEquals(
        comparePictures(picture, picture, spec.trace!.after),
        null,
        file,
      );
    }
  }
});

// The matchers themselves: they allow the orders they are told and no other.

Deno.test("fitsOrder: each process keeps its order, pairs and blocks hold, a waiting loop may repeat its line", () => {
  const golden = "p1\nc1\np2\n";
  const order = {
    processes: ["p", "c", "p"],
    after: [[0, 1]] as [number, number][],
  };
  assert(fitsOrder("p1\nc1\np2\n", golden, order));
  assert(fitsOrder("p1\np2\nc1\n", golden, order));
  assert(!fitsOrder("c1\np1\np2\n", golden, order), "c1 comes after p1");
  assert(!fitsOrder("p2\np1\nc1\n", golden, order), "p's own order");
  assert(!fitsOrder("p1\nc1\n", golden, order), "a line missing");
  assert(!fitsOrder("p1\nc1\np2\np2\n", golden, order), "a line too many");
  const handler = { processes: ["loop", "h", "h", "loop"], blocks: [[1, 2]] };
  assert(fitsOrder("a\nb\nw\n", "w\na\nb\n", {
    processes: ["loop", "h", "h"],
    blocks: [[1, 2]],
  }));
  assert(
    !fitsOrder("h1\nw\nh2\nw\n", "w\nh1\nh2\nw\n", handler),
    "a block split",
  );
  const loop = { processes: ["p", "p", "p"], repeats: [0] };
  assert(fitsOrder("tick\ntick\ntick\nask\nok\n", "tick\nask\nok\n", loop));
  assert(!fitsOrder("tick\nask\nask\nok\n", "tick\nask\nok\n", loop));
});

Deno.test("values: numbered placeholders name each value where a pattern finds it; a trace's pids wherever they stand", () => {
  const rules = [
    { find: "proc id: (\\d+)", as: "<pid#>" },
    { find: "fd (\\d+)", as: "<fd#>" },
    { find: "took (\\d+) ms", as: "<ms>" },
  ];
  assertEquals(
    normalise(
      "Child proc id: 4711 \nRemoved proc id: 4712 \nRemoved proc id: 4711 \n" +
        "read 13 B from fd 13, took 13 ms; exit 13\n",
      rules,
    ),
    "Child proc id: <pid1> \nRemoved proc id: <pid2> \nRemoved proc id: <pid1> \n" +
      "read 13 B from fd <fd1>, took <ms> ms; exit 13\n",
  );
  assertEquals(
    normalise("fork -> 4711; reap 4711 (exit 0) after 4711.5 ms", [], [
      "99",
      "4711",
    ]),
    "fork -> <pid2>; reap <pid2> (exit 0) after 4711.5 ms",
  );
  // A time that equals a pid (Wine's pids are small) stays a time.
  assertEquals(
    normalise("fork -> 456\nfork handshake: 456 ms\n", [
      { find: "handshake: (\\d+) ms", as: "<ms>" },
    ], ["123", "456"]),
    "fork -> <pid2>\nfork handshake: <ms> ms\n",
  );
});

const PICTURE = `\
  ms | <pid1> p                  | <pid2> p:child
-----+---------------------------+------------------
<ms> | starts
<ms> | fork -> <pid2>
<ms> | :                         | starts
<ms> | :                         | write 1 B to fds 'x'
<ms> | read 1 B from fds 'x'
<ms> | sleep(1)
<ms> | :                         | ends: exit 0
<ms> | wakes                     | Z
<ms> | reap <pid2> (exit 0)      | Z

fork -> N: child N starts · ends: it returns or calls exit()
Z: a zombie (ended, still in the process table)
: waiting (blocked in a sleep or a read)
`;

Deno.test("comparePictures: rows in any order their pairs allow, marks as the rows call for, the legend to match", () => {
  const golden = readPicture(PICTURE);
  const after: [string, string][] = [
    ["0: fork", "1: starts"],
    ["1: write", "0: read"],
    ["1: ends", "0: reap"],
  ];
  const compare = (text: string) =>
    comparePictures(golden, readPicture(text), after);
  const inOrder = (text: string) => comparePictures(golden, readPicture(text));
  assertEquals(compare(PICTURE), null);
  assertEquals(inOrder(PICTURE), null);
  // The parent's wait for the read began after the child's start: fine.
  const later = PICTURE.replace(
    "<ms> | :                         | starts",
    "<ms> |                           | starts",
  );
  assertEquals(compare(later), null);
  // A wait's `:` runs up to the read: one in the middle of the gap is no wait.
  const gap = PICTURE.replace(
    "<ms> | :                         | write",
    "<ms> |                           | write",
  );
  assert(compare(gap) !== null);
  // The child ends before the parent sleeps: allowed, with its marks.
  const early = PICTURE.replace(
    "<ms> | sleep(1)\n<ms> | :                         | ends: exit 0\n",
    "<ms> |                           | ends: exit 0\n<ms> | sleep(1)                  | Z\n",
  );
  assertEquals(compare(early), null);
  assert(inOrder(early) !== null, "without pairs: the golden's order");
  // ...but not without the Z its end calls for.
  assert(
    compare(early.replace("sleep(1)                  | Z", "sleep(1)")) !==
      null,
  );
  // The read before the write of its bytes: no pair allows it.
  const read = PICTURE.replace(
    "<ms> | :                         | write 1 B to fds 'x'\n<ms> | read 1 B from fds 'x'\n",
    "<ms> | read 1 B from fds 'x'\n<ms> |                           | write 1 B to fds 'x'\n",
  );
  assert(compare(read)?.includes("comes before"), compare(read) ?? "");
  // Another text, another column, or a legend that says other things.
  assert(compare(PICTURE.replace("sleep(1)", "sleep(2)")) !== null);
  assert(compare(PICTURE.replace("<pid2> p:child", "<pid2> q:child")) !== null);
  assert(compare(PICTURE.replace("returns or calls", "calls")) !== null);
  assert(
    compare(
      PICTURE.replace(": waiting (blocked in a sleep or a read)\n", ""),
    ) !== null,
  );
});
