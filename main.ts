/**
 * `tcpip`: run and study the programs of chapters 10 and 11 of Yoon
 * Sung-woo's *TCP/IP Socket Programming*.
 *
 * A process started by the fork layer carries `TCPIP_CHILD` and runs the
 * hidden child entry; it never reaches the command line. Everything else is
 * the command line. Both load their code lazily, so a child starts fast.
 *
 * @module
 */

import { messageOf } from "./src/errors.ts";
import { CHILD_ENV } from "./src/process/child_spec.ts";
import { lazy } from "./src/lazy.ts";

/** Runs the tool (or, in a child, its role) and resolves to the exit status. */
export async function main(args: readonly string[]): Promise<number> {
  const spec = Deno.env.get(CHILD_ENV);
  if (spec !== undefined) {
    const { runChild } = await lazy<
      typeof import("./src/process/child_entry.ts")
    >(
      import.meta.url,
      "./src/process/child_entry.ts",
    );
    try {
      return await runChild(spec);
    } catch (error) {
      // The child's stderr may be a pipe its parent reads; keep this short.
      const message = messageOf(error);
      await Deno.stderr.write(
        new TextEncoder().encode(`tcpip child: ${message}\n`),
      );
      return 1;
    }
  }
  const { cli } = await lazy<typeof import("./src/cli/cli.ts")>(
    import.meta.url,
    "./src/cli/cli.ts",
  );
  return await cli(args);
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
