/**
 * Seeds for `tcpip quiz` and `tcpip predict`: a seed decides what a session
 * asks and in which order the options come, so that answers cannot be
 * learnt by position, and `--seed N` asks the same again.
 *
 * @example
 * ```ts
 * import { generator, shuffle } from "./seed.ts";
 *
 * const random = generator(42);
 * shuffle(["a", "b", "c", "d"], random); // the same order for seed 42, always
 * ```
 *
 * @module
 */

import { UsageError } from "../errors.ts";

/** The largest seed: seeds are unsigned 32-bit numbers. */
export const MAX_SEED = 0xffff_ffff;

/**
 * Reads `--seed`: a whole number from 0 to {@linkcode MAX_SEED}, or
 * `undefined` when not given; anything else is a usage error.
 */
export function parseSeed(value: unknown, usage?: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(Array.isArray(value) ? value.at(-1) : value);
  if (!/^\d{1,10}$/.test(text) || Number(text) > MAX_SEED) {
    throw new UsageError({
      en: `--seed must be a whole number from 0 to ${MAX_SEED}, got '${text}'`,
      ko:
        `--seed에는 0부터 ${MAX_SEED}까지의 정수를 써야 한다. 받은 값: '${text}'`,
    }, usage);
  }
  return Number(text);
}

/** A seed for a session nobody asked to repeat. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] % 10_000;
}

/** A small seeded generator (mulberry32): numbers in [0, 1). */
export function generator(seed: number): () => number {
  // Mixed first, so that seeds 1, 2, 3 ... start far apart.
  let state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  state = (state ^ (state >>> 13)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in a seeded order (Fisher-Yates). */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
