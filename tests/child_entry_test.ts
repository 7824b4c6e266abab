// The hidden child entry can never run the command line or fork again.

import { assertEquals, assertMatch, assertThrows } from "@std/assert";
import { markChild, parseChildSpec } from "../src/process/child_spec.ts";
import { children } from "./fixtures/roles.ts";
import { run } from "./_tcpip.ts";

Deno.test("a bad child spec fails with status 1 and never reaches the command line", async () => {
  const result = await run(["fork"], {
    env: { TCPIP_CHILD: '{"entry":{"module":"../x.ts"}}' },
  });
  assertEquals(result.code, 1);
  assertEquals(result.stdout, ""); // `fork` did not run
  assertEquals(result.err, [
    "tcpip child: bad child spec (entry.module, entry.place, entry.name, " +
    "settings.speed, settings.lang, parent, forkedAt, toChild, toParent)",
  ]);
});

Deno.test("a child names a module that is not there: the entry refuses, whatever the arguments", async () => {
  const spec = {
    entry: { module: "examples/nonexistent.ts", place: "process", name: "x" },
    settings: { speed: 1, lang: "en" },
    toChild: null,
    toParent: null,
    parent: 1,
    forkedAt: 0,
    state: null,
  };
  // A well-formed spec naming a module that does not exist: the CLI is not tried either.
  const result = await run(["--help"], {
    env: { TCPIP_CHILD: JSON.stringify(spec) },
  });
  assertEquals(result.code, 1);
  assertEquals(result.stdout, "");
  assertEquals(result.err.length, 1, result.stderr);
  assertMatch(result.err[0], /^tcpip child: .*examples\/nonexistent\.ts/);
});

Deno.test("fork() refuses in a child, so re-execution cannot recurse", () => {
  markChild(parseChildSpec(JSON.stringify({
    entry: { module: "tests/fixtures/roles.ts", place: "process", name: "say" },
    settings: { speed: 1, lang: "en" },
    toChild: null,
    toParent: null,
    parent: 1,
    forkedAt: 0,
    state: null,
  })));
  assertThrows(
    () => children.fork("say", { text: "x" }),
    Error,
    "fork() in a child",
  );
});
