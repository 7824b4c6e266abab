// Installing tcpip: install.sh (and install.ps1 on Windows) against
// stand-in release files served on loopback, and `deno task install`'s
// launcher, which runs this checkout without a `deno` on PATH and hands one
// Ctrl+C to the program exactly once.

import {
  assert,
  assertEquals,
  assertMatch,
  assertStringIncludes,
} from "@std/assert";
import config from "../deno.json" with { type: "json" };
import { DENO_VERSION, install, isOnPath } from "../tools/install.ts";

const ROOT = new URL("..", import.meta.url);
const WINDOWS = Deno.build.os === "windows";

/** A test that needs sh (install.sh, the sh launcher): ignored on Windows, saying why. */
function unixTest(
  name: string,
  fn: (t: Deno.TestContext) => Promise<void>,
): Deno.TestDefinition {
  return {
    name: WINDOWS
      ? `${name} (ignored: install.sh and the sh launcher are for Linux and macOS)`
      : name,
    ignore: WINDOWS,
    fn,
  };
}

/** A path of this OS for a file URL. */
function toPath(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  return WINDOWS ? path.slice(1).replaceAll("/", "\\") : path;
}

const INSTALL_SH = toPath(new URL("install.sh", ROOT));
const INSTALL_PS1 = toPath(new URL("install.ps1", ROOT));
/** Release assets are named by the target triples Deno itself uses. */
const HOST_ASSET = `tcpip-${Deno.build.target}${WINDOWS ? ".exe" : ""}`;

/** A served file's content. */
type Content = string | Uint8Array<ArrayBuffer>;

async function sha256(data: Content): Promise<string> {
  const bytes = typeof data === "string"
    ? new TextEncoder().encode(data)
    : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** A SHA256SUMS file (sha256sum's format) for `files`. */
async function sums(
  files: Record<string, Content>,
): Promise<string> {
  let text = "";
  for (const [name, data] of Object.entries(files)) {
    text += `${await sha256(data)}  ${name}\n`;
  }
  return text;
}

/** `files` with their SHA256SUMS, as one release publishes them. */
async function signed(
  files: Record<string, Content>,
): Promise<Record<string, Content>> {
  return { ...files, "SHA256SUMS": await sums(files) };
}

/** A stand-in "binary": a script that prints a version and its target. */
function fakeBinary(label: string): string {
  return `#!/bin/sh\necho "tcpip ${label}"\n`;
}

/** Release files served as GitHub does, under `<base>/latest/download/` and `<base>/download/<tag>/`. */
interface Release {
  base: string;
  requests: string[];
  close(): Promise<void>;
}

function serveRelease(
  releases: Record<string, Record<string, Content>>,
): Release {
  const requests: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) => {
      const path = new URL(request.url).pathname;
      requests.push(path);
      const match = path.match(
        /^\/releases\/(?:latest\/download|download\/([^/]+))\/([^/]+)$/,
      );
      const file = match && releases[match[1] ?? "latest"]?.[match[2]];
      return file === undefined || file === null
        ? new Response("Not Found", { status: 404 })
        : new Response(file);
    },
  );
  return {
    base: `http://127.0.0.1:${server.addr.port}/releases`,
    requests,
    close: () => server.shutdown(),
  };
}

/** A temporary directory with `home/`, `tmp/` and `bin/` (the install directory), removed after `fn`. */
async function withSandbox(
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tcpip_install_test_" });
  try {
    for (const sub of ["home", "tmp", "bin", "fake"]) {
      await Deno.mkdir(`${dir}/${sub}`);
    }
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

async function output(command: Deno.Command): Promise<Output> {
  const result = await command.output();
  const decoder = new TextDecoder();
  return {
    code: result.code,
    stdout: decoder.decode(result.stdout),
    stderr: decoder.decode(result.stderr),
  };
}

/** Runs `sh install.sh <args>` in a clean environment inside the sandbox. */
function installSh(
  sandbox: string,
  args: string[],
  env: Record<string, string>,
): Promise<Output> {
  return output(
    new Deno.Command("sh", {
      args: [INSTALL_SH, ...args],
      clearEnv: true,
      env: {
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        HOME: `${sandbox}/home`,
        TMPDIR: `${sandbox}/tmp`,
        TCPIP_INSTALL: `${sandbox}/bin`,
        ...env,
      },
      stdout: "piped",
      stderr: "piped",
    }),
  );
}

/** Writes a fake `uname` into `<sandbox>/fake` and returns a PATH that finds it first. */
async function fakeUname(
  sandbox: string,
  os: string,
  cpu: string,
): Promise<string> {
  const path = `${sandbox}/fake/uname`;
  await Deno.writeTextFile(
    path,
    `#!/bin/sh\ncase $1 in -s) echo '${os}' ;; -m) echo '${cpu}' ;; *) exit 1 ;; esac\n`,
  );
  await Deno.chmod(path, 0o755);
  return `${sandbox}/fake:${Deno.env.get("PATH")}`;
}

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

/** The error line install.sh printed: exactly one line, and nothing installed. */
async function assertFailed(
  result: Output,
  sandbox: string,
  message: RegExp,
  installed: string[] = [],
): Promise<void> {
  assertEquals(result.code, 1, result.stderr);
  const lines = result.stderr.trimEnd().split("\n");
  assertEquals(lines.length, 1, result.stderr);
  assertMatch(lines[0], /^tcpip install: error: /);
  assertMatch(lines[0], message);
  assertEquals(await entries(`${sandbox}/bin`), installed);
  assertEquals(await entries(`${sandbox}/tmp`), [], "temporary files left");
}

const V = config.version;

Deno.test(unixTest(
  "install.sh installs the latest release for this machine",
  async () => {
    const binary = fakeBinary(`${V} (${Deno.build.target})`);
    const release = serveRelease({
      latest: {
        [HOST_ASSET]: binary,
        "SHA256SUMS": await sums({ "tcpip-other": "x", [HOST_ASSET]: binary }),
      },
    });
    try {
      await withSandbox(async (sandbox) => {
        const result = await installSh(sandbox, [], {
          TCPIP_DOWNLOAD_BASE: release.base,
        });
        assertEquals(result.code, 0, result.stderr);
        assertEquals(result.stderr, "");
        const installed = `${sandbox}/bin/tcpip`;
        assertStringIncludes(
          result.stdout,
          `installed ${installed} (latest, ${Deno.build.target})`,
        );
        // Not on PATH: it says how to put it there.
        assertStringIncludes(
          result.stdout,
          `export PATH="${sandbox}/bin:$PATH"`,
        );
        assertEquals(release.requests, [
          `/releases/latest/download/${HOST_ASSET}`,
          "/releases/latest/download/SHA256SUMS",
        ]);
        assertEquals(await entries(`${sandbox}/bin`), ["tcpip"]);
        assertEquals((await Deno.stat(installed)).mode! & 0o111, 0o111);
        const run = await output(new Deno.Command(installed));
        assertEquals(run.stdout, `tcpip ${V} (${Deno.build.target})\n`);
        assertEquals(await entries(`${sandbox}/tmp`), []);
      });
    } finally {
      await release.close();
    }
  },
));

Deno.test(unixTest(
  "install.sh installs a given version (argument or TCPIP_VERSION) over an old one",
  async () => {
    const binary = fakeBinary(`0.2.0`);
    const release = serveRelease({
      "v0.2.0": await signed({ [HOST_ASSET]: binary }),
    });
    try {
      for (
        const [args, env] of [
          [["v0.2.0"], {}],
          [["0.2.0"], { TCPIP_VERSION: "v9.9.9" }], // the argument wins
          [[], { TCPIP_VERSION: "0.2.0" }],
        ] as [string[], Record<string, string>][]
      ) {
        await withSandbox(async (sandbox) => {
          await Deno.writeTextFile(`${sandbox}/bin/tcpip`, "old");
          release.requests.length = 0;
          const result = await installSh(sandbox, args, {
            TCPIP_DOWNLOAD_BASE: `${release.base}/`,
            // On PATH already: no advice, just how to begin.
            PATH: `${sandbox}/bin:${Deno.env.get("PATH")}`,
            ...env,
          });
          assertEquals(result.code, 0, result.stderr);
          assertEquals(release.requests, [
            `/releases/download/v0.2.0/${HOST_ASSET}`,
            "/releases/download/v0.2.0/SHA256SUMS",
          ]);
          assertStringIncludes(result.stdout, "Run 'tcpip list' to begin.");
          assert(!result.stdout.includes("export PATH"), result.stdout);
          assertEquals(
            await Deno.readTextFile(`${sandbox}/bin/tcpip`),
            binary,
          );
          assertEquals(await entries(`${sandbox}/bin`), ["tcpip"]);
        });
      }
    } finally {
      await release.close();
    }
  },
));

Deno.test(unixTest(
  "install.sh installs into ~/.local/bin without TCPIP_INSTALL",
  async () => {
    const binary = fakeBinary(V);
    const release = serveRelease({
      latest: await signed({ [HOST_ASSET]: binary }),
    });
    try {
      await withSandbox(async (sandbox) => {
        const result = await output(
          new Deno.Command("sh", {
            args: [INSTALL_SH],
            clearEnv: true,
            env: {
              PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
              HOME: `${sandbox}/home`,
              TMPDIR: `${sandbox}/tmp`,
              TCPIP_DOWNLOAD_BASE: release.base,
            },
            stdout: "piped",
            stderr: "piped",
          }),
        );
        assertEquals(result.code, 0, result.stderr);
        assertEquals(
          await Deno.readTextFile(`${sandbox}/home/.local/bin/tcpip`),
          binary,
        );
      });
    } finally {
      await release.close();
    }
  },
));

Deno.test(unixTest(
  "install.sh picks the target from uname (Linux and macOS, x86_64 and aarch64)",
  async () => {
    const targets = [
      "x86_64-unknown-linux-gnu",
      "aarch64-unknown-linux-gnu",
      "x86_64-apple-darwin",
      "aarch64-apple-darwin",
    ];
    const files: Record<string, string> = {};
    for (const target of targets) {
      files[`tcpip-${target}`] = fakeBinary(target);
    }
    const release = serveRelease({
      latest: await signed(files),
    });
    try {
      for (
        const [os, cpu, target] of [
          ["Linux", "x86_64", "x86_64-unknown-linux-gnu"],
          ["Linux", "amd64", "x86_64-unknown-linux-gnu"],
          ["Linux", "aarch64", "aarch64-unknown-linux-gnu"],
          ["Linux", "arm64", "aarch64-unknown-linux-gnu"],
          ["Darwin", "x86_64", "x86_64-apple-darwin"],
          ["Darwin", "arm64", "aarch64-apple-darwin"],
        ]
      ) {
        await withSandbox(async (sandbox) => {
          const result = await installSh(sandbox, [], {
            TCPIP_DOWNLOAD_BASE: release.base,
            PATH: await fakeUname(sandbox, os, cpu),
          });
          assertEquals(result.code, 0, `${os} ${cpu}: ${result.stderr}`);
          assertEquals(
            await Deno.readTextFile(`${sandbox}/bin/tcpip`),
            fakeBinary(target),
            `${os} ${cpu}`,
          );
        });
      }
    } finally {
      await release.close();
    }
  },
));

Deno.test(unixTest(
  "install.sh refuses an unsupported OS or CPU, downloading nothing",
  async () => {
    const release = serveRelease({});
    try {
      for (
        const [os, cpu, message] of [
          ["SunOS", "x86_64", /unsupported OS: SunOS/],
          ["FreeBSD", "amd64", /unsupported OS: FreeBSD/],
          ["Linux", "riscv64", /unsupported CPU: riscv64 on Linux/],
          ["Darwin", "i386", /unsupported CPU: i386 on Darwin/],
          ["MINGW64_NT-10.0", "x86_64", /use install\.ps1/],
        ] as const
      ) {
        await withSandbox(async (sandbox) => {
          const result = await installSh(sandbox, [], {
            TCPIP_DOWNLOAD_BASE: release.base,
            PATH: await fakeUname(sandbox, os, cpu),
          });
          await assertFailed(result, sandbox, message);
        });
      }
      assertEquals(release.requests, []);
    } finally {
      await release.close();
    }
  },
));

Deno.test(unixTest(
  "install.sh installs nothing on a checksum mismatch or a missing checksum line",
  async () => {
    const binary = fakeBinary(V);
    const release = serveRelease({
      "v0.1.0": {
        [HOST_ASSET]: binary,
        "SHA256SUMS": await sums({ [HOST_ASSET]: "something else" }),
      },
      "v0.1.1": {
        [HOST_ASSET]: binary,
        "SHA256SUMS": await sums({ [`${HOST_ASSET}.old`]: binary }),
      },
    });
    try {
      await withSandbox(async (sandbox) => {
        // An installed tcpip stays as it was.
        await Deno.writeTextFile(`${sandbox}/bin/tcpip`, "old");
        const mismatch = await installSh(sandbox, ["v0.1.0"], {
          TCPIP_DOWNLOAD_BASE: release.base,
        });
        await assertFailed(
          mismatch,
          sandbox,
          new RegExp(
            `checksum mismatch for ${HOST_ASSET}: SHA256SUMS says ${await sha256(
              "something else",
            )}, the download is ${await sha256(binary)}$`,
          ),
          ["tcpip"],
        );
        const missing = await installSh(sandbox, ["v0.1.1"], {
          TCPIP_DOWNLOAD_BASE: release.base,
        });
        await assertFailed(
          missing,
          sandbox,
          new RegExp(
            `SHA256SUMS of release 'v0.1.1' has no line for ${HOST_ASSET}$`,
          ),
          ["tcpip"],
        );
        assertEquals(await Deno.readTextFile(`${sandbox}/bin/tcpip`), "old");
      });
    } finally {
      await release.close();
    }
  },
));

Deno.test(unixTest(
  "install.sh installs nothing when the release is missing or the server is unreachable",
  async () => {
    const release = serveRelease({});
    try {
      await withSandbox(async (sandbox) => {
        const missing = await installSh(sandbox, ["v9.9.9"], {
          TCPIP_DOWNLOAD_BASE: release.base,
        });
        await assertFailed(
          missing,
          sandbox,
          new RegExp(
            `/download/v9\\.9\\.9/${HOST_ASSET} was not found: is there a release 'v9\\.9\\.9' with a build for ${Deno.build.target}\\?$`,
          ),
        );
        assertEquals(release.requests, [
          `/releases/download/v9.9.9/${HOST_ASSET}`,
        ]);
      });
    } finally {
      await release.close();
    }
    // A port nothing listens on any more: no network, as far as curl knows.
    const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (probe.addr as Deno.NetAddr).port;
    probe.close();
    await withSandbox(async (sandbox) => {
      const unreachable = await installSh(sandbox, [], {
        TCPIP_DOWNLOAD_BASE: `http://127.0.0.1:${port}/releases`,
      });
      await assertFailed(
        unreachable,
        sandbox,
        /could not download http:\/\/127\.0\.0\.1:\d+\/releases\/latest\/download\/\S+ \(no network, or the server did not answer\)$/,
      );
    });
  },
));

Deno.test(unixTest(
  "install.sh says so in one line when it cannot create the install directory",
  async () => {
    const binary = fakeBinary(V);
    const release = serveRelease({
      latest: await signed({ [HOST_ASSET]: binary }),
    });
    try {
      await withSandbox(async (sandbox) => {
        await Deno.writeTextFile(`${sandbox}/bin/file`, "");
        const result = await installSh(sandbox, [], {
          TCPIP_DOWNLOAD_BASE: release.base,
          TCPIP_INSTALL: `${sandbox}/bin/file/sub`,
        });
        await assertFailed(
          result,
          sandbox,
          new RegExp(`could not create ${sandbox}/bin/file/sub$`),
          ["file"],
        );
      });
    } finally {
      await release.close();
    }
  },
));

// --- deno task install ---------------------------------------------------

/** PATH without any directory that holds a `deno`. */
function pathWithoutDeno(): string {
  const separator = WINDOWS ? ";" : ":";
  const has = (dir: string, name: string) => {
    try {
      Deno.statSync(`${dir}${WINDOWS ? "\\" : "/"}${name}`);
      return true;
    } catch {
      return false;
    }
  };
  return (Deno.env.get("PATH") ?? "").split(separator).filter((dir) =>
    !["deno", "deno.exe", "deno.cmd"].some((name) => has(dir, name))
  ).join(separator);
}

/** Runs an installed launcher with `args` and a PATH without deno (plus `extraPath`). */
function runLauncher(
  launcher: string,
  args: string[],
  extraPath?: string,
): Promise<Output> {
  const separator = WINDOWS ? ";" : ":";
  const path = [extraPath, pathWithoutDeno()].filter((p) => p).join(separator);
  return output(
    new Deno.Command(WINDOWS ? "cmd.exe" : launcher, {
      args: WINDOWS ? ["/d", "/c", launcher, ...args] : args,
      env: { PATH: path, LANG: "C", NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }),
  );
}

/** `deno task install <args>` run from `cwd`, with `env`. */
function taskInstall(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Output> {
  return output(
    new Deno.Command(Deno.execPath(), {
      args: [
        "task",
        "--config",
        toPath(new URL("deno.json", ROOT)),
        "install",
        ...args,
      ],
      cwd,
      // `deno task` keeps an INIT_CWD it inherits (ours, when the suite runs
      // through `deno task test`): give it the directory this call runs in.
      env: { NO_COLOR: "1", INIT_CWD: cwd, ...env },
      stdout: "piped",
      stderr: "piped",
    }),
  );
}

const VERSION_LINE =
  `tcpip ${V} (deno ${Deno.version.deno}, ${Deno.build.target})\n`;

Deno.test("deno task install puts a tcpip command that runs this checkout without deno on PATH", async () => {
  await withSandbox(async (sandbox) => {
    const sep = WINDOWS ? "\\" : "/";
    const name = WINDOWS ? "tcpip.cmd" : "tcpip";
    const dir = `${sandbox}${sep}bin`;
    const result = await taskInstall(["--dir", dir], sandbox);
    assertEquals(result.code, 0, result.stderr);
    const launcher = `${dir}${sep}${name}`;
    assertStringIncludes(
      result.stdout,
      `installed ${launcher}: runs ${
        toPath(new URL("main.ts", ROOT))
      } with ${Deno.execPath()}`,
    );
    assertStringIncludes(result.stdout, `${dir} is not on your PATH.`);
    assertEquals(await entries(dir), [name]);
    const text = await Deno.readTextFile(launcher);
    assertStringIncludes(text, Deno.execPath());
    if (!WINDOWS) {
      assertEquals((await Deno.stat(launcher)).mode! & 0o111, 0o111);
      assertStringIncludes(
        text,
        `exec "$deno" run --allow-all --quiet --no-prompt "$main" "$@"`,
      );
    }

    const list = await runLauncher(launcher, ["list"]);
    assertEquals(list.code, 0, list.stderr);
    for (const program of ["fork", "pipe3", "echo-server", "echo-client"]) {
      assertMatch(list.stdout, new RegExp(`^  ${program} +\\S`, "m"));
    }
    const version = await runLauncher(launcher, ["--version"]);
    assertEquals(version.stdout, VERSION_LINE);
    assertEquals(version.code, 0);

    // A relative --dir is the caller's directory; TCPIP_INSTALL is the default.
    const relative = await taskInstall(["--dir", "rel"], sandbox);
    assertEquals(relative.code, 0, relative.stderr);
    assertEquals(await entries(`${sandbox}${sep}rel`), [name]);
    const fromEnv = await taskInstall([], sandbox, {
      TCPIP_INSTALL: `${sandbox}${sep}env`,
    });
    assertEquals(fromEnv.code, 0, fromEnv.stderr);
    assertEquals(await entries(`${sandbox}${sep}env`), [name]);
  });
});

Deno.test("deno task install: usage errors exit 2 and install nothing", async () => {
  await withSandbox(async (sandbox) => {
    for (const args of [["--bogus"], ["extra"], ["--dir"]]) {
      const result = await taskInstall(args, sandbox, {
        TCPIP_INSTALL: `${sandbox}/bin`,
      });
      assertEquals(result.code, 2, args.join(" "));
      assertStringIncludes(
        result.stderr,
        "usage: deno task install [--dir DIR]",
      );
    }
    assertEquals(await entries(`${sandbox}/bin`), []);
  });
});

Deno.test(unixTest(
  "the launcher runs Deno through npx when its Deno is gone, and says when it cannot",
  async () => {
    await withSandbox(async (sandbox) => {
      const gone = `${sandbox}/npx-cache/deno`;
      const launcher = await install({ dir: `${sandbox}/bin`, deno: gone });
      // A stand-in npx: logs its arguments and names this Deno, last line.
      const log = `${sandbox}/npx.log`;
      await Deno.writeTextFile(
        `${sandbox}/fake/npx`,
        `#!/bin/sh\nprintf '%s\\n' "$*" >>'${log}'\necho 'npm notice: fetched'\necho '${Deno.execPath()}'\n`,
      );
      await Deno.chmod(`${sandbox}/fake/npx`, 0o755);
      const version = await runLauncher(
        launcher,
        ["--version"],
        `${sandbox}/fake`,
      );
      assertEquals(version.stdout, VERSION_LINE, version.stderr);
      assertEquals(
        await Deno.readTextFile(log),
        `--yes deno@${DENO_VERSION} eval console.log(Deno.execPath())\n`,
      );

      // npx that cannot help: a clear error.
      await Deno.writeTextFile(`${sandbox}/fake/npx`, "#!/bin/sh\nexit 1\n");
      const failed = await runLauncher(
        launcher,
        ["--version"],
        `${sandbox}/fake`,
      );
      assertEquals(failed.code, 1);
      assertEquals(
        failed.stderr,
        `tcpip: ${gone} is gone and 'npx --yes deno@${DENO_VERSION}' did not provide a Deno\n`,
      );

      // A checkout that moved away.
      const moved = await install({
        dir: `${sandbox}/moved`,
        main: `${sandbox}/old-checkout/main.ts`,
      });
      const lost = await runLauncher(moved, ["list"]);
      assertEquals(lost.code, 1);
      assertEquals(
        lost.stderr,
        `tcpip: ${sandbox}/old-checkout/main.ts is gone; run 'deno task install' in the checkout again\n`,
      );
    });
  },
));

/**
 * Runs the launcher with `signal --speed 20 --trace`, sends one SIGINT (to
 * its pid, or to its process group as a terminal's Ctrl+C does) once the
 * first `wait...` line is out, and returns what happened.
 */
async function interruptSignal(
  launcher: string,
  target: "pid" | "group",
): Promise<
  { pid: number; out: string[]; err: string; status: Deno.CommandStatus }
> {
  const child = new Deno.Command(launcher, {
    args: ["signal", "--speed", "20", "--trace"],
    env: { PATH: pathWithoutDeno(), LANG: "C", NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    detached: target === "group",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const out: string[] = [];
  let partial = "";
  let sent = false;
  for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop()!;
    out.push(...parts);
    if (!sent && out.includes("wait...")) {
      sent = true;
      if (target === "pid") child.kill("SIGINT");
      else Deno.kill(-child.pid, "SIGINT");
    }
  }
  if (partial) out.push(partial);
  return { pid: child.pid, out, err: await stderr, status: await child.status };
}

Deno.test(unixTest(
  "the launcher is the program's only process: one SIGINT reaches it once",
  async () => {
    await withSandbox(async (sandbox) => {
      const launcher = await install({ dir: `${sandbox}/bin` });
      for (const target of ["pid", "group"] as const) {
        const { pid, out, err, status } = await interruptSignal(
          launcher,
          target,
        );
        const context = `${target}\n${out.join("\n")}\n${err}`;
        assertEquals(
          out.filter((line) => line === "CTRL+C pressed").length,
          1,
          context,
        );
        assertEquals(out.filter((line) => line === "wait...").length, 3);
        // The program's own status: no shell in between died of the signal.
        assertEquals(status, { success: true, code: 0, signal: null }, context);
        // The trace names the process that ran the program: the launcher's pid.
        assertMatch(err, new RegExp(`ms \\| ${pid} signal `), context);
      }
    });
  },
));

Deno.test("isOnPath compares whole entries, case-blind on Windows", () => {
  assert(
    isOnPath("/home/a/.local/bin", "/usr/bin:/home/a/.local/bin/", "linux"),
  );
  assert(!isOnPath("/home/a/.local", "/usr/bin:/home/a/.local/bin", "linux"));
  assert(!isOnPath("/home/a/bin", "", "linux"));
  assert(
    isOnPath(
      "C:\\Users\\A\\.local\\bin",
      "C:\\Windows;c:/users/a/.local/bin\\",
      "windows",
    ),
  );
});

// --- install.ps1 (Windows) ------------------------------------------------

/** Runs install.ps1 with Windows PowerShell against `base`, in the sandbox. */
function installPs1(
  sandbox: string,
  args: string[],
  env: Record<string, string>,
): Promise<Output> {
  return output(
    new Deno.Command("powershell.exe", {
      args: [
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Bypass",
        "-File",
        INSTALL_PS1,
        ...args,
      ],
      env: {
        TCPIP_INSTALL: `${sandbox}\\bin`,
        TMP: `${sandbox}\\tmp`,
        TEMP: `${sandbox}\\tmp`,
        TCPIP_VERSION: "",
        ...env,
      },
      stdout: "piped",
      stderr: "piped",
    }),
  );
}

/**
 * Whether a working PowerShell is here: it must run a command and return
 * its status. Wine ships a stand-in `powershell.exe` that runs nothing.
 */
function powershellWorks(): boolean {
  if (!WINDOWS) return false;
  try {
    const probe = new Deno.Command("powershell.exe", {
      args: ["-NoProfile", "-Command", "exit 7"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return probe.code === 7;
  } catch {
    return false;
  }
}

const POWERSHELL = powershellWorks();

Deno.test({
  name: POWERSHELL || !WINDOWS
    ? "install.ps1 installs a verified tcpip.exe, and nothing on a bad download"
    : "install.ps1 (skipped: no working PowerShell here; Wine's is a stand-in)",
  // Windows PowerShell runs it; elsewhere install.sh does the same job.
  ignore: !POWERSHELL,
  async fn(t) {
    const asset = "tcpip-x86_64-pc-windows-msvc.exe";
    const binary = new TextEncoder().encode("MZ stand-in for tcpip.exe");
    const release = serveRelease({
      latest: await signed({ [asset]: binary }),
      "v0.1.0": { [asset]: binary, "SHA256SUMS": await sums({ [asset]: "x" }) },
      "v0.1.1": {
        [asset]: binary,
        "SHA256SUMS": await sums({ other: binary }),
      },
    });
    const failed = async (result: Output, sandbox: string, message: RegExp) => {
      assertEquals(result.code, 1, result.stdout + result.stderr);
      assertMatch(result.stderr.trim(), /^tcpip install: error: /);
      assertMatch(result.stderr.trim(), message);
      assertEquals(await entries(`${sandbox}\\bin`), []);
      assertEquals(await entries(`${sandbox}\\tmp`), []);
    };
    try {
      await t.step("latest", async () => {
        await withSandbox(async (sandbox) => {
          const result = await installPs1(sandbox, [], {
            TCPIP_DOWNLOAD_BASE: release.base,
          });
          assertEquals(result.code, 0, result.stdout + result.stderr);
          assertEquals(
            await Deno.readFile(`${sandbox}\\bin\\tcpip.exe`),
            binary,
          );
          assertStringIncludes(result.stdout, "is not on your PATH");
          assertEquals(await entries(`${sandbox}\\tmp`), []);
        });
      });
      await t.step("checksum mismatch", async () => {
        await withSandbox(async (sandbox) => {
          const result = await installPs1(sandbox, ["v0.1.0"], {
            TCPIP_DOWNLOAD_BASE: release.base,
          });
          await failed(result, sandbox, /checksum mismatch for /);
        });
      });
      await t.step("missing checksum line", async () => {
        await withSandbox(async (sandbox) => {
          const result = await installPs1(sandbox, [], {
            TCPIP_DOWNLOAD_BASE: release.base,
            TCPIP_VERSION: "0.1.1",
          });
          await failed(result, sandbox, /has no line for /);
        });
      });
      await t.step("missing release", async () => {
        await withSandbox(async (sandbox) => {
          const result = await installPs1(sandbox, ["v9.9.9"], {
            TCPIP_DOWNLOAD_BASE: release.base,
          });
          await failed(result, sandbox, /was not found \(HTTP 404\)/);
        });
      });
      await t.step("unsupported CPU", async () => {
        await withSandbox(async (sandbox) => {
          const result = await installPs1(sandbox, [], {
            TCPIP_DOWNLOAD_BASE: release.base,
            PROCESSOR_ARCHITECTURE: "x86",
            PROCESSOR_ARCHITEW6432: "",
          });
          await failed(result, sandbox, /unsupported CPU: x86/);
        });
      });
    } finally {
      await release.close();
    }
  },
});
