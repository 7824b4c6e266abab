/**
 * One Ctrl+C, one SIGINT. A terminal sends Ctrl+C's SIGINT to every process
 * of its foreground process group. Run from a shell, the tool leads a group
 * of its own, as a C program does. Run through a launcher (`deno task`,
 * `npx`), it shares the launcher's group: the launcher gets the keypress
 * too, and forwards it to the tool, so one press arrives twice (a handler
 * runs twice, and the launcher, cancelled by it, reports 130 whatever the
 * program returned).
 *
 * So, on a terminal, a tool that is not its group's leader makes a group of
 * its own and makes it the terminal's foreground group, as a shell does
 * for a job: Ctrl+C then reaches the tool and the children it starts, and
 * no launcher. At the end the launcher's group gets the terminal back.
 *
 * @example
 * ```ts ignore
 * const giveBack = takeTerminal();
 * try {
 *   // run the program
 * } finally {
 *   giveBack();
 * }
 * ```
 *
 * @module
 */

import * as libc from "../../ipc/libc.ts";
import { isWindows } from "../../platform.ts";

/**
 * Makes this process the leader of the terminal's foreground group when a
 * launcher shares that group with it; returns what gives the terminal back
 * (nothing to do elsewhere: no terminal, Windows, already a leader).
 */
export function takeTerminal(): () => void {
  if (isWindows || !Deno.stdin.isTerminal()) return () => {};
  try {
    const group = libc.getpgrp();
    const foreground = libc.foregroundGroup(0);
    if (group === Deno.pid || foreground !== group) return () => {};
    libc.ownProcessGroup();
    libc.setForegroundGroup(0, Deno.pid);
    return () => {
      try {
        libc.setForegroundGroup(0, foreground);
      } catch {
        // the launcher is gone: the shell takes the terminal back itself
      }
    };
  } catch {
    return () => {}; // no job control here: keypresses may arrive twice
  }
}
