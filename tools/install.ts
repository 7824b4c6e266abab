/**
 * `deno task install [--dir DIR]`: puts a `tcpip` command into `DIR`
 * (default `$TCPIP_INSTALL`, else `~/.local/bin`) that runs this checkout
 * from source, so a learner can type `tcpip pipe3` instead of
 * `deno task tcpip pipe3`.
 *
 * The command runs the Deno that ran the install (`Deno.execPath()`) on
 * this checkout's `main.ts`, both by absolute path, so it needs no `deno`
 * on PATH. When that Deno came through `npx`, it lives in npm's cache,
 * which can be cleared; the command then runs Deno through
 * `npx --yes deno@2.9.6` instead.
 *
 * On Unix the command is a sh script that `exec`s Deno: Deno replaces the
 * shell, so the program is the only process, one Ctrl+C reaches it once
 * (nothing in between forwards it again, as `deno task` does for its
 * child), and its exit status is the command's (a shell left in between
 * would itself die of a Ctrl+C the program handles). On Windows it is
 * `tcpip.cmd`.
 *
 * @module
 */

import { parseArgs } from "@std/cli";
import { PERMISSION_FLAGS } from "../src/process/self_exec.ts";

/** The Deno version the project pins; the launcher's fallback runs it through npx. */
export const DENO_VERSION = "2.9.6";

/** What an installed command runs. */
export interface LauncherTarget {
  /** Absolute path of the Deno executable. */
  deno: string;
  /** Absolute path of the checkout's `main.ts`. */
  main: string;
}

/** Deno's arguments before the tool's own: `run` with the tool's permissions. */
export const RUN_ARGS: readonly string[] = [
  "run",
  ...PERMISSION_FLAGS,
  "--quiet",
  "--no-prompt",
];

const USAGE = "usage: deno task install [--dir DIR]";

/** The sh launcher for Linux and macOS. */
export function unixLauncher({ deno, main }: LauncherTarget): string {
  const run = RUN_ARGS.join(" ");
  return `#!/bin/sh
# tcpip from source: runs ${main} with Deno.
# Written by \`deno task install\`; run that again if the checkout moves.
deno=${shQuote(deno)}
main=${shQuote(main)}
if [ ! -f "$main" ]; then
  echo "tcpip: $main is gone; run 'deno task install' in the checkout again" >&2
  exit 1
fi
if [ ! -x "$deno" ]; then
  # That Deno was in a cache that has been cleared (npx's): get it again.
  gone=$deno
  deno=$(npx --yes deno@${DENO_VERSION} eval 'console.log(Deno.execPath())' 2>/dev/null | tail -n 1)
  if [ -z "$deno" ] || [ ! -x "$deno" ]; then
    echo "tcpip: $gone is gone and 'npx --yes deno@${DENO_VERSION}' did not provide a Deno" >&2
    exit 1
  fi
fi
# exec: Deno replaces this shell, so there is one process and one Ctrl+C
# reaches the program once.
exec "$deno" ${run} "$main" "$@"
`;
}

/** The cmd launcher for Windows (`tcpip.cmd`). */
export function windowsLauncher({ deno, main }: LauncherTarget): string {
  const run = RUN_ARGS.join(" ");
  const lines = [
    "@echo off",
    `rem tcpip from source: runs ${cmdEcho(main)} with Deno.`,
    "rem Written by `deno task install`; run that again if the checkout moves.",
    `if exist ${cmdQuote(main)} goto run`,
    `>&2 echo tcpip: ${
      cmdEcho(main)
    } is gone; run 'deno task install' in the checkout again`,
    "exit /b 1",
    ":run",
    `if not exist ${cmdQuote(deno)} goto npx`,
    `${cmdQuote(deno)} ${run} ${cmdQuote(main)} %*`,
    "exit /b %ERRORLEVEL%",
    ":npx",
    "rem That Deno was in a cache that has been cleared (npx's): run it through npx.",
    `call npx --yes deno@${DENO_VERSION} ${run} ${cmdQuote(main)} %*`,
    "exit /b %ERRORLEVEL%",
  ];
  return lines.join("\r\n") + "\r\n";
}

/** Options of {@linkcode install}. */
export interface InstallOptions {
  /** Directory to put the command into (created if missing). */
  dir: string;
  /** The Deno to run; default: the one running now. */
  deno?: string;
  /** The checkout's `main.ts`; default: this checkout's. */
  main?: string;
}

/**
 * Writes the launcher into `options.dir` as `tcpip` (`tcpip.cmd` on
 * Windows), replacing one that is there, and resolves to its path.
 */
export async function install(options: InstallOptions): Promise<string> {
  const windows = Deno.build.os === "windows";
  const target: LauncherTarget = {
    deno: options.deno ?? Deno.execPath(),
    main: options.main ?? mainPath(),
  };
  const dir = options.dir.replace(/(.)[\\/]+$/, "$1");
  const path = `${dir}${windows ? "\\" : "/"}${
    windows ? "tcpip.cmd" : "tcpip"
  }`;
  await Deno.mkdir(dir, { recursive: true });
  // Write beside it, then rename: a shell that is running the old script
  // reads it as it goes and must not see it change under it.
  const staged = `${path}.${Deno.pid}.new`;
  try {
    await Deno.writeTextFile(
      staged,
      windows ? windowsLauncher(target) : unixLauncher(target),
    );
    if (!windows) await Deno.chmod(staged, 0o755);
    await Deno.rename(staged, path);
  } catch (error) {
    await Deno.remove(staged).catch(() => {});
    throw error;
  }
  return path;
}

/**
 * Where the command goes when no `--dir` is given: `$TCPIP_INSTALL`, else
 * `~/.local/bin`. Undefined when neither that nor a home directory is set.
 */
export function defaultInstallDir(
  env: Record<string, string | undefined> = Deno.env.toObject(),
  os: typeof Deno.build.os = Deno.build.os,
): string | undefined {
  if (env.TCPIP_INSTALL) return env.TCPIP_INSTALL;
  const home = os === "windows" ? env.USERPROFILE ?? env.HOME : env.HOME;
  if (!home) return undefined;
  return os === "windows" ? `${home}\\.local\\bin` : `${home}/.local/bin`;
}

/** True when `dir` is one of the entries of the search path `pathEnv`. */
export function isOnPath(
  dir: string,
  pathEnv: string,
  os: typeof Deno.build.os = Deno.build.os,
): boolean {
  const windows = os === "windows";
  const normal = (path: string) => {
    let resolved = path;
    try {
      resolved = Deno.realPathSync(path);
    } catch {
      // not there (yet): compare as written
    }
    resolved = resolved.replace(/(.)[\\/]+$/, "$1");
    return windows ? resolved.replaceAll("/", "\\").toLowerCase() : resolved;
  };
  const wanted = normal(dir);
  return pathEnv.split(windows ? ";" : ":").some((entry) =>
    entry !== "" && normal(entry) === wanted
  );
}

/** How to put `dir` on the search path, for someone who has not yet. */
export function pathAdvice(
  dir: string,
  os: typeof Deno.build.os = Deno.build.os,
): string {
  if (os === "windows") {
    return `${dir} is not on your PATH. Add it for your user in PowerShell, then open a new terminal:\n` +
      `  [Environment]::SetEnvironmentVariable("Path", "${dir};" + ` +
      `[Environment]::GetEnvironmentVariable("Path", "User"), "User")`;
  }
  return `${dir} is not on your PATH. Add it in your shell's startup file ` +
    `(~/.profile, ~/.bashrc or ~/.zshrc), then open a new terminal:\n` +
    `  export PATH="${dir}:$PATH"`;
}

/** Runs `deno task install [--dir DIR]`; resolves to the exit status. */
async function main(argv: readonly string[]): Promise<number> {
  let usageError = "";
  const args = parseArgs([...argv], {
    string: ["dir"],
    boolean: ["help"],
    alias: { h: "help" },
    unknown(arg) {
      usageError ||= `unknown argument '${arg}'`;
      return false;
    },
  });
  if (args.help) {
    console.log(
      `${USAGE}\nPuts a tcpip command that runs this checkout into DIR ` +
        `(default: $TCPIP_INSTALL, else ~/.local/bin).`,
    );
    return 0;
  }
  const given = args.dir === undefined ? undefined : String(args.dir);
  if (!usageError && given === "") usageError = "--dir needs a directory";
  if (usageError) {
    console.error(`tcpip install: ${usageError}\n${USAGE}`);
    return 2;
  }
  const chosen = given ?? defaultInstallDir();
  if (chosen === undefined) {
    console.error(
      "tcpip install: neither TCPIP_INSTALL nor a home directory is set; pass --dir DIR",
    );
    return 1;
  }
  // `deno task` runs in the project's root: a relative --dir means the
  // directory the user ran it from (INIT_CWD).
  const dir = isAbsolute(chosen)
    ? chosen
    : `${Deno.env.get("INIT_CWD") ?? Deno.cwd()}${
      Deno.build.os === "windows" ? "\\" : "/"
    }${chosen}`;
  let path: string;
  try {
    path = await install({ dir });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`tcpip install: could not install into ${dir}: ${message}`);
    return 1;
  }
  const deno = Deno.execPath();
  console.log(`installed ${path}: runs ${mainPath()} with ${deno}`);
  if (/[\\/]_npx[\\/]/.test(deno)) {
    console.log(
      `That Deno is in npx's cache; once the cache is cleared, tcpip runs ` +
        `'npx --yes deno@${DENO_VERSION}' instead.`,
    );
  }
  if (isOnPath(dir, Deno.env.get("PATH") ?? "")) {
    console.log("Run 'tcpip list' to begin.");
  } else {
    console.log(pathAdvice(dir));
  }
  return 0;
}

function isAbsolute(path: string): boolean {
  return Deno.build.os === "windows"
    ? /^([A-Za-z]:)?[\\/]/.test(path)
    : path.startsWith("/");
}

/** This checkout's `main.ts`, as a path of this OS. */
function mainPath(): string {
  const path = decodeURIComponent(
    new URL("../main.ts", import.meta.url).pathname,
  );
  // file:///C:/x/main.ts names C:\x\main.ts on Windows.
  return Deno.build.os === "windows"
    ? path.slice(1).replaceAll("/", "\\")
    : path;
}

/** `s` as one sh word. */
function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** `s` as one quoted cmd word (`%` would start a variable). */
function cmdQuote(s: string): string {
  return `"${s.replaceAll("%", "%%")}"`;
}

/** `s` as literal text in a cmd line (echo, rem). */
function cmdEcho(s: string): string {
  return s.replace(/[%^&|<>()]/g, (c) => c === "%" ? "%%" : `^${c}`);
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
