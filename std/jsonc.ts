/**
 * `@std/jsonc`, typed: `parse` (JSON with comments) from the npm republish
 * of the official std code, with the declarations in `jsonc.d.ts`.
 *
 * @module
 */

// @ts-types="./jsonc.d.ts"
export { parse } from "deno-std/jsonc/parse.js";
