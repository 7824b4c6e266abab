/**
 * A child that outlives its parent says so. In C a child whose parent ends
 * goes on, adopted by init; the book's store process does, and it keeps the
 * listening socket it inherited, so the port stays taken and new clients
 * connect (the kernel completes their handshakes into the listen queue)
 * without ever being served. Nothing in the terminal shows that.
 *
 * A child forked with `watchParent` inherits the read end of a pipe whose
 * only write end its parent holds; a routine on a worker thread (the child's
 * main thread may block in a C-style read all the while) waits for end of
 * file there, which comes the moment the parent ends, however it ends. It
 * then says what this process still holds, from the OS: a listening socket
 * among its descriptors, by its address.
 *
 * @module
 */

import * as libc from "../../ipc/libc.ts";
import { note } from "../../note.ts";
import { withJosa } from "../../josa.ts";
import { defineRoutines, type Routines } from "../threads/worker.ts";

/** What the watcher needs: the pipe's end, the parent, the inherited descriptors. */
export interface ParentWatch {
  /** The read end of the pipe only the parent writes. */
  fd: number;
  /** The parent's pid. */
  parent: number;
  /** Descriptors the child inherited (a listening socket among them?). */
  inherited: readonly number[];
}

/** The watcher, run on its own worker. */
export const routines: Routines<
  { watch(data: ParentWatch): void }
> = defineRoutines(import.meta.url, {
  /** Blocks until the parent is gone, then says what this process holds. */
  watch({ fd, parent, inherited }: ParentWatch): void {
    while (libc.read(fd, new Uint8Array(1)) !== 0) {
      // nothing is ever written: only the end of file counts
    }
    const listening = inherited.map(listeningAddress).find((a) => a !== null);
    note(
      listening
        ? {
          en:
            `the server ${parent} ended; this process (${Deno.pid}) still holds the listening ` +
            `socket ${listening}, as the book's store process does: the port stays taken, ` +
            "and clients that connect are never served, for as long as this process lives",
          ko:
            `서버 ${
              withJosa(parent, "이/가")
            } 종료했다. 이 프로세스(${Deno.pid})는 책의 저장 프로세스처럼 ` +
            `서버 소켓 ${
              withJosa(listening, "을/를")
            } 아직 가지고 있다. 이 프로세스가 살아 있는 동안 포트는 ` +
            "사용 중으로 남고, 접속한 클라이언트는 처리되지 않는다",
        }
        : {
          en:
            `the parent ${parent} ended; this process (${Deno.pid}) goes on, as a C child does`,
          ko: `부모 ${
            withJosa(parent, "이/가")
          } 종료했다. 이 프로세스(${Deno.pid})는 C의 자식처럼 계속 실행된다`,
        },
    );
  },
});

/** `ip:port` of `fd` if it is a listening TCP socket (no peer), else null. */
function listeningAddress(fd: number): string | null {
  try {
    const local = libc.getsockname(fd);
    if (!local) return null;
    try {
      libc.getpeername(fd);
      return null; // it has a peer: a client's socket
    } catch {
      return `${local.hostname}:${local.port}`; // ENOTCONN: listening
    }
  } catch {
    return null; // not a socket
  }
}
