/**
 * The C library's descriptor calls, reached through Deno's FFI, so the tool
 * can do what the book's C programs do with raw descriptors: `read()`,
 * `write()`, `close()`, `pipe()`, `accept()`, `poll()`.
 *
 * Each wrapper is named after its C call and throws an {@linkcode OsError}
 * (with C's errno name, such as `"EAGAIN"`) where C would return -1. The
 * library is opened on the first call, not on import. On Windows the pipe
 * calls (`pipe()`, `read()`, `write()`, `close()`, and close-on-exec as
 * handle inheritance) go to Windows' own calls on handles (`win32.ts`);
 * every other call throws there: it does not exist.
 *
 * Every number and struct layout the module relies on lives in one table
 * per platform (`abi.ts`); socket addresses are decoded in `sockaddr.ts`.
 *
 * @module
 */

import {
  type Abi,
  abi,
  addressOf,
  DARWIN_ABI,
  type Field,
  fixedBuffer,
  LINUX_ABI,
  readField,
  writeField,
} from "./abi.ts";
import { OsError } from "./os_error.ts";
import { decodeSockaddr, sameAddress, type SocketAddress } from "./sockaddr.ts";
import { win32 } from "./windows.ts";
import { isWindows } from "../platform.ts";

/**
 * Apple's arm64 ABI passes a variadic function's variable arguments on the
 * stack, not in registers, and Deno's FFI has no variadic calls. A variadic
 * third argument (fcntl()'s, open()'s mode) is therefore also passed as a
 * ninth argument: eight register arguments come first, so the ninth lands in
 * the first stack slot, where Apple's libc reads it. Elsewhere it is read
 * from the third register and the extra arguments are ignored. (Checked only by
 * reading Apple's ABI notes; on Linux x86_64 the call was run.)
 */
function variadicThird<First extends "i32" | "buffer">(first: First) {
  return [
    first,
    "i32",
    "i64",
    "i64",
    "i64",
    "i64",
    "i64",
    "i64",
    "i64",
  ] as const;
}

// nfds_t is unsigned long on Linux and unsigned int on macOS; a register
// argument of either width can be passed as usize on these 64-bit targets.
/**
 * The calls every process that works with descriptors makes, a serving
 * child included. Deno builds a trampoline for each symbol it binds (about
 * 7 KB of memory each), so the calls a serving child never makes are bound
 * apart ({@linkcode EXTRA_SYMBOLS}), only in the processes that make them.
 */
const SYMBOLS = {
  __errno_location: { parameters: [], result: "pointer", optional: true },
  __error: { parameters: [], result: "pointer", optional: true },
  strerror: { parameters: ["i32"], result: "pointer" },
  // ssize_t read as its low 32 bits, which hold the whole value: Linux moves
  // at most 0x7ffff000 bytes per call and macOS refuses more than INT_MAX.
  // A 64-bit result would come back as a BigInt, one allocation per call on
  // a serving child's hot path, which makes V8 grow its heap.
  read: { parameters: ["i32", "buffer", "usize"], result: "i32" },
  write: { parameters: ["i32", "buffer", "usize"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  pipe: { parameters: ["buffer"], result: "i32" },
  pipe2: { parameters: ["buffer", "i32"], result: "i32", optional: true },
  fcntl: { parameters: variadicThird("i32"), result: "i32" },
  socketpair: { parameters: ["i32", "i32", "i32", "buffer"], result: "i32" },
  sendmsg: { parameters: ["i32", "buffer", "i32"], result: "isize" },
  recvmsg: { parameters: ["i32", "buffer", "i32"], result: "isize" },
  madvise: { parameters: ["pointer", "usize", "i32"], result: "i32" },
  // glibc's; musl and macOS have none.
  malloc_trim: { parameters: ["usize"], result: "i32", optional: true },
} as const;

/** The calls only servers, the lessons that inspect the OS and tests make. */
const EXTRA_SYMBOLS = {
  open: { parameters: variadicThird("buffer"), result: "i32" },
  flock: { parameters: ["i32", "i32"], result: "i32" },
  access: { parameters: ["buffer", "i32"], result: "i32" },
  setpgid: { parameters: ["i32", "i32"], result: "i32" },
  getpgrp: { parameters: [], result: "i32" },
  tcgetpgrp: { parameters: ["i32"], result: "i32" },
  tcsetpgrp: { parameters: ["i32", "i32"], result: "i32" },
  signal: { parameters: ["i32", "pointer"], result: "pointer" },
  ftruncate: { parameters: ["i32", "i64"], result: "i32" },
  accept: { parameters: ["i32", "pointer", "pointer"], result: "i32" },
  accept4: {
    parameters: ["i32", "pointer", "pointer", "i32"],
    result: "i32",
    optional: true,
  },
  getsockname: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  getpeername: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  setsockopt: {
    parameters: ["i32", "i32", "i32", "buffer", "u32"],
    result: "i32",
  },
  poll: { parameters: ["buffer", "usize", "i32"], result: "i32" },
  sched_yield: { parameters: [], result: "i32" },
  // The same poll() on a worker thread: the event loop goes on meanwhile.
  poll_nonblocking: {
    name: "poll",
    parameters: ["buffer", "usize", "i32"],
    result: "i32",
    nonblocking: true,
  },
} as const;

type Symbols = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
type ExtraSymbols = Deno.DynamicLibrary<typeof EXTRA_SYMBOLS>["symbols"];

let symbols: Symbols | undefined;
let extraSymbols: ExtraSymbols | undefined;

/**
 * The C library's {@linkcode SYMBOLS}, opened on first use; `call` names
 * the C call. Each group is bound at once, into one object that never
 * changes: V8 then makes a read() or write() in optimized code a direct
 * "fast" call, which allocates nothing (symbols bound one by one, on first
 * use, went through the slow path, which made garbage on every call).
 */
function libc(call: string): Symbols {
  if (symbols) return symbols;
  supported(call);
  return symbols = Deno.dlopen(abi.library, SYMBOLS).symbols;
}

/**
 * The {@linkcode EXTRA_SYMBOLS}, opened on first use, as {@linkcode libc}.
 * The main group, which reads errno, is opened first: opened between a
 * failed call and the errno read, it could change errno (Deno maps a
 * trampoline per symbol; measured, 8 of 150 first failures read ENOENT
 * instead of flock()'s EAGAIN).
 */
function libcExtra(call: string): ExtraSymbols {
  if (extraSymbols) return extraSymbols;
  libc(call);
  return extraSymbols = Deno.dlopen(abi.library, EXTRA_SYMBOLS).symbols;
}

/** Throws where there is no POSIX C library to call. */
function supported(call: string): void {
  if (isWindows) {
    throw new Error(
      `${call}() does not exist on Windows: descriptor calls need a POSIX C library (Linux or macOS)`,
    );
  }
  if (Deno.build.os !== "linux" && Deno.build.os !== "darwin") {
    throw new Error(
      `${call}(): ${Deno.build.os} is not supported (Linux or macOS only)`,
    );
  }
}

/** errno names by value, for this platform. */
const ERRNO_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(abi.errno).map(([name, value]) => [value, name]),
);

/** The errno value named `code` on this platform (e.g. "EAGAIN"). */
export function errnoOf(code: string): number {
  const value = abi.errno[code];
  if (value === undefined) throw new Error(`unknown errno name ${code}`);
  return value;
}

export { OsError };
export {
  type Abi,
  abi,
  addressOf,
  DARWIN_ABI,
  type Field,
  fixedBuffer,
  LINUX_ABI,
  readField,
  type SocketAddress,
  writeField,
};

/** The {@linkcode OsError} of a C call that returned -1 with `errno`. */
function osError(call: string, errno: number): OsError {
  return new OsError(
    call,
    errno,
    ERRNO_NAMES.get(errno) ?? `errno ${errno}`,
    describe(errno),
  );
}

/** strerror()'s text, when the library is open. */
function describe(errno: number): string {
  if (!symbols) return `errno ${errno}`;
  const text = symbols.strerror(errno);
  return text ? Deno.UnsafePointerView.getCString(text) : `errno ${errno}`;
}

/**
 * The calling thread's errno. Read it right after the failing call, on the
 * same thread: a `nonblocking` symbol runs on another thread, whose errno
 * this is not.
 */
function lastErrno(): number {
  const symbols = libc("errno");
  const location = abi.errnoFunction === "__error"
    ? symbols.__error?.()
    : symbols.__errno_location?.();
  if (!location) throw new Error(`${abi.errnoFunction}() is missing`);
  return new Deno.UnsafePointerView(location).getInt32(0);
}

/** Throws the OsError for `call` when `result` is -1; else returns it. */
function check(call: string, result: number | bigint): number {
  const value = Number(result);
  if (value === -1) throw osError(call, lastErrno());
  return value;
}

/**
 * `read(fd, buf, buf.length)`: bytes read, 0 at end of file; blocks as the
 * fd does. A signal caught by the runtime's own handlers (SIGCHLD, for one)
 * does not cut it short: a book program that installed no handler would
 * not see EINTR either, so the call is simply made again.
 */
export function read(fd: number, buf: Uint8Array): number {
  if (isWindows) return win32.read(fd, buf);
  const c = libc("read");
  // A loop, not again(): this is a serving child's hot path, where a
  // closure per call is garbage that makes V8 grow its heap.
  while (true) {
    const n = c.read(fd, buf, readSize(buf.length));
    if (n !== -1) return n;
    const errno = lastErrno();
    if (errno !== abi.errno.EINTR) throw osError("read", errno);
  }
}

/** `write(fd, bytes, length)`: bytes written (maybe fewer than given). */
export function write(
  fd: number,
  bytes: Uint8Array,
  length: number = bytes.length,
): number {
  if (isWindows) return win32.write(fd, bytes.subarray(0, length));
  const c = libc("write");
  while (true) {
    const n = c.write(fd, bytes, writeSize(length));
    if (n !== -1) return n;
    const errno = lastErrno();
    if (errno !== abi.errno.EINTR) throw osError("write", errno);
  }
}

/**
 * A size_t argument for one call site, as the BigInt V8's fast path for a
 * 64-bit parameter wants (a number takes the slow path: measured 40 % more
 * time per call). The last one is kept, so that a loop reading into the
 * same buffer, or writing the same length, allocates nothing.
 */
function sizeArgument(): (n: number) => bigint {
  let last = 0;
  let lastBig = 0n;
  return (n) => {
    if (n !== last) {
      last = n;
      lastBig = BigInt(n);
    }
    return lastBig;
  };
}

const readSize = sizeArgument();
const writeSize = sizeArgument();

/** Writes every byte, calling write() again after a short write or EINTR. */
export function writeAll(
  fd: number,
  bytes: Uint8Array,
  length: number = bytes.length,
): void {
  let done = write(fd, bytes, length);
  while (done < length) {
    done += write(fd, bytes.subarray(done), length - done);
  }
}

/** `close(fd)`. */
export function close(fd: number): void {
  if (isWindows) return win32.close(fd);
  const c = libc("close");
  check("close", c.close(fd));
}

/**
 * `pipe(fds)`: `[readEnd, writeEnd]`, both with close-on-exec set, so no
 * child started later inherits them by accident (Linux: pipe2(O_CLOEXEC)).
 */
export function pipe(): [number, number] {
  if (isWindows) return win32.pipe();
  const c = libc("pipe");
  const fds = new Int32Array(2);
  const bytes = new Uint8Array(fds.buffer);
  if (c.pipe2) {
    check("pipe2", c.pipe2(bytes, abi.O_CLOEXEC));
  } else {
    check("pipe", c.pipe(bytes));
    setCloseOnExec(fds[0], true);
    setCloseOnExec(fds[1], true);
  }
  return [fds[0], fds[1]];
}

/**
 * Linux's `fcntl(fd, F_SETPIPE_SZ, bytes)`: the pipe holds at least `bytes`
 * from now on. Returns its new capacity, or null where pipes have no such
 * call or the kernel refuses (EPERM past /proc/sys/fs/pipe-max-size or the
 * user's share of pipe memory): the pipe then keeps the capacity it had.
 */
export function setPipeSize(fd: number, bytes: number): number | null {
  if (isWindows || abi.F_SETPIPE_SZ === null) return null;
  try {
    return fcntl("fcntl", fd, abi.F_SETPIPE_SZ, bytes);
  } catch (error) {
    if (error instanceof OsError) return null;
    throw error;
  }
}

/** `fcntl(fd, cmd, arg)`, with the argument where each platform reads it. */
function fcntl(call: string, fd: number, cmd: number, arg = 0): number {
  const c = libc(call);
  const a = BigInt(arg);
  return check(call, c.fcntl(fd, cmd, a, 0n, 0n, 0n, 0n, 0n, a));
}

/**
 * `open(path, flags | O_CLOEXEC, mode)`: a new descriptor for the file at
 * `path` (a NUL-terminated buffer made here).
 */
export function openFile(path: string, flags: number, mode = 0o644): number {
  const c = libcExtra("open");
  const name = new TextEncoder().encode(`${path}\0`);
  const m = BigInt(mode);
  return check(
    "open",
    c.open(name, flags | abi.O_CLOEXEC, m, 0n, 0n, 0n, 0n, 0n, m),
  );
}

/**
 * `flock(fd, LOCK_EX | LOCK_NB)`: takes the file's exclusive lock for this
 * open file, or throws OsError EWOULDBLOCK/EAGAIN when another holds it.
 * The lock goes with the last descriptor of the open file.
 */
export function lockExclusive(fd: number): void {
  const LOCK_EX = 2;
  const LOCK_NB = 4; // the same on Linux and macOS
  check("flock", libcExtra("flock").flock(fd, LOCK_EX | LOCK_NB));
}

/**
 * `access(path, W_OK | X_OK)` for a folder: whether this user may create
 * files in it; throws OsError (EACCES, EROFS, ENOENT) if not.
 */
export function checkFolderWritable(path: string): void {
  const W_OK = 2;
  const X_OK = 1; // the same on Linux and macOS
  const c = libcExtra("access");
  check("access", c.access(new TextEncoder().encode(`${path}\0`), W_OK | X_OK));
}

/** `getpgrp()`: this process's process group. */
export function getpgrp(): number {
  return libcExtra("getpgrp").getpgrp();
}

/** `setpgid(0, 0)`: this process leads a process group of its own. */
export function ownProcessGroup(): void {
  check("setpgid", libcExtra("setpgid").setpgid(0, 0));
}

/** `setpgid(0, pgid)`: this process joins the group `pgid` of its session. */
export function joinProcessGroup(pgid: number): void {
  check("setpgid", libcExtra("setpgid").setpgid(0, pgid));
}

/** `tcgetpgrp(fd)`: the terminal's foreground process group. */
export function foregroundGroup(fd: number): number {
  return check("tcgetpgrp", libcExtra("tcgetpgrp").tcgetpgrp(fd));
}

/**
 * `tcsetpgrp(fd, pgid)`: makes `pgid` the terminal's foreground group, the
 * one the terminal's Ctrl+C goes to. SIGTTOU is ignored meanwhile: a
 * process outside the foreground group that calls it would be stopped.
 */
export function setForegroundGroup(fd: number, pgid: number): void {
  const c = libcExtra("tcsetpgrp");
  const SIGTTOU = 22; // the same on Linux and macOS
  const previous = c.signal(SIGTTOU, Deno.UnsafePointer.create(1n)); // SIG_IGN
  try {
    check("tcsetpgrp", c.tcsetpgrp(fd, pgid));
  } finally {
    c.signal(SIGTTOU, previous);
  }
}

/** `ftruncate(fd, length)`. */
export function truncate(fd: number, length = 0): void {
  check("ftruncate", libcExtra("ftruncate").ftruncate(fd, BigInt(length)));
}

/**
 * Sets or clears O_NONBLOCK. The flag belongs to the open file description,
 * so every process holding the same socket or pipe sees the change.
 */
export function setNonBlocking(fd: number, on: boolean): void {
  const flags = fcntl("fcntl", fd, abi.F_GETFL);
  const next = on ? flags | abi.O_NONBLOCK : flags & ~abi.O_NONBLOCK;
  if (next !== flags) fcntl("fcntl", fd, abi.F_SETFL, next);
}

/** Sets or clears FD_CLOEXEC, a flag of this one descriptor. */
export function setCloseOnExec(fd: number, on: boolean): void {
  if (isWindows) return win32.setInheritable(fd, !on);
  const flags = fcntl("fcntl", fd, abi.F_GETFD);
  const next = on ? flags | abi.FD_CLOEXEC : flags & ~abi.FD_CLOEXEC;
  if (next !== flags) fcntl("fcntl", fd, abi.F_SETFD, next);
}

/** Whether FD_CLOEXEC is set on `fd`. */
export function isCloseOnExec(fd: number): boolean {
  return (fcntl("fcntl", fd, abi.F_GETFD) & abi.FD_CLOEXEC) !== 0;
}

/** `getsockname(fd)`: the local address, or null for a non-IP family. */
export function getsockname(fd: number): SocketAddress | null {
  return socketAddress("getsockname", fd);
}

/** `getpeername(fd)`: the peer's address, or null for a non-IP family. */
export function getpeername(fd: number): SocketAddress | null {
  return socketAddress("getpeername", fd);
}

function socketAddress(
  call: "getsockname" | "getpeername",
  fd: number,
): SocketAddress | null {
  const c = libcExtra(call);
  const storage = new Uint8Array(abi.sockaddr.storageSize);
  const length = new Uint32Array([storage.length]);
  check(call, c[call](fd, storage, new Uint8Array(length.buffer)));
  return decodeSockaddr(storage);
}

/**
 * The open descriptor of this process whose socket is bound to `local`
 * (and connected to `remote`, when given), or null. This finds the raw
 * descriptor behind a `Deno.listen` listener (`listener.addr`, no
 * `remote`: only a socket without a peer matches) or an accepted
 * `Deno.TcpConn` (`conn.localAddr`, `conn.remoteAddr`). IPv4 and
 * IPv4-mapped IPv6 spellings of one address match. With several matches
 * (after a dup) the lowest number wins.
 */
export function findSocketFd(
  local: SocketAddress,
  remote?: SocketAddress,
): number | null {
  libcExtra("getsockname");
  const fds: number[] = [];
  // /dev/fd lists this process's descriptors on Linux and macOS alike.
  for (const entry of Deno.readDirSync("/dev/fd")) {
    const fd = Number(entry.name);
    if (Number.isInteger(fd)) fds.push(fd);
  }
  fds.sort((a, b) => a - b);
  for (const fd of fds) {
    try {
      const mine = getsockname(fd);
      if (!mine || !sameAddress(mine, local)) continue;
      const peer = peerOf(fd);
      if (remote ? peer && sameAddress(peer, remote) : peer === null) return fd;
    } catch {
      // Not a socket (or closed since the listing): not the one.
    }
  }
  return null;
}

/** getpeername(), with null for a socket that has no peer (ENOTCONN). */
function peerOf(fd: number): SocketAddress | null {
  try {
    return getpeername(fd);
  } catch (error) {
    if (error instanceof OsError && error.code === "ENOTCONN") return null;
    throw error;
  }
}

/**
 * `accept(listenFd, NULL, NULL)`, synchronous, with close-on-exec set on
 * the new socket (Linux: accept4 with SOCK_CLOEXEC). Throws OsError EAGAIN
 * when nothing is pending on a non-blocking socket, and blocks the whole
 * event loop on a blocking one: wait with {@linkcode waitReadable} first.
 * As in C, macOS's accepted socket inherits O_NONBLOCK; Linux's does not.
 */
export function accept(listenFd: number): number {
  const c = libcExtra("accept");
  if (c.accept4) {
    return check(
      "accept",
      c.accept4(listenFd, null, null, abi.SOCK_CLOEXEC),
    );
  }
  const fd = check("accept", c.accept(listenFd, null, null));
  setCloseOnExec(fd, true);
  return fd;
}

/**
 * Waits until `fd` is readable (data, end of file, a pending connection or
 * an error: a read will not block), without blocking the event loop:
 * poll() runs on a worker thread. `"timeout"` after `timeoutMs` (default:
 * none); `"cancelled"` once `cancelFd` is readable (write a byte to the
 * other end of a pipe, or close it). Throws OsError EBADF if `fd` is not
 * open. Do not close `fd` while a wait is under way: the thread still polls
 * the number, which may by then belong to another file.
 */
export async function waitReadable(
  fd: number,
  timeoutMs?: number,
  cancelFd?: number,
): Promise<"ready" | "timeout" | "cancelled"> {
  const c = libcExtra("poll");
  const { POLLIN, POLLERR, POLLHUP, POLLNVAL } = abi.POLL;
  const count = cancelFd === undefined ? 1 : 2;
  // An ArrayBuffer of its own: its bytes never move while the thread polls.
  const fds = new Uint8Array(new ArrayBuffer(abi.pollfd.size * count));
  const view = new DataView(fds.buffer);
  const deadline = timeoutMs === undefined
    ? Infinity
    : performance.now() + timeoutMs;
  for (const [i, target] of [fd, cancelFd ?? -1].slice(0, count).entries()) {
    view.setInt32(i * abi.pollfd.size + abi.pollfd.fd, target, true);
    view.setInt16(i * abi.pollfd.size + abi.pollfd.events, POLLIN, true);
  }
  const revents = (i: number) =>
    view.getInt16(i * abi.pollfd.size + abi.pollfd.revents, true);
  while (true) {
    const left = deadline - performance.now();
    const wait = deadline === Infinity ? -1 : Math.max(0, Math.ceil(left));
    let ready = await c.poll_nonblocking(fds, BigInt(count), wait);
    if (ready === -1) {
      // The thread's errno is out of reach: ask again here, without
      // waiting, to tell an interruption (EINTR, go on) from a real error.
      ready = c.poll(fds, BigInt(count), 0);
      if (ready === -1) {
        const errno = lastErrno();
        if (errno !== abi.errno.EINTR && errno !== abi.errno.EAGAIN) {
          throw osError("poll", errno);
        }
        continue;
      }
    }
    if (count === 2 && revents(1) & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
      return "cancelled";
    }
    if (ready > 0) {
      if (revents(0) & POLLNVAL) throw osError("poll", abi.errno.EBADF);
      if (revents(0) & (POLLIN | POLLHUP | POLLERR)) return "ready";
    }
    if (performance.now() >= deadline) return "timeout";
  }
}

/**
 * Whether the other end of `fd` (a socket or pipe) has hung up, asked
 * without waiting: `poll()` with a timeout of 0.
 */
export function hungUp(fd: number): boolean {
  const { POLLERR, POLLHUP, POLLNVAL } = abi.POLL;
  return (pollNow(fd) & (POLLHUP | POLLERR | POLLNVAL)) !== 0;
}

/**
 * Whether a read of `fd` would return at once (data, end of file or an
 * error), asked without waiting: `poll()` with a timeout of 0.
 */
export function readableNow(fd: number): boolean {
  return pollNow(fd) !== 0;
}

/** `poll()` of `fd` for input with a timeout of 0: its `revents`. */
function pollNow(fd: number): number {
  const c = libcExtra("poll");
  const fds = new Uint8Array(abi.pollfd.size);
  const view = new DataView(fds.buffer);
  view.setInt32(abi.pollfd.fd, fd, true);
  view.setInt16(abi.pollfd.events, abi.POLL.POLLIN, true);
  if (check("poll", c.poll(fds, 1n, 0)) === 0) return 0;
  return view.getInt16(abi.pollfd.revents, true);
}

// ---- For fd_pass.ts: the socket calls it needs, same conventions. ----

/**
 * `socketpair(AF_UNIX, SOCK_STREAM, 0, sv)`: two connected Unix sockets,
 * close-on-exec, blocking.
 */
export function unixSocketPair(): [number, number] {
  const c = libc("socketpair");
  const sv = new Int32Array(2);
  const type = abi.SOCK_STREAM | abi.SOCK_CLOEXEC;
  check(
    "socketpair",
    c.socketpair(abi.AF_UNIX, type, 0, new Uint8Array(sv.buffer)),
  );
  if (abi.SOCK_CLOEXEC === 0) {
    setCloseOnExec(sv[0], true);
    setCloseOnExec(sv[1], true);
  }
  return [sv[0], sv[1]];
}

/** macOS: SO_NOSIGPIPE, so a write to a closed peer fails with EPIPE instead of killing us. */
export function noSigpipe(fd: number): void {
  if (abi.SO_NOSIGPIPE === null) return;
  const c = libcExtra("setsockopt");
  const on = new Uint8Array(new Int32Array([1]).buffer);
  check(
    "setsockopt",
    c.setsockopt(fd, abi.SOL_SOCKET, abi.SO_NOSIGPIPE, on, on.length),
  );
}

/** `sendmsg(fd, msghdr, flags)`: bytes sent. */
export function sendmsg(fd: number, msghdr: Uint8Array, flags: number): number {
  const c = libc("sendmsg");
  return check("sendmsg", c.sendmsg(fd, msghdr, flags));
}

/** `recvmsg(fd, msghdr, flags)`: bytes received, 0 at end of file. */
export function recvmsg(fd: number, msghdr: Uint8Array, flags: number): number {
  const c = libc("recvmsg");
  return check("recvmsg", c.recvmsg(fd, msghdr, flags));
}

/**
 * `madvise(start, length, MADV_DONTNEED)`: the pages' contents are dropped
 * and their memory goes back to the system; touching them again gives
 * zeroed pages. Only for memory that holds nothing any more.
 */
export function dropPages(start: bigint, length: bigint): void {
  const c = libc("madvise");
  const address = Deno.UnsafePointer.create(start);
  check("madvise", c.madvise(address, length, abi.MADV_DONTNEED));
}

/** `sched_yield()`: lets another thread ready on this CPU run first. */
export function yieldCpu(): void {
  if (isWindows) return;
  libcExtra("sched_yield").sched_yield();
}

/**
 * `malloc_trim(0)`: gives the free pages inside the C heap back to the
 * system (glibc; elsewhere it does nothing). Freed memory otherwise stays
 * with the process, counted as its own, until something reuses it.
 */
export function trimHeap(): void {
  libc("malloc_trim").malloc_trim?.(0n);
}
