// parentOnly(): the parent gets the real modules; a child of the tool gets
// stand-ins, and any use of one says plainly that the child never loaded it.

import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { markChild } from "../src/process/child_spec.ts";
import { parentOnly } from "../src/process/parent_only.ts";

type ParentSide = typeof import("../src/net/parent_side.ts");

Deno.test("parentOnly: a parent process gets the module itself", async () => {
  const side = await parentOnly<ParentSide>(
    import.meta.url,
    "../src/net/parent_side.ts",
  );
  const real = await import("../src/net/parent_side.ts");
  assertEquals(side.Server, real.Server);
  assertEquals(side.waitpid, real.waitpid);
});

Deno.test("parentOnly: a child gets stand-ins that refuse every use, naming what it lacks", async () => {
  markChild(); // this test process now counts as a child of the tool
  const { Server, waitpid } = await parentOnly<ParentSide>(
    import.meta.url,
    "../src/net/parent_side.ts",
  );
  const missing = "(../src/net/parent_side.ts) is the parent's";
  assertThrows(
    () => Server.open("x", { host: "127.0.0.1", port: 0, maxClients: 1 }),
    Error,
    `Server ${missing}`,
  );
  await assertRejects(
    async () => await waitpid(-1, { noHang: true }),
    Error,
    `waitpid ${missing}`,
  );
  // The stand-in object is no promise: awaiting it gives it back as it is.
  const side = await parentOnly<ParentSide>(import.meta.url, "./nowhere.ts");
  assertEquals(typeof side, "object");
});
