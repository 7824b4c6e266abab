/**
 * Code that only a program's parent process runs, loaded only there.
 *
 * A child loads its program's module again to find its role, and with it
 * every module that module imports; a child keeps each of them in its
 * memory for as long as it lives, and a serving child lives as long as its
 * client. A program imports its parent's machinery through
 * {@linkcode parentOnly}: the parent gets the modules, a child gets
 * stand-ins it never uses, and any use of one says so plainly.
 *
 * @example The parent's side of `echo_mpserv.c`
 * ```ts ignore
 * import { parentOnly } from "../src/process/parent_only.ts";
 *
 * const { Server, waitpid } = await parentOnly<
 *   typeof import("../src/net/parent_side.ts")
 * >(import.meta.url, "../src/net/parent_side.ts");
 * ```
 *
 * @module
 */

import { isChild } from "./child_spec.ts";
import { lazy } from "../lazy.ts";

/**
 * Imports `path` (relative to `base`, the caller's `import.meta.url`) in a
 * parent process. In a child of the tool: an object whose every member is
 * a stand-in that throws when called, constructed or looked into.
 */
export async function parentOnly<T extends object>(
  base: string,
  path: string,
): Promise<T> {
  if (!isChild()) return await lazy<T>(base, path);
  return new Proxy({} as T, {
    get(_target, name) {
      // `await` asks for `then`: the stand-in object is no promise.
      if (typeof name === "symbol" || name === "then") return undefined;
      return standIn(`${name}`, path);
    },
  });
}

/** A member the child never loaded: any use of it throws, naming it. */
function standIn(name: string, path: string): unknown {
  const refuse = (): never => {
    throw new Error(
      `${name} (${path}) is the parent's: a child does not load it`,
    );
  };
  return new Proxy(refuse, { apply: refuse, construct: refuse, get: refuse });
}
