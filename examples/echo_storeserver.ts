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
 * | `fopen("echomsg.txt", "wt")`               | `Deno.openSync(out, { create, truncate })` |
 * | `len = read(fds[0], msgbuf, BUF_SIZE);`    | `read(fds[0], msgbuf)`                     |
 * | `fwrite(msgbuf, 1, len, fp);`              | `writeAllSync(fp, ...)`: on disk at once   |
 * | `clnt_sock = accept(serv_sock, ...);`      | `for await (const clntSock of servSock.accept())` |
 * | `pid = fork();` (one per client)           | `pool.take()`: a child forked ahead        |
 * | `write(clnt_sock, buf, str_len);`          | `clntSock.write(buf.subarray(0, strLen))`  |
 * | `write(fds[1], buf, str_len);`             | `write(fds[1], buf.subarray(0, strLen))`   |
 *
 * @module
 */

import { writeAllSync } from "../src/bytes.ts";
import { close, pipe, read, writeAll } from "../src/ipc/libc.ts";
import { canHandOff, receiveClientSocket } from "../src/net/handoff.ts";
import { Server } from "../src/net/server.ts";
import { note } from "../src/note.ts";
import {
  allCollected,
  type ChildProcess,
  defineChildren,
  waitpid,
} from "../src/process/fork.ts";
import type { RunContext } from "../src/program.ts";
import { children as echoServer } from "./echo_server.ts";
import {
  SIG_IGN,
  type SigAction,
  sigaction,
  signal,
} from "../src/signal/signal.ts";

/** Bytes per read of the pipe: the book's 100, or 64 KiB with no limit on reads. */
const bufSize = (maxMessages: number) => maxMessages === 0 ? 64 * 1024 : 100;

/** The two kinds of child: the store process and the echo children. */
export const children = defineChildren(import.meta.url, {
  store(copy: { fds: [number, number]; out: string; maxMessages: number }) {
    const { fds, out, maxMessages } = copy;
    signal("SIGINT", SIG_IGN); // not in the book: Ctrl+C must not lose the pipe's bytes
    close(fds[1]); // not in the book: so that end of file comes when the server stops
    const fp = Deno.openSync(out, {
      write: true,
      create: true,
      truncate: true,
    }); // fopen(...)
    const msgbuf = new Uint8Array(bufSize(maxMessages));
    for (let i = 0; maxMessages === 0 || i < maxMessages; i++) {
      const len = read(fds[0], msgbuf); // len = read(fds[0], msgbuf, BUF_SIZE);
      if (len === 0) break; // not in the book: the server has stopped
      writeAllSync(fp, msgbuf.subarray(0, len)); // fwrite(msgbuf, 1, len, fp);
    }
    fp.close(); // fclose(fp);
  },

  /** Windows' store process: the parent writes the copies into its stdin. */
  async storeRelayed(
    copy: { out: string; maxMessages: number },
    { fromParent },
  ) {
    const fp = Deno.openSync(copy.out, {
      write: true,
      create: true,
      truncate: true,
    });
    for (let i = 0; copy.maxMessages === 0 || i < copy.maxMessages; i++) {
      const msgbuf = await fromParent.read(bufSize(copy.maxMessages));
      if (msgbuf === null) break;
      writeAllSync(fp, msgbuf);
    }
    fp.close();
  },

  echo(copy: { fds: [number, number] }) {
    const { fds } = copy;
    const clntSock = receiveClientSocket(); // the child's copy of clnt_sock
    if (!clntSock) return; // the server stopped before a client came
    const buf = new Uint8Array(64 * 1024);
    let strLen;
    while ((strLen = clntSock.read(buf)) !== 0) { // read(clnt_sock, buf, BUF_SIZE)
      clntSock.write(buf.subarray(0, strLen)); // write(clnt_sock, buf, str_len);
      writeAll(fds[1], buf.subarray(0, strLen)); // write(fds[1], buf, str_len);
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
  if (!canHandOff) return await relayedMain(context); // Windows, below
  const out = context.string("out");
  const maxMessages = context.number("max-messages");
  const act: SigAction = { handler: readChildproc, mask: [], flags: 0 };
  sigaction("SIGCHLD", act); // sigaction(SIGCHLD, &act, 0);

  const servSock = Server.open(context.name, { // socket(); bind(); listen();
    host: context.string("host"),
    port: context.number("port"),
    maxClients: context.number("max-clients"),
  });
  const fds = pipe(); // pipe(fds);
  const store = children.fork("store", { fds, out, maxMessages }, { // pid = fork();
    inherit: [...fds, servSock.fd], // as in C, the store also keeps serv_sock
  });
  announceStore(store, out, maxMessages, servSock);

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
  note({
    en:
      `waiting for the store process ${store.pid} to write what is still in the pipe`,
    ko:
      `저장 프로세스 ${store.pid}가 파이프에 남은 내용을 다 쓸 때까지 기다린다`,
  });
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

/**
 * Windows: no `pipe()` to share and no socket to hand over, so the parent
 * relays each client to its echo child and writes the copies into the store
 * process's stdin pipe itself.
 */
async function relayedMain(context: RunContext): Promise<void> {
  const out = context.string("out");
  const maxMessages = context.number("max-messages");
  sigaction("SIGCHLD", { handler: readChildproc, mask: [], flags: 0 });
  const servSock = Server.open(context.name, {
    host: context.string("host"),
    port: context.number("port"),
    maxClients: context.number("max-clients"),
  });
  const store = children.fork("storeRelayed", { out, maxMessages }, {
    toChild: "fds",
  });
  announceStore(store, out, maxMessages, servSock);
  const pool = servSock.forkAhead(
    context.number("prefork"),
    (options) => echoServer.fork("echo", null, options),
  );
  for await (const clntSock of servSock.accept()) {
    console.log("new client connected...");
    const child = pool.take();
    if (!child) {
      clntSock.close();
      continue;
    }
    await clntSock.handTo(child, { copyTo: store.toChild });
  }
  await servSock.shutdown(pool);
  await store.toChild.close();
  await allCollected();
}
