// The process-leak check every run ends with must really see processes: a
// check that finds nothing because it cannot look would pass vacuously.

import { assert, assertEquals } from "@std/assert";
import { LEAK_CHECK_UNAVAILABLE, processesWithMarker } from "./_tcpip.ts";

Deno.test({
  name: LEAK_CHECK_UNAVAILABLE === null
    ? "the leak check finds a live process of a run by its marker, and not after it ends"
    : `the leak check (skipped: ${LEAK_CHECK_UNAVAILABLE})`,
  ignore: LEAK_CHECK_UNAVAILABLE !== null,
  async fn() {
    const marker = crypto.randomUUID();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["eval", "await new Promise((r) => setTimeout(r, 60_000))"],
      env: { TCPIP_TEST_RUN: marker },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    // Its environment is readable from the moment it exists.
    const found = processesWithMarker(marker);
    assert(found.includes(child.pid), `${child.pid} not in ${found}`);
    child.kill("SIGKILL");
    await child.status;
    assertEquals(processesWithMarker(marker), []);
  },
});
