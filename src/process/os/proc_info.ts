/**
 * What the operating system reports about a process: its state letter as
 * `ps` shows it (R, S, Z ...) and its open descriptors. Linux answers from
 * `/proc`, macOS from `ps` and `lsof`; Windows has neither.
 *
 * @module
 */

import { hasProcFs, isWindows } from "../../platform.ts";
import type { Text } from "../../text.ts";

/**
 * The state letter of `pid` as `ps -o stat=` shows its first letter, or
 * `null` when the process is not in the process table (ended and reaped).
 * Linux only (reads `/proc/<pid>/stat`, synchronously, so it also works
 * while another thread of this process is blocked).
 */
export function procStateSync(pid: number): string | null {
  let stat: string;
  try {
    stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  } catch (error) {
    // Gone: no such file, or (ESRCH) reaped between the open and the read.
    if (error instanceof Deno.errors.NotFound) return null;
    const { code, message } = error as { code?: string; message?: string };
    if (code === "ESRCH" || /\(os error 3\)/.test(message ?? "")) return null;
    throw error;
  }
  // "<pid> (<comm>) <state> ...": comm may hold spaces and parentheses.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
}

/**
 * The state letter of `pid`, or `null` when it is gone from the process
 * table. Linux reads `/proc`; macOS runs `ps -o stat= -p <pid>`.
 * Throws on Windows, which has no such state.
 */
export async function procState(pid: number): Promise<string | null> {
  if (hasProcFs) return procStateSync(pid);
  if (isWindows) throw new Error("Windows has no process state letters");
  const out = await new Deno.Command("ps", {
    args: ["-o", "stat=", "-p", String(pid)],
    stdout: "piped",
    stderr: "null",
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  return text === "" ? null : text[0];
}

/**
 * Where in the kernel `pid` is waiting (`/proc/<pid>/wchan`, e.g.
 * `pipe_write`), or null when it runs, is gone, or the OS does not say
 * (only Linux does).
 */
export function waitChannel(pid: number): string | null {
  if (!hasProcFs) return null;
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/wchan`).trim();
    return text === "" || text === "0" ? null : text;
  } catch {
    return null;
  }
}

/** What a state letter means, for notes. */
export function describeState(letter: string | null): Text {
  switch (letter) {
    case null:
      return { en: "gone (reaped)", ko: "없음 (회수됨)" };
    case "Z":
      return { en: "Z (zombie)", ko: "Z (좀비)" };
    case "R":
      return { en: "R (running)", ko: "R (실행 중)" };
    case "S":
      return { en: "S (sleeping)", ko: "S (잠자는 중)" };
    case "D":
      return { en: "D (waiting for I/O)", ko: "D (입출력 대기)" };
    case "T":
      return { en: "T (stopped)", ko: "T (정지됨)" };
    default:
      return { en: letter, ko: letter };
  }
}

/** One open descriptor of a process: its number and what it refers to. */
export interface OpenFd {
  /** The descriptor number. */
  fd: number;
  /** What it refers to, e.g. `socket:[123]`, `pipe:[456]`, `/dev/pts/0`. */
  target: string;
}

/**
 * The open descriptors of `pid`, lowest first. Linux reads
 * `/proc/<pid>/fd`; macOS asks `lsof`. Throws on Windows.
 */
export async function openFds(pid: number): Promise<OpenFd[]> {
  if (hasProcFs) {
    const fds: OpenFd[] = [];
    for (const entry of Deno.readDirSync(`/proc/${pid}/fd`)) {
      try {
        const target = Deno.readLinkSync(`/proc/${pid}/fd/${entry.name}`);
        fds.push({ fd: Number(entry.name), target });
      } catch {
        // closed while we looked (e.g. the fd used to list the directory)
      }
    }
    return fds.sort((a, b) => a.fd - b.fd);
  }
  if (isWindows) {
    throw new Error("Windows has no file descriptor table to show");
  }
  const out = await new Deno.Command("lsof", {
    args: ["-a", "-p", String(pid), "-d", "0-65535", "-F", "ftn"],
    stdout: "piped",
    stderr: "null",
  }).output();
  return parseLsof(new TextDecoder().decode(out.stdout));
}

/** Parses `lsof -F ftn` output into descriptors. */
export function parseLsof(text: string): OpenFd[] {
  const fds: OpenFd[] = [];
  let current: { fd: number; type: string } | undefined;
  for (const line of text.split("\n")) {
    const tag = line[0];
    const value = line.slice(1);
    if (tag === "f") current = { fd: Number(value), type: "" };
    else if (tag === "t" && current) current.type = value;
    else if (tag === "n" && current && Number.isInteger(current.fd)) {
      const kind = current.type.toLowerCase();
      fds.push({
        fd: current.fd,
        target: kind === "ipv4" || kind === "ipv6" ? `socket:${value}` : value,
      });
      current = undefined;
    }
  }
  return fds.sort((a, b) => a.fd - b.fd);
}

/**
 * What descriptor `fd` of process `pid` refers to, as the OS shows it
 * (`socket:[123]`, `pipe:[456]`, a path), or `(closed)` when the process
 * has no such descriptor. Throws on Windows.
 */
export async function describeFd(pid: number, fd: number): Promise<string> {
  const found = (await openFds(pid)).find((open) => open.fd === fd);
  return found?.target ?? "(closed)";
}

/**
 * How to watch the children of `pid` with `ps` in another terminal, the
 * command on a line of its own (Linux's ps takes --ppid; macOS's does not).
 */
export function watchHint(pid: number): { en: string; ko: string } {
  const ps = Deno.build.os === "linux"
    ? `ps -o pid,ppid,stat,cmd --ppid ${pid}`
    : `ps -A -o pid,ppid,stat,command | awk '$2 == ${pid}'`;
  return {
    en: `watch its children in another terminal:\n  ${ps}`,
    ko: `다른 터미널에서 자식 프로세스를 지켜보자:\n  ${ps}`,
  };
}
