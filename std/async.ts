/**
 * `@std/async`, typed: `deadline` and `delay` from the npm republish of the official std
 * code, with the declarations in `async.d.ts`.
 *
 * @module
 */

// @ts-types="./async.d.ts"
export { deadline } from "deno-std/async/deadline.js";
// @ts-types="./async.d.ts"
export { delay } from "deno-std/async/delay.js";
