/**
 * Input and output of `tcpip quiz` and `tcpip predict`: the learner's
 * answers, typed on a terminal or piped in, one per line; and the tool's
 * lines, wrapped to the width `explain` uses. Each prompt is `> `; when the
 * answers come from a pipe, the line read is printed after the prompt, so
 * that the output reads as a transcript (a terminal shows what was typed by
 * itself).
 *
 * @example
 * ```ts ignore
 * const answers = new Answers();
 * say("1/3 How many lines?", "    ");
 * const line = await answers.next(); // null at the end of input
 * await answers.close();
 * ```
 *
 * @module
 */

import { writeAllSync } from "../bytes.ts";
import { PipeReader } from "../ipc/pipe.ts";
import { type Text, tr } from "../text.ts";
import { WIDTH } from "./explain.ts";
import { wrapParagraphs } from "../width.ts";

/** The learner's answers, read from stdin one line at a time. */
export class Answers {
  #stdin = new PipeReader(Deno.stdin.readable, "stdin");
  #terminal = Deno.stdin.isTerminal();
  #ended = false;
  #interrupted = false;
  #stop = Promise.withResolvers<null>();

  /** True once the input has ended (or the learner stopped it). */
  get ended(): boolean {
    return this.#ended;
  }

  /** True once {@linkcode interrupt} was called (Ctrl+C). */
  get interrupted(): boolean {
    return this.#interrupted;
  }

  /** Prints the prompt and reads one answer: `null` at the end of input. */
  async next(): Promise<string | null> {
    writeAllSync(Deno.stdout, "> ");
    const line = this.#ended
      ? null
      : await Promise.race([this.#stdin.readLine(), this.#stop.promise]);
    if (line === null) this.#ended = true;
    if (this.#interrupted) {
      writeAllSync(Deno.stdout, "\n"); // after the prompt (and a terminal's ^C)
      return null;
    }
    if (!this.#terminal) writeAllSync(Deno.stdout, `${line ?? ""}\n`);
    return line;
  }

  /**
   * Ends the input now, as Ctrl+C does: a pending {@linkcode next} and every
   * later one resolve to `null`.
   */
  interrupt(): void {
    this.#interrupted = true;
    this.#ended = true;
    this.#stop.resolve(null);
  }

  /** Stops reading stdin. */
  async close(): Promise<void> {
    await this.#stdin.close();
  }
}

/**
 * Prints `text` (in the language in use) on stdout, wrapped to the width
 * of `explain`: the first line starts with `indent`, the lines it wraps
 * onto with `hanging`.
 */
export function say(
  text: Text | string,
  indent = "",
  hanging: string = indent,
): void {
  const lines = wrapParagraphs(tr(text), WIDTH - hanging.length);
  if (lines.length === 0) {
    console.log(indent);
    return;
  }
  console.log(
    [indent + lines[0], ...lines.slice(1).map((line) => hanging + line)]
      .join("\n"),
  );
}
