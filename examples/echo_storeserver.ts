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
 * | `write(fds[1], buf, str_len);`             | `write(fds[1], buf, strLen)` (first)       |
 * | `write(clnt_sock, buf, str_len);`          | `clntSock.write(buf, strLen)`              |
 *
 * @module
 */

import { writeAllSync } from "../src/bytes.ts";
import { close, pipe, read, write } from "../src/ipc/sys.ts";
import { receiveClientSocket } from "../src/net/child_socket.ts";
import { Server } from "../src/net/server.ts";
import { note } from "../src/note.ts";
import { allCollected, type ChildProcess } from "../src/process/child.ts";
import { defineChildren } from "../src/process/fork.ts";
import { waitChannel } from "../src/process/proc_info.ts";
import { waitpid } from "../src/process/wait.ts";
import type { RunContext } from "../src/program.ts";
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

  echo(copy: { fds: [number, number] }) {
    const { fds } = copy;
    const clntSock = receiveClientSocket(); // the child's copy of clnt_sock
    if (!clntSock) return; // the server stopped before a client came
    const buf = new Uint8Array(64 * 1024);
    let strLen;
    while ((strLen = clntSock.read(buf)) !== 0) { // read(clnt_sock, buf, BUF_SIZE)
      // The book echoes first; the copy goes first here, so that a Ctrl+C
      // between the two writes cannot lose what the client saw echoed.
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
      en:
        `the store process ${pid} has ended: nobody reads the pipe any more. The echo children\n` +
        "hold its exit (fds[0]) too, so their writes do not fail: the copies pile up in the pipe,\n" +
        "and once it is full (64 KiB on Linux) each echo child blocks in write(fds[1]) and its\n" +
        "client gets no more echoes, as with the book's server.",
      ko:
        `저장 프로세스 ${pid}가 종료했다: 이제 파이프를 읽는 프로세스가 없다. 에코 자식들도 파이프의\n` +
        "출구(fds[0])를 가지고 있어서 쓰기가 실패하지 않는다. 복사본이 파이프에 쌓이고, 파이프가 가득\n" +
        "차면(Linux에서 64KiB) 에코 자식은 write(fds[1])에서 블로킹되어 클라이언트에 더는 에코가 가지\n" +
        "않는다. 책의 서버도 그렇다.",
    });
    watchForStall(server);
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
 * Once the store has ended: tells, from the OS, when an echo child is stuck
 * writing into the full pipe (Linux shows where a process waits).
 */
function watchForStall(server: Server): void {
  const timer = setInterval(() => {
    if (server.stopping) return clearInterval(timer);
    const stuck = server.serving.find((child) =>
      /pipe_write$/.test(waitChannel(child.pid) ?? "")
    );
    if (!stuck) return;
    clearInterval(timer);
    note({
      en:
        `the pipe is full: echo child ${stuck.pid} waits in write(fds[1]) (its /proc/${stuck.pid}/wchan\n` +
        "says pipe_write), and its client gets no more echoes. Ctrl+C ends the server.",
      ko:
        `파이프가 가득 찼다: 에코 자식 ${stuck.pid}가 write(fds[1])에서 기다린다 (/proc/${stuck.pid}/wchan이\n` +
        "pipe_write를 보여 준다). 그 클라이언트에는 더는 에코가 가지 않는다. Ctrl+C로 서버를 끝낸다.",
    });
  }, 200);
  Deno.unrefTimer(timer);
}
