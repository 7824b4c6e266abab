/**
 * A file a server writes, as C's `fopen(path, "wt")` gives it, made safe for
 * a program that anyone on the machine can start in any folder:
 *
 * - a symbolic link planted at the path is refused, not followed
 *   (`O_NOFOLLOW`; Windows: a reparse point is refused), so the server never
 *   empties the file the link points to;
 * - the file is locked while the program writes it (`flock()`; Windows: a
 *   share mode that lets others only read), and a second server that would
 *   empty it is refused with one line instead.
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
  /** C's `fwrite(buf, 1, len, fp)`: every byte, on disk at once. */
  fwrite(bytes: Uint8Array): void;
  /** C's `fclose(fp)`; the lock goes with it. */
  fclose(): void;
}

/**
 * C's `fopen(path, "wt")`: creates or empties the file and returns it,
 * locked. Throws a {@linkcode RuntimeError} with one line when the path is a
 * link or a folder, its folder is missing, or another program holds it.
 */
export function fopen(path: string): WriteFile {
  refuseLinkOrFolder(path);
  if (isWindows) {
    // The share mode is Windows' lock: a second writer is refused at once.
    const handle = openLocked(path, true);
    return {
      fwrite: (bytes) => {
        for (let done = 0; done < bytes.length;) {
          done += win32.write(handle, bytes.subarray(done));
        }
      },
      fclose: () => win32.close(handle),
    };
  }
  const fd = openLocked(path, true);
  try {
    libc.truncate(fd); // "w": the file starts empty
  } catch (error) {
    libc.close(fd);
    throw error;
  }
  return {
    fwrite: (bytes) => libc.writeAll(fd, bytes),
    fclose: () => libc.close(fd),
  };
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
  refuseLinkOrFolder(path);
  let exists = true;
  try {
    Deno.lstatSync(path);
  } catch {
    exists = false;
  }
  if (!exists) return;
  const held = openLocked(path, false); // the lock goes with it
  if (isWindows) win32.close(held);
  else libc.close(held);
}

/** Refuses a symbolic link (Windows: any reparse point) or a folder at `path`. */
function refuseLinkOrFolder(path: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch {
    return; // not there yet: fopen() creates it
  }
  if (info.isSymlink || (isWindows && win32.isReparsePoint(path))) {
    throw refusal(path, A_LINK);
  }
  if (info.isDirectory) throw refusal(path, A_FOLDER);
}

/**
 * Opens `path` for writing without following a link, and takes its lock;
 * throws a {@linkcode RuntimeError} saying why not.
 */
function openLocked(path: string, create: boolean): number {
  if (isWindows) {
    try {
      return win32.openExclusive(path, create);
    } catch (error) {
      throw refusal(path, why(error));
    }
  }
  const { O_WRONLY, O_CREAT, O_NOFOLLOW } = abi;
  let fd: number;
  try {
    fd = libc.openFile(path, O_WRONLY | O_NOFOLLOW | (create ? O_CREAT : 0));
  } catch (error) {
    throw refusal(path, why(error));
  }
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
