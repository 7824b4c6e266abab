/**
 * `@std/path`, typed: `dirname` and `fromFileUrl` from the npm republish of the official
 * std code, with the declaration in `path.d.ts`.
 *
 * @module
 */

// @ts-types="./path.d.ts"
export { fromFileUrl } from "deno-std/path/from_file_url.js";
// @ts-types="./path.d.ts"
export { dirname } from "deno-std/path/dirname.js";
