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
 * Ctrl+Z then stops the tool's group alone, and the shell, which waits for
 * the launcher, would never see its job stop: the terminal would stay with
 * a stopped group, deaf to every key. So the tool takes SIGTSTP itself: it
 * gives the terminal back, rejoins the launcher's group and stops it whole
 * (SIGSTOP), as the keypress stops a job that shares one group; the shell
 * then says `Stopped` and takes the terminal. Its `fg` continues the group;
 * the tool takes the terminal again and continues its children, which the
 * keypress stopped. After `bg` it runs in the background with the launcher.
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
  let launcher: number;
  try {
    launcher = libc.getpgrp();
    const foreground = libc.foregroundGroup(0);
    if (launcher === Deno.pid || foreground !== launcher) return () => {};
    lead();
  } catch {
    return () => {}; // no job control here: keypresses may arrive twice
  }
  const stop = () => stopWith(launcher);
  const resume = () => leadAgain(launcher);
  Deno.addSignalListener("SIGTSTP", stop);
  Deno.addSignalListener("SIGCONT", resume);
  return () => {
    Deno.removeSignalListener("SIGTSTP", stop);
    Deno.removeSignalListener("SIGCONT", resume);
    try {
      libc.setForegroundGroup(0, launcher);
    } catch {
      // the launcher is gone: the shell takes the terminal back itself
    }
  };
}

/** A group of this process's own (its children's too), the terminal's foreground. */
function lead(): void {
  libc.ownProcessGroup();
  libc.setForegroundGroup(0, Deno.pid);
}

/**
 * Ctrl+Z: the launcher's whole group stops, this process in it, so that the
 * shell sees its job stop and takes the terminal; returns once continued.
 */
function stopWith(launcher: number): void {
  try {
    libc.setForegroundGroup(0, launcher);
    libc.joinProcessGroup(launcher);
    Deno.kill(-launcher, "SIGSTOP"); // returns once the shell continues the job
  } catch {
    return; // the launcher is gone: this process goes on leading its group
  }
  continueChildren();
  leadAgain(launcher);
}

/** Continued in the foreground (`fg`): the terminal is this process's again. */
function leadAgain(launcher: number): void {
  try {
    if (libc.getpgrp() !== launcher) return; // leading already
    if (libc.foregroundGroup(0) !== launcher) return; // `bg`: not ours to take
    lead();
    continueChildren();
  } catch {
    // no job control any more: the shell keeps the terminal
  }
}

/** SIGCONT to this process's own group: its children, stopped by the keypress. */
function continueChildren(): void {
  try {
    Deno.kill(-Deno.pid, "SIGCONT");
  } catch {
    // no child in it
  }
}
