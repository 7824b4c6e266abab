/**
 * echo_mpclient.c (chapter 10): the echo client with input and output
 * split. One side reads lines from stdin and sends them; the other prints
 * whatever arrives, one `Message from server: ` per read of at most
 * BUF_SIZE (30) bytes and no newline of its own, so a long line comes back
 * in pieces that run into each other: TCP keeps no message boundaries. `q`
 * shuts down only the sending side; everything the server still sends is
 * printed, and the client ends when both sides are done.
 *
 * The book forks so that parent and child share the socket; here the two
 * routines run on two worker threads of one process, each with one
 * direction of the connection (see `tcpip explain echo-client`).
 *
 * | C                                          | here                                      |
 * |--------------------------------------------|-------------------------------------------|
 * | `connect()` (`connect() error`)            | `connect(ip, port)`                       |
 * | `pid = fork();`                            | `routines.start(...)` twice: two workers  |
 * | `str_len = read(sock, buf, BUF_SIZE);`     | each chunk of `sock` is one such read     |
 * | `printf("Message from server: %s", buf);`  | `printf("Message from server: %s", buf)`  |
 * | `fgets(buf, BUF_SIZE, stdin)`              | `stdin.fgets(BUF_SIZE)`                   |
 * | `!strcmp(buf, "q\n")`                      | `isQuit(buf)`: exactly `q\n` or `Q\n`     |
 * | `write(sock, buf, strlen(buf));`           | `writer.write(buf.subarray(0, strlen(buf)))` |
 * | `shutdown(sock, SHUT_WR);`                 | `writer.close()`: `conn.closeWrite()`     |
 *
 * @module
 */

import { printf, Stdin, strlen } from "../src/ipc/stdio.ts";
import { connect, splitSocket } from "../src/net/connect.ts";
import { note } from "../src/note.ts";
import { defineRoutines } from "../src/process/worker.ts";
import type { RunContext } from "../src/program.ts";

/** `q\n` or `Q\n`, exactly, as the book's `strcmp()` tests. */
function isQuit(buf: Uint8Array): boolean {
  return buf.length === 2 && (buf[0] === 0x71 || buf[0] === 0x51) &&
    buf[1] === 0x0a;
}

const INPUT_ENDED = {
  en:
    "end of input: the book's write_routine does not check fgets() for NULL and\n" +
    "would send its last line again and again; tcpip shuts down writing instead",
  ko:
    "입력 끝: 책의 write_routine은 fgets()의 NULL을 확인하지 않아 마지막 줄을 끝없이\n" +
    "다시 보낸다. tcpip는 대신 출력 스트림을 닫는다 (Half-close)",
};

/** The two routines, each run on its own worker thread. */
export const routines = defineRoutines(import.meta.url, {
  /** read_routine: print each read until the server closes (read returns 0). */
  async readRoutine({ sock }: { sock: ReadableStream<Uint8Array> }) {
    for await (const buf of sock) { // while ((str_len = read(sock, buf, BUF_SIZE)) != 0)
      printf("Message from server: %s", buf);
    }
  },

  /** write_routine: send what fgets() reads until `q`; then shut down writing. */
  async writeRoutine(
    { sock, bufSize, close }: {
      sock: WritableStream<Uint8Array>;
      bufSize: number;
      close: boolean;
    },
  ) {
    const stdin = new Stdin();
    const writer = sock.getWriter();
    try {
      while (true) {
        const buf = stdin.fgets(bufSize); // fgets(buf, BUF_SIZE, stdin);
        if (buf === null) { // end of input: the book does not check for it
          note(INPUT_ENDED);
          break;
        }
        if (isQuit(buf)) break; // if (!strcmp(buf, "q\n") || !strcmp(buf, "Q\n"))
        await writer.write(buf.subarray(0, strlen(buf))); // write(sock, buf, strlen(buf));
      }
      if (close) return writer.releaseLock(); // --close: close(sock); drops only this copy
      await writer.close(); // shutdown(sock, SHUT_WR);
    } catch {
      // The connection broke while sending: the main thread has said so.
    }
  },
});

/** How long `--close` lets the book's hang last before the tool ends it, in ms. */
const HANG_MS = 3000;

/**
 * `--close`, the book's pitfall: the writer called close() instead of
 * shutdown(). That drops only its own descriptor, so no FIN goes out: the
 * server waits for more, and the reader waits for the server. Shows the
 * hang for a while, then ends it with an explanation.
 */
async function hangsAfterClose(
  reading: Promise<void>,
  writing: Promise<void>,
): Promise<void> {
  await writing;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = await Promise.race([
    reading.then(() => false),
    new Promise<boolean>((resolve) =>
      timer = setTimeout(resolve, HANG_MS, true)
    ),
  ]);
  clearTimeout(timer);
  if (!hung) return;
  note({
    en:
      `--close: the writer called close(), which drops only its own descriptor; the socket\n` +
      "stays open in the reader, so no FIN went out. The server still waits for data, and the\n" +
      `reader waits for the server: the book's client with close() hangs here for good.\n` +
      `tcpip ends it after ${
        HANG_MS / 1000
      } s. shutdown(SHUT_WR) sends FIN however many descriptors there are.`,
    ko:
      "--close: 쓰는 쪽이 close()를 불렀지만 이는 자기 파일 디스크립터 하나만 닫는다. 읽는 쪽에 소켓이\n" +
      "아직 열려 있으므로 FIN이 가지 않았다. 서버는 데이터를 더 기다리고, 읽는 쪽은 서버를 기다린다:\n" +
      "close()를 쓴 책의 클라이언트는 여기서 영원히 멈춘다.\n" +
      `tcpip는 ${
        HANG_MS / 1000
      }초 뒤에 끝낸다. shutdown(SHUT_WR)은 파일 디스크립터가 몇 개든 FIN을 보낸다.`,
  });
}

/** The program: connect, then run the two routines until both are done. */
export async function main(context: RunContext): Promise<void> {
  const ip = context.string("ip");
  const port = context.number("port");
  const bufSize = context.number("buf-size");
  const conn = await connect(ip, port); // connect() error → exit 1
  const sock = splitSocket(conn, bufSize);
  note({
    en: `connected to ${ip}:${port}; type lines, q to quit`,
    ko: `${ip}:${port}에 연결됨. 줄을 입력하고 q로 끝낸다`,
  });

  const reading = routines.start("readRoutine", { sock: sock.readable }, [
    sock.readable,
  ]);
  const close = context.flag("close");
  const writing = routines.start(
    "writeRoutine",
    { sock: sock.writable, bufSize, close },
    [sock.writable],
  );
  try {
    if (close) return await hangsAfterClose(reading.done, writing.done);
    await reading.done; // the server closed its side
    // In C the writing child goes on alone until q; here the program does.
    if (await sock.sent === "shut") await writing.done.catch(() => {});
  } finally {
    writing.terminate();
    conn.close(); // close(sock);
  }
}
