// End-to-end: the chapter 10 process and signal programs, and exercises 3
// and 5, with real children, real signals and the OS's own process states.

import { assert, assertEquals, assertMatch } from "@std/assert";
import { ECHO_WINDOW_MS } from "../src/signal/signal.ts";
import { run, Tool } from "./_tcpip.ts";

const linux = Deno.build.os === "linux";

/** The state letter of `pid` from /proc, or null when it is gone. */
function stateOf(pid: number): string | null {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2)[0];
  } catch {
    return null;
  }
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, (performance.now() - start) / 1000];
}

Deno.test({
  name:
    "zombie: the child is a real zombie while the parent sleeps, gone after",
  ignore: !linux,
  async fn() {
    const start = performance.now();
    const tool = Tool.start(["zombie", "--speed", "10"]); // sleep(30) takes 3 s
    const line = await tool.waitForNote(
      /state of (\d+) \(from \/proc\/\d+\/stat\): Z \(zombie\)/,
    );
    const pid = Number(line.match(/state of (\d+)/)![1]);
    // Our own look at the process table, while the parent is still asleep.
    // (Unless a loaded machine kept us from looking before the parent woke.)
    if (!tool.out.includes("End parent process")) {
      assertEquals(stateOf(pid), "Z");
    }
    const result = await tool.finish();
    assert(
      (performance.now() - start) / 1000 >= 3,
      "the parent slept 30 s / 10",
    );
    assertEquals(stateOf(pid), null);

    assertEquals(result.code, 0);
    // The pid the parent printed is the zombie's (the bytes: conformance_test).
    assert(result.out.includes(`Child Process ID: ${pid} `), result.stdout);
    assertMatch(
      result.noteText,
      /program normally never shows a zombie/,
    );
    assert(
      result.noteText.includes(
        `state of ${pid} (from /proc/${pid}/stat): gone (reaped)`,
      ),
      result.stderr,
    );
  },
});

Deno.test("wait: both statuses, 3 and 7, one per wait(); 3 first when both children have ended, as Linux hands out the older", async () => {
  // Which comes first is the OS's: 3 whenever both children have ended by
  // the first wait() (nearly always: the first ends while the second boots),
  // 7 only if the first has not ended yet (tests/golden: wait.alt).
  const [results, seconds] = await timed(() =>
    Promise.all([0, 1, 2].map(() => run(["wait", "--speed", "30"])))
  );
  for (const result of results) {
    assertEquals(result.code, 0);
    const sent = result.out.slice(2);
    assert(
      sent.join("|") === "Child send one: 3 |Child send two: 7 " ||
        sent.join("|") === "Child send one: 7 |Child send two: 3 ",
      result.stdout,
    );
  }
  assert(seconds >= 1, "then it slept 30 s / 30");
});

Deno.test("waitpid: polls with WNOHANG every 3 s until the child returns 24", async () => {
  const [result, seconds] = await timed(() =>
    run(["waitpid", "--speed", "10"])
  );
  assertEquals(result.code, 0);
  const polls = result.out.slice(0, -1);
  // The child ends at 15 s, just when the 5th poll comes: a real race, as in
  // C; on a busy machine either side may run late, so the number of polls
  // is the scheduler's (5 or 6 when nothing else runs). At least one comes.
  assert(polls.length >= 1, result.stdout);
  assert(polls.every((line) => line === "sleep 3sec."), result.stdout);
  assertEquals(result.out.at(-1), "Child send 24 ");
  assert(seconds >= 1.5, "the child slept 15 s / 10");
});

const alarmLines = [
  "wait...",
  "Time out!",
  "wait...",
  "Time out!",
  "wait...",
  "Time out!",
];

Deno.test("signal: three SIGALRMs cut the three 100 s sleeps short", async () => {
  const [result, seconds] = await timed(() => run(["signal", "--speed", "10"]));
  assertEquals(result.code, 0);
  assertEquals(result.out, alarmLines);
  // Three alarms of 2 s / 10, not three sleeps of 100 s / 10.
  assert(seconds >= 0.6 && seconds < 5, `${seconds} s`);
});

Deno.test("sigaction: the same alarm, registered with sigaction()", async () => {
  const [result, seconds] = await timed(() =>
    run(["sigaction", "--speed", "10"])
  );
  assertEquals(result.code, 0);
  assertEquals(result.out, alarmLines);
  assert(seconds >= 0.6 && seconds < 5, `${seconds} s`);
});

Deno.test({
  name: "signal: a real SIGINT runs keycontrol and cuts the sleep short",
  ignore: Deno.build.os === "windows",
  async fn() {
    const tool = Tool.start(["signal", "--speed", "2"]); // alarms 1 s apart
    await tool.waitFor("out", "wait...");
    tool.kill("SIGINT"); // kill -INT <pid>, long before the first alarm
    await tool.waitFor("out", "CTRL+C pressed");
    const result = await tool.finish();
    assertEquals(result.code, 0);
    assertEquals(result.out, [
      "wait...",
      "CTRL+C pressed",
      "wait...",
      "Time out!",
      "wait...",
      "Time out!",
    ]);
  },
});

Deno.test({
  name:
    "remove-zombie: the SIGCHLD handler collects 12 and 24; no zombie stays",
  ignore: !linux,
  async fn() {
    const tool = Tool.start(["remove-zombie", "--speed", "10"]);
    const removed = await tool.waitFor("out", /^Removed proc id: \d+ $/);
    const pid = Number(removed.split(": ")[1]);
    // Collected in the handler: it is no longer in the process table.
    assertEquals(stateOf(pid), null);
    const result = await tool.finish();
    assertEquals(result.code, 0);
    // How to watch it happen, from another terminal.
    assert(
      result.notes.includes(`  ps -o pid,ppid,stat,cmd --ppid ${tool.pid}`),
      result.stderr,
    );

    const ids = result.out.filter((l) => l.startsWith("Child proc id: ")).map((
      l,
    ) => l.slice(15, -1));
    assertEquals(ids.length, 2);
    assertEquals(
      result.out.filter((l) => l === "Hi! I'm child process").length,
      2,
    );
    assertEquals(result.out.filter((l) => l === "wait...").length, 5);
    const sends = new Map<string, string>();
    result.out.forEach((line, i) => {
      if (line.startsWith("Removed proc id: ")) {
        assertMatch(result.out[i + 1], /^Child send: \d+ $/);
        sends.set(line.slice(17, -1), result.out[i + 1].slice(12, -1));
      }
    });
    assertEquals(sends, new Map([[ids[0], "12"], [ids[1], "24"]]));
  },
});

Deno.test({
  name: "sigint-confirm: Ctrl+C asks; n goes on, y exits with 0",
  ignore: Deno.build.os === "windows",
  async fn() {
    const tool = Tool.start(["sigint-confirm", "--speed", "10"], { stdin: "" });
    const tick = "still running... (Ctrl+C to stop)";
    await tool.waitFor("out", tick);
    tool.kill("SIGINT");
    await tool.waitFor("out", "Do you want to exit? (Y/N)");
    await tool.write("n\n");
    const asked = tool.out.indexOf("Do you want to exit? (Y/N)");
    await tool.waitFor("out", tick, asked + 1); // it went on
    // A person cannot press Ctrl+C twice within ECHO_WINDOW_MS: two SIGINTs
    // closer than that are one keypress (see src/signal/signal.ts).
    await new Promise((resolve) => setTimeout(resolve, ECHO_WINDOW_MS));
    tool.kill("SIGINT");
    await tool.waitFor("out", "Do you want to exit? (Y/N)", asked + 1);
    await tool.write("Y\n");
    const result = await tool.finish();
    assertEquals(result.code, 0);
    assertEquals(
      result.out.filter((l) => l === "Do you want to exit? (Y/N)").length,
      2,
    );
    assertEquals(result.out.at(-1), "Do you want to exit? (Y/N)");
    assert(
      result.out.every((l) => l === tick || l === "Do you want to exit? (Y/N)"),
    );
  },
});

Deno.test({
  name:
    "fd-copy: one socket under the same number in both tables; the child's copy outlives the parent's close()",
  ignore: Deno.build.os === "windows",
  async fn() {
    const result = await run(["fd-copy"]);
    assertEquals(result.code, 0, result.stderr);
    const [, fd, socket] = result.out[0].match(
      /^parent: fd (\d+) -> (socket:\[\d+\])$/,
    )!;
    assertEquals(result.out, [
      `parent: fd ${fd} -> ${socket}`,
      `child:  fd ${fd} -> ${socket}`,
      `parent: fd ${fd} -> (closed)`,
      `child:  fd ${fd} -> ${socket} (still open)`,
    ]);
    assertMatch(result.noteText, /under the same number/);
  },
});

Deno.test("the never-collected note comes only where it teaches: after the programs about collecting children, not after fork or zombie", async () => {
  // remove-zombie --together names the children it never collected
  // (tests/pitfalls_test.ts); fork and zombie leave theirs to the OS, and
  // zombie shows its zombie itself.
  const [fork, zombie] = await Promise.all([
    run(["fork"]),
    run(["zombie", "--speed", "30"]),
  ]);
  for (const result of [fork, zombie]) {
    assertEquals(result.code, 0, result.stderr);
    assert(!result.noteText.includes("never collected"), result.stderr);
  }
});
