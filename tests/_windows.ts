/**
 * Windows test helpers, through kernel32 and ntdll: whether a process has
 * ended (the tests cannot list a run's processes there), and whether the
 * "Windows" is Wine.
 *
 * @module
 */

const SYNCHRONIZE = 0x0010_0000;
const WAIT_OBJECT_0 = 0;

const KERNEL32 = {
  OpenProcess: { parameters: ["u32", "i32", "u32"], result: "pointer" },
  WaitForSingleObject: {
    parameters: ["pointer", "u32"],
    result: "u32",
    nonblocking: true,
  },
  CloseHandle: { parameters: ["pointer"], result: "i32" },
} as const;

/**
 * Resolves to whether process `pid` has ended within `ms` (Windows only): a
 * pid no process has any more has ended.
 */
export async function processEnds(pid: number, ms: number): Promise<boolean> {
  const k = Deno.dlopen("kernel32.dll", KERNEL32);
  try {
    const handle = k.symbols.OpenProcess(SYNCHRONIZE, 0, pid);
    if (handle === null) return true; // no such process any more
    try {
      return await k.symbols.WaitForSingleObject(handle, ms) === WAIT_OBJECT_0;
    } finally {
      k.symbols.CloseHandle(handle);
    }
  } finally {
    k.close();
  }
}

/**
 * Whether this Windows is Wine (its ntdll exports `wine_get_version`): a few
 * of Wine's known differences from Windows are stated where a test meets them.
 */
export const UNDER_WINE: boolean = (() => {
  if (Deno.build.os !== "windows") return false;
  try {
    Deno.dlopen("ntdll.dll", {
      wine_get_version: { parameters: [], result: "pointer" },
    }).close();
    return true;
  } catch {
    return false;
  }
})();
