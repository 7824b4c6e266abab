/**
 * What the operating system under us offers. Programs branch on these, so
 * each platform's path is separate and easy to read.
 *
 * @module
 */

/** The operating system family. */
export const os: typeof Deno.build.os = Deno.build.os;

/** Windows has no POSIX signals besides SIGINT/SIGBREAK, no zombies, no fork. */
export const isWindows: boolean = os === "windows";

/** Linux exposes every process's state and descriptors under `/proc`. */
export const hasProcFs: boolean = os === "linux";
