/**
 * echo_storeserv.c (chapter 11): the multi-process echo server, plus one
 * more child, the store process, that reads everything the clients send
 * from a pipe and writes it to `echomsg.txt`. Every echo child writes a
 * copy of what it echoes into that pipe. Like the book's, the store process
 * stops after 10 reads (`--max-messages`).
 *
 * As in C, the pipe is made before the forks, and every child gets its
 * descriptors under the same numbers: the store process reads `fds[0]`,
 * the echo children write `fds[1]`; the parent never touches a client's
 * bytes.
 *
 * | C                                          | here                                       |
 * |--------------------------------------------|--------------------------------------------|
 * | `pipe(fds);`                               | `const fds = pipe();` (the real call)      |
 * | `pid = fork();` (the store process)        | `fork("store", { fds, ... }, { inherit })` |
 * | `fopen("echomsg.txt", "wt")`               | `fopen(out)`: no link followed, locked     |
 * | `len = read(fds[0], msgbuf, BUF_SIZE);`    | `read(fds[0], msgbuf)`                     |
 * | `fwrite(msgbuf, 1, len, fp);`              | `fp.fwrite(...)`: on disk at once          |
 * | `fclose(fp);`                              | `fp.fclose()`                              |
 * | `clnt_sock = accept(serv_sock, ...);`      | `for await (const clntSock of servSock.accept())` |
 * | `pid = fork();` (one per client)           | `pool.take()`: a child forked ahead        |
 * | `write(clnt_sock, buf, str_len);`          | `clntSock.write(buf, strLen)`, second      |
 * | `write(fds[1], buf, str_len);`             | `write(fds[1], buf, strLen)`, first (below) |
 *
 * @module
 */

import { checkWritable, fopen } from "../src/ipc/file.ts";
import { close, pipe, read, setPipeSize, write } from "../src/ipc/sys.ts";
import { receiveClientSocket } from "../src/net/child_socket.ts";
import { Server } from "../src/net/server.ts";
import { announceStore, storeDrains } from "../src/net/store_notes.ts";
import { allCollected } from "../src/process/child.ts";
import { defineChildren } from "../src/process/fork.ts";
import { waitpid } from "../src/process/wait.ts";
import type { RunContext } from "../src/program.ts";
import {
  SIG_IGN,
  type SigAction,
  sigaction,
  signal,
} from "../src/signal/signal.ts";

/** Bytes per read of the pipe: the book's 100, or 256 KiB with no limit on reads. */
const bufSize = (maxMessages: number) => maxMessages === 0 ? 256 * 1024 : 100;

/**
 * The pipe's capacity with no limit on reads (Linux; 64 KiB by default).
 * The echo children then run ahead of the store instead of waiting for it
 * at every 64 KiB: measured, 20 MiB through one client went from a median
 * of 401 to 638 MB/s (with 256 KiB reads; 0.36x to 0.57x `echo-server`).
 * With the book's 10 reads the pipe stays as it is, and fills as the
 * book's does.
 */
const NO_LIMIT_PIPE = 1024 * 1024;

/** The two kinds of child: the store process and the echo children. */
export const children = defineChildren(import.meta.url, {
  store(copy: { fds: [number, number]; out: string; maxMessages: number }) {
    const { fds, out, maxMessages } = copy;
    signal("SIGINT", SIG_IGN); // not in the book: Ctrl+C must not lose the pipe's bytes
    close(fds[1]); // not in the book: so that end of file comes when the server stops
    const fp = fopen(out); // FILE* fp = fopen("echomsg.txt", "wt");
    const msgbuf = new Uint8Array(bufSize(maxMessages));
    for (let i = 0; maxMessages === 0 || i < maxMessages; i++) {
      const len = read(fds[0], msgbuf); // len = read(fds[0], msgbuf, BUF_SIZE);
      if (len === 0) break; // not in the book: the server has stopped
      fp.fwrite(msgbuf.subarray(0, len)); // fwrite((void*)msgbuf, 1, len, fp);
    }
    fp.fclose(); // fclose(fp);
  },

  echo(copy: { fds: [number, number] }) {
    const { fds } = copy;
    const buf = new Uint8Array(64 * 1024); // char buf[BUF_SIZE];
    const clntSock = receiveClientSocket(); // the child's copy of clnt_sock
    if (!clntSock) return; // the server stopped before a client came
    let strLen;
    while ((strLen = clntSock.read(buf)) !== 0) { // read(clnt_sock, buf, BUF_SIZE)
      // The book echoes first. Here the copy goes first: Ctrl+C reaches
      // every process of the group, and a child ended between the two
      // writes must not lose what its client saw echoed.
      write(fds[1], buf, strLen); // write(fds[1], buf, str_len);
      clntSock.write(buf, strLen); // write(clnt_sock, buf, str_len);
    }
    clntSock.close(); // close(clnt_sock);
    console.log("client disconnected...");
  },
});

/** The SIGCHLD handler: collects every child that has ended (see echo_server.ts). */
async function readChildproc(): Promise<void> {
  let status;
  while ((status = await waitpid(-1, { noHang: true })) !== null) {
    console.log(`removed proc id: ${status.pid} `);
  }
}

/** The parent process. */
export async function main(context: RunContext): Promise<void> {
  const out = context.string("out");
  const maxMessages = context.number("max-messages");
  const act: SigAction = { handler: readChildproc, mask: [], flags: 0 };
  sigaction("SIGCHLD", act); // sigaction(SIGCHLD, &act, 0);

  checkWritable(out); // not in the book: a bad --out ends it before it listens
  const servSock = Server.open(context.name, { // socket(); bind(); listen();
    host: context.string("host"),
    port: context.number("port"),
    maxClients: context.number("max-clients"),
  });
  const fds = pipe(); // pipe(fds);
  // Not in the book: with no limit on reads, a pipe the store need not
  // empty at every echo (null: the system's own capacity).
  const capacity = maxMessages === 0
    ? setPipeSize(fds[1], NO_LIMIT_PIPE)
    : null;
  const store = children.fork("store", { fds, out, maxMessages }, { // pid = fork();
    inherit: [...fds, servSock.fd], // as in C, the store also keeps serv_sock
    watchParent: true, // not in the book: it says so if it outlives the server
  });
  announceStore(store, out, maxMessages, servSock, capacity);

  const pool = servSock.forkAhead(
    context.number("prefork"),
    (options) => children.fork("echo", { fds }, { ...options, inherit: fds }),
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
  close(fds[0]), close(fds[1]); // not in the book: the store process reads EOF
  storeDrains(store);
  await allCollected(); // every child ends, and readChildproc reports it
}
