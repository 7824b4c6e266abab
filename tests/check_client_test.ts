// tcpip check on our own echo clients in C, against the tool's server:
// echo_mpclient.c as the book's, and one client per mistake the issue
// lists.

import { assert, assertEquals } from "@std/assert";
import {
  assertFinding,
  assertPass,
  checkJson,
  Fixtures,
  inBatches,
  NO_CC,
  summary,
} from "./_check.ts";

Deno.test({
  name: `echo clients: the book's behaviour passes, each mistake is found${
    NO_CC ? ` (skipped: ${NO_CC})` : ""
  }`,
  ignore: NO_CC !== null,
  async fn() {
    const fixtures = new Fixtures();
    try {
      const names = [
        "echo_mpclient",
        "client_newline",
        "client_one_process",
        "client_close",
        "client_waits_child",
        "client_roles_swapped",
        "client_child_stays",
        "client_threads",
        "client_q_no_newline",
      ];
      const [
        book,
        newline,
        oneProcess,
        close,
        waitsChild,
        swapped,
        stays,
        threads,
        qSent,
      ] = await inBatches(
        names.map((name) => async () =>
          checkJson("echo-client", [await fixtures.build(name)])
        ),
        3,
      );
      assertPass(book);
      const doubled = assertFinding(newline, "client.output", "fail");
      assert(doubled.why.includes("prints a second one"), doubled.why);
      const split = assertFinding(oneProcess, "client.not-split", "fail");
      // One mistake, one finding: not "split without fork()" as well.
      assert(
        !oneProcess.report.findings.some((f) => f.id === "client.no-fork"),
        summary(oneProcess.report),
      );
      assert(split.observed.includes("open in 1 process"), split.observed);
      const fin = assertFinding(close, "client.q-no-fin", "fail");
      assert(fin.observed.includes("open in 1 process"), fin.observed);
      assertFinding(waitsChild, "client.no-end", "fail");
      // Its child reads on after q (no 'q ends the whole client'), and only
      // the run where the server closes first leaves the parent waiting.
      const hangs = assertFinding(swapped, "client.no-end", "fail");
      assertEquals(swapped.report.findings.map((f) => f.id), [
        "client.no-end",
      ]);
      assertEquals(hangs.runs, [2]);
      const left = assertFinding(stays, "client.child-stays", "warn");
      assert(left.observed.includes("still running"), left.observed);
      // q went out as data: not the close()-for-shutdown() mistake.
      const sent = assertFinding(qSent, "client.q-sent", "fail");
      assert(sent.observed.includes('"q\\n" as data'), sent.observed);
      assertEquals(
        qSent.report.findings.map((f) => f.id),
        ["client.q-sent"],
        summary(qSent.report),
      );
      // Threads behave as the book's two processes: only the structure differs.
      const one = assertFinding(threads, "client.no-fork", "warn");
      assert(
        one.observed.includes("made 0 child processes after connect()"),
        one.observed,
      );
      assertEquals(threads.report.findings.map((f) => f.id), [
        "client.no-fork",
      ]);
    } finally {
      await fixtures.remove();
    }
  },
});
