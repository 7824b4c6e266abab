/**
 * The numbers and struct layouts the C library's calls take, one table per
 * platform ({@linkcode LINUX_ABI}, {@linkcode DARWIN_ABI}), and the helpers
 * that read and write fields of a C struct held in a buffer. Data only: the
 * calls themselves are in `libc.ts`.
 *
 * @example
 * ```ts
 * import { abi, readField } from "./abi.ts";
 *
 * const header = new DataView(new ArrayBuffer(abi.cmsghdr.data));
 * readField(header, abi.cmsghdr.len); // 0
 * ```
 *
 * @module
 */

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
  /** `fcntl()` command: set a pipe's capacity (Linux); null where there is none. */
  readonly F_SETPIPE_SZ: number | null;
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
  /** Socket-level option and control message level. */
  readonly SOL_SOCKET: number;
  /** Control message type that carries descriptors. */
  readonly SCM_RIGHTS: number;
  /** macOS SO_NOSIGPIPE (per socket); null where MSG_NOSIGNAL is used. */
  readonly SO_NOSIGPIPE: number | null;
  /** send flags. */
  readonly MSG_NOSIGNAL: number;
  /** recv/send flag: do not wait (`EAGAIN` instead). */
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
  ENXIO: 6,
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
  EROFS: 30,
  EPIPE: 32,
} as const;

/**
 * glibc on Linux x86_64 and aarch64 (both LP64; aarch64 uses the generic
 * errno numbers, which equal x86_64's for every value here, and its own
 * O_NOFOLLOW). Checked by running on x86_64: msghdr, cmsghdr, SCM_RIGHTS,
 * pipe2, accept4, poll, fcntl, open, flock, errno values.
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
  O_WRONLY: 1,
  O_CREAT: 0o100,
  // arm64 has its own value; x86_64 has the generic one.
  O_NOFOLLOW: Deno.build.arch === "aarch64" ? 0o100000 : 0o400000,
  F_GETFD: 1,
  F_SETFD: 2,
  F_GETFL: 3,
  F_SETFL: 4,
  F_DUPFD_CLOEXEC: 1030,
  F_SETPIPE_SZ: 1031,
  FD_CLOEXEC: 1,
  AF_UNIX: 1,
  AF_INET: 2,
  AF_INET6: 10,
  SOCK_STREAM: 1,
  SOCK_CLOEXEC: 0o2000000,
  SOL_SOCKET: 1,
  SCM_RIGHTS: 1,
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
 * 4-byte CMSG_ALIGN (data at 12), SOL_SOCKET 0xffff, open()'s flags, errno
 * numbers past EPIPE, and no SOCK_CLOEXEC or MSG_CMSG_CLOEXEC.
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
  O_WRONLY: 1,
  O_CREAT: 0x200,
  O_NOFOLLOW: 0x100,
  F_GETFD: 1,
  F_SETFD: 2,
  F_GETFL: 3,
  F_SETFL: 4,
  F_DUPFD_CLOEXEC: 67,
  F_SETPIPE_SZ: null,
  FD_CLOEXEC: 1,
  AF_UNIX: 1,
  AF_INET: 2,
  AF_INET6: 30,
  SOCK_STREAM: 1,
  SOCK_CLOEXEC: 0,
  SOL_SOCKET: 0xffff,
  SCM_RIGHTS: 1,
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
