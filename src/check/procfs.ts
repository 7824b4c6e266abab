/**
 * What Linux's `/proc` says about the learner's processes: each one's
 * parent, state letter and where it waits in the kernel, its children, its
 * descriptor table, the signals it catches, and the TCP sockets of the
 * machine (`/proc/net/tcp`, `/proc/net/tcp6`) with their inodes, which tie
 * a connection to the processes whose tables hold it. Every reader is
 * synchronous and returns null (or nothing) for a process that is gone.
 *
 * @module
 */

import { signalName } from "./signals.ts";

/** Whether this OS has `/proc` as Linux's (macOS has ps and lsof instead). */
export const HAS_PROC: boolean = Deno.build.os === "linux";

/** One line of `/proc/<pid>/stat`, the fields `check` uses. */
export interface Stat {
  /** The process id. */
  pid: number;
  /** The command name (at most 15 bytes). */
  comm: string;
  /** The state letter: R, S, D, Z, T ... */
  state: string;
  /** The parent's pid (the reaper's, once the parent has ended). */
  ppid: number;
  /** The process group. */
  pgrp: number;
  /** The session. */
  session: number;
  /** Start time in clock ticks after boot: tells a reused pid apart. */
  start: number;
  /**
   * A zombie's end as `waitpid()` would report it (field 52, `exit_code`):
   * the signal that killed it, or null when it exited (or the kernel does
   * not say). Undefined while it runs.
   */
  killedBy?: string | null;
}

/** `/proc/<pid>/stat`, or null when the process is gone. */
export function readStat(pid: number): Stat | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(`/proc/${pid}/stat`);
  } catch {
    return null;
  }
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  const rest = text.slice(close + 2).split(" ");
  const stat: Stat = {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0],
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    session: Number(rest[3]),
    start: Number(rest[19]),
  };
  // Linux 3.5 and later; the kernel shows 0 where it may not say.
  const status = Number(rest[49]);
  if (stat.state === "Z" && Number.isInteger(status)) {
    const signal = status & 0x7f;
    stat.killedBy = signal === 0
      ? null
      : signalName(signal, "linux") ?? `signal ${signal}`;
  }
  return stat;
}

/** The children of every thread of `pid` (`/proc/<pid>/task/<tid>/children`). */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  let tasks: Iterable<Deno.DirEntry>;
  try {
    tasks = Deno.readDirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    try {
      const text = Deno.readTextFileSync(
        `/proc/${pid}/task/${task.name}/children`,
      );
      for (const word of text.split(" ")) {
        if (word.trim() !== "") found.push(Number(word));
      }
    } catch {
      // the thread ended while we looked
    }
  }
  return found;
}

/** Where `pid` waits in the kernel (`/proc/<pid>/wchan`), or null. */
export function wchan(pid: number): string | null {
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/wchan`).trim();
    return text === "" || text === "0" ? null : text;
  } catch {
    return null;
  }
}

/** The descriptor table of `pid`: number → what it names; empty when gone. */
export function fdTable(pid: number): Map<number, string> {
  const table = new Map<number, string>();
  let entries: Iterable<Deno.DirEntry>;
  try {
    entries = Deno.readDirSync(`/proc/${pid}/fd`);
  } catch {
    return table;
  }
  for (const entry of entries) {
    try {
      table.set(
        Number(entry.name),
        Deno.readLinkSync(`/proc/${pid}/fd/${entry.name}`),
      );
    } catch {
      // closed while we looked
    }
  }
  return new Map([...table].sort((a, b) => a[0] - b[0]));
}

/**
 * The signals `pid` has a handler for (`SigCgt` of `/proc/<pid>/status`),
 * by number; null when the process is gone.
 */
export function caughtSignals(pid: number): Set<number> | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(`/proc/${pid}/status`);
  } catch {
    return null;
  }
  const mask = text.match(/^SigCgt:\s*([0-9a-f]+)$/m)?.[1];
  if (!mask) return null;
  const bits = BigInt(`0x${mask}`);
  const caught = new Set<number>();
  for (let sig = 1; sig <= 64; sig++) {
    if ((bits >> BigInt(sig - 1)) & 1n) caught.add(sig);
  }
  return caught;
}

/** The number of threads of `pid` (`Threads:` of its status), 0 when gone. */
export function threadCount(pid: number): number {
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/status`);
    return Number(text.match(/^Threads:\s*(\d+)$/m)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The real user id of `pid` (`Uid:` of its status), or null. */
export function uidOf(pid: number): number | null {
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/status`);
    const uid = text.match(/^Uid:\s*(\d+)/m)?.[1];
    return uid === undefined ? null : Number(uid);
  } catch {
    return null;
  }
}

/** Every pid in `/proc`. */
export function allPids(): number[] {
  const pids: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (/^\d+$/.test(entry.name)) pids.push(Number(entry.name));
  }
  return pids;
}

/** One TCP socket of the machine, from `/proc/net/tcp` or `tcp6`. */
export interface TcpSocket {
  /** Local port. */
  localPort: number;
  /** Local address as text (IPv4 dotted, or the IPv6 hex of the file). */
  localAddress: string;
  /** Remote port (0 for a listening socket). */
  remotePort: number;
  /** The kernel's state number: 0x0A listening, 0x01 established ... */
  state: number;
  /** The socket's inode: descriptor tables name it `socket:[inode]`. */
  inode: number;
}

/** The TCP state of a listening socket. */
export const TCP_LISTEN = 0x0a;

/** Every TCP socket of the machine (IPv4 and IPv6). */
export function tcpSockets(): TcpSocket[] {
  const sockets: TcpSocket[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = Deno.readTextFileSync(file);
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10) continue;
      const [localHex, localPort] = fields[1].split(":");
      const [, remotePort] = fields[2].split(":");
      sockets.push({
        localAddress: hexAddress(localHex),
        localPort: parseInt(localPort, 16),
        remotePort: parseInt(remotePort, 16),
        state: parseInt(fields[3], 16),
        inode: Number(fields[9]),
      });
    }
  }
  return sockets;
}

/** `0100007F` → `127.0.0.1`; IPv6 stays as the file writes it. */
function hexAddress(hex: string): string {
  if (hex.length !== 8) return hex;
  const n = parseInt(hex, 16);
  return [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24].join(".");
}

/** The `socket:[inode]` name a descriptor table gives a socket. */
export function socketName(inode: number): string {
  return `socket:[${inode}]`;
}

/**
 * How `pid` opened descriptor `fd` (`flags:` of `/proc/<pid>/fdinfo/<fd>`):
 * `read`, `write` or `both`; null when it is gone.
 */
export function fdMode(
  pid: number,
  fd: number,
): "read" | "write" | "both" | null {
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/fdinfo/${fd}`);
    const flags = parseInt(text.match(/^flags:\s*([0-7]+)$/m)?.[1] ?? "", 8);
    if (Number.isNaN(flags)) return null;
    const access = flags & 3;
    return access === 0 ? "read" : access === 1 ? "write" : "both";
  } catch {
    return null;
  }
}

/** read()'s system call number on this machine (x86_64 0, aarch64 63). */
const READ_CALL = Deno.build.arch === "aarch64" ? 63 : 0;

/**
 * Whether `pid` (its main thread) is blocked in read() on descriptor `fd`
 * (`/proc/<pid>/syscall`: the call's number, then its arguments).
 */
export function readingFd(pid: number, fd: number): boolean {
  try {
    const fields = Deno.readTextFileSync(`/proc/${pid}/syscall`).trim()
      .split(" ");
    return Number(fields[0]) === READ_CALL && Number(fields[1]) === fd;
  } catch {
    return false;
  }
}

/** Bytes `pid` has read so far (`rchar` of `/proc/<pid>/io`), or null. */
export function bytesRead(pid: number): number | null {
  try {
    const text = Deno.readTextFileSync(`/proc/${pid}/io`);
    const value = text.match(/^rchar:\s*(\d+)$/m)?.[1];
    return value === undefined ? null : Number(value);
  } catch {
    return null;
  }
}

/** The kernel's clock ticks per second, for {@linkcode Stat.start}. */
export const TICKS_PER_SECOND = 100;
