/**
 * Windows' own calls for what the book does with descriptors, reached
 * through Deno's FFI (kernel32 and ws2_32): a real anonymous pipe whose
 * ends are handles (`CreatePipe`, `ReadFile`, `WriteFile`, `CloseHandle`),
 * inheritance by the next child (`SetHandleInformation`, the stand-in for
 * clearing close-on-exec: a child gets the same handle values, as a forked
 * child gets the same descriptor numbers), and the sockets of the echo
 * servers: `socket()`/`bind()`/`listen()`/`accept()`, and the hand-over of
 * an accepted socket to a running child with `WSADuplicateSocketW()`, the
 * Windows counterpart of sending it with `SCM_RIGHTS`.
 *
 * Handles and sockets are plain numbers here, like descriptors. Every
 * failure throws an {@linkcode OsError} named with the POSIX name of the
 * same condition where there is one (`EPIPE` for a broken pipe,
 * `EADDRINUSE`, `ECONNRESET`, ...). The libraries are opened on first use.
 *
 * @module
 */

import { OsError } from "./os_error.ts";
import { isWindows } from "../platform.ts";

const KERNEL32 = {
  CreatePipe: {
    parameters: ["buffer", "buffer", "pointer", "u32"],
    result: "i32",
  },
  SetHandleInformation: { parameters: ["usize", "u32", "u32"], result: "i32" },
  ReadFile: {
    parameters: ["usize", "buffer", "u32", "buffer", "pointer"],
    result: "i32",
  },
  WriteFile: {
    parameters: ["usize", "buffer", "u32", "buffer", "pointer"],
    result: "i32",
  },
  CloseHandle: { parameters: ["usize"], result: "i32" },
  CreateFileW: {
    parameters: ["buffer", "u32", "u32", "pointer", "u32", "u32", "usize"],
    result: "usize",
  },
  GetFileAttributesW: { parameters: ["buffer"], result: "u32" },
  GetLastError: { parameters: [], result: "u32" },
  CreateJobObjectW: { parameters: ["pointer", "pointer"], result: "usize" },
  SetInformationJobObject: {
    parameters: ["usize", "i32", "buffer", "u32"],
    result: "i32",
  },
  AssignProcessToJobObject: { parameters: ["usize", "usize"], result: "i32" },
  GetCurrentProcess: { parameters: [], result: "usize" },
} as const;

const WS2_32 = {
  WSAStartup: { parameters: ["u16", "buffer"], result: "i32" },
  WSAGetLastError: { parameters: [], result: "i32" },
  socket: { parameters: ["i32", "i32", "i32"], result: "usize" },
  bind: { parameters: ["usize", "buffer", "i32"], result: "i32" },
  listen: { parameters: ["usize", "i32"], result: "i32" },
  // On a worker thread: the event loop goes on while accept() waits.
  accept: { parameters: ["usize", "pointer", "pointer"], result: "usize" },
  ioctlsocket: { parameters: ["usize", "i32", "buffer"], result: "i32" },
  // On a worker thread: the event loop goes on while it waits.
  WSAPoll: {
    parameters: ["buffer", "u32", "i32"],
    result: "i32",
    nonblocking: true,
  },
  getsockname: { parameters: ["usize", "buffer", "buffer"], result: "i32" },
  getpeername: { parameters: ["usize", "buffer", "buffer"], result: "i32" },
  WSADuplicateSocketW: {
    parameters: ["usize", "u32", "buffer"],
    result: "i32",
  },
  WSASocketW: {
    parameters: ["i32", "i32", "i32", "buffer", "u32", "u32"],
    result: "usize",
  },
  closesocket: { parameters: ["usize"], result: "i32" },
  recv: { parameters: ["usize", "buffer", "i32", "i32"], result: "i32" },
  send: { parameters: ["usize", "buffer", "i32", "i32"], result: "i32" },
  inet_pton: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  inet_ntop: {
    parameters: ["i32", "buffer", "buffer", "usize"],
    result: "pointer",
  },
} as const;

let kernel32: Deno.DynamicLibrary<typeof KERNEL32> | undefined;
let ws2: Deno.DynamicLibrary<typeof WS2_32> | undefined;

function k32(call: string): Deno.DynamicLibrary<typeof KERNEL32>["symbols"] {
  if (!isWindows) {
    throw new Error(`${call}(): a Windows call (kernel32), not on this system`);
  }
  kernel32 ??= Deno.dlopen("kernel32.dll", KERNEL32);
  return kernel32.symbols;
}

function winsock(call: string): Deno.DynamicLibrary<typeof WS2_32>["symbols"] {
  if (!isWindows) {
    throw new Error(`${call}(): a Windows call (ws2_32), not on this system`);
  }
  if (!ws2) {
    ws2 = Deno.dlopen("ws2_32.dll", WS2_32);
    // Counted per process: harmless when Deno's runtime started it already.
    const started = ws2.symbols.WSAStartup(0x0202, new Uint8Array(512));
    if (started !== 0) throw windowsError("WSAStartup", started);
  }
  return ws2.symbols;
}

/** Windows error codes and the POSIX names of the same conditions. */
const ERROR_NAMES: ReadonlyMap<number, string> = new Map([
  [2, "ENOENT"], // ERROR_FILE_NOT_FOUND
  [4, "EMFILE"], // ERROR_TOO_MANY_OPEN_FILES
  [5, "EACCES"], // ERROR_ACCESS_DENIED
  [6, "EBADF"], // ERROR_INVALID_HANDLE
  [8, "ENOMEM"], // ERROR_NOT_ENOUGH_MEMORY
  [32, "EBUSY"], // ERROR_SHARING_VIOLATION: another holds the file
  [3, "ENOENT"], // ERROR_PATH_NOT_FOUND: a folder on the way is missing
  [109, "EPIPE"], // ERROR_BROKEN_PIPE
  [232, "EPIPE"], // ERROR_NO_DATA: the pipe is being closed
  [10004, "EINTR"],
  [10009, "EBADF"],
  [10013, "EACCES"],
  [10014, "EFAULT"],
  [10022, "EINVAL"],
  [10024, "EMFILE"],
  [10035, "EWOULDBLOCK"],
  [10038, "ENOTSOCK"],
  [10048, "EADDRINUSE"],
  [10049, "EADDRNOTAVAIL"],
  [10050, "ENETDOWN"],
  [10053, "ECONNABORTED"],
  [10054, "ECONNRESET"],
  [10055, "ENOBUFS"],
  [10057, "ENOTCONN"],
  [10058, "ESHUTDOWN"],
  [10060, "ETIMEDOUT"],
  [10061, "ECONNREFUSED"],
]);

function windowsError(call: string, code: number): OsError {
  const name = ERROR_NAMES.get(code) ?? `error ${code}`;
  return new OsError(call, code, name, `Windows error ${code}`);
}

/** Throws the error GetLastError() reports when `ok` is 0 (FALSE). */
function checkHandleCall(call: string, ok: number): void {
  if (ok === 0) throw windowsError(call, k32(call).GetLastError());
}

/** `HANDLE_FLAG_INHERIT` of SetHandleInformation(). */
const HANDLE_FLAG_INHERIT = 1;

/**
 * How many bytes the pipe should hold before a writer waits: Linux's
 * default (`CreatePipe()` takes it as a hint, not a promise).
 */
const PIPE_SIZE = 64 * 1024;

/**
 * C's `pipe(fds)` on Windows: `CreatePipe()`, `[readEnd, writeEnd]`. Neither
 * end is inherited by children until {@linkcode setInheritable} says so.
 */
export function pipe(): [number, number] {
  const ends = new BigUint64Array(2);
  const bytes = new Uint8Array(ends.buffer);
  checkHandleCall(
    "CreatePipe",
    k32("CreatePipe").CreatePipe(
      bytes.subarray(0, 8),
      bytes.subarray(8),
      null,
      PIPE_SIZE,
    ),
  );
  return [Number(ends[0]), Number(ends[1])];
}

/**
 * Whether the next child started inherits `handle` (with the same value):
 * Windows' counterpart of clearing FD_CLOEXEC.
 */
export function setInheritable(handle: number, on: boolean): void {
  checkHandleCall(
    "SetHandleInformation",
    k32("SetHandleInformation").SetHandleInformation(
      BigInt(handle),
      HANDLE_FLAG_INHERIT,
      on ? HANDLE_FLAG_INHERIT : 0,
    ),
  );
}

/** C's blocking `read()` on a handle: bytes read, 0 at end of file. */
export function read(handle: number, buf: Uint8Array): number {
  const k = k32("ReadFile");
  const done = new Uint32Array(1);
  const ok = k.ReadFile(
    BigInt(handle),
    buf,
    buf.length,
    new Uint8Array(done.buffer),
    null,
  );
  if (ok !== 0) return done[0];
  const code = k.GetLastError();
  // ERROR_BROKEN_PIPE: every writer has closed. The code is read in a call
  // of its own, so the runtime may have reset it in between (0): a failed
  // read of a pipe is then taken as its end, the common case by far.
  if (code === 109 || code === 0) return 0;
  throw windowsError("ReadFile", code);
}

/** C's `write()` on a handle: bytes written. EPIPE once no reader is left. */
export function write(handle: number, bytes: Uint8Array): number {
  const k = k32("WriteFile");
  const done = new Uint32Array(1);
  checkHandleCall(
    "WriteFile",
    k.WriteFile(
      BigInt(handle),
      bytes,
      bytes.length,
      new Uint8Array(done.buffer),
      null,
    ),
  );
  return done[0];
}

/** `CloseHandle()`: C's `close()` of a handle. */
export function close(handle: number): void {
  checkHandleCall(
    "CloseHandle",
    k32("CloseHandle").CloseHandle(BigInt(handle)),
  );
}

const GENERIC_WRITE = 0x40000000;
const FILE_SHARE_READ = 1;
const CREATE_ALWAYS = 2;
const OPEN_EXISTING = 3;
const FILE_ATTRIBUTE_NORMAL = 0x80;
const FILE_ATTRIBUTE_REPARSE_POINT = 0x400;
const FILE_FLAG_OPEN_REPARSE_POINT = 0x200000;
const INVALID_FILE_ATTRIBUTES = 0xffffffff;
const INVALID_HANDLE_VALUE = 0xffffffffffffffffn;

/** A path as Windows' wide calls take it: UTF-16, NUL-terminated. */
function widePath(path: string): Uint8Array {
  const units = new Uint16Array(path.length + 1);
  for (let i = 0; i < path.length; i++) units[i] = path.charCodeAt(i);
  return new Uint8Array(units.buffer);
}

/**
 * Whether the file at `path` is a reparse point (a symbolic link or a
 * junction); false when there is no file.
 */
export function isReparsePoint(path: string): boolean {
  const attributes = k32("GetFileAttributesW").GetFileAttributesW(
    widePath(path),
  );
  return attributes !== INVALID_FILE_ATTRIBUTES &&
    (attributes & FILE_ATTRIBUTE_REPARSE_POINT) !== 0;
}

/**
 * Opens `path` for writing that no other process may write meanwhile
 * (others may only read: the share mode is Windows' lock), without
 * following a reparse point. `create`: made or emptied, as C's "w"; else it
 * must exist and is left as it is. Throws OsError EBUSY when another holds
 * it for writing.
 */
export function openExclusive(path: string, create: boolean): number {
  const k = k32("CreateFileW");
  const handle = k.CreateFileW(
    widePath(path),
    GENERIC_WRITE,
    FILE_SHARE_READ,
    null,
    create ? CREATE_ALWAYS : OPEN_EXISTING,
    FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT,
    0n,
  );
  if (BigInt(handle) === INVALID_HANDLE_VALUE) {
    throw windowsError("CreateFileW", k.GetLastError());
  }
  return Number(handle);
}

/** `JobObjectExtendedLimitInformation`, and the flag that ends a job's processes with it. */
const JOB_EXTENDED_LIMITS = 9;
const JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x2000;
/** `sizeof(JOBOBJECT_EXTENDED_LIMIT_INFORMATION)` on 64-bit Windows; LimitFlags at 16. */
const JOB_LIMITS_SIZE = 144;

/**
 * Puts this process in a new job that ends every process in it when the
 * job's last handle closes, which is when this process ends, however it
 * ends (`TerminateProcess()` included). Children started afterwards are in
 * the job too. So no child outlives the tool on Windows, where a killed
 * parent takes nothing with it otherwise. The job's handle is never
 * inherited.
 */
export function endChildrenWithMe(): void {
  const k = k32("CreateJobObjectW");
  const job = k.CreateJobObjectW(null, null);
  if (BigInt(job) === 0n) {
    throw windowsError("CreateJobObjectW", k.GetLastError());
  }
  const limits = new Uint8Array(JOB_LIMITS_SIZE);
  new DataView(limits.buffer).setUint32(
    16,
    JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    true,
  );
  checkHandleCall(
    "SetInformationJobObject",
    k.SetInformationJobObject(
      BigInt(job),
      JOB_EXTENDED_LIMITS,
      limits,
      limits.length,
    ),
  );
  checkHandleCall(
    "AssignProcessToJobObject",
    k.AssignProcessToJobObject(BigInt(job), BigInt(k.GetCurrentProcess())),
  );
}

/** `INVALID_SOCKET`, as the FFI returns it. */
const INVALID_SOCKET = 0xffff_ffff_ffff_ffffn;

const AF_INET = 2;
const AF_INET6 = 23;
const SOCK_STREAM = 1;
const IPPROTO_TCP = 6;

/** The size of `WSAPROTOCOL_INFOW`: what a child needs to open a handed socket. */
export const PROTOCOL_INFO_SIZE = 628;

/** `FROM_PROTOCOL_INFO`: WSASocketW() takes family, type and protocol from the info. */
const FROM_PROTOCOL_INFO = -1;

function checkSocket(call: string, result: number | bigint): number {
  if (BigInt(result) === INVALID_SOCKET) {
    throw windowsError(call, winsock(call).WSAGetLastError());
  }
  return Number(result);
}

function checkSocketCall(call: string, result: number): number {
  if (result === -1) throw windowsError(call, winsock(call).WSAGetLastError());
  return result;
}

/** An IPv4 or IPv6 address and port, as `sockaddr_in`/`sockaddr_in6` bytes. */
function socketAddress(host: string, port: number): Uint8Array {
  const w = winsock("inet_pton");
  const text = new TextEncoder().encode(
    `${host === "localhost" ? "127.0.0.1" : host}\0`,
  );
  const v4 = new Uint8Array(16);
  if (w.inet_pton(AF_INET, text, v4.subarray(4, 8)) === 1) {
    const view = new DataView(v4.buffer);
    view.setUint16(0, AF_INET, true);
    view.setUint16(2, port, false);
    return v4;
  }
  const v6 = new Uint8Array(28);
  if (w.inet_pton(AF_INET6, text, v6.subarray(8, 24)) === 1) {
    const view = new DataView(v6.buffer);
    view.setUint16(0, AF_INET6, true);
    view.setUint16(2, port, false);
    return v6;
  }
  throw new OsError(
    "bind",
    10049,
    "EADDRNOTAVAIL",
    `${host} is not an IP address (Windows: give one, such as 127.0.0.1)`,
  );
}

/** An address and port, read from `sockaddr_in`/`sockaddr_in6` bytes. */
export interface SocketAddress {
  /** The address, e.g. `127.0.0.1`. */
  hostname: string;
  /** The port. */
  port: number;
}

function parseAddress(bytes: Uint8Array): SocketAddress {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const family = view.getUint16(0, true);
  const port = view.getUint16(2, false);
  const address = family === AF_INET6
    ? bytes.subarray(8, 24)
    : bytes.subarray(4, 8);
  const text = new Uint8Array(64);
  winsock("inet_ntop").inet_ntop(family, address, text, BigInt(text.length));
  const end = text.indexOf(0);
  return {
    hostname: new TextDecoder().decode(text.subarray(0, end < 0 ? 0 : end)),
    port,
  };
}

/** C's `socket()` + `bind()` + `listen()`: a listening TCP socket. */
export function listenTcp(host: string, port: number, backlog = 128): number {
  const address = socketAddress(host, port);
  const family = address.length === 16 ? AF_INET : AF_INET6;
  const w = winsock("socket");
  const sock = checkSocket(
    "socket",
    w.socket(family, SOCK_STREAM, IPPROTO_TCP),
  );
  try {
    setInheritable(sock, false); // Winsock makes sockets inheritable
    checkSocketCall("bind", w.bind(BigInt(sock), address, address.length));
    checkSocketCall("listen", w.listen(BigInt(sock), backlog));
    setNonBlocking(sock, true); // accept() only after WSAPoll says ready
  } catch (error) {
    w.closesocket(BigInt(sock));
    throw error;
  }
  return sock;
}

/** C's `getsockname()`: where `sock` is bound. */
export function getsockname(sock: number): SocketAddress {
  const bytes = new Uint8Array(28);
  const length = new Int32Array([bytes.length]);
  checkSocketCall(
    "getsockname",
    winsock("getsockname").getsockname(
      BigInt(sock),
      bytes,
      new Uint8Array(length.buffer),
    ),
  );
  return parseAddress(bytes);
}

/** C's `getpeername()`: who is at the other end; null when nobody is. */
export function getpeername(sock: number): SocketAddress | null {
  const bytes = new Uint8Array(28);
  const length = new Int32Array([bytes.length]);
  const result = winsock("getpeername").getpeername(
    BigInt(sock),
    bytes,
    new Uint8Array(length.buffer),
  );
  return result === 0 ? parseAddress(bytes) : null;
}

/** `FIONBIO` of ioctlsocket(): sets or clears non-blocking mode. */
const FIONBIO = 0x8004667e | 0;
/** `POLLRDNORM`: a listening socket has a connection to accept. */
const POLLRDNORM = 0x0100;
/** How long one wait of {@linkcode accept} lasts before it checks `stop`. */
const ACCEPT_WAIT_MS = 500;

function setNonBlocking(sock: number, on: boolean): void {
  checkSocketCall(
    "ioctlsocket",
    winsock("ioctlsocket").ioctlsocket(
      BigInt(sock),
      FIONBIO,
      new Uint8Array(new Uint32Array([on ? 1 : 0]).buffer),
    ),
  );
}

/**
 * C's `accept()` on a listening socket from {@linkcode listenTcp}: waits on
 * a worker thread until a client is there (`WSAPoll`), then accepts on this
 * thread and makes the socket non-inheritable in the same step, so no child
 * started meanwhile can hold it (its client would see no end of file when
 * its own child closes). Resolves to null once `stop` is aborted.
 */
export async function accept(
  listening: number,
  stop: AbortSignal,
): Promise<number | null> {
  const w = winsock("accept");
  const pollfd = new Uint8Array(16); // WSAPOLLFD: SOCKET, events, revents
  const view = new DataView(pollfd.buffer);
  view.setBigUint64(0, BigInt(listening), true);
  view.setInt16(8, POLLRDNORM, true);
  while (!stop.aborted) {
    const ready = await w.WSAPoll(pollfd, 1, ACCEPT_WAIT_MS);
    if (ready < 0) {
      throw new OsError("WSAPoll", 0, "EPOLL", "WSAPoll() failed");
    }
    if (ready === 0 || stop.aborted) continue;
    const result = w.accept(BigInt(listening), null, null);
    if (BigInt(result) === INVALID_SOCKET) {
      const code = w.WSAGetLastError();
      if (code === 10035) continue; // WSAEWOULDBLOCK: another took it
      throw windowsError("accept", code);
    }
    const sock = Number(result);
    setInheritable(sock, false);
    setNonBlocking(sock, false); // it came from a non-blocking listener
    return sock;
  }
  return null;
}

/**
 * `WSADuplicateSocketW(sock, pid, &info)`: lets process `pid` open its own
 * socket for the same connection. Returns the `WSAPROTOCOL_INFOW` bytes to
 * send it; the connection stays open until both have closed theirs.
 */
export function duplicateSocket(sock: number, pid: number): Uint8Array {
  const info = new Uint8Array(PROTOCOL_INFO_SIZE);
  checkSocketCall(
    "WSADuplicateSocketW",
    winsock("WSADuplicateSocketW").WSADuplicateSocketW(BigInt(sock), pid, info),
  );
  return info;
}

/**
 * The child's side: `WSASocketW(FROM_PROTOCOL_INFO, ..., &info)`, in
 * blocking mode (the listener's non-blocking mode may come along, as
 * O_NONBLOCK does with a descriptor on Linux and macOS).
 */
export function socketFromInfo(info: Uint8Array): number {
  const w = winsock("WSASocketW");
  const sock = checkSocket(
    "WSASocketW",
    w.WSASocketW(
      FROM_PROTOCOL_INFO,
      FROM_PROTOCOL_INFO,
      FROM_PROTOCOL_INFO,
      info,
      0,
      0,
    ),
  );
  setNonBlocking(sock, false);
  return sock;
}

/** C's blocking `recv()`: bytes read, 0 at end of file. */
export function recv(sock: number, buf: Uint8Array): number {
  return checkSocketCall(
    "recv",
    winsock("recv").recv(BigInt(sock), buf, buf.length, 0),
  );
}

/** C's `send()` until every byte is sent. */
export function sendAll(sock: number, bytes: Uint8Array): void {
  const w = winsock("send");
  let done = 0;
  while (done < bytes.length) {
    const part = bytes.subarray(done);
    done += checkSocketCall("send", w.send(BigInt(sock), part, part.length, 0));
  }
}

/** `closesocket()`: C's `close()` of a socket. */
export function closesocket(sock: number): void {
  checkSocketCall(
    "closesocket",
    winsock("closesocket").closesocket(BigInt(sock)),
  );
}
