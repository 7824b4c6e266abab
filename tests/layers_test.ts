// The tree reads as the book's topics, and its dependencies point one way:
// cli → teach, check → catalog → examples → net → process → ipc, signal → trace →
// the base modules at the root of src/. No module imports upward, and no
// import cycle exists.

import { assertEquals } from "@std/assert";

const ROOT = new URL("..", import.meta.url);

/** Each layer and its rank: a module may import its own layer or lower ones. */
const RANKS: Record<string, number> = {
  base: 0,
  trace: 1,
  signal: 2,
  ipc: 2,
  process: 3,
  net: 4,
  examples: 5,
  catalog: 6,
  teach: 7,
  check: 7,
  cli: 8,
  main: 9,
};

/** The layer of a module path relative to the root. */
function layer(path: string): string {
  if (path === "main.ts") return "main";
  if (path.startsWith("examples/")) return "examples";
  if (path === "src/catalog.ts") return "catalog";
  const folder = path.match(/^src\/([a-z]+)\//)?.[1];
  return folder ?? "base";
}

/** Every module of the tool: main.ts, src/ and examples/. */
function modules(dir = ""): string[] {
  return [...Deno.readDirSync(new URL(dir || ".", ROOT))].flatMap((entry) => {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory) {
      return dir === "" && !["src", "examples"].includes(entry.name)
        ? []
        : modules(`${path}/`);
    }
    return path.endsWith(".ts") && (dir !== "" || path === "main.ts")
      ? [path]
      : [];
  });
}

/** The relative modules a module imports (static, type-only and re-exports). */
function imports(path: string): string[] {
  const text = Deno.readTextFileSync(new URL(path, ROOT))
    .replace(/\/\*[\s\S]*?\*\//g, ""); // not the examples in doc comments
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s+"(\.[^"]+\.ts)"/g)) {
    const url = new URL(match[1], new URL(path, ROOT));
    found.push(url.pathname.slice(ROOT.pathname.length));
  }
  return found;
}

Deno.test("every folder of src/ is a topic of the book or the CLI", () => {
  const folders = [...Deno.readDirSync(new URL("src/", ROOT))]
    .filter((entry) => entry.isDirectory).map((entry) => entry.name).sort();
  assertEquals(folders, [
    "check",
    "cli",
    "ipc",
    "net",
    "process",
    "signal",
    "teach",
    "trace",
  ]);
});

Deno.test("no module imports a layer above its own", () => {
  const upward: string[] = [];
  for (const path of modules()) {
    for (const target of imports(path)) {
      if (RANKS[layer(target)] > RANKS[layer(path)]) {
        upward.push(`${path} -> ${target}`);
      }
    }
  }
  assertEquals(upward, []);
});

Deno.test("no import cycles", () => {
  const graph = new Map(modules().map((path) => [path, imports(path)]));
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (path: string, trail: string[]) => {
    if (state.get(path) === "done") return;
    if (state.get(path) === "open") {
      cycles.push([...trail.slice(trail.indexOf(path)), path].join(" -> "));
      return;
    }
    state.set(path, "open");
    for (const next of graph.get(path) ?? []) visit(next, [...trail, path]);
    state.set(path, "done");
  };
  for (const path of graph.keys()) visit(path, []);
  assertEquals(cycles, []);
});
