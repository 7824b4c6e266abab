// End-to-end: fork.c and the chapter 11 pipe programs, run as real processes.

import { assertEquals, assertMatch } from "@std/assert";
import { run, Tool } from "./_tcpip.ts";

const linux = Deno.build.os === "linux";

// The bytes of fork, pipe1, pipe2, pipe3 and three-conversation (its input
// typed, short, or none): tests/golden/run/ (specs_test.ts).

Deno.test("fork: the tool says how the child gets its copy of gval and lval", async () => {
  const result = await run(["fork"]);
  assertEquals(result.code, 0);
  assertMatch(result.noteText, /Deno cannot copy a running process/);
});

Deno.test({
  name:
    "pipe2: one real pipe, both of its ends held by both processes under the same numbers",
  ignore: !linux,
  async fn() {
    const tool = Tool.start(["pipe2", "--speed", "4"]); // the child sleeps 0.5 s
    const [parent, child] = [
      tool.pid,
      (await tool.waitForProcesses(2)).find((pid) => pid !== tool.pid)!,
    ];
    await tool.waitFor("out", "Parent proc output: Who are you? ");
    const fds = (pid: number) =>
      new Map(
        [...Deno.readDirSync(`/proc/${pid}/fd`)].flatMap((entry) => {
          try {
            return [[
              entry.name,
              Deno.readLinkSync(`/proc/${pid}/fd/${entry.name}`),
            ]];
          } catch {
            return [];
          }
        }),
      );
    const [mine, its] = [fds(parent), fds(child)];
    // Two descriptor numbers that name the same pipe, in both tables under
    // the same numbers: fds[0] and fds[1] of the one pipe() made before fork.
    const ends = (table: Map<string, string>) => {
      const byPipe = new Map<string, string[]>();
      for (const [fd, target] of table) {
        if (target.startsWith("pipe:")) {
          byPipe.set(target, [...byPipe.get(target) ?? [], fd]);
        }
      }
      // Not the standard streams (Deno keeps a copy of each above 2).
      const stdio = ["0", "1", "2"].map((fd) => table.get(fd));
      return [...byPipe].filter(([pipe, numbers]) =>
        numbers.length === 2 && !stdio.includes(pipe)
      );
    };
    const both = ends(mine).filter(([pipe, numbers]) =>
      numbers.every((fd) => its.get(fd) === pipe)
    );
    assertEquals(both.length, 1, `${[...mine]}\n${[...its]}`);
    const result = await tool.finish();
    assertEquals(result.code, 0);
  },
});
