// Types for the entry points of `@std/cli` this project uses (see assert.d.ts).

/** Options of {@linkcode parseArgs}, the ones this project uses. */
export interface ParseOptions {
  /** Flags that never take a value. */
  boolean?: string[];
  /** Options whose value is always kept as a string. */
  string?: string[];
  /** Other names for options: `{ h: "help" }`. */
  alias?: Record<string, string>;
  /** Options that may repeat; their values are collected in an array. */
  collect?: string[];
  /** Stop at the first positional argument; the rest go to `_`. */
  stopEarly?: boolean;
  /** Called for every unknown option (and positional); `false` drops it. */
  unknown?: (arg: string, key?: string, value?: unknown) => unknown;
}

/** What {@linkcode parseArgs} returns. */
export interface Args {
  /** Positional arguments. */
  _: (string | number)[];
  /** Options, by name. */
  [key: string]: unknown;
}

/** Parses command-line arguments. */
export declare function parseArgs(args: string[], options?: ParseOptions): Args;
