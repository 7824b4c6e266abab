/**
 * The listening side of the echo servers: `socket()`/`bind()`/`listen()`
 * with the book's error messages, an accept loop that politely refuses
 * clients beyond `--max-clients`, one relayed session per client, and a
 * clean shutdown on SIGINT or SIGTERM.
 *
 * @module
 */

import { RuntimeError } from "../errors.ts";
import type { ChildProcess } from "../process/fork.ts";
import { note } from "../note.ts";
import { writeAll } from "../bytes.ts";
import type { ChildPool } from "./pool.ts";
import { relay, type RelayOptions } from "./relay.ts";
import { canCatch, signal } from "../signal/signal.ts";
import { trace } from "../trace/trace.ts";

/** Where and how to listen. */
export interface ServerConfig {
  /** The address to bind (127.0.0.1 unless `--host`). */
  host: string;
  /** The port to bind. */
  port: number;
  /** How many clients may be connected at once. */
  maxClients: number;
}

/** A listening server and the sessions it relays. */
export class Server {
  /** The listening socket. */
  readonly listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>;
  /** The configuration it was opened with. */
  readonly config: ServerConfig;
  #sessions = new Map<Deno.Conn, Promise<void>>();
  #stopping = false;

  private constructor(
    listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>,
    config: ServerConfig,
  ) {
    this.listener = listener;
    this.config = config;
  }

  /**
   * C's `socket()` + `bind()` + `listen()`. A failure becomes the book's
   * `bind() error`, naming the address, as a {@linkcode RuntimeError}. The
   * server stops accepting on SIGINT and SIGTERM, and says where it listens.
   *
   * @example The accept loop of `echo_mpserv.c`
   * ```ts ignore
   * const servSock = Server.open("echo-server", {
   *   host: "127.0.0.1",
   *   port: 9190,
   *   maxClients: 128,
   * }); // socket(); bind(); listen();
   * for await (const clntSock of servSock.clients()) { // accept()
   *   console.log("new client connected...");
   *   void servSock.serve(clntSock, pool.take()); // fork()
   * }
   * await servSock.shutdown(pool);
   * ```
   */
  static open(name: string, config: ServerConfig): Server {
    let server: Server;
    try {
      server = new Server(
        Deno.listen({ hostname: config.host, port: config.port }),
        config,
      );
    } catch (error) {
      throw new RuntimeError(
        `bind() error: ${describeBindError(error, config)}`,
      );
    }
    server.stopOnSignals();
    note({
      en:
        `${name} listening on ${server.address}: one child process per client`,
      ko:
        `${name}가 ${server.address}에서 기다린다: 클라이언트마다 자식 프로세스 하나`,
    });
    return server;
  }

  /** `127.0.0.1:9190`. */
  get address(): string {
    return `${this.listener.addr.hostname}:${this.listener.addr.port}`;
  }

  /**
   * C's `accept()` in a loop: yields each new client. A client beyond
   * `maxClients` is told so and closed instead. Ends when the server stops.
   */
  async *clients(): AsyncGenerator<Deno.TcpConn> {
    while (!this.#stopping) {
      let conn: Deno.TcpConn;
      try {
        conn = await this.listener.accept();
      } catch (error) {
        if (this.#stopping || error instanceof Deno.errors.BadResource) return;
        continue; // C: if (clnt_sock == -1) continue;
      }
      const peer = conn.remoteAddr as Deno.NetAddr;
      trace("accept", `${peer.hostname}:${peer.port}`);
      if (this.#sessions.size >= this.config.maxClients) {
        await this.#refuse(conn);
        continue;
      }
      conn.setNoDelay(true);
      yield conn;
    }
  }

  /** Relays `conn` to `child` until the session ends; tracked for shutdown. */
  serve(
    conn: Deno.Conn,
    child: ChildProcess,
    options?: RelayOptions,
  ): Promise<void> {
    const session = relay(conn, child, options).finally(() => {
      this.#sessions.delete(conn);
      trace("disconnect", `session of ${child.pid}`);
    });
    this.#sessions.set(conn, session);
    return session;
  }

  /** Stops on SIGINT and SIGTERM (where the platform has them). */
  private stopOnSignals(): void {
    const stop = (sig: Deno.Signal) => {
      note({ en: `${sig}: shutting down`, ko: `${sig}: 서버를 종료한다` });
      this.stop();
    };
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      if (canCatch(sig)) signal(sig, stop);
    }
  }

  /** True once the server has begun to stop. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Stops accepting: the {@linkcode clients} loop ends. */
  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    try {
      this.listener.close();
    } catch {
      // already closed
    }
  }

  /**
   * Ends every session: each client's socket is closed, so its child reads
   * end of file and ends; then the pool's waiting children end. Resolves
   * when all sessions are over.
   */
  async shutdown(pool?: ChildPool): Promise<void> {
    this.stop();
    for (const conn of this.#sessions.keys()) {
      try {
        conn.close();
      } catch {
        // already closed by its session
      }
    }
    await Promise.all(this.#sessions.values());
    await pool?.close();
  }

  async #refuse(conn: Deno.Conn): Promise<void> {
    const max = this.config.maxClients;
    note({
      en:
        `refused a client: ${max} clients are connected (--max-clients ${max})`,
      ko: `클라이언트를 거절함: 이미 ${max}개가 연결됨 (--max-clients ${max})`,
    });
    const message =
      `server busy: ${max} clients are connected already; try again later\n`;
    await writeAll(conn, new TextEncoder().encode(message)).catch(() => {});
    conn.close();
  }
}

function describeBindError(error: unknown, config: ServerConfig): string {
  const address = `${config.host}:${config.port}`;
  if (error instanceof Deno.errors.AddrInUse) {
    return `${address} is already in use`;
  }
  if (error instanceof Deno.errors.PermissionDenied) {
    return `permission denied for ${address}`;
  }
  if (error instanceof Deno.errors.AddrNotAvailable) {
    return `${config.host} is not an address of this machine`;
  }
  return `${(error as Error).message} (${address})`;
}
