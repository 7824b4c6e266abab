/**
 * echo_mpserv.c (chapter 10): the multi-process echo server. The parent
 * accepts clients; for each one it forks a child that echoes everything
 * the client sends until the client is done; a SIGCHLD handler collects
 * each child as it ends.
 *
 * One thing cannot be as in C. There the child inherits the client socket
 * from `fork()` and reads and writes it itself. A Deno parent cannot hand
 * a socket to a child, so the parent relays: the client's bytes go into the
 * child's stdin, the child's echo comes back on its stderr, and the parent
 * writes it to the client (`src/relay.ts`). The child still does the echo
 * work, one child per client, as in the book.
 *
 * | C                                           | here                                  |
 * |---------------------------------------------|---------------------------------------|
 * | `sigaction(SIGCHLD, &act, 0);`              | `sigaction("SIGCHLD", act)` (real)    |
 * | `socket(); bind(); listen();`               | `Server.open(...)` (`bind() error`)   |
 * | `clnt_sock = accept(serv_sock, ...);`       | `for await (const conn of clients())` |
 * | `pid = fork();`                             | `pool.take()`: a child forked ahead   |
 * | child: `read(clnt_sock)`, `write(...)`    | `readSync()`, `writeSync()` on its pipes |
 * | parent: `close(clnt_sock);`                 | `server.serve(conn, child)`: the relay |
 *
 * @module
 */

import { allCollected, defineChildren, waitpid } from "../src/process/fork.ts";
import { note } from "../src/note.ts";
import type { RunContext } from "../src/program.ts";
import type { RelayOptions } from "../src/net/relay.ts";
import { ChildPool } from "../src/net/pool.ts";
import { Server } from "../src/net/server.ts";
import { type SigAction, sigaction } from "../src/signal/signal.ts";
import type { Text } from "../src/text.ts";

/**
 * How much one read takes. The book reads 30 bytes at a time (BUF_SIZE);
 * TCP and pipes keep no message boundaries, so a client cannot tell the
 * difference, and bigger reads save thousands of calls on large transfers.
 */
const BUF_SIZE = 64 * 1024;

/** The child process: echo until the client is done. */
export const children = defineChildren(import.meta.url, {
  echo(_: null, { fromParent: clientIn, toParent: clientOut }) {
    // Blocking calls, as C's read() and write(): the child has nothing else
    // to do, and a read that waits in the kernel answers fastest.
    const buf = new Uint8Array(BUF_SIZE);
    try {
      let strLen;
      while ((strLen = clientIn.readSync(buf)) !== null) { // read(clnt_sock, buf, BUF_SIZE)
        clientOut.writeSync(buf.subarray(0, strLen)); // write(clnt_sock, buf, str_len);
      }
    } catch {
      // The client vanished and the parent stopped listening to us.
    }
    console.log("client disconnected...");
  },
});

/** The SIGCHLD handler. */
async function readChildproc(): Promise<void> {
  // The book collects one child per signal; signals coalesce, so collect all.
  let status;
  while ((status = await waitpid(-1, { noHang: true })) !== null) {
    console.log(`removed proc id: ${status.pid}`);
  }
}

/** The parent process. */
export async function main(context: RunContext): Promise<void> {
  await runEchoServer(context);
}

/** What `echo-storeserver` adds to the echo server. */
export interface EchoServerExtras {
  /** Runs once the socket is bound, before any client; may return more to say. */
  beforeAccept?: () => Text | void;
  /** A copy of every chunk a client sends. */
  relay?: RelayOptions;
  /** Run after the last session ended, before the server exits. */
  afterShutdown?: () => Promise<void>;
}

/** The server's loop, shared with `echo-storeserver`. */
export async function runEchoServer(
  context: RunContext,
  extras: EchoServerExtras = {},
): Promise<void> {
  const act: SigAction = { handler: readChildproc, mask: [], flags: 0 };
  sigaction("SIGCHLD", act);

  const server = Server.open({ // socket(); bind(); listen();
    host: context.string("host"),
    port: context.number("port"),
    maxClients: context.number("max-clients"),
  });
  server.stopOnSignals();
  const more = extras.beforeAccept?.();

  // Children started ahead (--prefork), so a client does not wait for one
  // to boot; 0 forks on accept, as the book does.
  const prefork = context.number("prefork");
  const pool = new ChildPool(
    prefork,
    () =>
      children.fork("echo", null, {
        toChild: "clnt_sock",
        toParent: "clnt_sock",
        adopt: false,
      }),
  );
  note({
    en:
      `${context.name} listening on ${server.address}: one child process per client.\n` +
      "Deno cannot hand a socket to a child, so this parent relays each client's bytes\n" +
      "to its child's stdin and the child's echo back from its stderr.",
    ko:
      `${context.name}가 ${server.address}에서 기다린다: 클라이언트마다 자식 프로세스 하나.\n` +
      "Deno는 소켓을 자식에게 넘길 수 없어서, 부모가 클라이언트의 바이트를 자식의 stdin으로,\n" +
      "자식의 에코를 stderr에서 받아 클라이언트로 중계한다.",
  });
  if (more) note(more);
  if (prefork > 0) {
    note({
      en:
        `${prefork} children are started and wait for clients (--prefork ${prefork}; ` +
        "0 forks on accept, as the book)",
      ko:
        `자식 ${prefork}개가 미리 시작해 클라이언트를 기다린다 (--prefork ${prefork}, ` +
        "0이면 책처럼 accept 때 fork)",
    });
  }

  for await (const conn of server.clients()) { // clnt_sock = accept(serv_sock, ...);
    console.log("new client connected...");
    const child = pool.take(); // pid = fork();
    void server.serve(conn, child, extras.relay);
  }
  await server.shutdown();
  await pool.close();
  await extras.afterShutdown?.();
  await allCollected(); // every child ends, and readChildproc reports it
}
