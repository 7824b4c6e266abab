/**
 * The network side of a check: the clients the tool opens against a
 * learner's server, the server it runs for a learner's client, and what
 * the OS says about their sockets: who listens on a port, and which
 * processes' descriptor tables hold the server's end of a connection
 * (Linux: `/proc/net/tcp{,6}` ties the connection to an inode, and
 * `/proc/<pid>/fd` to the processes; macOS: `lsof`).
 *
 * @module
 */

import { fdTable, socketName, TCP_LISTEN, tcpSockets } from "./procfs.ts";

/** An error of a write to a peer that has closed or reset the connection. */
function peerGone(error: unknown): boolean {
  return error instanceof Deno.errors.BrokenPipe ||
    error instanceof Deno.errors.ConnectionReset ||
    error instanceof Deno.errors.NotConnected;
}

/** A loopback port free on every address now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Bytes that came, with when. */
export interface Arrival {
  /** When, ms since the program started. */
  t: number;
  /** The bytes. */
  bytes: Uint8Array;
}

/** Reads a connection to its end, keeping every chunk with its time. */
export class Inbox {
  /** Every chunk read, with when it came. */
  readonly arrivals: Arrival[] = [];
  /** When end of file came, or null. */
  eof: number | null = null;
  /** Set when the connection was reset instead. */
  reset = false;
  /** Resolves once the connection has ended. */
  readonly done: Promise<void>;

  /** Reads `conn`; `now` gives the times, `notify` is called on each event. */
  constructor(conn: Deno.TcpConn, now: () => number, notify: () => void) {
    this.done = (async () => {
      const buf = new Uint8Array(65536);
      try {
        while (true) {
          const n = await conn.read(buf);
          if (n === null) break;
          this.arrivals.push({ t: now(), bytes: buf.slice(0, n) });
          notify();
        }
        this.eof = now();
      } catch {
        this.reset = true;
        this.eof = now();
      }
      notify();
    })();
  }

  /** Every byte so far. */
  bytes(from = 0): Uint8Array {
    const all = this.arrivals.flatMap((a) => [...a.bytes]);
    return new Uint8Array(all.slice(from));
  }

  /** How many bytes so far. */
  get length(): number {
    return this.arrivals.reduce((n, a) => n + a.bytes.length, 0);
  }
}

/** One of the tool's clients of a learner's server. */
export class Client {
  /** Its name in the scenario. */
  readonly name: string;
  /** Its own port: the server's end of the connection has it as the remote port. */
  readonly localPort: number;
  readonly #conn: Deno.TcpConn;
  /** What the server sent it. */
  readonly inbox: Inbox;
  #closed = false;
  /** The bytes it sent. */
  sent = 0;

  private constructor(
    name: string,
    conn: Deno.TcpConn,
    now: () => number,
    notify: () => void,
  ) {
    this.name = name;
    this.#conn = conn;
    this.localPort = (conn.localAddr as Deno.NetAddr).port;
    this.inbox = new Inbox(conn, now, notify);
  }

  /**
   * Connects to loopback `port`, giving up after `limitMs`: a server that
   * never calls accept() lets its queue fill, and a connect() past it
   * waits for minutes.
   */
  static async connect(
    name: string,
    port: number,
    now: () => number,
    notify: () => void,
    limitMs: number,
  ): Promise<Client> {
    const abort = new AbortController();
    const connecting = Deno.connect({
      hostname: "127.0.0.1",
      port,
      signal: abort.signal,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), limitMs);
    });
    const conn = await Promise.race([connecting, late]).finally(() =>
      clearTimeout(timer)
    );
    if (conn === null) {
      abort.abort();
      await connecting.then((c) => c.close(), () => {});
      throw new Error(
        `no connection within ${
          Math.round(limitMs / 100) / 10
        } s (on loopback, what a listening socket whose queue of connections not yet accept()ed is full does)`,
      );
    }
    return new Client(name, conn, now, notify);
  }

  /**
   * Sends every byte of `text`, as far as the connection lets: a server
   * that closed it (or reset it) stops the rest, which the steps see as
   * nothing echoed and the connection closed.
   */
  async send(text: string | Uint8Array): Promise<void> {
    const bytes = typeof text === "string"
      ? new TextEncoder().encode(text)
      : text;
    let done = 0;
    try {
      while (done < bytes.length) {
        done += await this.#conn.write(bytes.subarray(done));
      }
    } catch (error) {
      if (!peerGone(error)) throw error;
    }
    this.sent += done;
  }

  /** shutdown(SHUT_WR): FIN, reading goes on. */
  async halfClose(): Promise<void> {
    await this.#conn.closeWrite().catch(() => {});
  }

  /** close(). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch {
      // closed by the peer's reset
    }
  }

  /** Closes and waits for its reader. */
  async end(): Promise<void> {
    this.close();
    await this.inbox.done;
  }
}

/** The tool's server for a learner's client: one connection. */
export class TestServer {
  /** Its loopback port. */
  readonly port: number;
  #listener: Deno.TcpListener;
  #conn: Deno.TcpConn | null = null;
  /** What the client sent, once connected. */
  inbox: Inbox | null = null;
  /** When the client connected. */
  acceptedAt: number | null = null;
  /** The client's port. */
  clientPort: number | null = null;
  /** Every byte the server sent. */
  readonly sent: number[] = [];
  #accepting: Promise<void>;

  /** Listens on a free loopback port; `now` gives times, `notify` is called on events. */
  constructor(now: () => number, notify: () => void) {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.#listener = listener;
    this.port = (listener.addr as Deno.NetAddr).port;
    this.#accepting = (async () => {
      try {
        const conn = await listener.accept();
        this.#conn = conn;
        this.acceptedAt = now();
        this.clientPort = (conn.remoteAddr as Deno.NetAddr).port;
        this.inbox = new Inbox(conn, now, notify);
        notify();
      } catch {
        // stopped before a client came
      }
    })();
  }

  /** Whether a client is connected. */
  get connected(): boolean {
    return this.#conn !== null;
  }

  /** Sends `text` to the client, as far as the connection lets. */
  async send(text: string): Promise<void> {
    if (!this.#conn) return;
    const bytes = new TextEncoder().encode(text);
    let done = 0;
    try {
      while (done < bytes.length) {
        done += await this.#conn.write(bytes.subarray(done));
      }
    } catch (error) {
      if (!peerGone(error)) throw error;
    }
    this.sent.push(...bytes.subarray(0, done));
  }

  /** close(): the client reads end of file. */
  close(): void {
    try {
      this.#conn?.close();
    } catch {
      // closed
    }
  }

  /** Stops listening, closes the connection, waits for the readers. */
  async stop(): Promise<void> {
    try {
      this.#listener.close();
    } catch {
      // closed
    }
    await this.#accepting;
    this.close();
    await this.inbox?.done;
  }
}

/**
 * The processes listening on TCP `port` (macOS: `lsof`, which shows no
 * inodes; Linux uses {@linkcode listeningInodes}).
 */
export function listeningPids(port: number): number[] {
  try {
    const out = new Deno.Command("lsof", {
      args: ["-nP", `-iTCP:${port}`, "-sTCP:LISTEN", "-t"],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    return new TextDecoder().decode(out.stdout).split("\n")
      .filter((line) => /^\d+$/.test(line.trim())).map(Number);
  } catch {
    return [];
  }
}

/** The socket inodes listening on `port` (any address), Linux. */
export function listeningInodes(port: number): number[] {
  return tcpSockets()
    .filter((s) => s.state === TCP_LISTEN && s.localPort === port)
    .map((s) => s.inode);
}

/** The listening sockets these processes hold, on any port (Linux). */
export function listeningHeld(
  pids: readonly number[],
): { port: number; inode: number; pid: number; fd: number }[] {
  const out: { port: number; inode: number; pid: number; fd: number }[] = [];
  for (const s of tcpSockets()) {
    if (s.state !== TCP_LISTEN || s.inode === 0) continue;
    const held = holders(pids, s.inode)[0];
    if (held) out.push({ port: s.localPort, inode: s.inode, ...held });
  }
  return out;
}

/** The inode of the server's end of the connection from `clientPort` to `serverPort`. */
export function serverEnd(
  serverPort: number,
  clientPort: number,
): number | null {
  const found = tcpSockets().find((s) =>
    s.localPort === serverPort && s.remotePort === clientPort && s.inode !== 0
  );
  return found?.inode ?? null;
}

/** The inode of the client's end of the connection from `clientPort` to `serverPort`. */
export function clientEnd(
  serverPort: number,
  clientPort: number,
): number | null {
  const found = tcpSockets().find((s) =>
    s.localPort === clientPort && s.remotePort === serverPort && s.inode !== 0
  );
  return found?.inode ?? null;
}

/** Which of `pids` hold socket `inode`, with the descriptor number in each. */
export function holders(
  pids: readonly number[],
  inode: number,
): { pid: number; fd: number }[] {
  const name = socketName(inode);
  const out: { pid: number; fd: number }[] = [];
  for (const pid of pids) {
    for (const [fd, target] of fdTable(pid)) {
      if (target === name) out.push({ pid, fd });
    }
  }
  return out;
}

/** How many sockets `pid`'s descriptor table holds. */
export function socketCount(pid: number): number {
  return [...fdTable(pid).values()].filter((t) => t.startsWith("socket:"))
    .length;
}
