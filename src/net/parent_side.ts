/**
 * What the parent of a multi-process server calls, and its children never
 * do: accept clients and start a child for each (`server.ts`), catch
 * SIGCHLD (`sigaction`), collect ended children (`waitpid`,
 * `allCollected`) and ask the OS where a child waits (`waitChannel`).
 * Programs load it with `parentOnly()`, so that a serving child, which
 * lives as long as its client, does not carry it in its memory.
 *
 * @module
 */

export { Server } from "./server.ts";
export { allCollected } from "../process/child.ts";
export { waitChannel } from "../process/proc_info.ts";
export { waitpid } from "../process/wait.ts";
export { sigaction } from "../signal/signal.ts";
