// Types for the entry points of `@std/assert` this project uses. The npm
// republish we import (deno-std) ships JavaScript only; these follow the
// signatures of the official std 1.x code.

/** Thrown by every assertion that fails. */
export declare class AssertionError extends Error {
  constructor(message: string, options?: ErrorOptions);
}
/** Asserts that `expr` is truthy. */
export declare function assert(expr: unknown, msg?: string): asserts expr;
/** Asserts deep equality of `actual` and `expected`. */
export declare function assertEquals<T>(
  actual: T,
  expected: T,
  msg?: string,
): void;
/** Asserts that `actual` and `expected` are not deeply equal. */
export declare function assertNotEquals<T>(
  actual: T,
  expected: T,
  msg?: string,
): void;
/** Asserts that `actual` matches the regular expression `expected`. */
export declare function assertMatch(
  actual: string,
  expected: RegExp,
  msg?: string,
): void;
/** Asserts that `actual` contains `expected`. */
export declare function assertStringIncludes(
  actual: string,
  expected: string,
  msg?: string,
): void;
/** Asserts that `fn` throws; returns what it threw. */
export declare function assertThrows(fn: () => unknown, msg?: string): unknown;
/** Asserts that `fn` throws an instance of `ErrorClass`; returns it. */
export declare function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  ErrorClass: abstract new (...args: any[]) => E,
  msgIncludes?: string,
  msg?: string,
): E;
/** Asserts that `fn` rejects; resolves to what it rejected with. */
export declare function assertRejects(
  fn: () => PromiseLike<unknown>,
  msg?: string,
): Promise<unknown>;
/** Asserts that `fn` rejects with an instance of `ErrorClass`. */
export declare function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  // deno-lint-ignore no-explicit-any
  ErrorClass: abstract new (...args: any[]) => E,
  msgIncludes?: string,
  msg?: string,
): Promise<E>;
/** Asserts `actual > expected`. */
export declare function assertGreater<T>(
  actual: T,
  expected: T,
  msg?: string,
): void;
/** Asserts `actual < expected`. */
export declare function assertLess<T>(
  actual: T,
  expected: T,
  msg?: string,
): void;
/** Fails at once with `msg`. */
export declare function fail(msg?: string): never;
