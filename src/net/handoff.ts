/**
 * Handing an accepted client socket to the child that serves it. In C the
 * child inherits `clnt_sock` from `fork()`, and the parent then closes its
 * own copy. A Deno child is a new run of the program, so on Linux and macOS
 * the parent sends the socket over a private Unix socket (`sendmsg()` with
 * `SCM_RIGHTS`, see `src/ipc/fd_pass.ts`): the child gets a descriptor for
 * the same socket, reads and writes it itself, and the parent closes its
 * copy at once, as the book's parent does. This module is the parent's
 * side; the child's is `child_socket.ts`.
 *
 * Windows has no `SCM_RIGHTS`; there the parent calls
 * `WSADuplicateSocketW()` for the child's pid and writes the resulting
 * `WSAPROTOCOL_INFOW` into the child's stdin; the child opens its own socket
 * for the connection from it (`WSASocketW()`), and the parent closes its
 * copy: the same structure, by Windows' own means (`src/ipc/win32.ts`).
 *
 * @module
 */

import { FdServer } from "../ipc/fd_pass.ts";
import { note } from "../note.ts";
import { type ChildProcess, isOurChild } from "../process/child.ts";
import { setHandoff } from "../process/settings.ts";
import { trace } from "../trace/trace.ts";

/** The parent's side (Linux, macOS): sends accepted sockets to the children it started. */
export class Handoff {
  #server: FdServer;

  private constructor(server: FdServer) {
    this.#server = server;
  }

  /**
   * Opens the private rendezvous; children forked from now on get its
   * address with their settings. Only this process's own children may link:
   * any other process that connects is refused, and a note says so.
   */
  static open(): Handoff {
    const server = FdServer.open({
      isExpected: isOurChild,
      onStranger(pid) {
        note({
          en:
            `refused process ${pid} at the socket hand-off: not a child of this server`,
          ko:
            `소켓 전달 통로에서 프로세스 ${pid}를 거절함: 이 서버의 자식이 아니다`,
        });
      },
    });
    setHandoff(server.address);
    return new Handoff(server);
  }

  /**
   * Sends the socket `fd` to `child` (once it has linked), then closes the
   * link. The parent still holds `fd` afterwards; closing it is its own step.
   */
  async give(fd: number, child: ChildProcess): Promise<void> {
    const link = await Promise.race([
      this.#server.expect(child.pid),
      child.status.then(() => {
        throw new Error(`child ${child.pid} ended before it took the socket`);
      }),
    ]);
    try {
      // Recorded first: the child cannot have the socket any earlier.
      trace("send", "clnt_sock", { peer: child.pid, n: fd, tool: true });
      link.send(fd);
    } finally {
      link.close();
    }
  }

  /** Closes the rendezvous; children forked later get no address. */
  async close(): Promise<void> {
    setHandoff(undefined);
    await this.#server.close();
  }
}
