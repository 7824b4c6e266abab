import type { Text } from "./text.ts";

/**
 * The two kinds of failure the command line reports, and their exit statuses.
 *
 * @module
 */

/** Exit status for bad usage: unknown command, wrong arguments. */
export const EXIT_USAGE = 2;
/** Exit status for a failure while running: a port in use, a refused connection. */
export const EXIT_RUNTIME = 1;

/** The user asked for something the command line does not accept (exit 2). */
export class UsageError extends Error {
  /** The usage line to print under the message, if any. */
  readonly usage?: string;
  /** The message in both languages (`message` is the English one). */
  readonly text: Text;

  /**
   * Creates a usage error; `usage` is printed on the line after the message,
   * in the language in use.
   */
  constructor(message: string | Text, usage?: string) {
    const text = typeof message === "string"
      ? { en: message, ko: message }
      : message;
    super(text.en);
    this.name = "UsageError";
    this.usage = usage;
    this.text = text;
  }
}

/** A program could not do its work, e.g. `bind() error: ...` (exit 1). */
export class RuntimeError extends Error {
  /** The message in both languages (`message` is the English one). */
  readonly text: Text;

  /** Creates a runtime error whose message is printed as it is. */
  constructor(message: string | Text) {
    const text = typeof message === "string"
      ? { en: message, ko: message }
      : message;
    super(text.en);
    this.name = "RuntimeError";
    this.text = text;
  }
}

/** What went wrong, in words: an error's message, or the thrown value itself. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
