/**
 * `deno task bench`: starts every server as a process of its own, measures
 * them in turns within one run, and writes the report as Markdown
 * (BENCHMARK.md unless `--out`).
 *
 * The clients are `tools/loadgen.c`, built with the system's `cc`: one
 * process per server, a thread per client, blocking calls, TCP_NODELAY.
 * Without `cc` (or with `--no-c`) the bench's own Deno process is the
 * client, and the report says so: it caps every server's figure.
 *
 * Servers: `tcpip echo-server` with its default pool and with a pool as
 * large as the burst (`--prefork 50`); with `cc`, the book's
 * `echo_mpserv.c` built twice (64 KiB reads, the reference every ratio is
 * taken against, and the book's BUF_SIZE of 30); and peers written the
 * same way in other runtimes when they are installed: Python with a real
 * `os.fork()` per client, Node with `child_process.fork` and the socket's
 * handle passed to the child (`tools/peers/`).
 *
 * Phases:
 * 1. first echo, from `connect()` to the first reply, for one client at an
 *    idle server, and for 50 clients arriving at once;
 * 2. fresh connections: those 50 clients' first round trips, once the
 *    servers have gone quiet: 200 of 30 B each, all at once; 10 of them
 *    50 of 64 KiB; one alone;
 * 3. warm: the same loads in rounds after 12 000 round trips per client,
 *    and the private memory (USS) of each child holding a client;
 * 4. 100 MiB through one client, with the memory of every server process;
 * 5. `echo-storeserver --max-messages 0` against `echo-server`, 20 MiB
 *    through one client, the store file checked.
 *
 * Usage: `deno task bench [--quick] [--out FILE] [--no-c] [--no-peers]`
 *
 * @module
 */

import { delay } from "@std/async";
import { parseArgs } from "../src/cli/args.ts";
import { BURST_MS } from "../src/net/pool.ts";
import { CHILD_V8_FLAGS } from "../src/process/child_tuning.ts";
import {
  buildLoadgen,
  type Clients,
  compileC,
  DenoClients,
  LoadgenClients,
} from "./bench_clients.ts";

/** How much each phase does. */
interface Sizes {
  /** Single clients timed at an idle server. */
  idleSamples: number;
  /** Clients arriving at once, whose first round trips are then measured. */
  clients: number;
  /** Bursts of `clients` per server, each followed by the fresh loads. */
  freshRounds: number;
  /** Round trips of 30 B per client in the fresh load of every client. */
  freshTrips: number;
  /** Rounds of each warm load, servers in turns; the median is reported. */
  rounds: number;
  /** Round trips of 30 B for the lone client, per round. */
  oneTrips: number;
  /** Round trips of 30 B per client with every client busy, per warm round. */
  manyTrips: number;
  /** Untimed round trips per client before the warm rounds. */
  warmTrips: number;
  /** Clients in the bulk load. */
  bulkClients: number;
  /** Round trips of 64 KiB per bulk client. */
  bulkTrips: number;
  /** Bytes through one client in phase 4, per round. */
  streamBytes: number;
  /** Rounds of phase 4. */
  streamRounds: number;
  /** Bytes through one client in phase 5, per round. */
  storeBytes: number;
  /** Rounds of phase 5. */
  storeRounds: number;
}

const MiB = 1024 * 1024;
const SMALL = 30;
const BULK = 64 * 1024;

const FULL: Sizes = {
  idleSamples: 20,
  clients: 50,
  freshRounds: 3,
  freshTrips: 200,
  rounds: 10,
  oneTrips: 400,
  manyTrips: 200,
  warmTrips: 12_000,
  bulkClients: 10,
  bulkTrips: 50,
  streamBytes: 100 * MiB,
  streamRounds: 5,
  storeBytes: 20 * MiB,
  storeRounds: 5,
};

const QUICK: Sizes = {
  idleSamples: 2,
  clients: 10,
  freshRounds: 1,
  freshTrips: 20,
  rounds: 1,
  oneTrips: 50,
  manyTrips: 10,
  warmTrips: 20,
  bulkClients: 4,
  bulkTrips: 4,
  streamBytes: 4 * MiB,
  streamRounds: 1,
  storeBytes: 2 * MiB,
  storeRounds: 1,
};

/** Growth of one server process while data streams through, MiB, that still counts as flat. */
const FLAT_MIB = 10;

/** The most private memory a serving child may hold, MB (10⁶ bytes). */
const CHILD_BUDGET_MB = 11;

const ROOT = new URL("..", import.meta.url);
const MAIN = new URL("../main.ts", import.meta.url).pathname;
const PEERS = new URL("./peers/", import.meta.url).pathname;
const TCPIP = "tcpip echo-server";
const STORE = "tcpip echo-storeserver";
const C64 = "C, 64 KiB reads";
const BOOK = "C, book (BUF_SIZE 30)";
const PYTHON = "Python, os.fork() per client";
const NODE = "Node, child_process.fork + handle";

/** A server under test, running as its own process, with its clients. */
interface Server {
  name: string;
  port: number;
  process: Deno.ChildProcess;
  clients: Clients;
}

/** Makes the clients of the server on `port`. */
type MakeClients = (port: number) => Clients;

// ---------------------------------------------------------------- processes

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** How a server is started and how it says it is ready. */
interface Launch {
  name: string;
  command: string;
  /** Its arguments; the port goes first. */
  args: (port: number) => string[];
  ready: RegExp;
  stream: "stdout" | "stderr";
}

/**
 * Starts a server and waits for `ready` on its stream. Both output streams
 * are pipes, drained to the end, so every server prints its lines at the
 * same cost and none blocks on a full pipe.
 */
async function start(launch: Launch, clients: MakeClients): Promise<Server> {
  const port = freePort();
  const process = new Deno.Command(launch.command, {
    args: launch.args(port),
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", LANG: "C" },
  }).spawn();
  const other = launch.stream === "stdout" ? process.stderr : process.stdout;
  void other.pipeTo(new WritableStream()).catch(() => {});
  const reader = process[launch.stream].pipeThrough(new TextDecoderStream())
    .getReader();
  let seen = "";
  while (!launch.ready.test(seen)) {
    const { value, done } = await reader.read();
    if (done) {
      throw new Error(`${launch.name} ended before it was ready:\n${seen}`);
    }
    seen += value;
  }
  void (async () => {
    while (!(await reader.read()).done) { /* discard */ }
  })().catch(() => {});
  return { name: launch.name, port, process, clients: clients(port) };
}

function tcpip(name: string, program: string, extra: string[] = []): Launch {
  return {
    name,
    command: Deno.execPath(),
    args: (port) => [
      "run",
      "-A",
      "--quiet",
      MAIN,
      program,
      String(port),
      ...extra,
    ],
    ready: /listening on \S+:\d+:/,
    stream: "stderr",
  };
}

function plain(name: string, command: string, args: string[] = []): Launch {
  return {
    name,
    command,
    args: (port) => [...args, String(port)],
    ready: /listening/,
    stream: "stdout",
  };
}

async function stop(server: Server): Promise<void> {
  await server.clients.end().catch(() => {});
  try {
    server.process.kill("SIGTERM");
  } catch {
    // already gone
  }
  await server.process.status;
}

/** Runs `command args`; its first line of output, or undefined if it cannot run. */
async function firstLine(
  command: string,
  args: string[],
): Promise<string | undefined> {
  try {
    const out = await new Deno.Command(command, {
      args,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) return undefined;
    const text = new TextDecoder().decode(out.stdout) ||
      new TextDecoder().decode(out.stderr);
    return text.split("\n")[0].trim();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Compiles the book's server with `BUF_SIZE` using `cc`. */
function buildC(dir: string, bufSize: number): Promise<string> {
  return compileC(
    `${PEERS}echo_mpserv.c`,
    `${dir}/echo_mpserv_${bufSize}`,
    [`-DBUF_SIZE=${bufSize}`],
  );
}

// ------------------------------------------------------------------- /proc

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
 * Runs `fn` with `pids` on one CPU (the first the first of them may use),
 * then puts them back as they were. Resolves to whether the pinning took.
 */
async function onOneCpu(
  pids: number[],
  fn: () => Promise<void>,
): Promise<boolean> {
  const before = pids.map(cpusOf);
  const cpu = before[0]?.match(/^\d+/)?.[0];
  let pinned = cpu !== undefined && before.every((cpus) => cpus !== undefined);
  try {
    for (const pid of pids) if (pinned) pinned = await pin(pid, cpu!);
    await fn();
  } finally {
    for (const [i, pid] of pids.entries()) {
      if (before[i]) await pin(pid, before[i]!);
    }
  }
  return pinned;
}

/** USS of every child of `server` that holds a client, MB. */
function childrenMB(server: Server): number[] {
  return connectedChildren(server).map(privateMB)
    .filter((mb) => mb !== undefined);
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
  fn: (server: Server, round: number) => Promise<void>,
): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < servers.length; i++) {
      await fn(servers[(r + i) % servers.length], r);
    }
  }
}

// ------------------------------------------------------------------ phases

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
 * Everything measured on one server, one entry per sample or round in the
 * order taken: entry i of two servers was measured side by side.
 */
interface Measured {
  /** First echo of one client at an idle server, ms, per sample. */
  idle: number[];
  /** p50 and p99 of the first echoes of the clients arriving at once, ms, per burst. */
  burstP50: number[];
  burstP99: number[];
  /** Fresh connections, per burst: every client's round trips/s, bulk MB/s, the lone client's round trip p50 ms. */
  freshManyRate: number[];
  freshBulkRate: number[];
  freshRtP50: number[];
  /** Warm, per round: the lone client's round trip p50 and p99 ms and round trips/s. */
  rtP50: number[];
  rtP99: number[];
  oneRate: number[];
  /** Warm, per round: every client's round trips/s; bulk MB/s. */
  manyRate: number[];
  bulkRate: number[];
  /** USS of each connected child after its first round trips, and after the loads, MB. */
  childServed: number[];
  childLoaded: number[];
  /** Phase 4, per round. */
  stream: Stream[];
  /** Phase 5, per round. */
  store: Stream[];
}

function emptyMeasured(): Measured {
  return {
    idle: [],
    burstP50: [],
    burstP99: [],
    freshManyRate: [],
    freshBulkRate: [],
    freshRtP50: [],
    rtP50: [],
    rtP99: [],
    oneRate: [],
    manyRate: [],
    bulkRate: [],
    childServed: [],
    childLoaded: [],
    stream: [],
    store: [],
  };
}

/** The run's results, by server name. */
type Results = Map<string, Measured>;

/** Phase 1a: the first echo of one client at an idle server. */
async function phaseIdle(
  servers: Server[],
  results: Results,
  sizes: Sizes,
): Promise<void> {
  console.error("phase 1: first echo, one client at an idle server");
  // One untimed client each: no server pays a first-time cost in the samples.
  for (const server of servers) {
    await server.clients.open(1);
    await server.clients.close();
  }
  await inTurns(servers, sizes.idleSamples, async (server) => {
    // Idle: the previous client's child is gone and its replacement has
    // started; further apart than a burst, so the pool keeps its base size.
    await delay(BURST_MS);
    await settle(servers);
    const { first } = await server.clients.open(1);
    await server.clients.close();
    results.get(server.name)!.idle.push(first[0]);
  });
}

/** One load of 30 B or 64 KiB round trips on some of the open connections. */
interface Load {
  kind: "one" | "many" | "bulk";
  from: number;
  clients: number;
  size: number;
  trips: number;
}

/** The three loads of phases 2 and 3 for `sizes`. */
function loads(sizes: Sizes, manyTrips: number) {
  const many: Load = {
    kind: "many",
    from: 0,
    clients: sizes.clients,
    size: SMALL,
    trips: manyTrips,
  };
  const bulk: Load = {
    kind: "bulk",
    from: 0,
    clients: sizes.bulkClients,
    size: BULK,
    trips: sizes.bulkTrips,
  };
  const one: Load = {
    kind: "one",
    from: sizes.bulkClients,
    clients: 1,
    size: SMALL,
    trips: sizes.oneTrips,
  };
  return { many, bulk, one };
}

/**
 * Runs `load` on `server` and records it. The lone client runs with its
 * clients' process and the child serving it on one CPU: where the
 * scheduler puts the two decides a ping-pong more than either does (on a
 * VM a wake-up on the other CPU costs tens of µs, and the placement sticks
 * for seconds, landing on one server or another at random). Resolves to
 * whether that pinning took.
 */
async function measure(
  server: Server,
  load: Load,
  m: Measured,
  fresh: boolean,
): Promise<boolean> {
  const run = async () => {
    // Warm rounds start with a tenth more, untimed.
    if (!fresh) {
      await server.clients.trips(
        load.from,
        load.clients,
        load.size,
        Math.ceil(load.trips / 10),
      );
    }
    const { seconds, p50, p99 } = await server.clients.trips(
      load.from,
      load.clients,
      load.size,
      load.trips,
    );
    const rate = load.clients * load.trips / seconds;
    if (load.kind === "one") {
      (fresh ? m.freshRtP50 : m.rtP50).push(p50);
      if (!fresh) m.rtP99.push(p99), m.oneRate.push(rate);
    } else if (load.kind === "many") {
      (fresh ? m.freshManyRate : m.manyRate).push(rate);
    } else {
      (fresh ? m.freshBulkRate : m.bulkRate).push(rate * load.size / 1e6);
    }
  };
  if (load.kind !== "one") {
    await run();
    return true;
  }
  const holder = connectedChildren(
    server,
    await server.clients.localPort(load.from),
  );
  if (holder.length !== 1) {
    await run();
    return false;
  }
  return await onOneCpu([server.clients.pid, holder[0]], run);
}

/**
 * Phases 1b and 2, for each server in turn: `clients` connect at once
 * (their first echoes are phase 1's burst), and at once their first round
 * trips: every client together, then the bulk load, then one client alone;
 * whatever the server still does for the burst (starting spares) weighs
 * on them, as it would on its clients. Repeated `freshRounds` times; the
 * last round's connections stay open for phase 3. Resolves to whether the
 * lone client could be pinned.
 */
async function phaseFresh(
  servers: Server[],
  results: Results,
  sizes: Sizes,
): Promise<boolean> {
  const { many, bulk, one } = loads(sizes, sizes.freshTrips);
  let pinned = true;
  for (let round = 0; round < sizes.freshRounds; round++) {
    console.error(
      `phases 1 and 2: ${sizes.clients} clients at once and their first round trips (round ${
        round + 1
      } of ${sizes.freshRounds})`,
    );
    await inTurns(servers, 1, async (server) => {
      await settle(servers);
      const m = results.get(server.name)!;
      const { first } = await server.clients.open(sizes.clients);
      for (const load of [many, bulk, one]) {
        pinned = await measure(server, load, m, true) && pinned;
      }
      m.burstP50.push(percentile(first, 50));
      m.burstP99.push(percentile(first, 99));
      if (round === 0) m.childServed = childrenMB(server);
      if (round < sizes.freshRounds - 1) await server.clients.close();
    });
  }
  return pinned;
}

/** Phase 3: the loads again in rounds, after many round trips per client. */
async function phaseWarm(
  servers: Server[],
  results: Results,
  sizes: Sizes,
): Promise<boolean> {
  console.error(
    `phase 3: warming up, ${sizes.warmTrips} round trips per client`,
  );
  for (const server of servers) {
    await server.clients.trips(0, sizes.clients, SMALL, sizes.warmTrips);
  }
  const { many, bulk, one } = loads(sizes, sizes.manyTrips);
  let pinned = true;
  for (const load of [one, many, bulk]) {
    console.error(`phase 3: ${load.clients} client(s) x ${load.size} B`);
    await inTurns(servers, sizes.rounds, async (server) => {
      const ok = await measure(server, load, results.get(server.name)!, false);
      pinned &&= ok;
    });
  }
  for (const server of servers) {
    results.get(server.name)!.childLoaded = childrenMB(server);
    await server.clients.close();
  }
  return pinned;
}

/**
 * Sends `bytes` through one new client (served its first echo before the
 * clock starts) and samples the resident memory of every process of the
 * server meanwhile.
 */
async function stream(server: Server, bytes: number): Promise<Stream> {
  const root = server.process.pid;
  const rssStart = rssMiB(root);
  const { from } = await server.clients.open(1);
  const pids = processTree([root]).map((p) => p.pid);
  const first = new Map(pids.map((pid) => [pid, rssMiB(pid)]));
  const peak = new Map(first);
  const sample = () => {
    for (const pid of pids) {
      peak.set(pid, Math.max(peak.get(pid)!, rssMiB(pid)));
    }
  };
  const timer = setInterval(sample, 50);
  let seconds: number;
  try {
    seconds = await server.clients.stream(from, bytes);
  } finally {
    clearInterval(timer);
  }
  sample();
  await server.clients.close();
  return {
    mbPerSecond: bytes / seconds / 1e6,
    rssStart,
    rssPeak: peak.get(root)!,
    growth: Math.max(...pids.map((pid) => peak.get(pid)! - first.get(pid)!)),
    sent: bytes + SMALL,
  };
}

/** Phases 4 and 5: bytes through one client, servers in turns. */
async function phaseStream(
  servers: Server[],
  results: Results,
  bytes: number,
  rounds: number,
  into: "stream" | "store",
): Promise<number> {
  let sent = 0;
  console.error(
    `phase ${into === "stream" ? 4 : 5}: ${bytes / MiB} MiB through one client`,
  );
  await inTurns(servers, rounds, async (server) => {
    await delay(BURST_MS);
    await settle(servers);
    const measured = await stream(server, bytes);
    results.get(server.name)![into].push(measured);
    if (server.name === STORE) sent += measured.sent;
  });
  return sent;
}

/**
 * What loading the server side costs a serving child, now that the
 * examples import it plainly: the private memory of a process that loads
 * what a serving child of `echo-server` loads (the child entry and
 * `examples/echo_server.ts`), less that of one that loads only the child's
 * own modules, both started as children are and waiting on a read. MB.
 */
async function importsCost(dir: string): Promise<
  { plain: number; lean: number } | undefined
> {
  const probe = async (name: string, modules: string[]) => {
    const file = `${dir}/probe_${name}.ts`;
    await Deno.writeTextFile(
      file,
      modules.map((m) => `import "${new URL(m, ROOT).href}";\n`).join("") +
        'console.log("ready");\nDeno.stdin.readSync(new Uint8Array(1));\n',
    );
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--quiet",
        "--no-code-cache",
        "--config",
        new URL("deno.json", ROOT).pathname,
        file,
      ],
      env: { DENO_V8_FLAGS: CHILD_V8_FLAGS },
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.getReader();
    await reader.read(); // "ready": everything is loaded
    await delay(100);
    const mb = privateMB(child.pid);
    await child.stdin.close();
    await reader.cancel();
    await child.status;
    return mb;
  };
  const own = ["src/process/child_entry.ts", "src/net/child_socket.ts"];
  const lean = await probe("lean", [...own, "src/process/fork.ts"]);
  const plain = await probe("plain", [...own, "examples/echo_server.ts"]);
  return lean === undefined || plain === undefined
    ? undefined
    : { plain, lean };
}

// ------------------------------------------------------------------- report

const fmt = (n: number | undefined, digits = 2) =>
  n === undefined || !Number.isFinite(n) ? "n/a" : n.toFixed(digits);

/** Reads one figure per sample or round from a server's measurements. */
type Figure = (m: Measured) => number[];

const streamRate: Figure = (m) => m.stream.map((s) => s.mbPerSecond);
const storeRate: Figure = (m) => m.store.map((s) => s.mbPerSecond);

/** A table cell: the median, and the paired ratio to `reference` if any. */
function cell(
  m: Measured,
  reference: Measured | undefined,
  figure: Figure,
  digits: number,
): string {
  const value = fmt(median(figure(m)), digits);
  if (!reference || figure(m).length === 0) return value;
  return `${value} (${fmt(pairedRatio(figure(m), figure(reference)))}×)`;
}

/** No process of the server grew by more than FLAT_MIB while streaming. */
function flat(streams: Stream[]): boolean {
  return streams.length > 0 && streams.every((s) => s.growth <= FLAT_MIB);
}

const growth = (streams: Stream[]) => Math.max(...streams.map((s) => s.growth));

/** What the report says about the run besides the figures. */
interface RunFacts {
  header: string[];
  /** Bytes the store server was sent, and the size of its file. */
  store: { sent: number; size: number };
  pinned: boolean;
  /** The --prefork of the second tcpip server. */
  prefork: string;
  imports?: { plain: number; lean: number };
}

/** The targets, from this run. */
function targets(results: Results, sizes: Sizes, facts: RunFacts): string[] {
  const ours = results.get(TCPIP)!;
  const big = results.get(facts.prefork);
  const c = results.get(C64);
  const python = results.get(PYTHON);
  const echo = ours;
  const store = results.get(STORE)!;
  const n = sizes.clients;
  const rows: string[] = [];
  const row = (target: string, value: string, met: boolean | undefined) =>
    rows.push(
      `| ${target} | ${value} | ${
        met === undefined ? "not checked (no C server)" : met ? "yes" : "no"
      } |`,
    );
  const ratio = (m: Measured | undefined, figure: Figure) =>
    m && c ? pairedRatio(figure(m), figure(c)) : NaN;
  const check = (
    target: string,
    m: Measured | undefined,
    figure: Figure,
    limit: number,
    lower: boolean,
    extra = "",
    also = true,
  ) => {
    if (!c || !m) return row(target, "n/a", undefined);
    const r = ratio(m, figure);
    row(
      target,
      `${fmt(r)}×${extra}`,
      (lower ? r <= limit : r >= limit) && also,
    );
  };
  const fresh = (m: Measured) => m.freshManyRate;
  const pythonRatio = ratio(python, fresh);
  check(
    `fresh connections: ${n} clients x ${sizes.freshTrips} round trips ≥ 0.8× C and above Python`,
    ours,
    fresh,
    0.8,
    false,
    python ? ` (Python ${fmt(pythonRatio)}×)` : " (no Python here)",
    !python || ratio(ours, fresh) > pythonRatio,
  );
  check(
    `fresh connections: ${sizes.bulkClients} x 64 KiB x ${sizes.bulkTrips} ≥ 0.8× C`,
    ours,
    (m) => m.freshBulkRate,
    0.8,
    false,
  );
  check(
    "first echo at an idle server ≤ 1.5× C",
    ours,
    (m) => m.idle,
    1.5,
    true,
  );
  check(
    `${n} clients at once, first echo p50 ≤ 10× C with --prefork ${n}`,
    big,
    (m) => m.burstP50,
    10,
    true,
  );
  check(
    `${n} clients at once, first echo p50 ≤ 100× C with the default pool`,
    ours,
    (m) => m.burstP50,
    100,
    true,
  );
  const share = pairedRatio(storeRate(store), storeRate(echo));
  const complete = facts.store.size === facts.store.sent;
  row(
    `echo-storeserver --max-messages 0, ${
      sizes.storeBytes / MiB
    } MiB through one client ≥ 0.5× echo-server, the file complete`,
    `${fmt(share)}×; file ${
      complete ? "complete" : "INCOMPLETE"
    }; largest growth ${fmt(growth(store.store), 1)} MiB`,
    share >= 0.5 && complete && flat(store.store),
  );
  check(
    "warm round trip p50 ≤ 1.3× C",
    ours,
    (m) => m.rtP50,
    1.3,
    true,
  );
  check(
    `warm ${n}-client round trips/s ≥ 0.7× C`,
    ours,
    (m) => m.manyRate,
    0.7,
    false,
  );
  check(
    `warm ${sizes.bulkClients} x 64 KiB MB/s ≥ 0.7× C`,
    ours,
    (m) => m.bulkRate,
    0.7,
    false,
  );
  row(
    `${sizes.streamBytes / MiB} MiB through one client with memory flat`,
    `${fmt(median(streamRate(ours)), 0)} MB/s; largest growth ${
      fmt(growth(ours.stream), 1)
    } MiB`,
    flat(ours.stream),
  );
  const served = mean(ours.childServed);
  const loaded = mean(ours.childLoaded);
  row(
    `private memory per serving child ≤ ${CHILD_BUDGET_MB} MB`,
    `${fmt(served)} MB after its first round trips, ${
      fmt(loaded)
    } after the loads (${ours.childLoaded.length} children)`,
    ours.childServed.length === n && ours.childLoaded.length === n &&
      served <= CHILD_BUDGET_MB && loaded <= CHILD_BUDGET_MB,
  );
  return [
    "## Targets",
    "",
    "Ratios to C, this run; `tcpip echo-server` with its default pool unless",
    "the target names another.",
    "",
    "| target | this run | met |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ];
}

function report(
  names: string[],
  results: Results,
  sizes: Sizes,
  facts: RunFacts,
): string {
  const c = results.get(C64);
  const n = sizes.clients;
  const lines = [
    "# Benchmark",
    "",
    ...facts.header,
    "",
    c
      ? `Ratios are to ${C64}, as the median of the ratios of samples taken side by side.`
      : "No C server in this run: no ratios.",
    "",
  ];
  const table = (
    columns: string[],
    cells: (m: Measured) => string[],
    only = names,
  ) => {
    lines.push(
      `| server | ${columns.join(" | ")} |`,
      `| --- | ${columns.map(() => "---:").join(" | ")} |`,
    );
    for (const name of only) {
      const m = results.get(name);
      if (m) lines.push(`| ${name} | ${cells(m).join(" | ")} |`);
    }
    lines.push("");
  };

  lines.push(
    "## 1. First echo",
    "",
    "From `connect()` to the first 30 B echoed. Idle: one client at a time,",
    `each after the servers have gone quiet (median of ${sizes.idleSamples}).`,
    `At once: ${n} clients connect together (median over ${sizes.freshRounds} burst(s)`,
    "of each burst's p50 and p99).",
    "",
  );
  table(
    ["idle, 1 client ms", `${n} at once p50 ms`, `${n} at once p99 ms`],
    (m) => [
      cell(m, c, (x) => x.idle, 2),
      cell(m, c, (x) => x.burstP50, 1),
      cell(m, c, (x) => x.burstP99, 1),
    ],
  );

  lines.push(
    "## 2. Fresh connections",
    "",
    `The ${n} clients of each burst, right after it (whatever the server still`,
    "does for the burst, such as starting spare children, weighs on them as it",
    `would on its clients): their first ${sizes.freshTrips} round trips of 30 B after the first`,
    `echo, all at once; then ${sizes.bulkClients} of them ${sizes.bulkTrips} round trips of 64 KiB each; then one`,
    `more alone, ${sizes.oneTrips} round trips. Median over the ${sizes.freshRounds} burst(s). MB/s counts the`,
    "payload one way.",
    facts.pinned
      ? "The lone client runs with its load generator and the child serving it on one CPU (taskset): where the scheduler puts the two decides a ping-pong more than the server does."
      : "The lone client's load could not be put on one CPU (no taskset, or no single process held its connection): its round trip depends on where the scheduler puts the processes.",
    "",
  );
  table(
    [
      `${n} clients x ${sizes.freshTrips} RT/s`,
      `${sizes.bulkClients} x 64 KiB x ${sizes.bulkTrips} MB/s`,
      "1 client RT p50 ms",
    ],
    (m) => [
      cell(m, c, (x) => x.freshManyRate, 0),
      cell(m, c, (x) => x.freshBulkRate, 0),
      cell(m, c, (x) => x.freshRtP50, 3),
    ],
  );

  lines.push(
    "## 3. Warm",
    "",
    `The last burst's clients after ${sizes.warmTrips} more round trips each: ${sizes.rounds} round(s) of`,
    "each load, servers in turns, each round after a tenth more untimed; the",
    `median round is shown (${n} clients x ${sizes.manyTrips} round trips a round). Memory:`,
    "private (USS) of each child holding a client, after its first round trips",
    "(phase 2) and after all the loads, in MB of 10⁶ bytes.",
    "",
  );
  const memory = (values: number[]) =>
    values.length === n ? fmt(mean(values)) : `n/a (${values.length} found)`;
  table(
    [
      "RT p50 ms",
      "RT p99 ms",
      "1 client RT/s",
      `${n} clients RT/s`,
      `${sizes.bulkClients} x 64 KiB MB/s`,
      "MB per child, fresh",
      "MB per child, after loads",
    ],
    (m) => [
      cell(m, c, (x) => x.rtP50, 3),
      cell(m, c, (x) => x.rtP99, 3),
      cell(m, c, (x) => x.oneRate, 0),
      cell(m, c, (x) => x.manyRate, 0),
      cell(m, c, (x) => x.bulkRate, 0),
      memory(m.childServed),
      memory(m.childLoaded),
    ],
  );

  const streamed = names.filter((name) => results.get(name)!.stream.length);
  lines.push(
    `## 4. ${sizes.streamBytes / MiB} MiB through one client`,
    "",
    "One client writes and reads at once, in 64 KiB pieces. Memory: resident",
    "memory (RSS) of the server process when the client came and at most, and",
    "the most any of the server's processes grew while the data went through.",
    `${sizes.streamRounds} round(s), servers in turns.`,
    names.includes(BOOK)
      ? `${BOOK} is left out: 30-byte reads take seconds a round.`
      : "",
    "",
  );
  table(
    [
      "MB/s",
      "each round MB/s",
      "server RSS start MiB",
      "server RSS peak MiB",
      "largest growth MiB",
    ],
    (m) => [
      cell(m, c, streamRate, 0),
      streamRate(m).map((r) => fmt(r, 0)).join(", "),
      fmt(m.stream[0].rssStart, 1),
      fmt(Math.max(...m.stream.map((s) => s.rssPeak)), 1),
      fmt(growth(m.stream), 1),
    ],
    streamed,
  );

  const echo = results.get(TCPIP)!;
  lines.push(
    `## 5. echo-storeserver, ${sizes.storeBytes / MiB} MiB through one client`,
    "",
    "`echo-storeserver --max-messages 0` copies every byte into a pipe to its",
    "store process too, which writes it to a file; `echo-server` beside it,",
    `${sizes.storeRounds} round(s) in turns.`,
    "",
  );
  table(
    ["MB/s", "vs echo-server", "each round MB/s", "largest growth MiB"],
    (m) => [
      fmt(median(storeRate(m)), 0),
      fmt(pairedRatio(storeRate(m), storeRate(echo))),
      storeRate(m).map((r) => fmt(r, 0)).join(", "),
      fmt(growth(m.store), 1),
    ],
    [STORE, TCPIP],
  );
  lines.push(
    `Store file: ${facts.store.size} B for ${facts.store.sent} B sent (${
      facts.store.size === facts.store.sent ? "equal" : "NOT equal"
    }).`,
    "",
  );

  const imports = facts.imports;
  lines.push(
    "## Memory of a serving child",
    "",
    `A \`tcpip echo-server\` child holds ${
      fmt(mean(echo.childServed))
    } MB of private memory after its first round trips`,
    `(${echo.childServed.length} children) and ${
      fmt(mean(echo.childLoaded))
    } MB after the loads; a forked C child ${
      fmt(mean(c?.childServed ?? []))
    } MB.`,
    imports
      ? `The examples import the server side plainly, so a serving child loads it too: a process that loads what a serving child loads holds ${
        fmt(imports.plain)
      } MB, one that loads only the child's own modules ${
        fmt(imports.lean)
      } MB, so the plain imports cost ${
        fmt(imports.plain - imports.lean)
      } MB a child (both started as children are, waiting on a read).`
      : "",
    "",
    ...targets(results, sizes, facts),
  );
  return lines.filter((line, i, all) => line !== "" || all[i - 1] !== "")
    .join("\n");
}

// -------------------------------------------------------------------- main

/** Options of {@linkcode bench}. */
export interface BenchOptions {
  /** A few seconds' worth instead of the full run. */
  quick: boolean;
  /** Build the C servers and load generator (when `cc` is present). */
  c: boolean;
  /** Measure the Python and Node peers (when they are installed). */
  peers: boolean;
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
    const cc = options.c ? await firstLine("cc", ["--version"]) : undefined;
    const loadgen = cc ? await buildLoadgen(dir) : undefined;
    const clients: MakeClients = loadgen
      ? (port) => new LoadgenClients(loadgen, port)
      : (port) => new DenoClients(port);
    const prefork = `${TCPIP} --prefork ${sizes.clients}`;
    const launches: Launch[] = [
      tcpip(TCPIP, "echo-server"),
      tcpip(prefork, "echo-server", ["--prefork", String(sizes.clients)]),
    ];
    if (cc) {
      launches.push(plain(C64, await buildC(dir, BULK)));
      launches.push(plain(BOOK, await buildC(dir, SMALL)));
    }
    const python = options.peers
      ? await firstLine("python3", ["--version"])
      : undefined;
    const node = options.peers
      ? await firstLine("node", ["--version"])
      : undefined;
    if (python) {
      launches.push(plain(PYTHON, "python3", [`${PEERS}echo_fork.py`]));
    }
    if (node) launches.push(plain(NODE, "node", [`${PEERS}echo_handle.mjs`]));
    for (const launch of launches) servers.push(await start(launch, clients));
    const names = servers.map((s) => s.name);
    const results: Results = new Map(
      [...names, STORE].map((name) => [name, emptyMeasured()]),
    );

    await phaseIdle(servers, results, sizes);
    let pinned = await phaseFresh(servers, results, sizes);
    pinned = await phaseWarm(servers, results, sizes) && pinned;
    const streamed = servers.filter((s) =>
      s.name !== BOOK && s.name !== prefork
    );
    await phaseStream(
      streamed,
      results,
      sizes.streamBytes,
      sizes.streamRounds,
      "stream",
    );

    const storeFile = `${dir}/echomsg.txt`;
    store = await start(
      tcpip(STORE, "echo-storeserver", [
        "--max-messages",
        "0",
        "--out",
        storeFile,
      ]),
      clients,
    );
    const sent = await phaseStream(
      [store, servers[0]],
      results,
      sizes.storeBytes,
      sizes.storeRounds,
      "store",
    );
    const size = await fileReaches(storeFile, sent);
    const imports = options.quick ? undefined : await importsCost(dir);

    const runtimes = [
      `Deno ${Deno.version.deno}`,
      ...cc ? [`the C programs built with ${cc} -O2`] : [],
      ...python ? [python] : [],
      ...node ? [`Node ${node}`] : [],
    ];
    const header = [
      `Run on ${Deno.build.target}, ${navigator.hardwareConcurrency} cores; ${
        runtimes.join(", ")
      }${
        options.quick
          ? "; quick mode (small loads: only the layout counts)"
          : ""
      }.`,
      loadgen
        ? "The clients are `tools/loadgen.c`, one process per server, a thread per client, blocking calls with TCP_NODELAY."
        : `The clients are the bench's own Deno process (${
          options.c ? "no cc here" : "--no-c"
        }): it shares the cores with the servers and takes longer per round trip than a C server, so it caps every figure and squeezes the ratios toward 1.`,
      ...cc ? [] : [
        "No C server (no cc, or --no-c): no ratio is given.",
      ],
      ...options.peers && (!python || !node)
        ? [
          `Not installed, so not measured: ${
            [python ? "" : "python3", node ? "" : "node"].filter(Boolean).join(
              ", ",
            )
          }.`,
        ]
        : [],
      "Every server is a process of its own; all run on the same machine, in",
      `the same run, measured in turns${await commit()}.`,
      `Load average (1 min) at the start and the end: ${loadStart}, ${loadAverage()}.`,
    ];
    return report(names, results, sizes, {
      header,
      store: { sent, size },
      pinned,
      prefork,
      imports,
    });
  } finally {
    await Promise.all([...servers, ...store ? [store] : []].map(stop));
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const args = parseArgs(Deno.args, {
    boolean: ["quick", "no-c", "no-peers"],
    string: ["out"],
  });
  const markdown = await bench({
    quick: args.quick === true,
    c: args["no-c"] !== true,
    peers: args["no-peers"] !== true,
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
