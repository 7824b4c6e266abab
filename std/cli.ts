/**
 * `@std/cli`, typed: `parseArgs` from the npm republish of the official std
 * code, with the declarations in `cli.d.ts`.
 *
 * Not `unicodeWidth`: the republish ships only `.js` files, and that module
 * loads its width table from a `_data.json` the package leaves out, so it
 * fails to load (the tool keeps its own width function, `src/text.ts`).
 *
 * @module
 */

// @ts-types="./cli.d.ts"
export { parseArgs } from "deno-std/cli/parse_args.js";
export type { Args, ParseOptions } from "./cli.d.ts";
