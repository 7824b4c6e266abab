// The pool serves a new client at full speed, and a burst without piling
// up starts: a child started ahead runs the echo path until V8 has
// compiled it before it takes a client; a burst starts no more children
// at once than the machine has CPUs; spares start on a free CPU.

import { assert, assertEquals } from "@std/assert";
import { cpuFreeIn } from "../src/net/pool.ts";
import { startingLimit } from "../src/net/limits.ts";
import { dial, freePort, roundTrip, startServer, stopServer } from "./_net.ts";
import { Tool } from "./_tcpip.ts";

const linux = Deno.build.os === "linux";

/** Functions V8 says it compiled with `--trace-opt`, as `name:TIER`. */
function compiled(stdout: string[]): Set<string> {
  const found = new Set<string>();
  for (const line of stdout) {
    const match = line.match(
      /^\[completed compiling .*<JSFunction (\S+) .*\(target (\w+)\)/,
    );
    if (match) found.add(`${match[1]}:${match[2]}`);
  }
  return found;
}

Deno.test({
  name:
    "a child started ahead runs the echo path until V8 has compiled it, before any client comes",
  ignore: !linux,
  async fn() {
    // V8 says what it compiles; children get the flag through the
    // environment too. Its lines are flushed when a process ends.
    const port = freePort();
    const tool = Tool.start(["echo-server", String(port), "--prefork", "1"], {
      env: { DENO_V8_FLAGS: "--trace-opt" },
    });
    await tool.waitForNote(/listening on/);
    const [child] = (await tool.waitForProcesses(2)).filter((pid) =>
      pid !== tool.pid
    );
    // A waiting child blocks on its hand-off link once it is ready.
    while (
      Deno.readTextFileSync(`/proc/${child}/wchan`) !==
        "unix_stream_read_generic"
    ) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // A client that sends nothing: the child reads end of file once and
    // ends, so whatever it compiled, it compiled while it waited.
    (await dial(port)).close();
    await tool.waitFor("out", `removed proc id: ${child} `);
    await stopServer(tool);
    const tiers = compiled(tool.out);
    for (const name of ["read", "write", "writeAll"]) {
      assert(
        tiers.has(`${name}:MAGLEV`) || tiers.has(`${name}:TURBOFAN`),
        `${name} was not compiled before the client came:\n${
          [...tiers].join("\n")
        }`,
      );
    }
  },
});

Deno.test({
  name:
    "a burst starts its children a few at a time: never more starting at once than CPUs",
  ignore: !linux,
  async fn() {
    // Fork on accept: each client's child starts when it comes.
    const { tool, port } = await startServer("echo-server", [
      "--prefork",
      "0",
    ]);
    const clients = 4 * startingLimit() + 4;
    let most = 0;
    let sampling = true;
    // A child is starting from its fork until it holds its client's
    // socket. The server names each child as it hands it its client
    // ("child <pid> serves ..."), right after starting it: count the named
    // children that hold no TCP socket yet.
    const sampler = (async () => {
      while (sampling) {
        const named = tool.err.flatMap((line) =>
          line.match(/child (\d+) serves/)?.slice(1) ?? []
        ).map(Number);
        const inodes = tcpInodes();
        const starting = named.filter((pid) => !holdsSocket(pid, inodes));
        most = Math.max(most, starting.length);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const conns = await Promise.all(
      Array.from({ length: clients }, () => dial(port)),
    );
    const echoes = await Promise.all(
      conns.map((conn, i) => roundTrip(conn, `burst ${i}\n`)),
    );
    sampling = false;
    await sampler;
    assertEquals(echoes, conns.map((_, i) => `burst ${i}\n`));
    assert(most >= 1, "the sampler saw a child start");
    assert(
      most <= startingLimit(),
      `${most} children were starting at once (limit ${startingLimit()})`,
    );
    for (const conn of conns) conn.close();
    await stopServer(tool);
  },
});

/** The inodes of every TCP socket, from /proc (Linux). */
function tcpInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of Deno.readTextFileSync(file).split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[9]) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** Whether `pid` holds one of the sockets `inodes` (true once it has ended). */
function holdsSocket(pid: number, inodes: Set<string>): boolean {
  try {
    for (const entry of Deno.readDirSync(`/proc/${pid}/fd`)) {
      const link = Deno.readLinkSync(`/proc/${pid}/fd/${entry.name}`);
      if (inodes.has(link.match(/^socket:\[(\d+)\]$/)?.[1] ?? "")) return true;
    }
  } catch {
    return true; // ended: not starting any more
  }
  return false;
}

Deno.test("a spare starts only on a free CPU: the rule, from /proc/loadavg's running count", () => {
  // The reader counts itself: one more running task than the others.
  assertEquals(cpuFreeIn("0.00 0.01 0.05 1/120 999", 2), true);
  assertEquals(cpuFreeIn("0.90 0.50 0.30 2/120 999", 2), true);
  assertEquals(cpuFreeIn("2.10 1.50 1.00 3/120 999", 2), false);
  assertEquals(cpuFreeIn("7.00 5.00 4.00 8/400 999", 8), true);
  assertEquals(cpuFreeIn("9.00 5.00 4.00 12/400 999", 8), false);
});
