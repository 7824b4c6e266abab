// What the servers may start: --prefork and --max-clients are bounded (the
// command line refuses above the bound, see echo_faults_test.ts), and
// together they must fit in half of the machine's memory (the servers'
// --help states the bounds: tests/golden/help/).

import { assertEquals, assertMatch } from "@std/assert";
import {
  CHILD_MB,
  childBudget,
  childrenAtOnce,
  MAX_CLIENTS,
  MAX_PREFORK,
  spareLimit,
} from "../src/net/limits.ts";
import { startServer, stopServer } from "./_net.ts";

Deno.test("the pool keeps at most 4 x --prefork spares, 32 unless --prefork is more", () => {
  assertEquals([0, 1, 4, 8, 9, 32, 64].map(spareLimit), [
    0,
    4,
    16,
    32,
    32,
    32,
    64,
  ]);
  assertEquals(childrenAtOnce(128, 4), 144);
});

Deno.test("children at once must fit in half the memory, at the measured MB per child", () => {
  const gib = 2 ** 30;
  assertEquals(childBudget(128, 4, 8 * gib), null); // 144 x 10 MB in 4.3 GB
  assertEquals(childBudget(MAX_CLIENTS, MAX_PREFORK, 24 * gib), null);
  const refusal = childBudget(MAX_CLIENTS, MAX_PREFORK, 8 * gib);
  assertMatch(
    refusal!.en,
    new RegExp(
      `^--max-clients 1024 and --prefork 64 allow 1088 children at once, about 10\\.9 GB at ${CHILD_MB} MB each; half of this machine's 8\\.6 GB holds 429$`,
    ),
  );
  assertMatch(refusal!.ko, /1088개까지 생겨/);
});

Deno.test("at start-up, the pool says what it costs", async () => {
  const { tool } = await startServer("echo-server", ["--prefork", "3"]);
  const text = await tool.waitForNote(/are started and wait for clients/);
  assertMatch(
    text,
    /3 children are started and wait for clients \(--prefork 3; 0 forks on accept, as the book\): about 30 MB, 10 MB each; up to 12 wait during bursts \(120 MB\)/,
  );
  await stopServer(tool);
});
