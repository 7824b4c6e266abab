/**
 * Starting a child process: the half of the fork layer that only a parent
 * needs. `fork.ts` declares a program's roles and builds each child's spec;
 * this module starts the process, puts it in the process table and keeps
 * fork()'s start in step with the parent (`handshake.ts`).
 *
 * It plugs itself into `fork.ts` when loaded. The command line loads it
 * before a program runs; a child never does, since a child cannot fork,
 * and what it does not load it does not carry in its memory (a serving
 * child lives as long as its client).
 *
 * @module
 */

import {
  CHILD_ARG,
  CHILD_ENV,
  childLabel,
  type ChildSpec,
} from "./child_spec.ts";
import { ChildProcess, register, tableEntries } from "./child.ts";
import { childEnv } from "./child_tuning.ts";
import { setSpawner } from "./fork.ts";
import { Handshake } from "./handshake.ts";
import { currentSelfExecContext, selfCommand } from "./self_exec.ts";
import * as libc from "../ipc/libc.ts";
import { owe } from "../signal/clock.ts";
import { trace } from "../trace/trace.ts";

/**
 * Starts the child a spec describes; the one place a child process is
 * created. `adopt` (default) puts it in the process table at once.
 */
export function spawnChild(
  spec: ChildSpec,
  adopt = true,
  inherit: readonly number[] = [],
): ChildProcess {
  const label = childLabel(spec);
  const { command, args } = selfCommand(currentSelfExecContext(), [
    CHILD_ARG,
    label,
  ]);
  // A child the program forks (not one started ahead for a pool) starts in
  // step with its parent: fork() returns once the child's code is about to
  // run, as C's fork() returns in both processes at once.
  const handshake = adopt ? Handshake.open() : undefined;
  const started = performance.now();
  const othersRunning = tableEntries().some((other) => !other.exited);
  if (handshake) spec.ready = handshake.childEnds;
  const alive = spec.inherited ? aliveFor(spec) : undefined;
  if (alive !== undefined) inherit = [...inherit, alive];
  // Only this spawn inherits them: nothing else spawns while we are here.
  for (const fd of inherit) libc.setCloseOnExec(fd, false);
  let process: Deno.ChildProcess;
  try {
    process = new Deno.Command(command, {
      args,
      env: {
        [CHILD_ENV]: JSON.stringify(spec),
        ...childEnv(), // see child_tuning.ts
      },
      stdin: spec.toChild !== null ? "piped" : "null",
      stdout: "inherit",
      stderr: spec.toParent !== null ? "piped" : "inherit",
    }).spawn();
  } finally {
    handshake?.spawned();
    for (const fd of inherit) libc.setCloseOnExec(fd, true);
    if (alive !== undefined) libc.close(alive);
  }
  const child = new ChildProcess(process, label, spec);
  register(child, adopt);
  // Recorded before the child may go on, so that the picture shows the
  // fork before anything the child does. A child started ahead (a warm
  // pool) is the tool's doing; its fork of the book's comes at adopt().
  const forked = () =>
    trace("fork", label, {
      peer: child.pid,
      tool: !adopt,
      n: handshake ? performance.now() - started : undefined,
    });
  if (handshake) {
    handshake.waitReady(forked);
    if (othersRunning) owe(performance.now() - started);
  } else forked();
  return child;
}

/**
 * The write ends of the pipes that tell children forked with `watchParent`
 * that this process is gone: held, never written, until it ends.
 */
const watchedBy: number[] = [];

/** A pipe for `spec`'s child to watch: gives it the read end, keeps the other. */
function aliveFor(spec: ChildSpec): number {
  const [exit, entrance] = libc.pipe();
  watchedBy.push(entrance); // close-on-exec: no other child holds it
  spec.parentAlive = exit;
  return exit;
}

setSpawner(spawnChild);
