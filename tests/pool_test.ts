// The pool serves a new client at full speed: a child started ahead runs
// the echo path until V8 has compiled it before it takes a client.

import { assert } from "@std/assert";
import { dial, freePort, stopServer } from "./_net.ts";
import { Tool } from "./_tcpip.ts";

const linux = Deno.build.os === "linux";

/** Functions V8 says it compiled with `--trace-opt`, as `name:TIER`. */
function compiled(stdout: string[]): Set<string> {
  const found = new Set<string>();
  for (const line of stdout) {
    const match = line.match(
      /^\[completed compiling .*<JSFunction (\S+) .*\(target (\w+)\)/,
    );
    if (match) found.add(`${match[1]}:${match[2]}`);
  }
  return found;
}

Deno.test({
  name:
    "a child started ahead runs the echo path until V8 has compiled it, before any client comes",
  ignore: !linux,
  async fn() {
    // V8 says what it compiles; children get the flag through the
    // environment too. Its lines are flushed when a process ends.
    const port = freePort();
    const tool = Tool.start(["echo-server", String(port), "--prefork", "1"], {
      env: { DENO_V8_FLAGS: "--trace-opt" },
    });
    await tool.waitForNote(/listening on/);
    const [child] = (await tool.waitForProcesses(2)).filter((pid) =>
      pid !== tool.pid
    );
    // A waiting child blocks on its hand-off link once it is ready.
    while (
      Deno.readTextFileSync(`/proc/${child}/wchan`) !==
        "unix_stream_read_generic"
    ) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // A client that sends nothing: the child reads end of file once and
    // ends, so whatever it compiled, it compiled while it waited.
    (await dial(port)).close();
    await tool.waitFor("out", `removed proc id: ${child} `);
    await stopServer(tool);
    const tiers = compiled(tool.out);
    for (const name of ["read", "write", "writeAll"]) {
      assert(
        tiers.has(`${name}:MAGLEV`) || tiers.has(`${name}:TURBOFAN`),
        `${name} was not compiled before the client came:\n${
          [...tiers].join("\n")
        }`,
      );
    }
  },
});
