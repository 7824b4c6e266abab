/**
 * Loads a module of the tool when it is first needed.
 *
 * Deno walks every `import("./literal.ts")` it can see when a process
 * starts, loading modules that may never run. The specifier here is
 * computed, so a child process or `tcpip list` loads only what it uses.
 * `deno compile` cannot see such imports either: every module loaded this
 * way lies in a folder that `INCLUDES` (tools/compile.ts) puts in the
 * binary; a test checks that.
 *
 * @module
 */

/** Imports `path`, relative to the module at `base` (its `import.meta.url`). */
export function lazy<T>(base: string, path: string): Promise<T> {
  return import(new URL(path, base).href);
}
