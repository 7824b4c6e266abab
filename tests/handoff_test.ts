// The child owns the socket, as after the book's fork(): the OS's own
// tables show the client's socket in the serving child and no longer in
// the parent; only the server's own children may take sockets; a real nc
// talks to it; a fork that fails (no descriptor left) closes only that
// client, and the server goes on.

import { assert, assertEquals, assertMatch } from "@std/assert";
import { connectFdServer } from "../src/ipc/fd_pass.ts";
import { dial, holdersOf, roundTrip, startServer, stopServer } from "./_net.ts";
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

Deno.test({
  name:
    "a stranger at the socket hand-off is refused and named; the server's own children still get theirs",
  ignore: !linux,
  async fn() {
    const { tool, port } = await startServer("echo-server", ["--prefork", "1"]);
    // The hand-off is an abstract Unix socket: /proc/net/unix lists it.
    const address = Deno.readTextFileSync("/proc/net/unix").split("\n")
      .map((line) => line.trim().split(/\s+/).at(-1) ?? "")
      .find((name) => name.startsWith(`@tcpip-${tool.pid}-`));
    assert(address, "the server's hand-off address");
    const stranger = connectFdServer(address);
    assertEquals(stranger.receive(), null); // closed on us at once
    stranger.close();
    await tool.waitFor(
      "err",
      `refused process ${Deno.pid} at the socket hand-off: not a child of this server`,
    );
    const conn = await dial(port);
    assertEquals(await roundTrip(conn, "still fine\n"), "still fine\n");
    conn.close();
    await tool.waitFor("out", /^removed proc id: \d+ $/);
    await stopServer(tool);
  },
});

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
