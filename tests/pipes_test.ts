// End-to-end: fork.c and the chapter 11 pipe programs, run as real processes.

import { assert, assertEquals, assertMatch } from "@std/assert";
import { run } from "./_tcpip.ts";

const linux = Deno.build.os === "linux";

Deno.test("fork: each process prints its own copy of gval and lval", async () => {
  const result = await run(["fork"]);
  assertEquals(result.code, 0);
  // Two processes print concurrently: either order is real.
  assertEquals(result.out.toSorted(), [
    "Child Proc: [13,27]",
    "Parent Proc: [9,23]",
  ]);
  const note = result.notes.find((line) =>
    line.startsWith("fork(): started the child ")
  );
  assert(note, result.stderr);
  assertMatch(note, /handed it gval=11, lval=25/);
});

Deno.test("pipe1: the parent prints what the child wrote into the pipe", async () => {
  const result = await run(["pipe1"]);
  assertEquals(result.code, 0);
  assertEquals(result.out, ["Who are you?"]);
});

Deno.test("pipe2: one pipe both ways works thanks to the child's sleep", async () => {
  const start = performance.now();
  const result = await run(["pipe2", "--speed", "20"]);
  assertEquals(result.code, 0);
  assertEquals(result.out, [
    "Parent proc output: Who are you?",
    "Child proc output: Thank you for your message",
  ]);
  // The parent sleeps 3 s of book time: 150 ms at --speed 20.
  assert(performance.now() - start >= 150);
  if (linux) {
    assertMatch(
      result.notes[0],
      /^one pipe: parent \d+ and child \d+ both hold/,
    );
  }
});

Deno.test({
  name: "pipe2 --race: ends by itself and reports the outcome it saw",
  ignore: !linux,
  async fn() {
    const result = await run(["pipe2", "--race", "--speed", "20"]);
    assertEquals(result.code, 0);
    if (result.out[0] === "Child proc output: Who are you?") {
      // The book's outcome: the child read its own message, the parent was stuck.
      assertEquals(result.out, ["Child proc output: Who are you?"]);
      assertMatch(
        result.notes.join("\n"),
        /child read back its own "Who are you\?"/,
      );
      assertMatch(result.notes.join("\n"), /read\(\) returned end of file/);
    } else {
      assertEquals(result.out, [
        "Parent proc output: Who are you?",
        "Child proc output: Thank you for your message",
      ]);
      assertMatch(result.notes.join("\n"), /parent's read\(\) came first/);
    }
  },
});

Deno.test("pipe3: two pipes carry the same two lines without any sleep", async () => {
  const result = await run(["pipe3"]);
  assertEquals(result.code, 0);
  assertEquals(result.out, [
    "Parent proc output: Who are you?",
    "Child proc output: Thank you for your message",
  ]);
});

Deno.test("three-conversation: lines from piped stdin, child first, in turn", async () => {
  const result = await run(["three-conversation"], {
    stdin: "a1\nb1\na2\nb2\na3\nb3\n",
  });
  assertEquals(result.code, 0);
  assertEquals(result.out, [
    "from Child : a1",
    "from Parent : b1",
    "from Child : a2",
    "from Parent : b2",
    "from Child : a3",
    "from Parent : b3",
  ]);
});

Deno.test("three-conversation: no input at all uses the built-in messages", async () => {
  const result = await run(["three-conversation"]);
  assertEquals(result.code, 0);
  assertEquals(result.out, [
    "from Child : Hello, parent!",
    "from Parent : Hi, child!",
    "from Child : What is a pipe?",
    "from Parent : A one-way byte channel.",
    "from Child : Thanks, bye!",
    "from Parent : Bye!",
  ]);
});

Deno.test("three-conversation: short input is completed by built-in messages", async () => {
  const result = await run(["conversation"], {
    stdin: "only one line\n\nthird",
  });
  assertEquals(result.code, 0);
  assertEquals(result.out, [
    "from Child : only one line",
    "from Parent : ",
    "from Child : third",
    "from Parent : A one-way byte channel.",
    "from Child : Thanks, bye!",
    "from Parent : Bye!",
  ]);
});
