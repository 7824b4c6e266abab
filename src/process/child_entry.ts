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
  parseChildSpec,
} from "./child_spec.ts";
import { atExit } from "./exit.ts";
import {
  type ChildMain,
  childReady,
  markChild,
  type ParentEnds,
} from "./fork.ts";
import { loadEntry } from "./entrypoint.ts";
import { PipeReader, PipeWriter } from "../ipc/pipe.ts";
import { applySettings } from "./settings.ts";
import { trace } from "../trace/trace.ts";

/**
 * Runs the child described by `specText` (the value of `TCPIP_CHILD`) and
 * resolves to its exit status.
 */
export async function runChild(specText: string): Promise<number> {
  // Forget the marker first, and forbid fork() here: whatever the role does,
  // this process can never start the tool's command line or another child.
  Deno.env.delete(CHILD_ENV);
  markChild();
  const spec = parseChildSpec(specText);
  applySettings(spec.settings);
  const main = await loadEntry(spec.entry) as ChildMain;
  const parent = new ParentLink(spec);
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
  #reader?: PipeReader;
  #writer?: PipeWriter;

  constructor(spec: ChildSpec) {
    this.#spec = spec;
  }

  get fromParent(): PipeReader {
    if (this.#spec.toChild === null) {
      throw new Error("this child was forked without a pipe from its parent");
    }
    return this.#reader ??= new PipeReader(
      Deno.stdin,
      this.#spec.toChild,
    );
  }

  get toParent(): PipeWriter {
    if (this.#spec.toParent === null) {
      throw new Error("this child was forked without a pipe to its parent");
    }
    return this.#writer ??= new PipeWriter(
      Deno.stderr,
      this.#spec.toParent,
    );
  }

  /** Flushes and closes the write end, so the parent sees end of file. */
  async finish(): Promise<void> {
    await this.#writer?.close();
  }
}
