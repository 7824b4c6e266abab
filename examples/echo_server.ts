/**
 * echo_mpserv.c (chapter 10): the multi-process echo server. The parent
 * accepts clients; for each one a child process gets the client's socket
 * and echoes everything the client sends until it is done, while the
 * parent closes its own copy and goes back to `accept()`; a SIGCHLD
 * handler collects each child as it ends.
 *
 * | C                                         | here                                          |
 * |-------------------------------------------|-----------------------------------------------|
 * | `sigaction(SIGCHLD, &act, 0);`            | `sigaction("SIGCHLD", act)` (real)            |
 * | `socket(); bind(); listen();`             | `Server.open(...)` (`bind() error`)           |
 * | `clnt_sock = accept(serv_sock, ...);`     | `for await (const clntSock of servSock.accept())` |
 * | `pid = fork();`                           | `pool.take()`: a child forked ahead           |
 * | `if (pid == -1) { close(clnt_sock); continue; }` | `if (!child) { clntSock.close(); continue; }` |
 * | the child's copy of `clnt_sock`           | `receiveClientSocket()`: sent by the parent   |
 * | `read(clnt_sock, buf, BUF_SIZE)`          | `clntSock.read(buf)` (blocking, as in C)      |
 * | `write(clnt_sock, buf, str_len)`          | `clntSock.write(buf, strLen)`                 |
 * | child: `close(clnt_sock);`                | `clntSock.close()`: the client sees EOF now   |
 * | parent: `close(clnt_sock);`               | inside `clntSock.handTo(child)`, after sending |
 * | `printf("removed proc id: %d \n", pid)`   | `console.log(\`removed proc id: ${pid} \`)`    |
 *
 * @module
 */

import { receiveClientSocket } from "../src/net/child_socket.ts";
import { Server } from "../src/net/server.ts";
import { allCollected } from "../src/process/child.ts";
import { defineChildren } from "../src/process/fork.ts";
import { waitpid } from "../src/process/wait.ts";
import type { RunContext } from "../src/program.ts";
import { type SigAction, sigaction } from "../src/signal/signal.ts";

/**
 * How much one read takes. The book reads 30 bytes at a time; TCP keeps no
 * message boundaries, so a client cannot tell the difference, and bigger
 * reads save thousands of calls on large transfers.
 */
const BUF_SIZE = 64 * 1024;

/** The child process: echo until the client is done. */
export const children = defineChildren(import.meta.url, {
  echo() {
    const buf = new Uint8Array(BUF_SIZE); // char buf[BUF_SIZE];
    const clntSock = receiveClientSocket(); // the child's copy of clnt_sock
    if (!clntSock) return; // the server stopped before a client came
    let strLen;
    while ((strLen = clntSock.read(buf)) !== 0) { // read(clnt_sock, buf, BUF_SIZE)
      clntSock.write(buf, strLen); // write(clnt_sock, buf, str_len);
    }
    clntSock.close(); // close(clnt_sock);
    console.log("client disconnected...");
  },
});

/**
 * The SIGCHLD handler. The book calls waitpid() once per signal; children
 * that end together may raise one signal between them (a pending signal
 * does not queue), and a server must not leave them behind, so this one
 * collects every child that has ended (see `tcpip explain remove-zombie`).
 */
async function readChildproc(): Promise<void> {
  let status;
  while ((status = await waitpid(-1, { noHang: true })) !== null) { // pid = waitpid(-1, &status, WNOHANG);
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
  const pool = servSock.forkAhead(
    context.number("prefork"),
    (options) => children.fork("echo", null, options),
  );

  for await (const clntSock of servSock.accept()) { // clnt_sock = accept(serv_sock, ...);
    console.log("new client connected...");
    const child = pool.take(); // pid = fork();
    if (!child) { // if (pid == -1) { close(clnt_sock); continue; }
      clntSock.close();
      continue;
    }
    await clntSock.handTo(child); // the child has it; the parent's close(clnt_sock);
  }
  await servSock.shutdown(pool); // Ctrl+C: the children still serving end too
  await allCollected(); // every child ends, and readChildproc reports it
}
