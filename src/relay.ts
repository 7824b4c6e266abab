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

import type { ChildProcess } from "./fork.ts";
import { trace, tracing } from "./trace.ts";

/** How many bytes one read of the socket or the pipe takes at most. */
export const RELAY_CHUNK = 64 * 1024;

/** Options of {@linkcode relay}. */
export interface RelayOptions {
  /** Called with every chunk the client sends, after the child has it (a tap). */
  copy?: (chunk: Uint8Array) => Promise<void>;
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
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    try {
      conn.close();
    } catch {
      // already closed
    }
  };
  const names = child.pipeNames;
  const up = clientToChild(
    conn,
    child.stdinStream,
    names.toChild ?? "child",
    options.copy,
  );
  // The child's end of output ends the session: normally it comes after the
  // client's end of input; if the child died first, closing the socket also
  // ends the pending read of the client.
  await childToClient(child.stderrStream, conn, names.toParent ?? "child")
    .catch(() => {});
  close();
  await up;
}

async function clientToChild(
  conn: Deno.Conn,
  stdin: WritableStream<Uint8Array>,
  pipe: string,
  copy?: (chunk: Uint8Array) => Promise<void>,
): Promise<void> {
  const writer = stdin.getWriter();
  try {
    while (true) {
      const buf = new Uint8Array(RELAY_CHUNK);
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
      if (copy) await copy(chunk);
    }
  } catch {
    // The child is gone (EPIPE): nothing more to deliver.
  } finally {
    await writer.close().catch(() => {});
  }
}

async function childToClient(
  stderr: ReadableStream<Uint8Array>,
  conn: Deno.Conn,
  pipe: string,
): Promise<void> {
  const reader = stderr.getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      if (tracing()) {
        trace("read", `${value.length} B from ${pipe}`);
        trace("write", `${value.length} B to client`);
      }
      await writeAll(conn, value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/** Writes every byte of `data` (a socket write may take only part of it). */
export async function writeAll(
  conn: Deno.Conn,
  data: Uint8Array,
): Promise<void> {
  let done = 0;
  while (done < data.length) done += await conn.write(data.subarray(done));
}
