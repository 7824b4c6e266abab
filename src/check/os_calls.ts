/**
 * The few C library calls `tcpip check` makes besides the descriptor calls
 * of `ipc/libc.ts`: a pseudo-terminal (`posix_openpt()` and its friends,
 * `tcgetattr()`/`tcsetattr()`), one CPU for a run (`sched_setaffinity()`,
 * Linux) and a per-process limit on processes (`prlimit()`, Linux). The
 * library is opened on the first call.
 *
 * @module
 */

import { OsError } from "../ipc/os_error.ts";
import { isWindows } from "../platform.ts";

const isLinux = Deno.build.os === "linux";

/** Where `struct termios` keeps the flags we change, and their bits. */
const TERMIOS = isLinux
  ? { oflag: 4, lflag: 12, width: 4, ONLCR: 0o4, ECHO: 0o10, size: 60 }
  : { oflag: 8, lflag: 24, width: 8, ONLCR: 0x2, ECHO: 0x8, size: 72 };

const SYMBOLS = {
  posix_openpt: { parameters: ["i32"], result: "i32" },
  grantpt: { parameters: ["i32"], result: "i32" },
  unlockpt: { parameters: ["i32"], result: "i32" },
  ptsname_r: {
    parameters: ["i32", "buffer", "usize"],
    result: "i32",
    optional: true,
  },
  ptsname: { parameters: ["i32"], result: "pointer" },
  tcgetattr: { parameters: ["i32", "buffer"], result: "i32" },
  tcsetattr: { parameters: ["i32", "i32", "buffer"], result: "i32" },
  sched_setaffinity: {
    parameters: ["i32", "usize", "buffer"],
    result: "i32",
    optional: true,
  },
  prlimit: {
    parameters: ["i32", "i32", "buffer", "buffer"],
    result: "i32",
    optional: true,
  },
  getuid: { parameters: [], result: "u32" },
  open: { parameters: ["buffer", "i32"], result: "i32" },
  __errno_location: { parameters: [], result: "pointer", optional: true },
  __error: { parameters: [], result: "pointer", optional: true },
} as const;

type Symbols = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
let symbols: Symbols | undefined;

function c(): Symbols {
  if (isWindows) throw new Error("no C library calls on Windows");
  return symbols ??= Deno.dlopen(
    isLinux ? "libc.so.6" : "libSystem.B.dylib",
    SYMBOLS,
  ).symbols;
}

function errno(): number {
  const s = c();
  const at = s.__errno_location?.() ?? s.__error?.();
  return at ? new Deno.UnsafePointerView(at).getInt32(0) : 0;
}

function check(call: string, result: number): number {
  if (result === -1) {
    const n = errno();
    throw new OsError(call, n, `errno ${n}`, `${call} failed`);
  }
  return result;
}

/** A new pseudo-terminal: the master's descriptor and the slave's path. */
export interface PtyPair {
  /** The master side (close-on-exec is the caller's to set). */
  master: number;
  /** The slave's path, e.g. `/dev/pts/3`, which the program opens. */
  slave: string;
}

/**
 * Opens a pseudo-terminal whose slave does not echo what is typed and
 * does not turn `\n` into `\r\n`, so the master reads exactly the bytes
 * the program wrote. `O_NOCTTY`: it does not become our own terminal.
 */
export function openPty(): PtyPair {
  const s = c();
  const O_RDWR = 2;
  const O_NOCTTY = isLinux ? 0o400 : 0x20000;
  const master = check("posix_openpt", s.posix_openpt(O_RDWR | O_NOCTTY));
  check("grantpt", s.grantpt(master));
  check("unlockpt", s.unlockpt(master));
  let slave: string;
  if (s.ptsname_r) {
    const name = new Uint8Array(128);
    if (s.ptsname_r(master, name, BigInt(name.length)) !== 0) {
      throw new OsError("ptsname_r", errno(), "ptsname_r", "no slave name");
    }
    slave = new TextDecoder().decode(name.subarray(0, name.indexOf(0)));
  } else {
    const name = s.ptsname(master);
    if (!name) throw new OsError("ptsname", errno(), "ptsname", "no name");
    slave = Deno.UnsafePointerView.getCString(name);
  }
  // The master's termios calls reach the slave's settings.
  const termios = new Uint8Array(128);
  check("tcgetattr", s.tcgetattr(master, termios));
  const view = new DataView(termios.buffer);
  const get = (at: number) =>
    TERMIOS.width === 4
      ? view.getUint32(at, true)
      : Number(view.getBigUint64(at, true));
  const set = (at: number, value: number) =>
    TERMIOS.width === 4
      ? view.setUint32(at, value >>> 0, true)
      : view.setBigUint64(at, BigInt(value), true);
  set(TERMIOS.oflag, get(TERMIOS.oflag) & ~TERMIOS.ONLCR);
  set(TERMIOS.lflag, get(TERMIOS.lflag) & ~TERMIOS.ECHO);
  check("tcsetattr", s.tcsetattr(master, 0, termios));
  return { master, slave };
}

/**
 * Opens the slave of a pseudo-terminal as `open(path, O_RDWR | O_NOCTTY |
 * O_CLOEXEC)`: it never becomes this process's controlling terminal, and
 * no program started later inherits it.
 */
export function openSlave(path: string): number {
  const O_RDWR = 2;
  const O_NOCTTY = isLinux ? 0o400 : 0x20000;
  const O_CLOEXEC = isLinux ? 0o2000000 : 0x1000000;
  const name = new TextEncoder().encode(`${path}\0`);
  return check("open", c().open(name, O_RDWR | O_NOCTTY | O_CLOEXEC));
}

/**
 * Keeps process `pid` (and the children it makes later) on one CPU
 * (Linux), chosen by the pid, so that checks run side by side do not all
 * crowd CPU 0. Returns the CPU, or null where that cannot be done.
 */
export function pinToOneCpu(pid: number): number | null {
  const call = isLinux ? c().sched_setaffinity : null;
  if (!call) return null;
  const cpus = Math.max(1, navigator.hardwareConcurrency ?? 1);
  for (let tries = 0; tries < cpus; tries++) {
    const cpu = (pid + tries) % cpus;
    const mask = new Uint8Array(128);
    mask[cpu >> 3] = 1 << (cpu & 7);
    if (call(pid, BigInt(mask.length), mask) === 0) return cpu;
  }
  return null;
}

/** RLIMIT_NPROC on Linux. */
const RLIMIT_NPROC = 6;

/**
 * Sets RLIMIT_NPROC of process `pid` (soft and hard) to `limit` tasks of
 * its user (Linux `prlimit()`); false where that cannot be done.
 */
export function limitProcesses(pid: number, limit: number): boolean {
  const call = isLinux ? c().prlimit : null;
  if (!call) return false;
  const value = new BigUint64Array([BigInt(limit), BigInt(limit)]);
  return call(pid, RLIMIT_NPROC, new Uint8Array(value.buffer), null) === 0;
}

/** The real user id of this process. */
export function userId(): number {
  return c().getuid();
}
