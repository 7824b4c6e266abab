// tcpip check on our own learner programs in C (tests/fixtures/check/):
// for each program the book's behaviour passes, and each mistake is caught
// with its finding. These are the short programs; the ones that sleep
// through the book's 10 and 15 s are in check_waits_test.ts, the servers
// and the client in their own files, so that the files run side by side.

import { assert, assertEquals } from "@std/assert";
import {
  assertFinding,
  assertPass,
  checkJson,
  FIXTURES,
  Fixtures,
  inBatches,
  NO_CC,
  NO_STRACE,
  summary,
} from "./_check.ts";

/** One learner program and what the check must say of it. */
interface Case {
  program: string;
  fixture: string;
  /** The finding expected, or none: the program behaves as the book's. */
  finding?: { id: string; severity: "fail" | "warn" };
  /** The finding needs strace's trace. */
  strace?: boolean;
  /** Words the finding's observation must hold. */
  observed?: string;
  /** Words the finding's why must hold. */
  why?: string;
  /** The finding is the only one: one mistake, one finding. */
  only?: boolean;
  /** Run behind tests/fixtures/check/wrapper.sh, as behind pyenv's shim. */
  wrapped?: boolean;
}

const CASES: Case[] = [
  { program: "fork", fixture: "fork" },
  {
    program: "fork",
    fixture: "fork_swapped",
    finding: { id: "fork.printed-by", severity: "fail" },
    strace: true,
  },
  {
    program: "fork",
    fixture: "fork_twice",
    finding: { id: "fork.forks", severity: "fail" },
    strace: true,
  },
  {
    program: "fork",
    fixture: "fork_nofork",
    finding: { id: "fork.no-fork", severity: "fail" },
    strace: true,
    only: true,
  },
  {
    // The child's missing line is the crash's: one finding.
    program: "fork",
    fixture: "fork_child_crashes",
    finding: { id: "crashed", severity: "fail" },
    strace: true,
    only: true,
  },
  { program: "zombie", fixture: "zombie" },
  {
    program: "zombie",
    fixture: "zombie_child_sleeps",
    finding: { id: "zombie.parent-ended", severity: "fail" },
    only: true,
  },
  {
    program: "zombie",
    fixture: "zombie_wait",
    finding: { id: "zombie.reaped", severity: "fail" },
    strace: true,
  },
  {
    // Z for 150 ms, until wait() returns: the child being collected.
    program: "zombie",
    fixture: "zombie_brief",
    finding: { id: "zombie.reaped", severity: "fail" },
    observed: "only until it left the process table",
  },
  {
    program: "zombie",
    fixture: "zombie_sigign",
    finding: { id: "zombie.reaped", severity: "fail" },
    strace: true,
    observed: "no wait() for it",
  },
  {
    // Each line in two write()s, the child's between the parent's two.
    program: "fork",
    fixture: "fork_split_writes",
    strace: true,
  },
  { program: "wait", fixture: "wait" },
  {
    program: "wait",
    fixture: "wait_once",
    finding: { id: "wait.zombie", severity: "fail" },
  },
  {
    program: "wait",
    fixture: "wait_between_forks",
    finding: { id: "wait.order", severity: "fail" },
    strace: true,
    observed: "not in the book's order",
    only: true,
  },
  { program: "signal", fixture: "signal" },
  {
    program: "signal",
    fixture: "signal_norearm",
    finding: { id: "alarm.not-again", severity: "fail" },
  },
  {
    program: "signal",
    fixture: "signal_nosigint",
    finding: { id: "signal.sigint", severity: "fail" },
  },
  {
    program: "signal",
    fixture: "signal_sigint_exits",
    finding: { id: "signal.sigint-ends", severity: "fail" },
    observed: "exit status 0",
    only: true,
  },
  { program: "sigaction", fixture: "sigaction" },
  {
    program: "sigaction",
    fixture: "sigaction_noalarm",
    finding: { id: "alarm.no-alarm", severity: "fail" },
    strace: true,
    observed: "alarm() 0x",
    only: true,
  },
  {
    program: "sigaction",
    fixture: "sigaction_nohandler",
    finding: { id: "alarm.no-handler", severity: "fail" },
  },
  {
    program: "sigaction",
    fixture: "sigaction_resethand",
    finding: { id: "alarm.reset", severity: "fail" },
    strace: true,
    observed: "sa_flags SA_RESETHAND",
  },
  { program: "pipe1", fixture: "pipe1" },
  {
    program: "pipe1",
    fixture: "pipe1_reversed",
    finding: { id: "pipe1.reversed", severity: "fail" },
    strace: true,
  },
  {
    program: "pipe1",
    fixture: "pipe1_late_pipe",
    finding: { id: "pipe1.lost", severity: "fail" },
    strace: true,
    observed: "after fork(): no other process holds it",
  },
  {
    program: "pipe1",
    fixture: "pipe1_print_first",
    finding: { id: "pipe1.lines", severity: "fail" },
    why: "printed before read() has filled it",
  },
  { program: "pipe2", fixture: "pipe2" },
  { program: "pipe2", fixture: "pipe2_parent_leaves" },
  {
    program: "pipe2",
    fixture: "pipe2_nosleep",
    finding: { id: "pipe2.own-message", severity: "fail" },
    strace: true,
  },
  {
    program: "pipe2",
    fixture: "pipe2_sleep_first",
    finding: { id: "pipe2.at-once", severity: "warn" },
    strace: true,
    observed: "with no pause between",
  },
  { program: "pipe3", fixture: "pipe3" },
  {
    program: "pipe3",
    fixture: "pipe3_onepipe",
    finding: { id: "pipe3.one-pipe", severity: "fail" },
    strace: true,
  },
  {
    // Both wait in a pipe's read(): the program hangs, nothing is lost.
    program: "pipe3",
    fixture: "pipe3_both_read_first",
    finding: { id: "pipe3.hangs", severity: "fail" },
    observed: "the child",
    only: true,
  },
  {
    program: "pipe3",
    fixture: "pipe3_crossed",
    finding: { id: "pipe3.own-message", severity: "fail" },
    strace: true,
    why: "ends are mixed up",
    only: true,
  },
  { program: "fd-copy", fixture: "fd_copy" },
  {
    program: "fd-copy",
    fixture: "fd_copy_noclose",
    finding: { id: "fd-copy.no-close", severity: "warn" },
    strace: true,
  },
  { program: "sigint-confirm", fixture: "sigint_confirm" },
  {
    program: "sigint-confirm",
    fixture: "sigint_noconfirm",
    finding: { id: "sigint.killed", severity: "fail" },
  },
  {
    program: "sigint-confirm",
    fixture: "sigint_getchar",
    finding: { id: "sigint.no-wait", severity: "fail" },
  },
  {
    program: "sigint-confirm",
    fixture: "sigint_any_answer",
    finding: { id: "sigint.ends-on-no", severity: "fail" },
  },
  { program: "three-conversation", fixture: "three_conversation" },
  {
    // The wrapper's helpers answer it through pipes before it runs the
    // program: their lines are no messages of the conversation.
    program: "three-conversation",
    fixture: "three_conversation",
    strace: true,
    wrapped: true,
  },
  {
    program: "three-conversation",
    fixture: "three_conversation_parent_first",
    strace: true,
  },
  {
    program: "three-conversation",
    fixture: "three_conversation_onepipe",
    finding: { id: "three.one-pipe", severity: "fail" },
    strace: true,
  },
  {
    program: "three-conversation",
    fixture: "three_conversation_twice",
    finding: { id: "three.count", severity: "fail" },
    strace: true,
  },
];

/** Checks each case (four at a time), then asserts every one. */
async function checkCases(cases: Case[]): Promise<void> {
  const fixtures = new Fixtures();
  try {
    const runnable = cases.filter((c) => !c.strace || NO_STRACE === null);
    const results = await inBatches(
      runnable.map((c) => async () =>
        checkJson(c.program, [
          ...(c.wrapped ? ["sh", `${FIXTURES}wrapper.sh`] : []),
          await fixtures.build(c.fixture),
        ])
      ),
      4,
    );
    const failures: string[] = [];
    for (const [i, c] of runnable.entries()) {
      try {
        if (c.finding) {
          const found = assertFinding(
            results[i],
            c.finding.id,
            c.finding.severity,
          );
          if (c.observed) {
            assert(found.observed.includes(c.observed), found.observed);
          }
          if (c.why) assert(found.why.includes(c.why), found.why);
          if (c.only) {
            assertEquals(
              results[i].report.findings.map((f) => f.id),
              [c.finding.id],
              summary(results[i].report),
            );
          }
        } else assertPass(results[i]);
      } catch (error) {
        failures.push(`${c.fixture}: ${(error as Error).message}`);
      }
    }
    assert(failures.length === 0, failures.join("\n\n"));
  } finally {
    await fixtures.remove();
  }
}

Deno.test({
  name:
    `fork, zombie, wait, signals: the book's behaviour passes, each mistake is found${
      NO_CC ? ` (skipped: ${NO_CC})` : ""
    }`,
  ignore: NO_CC !== null,
  fn: () =>
    checkCases(
      CASES.filter((c) =>
        ["fork", "zombie", "wait", "signal", "sigaction"].includes(c.program)
      ),
    ),
});

Deno.test({
  name:
    `pipes and the exercises: the book's behaviour passes, each mistake is found${
      NO_CC ? ` (skipped: ${NO_CC})` : ""
    }`,
  ignore: NO_CC !== null,
  fn: () =>
    checkCases(
      CASES.filter((c) =>
        !["fork", "zombie", "wait", "signal", "sigaction"].includes(c.program)
      ),
    ),
});
