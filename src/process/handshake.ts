/**
 * fork()'s start, in step: two pipes between parent and child. The child
 * writes "ready" once its runtime is up and its code loaded, then waits for
 * "go"; the parent blocks until "ready", answers "go" and returns from
 * fork(). The parent is then already running when the child is woken, as
 * after a real fork() the parent usually runs first while the child is
 * scheduled.
 *
 * Both halves are here; the child's is small on purpose, since every
 * module a child loads stays in its memory.
 *
 * @module
 */

import * as libc from "../ipc/libc.ts";

/** The descriptors the child uses (the same numbers in the child). */
export interface HandshakeEnds {
  /** Where the child says it is ready. */
  ready: number;
  /** Where the child waits for its parent to go on. */
  go: number;
}

/** The parent's half: the pipes, and the wait for "ready". */
export class Handshake {
  #readyRead: number;
  #readyWrite: number;
  #goRead: number;
  #goWrite: number;

  private constructor(ready: [number, number], go: [number, number]) {
    [this.#readyRead, this.#readyWrite] = ready;
    [this.#goRead, this.#goWrite] = go;
  }

  /** Makes the pipes; only the child's ends are inherited by the next spawn. */
  static open(): Handshake {
    const handshake = new Handshake(libc.pipe(), libc.pipe());
    libc.setCloseOnExec(handshake.#readyWrite, false);
    libc.setCloseOnExec(handshake.#goRead, false);
    return handshake;
  }

  /** The descriptors the child uses (the same numbers in the child). */
  get childEnds(): HandshakeEnds {
    return { ready: this.#readyWrite, go: this.#goRead };
  }

  /** After the spawn: the parent drops its copies of the child's ends. */
  spawned(): void {
    libc.close(this.#readyWrite);
    libc.close(this.#goRead);
  }

  /**
   * Blocks until the child is ready (or has died: end of file), calls
   * `ready`, then lets the child go.
   */
  waitReady(ready: () => void): void {
    try {
      // 0 bytes (end of file): the child died before it was ready; its
      // status will say so.
      libc.read(this.#readyRead, new Uint8Array(1));
      ready();
      libc.write(this.#goWrite, new Uint8Array([1]));
    } catch {
      // EPIPE: the child is gone already; its status will say so.
    } finally {
      libc.close(this.#readyRead);
      libc.close(this.#goWrite);
    }
  }
}

/**
 * The child's half: says it is ready and waits until its parent has
 * returned from fork().
 */
export function childReady(ends: HandshakeEnds): void {
  libc.write(ends.ready, new Uint8Array([1]));
  libc.close(ends.ready);
  libc.read(ends.go, new Uint8Array(1));
  libc.close(ends.go);
}
