// How the tool starts itself again: a pure function, tested in both modes.

import { assert, assertEquals } from "@std/assert";
import config from "../deno.json" with { type: "json" };
import { PERMISSION_FLAGS, selfCommand } from "../src/process/self_exec.ts";

Deno.test("compiled binary: runs itself with the child arguments", () => {
  const command = selfCommand(
    { standalone: true, execPath: "/opt/tcpip", mainPath: "/ignored/main.ts" },
    ["--tcpip-child", "fork:child"],
  );
  assertEquals(command, {
    command: "/opt/tcpip",
    args: ["--tcpip-child", "fork:child"],
  });
});

Deno.test("from source: `deno run` with the tool's permissions and main.ts", () => {
  const command = selfCommand(
    {
      standalone: false,
      execPath: "/usr/bin/deno",
      mainPath: "/src/tcpip/main.ts",
    },
    ["--tcpip-child", "pipe3:child"],
  );
  assertEquals(command, {
    command: "/usr/bin/deno",
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      "--cached-only",
      "--no-code-cache",
      ...PERMISSION_FLAGS,
      "/src/tcpip/main.ts",
      "--tcpip-child",
      "pipe3:child",
    ],
  });
});

Deno.test("deno.json's tasks run the tool with the same permissions", () => {
  const tcpip = config.tasks.tcpip.command;
  assertEquals(tcpip, ["deno run", ...PERMISSION_FLAGS, "main.ts"].join(" "));
});

Deno.test("deno.json has the tasks the project promises, each described", () => {
  const tasks = config.tasks as Record<
    string,
    { description: string; command: string }
  >;
  for (
    const name of ["tcpip", "test", "check", "lint", "fmt", "compile", "bench"]
  ) {
    assert(tasks[name], `task ${name}`);
    assert(
      tasks[name].description.length > 10 &&
        tasks[name].command.startsWith("deno "),
      name,
    );
  }
});
