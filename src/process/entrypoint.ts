/**
 * Functions that run elsewhere: in a child process (C's `if (pid == 0)`
 * branch, see `fork.ts`) or on a worker thread (`worker.ts`). A module
 * declares a table of named functions with its own `import.meta.url`;
 * another process or thread imports that module by URL and finds the
 * function again by name. Nothing is looked up through the catalog, so the
 * fork layer knows nothing of the programs that use it.
 *
 * @module
 */

/** Where the functions of a table run. */
export type Place = "process" | "worker";

/** How another process or thread finds one function of a table. */
export interface EntryAddress {
  /** The module, relative to the tool's root, e.g. `examples/pipe3.ts`. */
  module: string;
  /** Where the function runs. */
  place: Place;
  /** Its name in the table. */
  name: string;
}

/** The tool's root folder (where `main.ts` is), in every mode. */
const ROOT = new URL("../../", import.meta.url);

/** A function of a table: each kind of table says what it takes. */
// deno-lint-ignore no-explicit-any
export type AnyFunction = (...args: any[]) => unknown;

/** Named functions of one module that run in another process or thread. */
export class EntryTable<F extends Record<string, AnyFunction>> {
  /** The module, relative to the tool's root. */
  readonly module: string;
  /** Where the functions run. */
  readonly place: Place;
  /** The functions, by name. */
  readonly functions: F;

  /** Declares `functions` of the module at `moduleUrl` (its `import.meta.url`). */
  constructor(moduleUrl: string, place: Place, functions: F) {
    if (!moduleUrl.startsWith(ROOT.href)) {
      throw new Error(`${moduleUrl} is not a module of the tool`);
    }
    this.module = moduleUrl.slice(ROOT.href.length);
    this.place = place;
    this.functions = functions;
  }

  /** The address of the function `name`. */
  address(name: keyof F & string): EntryAddress {
    return { module: this.module, place: this.place, name };
  }

  /** The module's file name without `.ts`, as `ps` and traces show it. */
  get label(): string {
    return this.module.slice(this.module.lastIndexOf("/") + 1).replace(
      /\.ts$/,
      "",
    );
  }
}

/**
 * Imports the module an address names and returns the function. Throws a
 * plain Error naming what is missing.
 */
export async function loadEntry(address: EntryAddress): Promise<AnyFunction> {
  const url = new URL(address.module, ROOT);
  if (!url.href.startsWith(ROOT.href) || !url.href.endsWith(".ts")) {
    throw new Error(`not a module of the tool: ${address.module}`);
  }
  const module: Record<string, unknown> = await import(url.href);
  for (const value of Object.values(module)) {
    if (
      value instanceof EntryTable && value.place === address.place &&
      Object.hasOwn(value.functions, address.name)
    ) {
      return value.functions[address.name];
    }
  }
  throw new Error(
    `${address.module} has no ${address.place} function '${address.name}'`,
  );
}

/** Checks an address that arrived as JSON; the names of wrong fields, if any. */
export function addressProblems(value: unknown): string[] {
  const address = value as Partial<EntryAddress> | undefined;
  const problems: string[] = [];
  if (
    typeof address?.module !== "string" ||
    !/^[a-z0-9_/]+\.ts$/.test(address.module)
  ) problems.push("module");
  if (address?.place !== "process" && address?.place !== "worker") {
    problems.push("place");
  }
  if (typeof address?.name !== "string") problems.push("name");
  return problems;
}
