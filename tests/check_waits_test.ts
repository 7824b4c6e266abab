// tcpip check on the learner programs that sleep as the book's do: the
// waitpid child's 15 s and remove_zombie's 10 s are what the checks look
// at, so they are waited out, all four programs at the same time.

import { assert } from "@std/assert";
import {
  assertFinding,
  assertPass,
  CHECK_LIMIT_MS,
  checkJson,
  FIXTURES,
  Fixtures,
  NO_CC,
  summary,
} from "./_check.ts";
import { run } from "./_tcpip.ts";

Deno.test({
  name:
    `waitpid and remove-zombie: the book's behaviour passes, blocking and a missing handler are found${
      NO_CC ? ` (skipped: ${NO_CC})` : ""
    }`,
  ignore: NO_CC !== null,
  async fn() {
    const fixtures = new Fixtures();
    try {
      const [
        waitpid,
        blocking,
        removeZombie,
        noHandler,
        flood,
        cutLine,
        wrapped,
      ] = await Promise
        .all([
          fixtures.build("waitpid").then((p) => checkJson("waitpid", [p])),
          fixtures.build("waitpid_blocking").then((p) =>
            checkJson("waitpid", [p])
          ),
          fixtures.build("remove_zombie").then((p) =>
            checkJson("remove-zombie", [p])
          ),
          fixtures.build("remove_zombie_nohandler").then((p) =>
            checkJson("remove-zombie", [p])
          ),
          // The text report, of a loop that prints some 5000 lines.
          fixtures.build("waitpid_usleep").then((p) =>
            run(["check", "waitpid", "--", p], { limitMs: CHECK_LIMIT_MS })
          ),
          fixtures.build("remove_zombie_cut_line").then((p) =>
            checkJson("remove-zombie", [p])
          ),
          // Behind a wrapper that runs helpers first, as pyenv's python3
          // shim does.
          fixtures.build("remove_zombie").then((p) =>
            checkJson("remove-zombie", ["sh", `${FIXTURES}wrapper.sh`, p])
          ),
        ]);
      assertPass(waitpid);
      const blocks = assertFinding(blocking, "waitpid.blocks", "fail");
      assert(blocks.observed.includes("do_wait"), blocks.observed);
      // The book's handler calls waitpid() once per signal: when both
      // children end at the same instant it may leave one, which the check
      // calls the book's own pitfall (a warning), never a failure.
      assertPass(removeZombie, ["remove-zombie.one-per-signal"]);
      const zombie = assertFinding(
        noHandler,
        "remove-zombie.no-handler",
        "fail",
      );
      assert(
        zombie.observed.includes("no handler for SIGCHLD"),
        zombie.observed,
      );
      // 'wait...' cut by the handler's lines is the book's lines, mixed.
      assertPass(cutLine);
      // The wrapper's helpers, ended and collected before the program ran,
      // are not the two children the check waits for.
      assertPass(wrapped, ["remove-zombie.one-per-signal"]);
      const ended = wrapped.report.checks.find((c) =>
        c.title.startsWith("two children start and end")
      );
      assert(ended?.result === "ok", summary(wrapped.report));
      // Its lines are shown up to 200, and listed in the finding up to 12.
      assert(flood.code === 1, flood.stdout);
      assert(flood.stdout.includes("FAIL waitpid.lines"), flood.stdout);
      assert(
        flood.stdout.includes("tcpip shows the first 200 lines"),
        flood.stdout,
      );
      // (the report wraps at 80 columns, so the marker may span two lines)
      assert(
        /\.\.\.\s+\(\d+\s+more\)\s+\.\.\./.test(flood.stdout),
        flood.stdout,
      );
      assert(flood.stdout.split("\n").length < 400, flood.stdout.slice(-2000));
    } finally {
      await fixtures.remove();
    }
  },
});
