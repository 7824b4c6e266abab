/**
 * The listening side of the echo servers: `socket()`/`bind()`/`listen()`
 * with the book's error messages (`Deno.listen`), an `accept()` loop that
 * politely refuses clients beyond `--max-clients`, the hand-over of each
 * client's socket to the child that serves it, and a clean shutdown on
 * SIGINT or SIGTERM.
 *
 * On Linux and macOS the parent accepts on the listening socket's own
 * descriptor, so each client is a plain descriptor (`clnt_sock`) that it
 * sends to the child and then closes, as the book's parent does. On
 * Windows the parent accepts with Deno and relays the child's bytes
 * (`relay.ts`): that path is separate, below, and says so when it starts.
 *
 * @module
 */

import { writeAll } from "../bytes.ts";
import { RuntimeError } from "../errors.ts";
import * as libc from "../ipc/libc.ts";
import type { PipeWriter } from "../ipc/pipe.ts";
import { note } from "../note.ts";
import { isWindows } from "../platform.ts";
import type { ChildProcess } from "../process/child.ts";
import type { ForkOptions } from "../process/fork.ts";
import { canCatch, signal } from "../signal/signal.ts";
import type { Text } from "../text.ts";
import { trace } from "../trace/trace.ts";
import { canHandOff, Handoff } from "./handoff.ts";
import { ChildPool } from "./pool.ts";
import { relay } from "./relay.ts";

/** Where and how to listen. */
export interface ServerConfig {
  /** The address to bind (127.0.0.1 unless `--host`). */
  host: string;
  /** The port to bind. */
  port: number;
  /** How many clients may be served at once. */
  maxClients: number;
}

/** An accepted client, as the parent holds it until a child takes it. */
export interface ClientSocket {
  /** `ip:port` of the client. */
  readonly peer: string;
  /**
   * Gives the socket to `child`, which serves the client from now on, and
   * closes the parent's copy: C's child inherits `clnt_sock` from `fork()`,
   * then the parent calls `close(clnt_sock)`. (Windows: the parent relays.)
   */
  handTo(child: ChildProcess, options?: { copyTo?: PipeWriter }): Promise<void>;
  /** C's `close(clnt_sock)` without a child: the client sees end of file. */
  close(): void;
}

/** A listening server. */
export class Server {
  /** The listening socket (Deno's). */
  readonly listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>;
  /** The configuration it was opened with. */
  readonly config: ServerConfig;
  #handoff?: Handoff;
  #listenFd = -1;
  #wake: [number, number] | null = null;
  #serving = new Set<ChildProcess>();
  #relays = new Map<Deno.Conn, Promise<void>>();
  #stopping = false;
  #fullNoted = false;

  private constructor(
    listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>,
    config: ServerConfig,
  ) {
    this.listener = listener;
    this.config = config;
    if (canHandOff) {
      const fd = libc.findSocketFd(listener.addr);
      if (fd === null) {
        throw new Error("the listening socket has no descriptor");
      }
      this.#listenFd = fd;
      this.#wake = libc.pipe();
      this.#handoff = Handoff.open();
    }
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
   * const pool = servSock.forkAhead(4, (options) =>
   *   children.fork("echo", null, options));
   * for await (const clntSock of servSock.accept()) { // accept()
   *   const child = pool.take(); // fork()
   *   if (!child) {
   *     clntSock.close();
   *     continue;
   *   }
   *   await clntSock.handTo(child); // the child has it; close(clnt_sock)
   * }
   * await servSock.shutdown(pool);
   * ```
   */
  static open(name: string, config: ServerConfig): Server {
    let listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>;
    try {
      listener = Deno.listen({ hostname: config.host, port: config.port });
    } catch (error) {
      const why = describeBindError(error, config);
      throw new RuntimeError({
        en: `bind() error: ${why.en}`,
        ko: `bind() error: ${why.ko}`,
      });
    }
    const server = new Server(listener, config);
    server.#stopOnSignals();
    note(
      canHandOff
        ? {
          en:
            `${name} listening on ${server.address}: one child process per client, which gets\n` +
            "the client's socket from the parent (SCM_RIGHTS) and reads and writes it itself",
          ko:
            `${name}가 ${server.address}에서 기다린다: 클라이언트마다 자식 프로세스 하나가\n` +
            "부모에게서 클라이언트 소켓을 넘겨받아(SCM_RIGHTS) 직접 읽고 쓴다",
        }
        : {
          en:
            `${name} listening on ${server.address}: one child process per client.\n` +
            "Windows cannot hand a socket to another process the way fork() does, so this\n" +
            "parent relays each client's bytes to its child's stdin and back from its stderr.",
          ko:
            `${name}가 ${server.address}에서 기다린다: 클라이언트마다 자식 프로세스 하나.\n` +
            "Windows에서는 fork()처럼 소켓을 다른 프로세스에 넘길 수 없어서, 부모가 클라이언트의\n" +
            "바이트를 자식의 stdin으로 보내고 stderr에서 받아 중계한다.",
        },
    );
    return server;
  }

  /** The listening socket's descriptor, `serv_sock` (Linux, macOS). */
  get fd(): number {
    if (this.#listenFd < 0) {
      throw new Error("no descriptor for the listener here");
    }
    return this.#listenFd;
  }

  /** `127.0.0.1:9190`. */
  get address(): string {
    return `${this.listener.addr.hostname}:${this.listener.addr.port}`;
  }

  /**
   * Children started ahead for this server's clients: `start` forks one
   * with the options it is given (on Windows, the pipes of the relay).
   */
  forkAhead(
    size: number,
    start: (options: ForkOptions) => ChildProcess,
  ): ChildPool {
    const options: ForkOptions = isWindows
      ? { adopt: false, toChild: "clnt_sock", toParent: "clnt_sock" }
      : { adopt: false };
    return new ChildPool(size, () => start(options));
  }

  /**
   * C's `accept()` in a loop: yields each new client. A client beyond
   * `maxClients` is told so and closed instead. Ends when the server stops.
   */
  accept(): AsyncGenerator<ClientSocket> {
    return canHandOff ? this.#acceptFds() : this.#acceptConns();
  }

  async *#acceptFds(): AsyncGenerator<ClientSocket> {
    while (!this.#stopping) {
      const state = await libc.waitReadable(
        this.#listenFd,
        undefined,
        this.#wake![0],
      );
      if (state === "cancelled" || this.#stopping) return;
      let fd: number;
      try {
        fd = libc.accept(this.#listenFd); // clnt_sock = accept(serv_sock, ...)
      } catch (error) {
        if (await this.#acceptFailed(error)) continue; // if (clnt_sock == -1) continue;
        throw error;
      }
      const peer = libc.getpeername(fd);
      const client = new FdClient(
        fd,
        peer ? `${peer.hostname}:${peer.port}` : "?",
        this,
      );
      trace("accept", client.peer, { n: fd });
      if (this.#serving.size >= this.config.maxClients) {
        this.#refuse((text) => libc.writeAll(fd, text));
        client.close();
        continue;
      }
      yield client;
    }
  }

  /**
   * accept() failed. EAGAIN and friends: try again. EMFILE/ENFILE: this
   * process (or the system) has no descriptor left; say so once and wait for
   * a child to end, which frees one, instead of spinning on the pending
   * client. Resolves to false for errors that end the server.
   */
  async #acceptFailed(error: unknown): Promise<boolean> {
    if (!(error instanceof libc.OsError)) return false;
    if (
      ["EAGAIN", "EWOULDBLOCK", "EINTR", "ECONNABORTED"].includes(error.code)
    ) {
      return true;
    }
    if (error.code === "EMFILE" || error.code === "ENFILE") {
      if (!this.#fullNoted) {
        this.#fullNoted = true;
        note({
          en:
            `accept() error: ${error.code} (no descriptor left); waiting for a client to leave`,
          ko:
            `accept() 오류: ${error.code} (남은 디스크립터가 없음). 클라이언트가 떠나기를 기다린다`,
        });
      }
      await Promise.race([
        ...[...this.#serving].map((child) => child.status),
        new Promise((resolve) => setTimeout(resolve, 100)),
      ]);
      return true;
    }
    return false;
  }

  /** Sends `fd` to `child` and closes the parent's copy. */
  async give(fd: number, child: ChildProcess): Promise<void> {
    this.#serving.add(child);
    void child.status.then(() => this.#serving.delete(child));
    try {
      await this.#handoff!.give(fd, child);
    } finally {
      libc.close(fd); // close(clnt_sock); in the parent
      trace("close", `clnt_sock (fd ${fd})`);
    }
  }

  async *#acceptConns(): AsyncGenerator<ClientSocket> {
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
      if (this.#relays.size >= this.config.maxClients) {
        this.#refuse((text) => void writeAll(conn, text).catch(() => {}));
        conn.close();
        continue;
      }
      conn.setNoDelay(true);
      yield new RelayedClient(conn, this);
    }
  }

  /** Windows: relays `conn` to `child` until the session ends. */
  serve(
    conn: Deno.Conn,
    child: ChildProcess,
    options: { copyTo?: PipeWriter } = {},
  ): Promise<void> {
    const session = relay(conn, child, options).finally(() => {
      this.#relays.delete(conn);
      trace("disconnect", `session of ${child.pid}`);
    });
    this.#relays.set(conn, session);
    return session;
  }

  /** Stops on SIGINT and SIGTERM (where the platform has them). */
  #stopOnSignals(): void {
    const stop = (sig: Deno.Signal) => {
      note({ en: `${sig}: shutting down`, ko: `${sig}: 서버를 종료한다` });
      this.stop();
    };
    for (const sig of ["SIGINT", "SIGTERM"] as const) {
      if (canCatch(sig)) signal(sig, stop);
    }
  }

  /** The children serving a client now. */
  get serving(): ChildProcess[] {
    return [...this.#serving];
  }

  /** True once the server has begun to stop. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Stops accepting: the {@linkcode accept} loop ends. */
  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    if (this.#wake) libc.writeAll(this.#wake[1], new Uint8Array(1));
    else this.listener.close();
  }

  /**
   * Ends the clients still being served and the pool's waiting children.
   * In C, Ctrl+C ends the whole process group at once; here the children
   * that hold a client get SIGTERM, so the kernel closes their sockets (and
   * the relays end on Windows). Resolves once they have ended.
   */
  async shutdown(pool?: ChildPool): Promise<void> {
    this.stop();
    if (this.#serving.size > 0) {
      note({
        en:
          `ending ${this.#serving.size} child(ren) still serving a client (SIGTERM)`,
        ko:
          `아직 클라이언트를 처리하는 자식 ${this.#serving.size}개를 종료한다 (SIGTERM)`,
      });
    }
    const serving = [...this.#serving];
    for (const child of serving) child.kill("SIGTERM");
    for (const conn of this.#relays.keys()) {
      try {
        conn.close();
      } catch {
        // already closed by its session
      }
    }
    await Promise.all([
      ...serving.map((child) => child.status),
      ...this.#relays.values(),
    ]);
    await pool?.close();
    await this.#handoff?.close();
    if (this.#wake) {
      libc.close(this.#wake[0]);
      libc.close(this.#wake[1]);
      this.#wake = null;
      this.listener.close();
    }
  }

  #refuse(send: (text: Uint8Array) => void): void {
    const max = this.config.maxClients;
    note({
      en:
        `refused a client: ${max} clients are connected (--max-clients ${max})`,
      ko: `클라이언트를 거절함: 이미 ${max}개가 연결됨 (--max-clients ${max})`,
    });
    const message =
      `server busy: ${max} clients are connected already; try again later\n`;
    try {
      send(new TextEncoder().encode(message));
    } catch {
      // the client left already
    }
  }
}

/** A client accepted on the listening socket's descriptor (Linux, macOS). */
class FdClient implements ClientSocket {
  readonly peer: string;
  #fd: number;
  #server: Server;

  constructor(fd: number, peer: string, server: Server) {
    this.#fd = fd;
    this.peer = peer;
    this.#server = server;
  }

  async handTo(child: ChildProcess): Promise<void> {
    try {
      await this.#server.give(this.#fd, child);
    } catch (error) {
      note({
        en: `could not hand the client ${this.peer} to ${child.pid}: ${
          (error as Error).message
        }; closed it`,
        ko: `클라이언트 ${this.peer}를 ${child.pid}에 넘기지 못해 닫았다: ${
          (error as Error).message
        }`,
      });
    }
  }

  close(): void {
    libc.close(this.#fd);
    trace("close", `clnt_sock (fd ${this.#fd})`);
  }
}

/** A client the parent keeps and relays to its child (Windows). */
class RelayedClient implements ClientSocket {
  readonly peer: string;
  #conn: Deno.TcpConn;
  #server: Server;

  constructor(conn: Deno.TcpConn, server: Server) {
    this.#conn = conn;
    const addr = conn.remoteAddr as Deno.NetAddr;
    this.peer = `${addr.hostname}:${addr.port}`;
    this.#server = server;
  }

  handTo(
    child: ChildProcess,
    options?: { copyTo?: PipeWriter },
  ): Promise<void> {
    void this.#server.serve(this.#conn, child, options);
    return Promise.resolve();
  }

  close(): void {
    this.#conn.close();
  }
}

function describeBindError(error: unknown, config: ServerConfig): Text {
  const address = `${config.host}:${config.port}`;
  if (error instanceof Deno.errors.AddrInUse) {
    return {
      en: `${address} is already in use`,
      ko: `${address}는 이미 사용 중이다`,
    };
  }
  if (error instanceof Deno.errors.PermissionDenied) {
    return {
      en: `permission denied for ${address}`,
      ko: `${address}에 대한 권한이 없다`,
    };
  }
  if (error instanceof Deno.errors.AddrNotAvailable) {
    return {
      en: `${config.host} is not an address of this machine`,
      ko: `${config.host}는 이 컴퓨터의 주소가 아니다`,
    };
  }
  const message = `${(error as Error).message} (${address})`;
  return { en: message, ko: message };
}
