/**
 * The bench's clients of one server, behind one interface: the C load
 * generator (`tools/loadgen.c`, a process of its own whose threads make
 * blocking calls with TCP_NODELAY), or, where no C compiler is found, the
 * bench's own Deno process. The Deno clients share the two cores with the
 * servers and spend more time per round trip than a C server does, so they
 * cap every server's figure and squeeze the ratios toward 1: the report
 * says which clients it used.
 *
 * @module
 */

/** Round trips of several clients at once. */
export interface Trips {
  /** From the start (all clients together) until the last one is done. */
  seconds: number;
  /** Round trip time over every client's round trips, ms. */
  p50: number;
  p99: number;
}

/** The clients of one server; connections are kept by index until `close()`. */
export interface Clients {
  /** The process whose threads are the clients (pinned for the lone client). */
  readonly pid: number;
  /**
   * `n` clients connect at once; each sends 30 B and waits for the echo.
   * Resolves to the index of the first and each one's first echo, ms.
   */
  open(n: number): Promise<{ from: number; first: number[] }>;
  /** Clients `from`..`from + n - 1` each make `trips` round trips of `size` bytes. */
  trips(from: number, n: number, size: number, trips: number): Promise<Trips>;
  /** `bytes` through client `at`, written and read at once; the seconds it took. */
  stream(at: number, bytes: number): Promise<number>;
  /** The local port of client `at` (which child serves it is found by it). */
  localPort(at: number): Promise<number>;
  /** Closes every kept connection. */
  close(): Promise<void>;
  /** Closes everything and ends the clients' process, if any. */
  end(): Promise<void>;
}

const SMALL = 30;
const PIECE = 64 * 1024;

/** 'a' to 'z' over and over, as `loadgen.c` sends. */
function payload(size: number): Uint8Array {
  return new Uint8Array(size).map((_, i) => 97 + i % 26);
}

/** Nearest-rank percentile, as `loadgen.c` computes it. */
function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))
  ];
}

/**
 * Compiles the C `source` into `binary` with the system's `cc` and `flags`;
 * throws with cc's own words when it fails, NotFound when there is no `cc`.
 */
export async function compileC(
  source: string,
  binary: string,
  flags: readonly string[] = [],
): Promise<string> {
  const out = await new Deno.Command("cc", {
    args: ["-O2", ...flags, "-o", binary, source],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`cc failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return binary;
}

/**
 * Builds `tools/loadgen.c` into `dir` with the system's `cc`; the binary's
 * path, or undefined when there is no `cc`.
 */
export async function buildLoadgen(dir: string): Promise<string | undefined> {
  const source = new URL("./loadgen.c", import.meta.url).pathname;
  try {
    return await compileC(source, `${dir}/loadgen`, ["-pthread"]);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** The C load generator for the server on `port`. */
export class LoadgenClients implements Clients {
  #process: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #lines: ReadableStreamDefaultReader<string>;
  #buffered = "";
  #ports: number[] = [];

  constructor(binary: string, port: number) {
    this.#process = new Deno.Command(binary, {
      args: [String(port)],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#writer = this.#process.stdin.getWriter();
    this.#lines = this.#process.stdout.pipeThrough(new TextDecoderStream())
      .getReader();
  }

  get pid(): number {
    return this.#process.pid;
  }

  /** Sends one command and reads its one line of JSON. */
  async #ask(command: string): Promise<Record<string, unknown>> {
    await this.#writer.write(new TextEncoder().encode(`${command}\n`));
    while (!this.#buffered.includes("\n")) {
      const { value, done } = await this.#lines.read();
      if (done) throw new Error(`loadgen ended at '${command}'`);
      this.#buffered += value;
    }
    const at = this.#buffered.indexOf("\n");
    const answer = JSON.parse(this.#buffered.slice(0, at));
    this.#buffered = this.#buffered.slice(at + 1);
    if (typeof answer.error === "string") {
      throw new Error(`loadgen: ${answer.error} (at '${command}')`);
    }
    return answer;
  }

  async open(n: number): Promise<{ from: number; first: number[] }> {
    const answer = await this.#ask(`open ${n}`);
    this.#ports.push(...answer.ports as number[]);
    return { from: answer.from as number, first: answer.first as number[] };
  }

  async trips(
    from: number,
    n: number,
    size: number,
    trips: number,
  ): Promise<Trips> {
    return await this.#ask(
      `trips ${from} ${n} ${size} ${trips}`,
    ) as unknown as Trips;
  }

  async stream(at: number, bytes: number): Promise<number> {
    return (await this.#ask(`stream ${at} ${bytes}`)).seconds as number;
  }

  localPort(at: number): Promise<number> {
    return Promise.resolve(this.#ports[at]);
  }

  async close(): Promise<void> {
    await this.#ask("close");
    this.#ports = [];
  }

  async end(): Promise<void> {
    try {
      await this.#writer.write(new TextEncoder().encode("quit\n"));
      await this.#writer.close();
    } catch {
      // it ended already
    }
    await this.#lines.cancel().catch(() => {});
    await this.#process.status;
  }
}

/** The clients as this Deno process: for machines without a C compiler. */
export class DenoClients implements Clients {
  #port: number;
  #conns: Deno.TcpConn[] = [];

  constructor(port: number) {
    this.#port = port;
  }

  get pid(): number {
    return Deno.pid;
  }

  async open(n: number): Promise<{ from: number; first: number[] }> {
    const from = this.#conns.length;
    const message = payload(SMALL);
    const arrivals = await Promise.all(
      Array.from({ length: n }, async () => {
        const echo = new Uint8Array(SMALL);
        const t0 = performance.now();
        const conn = await Deno.connect({
          hostname: "127.0.0.1",
          port: this.#port,
        });
        conn.setNoDelay(true);
        await writeAll(conn, message);
        await readExactly(conn, echo);
        const ms = performance.now() - t0;
        check(echo, message);
        return { conn, ms };
      }),
    );
    this.#conns.push(...arrivals.map((a) => a.conn));
    return { from, first: arrivals.map((a) => a.ms) };
  }

  async trips(
    from: number,
    n: number,
    size: number,
    trips: number,
  ): Promise<Trips> {
    const message = payload(size);
    const latencies: number[] = [];
    const client = async (conn: Deno.TcpConn) => {
      const echo = new Uint8Array(size);
      for (let i = 0; i < trips; i++) {
        const t = performance.now();
        await writeAll(conn, message);
        await readExactly(conn, echo);
        latencies.push(performance.now() - t);
        check(echo, message);
      }
    };
    const t0 = performance.now();
    await Promise.all(this.#conns.slice(from, from + n).map(client));
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  }

  async stream(at: number, bytes: number): Promise<number> {
    const conn = this.#conns[at];
    // The pattern repeats every 26 bytes: each piece starts where the last ended.
    const pattern = payload(PIECE + 26);
    const t0 = performance.now();
    await Promise.all([
      (async () => {
        for (let sent = 0; sent < bytes; sent += PIECE) {
          const n = Math.min(PIECE, bytes - sent);
          await writeAll(conn, pattern.subarray(sent % 26, sent % 26 + n));
        }
      })(),
      (async () => {
        const buf = new Uint8Array(4 * PIECE);
        for (let got = 0; got < bytes;) {
          const n = await conn.read(buf);
          if (n === null) throw new Error(`the server closed after ${got} B`);
          got += n;
        }
      })(),
    ]);
    return (performance.now() - t0) / 1000;
  }

  localPort(at: number): Promise<number> {
    return Promise.resolve((this.#conns[at].localAddr as Deno.NetAddr).port);
  }

  close(): Promise<void> {
    for (const conn of this.#conns.splice(0)) conn.close();
    return Promise.resolve();
  }

  end(): Promise<void> {
    return this.close();
  }
}

function check(echo: Uint8Array, message: Uint8Array): void {
  if (!echo.every((b, i) => b === message[i])) {
    throw new Error("the echo differs from what was sent");
  }
}

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
