// Types for the entry points of `@std/async` this project uses (see assert.d.ts).

/**
 * `p`, but rejected with a `DOMException` named `TimeoutError` once `ms`
 * milliseconds have passed.
 */
export declare function deadline<T>(
  p: Promise<T>,
  ms: number,
  options?: { signal?: AbortSignal },
): Promise<T>;

/**
 * Resolves after `ms` milliseconds; rejects with the signal's reason when
 * `options.signal` aborts first.
 */
export declare function delay(
  ms: number,
  options?: { signal?: AbortSignal; persistent?: boolean },
): Promise<void>;
