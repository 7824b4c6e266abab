// Types for the entry points of `@std/jsonc` this project uses (see assert.d.ts).

/** A JSON value. */
export type JsonValue =
  | { [key: string]: JsonValue | undefined }
  | JsonValue[]
  | string
  | number
  | boolean
  | null;

/**
 * The value of `text`, JSON with comments (`//`, `/* *\/`) and trailing
 * commas; throws a `SyntaxError` on anything else.
 */
export declare function parse(text: string): JsonValue;
