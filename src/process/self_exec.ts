/**
 * How to start this same program again, as the fork layer does for every
 * child: the compiled binary runs itself, a source checkout runs
 * `deno run <permissions> main.ts`.
 *
 * @module
 */

import { CHILD_RUN_FLAGS } from "./child_tuning.ts";

/**
 * The permissions the tool runs with, in one place: `deno.json`'s tasks and
 * the compile script use the same flags (a test checks that). Deno treats
 * `/proc` and `/dev/fd` as privileged paths that only `--allow-all` opens,
 * and the tool reads process states, descriptor tables and pipe ends there.
 */
export const PERMISSION_FLAGS: readonly string[] = ["--allow-all"];

/** What decides how to re-execute: the facts of the running process. */
export interface SelfExecContext {
  /** `Deno.build.standalone`: true inside a binary made by `deno compile`. */
  standalone: boolean;
  /** `Deno.execPath()`: the binary, or the `deno` executable. */
  execPath: string;
  /** Path of `main.ts` (used only when not standalone). */
  mainPath: string;
}

/** A command line: the program and its arguments. */
export interface CommandLine {
  /** The executable to start. */
  command: string;
  /** Its arguments. */
  args: string[];
}

/**
 * The command line that starts this program again with `args`. A pure
 * function of `context`, so both modes can be tested anywhere.
 */
export function selfCommand(
  context: SelfExecContext,
  args: readonly string[],
): CommandLine {
  if (context.standalone) {
    return { command: context.execPath, args: [...args] };
  }
  return {
    command: context.execPath,
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      "--cached-only",
      ...CHILD_RUN_FLAGS, // see child_tuning.ts
      ...PERMISSION_FLAGS,
      context.mainPath,
      ...args,
    ],
  };
}

/** The facts of this running process, for {@linkcode selfCommand}. */
export function currentSelfExecContext(): SelfExecContext {
  return {
    standalone: Deno.build.standalone,
    execPath: Deno.execPath(),
    mainPath: mainPath(),
  };
}

function mainPath(): string {
  const url = new URL("../../main.ts", import.meta.url);
  if (url.protocol !== "file:") return url.href;
  const path = decodeURIComponent(url.pathname);
  // file:///C:/x/main.ts names C:\x\main.ts on Windows.
  return Deno.build.os === "windows"
    ? path.slice(1).replaceAll("/", "\\")
    : path;
}
