/**
 * Handing an accepted client to the child that serves it: the parent's
 * side. In C the child inherits `clnt_sock` from `fork()`, and the parent
 * then closes its own copy. A Deno child is a new run of the program,
 * started ahead of its client, so the socket is sent to it once the client
 * comes, and then the parent closes its copy at once, as the book's does.
 *
 * - Linux, macOS: each child is started with its own hand-off link, one
 *   end of a socket pair it inherits (`openLink()`); the parent sends the
 *   client's socket over it (`sendmsg()` with `SCM_RIGHTS`) and closes the
 *   link once the child is up. The child says so on the same link: one
 *   byte once it is warm and waits, or its end closed once it has its
 *   client. The link is the child's from its start, so no other process
 *   can reach it and no reused pid can be mixed up with it; the parent
 *   closes its end when the child ends, whatever ended it.
 * - Windows has no `SCM_RIGHTS`: the parent calls `WSADuplicateSocketW()`
 *   for the child's pid and writes the resulting `WSAPROTOCOL_INFOW` into
 *   the child's stdin; the child opens its own socket for the connection
 *   from it (`WSASocketW()`).
 *
 * The child's side is `child_socket.ts`.
 *
 * @module
 */

import { messageOf } from "../errors.ts";
import { type FdLink, openLink } from "../ipc/fd_pass.ts";
import * as libc from "../ipc/libc.ts";
import { win32 } from "../ipc/windows.ts";
import { note } from "../note.ts";
import { withJosa } from "../josa.ts";
import { isWindows } from "../platform.ts";
import type { ChildProcess } from "../process/child.ts";
import type { ForkOptions } from "../process/fork.ts";
import { trace } from "../trace/trace.ts";
import type { Listener } from "./listener.ts";

/** A child about to be started for a client: how to fork it, and what follows. */
export interface PreparedChild {
  /** The fork options that give the child its end of the hand-off. */
  options: ForkOptions;
  /** Call with the started child, or null if it could not be started. */
  started(child: ChildProcess | null): void;
}

/** How sockets reach this platform's children. */
export interface Handoff {
  /** Prepares the start of a child that will get a client's socket. */
  prepare(): PreparedChild;
  /** Whether `child` can still take a socket (it runs, its link is whole). */
  usable(child: ChildProcess): boolean;
  /**
   * Whether `child` has said it is ready: started, warmed up, waiting for
   * a socket that it will serve at once (Windows: always true, unknown).
   */
  ready(child: ChildProcess): boolean;
  /**
   * How many started children have not yet said they are up: still
   * starting, whether they wait for a client or have one already
   * (Windows: 0, unknown).
   */
  starting(): number;
  /** Sends `sock` to `child`; the caller still holds `sock` and closes it. */
  give(sock: number, child: ChildProcess): Promise<void>;
}

/** This platform's hand-off. */
export function openHandoff(): Handoff {
  return isWindows ? new DuplicateHandoff() : new LinkHandoff();
}

/**
 * Linux, macOS: a socket pair per child, `SCM_RIGHTS` over it. The child
 * says on the same link when it is up: one byte once it waits for a
 * client, warmed up, or the end of its side once it has its client.
 */
class LinkHandoff implements Handoff {
  /** The links of children waiting for a client. */
  #links = new Map<ChildProcess, FdLink>();
  /** The links of children given a client before they said they were up. */
  #given = new Map<ChildProcess, FdLink>();

  prepare(): PreparedChild {
    const { link, childEnd } = openLink();
    return {
      options: { adopt: false, handoff: childEnd },
      started: (child) => {
        libc.close(childEnd); // the child has its own copy now
        if (!child) return link.close();
        this.#links.set(child, link);
        // Whatever ends the child, its link goes with it.
        void child.status.then(() => {
          link.close();
          this.#links.delete(child);
          this.#given.delete(child);
        });
      },
    };
  }

  usable(child: ChildProcess): boolean {
    const link = this.#links.get(child);
    return link !== undefined && !child.exited && !link.broken;
  }

  ready(child: ChildProcess): boolean {
    return this.#links.get(child)?.state === "ready";
  }

  starting(): number {
    let count = 0;
    for (const link of this.#links.values()) {
      if (link.state === "starting") count++;
    }
    for (const [child, link] of this.#given) {
      if (link.state === "starting") count++;
      else this.#forget(child, link);
    }
    return count;
  }

  give(sock: number, child: ChildProcess): Promise<void> {
    const link = this.#links.get(child);
    if (!link) {
      return Promise.reject(new Error(`${child.pid} has no hand-off link`));
    }
    this.#links.delete(child);
    try {
      // Recorded first: the child cannot have the socket any earlier.
      trace("send", "clnt_sock", { peer: child.pid, n: sock, tool: true });
      link.send(sock);
    } catch (error) {
      link.close();
      throw error;
    }
    // The child takes one socket and waits for no other. A child still
    // starting keeps its link until it is up, so starting() counts it.
    if (link.state === "starting") this.#given.set(child, link);
    else link.close();
    return Promise.resolve();
  }

  #forget(child: ChildProcess, link: FdLink): void {
    link.close();
    this.#given.delete(child);
  }
}

/** Windows: `WSADuplicateSocketW()` for the child, into its stdin. */
class DuplicateHandoff implements Handoff {
  prepare(): PreparedChild {
    return {
      options: { adopt: false, toChild: "clnt_sock" },
      started(child) {
        // A child that ends without a client leaves no pipe behind.
        void child?.status.then(() => child.toChild.close().catch(() => {}));
      },
    };
  }

  usable(child: ChildProcess): boolean {
    return !child.exited;
  }

  ready(child: ChildProcess): boolean {
    return !child.exited;
  }

  starting(): number {
    return 0;
  }

  async give(sock: number, child: ChildProcess): Promise<void> {
    try {
      const info = win32.duplicateSocket(sock, child.pid);
      trace("send", "clnt_sock", { peer: child.pid, n: sock, tool: true });
      await child.toChild.write(info);
    } finally {
      // End of file for the child either way: without a socket it ends.
      await child.toChild.close().catch(() => {});
    }
  }
}

/**
 * An accepted client, as the parent holds it until a child takes it: the
 * book's `clnt_sock` between `accept()` and `close(clnt_sock)`.
 */
export class ClientSocket {
  /** `ip:port` of the client. */
  readonly peer: string;
  /** The parent's descriptor for it (Windows: its SOCKET). */
  readonly fd: number;
  #listener: Listener;
  #handoff: Handoff;
  #closed = false;

  /** An accepted socket `fd` of `listener`, handed over by `handoff`. */
  constructor(fd: number, peer: string, listener: Listener, handoff: Handoff) {
    this.fd = fd;
    this.peer = peer;
    this.#listener = listener;
    this.#handoff = handoff;
  }

  /**
   * Gives the socket to `child`, which serves the client from now on, and
   * closes the parent's copy: C's child inherits `clnt_sock` from `fork()`,
   * then the parent calls `close(clnt_sock)`. A child that cannot take it
   * (it died meanwhile) leaves the client closed, with a note.
   */
  async handTo(child: ChildProcess): Promise<void> {
    try {
      const given = this.#handoff.give(this.fd, child);
      this.#listener.handedOff();
      await given;
      note({
        en: `child ${child.pid} serves ${this.peer}`,
        ko: `자식 프로세스 ${withJosa(child.pid, "이/가")} ${
          withJosa(this.peer, "을/를")
        } 처리한다`,
      });
    } catch (error) {
      note({
        en: `could not hand the client ${this.peer} to ${child.pid}: ${
          messageOf(error)
        }; closed it`,
        ko: `클라이언트 ${
          withJosa(this.peer, "을/를")
        } ${child.pid}에 넘기지 못해 닫았다: ${messageOf(error)}`,
      });
    } finally {
      this.close(); // close(clnt_sock); in the parent
    }
  }

  /** C's `close(clnt_sock)` in the parent: without a child, the client sees end of file. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#listener.closeClient(this.fd);
    trace("close", `clnt_sock (fd ${this.fd})`);
  }
}
