/**
 * The contract between the command line and a program of the book: how a
 * program describes its arguments (in the catalog), what its module exports
 * (in `examples/`), and what it receives when it runs.
 *
 * @module
 */

import type { Text } from "./text.ts";

/** How a value on the command line is read and checked. */
export type ValueKind =
  | "boolean"
  | "string"
  | "host"
  | "count"
  | "size"
  | "port"
  | "speed"
  /** The tool's language: `ko` or `en`. */
  | "lang";

/** An option such as `--buf-size N`. */
export interface OptionSpec {
  /** Long name without dashes, e.g. `buf-size`. */
  name: string;
  /** How its value is read. */
  kind: ValueKind;
  /** The placeholder in usage lines, e.g. `N` or `FILE`. */
  value?: string;
  /** The value when the option is not given. */
  default?: string | number | boolean;
  /** The largest value a number takes (its kind's own limit otherwise). */
  max?: number;
  /** One line for `--help`. */
  help: Text;
}

/** A positional argument such as `<ip>` or `[port]`. */
export interface ArgSpec {
  /** Its name in usage lines and in {@linkcode RunContext}. */
  name: string;
  /** How its value is read. */
  kind: Exclude<ValueKind, "boolean">;
  /** Optional arguments have a default. */
  default?: string | number;
  /** One line for `--help`. */
  help: Text;
}

/** The book's chapter (or exercise set) a program belongs to. */
export type Chapter = "10" | "11" | "exercises";

/**
 * What the tool says on standard error before a program runs: how this
 * platform differs from C for it. Static text lives here, not in the
 * example, so that the example reads like the book's program.
 */
export interface StartNotes {
  /** On every platform. */
  all?: Text;
  /** On Linux and macOS. */
  unix?: Text;
  /** On Windows (no fork, few signals, no zombies). */
  windows?: Text;
}

/** One program of the catalog. */
export interface ProgramSpec {
  /** The command name, e.g. `three-conversation`. */
  name: string;
  /** Other accepted names, e.g. the book's file name `echo_mpserv`. */
  aliases: readonly string[];
  /** Where the book has it. */
  chapter: Chapter;
  /**
   * The book's source file the program follows, e.g. `fork.c`; for an
   * exercise, which one in English (`chapter 10, exercise 3`), as
   * {@linkcode exercise} says.
   */
  book: string;
  /** For an exercise (which has no code in the book): its chapter and number. */
  exercise?: { chapter: "10" | "11"; number: number };
  /** File name of its module in `examples/`, without `.ts`. */
  file: string;
  /** One line saying what it shows. */
  summary: Text;
  /** Positional arguments, in order. */
  args: readonly ArgSpec[];
  /** Its own options (`--help` and `--trace` are added for every program). */
  options: readonly OptionSpec[];
  /** Programs that sleep also take `--speed N`. */
  timed: boolean;
  /** Notes printed before it runs. */
  notes?: StartNotes;
  /**
   * Why it cannot run on Windows, if it cannot (it needs what only a POSIX
   * system has); it then ends with that message and status 1.
   */
  unixOnly?: Text;
  /**
   * What the program teaches about its children, for the notes around it:
   * `collects`, it is about collecting them (at its end the tool names those
   * never collected, which C would leave as zombies); `watch`, the tool says
   * at its start how to watch them with `ps` in another terminal.
   */
  children?: { collects?: boolean; watch?: boolean };
}

/** What a module in `examples/` exports. */
export interface ProgramModule {
  /** The parent's code; resolves to the exit status (0 when void). */
  main(context: RunContext): Promise<number | void> | number | void;
}

/** Parsed values: options and positionals by name. */
export type Values = Readonly<Record<string, string | number | boolean>>;

/** What a program receives when it runs. */
export class RunContext {
  /** The name it was called by. */
  readonly name: string;
  /** The parsed values. */
  readonly values: Values;

  /** Makes a context from parsed values. */
  constructor(name: string, values: Values) {
    this.name = name;
    this.values = values;
  }

  /** A boolean option. */
  flag(name: string): boolean {
    return this.values[name] === true;
  }

  /** A numeric option or argument (counts, ports). */
  number(name: string): number {
    const value = this.values[name];
    if (typeof value !== "number") {
      throw new Error(`no numeric value '${name}'`);
    }
    return value;
  }

  /** A string option or argument. */
  string(name: string): string {
    const value = this.values[name];
    if (typeof value !== "string") throw new Error(`no string value '${name}'`);
    return value;
  }
}
