/**
 * Signal names by number. The numbers differ between systems (SIGBUS is 7
 * on Linux and 10 on macOS, where 7 is SIGEMT): a status read from
 * `/proc` or a shell's `128 + n` is named by the table of the system that
 * wrote it.
 *
 * @module
 */

const LINUX: Readonly<Record<number, string>> = {
  1: "SIGHUP",
  2: "SIGINT",
  3: "SIGQUIT",
  4: "SIGILL",
  6: "SIGABRT",
  7: "SIGBUS",
  8: "SIGFPE",
  9: "SIGKILL",
  11: "SIGSEGV",
  13: "SIGPIPE",
  14: "SIGALRM",
  15: "SIGTERM",
  31: "SIGSYS",
};

const DARWIN: Readonly<Record<number, string>> = {
  1: "SIGHUP",
  2: "SIGINT",
  3: "SIGQUIT",
  4: "SIGILL",
  6: "SIGABRT",
  7: "SIGEMT",
  8: "SIGFPE",
  9: "SIGKILL",
  10: "SIGBUS",
  11: "SIGSEGV",
  12: "SIGSYS",
  13: "SIGPIPE",
  14: "SIGALRM",
  15: "SIGTERM",
};

/**
 * The name of signal `n` on `os` (default: this one), or undefined for
 * one the tables do not name.
 *
 * @example
 * ```ts
 * import { signalName } from "./signals.ts";
 *
 * console.log(signalName(7, "linux"), signalName(7, "darwin")); // SIGBUS SIGEMT
 * console.log(signalName(64, "linux")); // undefined
 * ```
 */
export function signalName(
  n: number,
  os: typeof Deno.build.os = Deno.build.os,
): string | undefined {
  return (os === "darwin" ? DARWIN : LINUX)[n];
}
