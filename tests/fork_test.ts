// Unit tests of the fork layer, in this test process (leak checks on): real
// pids, real pipes on the documented descriptors, statuses, wait/waitpid.

import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { spawnChild, uncollected, wait, waitpid } from "../src/process/fork.ts";
import { decode } from "../src/ipc/pipe.ts";
import { children as pipe1 } from "../examples/pipe1.ts";
import { children as pipe3 } from "../examples/pipe3.ts";

const linux = Deno.build.os === "linux";

/** Field 4 of /proc/<pid>/stat: the parent pid. */
function parentOf(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

Deno.test({
  name: "fork: the child is a real process of ours, running the requested role",
  ignore: !linux,
  async fn() {
    const child = pipe1.fork("child", { str: "handed over" }, {
      toParent: true,
    });
    // Read the OS view before anything else can happen: it is still starting.
    assertEquals(parentOf(child.pid), Deno.pid);
    const cmdline = Deno.readTextFileSync(`/proc/${child.pid}/cmdline`).split(
      "\0",
    );
    assert(
      cmdline.includes("--tcpip-child") && cmdline.includes("pipe1:child"),
      cmdline.join(" "),
    );

    // The state it got is the state we handed over.
    assertEquals(decode(await child.fromChild.readAll()), "handed over");
    assertEquals(await child.wait(), { pid: child.pid, code: 0, signal: null });
    await child.close();
  },
});

Deno.test({
  name: "fork: stdin and stderr are the two pipe ends, stdout is inherited",
  ignore: !linux,
  async fn() {
    const child = pipe3.fork("child", { str1: "ping" }, {
      toParent: true,
      toChild: true,
    });
    const fd = (n: number) => Deno.readLinkSync(`/proc/${child.pid}/fd/${n}`);
    const [stdin, stdout, stderr] = [fd(0), fd(1), fd(2)];
    assert(stdin.startsWith("pipe:["), stdin);
    assert(stderr.startsWith("pipe:["), stderr);
    assertNotEquals(stdin, stderr);
    // Inherited: one of our own descriptors (the test runner may have moved
    // its stdout to another descriptor, so look at all of them).
    const ours = [...Deno.readDirSync("/proc/self/fd")].map((entry) => {
      try {
        return Deno.readLinkSync(`/proc/self/fd/${entry.name}`);
      } catch {
        return "";
      }
    });
    assert(ours.includes(stdout), `${stdout} not in ${ours}`);

    // Child -> parent on fd 2, parent -> child on fd 0.
    assertEquals(decode((await child.fromChild.read(64))!), "ping");
    await child.toChild.write("pong");
    assertEquals((await child.wait()).code, 0);
    await child.close();
  },
});

Deno.test("fork: a child's exit status reaches the parent", async () => {
  // An unknown role makes the child entry fail with status 1, and say why on
  // its stderr, which is the pipe we read.
  const child = spawnChild({
    program: "pipe1",
    role: "no-such-role",
    state: null,
    speed: 1,
    lang: "en",
    toChild: null,
    toParent: "errors",
    parent: Deno.pid,
    forkedAt: Date.now(),
  });
  assertEquals(
    decode(await child.fromChild.readAll()),
    "tcpip child: pipe1 has no child role 'no-such-role'\n",
  );
  assertEquals(await child.wait(), { pid: child.pid, code: 1, signal: null });
  await child.close();
});

Deno.test("fork: a child killed by a signal reports the signal", async () => {
  const child = pipe3.fork("child", { str1: "x" }, {
    toParent: true,
    toChild: true,
  });
  await child.fromChild.read(64); // it now blocks reading from us
  child.kill("SIGTERM");
  const status = await child.wait();
  assertEquals(status.signal, "SIGTERM");
  await child.close();
});

Deno.test("wait/waitpid: collect children in the order they end, once each", async () => {
  const a = pipe1.fork("child", { str: "a" }, { toParent: true });
  const b = pipe1.fork("child", { str: "b" }, { toParent: true });
  // Both are still starting a runtime: WNOHANG finds nothing yet.
  assertEquals(await waitpid(-1, { noHang: true }), null);
  assertEquals(uncollected(), [a, b]);

  const first = (await wait())!;
  const second = (await wait())!;
  assertEquals([first.pid, second.pid].toSorted(), [a.pid, b.pid].toSorted());
  assertEquals([first.code, second.code], [0, 0]);
  assertEquals(await wait(), null); // C: -1, ECHILD
  assertEquals(uncollected(), []);
  await a.close();
  await b.close();
});

Deno.test("waitpid WNOHANG: returns the status once the child has ended", async () => {
  const child = pipe1.fork("child", { str: "done" }, { toParent: true });
  await child.fromChild.readAll(); // end of file: the child is exiting
  await child.status; // the runtime has reaped it
  assertEquals(await waitpid(child.pid, { noHang: true }), {
    pid: child.pid,
    code: 0,
    signal: null,
  });
  assertEquals(await waitpid(child.pid, { noHang: true }), null); // already collected
  await child.close();
});
