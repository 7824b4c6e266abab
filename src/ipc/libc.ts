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
 * per platform ({@linkcode LINUX_ABI}, {@linkcode DARWIN_ABI}).
 *
 * @module
 */

import { OsError } from "./os_error.ts";
import { win32 } from "./windows.ts";
import { isWindows } from "../platform.ts";

/** Where a field sits in a C structure, and how wide it is. */
export interface Field {
  /** Byte offset from the start of the structure. */
  readonly offset: number;
  /** Width in bytes. */
  readonly size: 1 | 2 | 4 | 8;
}

/**
 * The constants and structure layouts of one platform's C library, for the
 * 64-bit little-endian targets the tool ships for (x86_64 and aarch64).
 */
export interface Abi {
  /** File name to `dlopen`. */
  readonly library: string;
  /** The function that returns the address of the calling thread's errno. */
  readonly errnoFunction: "__errno_location" | "__error";
  /** errno values by name. */
  readonly errno: Readonly<Record<string, number>>;
  /** `madvise()` advice: drop the pages; touching them again gives zeros. */
  readonly MADV_DONTNEED: number;
  /** `O_NONBLOCK`, a file status flag (F_GETFL/F_SETFL). */
  readonly O_NONBLOCK: number;
  /** `O_CLOEXEC`, for `pipe2()` and `open()`. */
  readonly O_CLOEXEC: number;
  /** `open()` access modes. */
  readonly O_RDWR: number;
  /** `open()` access modes. */
  readonly O_WRONLY: number;
  /** `open()`: create the file if it is not there. */
  readonly O_CREAT: number;
  /** `open()`: fail (ELOOP) when the last part of the path is a symbolic link. */
  readonly O_NOFOLLOW: number;
  /** `fcntl()` commands. */
  readonly F_GETFD: number;
  /** `fcntl()` commands. */
  readonly F_SETFD: number;
  /** `fcntl()` commands. */
  readonly F_GETFL: number;
  /** `fcntl()` commands. */
  readonly F_SETFL: number;
  /** `fcntl()` command: duplicate with close-on-exec set. */
  readonly F_DUPFD_CLOEXEC: number;
  /** The descriptor flag F_GETFD/F_SETFD handle. */
  readonly FD_CLOEXEC: number;
  /** Address families. */
  readonly AF_UNIX: number;
  /** Address families. */
  readonly AF_INET: number;
  /** Address families. */
  readonly AF_INET6: number;
  /** Socket type. */
  readonly SOCK_STREAM: number;
  /** Flag or'ed into socket()'s type; 0 where socket() has none (macOS). */
  readonly SOCK_CLOEXEC: number;
  /** Flag or'ed into socket()'s type; 0 where socket() has none (macOS). */
  readonly SOCK_NONBLOCK: number;
  /** `shutdown()`'s `how`. */
  readonly SHUT: Readonly<Record<"SHUT_RD" | "SHUT_WR" | "SHUT_RDWR", number>>;
  /** Socket-level option and control message level. */
  readonly SOL_SOCKET: number;
  /** Control message type that carries descriptors. */
  readonly SCM_RIGHTS: number;
  /**
   * getsockopt() that tells a Unix socket's peer pid: Linux SO_PEERCRED
   * (struct ucred, pid first), macOS LOCAL_PEERPID at level SOL_LOCAL (pid_t).
   */
  readonly peerPid: {
    readonly level: number;
    readonly option: number;
    readonly size: number;
  };
  /** macOS SO_NOSIGPIPE (per socket); null where MSG_NOSIGNAL is used. */
  readonly SO_NOSIGPIPE: number | null;
  /** send flags. */
  readonly MSG_NOSIGNAL: number;
  /** recv flags. */
  readonly MSG_DONTWAIT: number;
  /** recvmsg() result flag: control data was cut short. */
  readonly MSG_CTRUNC: number;
  /** recvmsg() flag: received descriptors get close-on-exec (0: none). */
  readonly MSG_CMSG_CLOEXEC: number;
  /** poll() events. */
  readonly POLL: Readonly<
    Record<"POLLIN" | "POLLERR" | "POLLHUP" | "POLLNVAL", number>
  >;
  /** Every sockaddr: its family field, and macOS's leading length byte. */
  readonly sockaddr: {
    readonly family: Field;
    readonly len: Field | null;
    readonly storageSize: number;
  };
  /** struct sockaddr_in. */
  readonly sockaddrIn: { readonly port: number; readonly addr: number };
  /** struct sockaddr_in6. */
  readonly sockaddrIn6: { readonly port: number; readonly addr: number };
  /** struct sockaddr_un; `abstract`: the Linux abstract namespace exists. */
  readonly sockaddrUn: {
    readonly size: number;
    readonly path: number;
    readonly pathSize: number;
    readonly abstract: boolean;
  };
  /** struct iovec. */
  readonly iovec: {
    readonly size: number;
    readonly base: Field;
    readonly len: Field;
  };
  /** struct msghdr. */
  readonly msghdr: {
    readonly size: number;
    readonly name: Field;
    readonly namelen: Field;
    readonly iov: Field;
    readonly iovlen: Field;
    readonly control: Field;
    readonly controllen: Field;
    readonly flags: Field;
  };
  /** struct cmsghdr; `data` is CMSG_DATA's offset, `align` CMSG_ALIGN's unit. */
  readonly cmsghdr: {
    readonly len: Field;
    readonly level: Field;
    readonly type: Field;
    readonly data: number;
    readonly align: number;
  };
  /** struct pollfd. */
  readonly pollfd: {
    readonly size: number;
    readonly fd: number;
    readonly events: number;
    readonly revents: number;
  };
}

/** errno names shared by both tables with the same value. */
const COMMON_ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  EBADF: 9,
  ECHILD: 10,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EEXIST: 17,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOSPC: 28,
  EPIPE: 32,
} as const;

/**
 * glibc on Linux x86_64 and aarch64 (both LP64; aarch64 uses the generic
 * fcntl and errno numbers, which equal x86_64's for every value here).
 * Checked by running on x86_64: msghdr, cmsghdr, sockaddr_un (abstract),
 * SO_PEERCRED, SCM_RIGHTS, pipe2, accept4, poll, fcntl, errno values.
 */
export const LINUX_ABI: Abi = {
  library: "libc.so.6",
  errnoFunction: "__errno_location",
  errno: {
    ...COMMON_ERRNO,
    EAGAIN: 11,
    ENAMETOOLONG: 36,
    ELOOP: 40,
    ENOTSOCK: 88,
    EMSGSIZE: 90,
    EPROTOTYPE: 91,
    EOPNOTSUPP: 95,
    EAFNOSUPPORT: 97,
    EADDRINUSE: 98,
    ECONNABORTED: 103,
    ECONNRESET: 104,
    ENOBUFS: 105,
    ENOTCONN: 107,
    ETIMEDOUT: 110,
    ECONNREFUSED: 111,
    EINPROGRESS: 115,
  },
  MADV_DONTNEED: 4,
  O_NONBLOCK: 0o4000,
  O_CLOEXEC: 0o2000000,
  O_RDWR: 2,
  O_WRONLY: 1,
  O_CREAT: 0o100,
  // arm64 has its own value; x86_64 has the generic one.
  O_NOFOLLOW: Deno.build.arch === "aarch64" ? 0o100000 : 0o400000,
  F_GETFD: 1,
  F_SETFD: 2,
  F_GETFL: 3,
  F_SETFL: 4,
  F_DUPFD_CLOEXEC: 1030,
  FD_CLOEXEC: 1,
  AF_UNIX: 1,
  AF_INET: 2,
  AF_INET6: 10,
  SOCK_STREAM: 1,
  SOCK_CLOEXEC: 0o2000000,
  SOCK_NONBLOCK: 0o4000,
  SHUT: { SHUT_RD: 0, SHUT_WR: 1, SHUT_RDWR: 2 },
  SOL_SOCKET: 1,
  SCM_RIGHTS: 1,
  // SO_PEERCRED fills struct ucred { pid_t pid; uid_t uid; gid_t gid; }.
  peerPid: { level: 1, option: 17, size: 12 },
  SO_NOSIGPIPE: null,
  MSG_NOSIGNAL: 0x4000,
  MSG_DONTWAIT: 0x40,
  MSG_CTRUNC: 0x8,
  MSG_CMSG_CLOEXEC: 0x40000000,
  POLL: { POLLIN: 0x1, POLLERR: 0x8, POLLHUP: 0x10, POLLNVAL: 0x20 },
  sockaddr: {
    family: { offset: 0, size: 2 },
    len: null,
    storageSize: 128,
  },
  sockaddrIn: { port: 2, addr: 4 },
  sockaddrIn6: { port: 2, addr: 8 },
  sockaddrUn: { size: 110, path: 2, pathSize: 108, abstract: true },
  iovec: {
    size: 16,
    base: { offset: 0, size: 8 },
    len: { offset: 8, size: 8 },
  },
  // size_t msg_iovlen and msg_controllen.
  msghdr: {
    size: 56,
    name: { offset: 0, size: 8 },
    namelen: { offset: 8, size: 4 },
    iov: { offset: 16, size: 8 },
    iovlen: { offset: 24, size: 8 },
    control: { offset: 32, size: 8 },
    controllen: { offset: 40, size: 8 },
    flags: { offset: 48, size: 4 },
  },
  // size_t cmsg_len; data and CMSG_ALIGN on 8 bytes.
  cmsghdr: {
    len: { offset: 0, size: 8 },
    level: { offset: 8, size: 4 },
    type: { offset: 12, size: 4 },
    data: 16,
    align: 8,
  },
  pollfd: { size: 8, fd: 0, events: 4, revents: 6 },
};

/**
 * libSystem on macOS x86_64 and arm64. NOT run here (only Linux can be):
 * every value was checked only by reading XNU's headers (sys/errno.h,
 * sys/socket.h, sys/un.h, sys/fcntl.h, sys/poll.h, netinet/in.h).
 * What differs from Linux: the sockaddr length byte, an `int` msg_iovlen
 * and `socklen_t` msg_controllen (48-byte msghdr), a 4-byte cmsg_len with
 * 4-byte CMSG_ALIGN (data at 12), SOL_SOCKET 0xffff, LOCAL_PEERPID, errno
 * numbers past EPIPE, and no SOCK_CLOEXEC, MSG_CMSG_CLOEXEC or abstract
 * sockets.
 */
export const DARWIN_ABI: Abi = {
  library: "libSystem.B.dylib",
  errnoFunction: "__error",
  errno: {
    ...COMMON_ERRNO,
    EAGAIN: 35,
    EINPROGRESS: 36,
    ENOTSOCK: 38,
    EMSGSIZE: 40,
    EPROTOTYPE: 41,
    EAFNOSUPPORT: 47,
    EADDRINUSE: 48,
    ECONNABORTED: 53,
    ECONNRESET: 54,
    ENOBUFS: 55,
    ENOTCONN: 57,
    ETIMEDOUT: 60,
    ECONNREFUSED: 61,
    ENAMETOOLONG: 63,
    ELOOP: 62,
    EOPNOTSUPP: 102,
  },
  MADV_DONTNEED: 4,
  O_NONBLOCK: 0x4,
  O_CLOEXEC: 0x1000000,
  O_RDWR: 2,
  O_WRONLY: 1,
  O_CREAT: 0x200,
  O_NOFOLLOW: 0x100,
  F_GETFD: 1,
  F_SETFD: 2,
  F_GETFL: 3,
  F_SETFL: 4,
  F_DUPFD_CLOEXEC: 67,
  FD_CLOEXEC: 1,
  AF_UNIX: 1,
  AF_INET: 2,
  AF_INET6: 30,
  SOCK_STREAM: 1,
  SOCK_CLOEXEC: 0,
  SOCK_NONBLOCK: 0,
  SHUT: { SHUT_RD: 0, SHUT_WR: 1, SHUT_RDWR: 2 },
  SOL_SOCKET: 0xffff,
  SCM_RIGHTS: 1,
  // LOCAL_PEERPID (2) at level SOL_LOCAL (0) fills a pid_t.
  peerPid: { level: 0, option: 2, size: 4 },
  SO_NOSIGPIPE: 0x1022,
  MSG_NOSIGNAL: 0,
  MSG_DONTWAIT: 0x80,
  MSG_CTRUNC: 0x20,
  MSG_CMSG_CLOEXEC: 0,
  POLL: { POLLIN: 0x1, POLLERR: 0x8, POLLHUP: 0x10, POLLNVAL: 0x20 },
  sockaddr: {
    family: { offset: 1, size: 1 },
    len: { offset: 0, size: 1 },
    storageSize: 128,
  },
  sockaddrIn: { port: 2, addr: 4 },
  sockaddrIn6: { port: 2, addr: 8 },
  sockaddrUn: { size: 106, path: 2, pathSize: 104, abstract: false },
  iovec: {
    size: 16,
    base: { offset: 0, size: 8 },
    len: { offset: 8, size: 8 },
  },
  // int msg_iovlen, socklen_t msg_controllen.
  msghdr: {
    size: 48,
    name: { offset: 0, size: 8 },
    namelen: { offset: 8, size: 4 },
    iov: { offset: 16, size: 8 },
    iovlen: { offset: 24, size: 4 },
    control: { offset: 32, size: 8 },
    controllen: { offset: 40, size: 4 },
    flags: { offset: 44, size: 4 },
  },
  // socklen_t cmsg_len; __DARWIN_ALIGN32: data and CMSG_ALIGN on 4 bytes.
  cmsghdr: {
    len: { offset: 0, size: 4 },
    level: { offset: 4, size: 4 },
    type: { offset: 8, size: 4 },
    data: 12,
    align: 4,
  },
  pollfd: { size: 8, fd: 0, events: 4, revents: 6 },
};

/** The table of the platform this process runs on. */
export const abi: Abi = Deno.build.os === "darwin" ? DARWIN_ABI : LINUX_ABI;

/**
 * Apple's arm64 ABI passes a variadic function's variable arguments on the
 * stack, not in registers, and Deno's FFI has no variadic calls. fcntl()'s
 * third argument is variadic, so it is also passed as a ninth argument:
 * eight register arguments come first, so the ninth lands in the first
 * stack slot, where Apple's fcntl reads it. Elsewhere it is read from the
 * third register and the extra arguments are ignored. (Checked only by
 * reading Apple's ABI notes; on Linux x86_64 the call was run.)
 */
const FCNTL_PARAMETERS = [
  "i32",
  "i32",
  "i64",
  "i64",
  "i64",
  "i64",
  "i64",
  "i64",
  "i64",
] as const;

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
  fcntl: { parameters: FCNTL_PARAMETERS, result: "i32" },
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  socketpair: { parameters: ["i32", "i32", "i32", "buffer"], result: "i32" },
  connect: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  sendmsg: { parameters: ["i32", "buffer", "i32"], result: "isize" },
  recvmsg: { parameters: ["i32", "buffer", "i32"], result: "isize" },
  madvise: { parameters: ["pointer", "usize", "i32"], result: "i32" },
  // glibc's; musl and macOS have none.
  malloc_trim: { parameters: ["usize"], result: "i32", optional: true },
} as const;

/**
 * open() with its mode: variadic after the flags, so passed both as the
 * third argument and in the first stack slot (see FCNTL_PARAMETERS).
 */
const OPEN_PARAMETERS = [
  "buffer",
  "i32",
  "i64",
  "i64",
  "i64",
  "i64",
  "i64",
  "i64",
  "i64",
] as const;

/** The calls only servers, the lessons that inspect the OS and tests make. */
const EXTRA_SYMBOLS = {
  open: { parameters: OPEN_PARAMETERS, result: "i32" },
  flock: { parameters: ["i32", "i32"], result: "i32" },
  setpgid: { parameters: ["i32", "i32"], result: "i32" },
  getpgrp: { parameters: [], result: "i32" },
  tcgetpgrp: { parameters: ["i32"], result: "i32" },
  tcsetpgrp: { parameters: ["i32", "i32"], result: "i32" },
  signal: { parameters: ["i32", "pointer"], result: "pointer" },
  ftruncate: { parameters: ["i32", "i64"], result: "i32" },
  dup2: { parameters: ["i32", "i32"], result: "i32" },
  bind: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  listen: { parameters: ["i32", "i32"], result: "i32" },
  accept: { parameters: ["i32", "pointer", "pointer"], result: "i32" },
  accept4: {
    parameters: ["i32", "pointer", "pointer", "i32"],
    result: "i32",
    optional: true,
  },
  shutdown: { parameters: ["i32", "i32"], result: "i32" },
  getsockname: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  getpeername: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  getsockopt: {
    parameters: ["i32", "i32", "i32", "buffer", "buffer"],
    result: "i32",
  },
  setsockopt: {
    parameters: ["i32", "i32", "i32", "buffer", "u32"],
    result: "i32",
  },
  poll: { parameters: ["buffer", "usize", "i32"], result: "i32" },
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

/** The {@linkcode EXTRA_SYMBOLS}, opened on first use, as {@linkcode libc}. */
function libcExtra(call: string): ExtraSymbols {
  if (extraSymbols) return extraSymbols;
  supported(call);
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

/** `fcntl(fd, cmd, arg)`, with the argument where each platform reads it. */
function fcntl(call: string, fd: number, cmd: number, arg = 0): number {
  const c = libc(call);
  const a = BigInt(arg);
  return check(call, c.fcntl(fd, cmd, a, 0n, 0n, 0n, 0n, 0n, a));
}

/**
 * `dup2(from, to)`: makes `to` refer to what `from` refers to, closing
 * what `to` referred to, in one step (no other thread can get the number
 * in between). The new `to` does not have close-on-exec set.
 */
export function dup2(from: number, to: number): number {
  const c = libcExtra("dup2");
  return check("dup2", c.dup2(from, to));
}

/**
 * Lets go of what `fd` refers to, as close(fd) would, but keeps the number
 * open on /dev/null (dup2). Use it for a descriptor that a Deno object
 * still owns, such as an accepted `Deno.TcpConn` handed to a child: Deno's
 * own `close()` later closes /dev/null, not a file that took the number in
 * the meantime, and sends no FIN on a socket the child still uses. Do not
 * read or write through the Deno object afterwards (tokio's recv() on
 * /dev/null fails with ENOTSOCK).
 */
export function detachFd(fd: number): void {
  const devNull = openFile("/dev/null", abi.O_RDWR);
  try {
    dup2(devNull, fd);
    // dup2() clears close-on-exec on `fd`; a child needs no /dev/null from us.
    setCloseOnExec(fd, true);
  } finally {
    close(devNull);
  }
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

/** `getpgrp()`: this process's process group. */
export function getpgrp(): number {
  return libcExtra("getpgrp").getpgrp();
}

/** `setpgid(0, 0)`: this process leads a process group of its own. */
export function ownProcessGroup(): void {
  check("setpgid", libcExtra("setpgid").setpgid(0, 0));
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

/** `shutdown(fd, how)`. */
export function shutdown(
  fd: number,
  how: "SHUT_RD" | "SHUT_WR" | "SHUT_RDWR",
): void {
  const c = libcExtra("shutdown");
  check("shutdown", c.shutdown(fd, abi.SHUT[how]));
}

/** A TCP/IP socket address as Deno spells it. */
export interface SocketAddress {
  /** Numeric IPv4 or IPv6 address (IPv6 without brackets). */
  hostname: string;
  /** Port number. */
  port: number;
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

/** Decodes a sockaddr_in or sockaddr_in6; null for other families. */
function decodeSockaddr(bytes: Uint8Array): SocketAddress | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const family = readField(view, abi.sockaddr.family);
  if (family === abi.AF_INET) {
    const a = abi.sockaddrIn.addr;
    return {
      hostname: Array.from(bytes.subarray(a, a + 4)).join("."),
      port: view.getUint16(abi.sockaddrIn.port, false),
    };
  }
  if (family === abi.AF_INET6) {
    const a = abi.sockaddrIn6.addr;
    return {
      hostname: formatIpv6(bytes.subarray(a, a + 16)),
      port: view.getUint16(abi.sockaddrIn6.port, false),
    };
  }
  return null;
}

/** RFC 5952 text of an IPv6 address, as Deno prints it (`::ffff:a.b.c.d` when mapped). */
function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${Array.from(bytes.subarray(12)).join(".")}`;
  }
  // The longest run of two or more zero groups becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  const head = hex.slice(0, bestStart).join(":");
  const tail = hex.slice(bestStart + bestLength).join(":");
  return `${head}::${tail}`;
}

/**
 * A comparable key for a numeric address: IPv4 and IPv4-mapped IPv6 give
 * the same key; IPv6 text of any spelling gives its eight groups.
 */
function addressKey(hostname: string): string {
  let host = hostname.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  if (!host.includes(":")) return host;
  let tail: number[] = [];
  const dotted = host.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[2].split(".").map(Number);
    tail = [(a << 8) | b, (c << 8) | d];
    host = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
  }
  const [left, right] = host.includes("::") ? host.split("::") : [host, null];
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((g) => parseInt(g, 16));
  const head = parse(left);
  const rest = [...(right === null ? [] : parse(right)), ...tail];
  const fill = right === null
    ? []
    : new Array(8 - head.length - rest.length).fill(0);
  const groups = [...head, ...fill, ...rest];
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const v4 = [
      groups[6] >> 8,
      groups[6] & 0xff,
      groups[7] >> 8,
      groups[7] & 0xff,
    ];
    return v4.join(".");
  }
  return groups.map((g) => g.toString(16)).join(":");
}

function sameAddress(a: SocketAddress, b: SocketAddress): boolean {
  return a.port === b.port && addressKey(a.hostname) === addressKey(b.hostname);
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

/**
 * read() without blocking the event loop, for blocking and non-blocking
 * descriptors alike: waits with {@linkcode waitReadable}, then reads
 * synchronously (errno is read on this thread). 0 at end of file.
 */
export async function readAsync(fd: number, buf: Uint8Array): Promise<number> {
  while (true) {
    await waitReadable(fd);
    try {
      return read(fd, buf);
    } catch (error) {
      // Someone else read it first, or a signal came: wait again.
      if (
        error instanceof OsError &&
        (error.code === "EAGAIN" || error.code === "EINTR")
      ) {
        continue;
      }
      throw error;
    }
  }
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

/** `socket(AF_UNIX, SOCK_STREAM, 0)` with close-on-exec (and O_NONBLOCK if asked). */
export function unixStreamSocket(nonBlocking: boolean): number {
  const c = libc("socket");
  const type = abi.SOCK_STREAM | abi.SOCK_CLOEXEC |
    (nonBlocking ? abi.SOCK_NONBLOCK : 0);
  const fd = check("socket", c.socket(abi.AF_UNIX, type, 0));
  try {
    if (abi.SOCK_CLOEXEC === 0) setCloseOnExec(fd, true);
    if (nonBlocking && abi.SOCK_NONBLOCK === 0) setNonBlocking(fd, true);
    noSigpipe(fd);
  } catch (error) {
    c.close(fd);
    throw error;
  }
  return fd;
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

/** `bind(fd, addr, addr.length)`. */
export function bind(fd: number, addr: Uint8Array): void {
  const c = libcExtra("bind");
  check("bind", c.bind(fd, addr, addr.length));
}

/** `listen(fd, backlog)`. */
export function listen(fd: number, backlog: number): void {
  const c = libcExtra("listen");
  check("listen", c.listen(fd, backlog));
}

/** `connect(fd, addr, addr.length)`, blocking as the socket is. */
export function connect(fd: number, addr: Uint8Array): void {
  const c = libc("connect");
  check("connect", c.connect(fd, addr, addr.length));
}

/** The pid of the process at the other end of a connected Unix socket. */
export function peerPid(fd: number): number {
  const c = libcExtra("getsockopt");
  const value = new Uint8Array(abi.peerPid.size);
  const length = new Uint32Array([value.length]);
  check(
    "getsockopt",
    c.getsockopt(
      fd,
      abi.peerPid.level,
      abi.peerPid.option,
      value,
      new Uint8Array(length.buffer),
    ),
  );
  // pid_t first in struct ucred; the whole value for LOCAL_PEERPID.
  return new DataView(value.buffer).getInt32(0, true);
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

/** Reads a field of `size` bytes (little-endian: every target here is). */
export function readField(view: DataView, field: Field): number {
  switch (field.size) {
    case 1:
      return view.getUint8(field.offset);
    case 2:
      return view.getUint16(field.offset, true);
    case 4:
      return view.getUint32(field.offset, true);
    case 8:
      return Number(view.getBigUint64(field.offset, true));
  }
}

/** Writes a field of `size` bytes (little-endian). */
export function writeField(
  view: DataView,
  field: Field,
  value: number | bigint,
): void {
  switch (field.size) {
    case 1:
      return view.setUint8(field.offset, Number(value));
    case 2:
      return view.setUint16(field.offset, Number(value), true);
    case 4:
      return view.setUint32(field.offset, Number(value), true);
    case 8:
      return view.setBigUint64(field.offset, BigInt(value), true);
  }
}

/**
 * A zeroed buffer with an ArrayBuffer of its own. V8 keeps small typed
 * arrays inside its heap, where the garbage collector may move them; a
 * buffer whose address goes into a struct must not move.
 */
export function fixedBuffer(size: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(size));
}

/** The address of a buffer's first byte, for a pointer field in a struct. */
export function addressOf(bytes: Uint8Array): bigint {
  const pointer = Deno.UnsafePointer.of(bytes);
  return BigInt(Deno.UnsafePointer.value(pointer));
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

/**
 * `malloc_trim(0)`: gives the free pages inside the C heap back to the
 * system (glibc; elsewhere it does nothing). Freed memory otherwise stays
 * with the process, counted as its own, until something reuses it.
 */
export function trimHeap(): void {
  libc("malloc_trim").malloc_trim?.(0n);
}
