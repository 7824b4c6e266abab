/**
 * What a child loads decides what every child costs: each client's child is
 * a runtime of its own. This file keeps out of a child's module graph what
 * was measured to weigh on every child.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";

const ROOT = new URL("..", import.meta.url);

/** `deno info --json` of `file` (from the root), or of the installation without it. */
async function info(file?: string): Promise<Record<string, unknown>> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", ...(file ? [file] : [])],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(out.success, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/** Every JavaScript file `file` imports, itself included, following relative imports. */
function withImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = Deno.readTextFileSync(file);
  for (const [, target] of text.matchAll(/from\s+"(\.\.?\/[^"]+)"/g)) {
    withImports(new URL(target, `file://${file}`).pathname, seen);
  }
  return seen;
}

Deno.test({
  name:
    "no module a child loads asks for Node's process global (deno-std's path module did: 10 -> 14 MB per child)",
  // The npm cache's layout is read as Linux and macOS lay it out.
  ignore: Deno.build.os === "windows",
  async fn() {
    const { npmCache } = await info() as { npmCache: string };
    const roots = ["src/process/child_entry.ts"];
    for (const entry of Deno.readDirSync(new URL("examples/", ROOT))) {
      if (entry.name.endsWith(".ts")) roots.push(`examples/${entry.name}`);
    }
    const npm = new Set<string>();
    for (const root of roots) {
      const graph = await info(root) as { modules: { specifier: string }[] };
      for (const { specifier } of graph.modules) {
        if (specifier.startsWith("npm:/")) npm.add(specifier);
      }
    }
    assert(npm.size > 0, "the children load std's async and bytes from npm");
    const asking: string[] = [];
    for (const specifier of npm) {
      // npm:/deno-std@1.4.0/async/delay.js
      const [, name, version, path] = specifier.match(
        /^npm:\/([^@]+)@([^/]+)\/(.+)$/,
      )!;
      const file = `${npmCache}/registry.npmjs.org/${name}/${version}/${path}`;
      for (const js of withImports(file)) {
        const code = Deno.readTextFileSync(js).split("\n")
          .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line)).join("\n");
        // globalThis.process, or an alias of globalThis read as `.process`.
        if (/\.process\b/.test(code)) asking.push(`${specifier}: ${js}`);
      }
    }
    // Touching it makes Deno load its Node compatibility layer into every
    // child (measured: a serving child 10.2-10.7 -> 13.9-14.3 MB).
    assertEquals(asking, []);
  },
});
