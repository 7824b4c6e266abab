/**
 * A command on a pseudo-terminal of its own (`script`), driven as a person
 * drives it: each key is typed once the screen, since the keys before it,
 * shows what it waits for.
 *
 * @module
 */

import { hasCommand, MARKER, processesWithMarker } from "./_tcpip.ts";

/** `script` (util-linux) runs a command on a terminal of its own. */
export const SCRIPT: boolean = Deno.build.os === "linux" &&
  hasCommand("script");

/** What to type, and when. */
export interface Key {
  /** What the screen shows, since the last keys, before these are typed. */
  see: RegExp;
  /** The keys: text, `\x03` for Ctrl+C, `\x1a` for Ctrl+Z, `\x04` for Ctrl+D. */
  type: string;
  /** Runs just before the keys, with the run's marker (see `_tcpip.ts`). */
  first?: (marker: string) => void;
}

/** How the terminal runs. */
export interface TerminalOptions {
  /** Working directory. */
  cwd?: string;
  /** Environment variables, besides the test's own. */
  env?: Record<string, string>;
  /** After this, every process of the run is killed (default 60 s). */
  limitMs?: number;
}

/** What the terminal showed, and how `script` ended. */
export interface TerminalRun {
  /** Everything the screen showed, `\r` left out. */
  screen: string;
  /** `script`'s exit status: the command's. */
  status: number;
  /** The keys never typed, because the screen never showed what they wait for. */
  untyped: Key[];
}

/** Runs `command` (a `sh -c` line) on a terminal and types `keys` in turn. */
export async function onTerminal(
  command: string,
  keys: readonly Key[],
  options: TerminalOptions = {},
): Promise<TerminalRun> {
  const marker = crypto.randomUUID();
  const terminal = new Deno.Command("script", {
    args: ["-qfec", command, "/dev/null"],
    cwd: options.cwd,
    env: { ...options.env, [MARKER]: marker },
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const keyboard = terminal.stdin.getWriter();
  // Bounded: a terminal left to a stopped or waiting job would wait forever.
  const limit = setTimeout(() => {
    for (const pid of processesWithMarker(marker)) Deno.kill(pid, "SIGKILL");
  }, options.limitMs ?? 60_000);
  const untyped = [...keys];
  let screen = "";
  let since = 0;
  try {
    for await (
      const chunk of terminal.stdout.pipeThrough(new TextDecoderStream())
    ) {
      screen += chunk.replaceAll("\r", "");
      const next = untyped[0];
      if (next && next.see.test(screen.slice(since))) {
        untyped.shift();
        next.first?.(marker);
        since = screen.length;
        await keyboard.write(new TextEncoder().encode(next.type));
      }
    }
  } finally {
    clearTimeout(limit);
    await keyboard.close().catch(() => {});
  }
  return { screen, status: (await terminal.status).code, untyped };
}
