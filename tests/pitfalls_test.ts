// The book's pitfalls, switched on and observed: the SIGCHLD handler that
// calls waitpid() once per signal while children end together, and the
// split client that calls close() instead of shutdown(). (The store
// process that stops reading: tests/store_test.ts.)

import { assert, assertEquals, assertMatch } from "@std/assert";
import { rawServer, send } from "./_net.ts";
import { run } from "./_tcpip.ts";

Deno.test({
  name:
    "remove-zombie --together: children ending at one moment share a SIGCHLD; one is never collected",
  ignore: Deno.build.os === "windows",
  async fn() {
    // Whether signals merge depends on timing, in C as here: of three runs
    // at least one shows it; every run accounts for all five children.
    let merged = 0;
    for (let attempt = 0; attempt < 3 && merged === 0; attempt++) {
      const result = await run([
        "remove-zombie",
        "--together",
        "--speed",
        "10",
        "--trace",
      ]);
      assertEquals(result.code, 0, result.stderr);
      const ids = [...result.stdout.matchAll(/^Child proc id: (\d+) $/gm)]
        .map((m) => m[1]);
      assertEquals(ids.length, 5);
      const removed = [...result.stdout.matchAll(/^Removed proc id: (\d+) $/gm)]
        .map((m) => m[1]);
      const left = ids.filter((id) => !removed.includes(id));
      const note = result.noteText.match(
        /never collected by wait\(\)\/waitpid\(\): [^.]*\./,
      )?.[0];
      if (left.length === 0) {
        assertEquals(note, undefined);
        continue;
      }
      merged++;
      assert(note, result.stderr);
      assertEquals(
        note.split(": ")[1].split(".")[0].split(", ").toSorted(),
        left.toSorted(),
      );
    }
    assert(merged > 0, "no run merged two SIGCHLDs");
  },
});

Deno.test("echo-client --close: close() sends no FIN, so nothing ends; the tool ends the hang and says why", async () => {
  let sawEnd = false;
  const server = rawServer(async (conn) => {
    const buf = new Uint8Array(1024);
    let n: number | null;
    while ((n = await conn.read(buf)) !== null) {
      await send(conn, buf.subarray(0, n));
    }
    sawEnd = true; // end of file from the client: only after the tool ends it
  });
  const started = performance.now();
  const result = await run([
    "echo-client",
    "127.0.0.1",
    String(server.port),
    "--close",
  ], {
    stdin: "hello\nq\n",
  });
  const took = performance.now() - started;
  await server.close();
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout, "Message from server: hello\n");
  assertMatch(
    result.noteText,
    /--close: the writer called close\(\), which drops only its own descriptor/,
  );
  assert(took >= 3000, `the hang lasted ${took} ms`);
  assert(sawEnd, "the tool closed the connection in the end");
});
