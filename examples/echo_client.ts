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
import {
  connected,
  hangsAfterClose,
  INPUT_ENDED,
} from "../src/net/client_notes.ts";
import { sessionEnd } from "../src/net/client_session.ts";
import { connect, splitSocket } from "../src/net/connect.ts";
import { note } from "../src/note.ts";
import { defineRoutines } from "../src/process/threads/worker.ts";
import type { RunContext } from "../src/program.ts";

/** `q\n` or `Q\n`, exactly, as the book's `strcmp()` tests. */
function isQuit(buf: Uint8Array): boolean {
  return buf.length === 2 && (buf[0] === 0x71 || buf[0] === 0x51) &&
    buf[1] === 0x0a;
}

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
    { sock, bufSize, close, waiting }: {
      sock: WritableStream<Uint8Array>;
      bufSize: number;
      close: boolean;
      waiting: Int32Array;
    },
  ) {
    const stdin = new Stdin(Deno.stdin, waiting); // tells when fgets() waits
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

/**
 * The program: connect, then run the two routines until the connection is
 * done; 1 when it broke.
 */
export async function main(context: RunContext): Promise<number> {
  const ip = context.string("ip");
  const port = context.number("port");
  const bufSize = context.number("buf-size");
  const conn = await connect(ip, port); // connect() error → exit 1
  const sock = splitSocket(conn, bufSize);
  note(connected(ip, port));

  const reading = routines.start("readRoutine", { sock: sock.readable }, [
    sock.readable,
  ]);
  const close = context.flag("close");
  const waiting = new Int32Array(new SharedArrayBuffer(4));
  const writing = routines.start(
    "writeRoutine",
    { sock: sock.writable, bufSize, close, waiting },
    [sock.writable],
  );
  try {
    if (close) {
      await hangsAfterClose(reading.done, writing.done);
      return 0;
    }
    return await sessionEnd(sock, reading.done, waiting);
  } finally {
    writing.terminate();
    conn.close(); // close(sock);
  }
}
