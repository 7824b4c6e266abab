/**
 * The listening side of the echo servers: `socket()`/`bind()`/`listen()`
 * with the book's error messages (`Deno.listen`), an `accept()` loop that
 * politely refuses clients beyond `--max-clients`, the hand-over of each
 * client's socket to the child that serves it, and a clean shutdown on
 * SIGINT or SIGTERM.
 *
 * On Linux and macOS the parent listens with `Deno.listen` and accepts on
 * the listening socket's own descriptor, so each client is a plain
 * descriptor (`clnt_sock`) that it sends to the child (`SCM_RIGHTS`) and
 * then closes, as the book's parent does. Windows gives no way to reach the
 * socket behind a Deno listener, so there the parent makes its listening
 * socket with Winsock itself (`src/ipc/win32.ts`) and hands each client to
 * its child with `WSADuplicateSocketW()`; that path is separate, below.
 *
 * @module
 */

import { RuntimeError } from "../errors.ts";
import * as libc from "../ipc/libc.ts";
import { win32 } from "../ipc/windows.ts";
import { note } from "../note.ts";
import { isWindows } from "../platform.ts";
import type { ChildProcess } from "../process/child.ts";
import type { ForkOptions } from "../process/fork.ts";
import { canCatch, signal } from "../signal/signal.ts";
import type { Text } from "../text.ts";
import { trace } from "../trace/trace.ts";
import { Handoff } from "./handoff.ts";
import { ChildPool } from "./pool.ts";

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
   * then the parent calls `close(clnt_sock)`.
   */
  handTo(child: ChildProcess): Promise<void>;
  /** C's `close(clnt_sock)` without a child: the client sees end of file. */
  close(): void;
}

/** A listening server. */
export class Server {
  /** The configuration it was opened with. */
  readonly config: ServerConfig;
  /** Deno's listener (Linux, macOS); Windows listens with Winsock. */
  #listener?: Deno.Listener<Deno.TcpConn, Deno.NetAddr>;
  /** `serv_sock`: the listening socket's descriptor (Windows: SOCKET). */
  #listenFd: number;
  /** Where it listens. */
  #bound: { hostname: string; port: number };
  #handoff?: Handoff;
  #wake: [number, number] | null = null;
  #serving = new Set<ChildProcess>();
  #stopping = false;
  #fullNoted = false;

  private constructor(
    listening: Deno.Listener<Deno.TcpConn, Deno.NetAddr> | number,
    config: ServerConfig,
  ) {
    this.config = config;
    if (typeof listening === "number") { // Windows
      this.#listenFd = listening;
      this.#bound = win32.getsockname(listening);
      return;
    }
    this.#listener = listening;
    this.#bound = listening.addr;
    const fd = libc.findSocketFd(listening.addr);
    if (fd === null) {
      throw new Error("the listening socket has no descriptor");
    }
    this.#listenFd = fd;
    this.#wake = libc.pipe();
    this.#handoff = Handoff.open();
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
    let listening: Deno.Listener<Deno.TcpConn, Deno.NetAddr> | number;
    try {
      listening = isWindows
        ? win32.listenTcp(config.host, config.port)
        : Deno.listen({ hostname: config.host, port: config.port });
    } catch (error) {
      const why = describeBindError(error, config);
      throw new RuntimeError({
        en: `bind() error: ${why.en}`,
        ko: `bind() error: ${why.ko}`,
      });
    }
    let server: Server;
    try {
      server = new Server(listening, config);
    } catch (error) {
      if (typeof listening === "number") win32.closesocket(listening);
      else listening.close();
      throw error;
    }
    server.#stopOnSignals();
    note(
      isWindows
        ? {
          en:
            `${name} listening on ${server.address}: one child process per client, which gets\n` +
            "the client's socket from the parent (WSADuplicateSocketW, Windows' way to share\n" +
            "a socket with another process) and reads and writes it itself",
          ko:
            `${name}가 ${server.address}에서 기다린다: 클라이언트마다 자식 프로세스 하나가\n` +
            "부모에게서 클라이언트 소켓을 넘겨받아(WSADuplicateSocketW: 소켓을 다른 프로세스와\n" +
            "나누는 Windows의 방법) 직접 읽고 쓴다",
        }
        : {
          en:
            `${name} listening on ${server.address}: one child process per client, which gets\n` +
            "the client's socket from the parent (SCM_RIGHTS) and reads and writes it itself",
          ko:
            `${name}가 ${server.address}에서 기다린다: 클라이언트마다 자식 프로세스 하나가\n` +
            "부모에게서 클라이언트 소켓을 넘겨받아(SCM_RIGHTS) 직접 읽고 쓴다",
        },
    );
    return server;
  }

  /** The listening socket's descriptor, `serv_sock` (Windows: its SOCKET). */
  get fd(): number {
    return this.#listenFd;
  }

  /** `127.0.0.1:9190`. */
  get address(): string {
    return `${this.#bound.hostname}:${this.#bound.port}`;
  }

  /**
   * Children started ahead for this server's clients: `start` forks one
   * with the options it is given (on Windows, the pipe on which the
   * child's socket comes).
   */
  forkAhead(
    size: number,
    start: (options: ForkOptions) => ChildProcess,
  ): ChildPool {
    const options: ForkOptions = isWindows
      ? { adopt: false, toChild: "clnt_sock" }
      : { adopt: false };
    return new ChildPool(size, () => start(options));
  }

  /**
   * C's `accept()` in a loop: yields each new client. A client beyond
   * `maxClients` is told so and closed instead. Ends when the server stops.
   */
  accept(): AsyncGenerator<ClientSocket> {
    return isWindows ? this.#acceptSockets() : this.#acceptFds();
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
      const client = new FdClient(fd, addressText(libc.getpeername(fd)), this);
      if (this.#admit(client, fd, (text) => libc.writeAll(fd, text))) {
        yield client;
      }
    }
  }

  /**
   * Records the accepted `client` (descriptor `n`); true if it may be
   * served. A client beyond `--max-clients` is told so with `send` and
   * closed.
   */
  #admit(
    client: ClientSocket,
    n: number,
    send: (text: Uint8Array) => void,
  ): boolean {
    trace("accept", client.peer, { n });
    if (this.#serving.size < this.config.maxClients) return true;
    this.#refuse(send);
    client.close();
    return false;
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
      await this.#someoneLeaves();
      return true;
    }
    return false;
  }

  /** Waits until a child ends (which frees a descriptor), 100 ms at most. */
  async #someoneLeaves(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      ...[...this.#serving].map((child) => child.status),
      new Promise((resolve) => timer = setTimeout(resolve, 100)),
    ]);
    clearTimeout(timer);
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

  /**
   * Windows: accept() on the Winsock listening socket (its wait on a worker
   * thread). A failure while the server runs (no handle left, say) is told
   * once and waits for a child to end, as EMFILE does elsewhere.
   */
  async *#acceptSockets(): AsyncGenerator<ClientSocket> {
    try {
      while (!this.#stopping) {
        let sock: number;
        try {
          const pending = win32.accept(this.#listenFd, this.#stopAccept.signal); // clnt_sock = accept(serv_sock, ...)
          this.#pendingAccept = pending.then(() => {}, () => {});
          const accepted = await pending;
          if (accepted === null) return; // stopped
          sock = accepted;
        } catch (error) {
          if (this.#stopping) return;
          if (!this.#fullNoted) {
            this.#fullNoted = true;
            const why = (error as Error).message;
            note({
              en: `${why}; trying again as clients leave`,
              ko: `${why}. 클라이언트가 떠나면 다시 시도한다`,
            });
          }
          await this.#someoneLeaves();
          continue;
        }
        if (this.#stopping) { // a client that came with the stop
          win32.closesocket(sock);
          return;
        }
        const peer = addressText(win32.getpeername(sock));
        const client = new SocketClient(sock, peer, this);
        if (this.#admit(client, sock, (text) => win32.sendAll(sock, text))) {
          yield client;
        }
      }
    } finally {
      this.#closeWinsockListener();
    }
  }

  #listenerClosed = false;
  #pendingAccept: Promise<void> = Promise.resolve();
  #stopAccept = new AbortController();

  #closeWinsockListener(): void {
    if (this.#listenerClosed) return;
    this.#listenerClosed = true;
    win32.closesocket(this.#listenFd);
  }

  /**
   * Windows: lets `child` open its own socket for the client
   * (`WSADuplicateSocketW()` for its pid, the result into its stdin), then
   * closes the parent's copy.
   */
  async giveSocket(sock: number, child: ChildProcess): Promise<void> {
    this.#serving.add(child);
    void child.status.then(() => this.#serving.delete(child));
    try {
      const info = win32.duplicateSocket(sock, child.pid);
      trace("send", "clnt_sock", { peer: child.pid, n: sock, tool: true });
      await child.toChild.write(info);
    } finally {
      // End of file for the child either way: without a socket it ends.
      await child.toChild.close().catch(() => {});
      win32.closesocket(sock); // close(clnt_sock); in the parent
      trace("close", `clnt_sock (socket ${sock})`);
    }
  }

  /** Stops on SIGINT, SIGTERM and Ctrl+Break (where the platform has them). */
  #stopOnSignals(): void {
    const stop = (sig: Deno.Signal) => {
      note({ en: `${sig}: shutting down`, ko: `${sig}: 서버를 종료한다` });
      this.stop();
    };
    for (const sig of ["SIGINT", "SIGTERM", "SIGBREAK"] as const) {
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
    else this.#stopAccept.abort(); // Windows: accept() ends within 0.5 s
  }

  /**
   * Ends the clients still being served and the pool's waiting children.
   * In C, Ctrl+C ends the whole process group at once; here the children
   * that hold a client get SIGTERM (Windows: TerminateProcess), so the
   * kernel closes their sockets. Resolves once they have ended.
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
    await Promise.all(serving.map((child) => child.status));
    await pool?.close();
    await this.#handoff?.close();
    if (isWindows) {
      await this.#pendingAccept; // its worker thread is done with the listener
      this.#closeWinsockListener();
    }
    if (this.#wake) {
      libc.close(this.#wake[0]);
      libc.close(this.#wake[1]);
      this.#wake = null;
      this.#listener?.close();
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
      couldNotHand(this.peer, child, error);
    }
  }

  close(): void {
    libc.close(this.#fd);
    trace("close", `clnt_sock (fd ${this.#fd})`);
  }
}

/** A client accepted with Winsock (Windows): its SOCKET handle. */
class SocketClient implements ClientSocket {
  readonly peer: string;
  #sock: number;
  #server: Server;

  constructor(sock: number, peer: string, server: Server) {
    this.#sock = sock;
    this.peer = peer;
    this.#server = server;
  }

  async handTo(child: ChildProcess): Promise<void> {
    try {
      await this.#server.giveSocket(this.#sock, child);
    } catch (error) {
      couldNotHand(this.peer, child, error);
    }
  }

  close(): void {
    win32.closesocket(this.#sock);
    trace("close", `clnt_sock (socket ${this.#sock})`);
  }
}

/** Says that the client at `peer` was closed instead of served. */
function couldNotHand(peer: string, child: ChildProcess, error: unknown): void {
  note({
    en: `could not hand the client ${peer} to ${child.pid}: ${
      (error as Error).message
    }; closed it`,
    ko: `클라이언트 ${peer}를 ${child.pid}에 넘기지 못해 닫았다: ${
      (error as Error).message
    }`,
  });
}

/** `ip:port`, or `?` for a peer that is gone already. */
function addressText(
  address: { hostname: string; port: number } | null,
): string {
  return address ? `${address.hostname}:${address.port}` : "?";
}

function describeBindError(error: unknown, config: ServerConfig): Text {
  const address = `${config.host}:${config.port}`;
  const code = error instanceof libc.OsError ? error.code : "";
  if (error instanceof Deno.errors.AddrInUse || code === "EADDRINUSE") {
    return {
      en: `${address} is already in use`,
      ko: `${address}는 이미 사용 중이다`,
    };
  }
  if (error instanceof Deno.errors.PermissionDenied || code === "EACCES") {
    return {
      en: `permission denied for ${address}`,
      ko: `${address}에 대한 권한이 없다`,
    };
  }
  if (
    error instanceof Deno.errors.AddrNotAvailable || code === "EADDRNOTAVAIL"
  ) {
    return {
      en: `${config.host} is not an address of this machine`,
      ko: `${config.host}는 이 컴퓨터의 주소가 아니다`,
    };
  }
  const message = `${(error as Error).message} (${address})`;
  return { en: message, ko: message };
}
