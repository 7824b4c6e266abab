// Unit tests of the fork layer, in this test process (leak checks on): real
// pids, real pipes on the documented descriptors, statuses, wait/waitpid.

import { assert, assertEquals, assertNotEquals } from "@std/assert";
import { uncollected } from "../src/process/child.ts";
import { spawnChild } from "../src/process/spawn.ts";
import { wait, waitpid } from "../src/process/wait.ts";
import { decode } from "../src/bytes.ts";
import { children } from "./fixtures/roles.ts";

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
    // echoBack blocks reading from us after its first write, so the OS view
    // below is of a running process (a child that has ended has no cmdline).
    const child = children.fork("echoBack", { text: "handed over" }, {
      toParent: true,
      toChild: true,
    });
    try {
      // The state it got is the state we handed over.
      assertEquals(decode((await child.fromChild.read(64))!), "handed over");
      assertEquals(parentOf(child.pid), Deno.pid);
      const cmdline = Deno.readTextFileSync(`/proc/${child.pid}/cmdline`)
        .split("\0");
      assert(
        cmdline.includes("--tcpip-child") && cmdline.includes("roles:echoBack"),
        cmdline.join(" "),
      );
    } finally {
      await child.toChild.close(); // end of file: it ends
      assertEquals(await child.wait(), {
        pid: child.pid,
        code: 0,
        signal: null,
      });
      await child.close();
    }
  },
});

Deno.test({
  name: "fork: stdin and stderr are the two pipe ends, stdout is inherited",
  ignore: !linux,
  async fn() {
    const child = children.fork("echoBack", { text: "ping" }, {
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
    assertEquals(decode((await child.fromChild.read(64))!), "pong");
    assertEquals((await child.wait()).code, 0);
    await child.close();
  },
});

Deno.test("fork: a child's exit status reaches the parent", async () => {
  // An unknown role makes the child entry fail with status 1, and say why on
  // its stderr, which is the pipe we read.
  const child = spawnChild({
    entry: { ...children.address("say"), name: "no-such-role" },
    state: null,
    settings: { speed: 1, lang: "en" },
    toChild: null,
    toParent: "errors",
    parent: Deno.pid,
    forkedAt: Date.now(),
  });
  assertEquals(
    decode(await child.fromChild.readAll()),
    "tcpip child: tests/fixtures/roles.ts has no process function 'no-such-role'\n",
  );
  assertEquals(await child.wait(), { pid: child.pid, code: 1, signal: null });
  await child.close();
});

Deno.test({
  name: "fork: a child killed by a signal reports the signal",
  // Windows: kill() is TerminateProcess, an exit status (1), not a signal.
  ignore: Deno.build.os === "windows",
}, async () => {
  const child = children.fork("echoBack", { text: "x" }, {
    toParent: true,
    toChild: true,
  });
  await child.fromChild.read(64); // it now blocks reading from us
  child.kill("SIGTERM");
  const status = await child.wait();
  assertEquals(status.signal, "SIGTERM");
  await child.close();
});

Deno.test("wait/waitpid: collect each child once, when it has ended", async () => {
  const a = children.fork("waitsForEof", null, { toChild: true });
  const b = children.fork("waitsForEof", null, { toChild: true });
  // fork() returned with both running: WNOHANG finds nothing yet.
  assertEquals(await waitpid(-1, { noHang: true }), null);
  assertEquals(uncollected(), [a, b]);

  await b.toChild.close(); // end of file: b ends, a still runs
  assertEquals((await wait())?.pid, b.pid);
  await a.toChild.close();
  assertEquals((await wait())?.pid, a.pid);
  assertEquals(await wait(), null); // C: -1, ECHILD
  assertEquals(uncollected(), []);
});

Deno.test("wait: of children that have all ended, the oldest comes first (as Linux's wait())", async () => {
  const a = children.fork("waitsForEof", null, { toChild: true });
  const b = children.fork("returns", { code: 7 });
  await b.status; // b has ended...
  await a.toChild.close();
  await a.status; // ...and then a: both are uncollected now
  assertEquals(await wait(), { pid: a.pid, code: 0, signal: null });
  assertEquals(await wait(), { pid: b.pid, code: 7, signal: null });
});

Deno.test("waitpid WNOHANG: returns the status once the child has ended", async () => {
  const child = children.fork("say", { text: "done" }, { toParent: true });
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

Deno.test("fork: a returned status and an exit() status both reach the parent", async () => {
  const returned = children.fork("returns", { code: 3 });
  const exited = children.fork("exits", { code: 7 });
  assertEquals((await returned.wait()).code, 3);
  assertEquals((await exited.wait()).code, 7);
});
