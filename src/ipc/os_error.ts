/**
 * The error a failed system call throws, on every platform: the C library's
 * calls (`libc.ts`, errno) and Windows' (`win32.ts`, GetLastError and
 * WSAGetLastError, named with the POSIX name of the same condition where
 * there is one, such as `EPIPE` for a broken pipe).
 *
 * @module
 */

/** A system call failed: `code` names why (e.g. "EAGAIN"). */
export class OsError extends Error {
  /** The call that failed, e.g. "accept". */
  readonly call: string;
  /** The platform's error number (errno, or Windows' error code). */
  readonly errno: number;
  /** The error's name, e.g. "EAGAIN" ("errno <n>" for one without a name). */
  readonly code: string;

  /** Creates the error for `call` failing with `errno`, named `code`. */
  constructor(call: string, errno: number, code: string, text: string) {
    super(`${call}() failed: ${code} (${text})`);
    this.name = "OsError";
    this.call = call;
    this.errno = errno;
    this.code = code;
  }
}
