// Byte for byte the book: each program's standard output compared with the
// bytes the book's C program prints (tests/golden/<program>.txt, pids as
// <pid>), in any order the processes' scheduling really allows: each
// process keeps its own order, and a line that must wait for another (a
// sleep, a read of what the other wrote) stays after it.

import { assert, assertEquals } from "@std/assert";
import { run } from "./_tcpip.ts";

const GOLDEN = new URL("./golden/", import.meta.url);

/** How one program is checked. */
interface Case {
  /** The command line. */
  args: string[];
  /** Which process prints each line of the golden file (C's usual order). */
  processes: string[];
  /** Pairs [a, b] of golden lines: line b can only come after line a. */
  after?: [number, number][];
  /** Golden files, the first being C's usual output. */
  goldens?: string[];
}

const CASES: Record<string, Case> = {
  fork: { args: ["fork"], processes: ["parent", "child"] },
  zombie: {
    args: ["zombie", "--speed", "100"],
    processes: ["parent", "child", "child", "parent"],
    after: [[2, 3]], // the parent sleeps 30 s; the child ends at once
  },
  wait: {
    args: ["wait", "--speed", "100"],
    processes: ["parent", "parent", "parent", "parent"],
    goldens: ["wait.txt", "wait.alt.txt"],
  },
  waitpid: {
    args: ["waitpid", "--speed", "20"],
    processes: Array(6).fill("parent"),
    // The child ends 15 s after the fork, when the 5th poll is due: a tie
    // that C also loses now and then.
    goldens: ["waitpid.txt", "waitpid.alt.txt"],
  },
  signal: { args: ["signal", "--speed", "20"], processes: Array(6).fill("p") },
  sigaction: {
    args: ["sigaction", "--speed", "20"],
    processes: Array(6).fill("p"),
  },
  pipe1: { args: ["pipe1"], processes: ["parent"] },
  pipe2: {
    args: ["pipe2", "--speed", "20"],
    processes: ["parent", "child"],
    after: [[0, 1]], // the child reads what the parent wrote after its line
  },
  pipe3: {
    args: ["pipe3", "--speed", "20"],
    processes: ["parent", "child"],
    after: [[0, 1]],
  },
};

/** Lines of `text`, each with its newline (the last may have none). */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Standard output with every pid written as <pid>. */
function normalise(stdout: string, pids: string[]): string {
  let out = stdout;
  for (const pid of pids) out = out.replaceAll(pid, "<pid>");
  return out;
}

/**
 * True when `output` is `golden`'s lines in an order that keeps each
 * process's own order and every `after` pair.
 */
function allowedOrder(
  output: string[],
  golden: string[],
  processes: string[],
  after: [number, number][],
): boolean {
  if (output.length !== golden.length) return false;
  const used = new Set<number>();
  const place = (i: number): boolean => {
    if (i === output.length) return true;
    for (let g = 0; g < golden.length; g++) {
      if (used.has(g) || golden[g] !== output[i]) continue;
      // Every earlier line of the same process, and every line it must
      // follow, has been placed already.
      const ready = golden.every((_, h) =>
        used.has(h) ||
        !((h < g && processes[h] === processes[g]) ||
          after.some(([a, b]) => a === h && b === g))
      );
      if (!ready) continue;
      used.add(g);
      if (place(i + 1)) return true;
      used.delete(g);
    }
    return false;
  };
  return place(0);
}

for (const [name, spec] of Object.entries(CASES)) {
  Deno.test(`${name}: the book's bytes, in an order C allows (3 runs)`, async () => {
    const goldens = (spec.goldens ?? [`${name}.txt`]).map((file) =>
      Deno.readTextFileSync(new URL(file, GOLDEN))
    );
    const results = await Promise.all(
      [0, 1, 2].map(() => run(spec.args)),
    );
    for (const result of results) {
      assertEquals(result.code, 0, result.stderr);
      const pids = result.stdout.match(/\b\d{2,}\b/g)?.filter((n) =>
        !["13", "27", "23", "12", "24"].includes(n)
      ) ?? [];
      const output = linesOf(normalise(result.stdout, pids));
      const fits = goldens.some((golden) =>
        allowedOrder(
          output,
          linesOf(golden),
          spec.processes,
          spec.after ?? [],
        )
      );
      assert(
        fits,
        `${name} printed:\n${JSON.stringify(output, null, 1)}\nexpected (C):\n${
          JSON.stringify(linesOf(goldens[0]), null, 1)
        }`,
      );
    }
  });
}

Deno.test("remove-zombie: the book's lines; each removal is a child, with its status", async () => {
  const result = await run(["remove-zombie", "--speed", "20"]);
  assertEquals(result.code, 0, result.stderr);
  const golden = linesOf(
    Deno.readTextFileSync(new URL("remove_zombie.txt", GOLDEN)),
  );
  const ids = [...result.stdout.matchAll(/^Child proc id: (\d+) $/gm)].map((
    m,
  ) => m[1]);
  assertEquals(ids.length, 2, result.stdout);
  const output = linesOf(normalise(result.stdout, ids));
  // The same lines as C's, in any order the timing allows...
  assertEquals(output.toSorted(), golden.toSorted());
  // ...with the parent's two ids first among its lines, and each removal
  // followed by its child's status: 12 for the first child, 24 for the second.
  const lines = linesOf(result.stdout);
  for (const [i, line] of lines.entries()) {
    const removed = line.match(/^Removed proc id: (\d+) $/);
    if (!removed) continue;
    const status = removed[1] === ids[0] ? 12 : 24;
    assertEquals(lines[i + 1], `Child send: ${status} \n`);
  }
  const parent = lines.filter((line) => !line.startsWith("Hi! "));
  assertEquals(parent.slice(0, 2).map((l) => l.slice(0, 15)), [
    "Child proc id: ",
    "Child proc id: ",
  ]);
});

Deno.test("pipe2 --race: the child reads back its own message, or (now and then) the parent wins", async () => {
  const results = await Promise.all(
    [0, 1, 2].map(() => run(["pipe2", "--race", "--speed", "20"])),
  );
  const childWins = Deno.readTextFileSync(new URL("pipe2.race.txt", GOLDEN));
  const parentWins = Deno.readTextFileSync(new URL("pipe2.txt", GOLDEN));
  for (const result of results) {
    assertEquals(result.code, 0, result.stderr);
    assert(
      result.stdout === childWins || result.stdout === parentWins,
      result.stdout,
    );
  }
});
