/**
 * `@std/assert`, typed: the official std assertions from the npm republish
 * (`deno-std`, JavaScript only) with the declarations in `assert.d.ts`, so
 * that a wrong call fails `deno task check`. Tests only.
 *
 * @module
 */

// @ts-types="./assert.d.ts"
export {
  assert,
  assertEquals,
  assertGreater,
  AssertionError,
  assertLess,
  assertMatch,
  assertNotEquals,
  assertRejects,
  assertStringIncludes,
  assertThrows,
  fail,
} from "deno-std/assert/mod.js";
