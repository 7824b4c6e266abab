// The echo server under load: binary data, big payloads with flat memory,
// a hundred clients at once, the --max-clients limit, --host, and the bench.

import { assert, assertEquals } from "@std/assert";
import {
  dial,
  echoPattern,
  freePort,
  receiveAll,
  roundTrip,
  rssMiB,
  startServer,
  stopServer,
  waitForLines,
} from "./_net.ts";
import { Tool } from "./_tcpip.ts";

const MiB = 1024 * 1024;

Deno.test("binary data with NUL bytes, 1 MiB: echoed byte for byte, in order", async () => {
  const { tool, port } = await startServer("echo-server");
  const conn = await dial(port);
  assertEquals(await echoPattern(conn, MiB), MiB);
  conn.close();
  await stopServer(tool);
});

Deno.test({
  name: "100 MiB through the server: byte for byte, with flat memory",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const { tool, port } = await startServer("echo-server");
    const conn = await dial(port);
    let peak = 0;
    const sample = () => {
      for (const pid of tool.processes()) peak = Math.max(peak, rssMiB(pid));
    };
    assertEquals(await echoPattern(conn, 100 * MiB, sample), 100 * MiB);
    conn.close();
    // Back-pressure: no process ever held a large part of the 100 MiB.
    assert(
      peak > 0 && peak < 200,
      `peak resident memory ${peak.toFixed(0)} MiB`,
    );
    await stopServer(tool);
  },
});

/**
 * Clients at once: 100; 50 on Windows, where a child starts in 0.3-0.5 s
 * under Wine (the whole burst must fit the network limit of one read).
 */
const AT_ONCE = Deno.build.os === "windows" ? 50 : 100;

Deno.test(`${AT_ONCE} clients at once: every one is served by its own child`, async () => {
  const { tool, port } = await startServer("echo-server");
  const clients = await Promise.all(
    Array.from({ length: AT_ONCE }, () => dial(port)),
  );
  const echoes = await Promise.all(
    clients.map((conn, i) => roundTrip(conn, `client ${i}\n`)),
  );
  echoes.forEach((echo, i) => assertEquals(echo, `client ${i}\n`));
  for (const conn of clients) conn.close();
  await waitForLines(tool, /^removed proc id: \d+ $/, AT_ONCE);
  const result = await stopServer(tool);
  assertEquals(
    result.out.filter((l) => l === "new client connected...").length,
    AT_ONCE,
  );
  assertEquals(
    result.out.filter((l) => l === "client disconnected...").length,
    AT_ONCE,
  );
});

Deno.test("--max-clients: the extra client is told the server is busy", async () => {
  const { tool, port } = await startServer("echo-server", [
    "--max-clients",
    "2",
  ]);
  const first = await dial(port);
  const second = await dial(port);
  assertEquals(await roundTrip(first, "1\n"), "1\n");
  assertEquals(await roundTrip(second, "2\n"), "2\n");

  const third = await dial(port);
  assertEquals(
    new TextDecoder().decode(await receiveAll(third)),
    "server busy: 2 clients are connected already; try again later\n",
  );
  third.close();
  await tool.waitForNote(
    "refused a client: 2 clients are connected (--max-clients 2)",
  );

  // Once one leaves, a new client is served again.
  first.close();
  await tool.waitFor("out", /^removed proc id: \d+ $/);
  const fourth = await dial(port);
  assertEquals(await roundTrip(fourth, "4\n"), "4\n");
  second.close();
  fourth.close();
  const result = await stopServer(tool);
  assertEquals(
    result.out.filter((l) => l === "new client connected...").length,
    3,
  );
});

Deno.test("--host 0.0.0.0 listens on every address (loopback included)", async () => {
  const port = freePort();
  const tool = Tool.start([
    "echo-server",
    String(port),
    "--host",
    "0.0.0.0",
    "--prefork",
    "0",
  ]);
  await tool.waitForNote(new RegExp(`listening on 0\\.0\\.0\\.0:${port}:`));
  const conn = await dial(port);
  assertEquals(await roundTrip(conn, "anyone\n"), "anyone\n");
  conn.close();
  await stopServer(tool);
});

Deno.test({
  name: "deno task bench runs its loads and reports every metric",
  ignore: Deno.build.os !== "linux", // it measures memory and CPU in /proc
}, async () => {
  const out = Deno.makeTempFileSync({ suffix: ".md" });
  try {
    const bench = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../tools/bench.ts", import.meta.url).pathname,
        "--quick",
        "--no-c",
        "--out",
        out,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert(bench.success, new TextDecoder().decode(bench.stderr));
    const report = Deno.readTextFileSync(out);
    for (
      const heading of [
        "## 1. First echo",
        "## 2. Steady data path",
        "## 3. 8 MiB through one client",
        "## Targets",
      ]
    ) {
      assert(report.includes(heading), heading);
    }
    for (
      const column of [
        "idle, 1 client ms",
        "50 at once p50 ms",
        "50 at once p99 ms",
        "RT p50 ms",
        "RT p99 ms",
        "1 client RT/s",
        "50 clients RT/s",
        "10 x 64 KiB MB/s",
        "MB per child, after loads",
        "server RSS start MiB",
        "server RSS peak MiB",
      ]
    ) {
      assert(report.includes(column), column);
    }
    // Every phase has figures for the tcpip servers; without C, no ratio.
    assert(/\| tcpip echo-server +\| +[\d.]+ \|/.test(report), report);
    assert(/\| tcpip echo-storeserver +\| +[\d.]+ \|/.test(report), report);
    assert(/Store file: (\d+) B for \1 B sent \(equal\)/.test(report), report);
    assert(report.includes("not checked (no C server)"), report);
    // The table is printed too.
    assert(new TextDecoder().decode(bench.stdout).includes("## Targets"));
  } finally {
    Deno.removeSync(out);
  }
});
