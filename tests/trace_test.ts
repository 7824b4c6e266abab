// --trace: a picture of what the processes did, on stderr; stdout untouched.

import { assert, assertEquals, assertMatch } from "@std/assert";
import {
  CLIENT_SERVED,
  dial,
  roundTrip,
  startServer,
  stopServer,
} from "./_net.ts";
import { run, Tool } from "./_tcpip.ts";

/** The picture's rows: [column index, text] after the header. */
function rows(stderr: string): { header: string[]; cells: [number, string][] } {
  const lines = stderr.split("\n");
  const at = lines.findIndex((line) => /^\s+ms \| /.test(line));
  assert(at >= 0, stderr);
  const split = (line: string) =>
    line.split(" | ").slice(1).map((cell) => cell.trim());
  const header = split(lines[at]);
  const cells: [number, string][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!/^\s+\d+\.\d \| /.test(line)) break;
    const parts = split(line);
    const column = parts.findIndex((cell) => cell !== "");
    cells.push([column, parts[column]]);
  }
  return { header, cells };
}

/** Asserts that `expected` occur in this order (other rows may come between). */
function assertInOrder(
  cells: [number, string][],
  expected: [number, string | RegExp][],
): void {
  let from = 0;
  for (const [column, text] of expected) {
    const found = cells.findIndex(([c, cell], i) =>
      i >= from && c === column &&
      (typeof text === "string" ? cell === text : text.test(cell))
    );
    assert(
      found >= 0,
      `missing [${column}] ${text} after row ${from} in\n${cells.join("\n")}`,
    );
    from = found + 1;
  }
}

Deno.test("--trace on a pipe program: fork, pipe reads and writes, end, reap", async () => {
  const result = await run(["pipe3", "--speed", "20", "--trace"]);
  assertEquals(result.code, 0);
  assertEquals(result.out, [
    "Parent proc output: Who are you? ",
    "Child proc output: Thank you for your message ",
  ]);
  const { header, cells } = rows(result.stderr);
  assertEquals(header.length, 2);
  assertMatch(header[0], /^\d+ pipe3$/);
  assertMatch(header[1], /^\d+ pipe3:child$/);
  const child = header[1].split(" ")[0];
  assertInOrder(cells, [
    [0, "starts: pipe3"],
    [0, `fork pipe3:child -> ${child}`],
    [1, "starts: pipe3:child"],
    [1, "write 13 B to fds1"],
    [0, "read 13 B from fds1"],
    [0, "write 27 B to fds2"],
    [1, "read 27 B from fds2"],
    [1, "ends: exit 0"],
    [0, `reap ${child} (exit 0)`],
  ]);
  assert(
    !result.stderr.includes("\x1b["),
    "no colour when stderr is not a terminal",
  );
});

Deno.test("--trace on a signal program: each SIGALRM sent, caught, and the sleep it cut", async () => {
  const result = await run(["sigaction", "--speed", "20", "--trace"]);
  assertEquals(result.code, 0);
  const { header, cells } = rows(result.stderr);
  assertEquals(header.length, 1);
  const pid = header[0].split(" ")[0];
  const round: [number, string | RegExp][] = [
    [0, "sleep(100)"],
    [0, `kill SIGALRM to ${pid}`],
    [0, "SIGALRM caught: handler runs"],
    [0, /^sleep cut short, \d+ s left$/],
  ];
  assertInOrder(cells, [...round, ...round, ...round]);
});

Deno.test("--trace on the echo server: accept, fork, the socket handed over and closed, echo, SIGCHLD, reap", async () => {
  const { tool, port } = await startServer("echo-server", [
    "--trace",
    "--prefork",
    "0",
  ]);
  const conn = await dial(port);
  assertEquals(await roundTrip(conn, "hello\n"), "hello\n");
  conn.close();
  await tool.waitFor("out", /^removed proc id: \d+ $/);
  const result = await stopServer(tool);
  assertEquals(result.out.slice(0, 2), CLIENT_SERVED);
  const { header, cells } = rows(result.stderr);
  assertMatch(header[1], /^\d+ echo_server:echo$/);
  const child = header[1].split(" ")[0];
  const accepted =
    cells.find(([column, text]) =>
      column === 0 && text.startsWith("accept fd ")
    )![1].split(" ")[2];
  assertInOrder(cells, [
    [0, new RegExp(`^accept fd ${accepted} 127\\.0\\.0\\.1:\\d+$`)],
    [0, `fork echo_server:echo -> ${child}`],
    [0, `send fd ${accepted} -> ${child}`],
    [0, `close clnt_sock (fd ${accepted})`], // the parent's copy, at once
    [1, /^recv fd \d+ = clnt_sock$/],
    [1, "read 6 B from clnt_sock"],
    [1, "write 6 B to clnt_sock"],
    [1, "read EOF on clnt_sock"],
    [1, /^close clnt_sock \(fd \d+\)$/],
    [0, "SIGCHLD caught: handler runs"],
    [0, `reap ${child} (exit 0)`],
    [0, "SIGTERM caught: handler runs"],
  ]);
  // The child records its own end; its parent collects it after the SIGCHLD.
  assertInOrder(cells, [[1, "ends: exit 0"], [
    0,
    "SIGCHLD caught: handler runs",
  ]]);
});

/** `script` (util-linux, BSD) gives the tool a terminal; is it here? */
function hasScript(): boolean {
  try {
    return new Deno.Command("sh", {
      args: ["-c", "command -v script"],
      stdout: "null",
      stderr: "null",
    }).outputSync().success;
  } catch {
    return false; // no sh either (Windows)
  }
}

const SCRIPT = hasScript();

Deno.test({
  name: SCRIPT
    ? "--trace is coloured only on a terminal, never with NO_COLOR"
    : "--trace colours on a terminal (skipped: no `script` command here to give the tool one)",
  ignore: !SCRIPT,
}, async () => {
  const main = decodeURIComponent(
    new URL("../main.ts", import.meta.url).pathname,
  );
  const line = `'${Deno.execPath()}' run -A --quiet '${main}' pipe1 --trace`;
  const picture = async (env: Record<string, string>) => {
    const output = await new Deno.Command("script", {
      args: ["-qec", line, "/dev/null"],
      clearEnv: true,
      env: {
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        LANG: "C",
        TERM: "xterm",
        ...env,
      },
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    return new TextDecoder().decode(output.stdout);
  };
  const coloured = await picture({});
  const plain = await picture({ NO_COLOR: "1" });
  assert(coloured.includes("\x1b[36m"), coloured);
  assert(plain.includes("ms | ") && !plain.includes("\x1b["), plain);
});

Deno.test("fork() returns when the child runs: its sleep(15) ends 15 s (scaled) after", async () => {
  // C's child runs the instant fork() returns. Ours first boots a runtime,
  // so fork() waits for it (a handshake): from its return on, both
  // timelines run together, and the child's sleep ends when C's would.
  const result = await run(["waitpid", "--speed", "10", "--trace"]);
  assertEquals(result.code, 0, result.stderr);
  const times = new Map<string, number>();
  for (const line of result.err) {
    const match = line.match(/^\s+(\d+\.\d) \| (.*)$/);
    if (!match) continue;
    const cells = match[2].split(" | ").map((cell) => cell.trim());
    const event = cells.find((cell) => cell !== "") ?? "";
    const key = event === "starts: waitpid"
      ? "parent"
      : event.startsWith("fork waitpid:child")
      ? "fork"
      : event === "starts: waitpid:child"
      ? "child"
      : event === "ends: exit 24"
      ? "end"
      : undefined;
    if (key && !times.has(key)) times.set(key, Number(match[1]));
  }
  const [parent, fork, child, end] = ["parent", "fork", "child", "end"].map(
    (key) => {
      assert(times.has(key), `no ${key} in the trace:\n${result.stderr}`);
      return times.get(key)!;
    },
  );
  // fork() took the child's start-up; the child's code ran from its return.
  const forking = fork - parent;
  assert(Math.abs(child - fork) < forking / 2, result.stderr);
  const late = end - fork - 1500; // 15 s at speed 10
  assert(
    Math.abs(late) < forking / 2,
    `ended ${late.toFixed(1)} ms after fork() + 1500 ms; fork() took ${
      forking.toFixed(1)
    } ms`,
  );
});

Deno.test({
  name:
    "--trace stopped with Ctrl+C: the picture is drawn and no trace file is left",
  ignore: Deno.build.os === "windows",
  async fn() {
    const tmp = Deno.makeTempDirSync();
    try {
      const tool = Tool.start(["waitpid", "--trace"], { env: { TMPDIR: tmp } });
      await tool.waitForProcesses(2); // the child is running
      tool.kill("SIGINT");
      const result = await tool.finish();
      assertEquals(result.code, 130);
      assertMatch(result.stderr, /ms \| \d+ waitpid/);
      assertEquals([...Deno.readDirSync(tmp)], []);
    } finally {
      Deno.removeSync(tmp, { recursive: true });
    }
  },
});
