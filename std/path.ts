/**
 * `@std/path`, typed: `dirname`, `fromFileUrl` and `resolve` from the npm
 * republish of the official std code, with the declarations in `path.d.ts`.
 *
 * @module
 */

// @ts-types="./path.d.ts"
export { fromFileUrl } from "deno-std/path/from_file_url.js";
// @ts-types="./path.d.ts"
export { dirname } from "deno-std/path/dirname.js";
// @ts-types="./path.d.ts"
export { resolve } from "deno-std/path/resolve.js";
