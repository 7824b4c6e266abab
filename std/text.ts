/**
 * `@std/text`, typed: edit distance and the closest word, from the npm
 * republish of the official std code, with the declarations in `text.d.ts`.
 *
 * @module
 */

// @ts-types="./text.d.ts"
export { levenshteinDistance } from "deno-std/text/levenshtein_distance.js";
// @ts-types="./text.d.ts"
export { closestString } from "deno-std/text/closest_string.js";
