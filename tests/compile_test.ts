// The single binary: the compile command line carries every module the tool
// loads lazily and every worker; with a real denort (DENORT_BIN) the binary
// is built and run end to end.

import { assert, assertEquals } from "@std/assert";
import {
  binaryName,
  compileArgs,
  INCLUDES,
  TARGETS,
} from "../tools/compile.ts";
import { PERMISSION_FLAGS } from "../src/process/self_exec.ts";

const ROOT = new URL("..", import.meta.url);

/**
 * Every module the sources load by URL (`lazy()`, `parentOnly()`,
 * `import(new URL(...))`,
 * workers) and every file they read by URL at run time, from the root.
 */
function loadedByUrl(): string[] {
  const found = new Set<string>();
  const scan = (dir: string, deep = true) => {
    for (const entry of Deno.readDirSync(new URL(dir, ROOT))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory) {
        if (deep) scan(`${path}/`);
        continue;
      }
      if (!entry.name.endsWith(".ts")) continue;
      const text = Deno.readTextFileSync(new URL(path, ROOT));
      const patterns = [
        /(?:lazy|parentOnly)<[^>]*>\(\s*import\.meta\.url,\s*"([^"]+)"/g,
        /new URL\(\s*[`"]([^`"]+)[`"],\s*import\.meta\.url\)/g,
      ];
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) {
          const url = new URL(
            match[1].replace(/\$\{[^}]*\}/g, "x"),
            new URL(path, ROOT),
          );
          found.add(url.pathname.slice(ROOT.pathname.length));
        }
      }
    }
  };
  scan("", false);
  scan("src/");
  scan("examples/");
  return [...found].sort();
}

Deno.test("the binary carries every module and file the tool loads by URL", () => {
  const loaded = loadedByUrl().filter((path) =>
    path !== "main.ts" && path !== "" // the root itself: entrypoint.ts resolves against it
  );
  assert(loaded.length > 5, `found only ${loaded}`);
  const outside = loaded.filter((path) =>
    !INCLUDES.some((dir) => path.startsWith(dir))
  );
  assertEquals(outside, [], "loaded by URL but not --include'd");
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

const denort = Deno.env.get("DENORT_BIN");

Deno.test({
  name: denort
    ? "the compiled binary runs fork, pipe3, an echo round trip and source"
    : "the compiled binary end to end (skipped: DENORT_BIN is not set, and deno compile " +
      "cannot download denort here; set DENORT_BIN to a denort binary to run it)",
  ignore: !denort,
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
      const run = async (args: string[], stdin?: string) => {
        const child = new Deno.Command(binary, {
          args,
          cwd: dir,
          stdin: stdin === undefined ? "null" : "piped",
          stdout: "piped",
          stderr: "piped",
          env: { LANG: "C", NO_COLOR: "1" },
        }).spawn();
        if (stdin !== undefined) {
          const writer = child.stdin.getWriter();
          await writer.write(new TextEncoder().encode(stdin));
          await writer.close();
        }
        const out = await child.output();
        return { code: out.code, stdout: new TextDecoder().decode(out.stdout) };
      };

      const fork = await run(["fork"]);
      assertEquals(fork.code, 0);
      assertEquals(fork.stdout.split("\n").toSorted(), [
        "",
        "Child Proc: [13, 27] ",
        "Parent Proc: [9, 23] ",
      ]);
      const pipe3 = await run(["pipe3", "--speed", "20"]);
      assertEquals(
        pipe3.stdout,
        Deno.readTextFileSync(new URL("tests/golden/pipe3.txt", ROOT)),
      );
      const source = await run(["source", "pipe1"]);
      assertEquals(
        source.stdout,
        Deno.readTextFileSync(new URL("examples/pipe1.ts", ROOT)),
      );

      // An echo server and client, both the binary.
      const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const port = String((probe.addr as Deno.NetAddr).port);
      probe.close();
      const server = new Deno.Command(binary, {
        args: ["echo-server", port],
        stdout: "null",
        stderr: "piped",
        env: { LANG: "C" },
      }).spawn();
      const reader = server.stderr.pipeThrough(new TextDecoderStream())
        .getReader();
      let seen = "";
      while (!seen.includes("listening on")) {
        seen += (await reader.read()).value ?? "";
      }
      const client = await run(
        ["echo-client", "127.0.0.1", port],
        "compiled\nq\n",
      );
      server.kill("SIGTERM");
      while (!(await reader.read()).done) { /* drain */ }
      assertEquals((await server.status).code, 0);
      assertEquals(client.stdout, "Message from server: compiled\n");
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
