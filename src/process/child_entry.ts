/**
 * The hidden child entry: what a process started by the fork layer runs
 * instead of the command line. It imports the module named in its spec,
 * runs the requested function with the handed-over state, and exits with
 * the function's status.
 *
 * @module
 */

import {
  CHILD_ENV,
  childLabel,
  type ChildSpec,
  markChild,
  parseChildSpec,
} from "./child_spec.ts";
import { atExit } from "./exit.ts";
import type { ChildMain, ParentEnds } from "./fork.ts";
import { childReady } from "./handshake.ts";
import { loadEntry } from "./entrypoint.ts";
import { applySettings } from "./settings.ts";
import { lazy } from "../lazy.ts";
import type * as Pipes from "../ipc/pipe.ts";
import { nameDescriptors } from "../ipc/sys.ts";
import { trace } from "../trace/trace.ts";

/**
 * Runs the child described by `specText` (the value of `TCPIP_CHILD`) and
 * resolves to its exit status.
 */
export async function runChild(specText: string): Promise<number> {
  // Forget the marker first, and forbid fork() here before anything of the
  // role runs: this process can never start the command line or a child.
  Deno.env.delete(CHILD_ENV);
  const spec = parseChildSpec(specText);
  markChild(spec);
  applySettings(spec.settings);
  if (spec.labels) nameDescriptors(spec.labels);
  const main = await loadEntry(spec.entry) as ChildMain;
  // Only a child with pipes to its parent loads their code (a serving
  // child has none: its client's socket is all it reads and writes).
  const pipes = spec.toChild !== null || spec.toParent !== null
    ? await lazy<typeof Pipes>(import.meta.url, "../ipc/pipe.ts")
    : undefined;
  const parent = new ParentLink(spec, pipes);
  if (spec.parentAlive !== undefined) {
    const { routines } = await lazy<
      typeof import("./watchers/parent_watch.ts")
    >(
      import.meta.url,
      "./watchers/parent_watch.ts",
    );
    routines.start("watch", {
      fd: spec.parentAlive,
      parent: spec.parent,
      inherited: spec.inherited ?? [],
    }).done.catch(() => {});
  }
  if (spec.ready) childReady(spec.ready); // fork() returns in the parent now
  trace("start", childLabel(spec));
  atExit((status) => trace("exit", `exit(${status})`)); // C's exit() in the role
  let code = 1;
  try {
    const returned = await main(spec.state, parent);
    code = typeof returned === "number" ? returned : 0;
    return code;
  } finally {
    await parent.finish();
    // The child's own end, at the moment it happens (its parent may learn of
    // it much later: a zombie waits for exactly that).
    trace("exit", `exit ${code}`);
  }
}

/** The child's pipe ends, made on first use from its stdin and stderr. */
class ParentLink implements ParentEnds {
  #spec: ChildSpec;
  #pipes?: typeof Pipes;
  #reader?: Pipes.PipeReader;
  #writer?: Pipes.PipeWriter;

  /** `pipes` is `pipe.ts`, loaded when the spec names a pipe. */
  constructor(spec: ChildSpec, pipes?: typeof Pipes) {
    this.#spec = spec;
    this.#pipes = pipes;
  }

  get fromParent(): Pipes.PipeReader {
    if (this.#spec.toChild === null || !this.#pipes) {
      throw new Error("this child was forked without a pipe from its parent");
    }
    return this.#reader ??= new this.#pipes.PipeReader(
      Deno.stdin,
      this.#spec.toChild,
    );
  }

  get toParent(): Pipes.PipeWriter {
    if (this.#spec.toParent === null || !this.#pipes) {
      throw new Error("this child was forked without a pipe to its parent");
    }
    return this.#writer ??= new this.#pipes.PipeWriter(
      Deno.stderr,
      this.#spec.toParent,
    );
  }

  /** Flushes and closes the write end, so the parent sees end of file. */
  async finish(): Promise<void> {
    await this.#writer?.close();
  }
}
