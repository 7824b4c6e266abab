// The child owns the socket, as after the book's fork(): the OS's own
// tables show the client's socket in the serving child and no longer in
// the parent; the parent's own table does not grow with the clients it has
// served; a dead child's pid given to a new child mixes nothing up; a real
// nc talks to it; a fork that fails (no descriptor left) closes only that
// client, and the server goes on.

import { assert, assertEquals, assertMatch } from "@std/assert";
import {
  dial,
  freePort,
  holdersOf,
  roundTrip,
  startServer,
  stopServer,
} from "./_net.ts";
import { hasCommand, MAIN, Tool } from "./_tcpip.ts";

const linux = Deno.build.os === "linux";

Deno.test({
  name:
    "the descriptor really moves: the child's table holds the client's socket, the parent's does not",
  ignore: !linux,
  async fn() {
    const { tool, port } = await startServer("echo-server", ["--prefork", "1"]);
    const conn = await dial(port);
    assertEquals(await roundTrip(conn, "mine\n"), "mine\n");
    const holders = holdersOf(tool.processes(), port, conn);
    assertEquals(holders.length, 1, "one process holds the client's socket");
    assert(holders[0] !== tool.pid, "and it is not the parent");
    const cmdline = Deno.readTextFileSync(`/proc/${holders[0]}/cmdline`);
    assert(cmdline.includes("echo_server:echo"), cmdline);

    // The child's close() ends the connection: end of file, right after the
    // last echo of a client that half-closed.
    await conn.write(new TextEncoder().encode("last\n"));
    await conn.closeWrite();
    const rest = new Uint8Array(16);
    assertEquals(await conn.read(rest), 5);
    assertEquals(await conn.read(rest), null);
    conn.close();
    await tool.waitFor("out", `removed proc id: ${holders[0]} `);
    await stopServer(tool);
  },
});

const NC = hasCommand("nc");

Deno.test({
  name: NC
    ? "nc against the echo server: every line back, the end after nc's half-close"
    : "nc against the echo server (skipped: no nc here; .ci/run installs netcat-openbsd)",
  ignore: !NC || Deno.build.os === "windows",
  async fn() {
    const { tool, port } = await startServer("echo-server");
    const lines = Array.from({ length: 100 }, (_, i) => `nc line ${i}\n`).join(
      "",
    );
    const nc = new Deno.Command("nc", {
      args: ["-N", "127.0.0.1", String(port)], // -N: shutdown(SHUT_WR) at end of input
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = nc.stdin.getWriter();
    await writer.write(new TextEncoder().encode(lines));
    await writer.close();
    const out = await nc.output();
    assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
    assertEquals(new TextDecoder().decode(out.stdout), lines);
    await tool.waitFor("out", /^removed proc id: \d+ $/);
    await stopServer(tool);
  },
});

/** How many descriptors `pid` holds (Linux). */
function descriptors(pid: number): number {
  return [...Deno.readDirSync(`/proc/${pid}/fd`)].length;
}

/** `count` clients at once, each echoed once and gone. */
async function burst(port: number, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, async (_, i) => {
    const conn = await dial(port);
    try {
      assertEquals(await roundTrip(conn, `burst ${i}\n`), `burst ${i}\n`);
    } finally {
      conn.close();
    }
  }));
}

/**
 * Waits until the run has had `count` processes for 200 ms: the pool is
 * back at its size (while a burst is served, the number only passes by).
 */
async function settled(tool: Tool, count: number): Promise<void> {
  let held = 0;
  while (held < 10) {
    await tool.waitForProcesses(count);
    held++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (tool.processes().length !== count) held = 0;
  }
}

/**
 * How many descriptors `pid` holds once the number stops moving (the same
 * in five reads 20 ms apart) and, given `atMost`, is no more than 2 above
 * it (5 s at most): children that just ended are still being reaped, and
 * their pidfds and links closed, for a moment.
 */
async function steadyDescriptors(
  pid: number,
  atMost?: number,
): Promise<number> {
  let last = -1;
  let same = 0;
  const until = Date.now() + 5000;
  for (let i = 0; i < 500; i++) {
    const now = descriptors(pid);
    same = now === last ? same + 1 : 0;
    last = now;
    const low = atMost === undefined || now <= atMost + 2;
    if (same >= 5 && (low || Date.now() > until)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return last;
}

Deno.test({
  name:
    "bursts of clients leave no descriptor behind in the parent: after 4 bursts of 40 at ulimit -n 120, 20 clients at once are all served",
  ignore: !linux,
  async fn() {
    const port = freePort();
    const tool = Tool.start([], {
      shell:
        `ulimit -n 120 && exec '${Deno.execPath()}' run -A --quiet '${MAIN}' echo-server ${port} --prefork 4`,
    });
    await tool.waitFor(
      "err",
      new RegExp(`listening on 127\\.0\\.0\\.1:${port}:`),
    );
    const counts: number[] = [];
    for (let round = 0; round < 4; round++) {
      await burst(port, 40);
      // The pool shrinks back to 4 waiting children once clients stop.
      await settled(tool, 5);
      // A child starting or ending just then holds a few for a moment (once
      // in twelve full runs under load: 35, 35, 41, 35): a leak never gives
      // them back, so each round waits for the count to come down to the
      // first round's, 5 s at most.
      counts.push(await steadyDescriptors(tool.pid, counts[0]));
    }
    const spread = Math.max(...counts) - Math.min(...counts);
    assert(spread <= 2, `descriptors after each burst: ${counts.join(", ")}`);
    await burst(port, 20);
    assert(
      !tool.err.some((line) => /could not hand|EMFILE|busy/.test(line)),
      tool.err.join("\n"),
    );
    await stopServer(tool);
  },
});

/** The pid `pid` has in its own pid namespace (the last of NSpid), Linux. */
function innerPid(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(
    status.match(/^NSpid:\s+(.*)$/m)![1].trim().split(/\s+/).at(-1),
  );
}

/** The run's processes whose command line matches `pattern`. */
function processesLike(tool: Tool, pattern: RegExp): number[] {
  return tool.processes().filter((pid) => {
    try {
      return pattern.test(
        Deno.readTextFileSync(`/proc/${pid}/cmdline`).replaceAll("\0", " "),
      );
    } catch {
      return false;
    }
  });
}

const NAMESPACES = linux && Deno.uid() === 0 && hasCommand("unshare") &&
  hasCommand("nsenter");

Deno.test({
  name: NAMESPACES
    ? "an idle child that dies takes its link along; a new child that gets its pid is served like any other"
    : "a reused pid (skipped: it needs root, unshare and nsenter, to give the server a pid namespace of its own)",
  ignore: !NAMESPACES,
  async fn() {
    // A pid namespace of the server's own, so that the pid set up for its
    // next child goes to that child and to no other process of the machine.
    const port = freePort();
    const tool = Tool.start([], {
      shell:
        `exec unshare --pid --fork --mount-proc --kill-child '${Deno.execPath()}' ` +
        `run -A --quiet '${MAIN}' echo-server ${port} --prefork 1`,
    });
    await tool.waitForNote(new RegExp(`listening on 127\\.0\\.0\\.1:${port}:`));
    // The server itself, not the unshare that started it.
    const [server] = processesLike(tool, /^(?!unshare).* run .* echo-server /);
    try {
      let reused = 0;
      for (let round = 0; round < 5 && reused < 2; round++) {
        // The pool's waiting children, once they wait for their sockets (the
        // pool keeps more after a client found none waiting).
        let idle: number[] = [];
        await waitUntil(() => {
          idle = processesLike(tool, /--tcpip-child/).filter((pid) =>
            Deno.readTextFileSync(`/proc/${pid}/wchan`) ===
              "unix_stream_read_generic"
          );
          return idle.length > 0 && idle.length === processesLike(
                tool,
                /--tcpip-child/,
              ).length;
        });
        const dead = Math.min(...idle.map(innerPid));
        const before = await steadyDescriptors(server);
        for (const pid of idle) Deno.kill(pid, "SIGKILL");
        await waitUntil(() => !tool.processes().some((p) => idle.includes(p)));
        // Their links are closed with them, whatever ended them: the
        // parent's table loses each one's link and pidfd (once the parent
        // has seen them end, which a loaded machine may take a while to let
        // it do: waited for, not a margin).
        const expected = before - 2 * idle.length;
        let now = before;
        await waitUntil(() => (now = descriptors(server)) === expected)
          .catch(() => {});
        assertEquals(now, expected);
        // The next pid in the namespace is a dead child's: the child the
        // server starts for this client, none waiting, gets it (unless a
        // thread of the server takes it first: the rounds count the times).
        const setPid = await new Deno.Command("nsenter", {
          args: [
            `--target=${server}`,
            "--pid",
            "--",
            "sh",
            "-c",
            `echo ${dead - 1} > /proc/sys/kernel/ns_last_pid`,
          ],
        }).output();
        assert(setPid.success, new TextDecoder().decode(setPid.stderr));
        const seen = tool.out.length;
        const conn = await dial(port);
        assertEquals(await roundTrip(conn, "again\n"), "again\n");
        conn.close();
        const removed = await tool.waitFor(
          "out",
          /^removed proc id: \d+ $/,
          seen,
        );
        if (removed === `removed proc id: ${dead} `) reused++;
      }
      assert(reused > 0, "no new child got a dead child's pid in 5 rounds");
      assert(!/refused|could not hand/.test(tool.noteText), tool.noteText);
      Deno.kill(server, "SIGTERM"); // unshare passes on its child's status
      const result = await tool.finish();
      assertEquals(result.code, 0, result.stderr);
    } finally {
      // A namespace's first process outlives its unshare: end it, whatever
      // happened above (nothing to do once it has ended).
      for (const pid of tool.processes()) Deno.kill(pid, "SIGKILL");
      await tool.finish().catch(() => {});
    }
  },
});

/** Polls `ok` every few milliseconds, failing after 10 s. */
async function waitUntil(ok: () => boolean): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!ok()) {
    if (performance.now() > deadline) throw new Error("never happened");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test({
  name:
    "no descriptor left (a low ulimit -n): a client that cannot get a child is closed, and the server goes on",
  ignore: !linux,
  async fn() {
    // Started through sh, with few descriptors: each child costs the parent
    // some (its pidfd, its hand-off link), so only a few clients fit.
    const port = (() => {
      const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const { port } = probe.addr as Deno.NetAddr;
      probe.close();
      return port;
    })();
    const tool = Tool.start([], {
      shell:
        `ulimit -n 64 && exec '${Deno.execPath()}' run -A --quiet '${MAIN}' echo-server ${port} --prefork 0`,
    });
    await tool.waitFor(
      "err",
      new RegExp(`listening on 127\\.0\\.0\\.1:${port}:`),
    );
    const conns: Deno.TcpConn[] = [];
    let served = 0;
    let closed = 0;
    for (let i = 0; i < 40 && closed === 0; i++) {
      const conn = await dial(port);
      conns.push(conn);
      await conn.write(new TextEncoder().encode("x"));
      const n = await conn.read(new Uint8Array(1)).catch(() => null);
      if (n === 1) served++;
      else closed++;
    }
    assert(served > 0, "some clients were served");
    assert(closed > 0, "and some could not be: no descriptor left");
    assertMatch(
      tool.err.join("\n"),
      /fork\(\) failed: .*|accept\(\) error: EMFILE/,
    );
    for (const conn of conns) conn.close();
    // Once clients leave, descriptors are free again: a new one is served.
    await tool.waitFor("out", /^removed proc id: \d+ $/);
    let again: Deno.TcpConn | undefined;
    for (let attempt = 0; attempt < 50 && !again; attempt++) {
      const conn = await dial(port);
      await conn.write(new TextEncoder().encode("y"));
      if (await conn.read(new Uint8Array(1)).catch(() => null) === 1) {
        again = conn;
      } else conn.close();
    }
    assert(again, "a client is served again");
    again.close();
    await stopServer(tool);
  },
});
