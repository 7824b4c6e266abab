/**
 * echo_storeserv.c (chapter 11): the multi-process echo server, plus one
 * more child, the store process, that receives a copy of everything the
 * clients send through a pipe and writes it to `echomsg.txt`. Like the
 * book's, the store process stops after 10 reads (`--max-messages`).
 *
 * | C                                       | here                                       |
 * |-----------------------------------------|--------------------------------------------|
 * | `pipe(fds); pid = fork();` (store)      | `children.fork("store", ..., { toChild })` |
 * | `fopen("echomsg.txt", "wt")`            | `Deno.open(out, { create, truncate })`     |
 * | `len = read(fds[0], msgbuf, BUF_SIZE)`  | `fds.read(BUF_SIZE)`                       |
 * | `fwrite(msgbuf, 1, len, fp)`            | `writeAll(fp, msgbuf)`: on disk at once    |
 * | `clnt_sock = accept(serv_sock, ...);`   | `for await (const clntSock of ...)`        |
 * | `pid = fork();` (one per client)        | `pool.take()`: a child forked ahead        |
 * | echo child: `write(fds[1], buf, len)`   | `copyTo: fds`: the relay writes the copy   |
 *
 * @module
 */

import { writeAll } from "../src/bytes.ts";
import { ChildPool } from "../src/net/pool.ts";
import { Server } from "../src/net/server.ts";
import { note } from "../src/note.ts";
import {
  allCollected,
  type ChildProcess,
  defineChildren,
  waitpid,
} from "../src/process/fork.ts";
import type { RunContext } from "../src/program.ts";
import { type SigAction, sigaction } from "../src/signal/signal.ts";
import { children as echo } from "./echo_server.ts";

const BUF_SIZE = 100; // the book's: at most 100 bytes per read of the pipe

/** The store process: copies the pipe into the file. */
export const children = defineChildren(import.meta.url, {
  async store(copy: { out: string; maxMessages: number }, { fromParent: fds }) {
    const fp = await Deno.open(copy.out, { // fopen("echomsg.txt", "wt");
      write: true,
      create: true,
      truncate: true,
    });
    for (let i = 0; copy.maxMessages === 0 || i < copy.maxMessages; i++) {
      const msgbuf = await fds.read(BUF_SIZE); // len = read(fds[0], msgbuf, BUF_SIZE);
      if (msgbuf === null) break; // not in the book: the server is shutting down
      await writeAll(fp, msgbuf); // fwrite(msgbuf, 1, len, fp); unbuffered, so on disk at once
    }
    fp.close(); // fclose(fp);
  },
});

/** The SIGCHLD handler. */
async function readChildproc(): Promise<void> {
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

  const out = context.string("out");
  const maxMessages = context.number("max-messages");
  const store = children.fork("store", { out, maxMessages }, { // pipe(fds); pid = fork();
    toChild: "fds",
  });
  announceStore(store, out, maxMessages, servSock);
  const fds = store.toChild;

  const pool = new ChildPool(
    context.number("prefork"),
    () =>
      echo.fork("echo", null, {
        toChild: "clnt_sock",
        toParent: "clnt_sock",
        adopt: false,
      }),
  );
  for await (const clntSock of servSock.clients()) { // clnt_sock = accept(serv_sock, ...);
    console.log("new client connected...");
    const child = pool.take(); // pid = fork();
    void servSock.serve(clntSock, child, { copyTo: fds }); // write(fds[1], buf, str_len);
  }
  await servSock.shutdown(pool); // Ctrl+C: every client is closed
  await fds.close(); // the store process reads end of file and closes the file
  await allCollected(); // every child ends, and readChildproc reports it
}

/** Says what the store process does, and when it ends while clients are served. */
function announceStore(
  store: ChildProcess,
  out: string,
  maxMessages: number,
  server: Server,
): void {
  const pid = store.pid;
  void store.status.then(() => {
    if (server.stopping) return;
    note({
      en: `the store process ${pid} has ended; echoes go on, copies stop`,
      ko: `저장 프로세스 ${pid}가 끝났다. 에코는 계속되지만 복사는 멈춘다`,
    });
  });
  const limit = maxMessages === 0
    ? {
      en: "no limit on reads (--max-messages 0)",
      ko: "읽기 횟수 제한 없음 (--max-messages 0)",
    }
    : {
      en:
        `it stops after ${maxMessages} reads, as the book's (--max-messages 0: no limit)`,
      ko: `책처럼 ${maxMessages}번 읽으면 멈춘다 (--max-messages 0: 제한 없음)`,
    };
  const where = out.startsWith("/") || /^[A-Za-z]:[\\/]/.test(out)
    ? out
    : `${Deno.cwd()}/${out}`; // where the tool was started, as C's fopen()
  note({
    en:
      `store process ${pid} writes what clients send to ${where}; ${limit.en}`,
    ko:
      `저장 프로세스 ${pid}가 클라이언트가 보낸 내용을 ${where}에 쓴다. ${limit.ko}`,
  });
}
