// End-to-end: echo-server and echo-client, against each other and against a
// raw-socket client and server written here.

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import {
  CAN_SIGNAL,
  CLIENT_SERVED,
  dial,
  ONE_CLIENT,
  rawServer,
  reads,
  receive,
  receiveAll,
  roundTrip,
  send,
  startServer,
  stopServer,
} from "./_net.ts";
import { run, Tool } from "./_tcpip.ts";

const decoder = new TextDecoder();

Deno.test("echo-server: echoes a raw client and prints the book's lines", async () => {
  const { tool, port } = await startServer("echo-server");
  const conn = await dial(port);
  assertEquals(await roundTrip(conn, "hello\n"), "hello\n");
  assertEquals(
    await roundTrip(conn, "\u00e9\u00e8 \ud55c\uae00\n"),
    "\u00e9\u00e8 \ud55c\uae00\n",
  );
  await conn.closeWrite(); // the client is done: its child ends, then the server closes
  assertEquals((await receiveAll(conn)).length, 0);
  conn.close();
  await tool.waitFor("out", /^removed proc id: \d+ $/);

  const result = await stopServer(tool);
  assertEquals(result.out.map((line) => line.replace(/\d+/g, "<pid>")), [
    ...ONE_CLIENT,
  ]);
  if (CAN_SIGNAL) assertEquals(result.notes.at(-1), "SIGTERM: shutting down");
});

Deno.test("echo-client with echo-server: the golden session (tests/golden/run/echo_client.*, echo_server.out)", async () => {
  const golden = (name: string) =>
    Deno.readTextFileSync(new URL(`./golden/run/${name}`, import.meta.url));
  const { tool, port } = await startServer("echo-server");
  const client = await run(["echo-client", "127.0.0.1", String(port)], {
    stdin: golden("echo_client.stdin"),
  });
  assertEquals(client.code, 0, client.stderr);
  assertEquals(client.stdout, golden("echo_client.out"));
  await tool.waitFor("out", /./, ONE_CLIENT.length - 1); // its last line
  const server = await stopServer(tool);
  assertEquals(
    server.stdout.replace(/\d+/g, "<pid1>"),
    golden("echo_server.out"),
  );
});

Deno.test("echo-client: every byte back, with no newline of its own; after q the rest still arrives", async () => {
  // A raw server: echo, and once the client has half-closed, say goodbye.
  const server = rawServer(async (conn) => {
    const buf = new Uint8Array(1024);
    let n: number | null;
    while ((n = await conn.read(buf)) !== null) {
      await send(conn, buf.subarray(0, n));
    }
    await send(conn, "bye after your q\n");
  });
  const result = await run([
    "echo-client",
    "127.0.0.1",
    String(server.port),
    "--buf-size",
    "4096",
  ], {
    stdin: "one\ntwo\nq\nnot sent\n",
  });
  await server.close();
  assertEquals(result.code, 0);
  assertEquals(reads(result.stdout).join(""), "one\ntwo\nbye after your q\n");
  assertMatch(
    result.notes[0],
    /^connected to 127\.0\.0\.1:\d+; type lines, q to quit/,
  );
});

Deno.test("echo-client: a long line comes back in reads of at most 30 bytes", async () => {
  const server = rawServer(async (conn) => {
    const buf = new Uint8Array(1024);
    let n: number | null;
    while ((n = await conn.read(buf)) !== null) {
      await send(conn, buf.subarray(0, n));
    }
  });
  const line = "0123456789".repeat(10); // 100 bytes and a newline
  // No q: end of input acts like q.
  const result = await run(["echo-client", "127.0.0.1", String(server.port)], {
    stdin: `${line}\n`,
  });
  await server.close();
  assertEquals(result.code, 0);
  // fgets(buf, 30, stdin) sends it in pieces of at most 29 bytes; each read
  // of the echo takes at most 30 and is printed after its own prefix.
  const pieces = reads(result.stdout);
  assert(pieces.length >= 4, `${pieces.length} reads`);
  assert(pieces.every((piece) => piece.length <= 30), pieces.join("|"));
  assertEquals(pieces.join(""), `${line}\n`);
});

Deno.test("echo-client with echo-server: many lines then q, every echo printed", async () => {
  const { tool, port } = await startServer("echo-server");
  const lines = Array.from(
    { length: 50 },
    (_, i) => `line ${String(i).padStart(2, "0")}`,
  );
  const client = await run([
    "echo-mpclient",
    "127.0.0.1",
    String(port),
    "--buf-size",
    "4096",
  ], {
    stdin: `${lines.join("\n")}\nq\n`,
  });
  assertEquals(client.code, 0);
  assertEquals(reads(client.stdout).join(""), `${lines.join("\n")}\n`);

  await tool.waitFor("out", /^removed proc id: \d+ $/);
  const server = await stopServer(tool);
  assertEquals(server.out.slice(0, 2), CLIENT_SERVED);
});

Deno.test("echo-client: the server's end while the client still types: one note, the client ends at once, status 0", async () => {
  // The server closes after the first line. The learner has typed nothing
  // more (stdin stays open): the client ends by itself, as C's does when
  // read_routine sees end of file.
  const server = rawServer(async (conn) => {
    const buf = new Uint8Array(64);
    const n = await conn.read(buf);
    await send(conn, buf.subarray(0, n ?? 0));
  });
  const tool = Tool.start(["echo-client", "127.0.0.1", String(server.port)], {
    stdin: "",
  });
  await tool.write("only this\n");
  await tool.waitFor("out", "Message from server: only this");
  await tool.waitForNote(
    "the server closed the connection (read() returned 0)",
  );
  await tool.waitUntilGone(); // ended with its stdin still open
  const result = await tool.finish();
  await server.close();
  assertEquals(result.code, 0);
  assertEquals(result.stdout, "Message from server: only this\n");
  assertEquals(result.notes.length > 0, true);
  assertEquals(
    result.noteText.match(/the server closed the connection/g)?.length,
    1,
  );
});

Deno.test({
  name: "echo-server: the client's bytes pass through a child process",
  ignore: Deno.build.os !== "linux", // it reads the child's /proc/<pid>/cmdline
}, async () => {
  const { tool, port } = await startServer("echo-server", ["--prefork", "0"]);
  const conn = await dial(port);
  await send(conn, "x");
  assertEquals(decoder.decode(await receive(conn, 1)), "x");
  // The tool has two processes now: the server and the client's child.
  const processes = tool.processes();
  assertEquals(processes.length, 2, `${processes}`);
  const child = processes.find((pid) => pid !== tool.pid)!;
  const cmdline = Deno.readTextFileSync(`/proc/${child}/cmdline`).split("\0");
  assert(cmdline.includes("echo_server:echo"), cmdline.join(" "));
  conn.close();
  await tool.waitFor("out", `removed proc id: ${child} `);
  await stopServer(tool);
});

Deno.test({
  name:
    "--prefork: clients get children started ahead; idle ones are never reported",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const { tool, port } = await startServer("echo-server", ["--prefork", "2"]);
    // They were started before the server said it listens.
    await tool.waitForNote(
      "2 children are started and wait for clients (--prefork 2; 0 forks on accept, as the book)",
    );
    const waiting = tool.processes().filter((pid) => pid !== tool.pid);
    assertEquals(waiting.length, 2);

    const conn = await dial(port);
    assertEquals(await roundTrip(conn, "warm\n"), "warm\n");
    conn.close();
    const removed = await tool.waitFor("out", /^removed proc id: \d+ $/);
    // The client was served by a child that already waited before it came.
    assert(
      waiting.includes(Number(removed.split(": ")[1])),
      `${removed} not in ${waiting}`,
    );

    const result = await stopServer(tool);
    // Only the child that served a client is reported, as in the book.
    assertEquals(result.out, [...CLIENT_SERVED, removed]);
  },
});

Deno.test({
  name:
    "--prefork: each child taken by a client is replaced, so the next one waits ahead",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const { tool, port } = await startServer("echo-server", ["--prefork", "1"]);
    const [first] = (await tool.waitForProcesses(2)).filter((pid) =>
      pid !== tool.pid
    );
    const conn = await dial(port);
    assertEquals(await roundTrip(conn, "one\n"), "one\n");
    // While the first child serves, a replacement is started for the next client.
    const spare = (await tool.waitForProcesses(3)).filter((pid) =>
      pid !== tool.pid && pid !== first
    );
    assertEquals(spare.length, 1);
    conn.close();
    await tool.waitFor("out", `removed proc id: ${first} `);

    // The next client is served by that replacement, started before it came.
    const next = await dial(port);
    assertEquals(await roundTrip(next, "two\n"), "two\n");
    next.close();
    await tool.waitFor("out", `removed proc id: ${spare[0]} `);
    await stopServer(tool);
  },
});

Deno.test({
  name:
    "echo-server names the child that serves each client, and says how to watch its children with ps",
  ignore: Deno.build.os === "windows", // no ps there
  async fn() {
    const { tool, port } = await startServer("echo-server");
    const conn = await dial(port);
    assertEquals(await roundTrip(conn, "who?\n"), "who?\n");
    const clientPort = (conn.localAddr as Deno.NetAddr).port;
    conn.close();
    const removed = await tool.waitFor("out", /^removed proc id: \d+ $/);
    const child = removed.match(/\d+/)![0];
    const result = await stopServer(tool);
    // The book's line, and beside it the tool's: which child took the client.
    assertStringIncludes(
      result.noteText,
      `child ${child} serves 127.0.0.1:${clientPort}`,
    );
    const ps = Deno.build.os === "linux"
      ? `ps -o pid,ppid,stat,cmd --ppid ${tool.pid}`
      : `ps -A -o pid,ppid,stat,command | awk '$2 == ${tool.pid}'`;
    assert(result.notes.includes(`  ${ps}`), result.stderr);
  },
});
