/**
 * The relay between a client's socket and the child process serving it.
 *
 * In C, the child of `echo_mpserv` reads and writes the client socket it
 * inherited from `fork()`. A Deno parent cannot hand a socket to a child,
 * so the parent moves the bytes: what the client sends goes into the
 * child's stdin, and what the child writes to its stderr goes back to the
 * client. Each direction awaits every write, so a slow reader slows the
 * writer down (back-pressure) and memory stays flat.
 *
 * The client's half-close (`shutdown(SHUT_WR)`, `q` in the echo client)
 * becomes end of file on the child's stdin; the child's end becomes the
 * close of the socket, after the last echoed byte.
 *
 * @module
 */

import type { ChildProcess } from "../process/child.ts";
import { writeAll } from "../bytes.ts";
import type { PipeWriter } from "../ipc/pipe.ts";
import { trace, tracing } from "../trace/trace.ts";

/** How many bytes one read of the socket or the pipe takes at most. */
export const RELAY_CHUNK = 64 * 1024;

/**
 * The buffer a session starts with. Most clients send lines, so buffers
 * start small (cheap to set up for many clients at once) and double up to
 * {@linkcode RELAY_CHUNK} whenever a read fills them (bulk transfers).
 */
export const FIRST_CHUNK = 1024;

/** Copy pipes found broken: their reader has ended. */
const broken = new WeakSet<PipeWriter>();

/** The next buffer size after a read of `n` bytes into `size`. */
function grow(size: number, n: number): number {
  return n === size && size < RELAY_CHUNK ? size * 2 : size;
}

/** Options of {@linkcode relay}. */
export interface RelayOptions {
  /**
   * A pipe that gets a copy of every chunk the client sends, after the child
   * has it (`echo_storeserv.c`'s `write(fds[1], buf, str_len)`). Once that
   * pipe is broken (its reader has ended), copies stop and echoes go on.
   */
  copyTo?: PipeWriter;
}

/**
 * Moves bytes between `conn` and `child` until the child's output ends,
 * then closes the socket. A reset or vanished client counts as end of file.
 */
export async function relay(
  conn: Deno.Conn,
  child: ChildProcess,
  options: RelayOptions = {},
): Promise<void> {
  const names = child.pipeNames;
  const { writer, reader } = child.relayEnds();
  const up = clientToChild(
    conn,
    writer,
    names.toChild ?? "child",
    options.copyTo,
  );
  // The child's end of output ends the session: normally it comes after the
  // client's end of input; if the child died first, closing the socket also
  // ends the pending read of the client.
  await childToClient(reader, conn, names.toParent ?? "child").catch(() => {});
  try {
    conn.close();
  } catch {
    // already closed (shutdown)
  }
  await up;
}

async function clientToChild(
  conn: Deno.Conn,
  writer: WritableStreamDefaultWriter<Uint8Array>,
  pipe: string,
  copyTo?: PipeWriter,
): Promise<void> {
  // One buffer at a time: each write is awaited before the next read, so
  // the bytes are in the pipe before the buffer is used again.
  let buf = new Uint8Array(FIRST_CHUNK);
  try {
    while (true) {
      let n: number | null;
      try {
        n = await conn.read(buf);
      } catch {
        n = null; // reset by the client, or closed by us: end of input
      }
      if (n === null) break;
      const chunk = buf.subarray(0, n);
      if (tracing()) {
        trace("read", `${n} B from client`);
        trace("write", `${n} B to ${pipe}`);
      }
      await writer.write(chunk);
      if (copyTo && !broken.has(copyTo)) {
        await copyTo.write(chunk).catch(() => broken.add(copyTo)); // EPIPE
      }
      const size = grow(buf.length, n);
      if (size !== buf.length) buf = new Uint8Array(size);
    }
  } catch {
    // The child is gone (EPIPE): nothing more to deliver.
  } finally {
    await writer.close().catch(() => {});
  }
}

async function childToClient(
  reader: ReadableStreamBYOBReader,
  conn: Deno.Conn,
  pipe: string,
): Promise<void> {
  // Bring-your-own-buffer reads: the same memory goes round and round.
  let buf = new Uint8Array(FIRST_CHUNK);
  try {
    while (true) {
      const { value, done } = await reader.read(buf);
      if (done || !value) break;
      if (tracing()) {
        trace("read", `${value.length} B from ${pipe}`);
        trace("write", `${value.length} B to client`);
      }
      await writeAll(conn, value);
      const size = grow(value.buffer.byteLength, value.length);
      buf = size === value.buffer.byteLength
        ? new Uint8Array(value.buffer) // the same memory, handed back
        : new Uint8Array(size);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
}
