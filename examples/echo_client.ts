/**
 * echo_mpclient.c (chapter 10): the echo client with input and output
 * split. One part reads lines from stdin and sends them; the other prints
 * whatever arrives, one `Message from server: ...` line per read of at most
 * BUF_SIZE (30) bytes, so a long line comes back in several pieces: TCP
 * keeps no message boundaries. `q` (or end of input) shuts down only the
 * sending side; everything the server still sends is printed, and the
 * client ends when the server closes.
 *
 * The book forks so that parent and child share the socket. A Deno child
 * cannot get the socket, so the two routines run on two worker threads of
 * one process instead, each with one direction of the connection.
 *
 * | C                                       | here                                     |
 * |-----------------------------------------|------------------------------------------|
 * | `connect()` (`connect() error`)         | `connect(ip, port)`                      |
 * | `pid = fork();`                         | `routines.start(...)` twice: two workers |
 * | `read(sock, buf, BUF_SIZE)`             | each chunk of `sock` is one such read    |
 * | `fgets(buf, BUF_SIZE, stdin)`           | `stdin.readLine()`                       |
 * | `shutdown(sock, SHUT_WR)` on q          | closing `sock`: `conn.closeWrite()`      |
 *
 * @module
 */

import { connect, splitSocket } from "../src/net/connect.ts";
import { note } from "../src/note.ts";
import { encode } from "../src/bytes.ts";
import { PipeReader } from "../src/ipc/pipe.ts";
import type { RunContext } from "../src/program.ts";
import { defineRoutines } from "../src/process/worker.ts";

/** The two routines, each run on its own worker thread. */
export const routines = defineRoutines(import.meta.url, {
  /** read_routine: print each read until the server closes (read returns 0). */
  async readRoutine(
    { sock }: { sock: ReadableStream<Uint8Array> },
  ): Promise<void> {
    const decoder = new TextDecoder();
    for await (const buf of sock) {
      const text = decoder.decode(buf, { stream: true }); // keep split characters whole
      console.log(
        `Message from server: ${
          text.endsWith("\n") ? text.slice(0, -1) : text
        }`,
      );
    }
  },

  /** write_routine: send each line; q or Q (or end of input) shuts down writing. */
  async writeRoutine(
    { sock }: { sock: WritableStream<Uint8Array> },
  ): Promise<void> {
    const stdin = new PipeReader(Deno.stdin.readable, "stdin");
    const writer = sock.getWriter();
    let line;
    while ((line = await stdin.readLine()) !== null) { // fgets(buf, BUF_SIZE, stdin)
      if (line === "q" || line === "Q") break;
      await writer.write(encode(`${line}\n`)); // write(sock, buf, strlen(buf));
    }
    await writer.close(); // shutdown(sock, SHUT_WR): the main thread half-closes
    await stdin.close();
  },
});

/** The program: connect, then run the two routines. */
export async function main(context: RunContext): Promise<void> {
  const ip = context.string("ip");
  const port = context.number("port");
  const conn = await connect(ip, port); // connect() error → exit 1
  const sock = splitSocket(conn, context.number("buf-size"));
  note({
    en:
      `connected to ${ip}:${port}; type lines, q to quit. Two worker threads share the\n` +
      "connection (the book forks, but a Deno child cannot have the socket)",
    ko:
      `${ip}:${port}에 연결됨. 줄을 입력하고 q로 끝낸다. 두 워커 스레드가 연결을 나눠 쓴다\n` +
      "(책은 fork하지만 Deno의 자식은 소켓을 가질 수 없다)",
  });

  const reading = routines.start("readRoutine", { sock: sock.readable }, [
    sock.readable,
  ]);
  const writing = routines.start("writeRoutine", { sock: sock.writable }, [
    sock.writable,
  ]);
  try {
    await reading.done; // the server closed the connection
  } finally {
    writing.terminate();
    conn.close();
  }
}
