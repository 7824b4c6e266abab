/**
 * Windows' own calls (`win32.ts`), loaded only on Windows. Elsewhere no
 * code path reaches them, and every module a process loads costs it
 * memory: that one, about 90 KB in each serving child.
 *
 * @example
 * ```ts
 * import { win32 } from "./windows.ts";
 * import { isWindows } from "../platform.ts";
 *
 * if (isWindows) win32.endChildrenWithMe();
 * ```
 *
 * @module
 */

import { lazy } from "../lazy.ts";
import { isWindows } from "../platform.ts";

/** The calls `win32.ts` offers. */
export type Win32 = typeof import("./win32.ts");

/** Outside Windows: any use of a Windows call is a bug, said plainly. */
const ABSENT = new Proxy({} as Win32, {
  get(_target, name) {
    throw new Error(`win32.${String(name)}() exists on Windows only`);
  },
});

/** `win32.ts` on Windows; elsewhere an object whose every use throws. */
export const win32: Win32 = isWindows
  ? await lazy<Win32>(import.meta.url, "./win32.ts")
  : ABSENT;
