/**
 * `@std/async`, typed: `deadline` from the npm republish of the official std
 * code, with the declaration in `async.d.ts`.
 *
 * @module
 */

// @ts-types="./async.d.ts"
export { deadline } from "deno-std/async/deadline.js";
