// echo-storeserver: the store process gets a copy of what clients send,
// through a pipe, and writes it to the file as it arrives.

import { assert, assertEquals, assertMatch } from "@std/assert";
import {
  CAN_SIGNAL,
  dial,
  freePort,
  roundTrip,
  send,
  startServer,
  stopServer,
} from "./_net.ts";
import { MAIN, run } from "./_tcpip.ts";

/** Waits (up to `ms`) until `path` holds exactly `expected`; returns what it held. */
async function fileBecomes(
  path: string,
  expected: string,
  ms = 1000,
): Promise<string> {
  const deadline = performance.now() + ms;
  let text = "";
  while (performance.now() < deadline) {
    try {
      text = Deno.readTextFileSync(path);
    } catch {
      text = "";
    }
    if (text === expected) return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return text;
}

Deno.test("copies reach the file as they arrive, and survive a clean shutdown", async () => {
  const cwd = Deno.makeTempDirSync();
  const out = `${cwd}/log.txt`;
  const { tool, port } = await startServer("echo-storeserver", [
    "--out",
    out,
    "--max-messages",
    "0",
  ]);
  const store = await tool.waitForNote(
    /store process \d+ writes what clients send to .*?\)/,
  );
  assertMatch(store, /no limit on reads \(--max-messages 0\)/);

  const alice = await dial(port);
  const bob = await dial(port);
  let expected = "";
  for (
    const [conn, text] of [[alice, "alice 1\n"], [bob, "bob 1\n"], [
      alice,
      "alice 2\n",
    ]] as const
  ) {
    assertEquals(await roundTrip(conn, text), text);
    expected += text;
    // Within a second, without waiting for any shutdown.
    assertEquals(await fileBecomes(out, expected), expected);
  }
  alice.close();
  bob.close();

  tool.kill("SIGINT");
  const result = await tool.finish();
  assertEquals(result.code, CAN_SIGNAL ? 0 : 1); // Windows: TerminateProcess
  assertEquals(Deno.readTextFileSync(out), expected);
  // Both clients' children and the store process were collected.
  if (CAN_SIGNAL) {
    assertEquals(
      result.out.filter((l) => l.startsWith("removed proc id: ")).length,
      3,
    );
  }
  Deno.removeSync(cwd, { recursive: true });
});

Deno.test({
  name:
    "like the book's, the store process stops after 10 reads; the copies then pile up in the pipe, and once it is full the echo stalls",
  // The stall is told from /proc/<pid>/wchan, which only Linux has.
  ignore: Deno.build.os !== "linux",
}, async () => {
  const cwd = Deno.makeTempDirSync();
  const { tool, port } = await startServer("echo-storeserv", [], { cwd });
  const line = await tool.waitForNote(
    /store process (\d+) writes what clients send to (\S+);/,
  );
  assertMatch(line, /it stops after 10 reads, as the book's/);
  const storePid = line.match(/store process (\d+)/)![1];
  // Where C's fopen("echomsg.txt") puts it: the directory it was started in.
  assertEquals(
    line.match(/send to (\S+);/)![1],
    `${Deno.realPathSync(cwd)}/echomsg.txt`,
  );

  const conn = await dial(port);
  let stored = "";
  for (let i = 1; i <= 12; i++) {
    const text = `message ${i}\n`;
    assertEquals(await roundTrip(conn, text), text);
    if (i <= 10) {
      // One message in the pipe at a time, so each is one read of the store.
      stored += text;
      assertEquals(await fileBecomes(`${cwd}/echomsg.txt`, stored), stored);
    }
  }
  await tool.waitFor("out", `removed proc id: ${storePid} `);
  await tool.waitForNote(
    `the store process ${storePid} has ended: nobody reads the pipe`,
  );
  // Past the pipe's 64 KiB, the echo child blocks in write(fds[1]): the
  // echo stops short of what was sent, and the OS shows where it waits.
  const big = new Uint8Array(256 * 1024).fill(0x61);
  const sending = send(conn, big).catch(() => {});
  let echoed = 0;
  const buf = new Uint8Array(64 * 1024);
  const stalled = tool.waitForNote(
    /the pipe is full: echo child \d+ waits in write\(fds\[1\]\)/,
  );
  while (true) {
    const n = await Promise.race([conn.read(buf), stalled.then(() => -1)]);
    if (n === -1 || n === null) break;
    echoed += n;
  }
  assert(echoed < big.length, `${echoed} of ${big.length} echoed`);
  await stalled;
  conn.close();
  await sending;

  await stopServer(tool);
  assertEquals(Deno.readTextFileSync(`${cwd}/echomsg.txt`), stored);
  assert(!stored.includes("message 11"));
  Deno.removeSync(cwd, { recursive: true });
});

Deno.test({
  name:
    "--max-messages 0 makes the pipe hold 1 MiB (Linux): 512 KiB pass a store that has ended, and more fills it",
  // F_SETPIPE_SZ and /proc/<pid>/wchan are Linux's.
  ignore: Deno.build.os !== "linux",
}, async () => {
  const cwd = Deno.makeTempDirSync();
  const { tool, port } = await startServer("echo-storeserver", [
    "--max-messages",
    "0",
  ], { cwd });
  const line = await tool.waitForNote(/store process (\d+) writes/);
  const storePid = Number(line.match(/store process (\d+)/)![1]);
  Deno.kill(storePid, "SIGKILL"); // nobody reads the pipe from now on
  await tool.waitForNote(
    /has ended: nobody reads the pipe[\s\S]*\(1024 KiB here, set with F_SETPIPE_SZ\)/,
  );
  const conn = await dial(port);
  // Eight times the 64 KiB a pipe holds by default: all of it comes back.
  const half = new Uint8Array(512 * 1024).fill(0x62);
  const [, echoed] = await Promise.all([
    send(conn, half),
    readBytes(conn, half.length),
  ]);
  assertEquals(echoed, half.length);
  // Another 2 MiB do not fit: the echo child waits in write(fds[1]), while
  // its echoes are read (so it never waits on its socket instead).
  const more = new Uint8Array(2 * 1024 * 1024);
  const sending = send(conn, more).catch(() => {});
  const stalled = tool.waitForNote(
    /the pipe is full: echo child \d+ waits in write\(fds\[1\]\)/,
  );
  const reading = readBytes(conn, more.length);
  await stalled;
  conn.close();
  await Promise.all([sending, reading.catch(() => 0)]);
  await stopServer(tool);
  Deno.removeSync(cwd, { recursive: true });
});

/** Reads from `conn` until `count` bytes have come (or end of file); the bytes read. */
async function readBytes(conn: Deno.Conn, count: number): Promise<number> {
  const buf = new Uint8Array(64 * 1024);
  let got = 0;
  while (got < count) {
    const n = await conn.read(buf);
    if (n === null) break;
    got += n;
  }
  return got;
}

Deno.test({
  name:
    "Ctrl+C on the terminal (SIGINT to the whole group): nothing a client sent before it is lost",
  ignore: Deno.build.os === "windows",
  async fn() {
    const cwd = Deno.makeTempDirSync();
    const { tool, port } = await startServer("echo-storeserver", [
      "--max-messages",
      "0",
    ], { cwd, group: true });
    const clients = await Promise.all([dial(port), dial(port), dial(port)]);
    let expected = 0;
    for (const [i, conn] of clients.entries()) {
      for (let j = 0; j < 20; j++) {
        const text = `client ${i} line ${j}\n`;
        assertEquals(await roundTrip(conn, text), text); // echoed: in the pipe too
        expected += text.length;
      }
    }
    tool.killGroup("SIGINT"); // every process of the tool gets it, as in C
    const result = await tool.finish();
    for (const conn of clients) conn.close();
    assertEquals(result.code, 0, result.stderr);
    assertEquals(Deno.statSync(`${cwd}/echomsg.txt`).size, expected);
    assertMatch(
      result.stderr,
      /waiting for the store process \d+ to write what is still in the pipe/,
    );
    Deno.removeSync(cwd, { recursive: true });
  },
});

Deno.test({
  name:
    "a symbolic link planted at echomsg.txt is refused at start, one line, exit 1; the file it points to is untouched",
  ignore: Deno.build.os === "windows", // a link there needs privileges
  async fn() {
    const cwd = Deno.makeTempDirSync();
    Deno.writeTextFileSync(`${cwd}/precious.txt`, "keep me\n");
    Deno.symlinkSync(`${cwd}/precious.txt`, `${cwd}/echomsg.txt`);
    const port = freePort();
    const result = await run(["echo-storeserver", String(port)], { cwd });
    assertEquals(result.code, 1);
    assertEquals(result.err, [
      "tcpip echo-storeserver: cannot write echomsg.txt: it is a symbolic link, " +
      "and writing through it would empty the file it points to",
    ]);
    assertEquals(result.stdout, "");
    assertEquals(Deno.readTextFileSync(`${cwd}/precious.txt`), "keep me\n");
    Deno.removeSync(cwd, { recursive: true });
  },
});

Deno.test("--out in a folder that does not exist fails at start, before the server listens", async () => {
  const cwd = Deno.makeTempDirSync();
  const port = freePort();
  const result = await run([
    "echo-storeserver",
    String(port),
    "--out",
    "no/such/folder/log.txt",
  ], { cwd });
  assertEquals(result.code, 1);
  assertEquals(result.err, [
    "tcpip echo-storeserver: cannot write no/such/folder/log.txt: its folder " +
    "no/such/folder does not exist",
  ]);
  assertEquals([...Deno.readDirSync(cwd)], [], "nothing was created");
  // Nothing listened: the port is still free.
  Deno.listen({ hostname: "127.0.0.1", port }).close();
  Deno.removeSync(cwd, { recursive: true });
});

Deno.test({
  name:
    "a second server in the same folder is refused, naming the one that writes the file; the first one's file is kept",
  async fn() {
    const cwd = Deno.makeTempDirSync();
    const { tool, port } = await startServer("echo-storeserver", [], { cwd });
    const text = await tool.waitForNote(/store process (\d+) writes/);
    const store = text.match(/store process (\d+) writes/)![1];
    const conn = await dial(port);
    assertEquals(await roundTrip(conn, "first\n"), "first\n");
    assertEquals(await fileBecomes(`${cwd}/echomsg.txt`, "first\n"), "first\n");

    const second = await run(["echo-storeserver", String(freePort())], { cwd });
    assertEquals(second.code, 1);
    assertMatch(
      second.err.join("\n"),
      new RegExp(
        "^tcpip echo-storeserver: cannot write echomsg\\.txt: another running program holds it" +
          // Linux names it (/proc/locks); elsewhere the OS does not say.
          (Deno.build.os === "linux" ? ` \\(pid ${store}\\)` : ""),
      ),
    );
    assertEquals(second.err.length, 1);

    assertEquals(await roundTrip(conn, "second\n"), "second\n");
    assertEquals(
      await fileBecomes(`${cwd}/echomsg.txt`, "first\nsecond\n"),
      "first\nsecond\n",
    );
    conn.close();
    await tool.waitFor("out", /^removed proc id: \d+ $/);
    await stopServer(tool);
    Deno.removeSync(cwd, { recursive: true });
  },
});

const posix = Deno.build.os !== "windows";

Deno.test({
  name:
    "--out a named pipe (FIFO) is refused at start, one line, exit 1; it does not hang in open()",
  ignore: !posix, // mkfifo
  async fn() {
    const cwd = Deno.makeTempDirSync();
    const made = await new Deno.Command("mkfifo", { args: [`${cwd}/fifo`] })
      .output();
    assert(made.success);
    const port = freePort();
    // Before, open() waited for a reader, and SIGINT and SIGTERM were caught
    // by a process that could not run its handlers: only SIGKILL ended it.
    const result = await run(
      ["echo-storeserver", String(port), "--out", "fifo"],
      { cwd, limitMs: 10_000 },
    );
    assertEquals(result.code, 1);
    assertEquals(result.err, [
      "tcpip echo-storeserver: cannot write fifo: it is a named pipe (FIFO), " +
      "not a file: opening it waits until a program reads it",
    ]);
    Deno.listen({ hostname: "127.0.0.1", port }).close(); // nothing listened
    Deno.removeSync(cwd, { recursive: true });
  },
});

Deno.test({
  name:
    "--out /dev/null: the store process runs as C's does (no ftruncate() on a device, no lock), and two servers can both use it",
  ignore: !posix,
  async fn() {
    const servers = await Promise.all([
      startServer("echo-storeserver", ["--out", "/dev/null", "--prefork", "1"]),
      startServer("echo-storeserver", ["--out", "/dev/null", "--prefork", "1"]),
    ]);
    for (const { tool, port } of servers) {
      const conn = await dial(port);
      assertEquals(await roundTrip(conn, "gone\n"), "gone\n");
      conn.close();
      await tool.waitFor("out", "client disconnected...");
    }
    for (const { tool } of servers) {
      const result = await stopServer(tool);
      assert(!/has ended|tcpip child/.test(result.stderr), result.stderr);
    }
  },
});

Deno.test({
  name:
    "--out /dev/full: fwrite() fails, said once, and the store process reads on as the book's does (it does not check fwrite())",
  ignore: Deno.build.os !== "linux", // /dev/full
  async fn() {
    const { tool, port } = await startServer("echo-storeserver", [
      "--out",
      "/dev/full",
      "--max-messages",
      "2",
      "--prefork",
      "1",
    ]);
    const conn = await dial(port);
    assertEquals(await roundTrip(conn, "one\n"), "one\n");
    await tool.waitForNote("fwrite() failed: ENOSPC");
    // Its second read: then it ends, after the book's number of reads.
    assertEquals(await roundTrip(conn, "two\n"), "two\n");
    await tool.waitForNote(/the store process \d+ has ended/);
    conn.close();
    const result = await stopServer(tool);
    assertEquals(result.noteText.match(/fwrite\(\) failed/g)?.length, 1);
    assert(!result.stderr.includes("tcpip child"), result.stderr);
  },
});

Deno.test({
  name:
    "--out in a folder this user cannot write is refused at start, one line, exit 1, before the server listens",
  ignore: !posix,
  async fn() {
    const cwd = Deno.makeTempDirSync();
    Deno.mkdirSync(`${cwd}/ro`);
    const port = freePort();
    const args = ["echo-storeserver", String(port), "--out", "ro/log.txt"];
    let result;
    if (Deno.uid() !== 0) {
      Deno.chmodSync(`${cwd}/ro`, 0o555);
      result = await run(args, { cwd });
      Deno.chmodSync(`${cwd}/ro`, 0o755);
    } else {
      // root writes anywhere, but not on a read-only mount: one of its own.
      result = await run([], {
        cwd,
        shell: `exec unshare --mount sh -c "mount --bind -o ro ro ro && ` +
          `exec '${Deno.execPath()}' run -A --quiet '${MAIN}' ${
            args.join(" ")
          }"`,
      });
    }
    assertEquals(result.code, 1, result.stderr);
    assertEquals(result.err.length, 1, result.stderr);
    assertMatch(
      result.err[0],
      /^tcpip echo-storeserver: cannot write ro\/log\.txt: its folder ro (cannot be written by this user|is on a read-only file system)$/,
    );
    assertEquals([...Deno.readDirSync(`${cwd}/ro`)], [], "nothing was created");
    Deno.listen({ hostname: "127.0.0.1", port }).close(); // nothing listened
    Deno.removeSync(cwd, { recursive: true });
  },
});
