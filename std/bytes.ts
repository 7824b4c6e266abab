/**
 * `@std/bytes`, typed: `concat` from the npm republish of the official std
 * code, with the declaration in `bytes.d.ts`.
 *
 * @module
 */

// @ts-types="./bytes.d.ts"
export { concat } from "deno-std/bytes/concat.js";
