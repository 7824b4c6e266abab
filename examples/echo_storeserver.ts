/**
 * echo_storeserv.c (chapter 11): the multi-process echo server, plus one
 * more child, the store process, that receives a copy of everything the
 * clients send through a pipe and writes it to `echomsg.txt`. Like the
 * book's, the store process stops after 10 reads (`--max-messages`).
 *
 * In C, every echo child inherits the pipe's write end from `fork()` and
 * writes the copy itself. Deno cannot hand descriptors to children, and
 * the parent sees every byte anyway (it relays them, see `echo_server.ts`),
 * so the parent writes the copy into the store process's pipe.
 *
 * | C                                       | here                                   |
 * |-----------------------------------------|----------------------------------------|
 * | `pipe(fds); pid = fork();` (store)      | `children.fork("store", ..., { toChild })` |
 * | `fopen("echomsg.txt", "wt")`            | `Deno.open(out, { create, truncate })` |
 * | `len = read(fds[0], msgbuf, BUF_SIZE)`  | `fds.read(BUF_SIZE)`                   |
 * | `fwrite(msgbuf, 1, len, fp)`            | `writeAll(fp, msgbuf)`: on disk at once |
 * | echo child: `write(fds[1], buf, len)`   | the parent's relay copies each chunk   |
 *
 * @module
 */

import { defineChildren } from "../src/process/fork.ts";
import { note } from "../src/note.ts";
import type { RunContext } from "../src/program.ts";
import { runEchoServer } from "./echo_server.ts";

const BUF_SIZE = 100; // the book's: at most 100 bytes per read of the pipe

/** The store process: copies the pipe into the file. */
export const children = defineChildren(import.meta.url, {
  async store(copy: { out: string; maxMessages: number }, { fromParent: fds }) {
    const fp = await Deno.open(copy.out, {
      write: true,
      create: true,
      truncate: true,
    });
    for (let i = 0; copy.maxMessages === 0 || i < copy.maxMessages; i++) {
      const msgbuf = await fds.read(BUF_SIZE); // len = read(fds[0], msgbuf, BUF_SIZE);
      if (msgbuf === null) break; // not in the book: the server is shutting down
      let done = 0; // fwrite(msgbuf, 1, len, fp); unbuffered, so on disk at once
      while (done < msgbuf.length) {
        done += await fp.write(msgbuf.subarray(done));
      }
    }
    fp.close(); // fclose(fp);
  },
});

/** The parent process. */
export async function main(context: RunContext): Promise<void> {
  const out = context.string("out");
  const maxMessages = context.number("max-messages");
  let store: ReturnType<typeof children.fork> | undefined;
  let storing = true; // false once the store process has gone
  let shuttingDown = false;

  await runEchoServer(context, {
    beforeAccept() {
      store = children.fork("store", { out, maxMessages }, { toChild: "fds" }); // pipe(fds); fork();
      const pid = store.pid;
      void store.status.then(() => {
        storing = false;
        if (shuttingDown) return;
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
          ko:
            `책처럼 ${maxMessages}번 읽으면 멈춘다 (--max-messages 0: 제한 없음)`,
        };
      return {
        en:
          `store process ${pid} writes what clients send to ${out}; ${limit.en}`,
        ko:
          `저장 프로세스 ${pid}가 클라이언트가 보낸 내용을 ${out}에 쓴다. ${limit.ko}`,
      };
    },
    relay: {
      async copy(chunk) {
        if (!storing || !store) return;
        try {
          await store.toChild.write(chunk); // write(fds[1], buf, str_len);
        } catch {
          storing = false; // the store process has ended (EPIPE)
        }
      },
    },
    async afterShutdown() {
      // Closing the pipe ends the store process's reading: it closes the file.
      shuttingDown = true;
      storing = false;

      await store?.toChild.close();
      await store?.status;
    },
  });
}
