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

  /** Creates a usage error; `usage` is printed on the line after `message`. */
  constructor(message: string, usage?: string) {
    super(message);
    this.name = "UsageError";
    this.usage = usage;
  }
}

/** A program could not do its work, e.g. `bind() error: ...` (exit 1). */
export class RuntimeError extends Error {
  /** Creates a runtime error whose message is printed as it is. */
  constructor(message: string) {
    super(message);
    this.name = "RuntimeError";
  }
}
