/**
 * The hidden child entry: what a process started by the fork layer runs
 * instead of the command line. It loads the program module named in its
 * spec, runs the requested role with the handed-over state, and exits with
 * the role's status.
 *
 * @module
 */

import { CHILD_ENV, type ChildSpec, parseChildSpec } from "./child_spec.ts";
import { creditStartup, setSpeed } from "../signal/clock.ts";
import { markChild, type ParentEnds } from "./fork.ts";
import { PipeReader, PipeWriter } from "../ipc/pipe.ts";
import { setLang } from "../text.ts";
import { joinTrace, trace } from "../trace/trace.ts";
import type { ProgramModule } from "../program.ts";

/**
 * Runs the child described by `specText` (the value of `TCPIP_CHILD`) and
 * resolves to its exit status. `load` finds a program module by file name.
 */
export async function runChild(
  specText: string,
  load: (program: string) => Promise<ProgramModule | undefined>,
): Promise<number> {
  // Forget the marker first, and forbid fork() here: whatever the role does,
  // this process can never start the tool's command line or another child.
  Deno.env.delete(CHILD_ENV);
  markChild();
  const spec = parseChildSpec(specText);
  setSpeed(spec.speed);
  setLang(spec.lang);
  if (spec.trace) joinTrace(spec.trace);
  const module = await load(spec.program);
  if (!module?.children) {
    throw new Error(`no child roles in program '${spec.program}'`);
  }
  trace("start", `${spec.program}:${spec.role}`);
  creditStartup(Date.now() - spec.forkedAt);
  const parent = new ParentLink(spec);
  let code = 1;
  try {
    code = await module.children.run(spec.role, spec.state, parent);
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
