/**
 * The source of every program, as `tcpip source` prints it: the file in
 * `examples/` that the catalog names, read at run time (the binary carries
 * `examples/` whole, see `tools/compile.ts`).
 *
 * @module
 */

import { programUrl } from "../catalog.ts";
import type { ProgramSpec } from "../program.ts";

/** The program's TypeScript source, byte for byte. */
export function readSource(spec: ProgramSpec): Promise<string> {
  return Deno.readTextFile(programUrl(spec));
}
