// The std entry points we import from an npm republish that ships no types
// carry our own declarations (std/*.d.ts): a wrong call fails type-checking.
// Each `@ts-expect-error` below must meet an error, or `deno check` fails.

import { assertEquals, assertThrows } from "@std/assert";
import { concat } from "@std/bytes";
import { parseArgs } from "@std/cli";
import { closestString, levenshteinDistance } from "@std/text";
import { deadline } from "@std/async";
import { parse } from "@std/jsonc";

/** Calls that must not type-check; never run. */
function wrongCalls(): void {
  // @ts-expect-error assertEquals needs the expected value
  assertEquals(1);
  // @ts-expect-error both sides have one type
  assertEquals(1, "1");
  // @ts-expect-error parseArgs takes an array of strings
  parseArgs("--help");
  // @ts-expect-error a distance is a number
  const distance: string = levenshteinDistance("a", "b");
  // @ts-expect-error concat takes an array of byte arrays
  concat(new Uint8Array(1));
  // @ts-expect-error deadline needs milliseconds
  void deadline(Promise.resolve());
  // @ts-expect-error parse reads a string
  parse(new Uint8Array(1));
  void distance;
}

Deno.test("the typed std entry points work as std documents them", async () => {
  assertEquals(typeof wrongCalls, "function");
  assertEquals(levenshteinDistance("fork", "frok"), 2);
  assertEquals(closestString("pipe", ["pipe1", "fork"]), "pipe1");
  assertEquals(
    concat([new Uint8Array([1]), new Uint8Array([2, 3])]),
    new Uint8Array([1, 2, 3]),
  );
  const parsed = parseArgs(["--speed", "3", "x"], { string: ["speed"] });
  assertEquals(parsed.speed, "3");
  assertEquals(parsed._, ["x"]);
  assertEquals(await deadline(Promise.resolve(7), 1000), 7);
  assertEquals(parse('{"a": [1, 2,], // a comment\n}'), { a: [1, 2] });
  assertThrows(() => parse("{a: 1}"), SyntaxError);
  assertThrows(() => assertEquals(1, 2));
});
