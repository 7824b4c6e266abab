// --trace: a picture of what the processes did, on stderr, that fits 80
// columns and teaches; stdout untouched. The pictures a golden file can hold
// (the same up to pids, times and the orders the OS allows) are in
// tests/golden/trace/ (tests/specs_test.ts); here, the others, colour, the
// picture's timing, and the renderer on made-up logs.

import { assert, assertEquals, assertMatch, assertThrows } from "@std/assert";
import {
  CAN_SIGNAL,
  dial,
  poolReady,
  roundTrip,
  startServer,
  stopServer,
} from "./_net.ts";
import { run, type RunResult, Tool } from "./_tcpip.ts";
import { SCRIPT } from "./_terminal.ts";
import { quoteBytes, renderTrace } from "../src/trace/render.ts";
import { displayWidth, wrap } from "../src/width.ts";
import {
  finishTrace,
  joinTrace,
  trace,
  type TraceEvent,
} from "../src/trace/trace.ts";

/** Width the picture must fit when stderr is not a terminal. */
const WIDTH = 80;

/** A row's cell that only marks a state: `Z` (zombie) or `:` (waiting). */
const MARK = /^([Z:])( \1)*$/;

/** The picture read back: column headers, rows, and the lines under it. */
interface Picture {
  /** `pid label` per column (a wrapped header joined with spaces). */
  header: string[];
  /** Each row: every column's text, its wrapped lines joined with spaces. */
  rows: { time: number; cells: string[] }[];
  /** [column, text] of each row's own event. */
  cells: [number, string][];
  /** Every line from the header to the end of stderr. */
  lines: string[];
}

function picture(stderr: string): Picture {
  const all = stderr.split("\n");
  const at = all.findIndex((line) => /^\s*ms \| /.test(line));
  assert(at >= 0, stderr);
  const lines = all.slice(at);
  const split = (line: string) => line.split(" | ").map((cell) => cell.trim());
  const joinInto = (into: string[], parts: string[]) =>
    parts.forEach((part, i) => {
      if (part !== "") into[i] = into[i] ? `${into[i]} ${part}` : part;
    });
  const separator = lines.findIndex((line) => /^-+-\+-/.test(line));
  const header: string[] = [];
  for (const line of lines.slice(0, separator)) {
    joinInto(header, split(line).slice(1));
  }
  const rows: Picture["rows"] = [];
  for (const line of lines.slice(separator + 1)) {
    if (!line.includes(" | ")) break;
    const [time, ...parts] = split(line);
    if (time !== "") {
      rows.push({ time: Number(time), cells: header.map(() => "") });
    }
    joinInto(rows.at(-1)!.cells, parts);
  }
  const cells = rows.map(({ cells }): [number, string] => {
    const column = cells.findIndex((cell) => cell !== "" && !MARK.test(cell));
    return [column, cells[column]];
  });
  return { header, rows, cells, lines };
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

/**
 * The picture fits `WIDTH` columns, and every pid and byte count in it is
 * whole: each pid a row names is a column's (or a hidden pool child's, whose
 * rows are left out), and nothing but a byte preview is cut short.
 */
function assertFits(result: RunResult): Picture {
  const pic = picture(result.stderr);
  for (const line of pic.lines) {
    assert(displayWidth(line) <= WIDTH, `wider than ${WIDTH}:\n${line}`);
  }
  const pids = pic.header.map((text) => {
    assertMatch(text, /^\d+ \S/, `header ${text}`);
    return text.split(" ")[0];
  });
  for (const [, text] of pic.cells) {
    for (
      const [, pid] of text.matchAll(
        /(?:fork -> |reap |to |-> )(\d+)\b/g,
      )
    ) {
      assert(pids.includes(pid), `${pid} in "${text}" is no column's pid`);
    }
    for (const [, count] of text.matchAll(/(\S+) B (?:from|to) /g)) {
      assertMatch(count, /^\d+$/, text);
    }
    assert(!/[^'"]…/.test(text), `cut short: ${text}`);
  }
  return pic;
}

Deno.test("--trace on pipe2 --race: the watchdog is marked as the tool's, never as a call of the book", async () => {
  const result = await run(["pipe2", "--race", "--speed", "20", "--trace"]);
  assertEquals(result.code, 0);
  const pic = assertFits(result);
  const watchdog = pic.cells.filter(([, text]) => text.includes("watchdog"));
  assert(watchdog.length >= 2, pic.lines.join("\n")); // armed, then fired or stopped
  for (const [column, text] of watchdog) {
    assertEquals(column, 0);
    assertMatch(text, /^\[tcpip\] watchdog/);
  }
  assertMatch(watchdog[0][1], /closes fd \d+ \(fds\[1\]\) in 150 ms/);
  // Its wait is not a sleep of the book's: the parent's only sleep is sleep(3).
  for (const [, text] of pic.cells) {
    if (/^sleep\(/.test(text)) assertEquals(text, "sleep(3)");
  }
});

/** Two clients of a server, one after the other, then the server stopped. */
async function twoClients(program: string, args: string[]): Promise<RunResult> {
  const { tool, port } = await startServer(program, ["--trace", ...args]);
  const first = await dial(port);
  const second = await dial(port);
  assertEquals(await roundTrip(first, "hello\n"), "hello\n");
  assertEquals(await roundTrip(second, "bye\n"), "bye\n");
  first.close();
  await tool.waitFor("out", /^removed proc id: \d+ $/);
  second.close();
  const one = tool.out.findIndex((line) => line.startsWith("removed"));
  await tool.waitFor("out", /^removed proc id: \d+ $/, one + 1);
  return await stopServer(tool);
}

Deno.test({
  name:
    "--trace on the echo server with --prefork 2: the idle children of the warm pool are left out, and counted",
  ignore: !CAN_SIGNAL, // drawn at the stop, as above
}, async () => {
  const { tool, port } = await startServer("echo-server", [
    "--trace",
    "--prefork",
    "2",
  ]);
  const seen = await poolReady(tool, 2);
  const conn = await dial(port);
  assertEquals(await roundTrip(conn, "hello\n"), "hello\n");
  conn.close();
  await tool.waitFor("out", /^removed proc id: \d+ $/);
  const result = await stopServer(tool);
  const pic = assertFits(result);
  // The parent and the child that served the client; the other child the
  // pool started (and any replacement) only waited.
  assertEquals(pic.header.length, 2, pic.lines.join("\n"));
  const child = pic.header[1].split(" ")[0];
  const hidden = pic.lines.find((line) => line.includes("idle child(ren)"));
  assertMatch(
    hidden ?? pic.lines.join("\n"),
    /^\[tcpip\] [12] idle child\(ren\) of the warm pool not drawn/,
  );
  // Started ahead by the tool; forked (taken) when its client came.
  assertInOrder(pic.cells, [
    [0, `[tcpip] starts ${child} ahead (warm pool)`],
    [0, /^accept fd \d+ 127\.0\.0\.1:\d+$/],
    [0, `fork -> ${child} (warm pool)`],
    [0, new RegExp(`^\\[tcpip\\] send fd \\d+ -> ${child}$`)],
    [1, /^\[tcpip\] recv fd \d+ = clnt_sock$/],
    [1, "read 6 B from clnt_sock 'hello\\n'"],
    [1, "ends: exit 0"],
    [0, `reap ${child} (exit 0)`],
  ]);
  // The child waits (:) at the hand-off when its parent sends the socket
  // (where the test could see it waiting before the client came).
  const send = pic.cells.findIndex(([column, text]) =>
    column === 0 && text.startsWith("[tcpip] send fd ")
  );
  if (seen) {
    assertMatch(pic.rows[send].cells[1], /^:( :)*$/, pic.lines.join("\n"));
  }
});

Deno.test("--trace fits 80 columns with whole pids for every program of the book", async (t) => {
  // The pictures of fork, zombie, wait, signal, sigaction, pipe1, pipe2,
  // pipe3 (and in Korean), three-conversation, fd-copy and the echo server
  // with one client are golden files (tests/golden/trace/, held to 80
  // columns there too); the others vary more than a golden file can hold.
  const programs = [
    ["waitpid", "--speed", "20"],
    ["remove-zombie", "--speed", "20"],
  ]; // pipe2 --race: its own test above
  // Two at a time: each sleeps more than it computes.
  for (let i = 0; i < programs.length; i += 2) {
    const pair = programs.slice(i, i + 2);
    const results = await Promise.all(
      pair.map((args) => run([...args, "--trace"])),
    );
    for (const [k, result] of results.entries()) {
      await t.step(pair[k].join(" "), () => {
        assertEquals(result.code, 0, result.stderr);
        assertFits(result);
      });
    }
  }

  await t.step({
    name: "sigint-confirm: Ctrl+C, y; its exit() is drawn",
    ignore: !CAN_SIGNAL, // the test's Ctrl+C is a signal
    fn: async () => {
      const tool = Tool.start(["sigint-confirm", "--speed", "20", "--trace"], {
        stdin: "",
      });
      await tool.waitFor("out", "still running... (Ctrl+C to stop)");
      tool.kill("SIGINT");
      await tool.waitFor("out", "Do you want to exit? (Y/N)");
      await tool.write("y\n");
      const result = await tool.finish();
      assertEquals(result.code, 0);
      const pic = assertFits(result);
      assertInOrder(pic.cells, [
        [0, "SIGINT caught: handler runs"],
        [0, 'prints "Do you want to exit? (Y/N)"'],
        [0, "read 2 B from stdin 'y\\n'"],
        [0, "ends: exit(0)"],
      ]);
    },
  });

  await t.step({
    name: "echo-server, two clients",
    ignore: !CAN_SIGNAL, // drawn at the stop
    fn: async () => {
      const pic = assertFits(await twoClients("echo-server", []));
      assertEquals(pic.header.length, 3); // the two of --prefork 4 that waited: out
      assert(pic.lines.some((line) => line.includes("idle child(ren)")));
    },
  });

  await t.step({
    name: "echo-storeserver, two clients",
    ignore: !CAN_SIGNAL, // drawn at the stop
    fn: async () => {
      const dir = Deno.makeTempDirSync();
      try {
        const result = await twoClients("echo-storeserver", [
          "--out",
          `${dir}/echomsg.txt`,
        ]);
        const pic = assertFits(result);
        assertEquals(pic.header.length, 4); // parent, store, two echo children
      } finally {
        Deno.removeSync(dir, { recursive: true });
      }
    },
  });

  await t.step("echo-client", async () => {
    const { tool, port } = await startServer("echo-server", []);
    const result = await run(
      ["echo-client", "127.0.0.1", String(port), "--trace"],
      { stdin: "hello\nq\n" },
    );
    await stopServer(tool);
    assertEquals(result.code, 0, result.stderr);
    const pic = assertFits(result);
    assertInOrder(pic.cells, [
      [0, "read 8 B from stdin 'hello\\nq\\n'"],
      [0, 'prints "Message from server: hello"'],
    ]);
    // The socket's events, each direction in its own order (the printing
    // worker and the reading thread race, as C's two processes would).
    assertInOrder(pic.cells, [
      [0, "write 6 B to sock 'hello\\n'"],
      [0, "read 6 B from sock 'hello\\n'"],
      [0, "read EOF on sock"],
    ]);
    assertInOrder(pic.cells, [
      [0, "write 6 B to sock 'hello\\n'"],
      [0, "shutdown(sock, SHUT_WR): half-close"],
      [0, "read EOF on sock"],
    ]);
    // The client's socket events are facts, drawn in the tool's language.
    const korean = await startServer("echo-server", []);
    const ko = await run(
      ["echo-client", "127.0.0.1", String(korean.port), "--trace"],
      { stdin: "hello\nq\n", env: { LANG: "ko_KR.UTF-8" } },
    );
    await stopServer(korean.tool);
    assertInOrder(assertFits(ko).cells, [
      [0, "sock에 6 B 쓰기 'hello\\n'"],
      [0, "shutdown(sock, SHUT_WR): Half-close(출력 스트림만 종료)"],
      [0, "sock에서 EOF 읽기"],
    ]);
  });
});

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

Deno.test("fork() returns when the child runs: the child's code comes after the fork, and its sleep(15) ends no sooner than 15 s (scaled) after it", async () => {
  // C's child runs the instant fork() returns. Ours first boots a runtime,
  // so fork() waits for it (a handshake): from its return on, both
  // timelines run together. Only what the OS guarantees is asserted: the
  // order of the events, and that a sleep lasts at least its time.
  const result = await run(["waitpid", "--speed", "10", "--trace"]);
  assertEquals(result.code, 0, result.stderr);
  const pic = picture(result.stderr);
  const at = (column: number, text: string | RegExp) => {
    const row = pic.rows.findIndex((_, i) =>
      pic.cells[i][0] === column &&
      (typeof text === "string"
        ? pic.cells[i][1] === text
        : text.test(pic.cells[i][1]))
    );
    assert(row >= 0, `no ${text} in the trace:\n${result.stderr}`);
    return { row, time: pic.rows[row].time };
  };
  const fork = at(0, /^fork -> \d+ /);
  const child = at(1, "starts");
  const end = at(1, "ends: exit 24");
  assert(fork.row < child.row && child.row < end.row, result.stderr);
  // The child's sleep began after fork() returned; the trace's times are
  // whole to 0.1 ms, hence the one tenth.
  assert(
    end.time - fork.time >= 1500 - 0.1,
    `ended ${(end.time - fork.time).toFixed(1)} ms after fork()`,
  );
});

Deno.test({
  name:
    "--trace stopped with Ctrl+C: the picture is drawn, with the end, and no trace file is left",
  ignore: Deno.build.os === "windows",
  async fn() {
    const tmp = Deno.makeTempDirSync();
    try {
      const tool = Tool.start(["waitpid", "--trace"], { env: { TMPDIR: tmp } });
      await tool.waitForProcesses(2); // the child is running
      tool.kill("SIGINT");
      const result = await tool.finish();
      assertEquals(result.code, 130);
      const pic = picture(result.stderr);
      assertMatch(pic.header[0], /^\d+ waitpid$/);
      assertInOrder(pic.cells, [[0, "ends: killed by SIGINT"]]);
      assertEquals([...Deno.readDirSync(tmp)], []);
    } finally {
      Deno.removeSync(tmp, { recursive: true });
    }
  },
});

// The picture itself, from made-up logs.

/** A made-up event: `t` ms after the start, in process `pid`. */
function event(
  t: number,
  pid: number,
  kind: TraceEvent["kind"],
  detail: string,
  more: Partial<TraceEvent> = {},
): TraceEvent {
  return { t: 1e12 + t, pid, kind, detail, ...more };
}

Deno.test("renderTrace: too many processes for columns, one event per line with its pid, within the width", () => {
  const events: TraceEvent[] = [event(0, 4000001, "start", "wait")];
  for (let i = 1; i <= 6; i++) {
    const pid = 4000001 + i;
    events.push(
      event(i, 4000001, "fork", "wait:child", { peer: pid }),
      event(10 + i, pid, "start", "wait:child"),
      event(20 + i, pid, "write", "fds1", { n: 40, head: "x".repeat(32) }),
      event(30 + i, pid, "exit", "exit 0"),
      event(40 + i, 4000001, "reap", "exit 0", { peer: pid, what: "exit" }),
    );
  }
  const text = renderTrace(events, { colour: false, width: 50 });
  const lines = text.split("\n");
  for (const line of lines) assert(displayWidth(line) <= 50, line);
  assert(lines.some((line) => /^ *ms \| +pid \|$/.test(line)), text);
  for (let i = 1; i <= 6; i++) {
    const pid = 4000001 + i;
    assert(
      lines.some((line) => line.includes(`| ${pid} | starts: wait:child`)),
      text,
    );
    assert(lines.some((line) => line.includes(`fork -> ${pid}`)), text);
    assert(lines.some((line) => line.includes(`reap ${pid} (exit 0)`)), text);
  }
  assert(lines.some((line) => line.endsWith("write 40 B to fds1")), text);
  assert(lines.some((line) => line.endsWith(" 'xxxxxxxxxxxxxxxxxxxx'…")), text);
});

Deno.test("renderTrace: columns narrowed to the width, long rows wrapped in their column, marks on every line", () => {
  const events = [
    event(0, 100, "start", "p"),
    event(1, 100, "fork", "p:child", { peer: 200 }),
    event(2, 200, "start", "p:child"),
    event(3, 100, "sleep", "sleep(3)"),
    event(4, 200, "print", "a line long enough to wrap in a narrow column"),
    event(5, 200, "exit", "exit 0"),
    event(6, 100, "wake", "sleep(3)"),
    event(7, 100, "reap", "exit 0", { peer: 200, what: "exit" }),
  ];
  const text = renderTrace(events, { colour: false, width: 40 });
  const lines = text.split("\n");
  for (const line of lines) assert(displayWidth(line) <= 40, line);
  const pic = picture(text);
  assertEquals(pic.header, ["100 p", "200 p:child"]);
  const printed = pic.cells.findIndex(([, cell]) => cell.startsWith("prints"));
  assertEquals(
    pic.cells[printed],
    [1, 'prints "a line long enough to wrap in a narrow column"'],
  );
  assertMatch(pic.rows[printed].cells[0], /^:( :)+$/); // asleep, on every line
  assertMatch(pic.rows[printed + 2].cells[1], /^Z( Z)*$/); // ended: a zombie
  assertMatch(pic.rows[printed + 3].cells[1], /^Z( Z)*$/); // until its reap
});

Deno.test("quoteBytes: C's escapes, a long transfer cut to its start with …", () => {
  const bytes = (values: number[]) => String.fromCharCode(...values);
  assertEquals(
    quoteBytes(bytes([0x61, 0, 0x0a, 0x0d, 0x09, 0x5c, 0x27, 1, 0xff]), 9),
    "'a\\0\\n\\r\\t\\\\\\'\\x01\\xff'",
  );
  assertEquals(
    quoteBytes("Thank you for your message", 27),
    "'Thank you for your m'…",
  );
  assertEquals(quoteBytes("", 0), "''");
});

Deno.test("wrap: lines within the width, Korean counted double, every character kept", () => {
  const text =
    "회수 12345678 (exit 0) fds1에서 13 B 읽기 averyveryverylongword";
  for (const width of [6, 9, 14, 30]) {
    const lines = wrap(text, width);
    for (const line of lines) assert(displayWidth(line) <= width, line);
    assertEquals(lines.join("").replaceAll(" ", ""), text.replaceAll(" ", ""));
  }
  assertEquals(wrap("12345 echo_storeserver:echo", 18), [
    "12345",
    "echo_storeserver:",
    "echo",
  ]);
});

Deno.test("a trace log with a line cut short: the other events are read, the lost line is counted, the log's folder is removed", () => {
  const path = Deno.makeTempDirSync();
  const event = (detail: string) =>
    JSON.stringify({ t: 1, pid: 7, kind: "start", detail });
  Deno.writeTextFileSync(
    `${path}/7-cut.jsonl`,
    `${event("a")}\n{"t":2,"pid":7,"ki{"t":3}\n${event("b")}\n`,
  );
  joinTrace(path);
  trace("start", "c");
  const events = finishTrace(true);
  assertEquals(events.map((e) => e.detail).sort(), ["a", "b", "c"]);
  assertThrows(() => Deno.statSync(path), Deno.errors.NotFound); // removed
});

Deno.test("--trace: each process writes a file of its own in the log's folder; the parent draws them all and leaves none", async () => {
  const tmp = Deno.makeTempDirSync();
  try {
    const result = await run(["pipe3", "--speed", "20", "--trace"], {
      env: { TMPDIR: tmp, TMP: tmp, TEMP: tmp },
    });
    assertEquals(result.code, 0, result.stderr);
    assertMatch(result.stderr, /write 13 B to fds1/); // the child's file
    assertMatch(result.stderr, /write 27 B to fds2/); // the parent's
    assertEquals([...Deno.readDirSync(tmp)].map((e) => e.name), []);
  } finally {
    Deno.removeSync(tmp, { recursive: true });
  }
});
