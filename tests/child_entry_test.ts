// The hidden child entry can never run the command line or fork again.

import { assertEquals, assertThrows } from "@std/assert";
import { markChild } from "../src/process/fork.ts";
import { children as pipe1 } from "../examples/pipe1.ts";
import { run } from "./_tcpip.ts";

Deno.test("a bad child spec fails with status 1 and never reaches the command line", async () => {
  const result = await run(["fork"], {
    env: { TCPIP_CHILD: '{"program":"../x"}' },
  });
  assertEquals(result.code, 1);
  assertEquals(result.stdout, ""); // `fork` did not run
  assertEquals(result.err, [
    "tcpip child: bad child spec (program, role, speed, lang, parent, forkedAt)",
  ]);
});

Deno.test("a child names no program: the entry refuses, whatever the arguments", async () => {
  const spec = {
    program: "fork",
    role: "child",
    speed: 1,
    lang: "en",
    parent: 1,
    forkedAt: 0,
    state: null,
  };
  // A well-formed spec naming a program that does not exist: the CLI is not tried either.
  const result = await run(["--help"], {
    env: { TCPIP_CHILD: JSON.stringify({ ...spec, program: "nonexistent" }) },
  });
  assertEquals(result.code, 1);
  assertEquals(result.stdout, "");
  assertEquals(result.err, [
    "tcpip child: no child roles in program 'nonexistent'",
  ]);
});

Deno.test("fork() refuses in a child, so re-execution cannot recurse", () => {
  markChild();
  assertThrows(
    () => pipe1.fork("child", { str: "x" }),
    Error,
    "fork() in a child",
  );
});
