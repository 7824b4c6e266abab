/**
 * The parent of the echo servers: `socket()`/`bind()`/`listen()` with the
 * book's error message, an `accept()` loop that keeps going whatever one
 * client does, politely refuses clients beyond `--max-clients`, the pool of
 * children that serve them, and a clean shutdown on SIGINT or SIGTERM.
 *
 * The listening socket is the platform's (`listener.ts`); each accepted
 * client is a {@linkcode ClientSocket} that hands itself to its child
 * (`handoff.ts`). The server keeps admission, the children serving, signals
 * and shutdown.
 *
 * @module
 */

import { deadline } from "@std/async";
import { messageOf, RuntimeError } from "../errors.ts";
import { OsError } from "../ipc/os_error.ts";
import { note } from "../note.ts";
import { withJosa } from "../josa.ts";
import { isWindows } from "../platform.ts";
import type { ChildProcess } from "../process/child.ts";
import { watchHint } from "../process/os/proc_info.ts";
import type { ForkOptions } from "../process/fork.ts";
import { canCatch, signal } from "../signal/signal.ts";
import type { Text } from "../text.ts";
import { trace } from "../trace/trace.ts";
import { ClientSocket, type Handoff, openHandoff } from "./handoff.ts";
import type { Address, Listener } from "./listener.ts";
import { ChildPool } from "./pool.ts";
import { PosixListener } from "./posix_listener.ts";
import { WinsockListener } from "./winsock_listener.ts";
import { isLookupFailure, numericAddress } from "./lookup.ts";
import { hostPort } from "./host_port.ts";

export { ClientSocket };

/** Where and how to listen. */
export interface ServerConfig {
  /** The address to bind (127.0.0.1 unless `--host`). */
  host: string;
  /** The port to bind. */
  port: number;
  /** How many clients may be served at once. */
  maxClients: number;
}

/**
 * `accept()` failures that end the server: the listening socket itself is
 * broken. Every other failure belongs to one client (it reset before it was
 * accepted, no descriptor or buffer was left for it, a signal came): that
 * client is closed, and the server goes on.
 */
const FATAL_ACCEPT = ["EBADF", "EINVAL", "ENOTSOCK", "EFAULT"];

/** Failures that come from a lack of descriptors or memory, not the client. */
const EXHAUSTED = ["EMFILE", "ENFILE", "ENOBUFS", "ENOMEM"];

/** A listening server. */
export class Server {
  /** The configuration it was opened with. */
  readonly config: ServerConfig;
  #listener: Listener;
  #handoff: Handoff;
  #pool?: ChildPool;
  #stopping = false;
  /** How many connections each kind of failure has cost, by its code. */
  #failures = new Map<string, number>();

  private constructor(listener: Listener, config: ServerConfig) {
    this.#listener = listener;
    this.config = config;
    this.#handoff = openHandoff();
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
    let listener: Listener;
    try {
      listener = isWindows
        ? WinsockListener.open(numericAddress(config.host), config.port)
        : PosixListener.open(config.host, config.port);
    } catch (error) {
      const why = describeBindError(error, config);
      throw new RuntimeError({
        en: `bind() error: ${why.en}`,
        ko: `bind() error: ${why.ko}`,
      });
    }
    const server = new Server(listener, config);
    server.#stopOnSignals();
    const how = isWindows
      ? {
        en: "(WSADuplicateSocketW, Windows' way to share\n" +
          "a socket with another process) and reads and writes it itself",
        ko: "(WSADuplicateSocketW: 소켓을 다른 프로세스와\n" +
          "나누는 Windows의 방법) 직접 읽고 쓴다",
      }
      : {
        en: "(SCM_RIGHTS) and reads and writes it itself",
        ko: "(SCM_RIGHTS) 직접 읽고 쓴다",
      };
    note({
      en:
        `${name} listening on ${server.address}: one child process per client, which gets\n` +
        `the client's socket from the parent ${how.en}`,
      ko:
        `${
          withJosa(name, "이/가")
        } ${server.address}에서 기다린다: 클라이언트마다 자식 프로세스 하나가\n` +
        `부모에게서 클라이언트 소켓을 넘겨받아${how.ko}`,
    });
    if (!isWindows) note(watchHint(Deno.pid));
    return server;
  }

  /** The listening socket's descriptor, `serv_sock` (Windows: its SOCKET). */
  get fd(): number {
    return this.#listener.fd;
  }

  /** `127.0.0.1:9190`. */
  get address(): string {
    return addressText(this.#listener.address);
  }

  /**
   * Children started ahead for this server's clients: `start` forks one
   * with the options it is given (its end of the hand-off).
   */
  forkAhead(
    size: number,
    start: (options: ForkOptions) => ChildProcess,
  ): ChildPool {
    const handoff = this.#handoff;
    this.#pool = new ChildPool(size, () => {
      const prepared = handoff.prepare();
      let child: ChildProcess | null = null;
      try {
        child = start(prepared.options);
        return child;
      } finally {
        prepared.started(child);
      }
    }, handoff);
    return this.#pool;
  }

  /**
   * C's `accept()` in a loop: yields each new client. A client beyond
   * `maxClients` is told so and closed instead; a connection that fails
   * before it is served costs only itself. Ends when the server stops.
   */
  async *accept(): AsyncGenerator<ClientSocket> {
    while (!this.#stopping) {
      // Not while children pile up starting: see ChildPool.room().
      await this.#pool?.room(() => this.#stopping);
      let sock: number | null;
      try {
        sock = await this.#listener.accept(); // clnt_sock = accept(serv_sock, ...)
      } catch (error) {
        if (this.#stopping) return;
        await this.#acceptFailed(error); // if (clnt_sock == -1) continue;
        continue;
      }
      if (sock === null) return;
      let peer: string;
      try {
        peer = addressText(this.#listener.peer(sock));
      } catch (error) {
        // Reset between the kernel's accept and ours (ENOTCONN): it is gone.
        this.#listener.closeClient(sock);
        this.#failed(codeOf(error));
        continue;
      }
      const client = new ClientSocket(
        sock,
        peer,
        this.#listener,
        this.#handoff,
      );
      trace("accept", peer, { n: sock });
      if (this.#admit(client)) yield client;
    }
  }

  /** True if `client` may be served; beyond `--max-clients` it is told so and closed. */
  #admit(client: ClientSocket): boolean {
    if (this.serving.length < this.config.maxClients) return true;
    const max = this.config.maxClients;
    note({
      en:
        `refused a client: ${max} clients are connected (--max-clients ${max})`,
      ko: `클라이언트를 거절함: 이미 ${max}개가 연결됨 (--max-clients ${max})`,
    });
    this.#listener.tell(
      client.fd,
      new TextEncoder().encode(
        `server busy: ${max} clients are connected already; try again later\n`,
      ),
    );
    client.close();
    return false;
  }

  /**
   * accept() failed. The listening socket broken: the server ends. Any
   * other failure is that client's: said once per kind, and, when
   * descriptors or memory ran out, the server waits for a client to leave
   * (at most 100 ms) instead of spinning on the pending connection.
   */
  async #acceptFailed(error: unknown): Promise<void> {
    const code = codeOf(error);
    if (error instanceof OsError && FATAL_ACCEPT.includes(code)) throw error;
    this.#failed(code, error);
    if (EXHAUSTED.includes(code) || !(error instanceof OsError)) {
      await this.#someoneLeaves();
    }
  }

  /** Counts a connection lost to `code`; the first of each kind is told. */
  #failed(code: string, error?: unknown): void {
    const count = (this.#failures.get(code) ?? 0) + 1;
    this.#failures.set(code, count);
    trace("tool", "accept", {
      text: { en: `accept() failed: ${code}`, ko: `accept() 실패: ${code}` },
    });
    if (count > 1) return;
    const what = EXHAUSTED.includes(code)
      ? {
        en:
          "no descriptor or memory left for it; waiting for a client to leave",
        ko:
          "남은 파일 디스크립터나 메모리가 없다. 클라이언트가 떠나기를 기다린다",
      }
      : code === "ENOTCONN" || code === "ECONNABORTED"
      ? {
        en: "the client reset its connection before it was served; closed it",
        ko: "클라이언트가 처리되기 전에 연결을 리셋했다. 그 연결을 닫았다",
      }
      : {
        en: `${(error as Error | undefined)?.message ?? code}; closed it`,
        ko: `${
          (error as Error | undefined)?.message ?? code
        }. 그 연결을 닫았다`,
      };
    note({
      en: `accept() error: ${code}: ${what.en}; the server goes on`,
      ko: `accept() 오류: ${code}: ${what.ko}. 서버는 계속 동작한다`,
    });
  }

  /** Waits until a child ends (which frees a descriptor), 100 ms at most. */
  async #someoneLeaves(): Promise<void> {
    const statuses = this.serving.map((child) => child.status);
    await deadline(Promise.race(statuses), 100).catch(() => {});
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
    return this.#pool ? [...this.#pool.serving] : [];
  }

  /** True once the server has begun to stop. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Stops accepting: the {@linkcode accept} loop ends. */
  stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#listener.stop();
  }

  /**
   * Ends the clients still being served and the pool's waiting children.
   * In C, Ctrl+C ends the whole process group at once; here the children
   * that hold a client get SIGTERM (Windows: TerminateProcess), so the
   * kernel closes their sockets. Resolves once they have ended.
   */
  async shutdown(pool?: ChildPool): Promise<void> {
    this.stop();
    const serving = this.serving;
    if (serving.length > 0) {
      note({
        en:
          `ending ${serving.length} child(ren) still serving a client (SIGTERM)`,
        ko:
          `아직 클라이언트를 처리하는 자식 ${serving.length}개를 종료한다 (SIGTERM)`,
      });
    }
    for (const child of serving) child.kill("SIGTERM");
    await Promise.all(serving.map((child) => child.status));
    await (pool ?? this.#pool)?.close();
    await this.#listener.close();
    this.#tellFailures();
  }

  /** At the end: how many connections each kind of failure cost, if more than one. */
  #tellFailures(): void {
    const counts = [...this.#failures].filter(([, n]) => n > 1);
    if (counts.length === 0) return;
    const list = counts.map(([code, n]) => `${code} x ${n}`).join(", ");
    note({
      en: `connections lost before they were served: ${list}`,
      ko: `처리되기 전에 잃은 연결: ${list}`,
    });
  }
}

/** The error's code (`ENOTCONN`), or its message for one without a code. */
function codeOf(error: unknown): string {
  if (error instanceof OsError) return error.code;
  return messageOf(error);
}

/** `ip:port` (`[::1]:port`). */
function addressText(address: Address): string {
  return hostPort(address.hostname, address.port);
}

function describeBindError(error: unknown, config: ServerConfig): Text {
  const address = hostPort(config.host, config.port);
  const code = error instanceof OsError ? error.code : "";
  if (error instanceof Deno.errors.AddrInUse || code === "EADDRINUSE") {
    return {
      en: `${address} is already in use`,
      ko: `${withJosa(address, "은/는")} 이미 사용 중이다`,
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
      ko: `${withJosa(config.host, "은/는")} 이 컴퓨터의 주소가 아니다`,
    };
  }
  if (isLookupFailure(error)) {
    return {
      en: `no address found for '${config.host}' (the name lookup failed)`,
      ko: `'${config.host}'의 주소를 찾지 못했다 (이름을 조회하지 못함)`,
    };
  }
  const message = `${messageOf(error)} (${address})`;
  return { en: message, ko: message };
}
