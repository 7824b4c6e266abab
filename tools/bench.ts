/**
 * `deno task bench`: a load generator, run as its own process, against
 * three echo servers started side by side in the same run:
 *
 * - `tcpip echo-server` (one child process per client, relayed);
 * - an in-process Deno echo server (`bench_baseline.ts`), the baseline the
 *   ratios are taken against;
 * - when a C compiler is present, a C process-per-connection server written
 *   as in the book (BUF_SIZE 30, one fork per client, a SIGCHLD handler).
 *
 * Loads: 1 client x 2000 round trips of 30 B; 50 clients x 200 round trips
 * of 30 B; 10 clients x 50 round trips of 64 KiB. Reported: round-trip
 * p50/p99, round trips per second, MB/s, first-echo latency p50/p99 from
 * connect, private memory per connected child, and the start-up time of
 * `tcpip list`. The table is printed and written as Markdown.
 *
 * Usage: `deno task bench [--quick] [--out FILE] [--no-c]`
 *
 * @module
 */

import { parseArgs } from "../src/cli/args.ts";

/** One load. */
interface Load {
  name: string;
  clients: number;
  roundTrips: number;
  size: number;
}

/** What one load measured on one server. */
interface LoadResult {
  /** Round-trip latency percentiles, ms (after each client's first echo). */
  p50: number;
  p99: number;
  /** Round trips per second, all clients together, after the first echoes. */
  perSecond: number;
  /** Payload megabytes per second (one direction). */
  mbPerSecond: number;
  /** From connect() to the first echo, ms. */
  firstEchoP50: number;
  firstEchoP99: number;
  /** Average private memory (USS) of the server's children while all clients are connected, MB. */
  childMB?: number;
}

/** A server under test. */
interface Target {
  name: string;
  port: number;
  process: Deno.ChildProcess;
}

const C_SERVER = String.raw`
/* An echo server written as in the book (echo_mpserv.c): one fork per client,
   30-byte reads, SIGCHLD handler. Two changes: the handler loops (so no
   zombie is left) and listen() takes a backlog of 128, not 5, so that 50
   simultaneous clients are not dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/wait.h>
#define BUF_SIZE 30
static void read_childproc(int sig) {
  int status;
  (void)sig;
  while (waitpid(-1, &status, WNOHANG) > 0) {}
}
int main(int argc, char *argv[]) {
  struct sigaction act;
  struct sockaddr_in serv_adr;
  char buf[BUF_SIZE];
  int serv_sock, clnt_sock, str_len, on = 1;
  if (argc != 2) return 1;
  act.sa_handler = read_childproc;
  sigemptyset(&act.sa_mask);
  act.sa_flags = 0;
  sigaction(SIGCHLD, &act, 0);
  serv_sock = socket(PF_INET, SOCK_STREAM, 0);
  setsockopt(serv_sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  memset(&serv_adr, 0, sizeof(serv_adr));
  serv_adr.sin_family = AF_INET;
  serv_adr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  serv_adr.sin_port = htons(atoi(argv[1]));
  if (bind(serv_sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) return 1;
  if (listen(serv_sock, 128) == -1) return 1;
  puts("listening");
  fflush(stdout);
  while (1) {
    clnt_sock = accept(serv_sock, NULL, NULL);
    if (clnt_sock == -1) continue;
    if (fork() == 0) {
      close(serv_sock);
      while ((str_len = read(clnt_sock, buf, BUF_SIZE)) > 0) write(clnt_sock, buf, str_len);
      close(clnt_sock);
      return 0;
    }
    close(clnt_sock);
  }
}
`;

const ROOT = new URL("..", import.meta.url);
const MAIN = new URL("../main.ts", import.meta.url).pathname;

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Starts a server and waits for its readiness line (`ready` on `stream`). */
async function start(
  name: string,
  command: string,
  args: string[],
  ready: RegExp,
  stream: "stdout" | "stderr",
  port: number,
): Promise<Target> {
  const process = new Deno.Command(command, {
    args,
    cwd: ROOT,
    stdin: "null",
    stdout: stream === "stdout" ? "piped" : "null",
    stderr: stream === "stderr" ? "piped" : "null",
    env: { NO_COLOR: "1", LANG: "C" },
  }).spawn();
  const reader = (stream === "stdout" ? process.stdout : process.stderr)
    .pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!ready.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`${name} ended before it was ready:\n${seen}`);
    seen += value;
  }
  // Keep draining, so the server never blocks on a full pipe.
  void (async () => {
    while (!(await reader.read()).done) { /* discard */ }
  })().catch(() => {});
  return { name, port, process };
}

async function stop(target: Target): Promise<void> {
  try {
    target.process.kill("SIGTERM");
  } catch {
    // already gone
  }
  await target.process.status;
}

async function readExactly(conn: Deno.Conn, buf: Uint8Array): Promise<void> {
  let got = 0;
  while (got < buf.length) {
    const n = await conn.read(buf.subarray(got));
    if (n === null) throw new Error("the server closed early");
    got += n;
  }
}

async function writeAll(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  let done = 0;
  while (done < data.length) done += await conn.write(data.subarray(done));
}

function percentile(values: number[], p: number): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

/** Private memory (USS) of `pid` in MB, from smaps_rollup (Linux). */
function privateMB(pid: number): number | undefined {
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/smaps_rollup`);
    const kb = (key: string) =>
      Number(text.match(new RegExp(`^${key}:\\s+(\\d+) kB$`, "m"))?.[1] ?? 0);
    return (kb("Private_Clean") + kb("Private_Dirty")) / 1024;
  } catch {
    return undefined;
  }
}

/** The pids whose parent is `pid` (Linux). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push(Number(entry.name));
    } catch {
      // gone
    }
  }
  return found;
}

/** Runs one load against one server. */
async function runLoad(target: Target, load: Load): Promise<LoadResult> {
  const payload = new Uint8Array(load.size).map((_, i) => 97 + (i % 26));
  const latencies: number[] = [];
  const firstEchoes: number[] = [];
  let arrived = 0;
  const allConnected = Promise.withResolvers<void>();
  const go = Promise.withResolvers<void>();
  let childMB: number | undefined;

  const client = async () => {
    const buf = new Uint8Array(load.size);
    const t0 = performance.now();
    const conn = await Deno.connect({
      hostname: "127.0.0.1",
      port: target.port,
    });
    conn.setNoDelay(true);
    await writeAll(conn, payload);
    await readExactly(conn, buf);
    firstEchoes.push(performance.now() - t0);
    if (++arrived === load.clients) allConnected.resolve();
    await go.promise;
    for (let i = 1; i < load.roundTrips; i++) {
      const t = performance.now();
      await writeAll(conn, payload);
      await readExactly(conn, buf);
      latencies.push(performance.now() - t);
    }
    conn.close();
  };

  const clients = Array.from({ length: load.clients }, client);
  await allConnected.promise;
  if (Deno.build.os === "linux") {
    const sizes = childrenOf(target.process.pid).map(privateMB).filter((mb) =>
      mb !== undefined
    );
    if (sizes.length >= load.clients) {
      childMB = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    }
  }
  const t0 = performance.now();
  go.resolve();
  await Promise.all(clients);
  const seconds = (performance.now() - t0) / 1000;
  const trips = load.clients * (load.roundTrips - 1);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: trips / seconds,
    mbPerSecond: (trips * load.size) / seconds / 1e6,
    firstEchoP50: percentile(firstEchoes, 50),
    firstEchoP99: percentile(firstEchoes, 99),
    childMB,
  };
}

/**
 * Median wall times in ms of several `deno` command lines, run in turns
 * (a, b, a, b, ...) so that a drifting machine affects them alike.
 */
async function startup(commands: string[][], runs: number): Promise<number[]> {
  const times: number[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [c, args] of commands.entries()) {
      const t0 = performance.now();
      const out = await new Deno.Command(Deno.execPath(), {
        args,
        cwd: ROOT,
        stdout: "null",
        stderr: "null",
      }).output();
      if (!out.success) throw new Error(`deno ${args.join(" ")} failed`);
      times[c].push(performance.now() - t0);
    }
  }
  return times.map((list) => percentile(list, 50));
}

async function buildC(): Promise<string | undefined> {
  const dir = await Deno.makeTempDir({ prefix: "tcpip-bench-" });
  await Deno.writeTextFile(`${dir}/echo_mpserv.c`, C_SERVER);
  try {
    const out = await new Deno.Command("cc", {
      args: ["-O2", "-o", `${dir}/echo_mpserv`, `${dir}/echo_mpserv.c`],
      stdout: "null",
      stderr: "piped",
    }).output();
    return out.success ? `${dir}/echo_mpserv` : undefined;
  } catch {
    return undefined; // no C compiler
  }
}

const fmt = (n: number | undefined, digits = 2) =>
  n === undefined ? "n/a" : n.toFixed(digits);

/** Runs the benchmark and returns the Markdown report. */
export async function bench(
  options: { quick: boolean; c: boolean },
): Promise<string> {
  const scale = options.quick ? 10 : 1;
  const loads: Load[] = [
    {
      name: "1 client x 2000 x 30 B",
      clients: 1,
      roundTrips: 2000 / scale,
      size: 30,
    },
    {
      name: "50 clients x 200 x 30 B",
      clients: 50,
      roundTrips: 200 / scale,
      size: 30,
    },
    {
      name: "10 clients x 50 x 64 KiB",
      clients: 10,
      roundTrips: 50 / scale,
      size: 64 * 1024,
    },
  ];
  const cBinary = options.c ? await buildC() : undefined;
  const targets: Target[] = [];
  try {
    let port: number;
    for (const prefork of ["4", "50"]) {
      port = freePort();
      targets.push(
        await start(
          prefork === "4" ? "tcpip" : `tcpip --prefork ${prefork}`,
          Deno.execPath(),
          [
            "run",
            "-A",
            "--quiet",
            MAIN,
            "echo-server",
            String(port),
            "--prefork",
            prefork,
          ],
          /listening on/,
          "stderr",
          port,
        ),
      );
    }
    port = freePort();
    targets.push(
      await start(
        "deno in-process",
        Deno.execPath(),
        [
          "run",
          "-A",
          "--quiet",
          new URL("./bench_baseline.ts", import.meta.url).pathname,
          String(port),
        ],
        /listening/,
        "stdout",
        port,
      ),
    );
    if (cBinary) {
      port = freePort();
      targets.push(
        await start(
          "C (book)",
          cBinary,
          [String(port)],
          /listening/,
          "stdout",
          port,
        ),
      );
    }

    const results = new Map<string, LoadResult[]>();
    for (const target of targets) results.set(target.name, []);
    for (const load of loads) {
      for (const target of targets) {
        console.error(`${load.name}: ${target.name}...`);
        // Warm-up: one short connection, so no server pays a first-time cost.
        await runLoad(target, { ...load, clients: 1, roundTrips: 2 });
        results.get(target.name)!.push(await runLoad(target, load));
      }
    }

    const empty = await Deno.makeTempFile({ suffix: ".ts" });
    const commands = [["run", "-A", empty], ["run", "-A", MAIN, "list"]];
    await startup(commands, 3); // warm the caches
    const [emptyMs, listMs] = await startup(commands, options.quick ? 10 : 40);
    await Deno.remove(empty);

    return report(loads, targets.map((t) => t.name), results, {
      emptyMs,
      listMs,
    }, options);
  } finally {
    await Promise.all(targets.map(stop));
    if (cBinary) {
      await Deno.remove(cBinary.replace(/\/[^/]+$/, ""), { recursive: true });
    }
  }
}

/** The targets, checked against the C server of the same run. */
function targetsSection(
  results: Map<string, LoadResult[]>,
  startupMs: { emptyMs: number; listMs: number },
): string[] {
  const ours = results.get("tcpip");
  const c = results.get("C (book)");
  const big = results.get("tcpip --prefork 50");
  if (!ours || !c) {
    return [
      "## Targets",
      "",
      "No C compiler here: the targets against C were not checked.",
      "",
    ];
  }
  const rows: [string, string, boolean][] = [];
  const check = (
    name: string,
    value: number,
    limit: number,
    better: "lower" | "higher",
    unit: string,
  ) =>
    rows.push([
      name,
      `${fmt(value)}${unit} (target ${better === "lower" ? "≤" : "≥"} ${
        fmt(limit)
      }${unit})`,
      better === "lower" ? value <= limit : value >= limit,
    ]);
  check("round trip p50 vs C", ours[0].p50 / c[0].p50, 2, "lower", "x");
  check(
    "50-client round trips/s vs C",
    ours[1].perSecond / c[1].perSecond,
    1 / 3,
    "higher",
    "x",
  );
  check(
    "50-client first echo p50 vs C",
    ours[1].firstEchoP50 / c[1].firstEchoP50,
    3,
    "lower",
    "x",
  );
  if (big) {
    check(
      "the same with --prefork 50",
      big[1].firstEchoP50 / c[1].firstEchoP50,
      3,
      "lower",
      "x",
    );
  }
  check(
    "64 KiB bulk MB/s vs C",
    ours[2].mbPerSecond / c[2].mbPerSecond,
    1 / 2,
    "higher",
    "x",
  );
  check(
    "private memory per child",
    ours[1].childMB ?? Infinity,
    10,
    "lower",
    " MB",
  );
  check(
    "`list` start-up vs empty module",
    startupMs.listMs / startupMs.emptyMs,
    1.3,
    "lower",
    "x",
  );
  return [
    "## Targets",
    "",
    "| target | this run | met |",
    "| --- | --- | :---: |",
    ...rows.map(([name, value, met]) =>
      `| ${name} | ${value} | ${met ? "yes" : "no"} |`
    ),
    "",
  ];
}

function report(
  loads: Load[],
  names: string[],
  results: Map<string, LoadResult[]>,
  startupMs: { emptyMs: number; listMs: number },
  options: { quick: boolean },
): string {
  const base = "deno in-process";
  const lines = [
    "# Benchmark",
    "",
    `Run on ${Deno.build.target}, ${navigator.hardwareConcurrency} cores, Deno ${Deno.version.deno}` +
    `${options.quick ? ", quick mode (a tenth of the round trips)" : ""}.`,
    "Round trips are timed after each client's first echo; first echo is from",
    "connect() to the first reply. Ratios are to the in-process Deno server.",
    "",
  ];
  loads.forEach((load, i) => {
    lines.push(`## ${load.name}`, "");
    lines.push(
      "| server | RT p50 ms | RT p99 ms | RT/s | MB/s | first echo p50 ms | first echo p99 ms | MB per child | RT/s vs deno |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const name of names) {
      const r = results.get(name)![i];
      const b = results.get(base)![i];
      lines.push(
        `| ${name} | ${fmt(r.p50, 3)} | ${fmt(r.p99, 3)} | ${
          fmt(r.perSecond, 0)
        } | ` +
          `${fmt(r.mbPerSecond, 1)} | ${fmt(r.firstEchoP50, 1)} | ${
            fmt(r.firstEchoP99, 1)
          } | ` +
          `${fmt(r.childMB, 1)} | ${fmt(r.perSecond / b.perSecond)} |`,
      );
    }
    lines.push("");
  });
  lines.push(...targetsSection(results, startupMs));
  lines.push(
    "## Start-up",
    "",
    "| command | median ms |",
    "| --- | ---: |",
    `| deno run (empty module) | ${fmt(startupMs.emptyMs, 1)} |`,
    `| deno run -A main.ts list | ${fmt(startupMs.listMs, 1)} |`,
    `| ratio | ${fmt(startupMs.listMs / startupMs.emptyMs)} |`,
    "",
  );
  return lines.join("\n");
}

if (import.meta.main) {
  const args = parseArgs(Deno.args, {
    boolean: ["quick", "no-c"],
    string: ["out"],
  });
  const markdown = await bench({
    quick: args.quick === true,
    c: args["no-c"] !== true,
  });
  console.log(markdown);
  const out = typeof args.out === "string" ? args.out : "BENCHMARK.md";
  await Deno.writeTextFile(new URL(out, ROOT), markdown + "\n");
  // Lay the tables out as `deno fmt --check` expects, so the file can be committed.
  await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", out],
    cwd: ROOT,
  }).output();
  console.error(`written to ${out}`);
}
