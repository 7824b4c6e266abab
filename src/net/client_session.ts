/**
 * How the split echo client's session ends, decided as C's two processes
 * would decide it. The book's parent runs read_routine and its child
 * write_routine: when the server closes its side, the parent's read()
 * returns 0 and the parent returns (status 0), whatever the child does; a
 * child that writes to the closed connection gets EPIPE (in C, SIGPIPE ends
 * it). Here both routines are threads of one process, so the process ends
 * when the parent would, and says which way it went, in one line.
 *
 * @module
 */

import * as libc from "../ipc/libc.ts";
import { note } from "../note.ts";
import { isWindows } from "../platform.ts";
import { connectionLost, SERVER_CLOSED } from "./client_notes.ts";
import type { DirectionEnd, SplitSocket } from "./connect.ts";

/**
 * Waits until the session is over and resolves to the exit status: 0 when
 * the server closed its side (after `q`, or while the learner was not
 * typing: then a note says so), 1 with one line when a read or a write
 * failed (the server went away while the client was still sending).
 * `printed` resolves once everything received is on the screen; `waiting`
 * is the writer's flag (`Stdin`): 1 while its `fgets()` waits for input.
 */
export async function sessionEnd(
  sock: SplitSocket,
  printed: Promise<void>,
  waiting: Int32Array,
): Promise<number> {
  const first = await Promise.race([sock.received, sock.sent]);
  if (first.kind === "shut") { // q: the rest arrives until the server closes
    const end = await sock.received;
    await printed;
    return connectionLost(end);
  }
  if (first.kind === "error" && first.call === "write") {
    return connectionLost(first); // write() failed: the server is gone
  }
  await printed; // read_routine printed everything and returned
  if (first.kind === "error") return connectionLost(first);
  // End of file. Was the learner still sending? Then that write fails now.
  const sending = await stillSending(sock.sent, waiting);
  if (sending) return connectionLost(sending);
  note(SERVER_CLOSED);
  return 0;
}

/**
 * After the server's end of file: the sending side's failure, if input was
 * still flowing when it came (the next write fails), or null once the
 * writer waits for input that is not there (nobody is typing).
 */
async function stillSending(
  sent: Promise<DirectionEnd>,
  waiting: Int32Array,
): Promise<DirectionEnd | null> {
  const done = sent.then((end) => end);
  while (true) {
    const flag = Atomics.load(waiting, 0);
    if (flag === 1 && !inputPending()) return null;
    const changed = Atomics.waitAsync(waiting, 0, flag).value;
    const end = await Promise.race([done, Promise.resolve(changed)]);
    if (typeof end === "object") return end.kind === "error" ? end : null;
  }
}

/** Whether standard input has bytes a read would get at once (not on Windows). */
function inputPending(): boolean {
  if (isWindows) return false;
  try {
    return libc.readableNow(0);
  } catch {
    return false;
  }
}
