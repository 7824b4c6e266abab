// The single binary: the compile command line carries every module the tool
// loads at run time by a computed URL, which deno compile cannot see (the
// programs of the catalog, their explanations, the child and worker
// entries, whatever lazy() loads), and every file it reads
// (the program sources); `deno task compile` says in one line what to do
// where Deno's download host cannot be reached; with a real denort
// (DENORT_BIN) the binary is built and smoke-tested end to end.

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import {
  binaryName,
  compileArgs,
  denortCached,
  DOWNLOAD_HOST,
  INCLUDES,
  noDenort,
  TARGETS,
} from "../tools/compile.ts";
import { PERMISSION_FLAGS } from "../src/process/self_exec.ts";
import { loadProgram, PROGRAMS, programUrl } from "../src/catalog.ts";
import { explanationUrl } from "../src/teach/explain.ts";
import { predictionsUrl } from "../src/teach/predict.ts";
import { scenarioUrl } from "../src/check/check.ts";
import { EntryTable } from "../src/process/entrypoint.ts";
import { NO_BASH, smoke } from "./_smoke.ts";

const ROOT = new URL("..", import.meta.url);

/** The tool's code that goes into the binary: main.ts, src/, examples/, std/. */
function toolFiles(): string[] {
  const files = ["main.ts"];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(new URL(dir, ROOT))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory) walk(`${path}/`);
      else if (path.endsWith(".ts") && !path.endsWith(".d.ts")) {
        files.push(path);
      }
    }
  };
  for (const dir of ["src/", "examples/", "std/"]) walk(dir);
  return files.sort();
}

/**
 * `text` with its comments blanked (newlines kept) and, in `masked`, the
 * contents of its strings and regular expressions blanked too: what is left
 * is code, whose parentheses can be matched.
 */
function blank(text: string): { code: string; masked: string } {
  let code = "";
  let masked = "";
  let i = 0;
  let last = ""; // the last character of code, to tell a regex from a division
  const keep = (from: number, to: number, mask: boolean) => {
    const part = text.slice(from, to);
    code += part;
    masked += mask
      ? part[0] + part.slice(1, -1).replace(/[^\n]/g, " ") + part.at(-1)
      : part;
  };
  const drop = (from: number, to: number) => {
    const part = text.slice(from, to).replace(/[^\n]/g, " ");
    code += part;
    masked += part;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      drop(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2) + 2;
      drop(i, end);
      i = end;
    } else if (
      c === '"' || c === "'" || c === "`" ||
      (c === "/" && (last === "" || "(,=:[!&|?{};".includes(last)))
    ) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length) {
        if (text[j] === "\\") j++;
        else if (c === "/" && text[j] === "[") inClass = true;
        else if (c === "/" && text[j] === "]") inClass = false;
        else if (text[j] === c && !inClass) break;
        j++;
      }
      keep(i, j + 1, true);
      last = c;
      i = j + 1;
    } else {
      keep(i, i + 1, false);
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return { code, masked };
}

/** A place in the tool's code that loads, starts or reads a file at run time. */
interface Site {
  /** Where: `src/teach/explain.ts:56`. */
  where: string;
  /**
   * The call, its whitespace collapsed, long arguments cut:
   * `import(explanationUrl(spec).href)`.
   */
  call: string;
  /** The file, from the root. */
  file: string;
  /** What is called: import, lazy, Worker, URL, define..., or a read. */
  callee: string;
  /** Its arguments. */
  args: string;
}

/**
 * Every call in the tool's code that can reach a file at run time:
 * dynamic `import()`, `lazy()`, `new Worker()`,
 * `new URL()`, the entry tables (`defineChildren()`, `defineRoutines()`,
 * whose module a child or worker imports by its URL), and reads of a file
 * named by a URL.
 */
function sites(): Site[] {
  const found: Site[] = [];
  const call =
    /(\bfunction\s+|\btypeof\s+)?\b(import|lazy|defineChildren|defineRoutines|new\s+(?:Worker|URL|Children|Routines|EntryTable)|Deno\.(?:readTextFile|readFile|open)(?:Sync)?)\s*(?:<(?:[^<>]|<[^<>]*>)*>)?\s*\(/g;
  for (const file of toolFiles()) {
    const { code, masked } = blank(
      Deno.readTextFileSync(new URL(file, ROOT)),
    );
    for (const match of masked.matchAll(call)) {
      if (match[1]) continue; // a declaration, or a type
      const open = match.index + match[0].length - 1;
      let depth = 0;
      let close = open;
      for (; close < masked.length; close++) {
        if (masked[close] === "(") depth++;
        if (masked[close] === ")" && --depth === 0) break;
      }
      const args = code.slice(open + 1, close).replace(/\s+/g, " ").trim()
        .replace(/,$/, "");
      const line = code.slice(0, match.index).split("\n").length;
      const callee = match[2].replace(/^new\s+/, "");
      if (callee.startsWith("Deno.") && !/url/i.test(args)) continue;
      const shown = args.length > 60 ? `${args.slice(0, 57)}...` : args;
      found.push({
        where: `${file}:${line}`,
        call: `${callee}(${shown})`,
        file,
        callee,
        args,
      });
    }
  }
  return found;
}

/** The path of `url` from the root (`examples/fork.ts`). */
function fromRoot(url: URL): string {
  return url.href.slice(ROOT.href.length);
}

/**
 * The run-time loads whose target is computed, each with what it may load,
 * taken from the tool's own code (the catalog, the explanations' URLs, the
 * entry tables found); a call that is neither literal nor listed here fails
 * the test until it is added.
 */
function computed(tables: string[]): Record<string, string[]> {
  const programs = PROGRAMS.map((spec) => fromRoot(programUrl(spec)));
  const explanations = PROGRAMS.map((spec) => fromRoot(explanationUrl(spec)));
  const predictions = PROGRAMS.map((spec) => fromRoot(predictionsUrl(spec)));
  const scenarios = PROGRAMS.map((spec) => fromRoot(scenarioUrl(spec)));
  return {
    // lazy() itself: each of its calls is a site of its own.
    "src/lazy.ts import(new URL(path, base).href)": [],
    "src/lazy.ts URL(path, base)": [],
    // The catalog's programs: run, and printed by `tcpip source`.
    "src/catalog.ts URL(`../examples/${spec.file}.ts`, import.meta.url)":
      programs,
    "src/catalog.ts import(programUrl(spec).href)": programs,
    "src/teach/sources.ts Deno.readTextFile(programUrl(spec))": programs,
    "src/teach/explain.ts URL(`./explanations/${spec.file}.ts`, import.meta.url)":
      explanations,
    "src/teach/explain.ts import(explanationUrl(spec).href)": explanations,
    "src/teach/predict.ts URL(`./predictions/${spec.file}.ts`, import.meta.url)":
      predictions,
    "src/teach/predict.ts import(predictionsUrl(spec).href)": predictions,
    // tcpip check's scenario of each program.
    "src/check/check.ts URL(`./scenarios/${spec.file}.ts`, import.meta.url)":
      scenarios,
    "src/check/check.ts import(scenarioUrl(spec).href)": scenarios,
    // A child or worker imports the module of its entry table.
    "src/process/entrypoint.ts URL(address.module, ROOT)": tables,
    "src/process/entrypoint.ts import(url.href)": tables,
    // The factories behind defineChildren() and defineRoutines().
    "src/process/fork.ts Children(moduleUrl, roles)": [],
    "src/process/threads/worker.ts Routines(moduleUrl, routines)": [],
  };
}

/** What a literal site loads, from the root; undefined if it is not literal. */
function literalTarget(site: Site): string | undefined {
  const base = new URL(site.file, ROOT);
  const url = site.args.match(
    /^(?:import\.meta\.url, (["'])([^"'`]+)\1|(["'])([^"'`]+)\3, import\.meta\.url)$/,
  );
  if (url && ["lazy", "URL"].includes(site.callee)) {
    return fromRoot(new URL(url[2] ?? url[4], base));
  }
  // An entry table: a child or worker imports the module that declares it.
  if (
    /^define(Children|Routines)$/.test(site.callee) &&
    site.args.startsWith("import.meta.url, ")
  ) return site.file;
  // A worker started from a URL that is a site of its own.
  if (
    site.callee === "Worker" &&
    /^new URL\((["'])[^"'`]+\1, import\.meta\.url\)/.test(site.args)
  ) return "";
  return undefined;
}

Deno.test("the binary carries every module and file the tool may load or read at run time", async () => {
  const all = sites();
  const tables = all.filter((site) => site.callee.startsWith("define"))
    .map((site) => site.file);
  const known = computed(tables);
  const targets = new Map<string, string>(); // target -> the site that loads it
  const unknown: string[] = [];
  for (const site of all) {
    const literal = literalTarget(site);
    const listed = known[`${site.file} ${site.call}`];
    if (literal === undefined && listed === undefined) {
      unknown.push(`${site.where}: ${site.call}`);
      continue;
    }
    for (const target of literal !== undefined ? [literal] : listed) {
      if (target !== "") targets.set(target, site.where); // "": the root, a base
    }
  }
  assertEquals(
    unknown,
    [],
    "run-time loads whose targets this test cannot tell: add them to computed()",
  );
  for (const key of Object.keys(known)) {
    assert(
      all.some((site) => `${site.file} ${site.call}` === key),
      `computed() lists '${key}', which the code no longer has`,
    );
  }
  // Every catalog program, explanation and entry table is among them.
  for (const spec of PROGRAMS) {
    assert(targets.has(fromRoot(programUrl(spec))), spec.name);
    assert(targets.has(fromRoot(explanationUrl(spec))), spec.name);
  }
  assert(tables.length > PROGRAMS.length / 2, `entry tables: ${tables}`);

  // The entry tables the text shows are the ones the programs export.
  for (const spec of PROGRAMS) {
    const module = await loadProgram(spec) as unknown as Record<
      string,
      unknown
    >;
    for (const value of Object.values(module)) {
      if (value instanceof EntryTable) {
        assert(tables.includes(value.module), `${spec.name}: ${value.module}`);
      }
    }
  }

  // What these modules import statically (the quiz's questions, predict's
  // programs, ...) comes along: deno compile makes every module of an
  // --include'd folder a root of the binary's module graph.
  const outside: string[] = [];
  for (const [target, where] of targets) {
    if (target === "main.ts") continue; // the entry point itself
    let isFile = false;
    try {
      isFile = Deno.statSync(new URL(target, ROOT)).isFile;
    } catch {
      // missing
    }
    assert(isFile, `${where} loads ${target}, which does not exist`);
    if (!INCLUDES.some((dir) => target.startsWith(dir))) {
      outside.push(`${target} (${where})`);
    }
  }
  assertEquals(outside, [], "loaded at run time but not --include'd");
  for (const dir of INCLUDES) {
    assert(Deno.statSync(new URL(dir, ROOT)).isDirectory, dir);
  }
});

Deno.test("compile arguments: permissions, includes, target, output", () => {
  const args = compileArgs(
    "x86_64-pc-windows-msvc",
    "dist/" + binaryName("x86_64-pc-windows-msvc"),
  );
  assertEquals(args.slice(0, 2), ["compile", "--quiet"]);
  for (const flag of PERMISSION_FLAGS) assert(args.includes(flag));
  assertEquals(
    args.filter((arg) => arg === "--include").length,
    INCLUDES.length,
  );
  assertEquals(args.slice(-5), [
    "--target",
    "x86_64-pc-windows-msvc",
    "--output",
    "dist/tcpip-x86_64-pc-windows-msvc.exe",
    "main.ts",
  ]);
  assertEquals(TARGETS.length, 5);
});

/** The first target whose denort is not in DENO_DIR's cache (deno compile would download it). */
const uncached = await (async () => {
  for (const target of TARGETS) {
    if (!(await denortCached(target))) return target;
  }
  return undefined;
})();

/**
 * Runs `deno task compile --target <uncached> --out-dir <empty dir> [args]`
 * with DENORT_BIN unset and HTTPS through `proxy`, ending it after 60 s at
 * most; returns what it printed and what it wrote.
 */
async function compileThrough(proxy: string, args: string[] = []) {
  const out = Deno.makeTempDirSync({ prefix: "tcpip_compile_" });
  try {
    const env = Deno.env.toObject();
    delete env.DENORT_BIN;
    const task = new Deno.Command(Deno.execPath(), {
      args: [
        "task",
        "--quiet",
        "compile",
        "--target",
        uncached!,
        "--out-dir",
        out,
        ...args,
      ],
      cwd: ROOT,
      clearEnv: true,
      env: {
        ...env,
        HTTPS_PROXY: proxy,
        https_proxy: proxy,
        NO_PROXY: "",
        no_proxy: "",
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(60_000),
    });
    const started = performance.now();
    const result = await task.output();
    const ms = performance.now() - started;
    const decoder = new TextDecoder();
    return {
      code: result.code,
      signal: result.signal,
      stdout: decoder.decode(result.stdout),
      stderr: decoder.decode(result.stderr),
      ms,
      files: [...Deno.readDirSync(out)].map((entry) => entry.name),
    };
  } finally {
    Deno.removeSync(out, { recursive: true });
  }
}

const NO_UNCACHED =
  "every target's denort is in DENO_DIR's cache, so deno compile would not need the host";

Deno.test({
  name: uncached
    ? "deno task compile where Deno's download host refuses: one line naming DENORT_BIN, nothing built"
    : `deno task compile, host refused (skipped: ${NO_UNCACHED})`,
  ignore: !uncached,
  async fn() {
    // A proxy that refuses, as a closed port does.
    const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (closed.addr as Deno.NetAddr).port;
    closed.close();
    const run = await compileThrough(`http://127.0.0.1:${port}`);
    assertEquals(run.signal, null, "still running after 60 s");
    assertEquals(run.code, 1);
    assertEquals(run.stdout, "");
    // One line: noDenort()'s, with the reason the OS gave.
    const [before, after] = noDenort(uncached!, "\0").split("\0");
    assertEquals(run.stderr.split("\n").length, 2, run.stderr);
    assert(run.stderr.startsWith(before), run.stderr);
    assert(run.stderr.endsWith(`${after}\n`), run.stderr);
    assertMatch(run.stderr, /refused/i);
    assertStringIncludes(run.stderr, "DENORT_BIN");
    assertStringIncludes(run.stderr, DOWNLOAD_HOST);
    assertEquals(run.files, []);
  },
});

Deno.test({
  name: uncached
    ? "deno task compile where the host never answers: it gives up after --host-timeout with the same one line"
    : `deno task compile, host silent (skipped: ${NO_UNCACHED})`,
  ignore: !uncached,
  async fn() {
    // A proxy that takes each connection and says nothing, as a firewall
    // that drops packets does (deno compile itself would wait without end).
    const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const held: Deno.Conn[] = [];
    const holding = (async () => {
      try {
        for await (const conn of silent) held.push(conn);
      } catch {
        // closed
      }
    })();
    const port = (silent.addr as Deno.NetAddr).port;
    try {
      const run = await compileThrough(`http://127.0.0.1:${port}`, [
        "--host-timeout",
        "1",
      ]);
      assertEquals(run.signal, null, "still running after 60 s");
      assertEquals(run.code, 1);
      assertEquals(
        run.stderr,
        noDenort(uncached!, "no answer within 1 s") + "\n",
      );
      assertEquals(run.files, []);
      assert(held.length > 0, "the task never asked the host");
    } finally {
      silent.close();
      await holding;
      for (const conn of held) conn.close();
    }
  },
});

const denort = Deno.env.get("DENORT_BIN");

Deno.test({
  name: !denort
    ? "the compiled binary passes tools/smoke.sh (skipped: DENORT_BIN is not set, and deno compile " +
      "cannot download denort here; set DENORT_BIN to a denort binary to run it)"
    : NO_BASH
    ? `the compiled binary passes tools/smoke.sh (skipped: ${NO_BASH})`
    : "the compiled binary passes tools/smoke.sh, the release's smoke test",
  ignore: !denort || NO_BASH !== null,
  async fn() {
    const dir = Deno.makeTempDirSync();
    const binary = `${dir}/${binaryName(Deno.build.target)}`;
    try {
      const built = await new Deno.Command(Deno.execPath(), {
        args: compileArgs(Deno.build.target, binary),
        cwd: ROOT,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert(built.success, new TextDecoder().decode(built.stderr));
      const run = await smoke([binary]);
      assertEquals(run.code, 0, run.stdout);
      assertEquals(run.left, [], "processes left behind");
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
