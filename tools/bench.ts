/**
 * `deno task bench`: this process is the load generator; it starts every
 * server as a process of its own, measures them in turns within one run, and
 * writes the report as Markdown (BENCHMARK.md unless `--out`).
 *
 * Servers: `tcpip echo-server` (default pool) and, when gcc is present, the
 * book's `echo_mpserv.c` built twice, with 64 KiB reads (the reference every
 * ratio is taken against) and with the book's BUF_SIZE of 30.
 *
 * Phases:
 * 1. first echo, from `connect()` to the first reply, for one client at an
 *    idle server (warm pool) and for 50 clients arriving at once;
 * 2. the data path on those 50 connections, every one already served:
 *    round trips of 30 B for 1 and for 50 clients, 10 clients x 64 KiB,
 *    once on fresh children and then in rounds after a warm-up (a Deno
 *    child runs its loop slower until V8 has optimized it), and the private
 *    memory (USS) of each connected child;
 * 3. 100 MiB through one client, `echo-storeserver --max-messages 0`
 *    against `echo-server`, with the store file checked and the memory of
 *    every server process sampled.
 *
 * Usage: `deno task bench [--quick] [--out FILE] [--no-c]`
 *
 * @module
 */

import { delay } from "@std/async";
import { parseArgs } from "../src/cli/args.ts";
import { BURST_MS, QUIET_MS } from "../src/net/pool.ts";

/** How much each phase does. */
interface Sizes {
  /** Single clients timed at an idle server. */
  idleSamples: number;
  /** Clients arriving at once, then kept for phase 2. */
  clients: number;
  /** Rounds of each steady load, servers in turns; the median is reported. */
  rounds: number;
  /** Round trips of 30 B for the lone client, per round. */
  oneTrips: number;
  /** Round trips of 30 B per client with every client busy, per round. */
  manyTrips: number;
  /** Untimed round trips per client between the fresh pass and the rounds. */
  warmTrips: number;
  /** Clients in the bulk load. */
  bulkClients: number;
  /** Round trips of 64 KiB per bulk client, per round. */
  bulkTrips: number;
  /** Bytes through one client in phase 3, per round. */
  streamBytes: number;
  /** Rounds of phase 3. */
  streamRounds: number;
}

const MiB = 1024 * 1024;
const SMALL = 30;
const BULK = 64 * 1024;

const FULL: Sizes = {
  idleSamples: 20,
  clients: 50,
  rounds: 15,
  oneTrips: 400,
  manyTrips: 40,
  warmTrips: 12_000,
  bulkClients: 10,
  bulkTrips: 30,
  streamBytes: 100 * MiB,
  streamRounds: 5,
};

const QUICK: Sizes = {
  idleSamples: 2,
  clients: 50,
  rounds: 1,
  oneTrips: 200,
  manyTrips: 10,
  warmTrips: 20,
  bulkClients: 10,
  bulkTrips: 10,
  streamBytes: 8 * MiB,
  streamRounds: 1,
};

/** Growth of one server process while data streams through, MiB, that still counts as flat. */
const FLAT_MIB = 10;

const C_SERVER = String.raw`
/* echo_mpserv.c as in the book: one fork() per client, read() and write()
   of BUF_SIZE bytes (the book's 30 unless -DBUF_SIZE), and the book's three
   lines, line-buffered as on a terminal. Two changes: the SIGCHLD handler
   loops, so that no zombie is left, and listen() takes a backlog of 128,
   not 5, so that 50 clients arriving at once all get in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/wait.h>
#ifndef BUF_SIZE
#define BUF_SIZE 30
#endif
static void read_childproc(int sig) {
  pid_t pid;
  int status;
  (void)sig;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
    printf("removed proc id: %d \n", pid);
}
int main(int argc, char *argv[]) {
  int serv_sock, clnt_sock, str_len, on = 1;
  struct sockaddr_in serv_adr, clnt_adr;
  socklen_t adr_sz;
  struct sigaction act;
  pid_t pid;
  char buf[BUF_SIZE];
  if (argc != 2) return 1;
  setvbuf(stdout, NULL, _IOLBF, 0);
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
  while (1) {
    adr_sz = sizeof(clnt_adr);
    clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_adr, &adr_sz);
    if (clnt_sock == -1) continue;
    else puts("new client connected...");
    pid = fork();
    if (pid == -1) {
      close(clnt_sock);
      continue;
    }
    if (pid == 0) {
      close(serv_sock);
      while ((str_len = read(clnt_sock, buf, BUF_SIZE)) > 0) write(clnt_sock, buf, str_len);
      close(clnt_sock);
      puts("client disconnected...");
      return 0;
    } else close(clnt_sock);
  }
}
`;

const ROOT = new URL("..", import.meta.url);
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const TCPIP = "tcpip echo-server";
const STORE = "tcpip echo-storeserver";
const C64 = "C, 64 KiB reads";
const BOOK = "C, book (BUF_SIZE 30)";

/** A server under test, running as its own process. */
interface Server {
  name: string;
  port: number;
  process: Deno.ChildProcess;
}

// ---------------------------------------------------------------- processes

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * Starts a server and waits for `ready` on `stream`. Both output streams
 * are pipes, drained to the end, so every server prints its lines at the
 * same cost and none blocks on a full pipe.
 */
async function start(
  name: string,
  command: string,
  args: string[],
  ready: RegExp,
  stream: "stdout" | "stderr",
  port: number,
): Promise<Server> {
  const process = new Deno.Command(command, {
    args,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", LANG: "C" },
  }).spawn();
  const other = stream === "stdout" ? process.stderr : process.stdout;
  void other.pipeTo(new WritableStream()).catch(() => {});
  const reader = process[stream].pipeThrough(new TextDecoderStream())
    .getReader();
  let seen = "";
  while (!ready.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`${name} ended before it was ready:\n${seen}`);
    seen += value;
  }
  void (async () => {
    while (!(await reader.read()).done) { /* discard */ }
  })().catch(() => {});
  return { name, port, process };
}

function startTcpip(program: string, extra: string[] = []): Promise<Server> {
  const port = freePort();
  return start(
    program === "echo-server" ? TCPIP : STORE,
    Deno.execPath(),
    ["run", "-A", "--quiet", MAIN, program, String(port), ...extra],
    /listening on \S+:\d+:/,
    "stderr",
    port,
  );
}

async function stop(server: Server): Promise<void> {
  try {
    server.process.kill("SIGTERM");
  } catch {
    // already gone
  }
  await server.process.status;
}

/** Compiles the C server with `BUF_SIZE`; undefined without gcc. */
async function buildC(
  dir: string,
  bufSize: number,
): Promise<string | undefined> {
  const source = `${dir}/echo_mpserv.c`;
  await Deno.writeTextFile(source, C_SERVER);
  const binary = `${dir}/echo_mpserv_${bufSize}`;
  try {
    const out = await new Deno.Command("gcc", {
      args: ["-O2", `-DBUF_SIZE=${bufSize}`, "-o", binary, source],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(`gcc failed:\n${new TextDecoder().decode(out.stderr)}`);
    }
    return binary;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

async function gccVersion(): Promise<string> {
  const out = await new Deno.Command("gcc", { args: ["-dumpfullversion"] })
    .output();
  return new TextDecoder().decode(out.stdout).trim();
}

/** One line of /proc/<pid>/stat: parent and CPU ticks (own and collected children's). */
interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // Fields after the command name, which may hold spaces: state is [0].
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    return { pid, ppid: f[1], ticks: f[11] + f[12] + f[13] + f[14] };
  } catch {
    return undefined; // gone
  }
}

/** `roots` and every process below them (Linux). */
function processTree(roots: number[]): ProcStat[] {
  const all: ProcStat[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const stat = readStat(Number(entry.name));
    if (stat) all.push(stat);
  }
  const inTree = new Set(roots);
  for (let grown = true; grown;) {
    grown = false;
    for (const p of all) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grown = true;
      }
    }
  }
  return all.filter((p) => inTree.has(p.pid));
}

/**
 * Waits until the servers' processes use no CPU (at most one clock tick in
 * a window): a pool still starting its children would slow whatever is
 * measured next, on any server.
 */
async function settle(servers: Server[], maxMs = 20_000): Promise<void> {
  const roots = servers.map((s) => s.process.pid);
  const ticks = () => processTree(roots).reduce((sum, p) => sum + p.ticks, 0);
  const deadline = performance.now() + maxMs;
  let last = ticks();
  while (performance.now() < deadline) {
    await delay(250);
    const now = ticks();
    if (now - last <= 1) return;
    last = now;
  }
  console.error("bench: the servers did not go quiet; measuring anyway");
}

/** ", code at commit …" when this is a git checkout. */
async function commit(): Promise<string> {
  const git = async (...args: string[]) => {
    const out = await new Deno.Command("git", { args, cwd: ROOT }).output();
    if (!out.success) throw new Error("git failed");
    return new TextDecoder().decode(out.stdout).trim();
  };
  try {
    const head = await git("rev-parse", "--short", "HEAD");
    const dirty = await git("status", "--porcelain", "--", "src", "examples");
    return `, code at commit ${head}${dirty ? " with changes" : ""}`;
  } catch {
    return ""; // no git, or not a checkout
  }
}

/** The 1-minute load average: other work on the machine skews a run. */
function loadAverage(): string {
  return Deno.readTextFileSync("/proc/loadavg").split(" ")[0];
}

/** Resident memory of `pid`, MiB (0 once gone). */
function rssMiB(pid: number): number {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    return Number(status.match(/^VmRSS:\s+(\d+) kB$/m)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Private memory (USS) of `pid`, MB, from smaps_rollup. */
function privateMB(pid: number): number | undefined {
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/smaps_rollup`);
    const kb = (key: string) =>
      Number(text.match(new RegExp(`^${key}:\\s+(\\d+) kB$`, "m"))?.[1] ?? 0);
    return (kb("Private_Clean") + kb("Private_Dirty")) * 1024 / 1e6;
  } catch {
    return undefined;
  }
}

/** A port as /proc/net/tcp writes it. */
const hexPort = (port: number) =>
  `:${port.toString(16).toUpperCase().padStart(4, "0")}`;

/** Socket inodes of the server's established connections, from /proc/net/tcp. */
function establishedInodes(server: Server, peerPort?: number): Set<string> {
  const inodes = new Set<string>();
  for (const line of Deno.readTextFileSync("/proc/net/tcp").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (
      f[1]?.endsWith(hexPort(server.port)) && f[3] === "01" &&
      (peerPort === undefined || f[2].endsWith(hexPort(peerPort)))
    ) {
      inodes.add(f[9]);
    }
  }
  return inodes;
}

/**
 * The processes of `server` holding one of its established connections
 * (only the one to `peerPort`, if given): a waiting pool child holds none,
 * and the parent has closed its copies.
 */
function connectedChildren(server: Server, peerPort?: number): number[] {
  const inodes = establishedInodes(server, peerPort);
  const found: number[] = [];
  for (const { pid } of processTree([server.process.pid])) {
    if (pid === server.process.pid) continue;
    try {
      for (const fd of Deno.readDirSync(`/proc/${pid}/fd`)) {
        const link = Deno.readLinkSync(`/proc/${pid}/fd/${fd.name}`);
        if (inodes.has(link.match(/^socket:\[(\d+)\]$/)?.[1] ?? "")) {
          found.push(pid);
          break;
        }
      }
    } catch {
      // gone
    }
  }
  return found;
}

/** The CPUs `pid` may run on, as taskset writes them ("0-1"). */
function cpusOf(pid: number): string | undefined {
  try {
    return Deno.readTextFileSync(`/proc/${pid}/status`)
      .match(/^Cpus_allowed_list:\s+(\S+)$/m)?.[1];
  } catch {
    return undefined;
  }
}

/** Pins every thread of `pid` to `cpus` with taskset; false if that failed. */
async function pin(pid: number, cpus: string): Promise<boolean> {
  try {
    const out = await new Deno.Command("taskset", {
      args: ["-a", "-cp", cpus, String(pid)],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false; // no taskset
  }
}

/**
 * Runs `fn` with this process and `pids` on one CPU (the first this process
 * may use), then puts them back as they were. Resolves to whether the
 * pinning took.
 */
async function onOneCpu(
  pids: number[],
  fn: () => Promise<void>,
): Promise<boolean> {
  const all = [Deno.pid, ...pids];
  const before = all.map(cpusOf);
  const cpu = before[0]?.match(/^\d+/)?.[0];
  let pinned = cpu !== undefined && before.every((cpus) => cpus !== undefined);
  try {
    for (const pid of all) if (pinned) pinned = await pin(pid, cpu!);
    await fn();
  } finally {
    for (const [i, pid] of all.entries()) {
      if (before[i]) await pin(pid, before[i]!);
    }
  }
  return pinned;
}

// ------------------------------------------------------------------ clients

async function writeAll(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  let done = 0;
  while (done < data.length) done += await conn.write(data.subarray(done));
}

async function readExactly(conn: Deno.Conn, buf: Uint8Array): Promise<void> {
  let got = 0;
  while (got < buf.length) {
    const n = await conn.read(buf.subarray(got));
    if (n === null) throw new Error("the server closed the connection early");
    got += n;
  }
}

function payload(size: number): Uint8Array {
  return new Uint8Array(size).map((_, i) => 97 + (i % 26));
}

/** Connects, sends 30 B and waits for them back: the first echo, ms. */
async function firstEcho(
  port: number,
): Promise<{ ms: number; conn: Deno.TcpConn }> {
  const message = payload(SMALL);
  const echo = new Uint8Array(SMALL);
  const t0 = performance.now();
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  conn.setNoDelay(true);
  await writeAll(conn, message);
  await readExactly(conn, echo);
  const ms = performance.now() - t0;
  if (!echo.every((b, i) => b === message[i])) {
    throw new Error(`port ${port} did not echo`);
  }
  return { ms, conn };
}

/** Round trips of `size` bytes on every connection at once. */
async function roundTrips(
  conns: Deno.TcpConn[],
  size: number,
  trips: number,
): Promise<{ seconds: number; latencies: number[] }> {
  const message = payload(size);
  const latencies: number[] = [];
  const client = async (conn: Deno.TcpConn) => {
    const echo = new Uint8Array(size);
    for (let i = 0; i < trips; i++) {
      const t = performance.now();
      await writeAll(conn, message);
      await readExactly(conn, echo);
      latencies.push(performance.now() - t);
    }
  };
  const t0 = performance.now();
  await Promise.all(conns.map(client));
  return { seconds: (performance.now() - t0) / 1000, latencies };
}

/** What streaming through one client measured. */
interface Stream {
  /** Payload MB/s, one way. */
  mbPerSecond: number;
  /** Resident memory of the server process when the client came, and at most, MiB. */
  rssStart: number;
  rssPeak: number;
  /** The most any process of the server grew while the data went through, MiB. */
  growth: number;
  /** Bytes the client sent, its first message included. */
  sent: number;
}

/**
 * Sends `bytes` through one client while reading the echo (both at once,
 * so that neither side waits on a full buffer) and samples the resident
 * memory of every process of the server.
 */
async function stream(server: Server, bytes: number): Promise<Stream> {
  const root = server.process.pid;
  const rssStart = rssMiB(root);
  const { conn } = await firstEcho(server.port); // served before the clock starts
  const pids = processTree([root]).map((p) => p.pid);
  const first = new Map(pids.map((pid) => [pid, rssMiB(pid)]));
  const peak = new Map(first);
  const sample = () => {
    for (const pid of pids) {
      peak.set(pid, Math.max(peak.get(pid)!, rssMiB(pid)));
    }
  };
  const timer = setInterval(sample, 50);
  const chunk = payload(BULK);
  const t0 = performance.now();
  try {
    await Promise.all([
      (async () => {
        for (let sent = 0; sent < bytes; sent += chunk.length) {
          await writeAll(
            conn,
            chunk.subarray(0, Math.min(chunk.length, bytes - sent)),
          );
        }
      })(),
      (async () => {
        const buf = new Uint8Array(4 * BULK);
        for (let got = 0; got < bytes;) {
          const n = await conn.read(buf);
          if (n === null) {
            throw new Error(`${server.name} closed after ${got} B`);
          }
          got += n;
        }
      })(),
    ]);
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  sample();
  conn.close();
  return {
    mbPerSecond: bytes / seconds / 1e6,
    rssStart,
    rssPeak: peak.get(root)!,
    growth: Math.max(...pids.map((pid) => peak.get(pid)! - first.get(pid)!)),
    sent: bytes + SMALL,
  };
}

/** Waits until `path` holds `size` bytes; its size at the end. */
async function fileReaches(path: string, size: number): Promise<number> {
  let now = 0;
  for (const end = performance.now() + 10_000; performance.now() < end;) {
    try {
      now = (await Deno.stat(path)).size;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    if (now >= size) break;
    await delay(20);
  }
  return now;
}

// --------------------------------------------------------------- statistics

/** Nearest-rank percentile; NaN for no values. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))
  ];
}

const median = (values: number[]) => percentile(values, 50);

const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;

/**
 * The median of `ours[i] / reference[i]`: sample i of two servers ran side
 * by side, so a moment when the machine was busy weighs on both alike.
 */
function pairedRatio(ours: number[], reference: number[]): number {
  const n = Math.min(ours.length, reference.length);
  return median(Array.from({ length: n }, (_, i) => ours[i] / reference[i]));
}

/**
 * Runs `fn` for each round and each server, each round starting with the
 * next server, so that a server's samples sit next to the others' in time.
 */
async function inTurns(
  servers: Server[],
  rounds: number,
  fn: (server: Server) => Promise<void>,
): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < servers.length; i++) {
      await fn(servers[(r + i) % servers.length]);
    }
  }
}

// ------------------------------------------------------------------ phases

/**
 * Everything measured on one server, one entry per sample or round in the
 * order taken: entry i of two servers was measured side by side.
 */
interface Measured {
  /** First echo of one client at an idle server, ms, per sample. */
  idle: number[];
  /** First echo of each client arriving at once, ms. */
  burst: number[];
  /** On fresh children: one client's round trip p50, ms; every client's round trips per second; bulk MB/s. */
  freshRtP50: number[];
  freshManyRate: number[];
  freshBulkRate: number[];
  /** One client's round trip p50 and p99, ms, per round. */
  rtP50: number[];
  rtP99: number[];
  /** Round trips per second, one client and every client, per round. */
  oneRate: number[];
  manyRate: number[];
  /** MB/s of the bulk load, per round. */
  bulkRate: number[];
  /** USS of each connected child after its first echo, and after the loads, MB. */
  childServed: number[];
  childLoaded: number[];
  /** One client's stream, per round. */
  stream: Stream[];
}

function emptyMeasured(): Measured {
  return {
    idle: [],
    burst: [],
    freshRtP50: [],
    freshManyRate: [],
    freshBulkRate: [],
    rtP50: [],
    rtP99: [],
    oneRate: [],
    manyRate: [],
    bulkRate: [],
    childServed: [],
    childLoaded: [],
    stream: [],
  };
}

/** Phase 1: first echo at an idle server, then clients arriving at once (kept). */
async function phaseFirstEcho(
  servers: Server[],
  results: Map<string, Measured>,
  sizes: Sizes,
): Promise<Map<string, Deno.TcpConn[]>> {
  console.error("phase 1: first echo, one client at an idle server");
  // One untimed client each: no server pays a first-time cost in the samples.
  for (const server of servers) (await firstEcho(server.port)).conn.close();
  await inTurns(servers, sizes.idleSamples, async (server) => {
    // Idle: the previous client's child is gone and its replacement has
    // started; further apart than a burst, so the pool keeps its base size.
    await delay(BURST_MS);
    await settle(servers);
    const { ms, conn } = await firstEcho(server.port);
    conn.close();
    results.get(server.name)!.idle.push(ms);
  });

  console.error(`phase 1: first echo, ${sizes.clients} clients at once`);
  const conns = new Map<string, Deno.TcpConn[]>();
  for (const server of servers) {
    await settle(servers);
    const arrivals = await Promise.all(
      Array.from({ length: sizes.clients }, () => firstEcho(server.port)),
    );
    results.get(server.name)!.burst = arrivals.map((a) => a.ms);
    conns.set(server.name, arrivals.map((a) => a.conn));
  }
  return conns;
}

/** A load of phase 2 on `clients` of the connections, from `from` on. */
interface Load {
  kind: "one" | "many" | "bulk";
  from: number;
  clients: number;
  size: number;
  trips: number;
}

/**
 * Phase 2: the data path on connections that are all served already:
 * first on fresh children (a Deno child's loop runs slower until V8 has
 * optimized it, some thousands of round trips in), then, after a warm-up,
 * in rounds.
 */
async function phaseSteady(
  servers: Server[],
  conns: Map<string, Deno.TcpConn[]>,
  results: Map<string, Measured>,
  sizes: Sizes,
  quick: boolean,
): Promise<{ pinned: boolean }> {
  // The pool grew for the burst; it shrinks back after QUIET_MS.
  if (!quick) await delay(QUIET_MS + 500);
  await settle(servers);
  for (const server of servers) {
    results.get(server.name)!.childServed = childrenMB(server);
  }
  // The fresh passes use connections of their own, each child's first
  // round trips being its slowest.
  const one: Load = {
    kind: "one",
    from: 0,
    clients: 1,
    size: SMALL,
    trips: sizes.oneTrips,
  };
  const bulk: Load = {
    kind: "bulk",
    from: 1,
    clients: sizes.bulkClients,
    size: BULK,
    trips: sizes.bulkTrips,
  };
  const many: Load = {
    kind: "many",
    from: 0,
    clients: sizes.clients,
    size: SMALL,
    trips: sizes.manyTrips,
  };
  const measure = async (load: Load, server: Server, fresh: boolean) => {
    const clients = conns.get(server.name)!
      .slice(load.from, load.from + load.clients);
    // Steady rounds start with a tenth more, untimed.
    if (!fresh) {
      await roundTrips(clients, load.size, Math.ceil(load.trips / 10));
    }
    const { seconds, latencies } = await roundTrips(
      clients,
      load.size,
      load.trips,
    );
    const m = results.get(server.name)!;
    const rate = load.clients * load.trips / seconds;
    if (load.kind === "one") {
      (fresh ? m.freshRtP50 : m.rtP50).push(percentile(latencies, 50));
      if (!fresh) m.rtP99.push(percentile(latencies, 99));
      if (!fresh) m.oneRate.push(rate);
    } else if (load.kind === "many") {
      (fresh ? m.freshManyRate : m.manyRate).push(rate);
    } else {
      (fresh ? m.freshBulkRate : m.bulkRate).push(rate * load.size / 1e6);
    }
  };
  // One client ping-pongs with one serving process. Where the scheduler
  // puts the two decides the round trip more than either does: on this
  // kind of VM waking a process on the other CPU costs about 20 µs each
  // way, and the placement sticks for seconds, landing on one server or
  // another at random. On one CPU every server is measured alike.
  const holders = servers.flatMap((server) =>
    connectedChildren(
      server,
      (conns.get(server.name)![0].localAddr as Deno.NetAddr).port,
    )
  );
  let pinned = false;
  const run = async (load: Load, rounds: number, fresh: boolean) => {
    console.error(
      `phase 2: ${load.clients} client(s) x ${load.size} B round trips${
        fresh ? ", fresh children" : ""
      }`,
    );
    const all = () =>
      inTurns(servers, rounds, (server) => measure(load, server, fresh));
    if (load.kind === "one" && holders.length === servers.length) {
      pinned = await onOneCpu(holders, all);
    } else {
      await all();
    }
  };

  for (const load of [one, bulk, many]) await run(load, 1, true);
  console.error(
    `phase 2: warming up, ${sizes.warmTrips} round trips per client`,
  );
  for (const server of servers) {
    await roundTrips(conns.get(server.name)!, SMALL, sizes.warmTrips);
  }
  for (const load of [one, many, bulk]) await run(load, sizes.rounds, false);
  for (const server of servers) {
    results.get(server.name)!.childLoaded = childrenMB(server);
  }
  return { pinned };
}

/** USS of every child of `server` that holds a client, MB. */
function childrenMB(server: Server): number[] {
  return connectedChildren(server).map(privateMB)
    .filter((mb) => mb !== undefined);
}

/** Phase 3: 100 MiB through one client, the store server among the servers. */
async function phaseStream(
  servers: Server[],
  results: Map<string, Measured>,
  sizes: Sizes,
  storeFile: string,
): Promise<{ sent: number; size: number }> {
  let sent = 0;
  console.error(`phase 3: ${sizes.streamBytes / MiB} MiB through one client`);
  await inTurns(servers, sizes.streamRounds, async (server) => {
    await delay(BURST_MS);
    await settle(servers);
    const measured = await stream(server, sizes.streamBytes);
    results.get(server.name)!.stream.push(measured);
    if (server.name === STORE) sent += measured.sent;
  });
  return { sent, size: await fileReaches(storeFile, sent) };
}

// ------------------------------------------------------------------- report

const fmt = (n: number | undefined, digits = 2) =>
  n === undefined || !Number.isFinite(n) ? "n/a" : n.toFixed(digits);

/** Reads one figure per sample or round from a server's measurements. */
type Figure = (m: Measured) => number[];

const mbPerSecond: Figure = (m) => m.stream.map((s) => s.mbPerSecond);

/** A table cell: the median, and the paired ratio to `reference` if any. */
function cell(
  m: Measured,
  reference: Measured | undefined,
  figure: Figure,
  digits: number,
): string {
  const value = fmt(median(figure(m)), digits);
  if (!reference) return value;
  return `${value} (${fmt(pairedRatio(figure(m), figure(reference)))}×)`;
}

/** A flat stream: no process of the server grew by more than FLAT_MIB. */
function flat(m: Measured): boolean {
  return m.stream.length > 0 &&
    m.stream.every((s) => s.growth <= FLAT_MIB);
}

const growth = (m: Measured) => Math.max(...m.stream.map((s) => s.growth));

/** The targets, from this run. */
function targets(
  ours: Measured,
  c: Measured | undefined,
  store: Measured,
  storeFileOk: boolean,
  sizes: Sizes,
): string[] {
  const clients = sizes.clients;
  const streamMiB = sizes.streamBytes / MiB;
  const rows: string[] = [];
  const row = (target: string, value: string, met: boolean | undefined) =>
    rows.push(
      `| ${target} | ${value} | ${
        met === undefined ? "not checked (no C server)" : met ? "yes" : "no"
      } |`,
    );
  const ratio = (
    target: string,
    figure: Figure,
    limit: number,
    lower: boolean,
    fresh?: Figure,
  ) => {
    if (!c) return row(target, "n/a", undefined);
    const r = pairedRatio(figure(ours), figure(c));
    const meets = (x: number) => lower ? x <= limit : x >= limit;
    if (!fresh) return row(target, `${fmt(r)}×`, meets(r));
    // Met once warm; the fresh figure is shown, and said when it misses.
    const f = pairedRatio(fresh(ours), fresh(c));
    row(
      target,
      `${fmt(r)}× (fresh children: ${fmt(f)}×${meets(f) ? "" : ", not met"})`,
      meets(r),
    );
  };
  ratio(
    "steady round trip p50 ≤ 1.3× C",
    (m) => m.rtP50,
    1.3,
    true,
    (m) => m.freshRtP50,
  );
  ratio(
    `steady ${clients}-client round trips/s ≥ 0.7× C`,
    (m) => m.manyRate,
    0.7,
    false,
    (m) => m.freshManyRate,
  );
  ratio(
    "steady 10 × 64 KiB MB/s ≥ 0.7× C",
    (m) => m.bulkRate,
    0.7,
    false,
    (m) => m.freshBulkRate,
  );
  ratio(
    "first echo at an idle server (warm pool) ≤ 2× C",
    (m) => m.idle,
    2,
    true,
  );
  const rss = ours.stream.map((s) => s.rssPeak);
  row(
    `${streamMiB} MiB through one client with memory flat`,
    `${fmt(median(mbPerSecond(ours)), 0)} MB/s; server RSS ${
      fmt(ours.stream[0]?.rssStart, 0)
    } → ${fmt(Math.max(...rss), 0)} MiB; largest growth ${
      fmt(growth(ours), 1)
    } MiB`,
    flat(ours),
  );
  const loaded = mean(ours.childLoaded);
  row(
    "private memory per connected child ≤ 10 MB",
    `${fmt(loaded)} MB after the loads (${
      fmt(mean(ours.childServed))
    } after one echo; ${ours.childLoaded.length} children)`,
    ours.childLoaded.length === clients && loaded <= 10,
  );
  const share = pairedRatio(mbPerSecond(store), mbPerSecond(ours));
  row(
    `echo-storeserver ${streamMiB} MiB ≥ 0.5× echo-server, file complete, memory flat`,
    `${fmt(share)}×; file ${
      storeFileOk ? "complete" : "INCOMPLETE"
    }; largest growth ${fmt(growth(store), 1)} MiB`,
    share >= 0.5 && storeFileOk && flat(store),
  );
  return [
    "## Targets",
    "",
    "| target | this run | met |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ];
}

function report(
  names: string[],
  results: Map<string, Measured>,
  sizes: Sizes,
  header: string[],
  store: { sent: number; size: number },
  pinned: boolean,
): string {
  const c = results.get(C64);
  const n = sizes.clients;
  const lines = [
    "# Benchmark",
    "",
    ...header,
    "",
    c
      ? `Ratios are to ${C64}, as the median of the ratios of samples taken side by side.`
      : "No C server in this run: no ratios.",
    "",
  ];

  lines.push(
    "## 1. First echo",
    "",
    "From `connect()` to the first 30 B echoed. Idle: one client at a time,",
    `each after the servers have gone quiet (median of ${sizes.idleSamples}).`,
    `At once: ${n} clients connect together.`,
    "",
    `| server | idle, 1 client ms | ${n} at once p50 ms | ${n} at once p99 ms |`,
    "| --- | ---: | ---: | ---: |",
  );
  for (const name of names) {
    const m = results.get(name)!;
    lines.push(
      `| ${name} | ${cell(m, c, (x) => x.idle, 2)} | ${
        cell(m, c, (x) => [percentile(x.burst, 50)], 1)
      } | ${cell(m, c, (x) => [percentile(x.burst, 99)], 1)} |`,
    );
  }

  lines.push(
    "",
    "## 2. Steady data path",
    "",
    `The ${n} clients of phase 1 stay connected, each already served. Round`,
    `trips of 30 B: one client alone (${sizes.oneTrips} a round), then all ${n} (${sizes.manyTrips} each);`,
    `then ${sizes.bulkClients} clients x 64 KiB (${sizes.bulkTrips} each). MB/s counts the payload one way.`,
    pinned
      ? "The lone client runs with the load generator and its serving process on one CPU (taskset): where the scheduler puts the two otherwise decides its round trip (a wake-up on the other CPU costs tens of µs on a VM) more than the server does."
      : "The lone client's load could not be put on one CPU (no taskset): its round trip depends on where the scheduler puts the two processes.",
    "",
    "### Fresh children",
    "",
    "Each load once, on children that have served nothing but their first echo",
    "(separate connections for the lone client and the bulk load). A Deno",
    "child's loop runs slower until V8 has optimized it. One pass each, so",
    "these figures swing more than the warm ones.",
    "",
    `| server | RT p50 ms | ${n} clients RT/s | ${sizes.bulkClients} x 64 KiB MB/s |`,
    "| --- | ---: | ---: | ---: |",
  );
  for (const name of names) {
    const m = results.get(name)!;
    lines.push(
      `| ${name} | ${cell(m, c, (x) => x.freshRtP50, 3)} | ${
        cell(m, c, (x) => x.freshManyRate, 0)
      } | ${cell(m, c, (x) => x.freshBulkRate, 0)} |`,
    );
  }
  lines.push(
    "",
    "### Warm",
    "",
    `After ${sizes.warmTrips} untimed round trips per client: ${sizes.rounds} round(s) of each load,`,
    "servers in turns, each round after a tenth more untimed; the median",
    "round is shown. Memory: private (USS) of each child holding a client,",
    "after its first echo and after all the loads.",
    "",
    `| server | RT p50 ms | RT p99 ms | 1 client RT/s | ${n} clients RT/s | ${sizes.bulkClients} x 64 KiB MB/s | MB per child, served | MB per child, after loads |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const name of names) {
    const m = results.get(name)!;
    const memory = (values: number[]) =>
      values.length === n ? fmt(mean(values)) : `n/a (${values.length} found)`;
    lines.push(
      `| ${name} | ${cell(m, c, (x) => x.rtP50, 3)} | ${
        cell(m, c, (x) => x.rtP99, 3)
      } | ${cell(m, c, (x) => x.oneRate, 0)} | ${
        cell(m, c, (x) => x.manyRate, 0)
      } | ${cell(m, c, (x) => x.bulkRate, 0)} | ${memory(m.childServed)} | ${
        memory(m.childLoaded)
      } |`,
    );
  }

  const echo = results.get(TCPIP)!;
  lines.push(
    "",
    `## 3. ${sizes.streamBytes / MiB} MiB through one client`,
    "",
    "One client writes and reads at once. `echo-storeserver --max-messages 0`",
    "also copies every byte into a pipe to its store process, which writes it",
    `to a file. ${sizes.streamRounds} round(s), servers in turns. Memory: resident memory`,
    "(RSS) of the server process when the client came and at most, and the",
    "most any of the server's processes grew while the data went through.",
    names.includes(BOOK)
      ? `${BOOK} is left out: 30-byte reads take about ten seconds a round.`
      : "",
    "",
    "| server | MB/s | vs echo-server | each round MB/s | server RSS start MiB | server RSS peak MiB | largest growth MiB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const name of [TCPIP, STORE, C64]) {
    const m = results.get(name);
    if (!m?.stream.length) continue;
    lines.push(
      `| ${name} | ${cell(m, c, mbPerSecond, 0)} | ${
        fmt(pairedRatio(mbPerSecond(m), mbPerSecond(echo)))
      } | ${mbPerSecond(m).map((r) => fmt(r, 0)).join(", ")} | ${
        fmt(m.stream[0].rssStart, 1)
      } | ${fmt(Math.max(...m.stream.map((s) => s.rssPeak)), 1)} | ${
        fmt(growth(m), 1)
      } |`,
    );
  }
  lines.push(
    "",
    `Store file: ${store.size} B for ${store.sent} B sent (${
      store.size === store.sent ? "equal" : "NOT equal"
    }).`,
    "",
    ...targets(echo, c, results.get(STORE)!, store.size === store.sent, sizes),
  );
  return lines.filter((line, i, all) => line !== "" || all[i - 1] !== "")
    .join("\n");
}

// -------------------------------------------------------------------- main

/** Options of {@linkcode bench}. */
export interface BenchOptions {
  /** A few seconds' worth instead of the full run. */
  quick: boolean;
  /** Build and measure the C servers (when gcc is present). */
  c: boolean;
}

/** Runs every phase against every server and returns the Markdown report. */
export async function bench(options: BenchOptions): Promise<string> {
  if (Deno.build.os !== "linux") {
    throw new Error("the benchmark reads /proc: it runs on Linux only");
  }
  const sizes = options.quick ? QUICK : FULL;
  const loadStart = loadAverage();
  const dir = await Deno.makeTempDir({ prefix: "tcpip-bench-" });
  const servers: Server[] = [];
  let store: Server | undefined;
  try {
    let cNote = "the C servers were not built (--no-c)";
    if (options.c) {
      const c64 = await buildC(dir, BULK);
      const book = c64 && await buildC(dir, SMALL);
      cNote = c64 && book
        ? `the C servers built with gcc ${await gccVersion()} -O2`
        : "no gcc here: the C servers were skipped and no ratio is given";
      servers.push(await startTcpip("echo-server"));
      if (c64 && book) {
        for (const [name, binary] of [[C64, c64], [BOOK, book]]) {
          const port = freePort();
          servers.push(
            await start(
              name,
              binary,
              [String(port)],
              /listening/,
              "stdout",
              port,
            ),
          );
        }
      }
    } else {
      servers.push(await startTcpip("echo-server"));
    }
    const names = servers.map((s) => s.name);
    const results = new Map<string, Measured>(
      [...names, STORE].map((name) => [name, emptyMeasured()]),
    );

    const conns = await phaseFirstEcho(servers, results, sizes);
    let steady: { pinned: boolean };
    try {
      steady = await phaseSteady(servers, conns, results, sizes, options.quick);
    } finally {
      for (const list of conns.values()) list.forEach((conn) => conn.close());
    }

    const storeFile = `${dir}/echomsg.txt`;
    store = await startTcpip("echo-storeserver", [
      "--max-messages",
      "0",
      "--out",
      storeFile,
    ]);
    const streamed = [store, ...servers.filter((s) => s.name !== BOOK)];
    const stored = await phaseStream(streamed, results, sizes, storeFile);
    const header = [
      `Run on ${Deno.build.target}, ${navigator.hardwareConcurrency} cores, Deno ${Deno.version.deno}${
        options.quick
          ? ", quick mode (small loads: only the layout counts)"
          : ""
      }; ${cNote}.`,
      "The load generator is the bench's own process (Deno); every server is a",
      "process of its own, and all run on the same machine, in the same run,",
      `measured in turns. \`tcpip echo-server\` runs with its default pool${await commit()}.`,
      `Load average (1 min) at the start and the end: ${loadStart}, ${loadAverage()}.`,
    ];
    return report(names, results, sizes, header, stored, steady.pinned);
  } finally {
    await Promise.all([...servers, ...store ? [store] : []].map(stop));
    await Deno.remove(dir, { recursive: true });
  }
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
  // Tables laid out as `deno fmt --check` wants them, so the file can be committed.
  await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", out],
    cwd: ROOT,
  }).output();
  console.error(`written to ${out}`);
}
