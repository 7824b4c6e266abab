/**
 * A file a server writes, as C's `fopen(path, "wt")` gives it, made safe for
 * a program that anyone on the machine can start in any folder:
 *
 * - a symbolic link planted at the path is refused, not followed
 *   (`O_NOFOLLOW`; Windows: a reparse point is refused), so the server never
 *   empties the file the link points to;
 * - the file is locked while the program writes it (`flock()`; Windows: a
 *   share mode that lets others only read), and a second server that would
 *   empty it is refused with one line instead;
 * - a named pipe is refused: C's `fopen()` would wait in `open()` for a
 *   reader, where no signal handler of a Deno process can run; a device
 *   (`/dev/null`) is written as C's "w" writes it, not emptied or locked;
 * - a write that fails is said once, and the program goes on without those
 *   bytes, as a C program that does not check `fwrite()` does.
 *
 * {@linkcode checkWritable} asks the same questions before a server listens,
 * so a bad `--out` ends it at start, with nothing created.
 *
 * @example The store process of `echo_storeserv.c`
 * ```ts ignore
 * import { fopen } from "./file.ts";
 *
 * const fp = fopen("echomsg.txt"); // fopen("echomsg.txt", "wt")
 * fp.fwrite(new TextEncoder().encode("hello\n")); // fwrite(msgbuf, 1, len, fp)
 * fp.fclose(); // fclose(fp)
 * ```
 *
 * @module
 */

import { messageOf, RuntimeError } from "../errors.ts";
import { note } from "../note.ts";
import { isWindows } from "../platform.ts";
import type { Text } from "../text.ts";
import { withJosa } from "../josa.ts";
import { abi } from "./abi.ts";
import * as libc from "./libc.ts";
import { OsError } from "./os_error.ts";
import { win32 } from "./windows.ts";

const A_LINK: Text = {
  en:
    "it is a symbolic link, and writing through it would empty the file it points to",
  ko: "심볼릭 링크다. 링크를 따라 쓰면 링크가 가리키는 파일을 비우게 된다",
};

const A_FOLDER: Text = { en: "it is a folder", ko: "폴더다" };

const A_FIFO: Text = {
  en:
    "it is a named pipe (FIFO), not a file: opening it waits until a program reads it",
  ko:
    "파일이 아니라 이름 있는 파이프(FIFO)다. 열면 어떤 프로그램이 읽을 때까지 기다리게 된다",
};

/** Another program writes the file now (its pid, where the OS says). */
function held(pid: number | null): Text {
  const who = pid === null ? "" : ` (pid ${pid})`;
  return {
    en:
      `another running program holds it${who}, a server writing it now; give this one --out`,
    ko:
      `실행 중인 다른 프로그램${who}이 이 파일을 쓰고 있다. 이 서버에는 --out으로 다른 파일을 주어라`,
  };
}

const HELD: Text = held(null);

/** An open file, written with C's `fwrite()` and closed with `fclose()`. */
export interface WriteFile {
  /**
   * C's `fwrite(buf, 1, len, fp)`: every byte, on disk at once; the bytes
   * written (0 when the write failed, which is said once).
   */
  fwrite(bytes: Uint8Array): number;
  /** C's `fclose(fp)`; the lock goes with it. */
  fclose(): void;
}

/**
 * C's `fopen(path, "wt")`: creates or empties the file and returns it,
 * locked. Throws a {@linkcode RuntimeError} with one line when the path is a
 * link or a folder, its folder is missing, or another program holds it.
 */
export function fopen(path: string): WriteFile {
  const info = refuseLinkOrFolder(path);
  if (isWindows) {
    // The share mode is Windows' lock: a second writer is refused at once.
    const handle = openLocked(path, true);
    return {
      fwrite: (bytes) => {
        for (let done = 0; done < bytes.length;) {
          done += win32.write(handle, bytes.subarray(done));
        }
        return bytes.length;
      },
      fclose: () => win32.close(handle),
    };
  }
  // A file (or a new one) is locked and emptied; a device or a named pipe
  // is written as it is, as C's "w" does (O_TRUNC empties only files).
  const regular = info === null || info.isFile;
  const fd = openLocked(path, true, regular);
  try {
    if (regular) libc.truncate(fd); // "w": the file starts empty
    libc.setNonBlocking(fd, false); // opened without waiting; writes wait
  } catch (error) {
    libc.close(fd);
    throw error;
  }
  let told = false;
  return {
    fwrite: (bytes) => {
      try {
        libc.writeAll(fd, bytes);
        return bytes.length;
      } catch (error) {
        if (!(error instanceof OsError)) throw error;
        if (!told) writeFailed(path, error);
        told = true;
        return 0;
      }
    },
    fclose: () => libc.close(fd),
  };
}

/** Says, once, that writing `path` failed, and what C's program does then. */
function writeFailed(path: string, error: OsError): void {
  note({
    en:
      `fwrite() failed: ${error.code} (${error.message}) writing ${path}; as in C, ` +
      "the program goes on and these bytes are lost (the book does not check what " +
      "fwrite() returns)",
    ko:
      `fwrite() 실패: ${error.code} (${error.message}), ${path}에 쓰지 못했다. ` +
      "C처럼 프로그램은 계속 진행하고 이 바이트는 잃는다 (책은 fwrite()의 반환값을 " +
      "확인하지 않는다)",
  });
}

/**
 * Whether {@linkcode fopen} of `path` would work now, asked without
 * creating or changing anything: throws its {@linkcode RuntimeError} if not.
 */
export function checkWritable(path: string): void {
  const folder = path.includes("/") || (isWindows && path.includes("\\"))
    ? path.slice(0, Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")))
    : ".";
  let isFolder = false;
  try {
    isFolder = Deno.statSync(folder === "" ? "/" : folder).isDirectory;
  } catch {
    // not there: said below
  }
  if (!isFolder) {
    throw refusal(path, {
      en: `its folder ${folder} does not exist`,
      ko: `폴더 ${withJosa(folder, "이/가")} 없다`,
    });
  }
  const info = refuseLinkOrFolder(path);
  if (info === null) {
    if (!isWindows) folderWritable(path, folder);
    return;
  }
  const held = openLocked(path, false, info.isFile); // the lock goes with it
  if (isWindows) win32.close(held);
  else libc.close(held);
}

/** Refuses `path`, not there yet, when this user cannot create it in `folder`. */
function folderWritable(path: string, folder: string): void {
  try {
    libc.checkFolderWritable(folder === "" ? "/" : folder);
  } catch (error) {
    const code = error instanceof OsError ? error.code : "";
    if (code === "EROFS") {
      throw refusal(path, {
        en: `its folder ${folder} is on a read-only file system`,
        ko: `폴더 ${withJosa(folder, "은/는")} 읽기 전용 파일 시스템에 있다`,
      });
    }
    if (code === "EACCES" || code === "EPERM") {
      throw refusal(path, {
        en: `its folder ${folder} cannot be written by this user`,
        ko: `이 사용자는 폴더 ${folder}에 쓸 수 없다`,
      });
    }
    throw refusal(path, why(error));
  }
}

/**
 * Refuses a symbolic link (Windows: any reparse point), a folder or a named
 * pipe at `path`; what is there, or null when nothing is yet.
 */
function refuseLinkOrFolder(path: string): Deno.FileInfo | null {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch {
    return null; // not there yet: fopen() creates it
  }
  if (info.isSymlink || (isWindows && win32.isReparsePoint(path))) {
    throw refusal(path, A_LINK);
  }
  if (info.isDirectory) throw refusal(path, A_FOLDER);
  if (info.isFifo) throw refusal(path, A_FIFO);
  return info;
}

/**
 * Opens `path` for writing without following a link, and takes its lock
 * (`lock`: only a file is locked; a device such as /dev/null is anyone's);
 * throws a {@linkcode RuntimeError} saying why not. The descriptor is
 * non-blocking: a named pipe put there since it was looked at fails at
 * once (ENXIO) instead of waiting in open() for a reader.
 */
function openLocked(path: string, create: boolean, lock = true): number {
  if (isWindows) {
    try {
      return win32.openExclusive(path, create);
    } catch (error) {
      throw refusal(path, why(error));
    }
  }
  const { O_WRONLY, O_CREAT, O_NOFOLLOW, O_NONBLOCK } = abi;
  let fd: number;
  try {
    fd = libc.openFile(
      path,
      O_WRONLY | O_NOFOLLOW | O_NONBLOCK | (create ? O_CREAT : 0),
    );
  } catch (error) {
    if (error instanceof OsError && error.code === "ENXIO" && isFifo(path)) {
      throw refusal(path, A_FIFO);
    }
    throw refusal(path, why(error));
  }
  if (!lock) return fd;
  try {
    libc.lockExclusive(fd);
  } catch (error) {
    libc.close(fd);
    if (error instanceof OsError && error.code === "EAGAIN") {
      throw refusal(path, held(lockHolder(path)));
    }
    throw refusal(path, why(error));
  }
  return fd;
}

/** Whether `path` is a named pipe now. */
function isFifo(path: string): boolean {
  try {
    return Deno.lstatSync(path).isFifo === true;
  } catch {
    return false;
  }
}

/** What a failed `open()` means for the learner. */
function why(error: unknown): Text {
  const code = error instanceof OsError ? error.code : "";
  switch (code) {
    case "EBUSY": // Windows: another process opened it for writing
      return HELD;
    case "ELOOP":
      return A_LINK;
    case "EISDIR":
      return A_FOLDER;
    case "ENOENT":
    case "ENOTDIR":
      return { en: "its folder does not exist", ko: "폴더가 없다" };
    case "EACCES":
    case "EPERM":
      return { en: "permission denied", ko: "권한이 없다" };
    case "EROFS":
      return {
        en: "it is on a read-only file system",
        ko: "읽기 전용 파일 시스템에 있다",
      };
    default: {
      const message = messageOf(error);
      return { en: message, ko: message };
    }
  }
}

function refusal(path: string, reason: Text): RuntimeError {
  return new RuntimeError({
    en: `cannot write ${path}: ${reason.en}`,
    ko: `${path}에 쓸 수 없다: ${reason.ko}`,
  });
}

/** The pid holding a lock on the file at `path`, from `/proc/locks` (Linux). */
function lockHolder(path: string): number | null {
  try {
    const inode = Deno.statSync(path).ino;
    for (const line of Deno.readTextFileSync("/proc/locks").split("\n")) {
      const fields = line.trim().split(/\s+/);
      // 1: FLOCK  ADVISORY  WRITE 12345 08:01:654321 0 EOF
      if (fields[5]?.split(":")[2] === String(inode)) return Number(fields[4]);
    }
  } catch {
    // no /proc: the message goes without a pid
  }
  return null;
}
