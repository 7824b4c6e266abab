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

/** An exited child stays in the process table until its parent reaps it. */
export const hasZombies: boolean = !isWindows;

/**
 * Two processes can hold both ends of one pipe: on Linux a process can open
 * another end of a pipe it holds through `/proc/<pid>/fd/<n>`.
 */
export const canSharePipe: boolean = hasProcFs;
