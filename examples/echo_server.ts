/**
 * echo_mpserv.c (chapter 10): the multi-process echo server. The parent
 * accepts clients; for each one it forks a child that echoes everything
 * the client sends until the client is done; a SIGCHLD handler collects
 * each child as it ends.
 *
 * | C                                           | here                                     |
 * |---------------------------------------------|------------------------------------------|
 * | `sigaction(SIGCHLD, &act, 0);`              | `sigaction("SIGCHLD", act)` (real)       |
 * | `socket(); bind(); listen();`               | `Server.open(...)` (`bind() error`)      |
 * | `clnt_sock = accept(serv_sock, ...);`       | `for await (const clntSock of ...)`      |
 * | `pid = fork();`                             | `pool.take()`: a child forked ahead      |
 * | child: `read(clnt_sock, buf, BUF_SIZE)`     | `clientIn.readSync(buf)` (its stdin)     |
 * | child: `write(clnt_sock, buf, str_len)`     | `clientOut.writeSync(...)` (its stderr)  |
 * | parent: `close(clnt_sock);`                 | `servSock.serve(clntSock, child)`: relay |
 *
 * @module
 */

import { defineChildren, waitpid } from "../src/process/fork.ts";
import type { RunContext } from "../src/program.ts";
import { ChildPool } from "../src/net/pool.ts";
import { Server } from "../src/net/server.ts";
import { type SigAction, sigaction } from "../src/signal/signal.ts";
import { allCollected } from "../src/process/fork.ts";

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
    console.log(`removed proc id: ${status.pid} `);
  }
}

/** The parent process. */
export async function main(context: RunContext): Promise<void> {
  const act: SigAction = { handler: readChildproc, mask: [], flags: 0 };
  sigaction("SIGCHLD", act); // sigaction(SIGCHLD, &act, 0);

  const servSock = Server.open(context.name, { // socket(); bind(); listen();
    host: context.string("host"),
    port: context.number("port"),
    maxClients: context.number("max-clients"),
  });
  const pool = new ChildPool(
    context.number("prefork"),
    () =>
      children.fork("echo", null, {
        toChild: "clnt_sock",
        toParent: "clnt_sock",
        adopt: false,
      }),
  );

  for await (const clntSock of servSock.clients()) { // clnt_sock = accept(serv_sock, ...);
    console.log("new client connected...");
    const child = pool.take(); // pid = fork();
    void servSock.serve(clntSock, child); // the parent relays for the child
  }
  await servSock.shutdown(pool); // Ctrl+C: every client is closed
  await allCollected(); // every child ends, and readChildproc reports it
}
