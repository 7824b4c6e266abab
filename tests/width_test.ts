// One measure of a terminal's columns for everything the tool prints:
// explain, quiz, predict, --help and the --trace picture.

import { assertEquals } from "@std/assert";
import { displayWidth, padEnd, wrap, wrapParagraphs } from "../src/width.ts";

Deno.test("displayWidth: Hangul, CJK and emoji take two columns; controls and combining marks none", () => {
  assertEquals(displayWidth("fork"), 4);
  assertEquals(displayWidth("좀비"), 4);
  assertEquals(displayWidth("ㄱ"), 2); // Hangul compatibility Jamo
  assertEquals(displayWidth("漢字"), 4);
  assertEquals(displayWidth("ꀀ"), 2); // Yi, which explain's table had and the trace's lacked
  assertEquals(displayWidth("🙂"), 2);
  assertEquals(displayWidth("e\u0301"), 1);
  assertEquals(displayWidth("a\tb"), 2);
  assertEquals(padEnd("좀비", 6), "좀비  ");
});

Deno.test("wrap: between words, at hard breaks, and a long word split after a colon", () => {
  assertEquals(wrap("one two three", 7), ["one two", "three"]);
  assertEquals(wrap("a\nb c", 10), ["a", "b c"]);
  assertEquals(wrap("12345 echo_storeserver:echo", 18), [
    "12345",
    "echo_storeserver:",
    "echo",
  ]);
  assertEquals(wrap("좀비 프로세스", 6), ["좀비", "프로세", "스"]);
});

Deno.test("wrapParagraphs: prose to a width, indented, blank lines between paragraphs", () => {
  assertEquals(
    wrapParagraphs("one two\nthree  four\n\n five", 12, "  "),
    ["  one two", "  three four", "", "  five"],
  );
  assertEquals(wrapParagraphs("", 10), []);
});
