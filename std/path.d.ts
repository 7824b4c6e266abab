// Types for the entry points of `@std/path` this project uses (see assert.d.ts).

/** The path a `file:` URL names, in this OS's form (`C:\x` on Windows). */
export declare function fromFileUrl(url: string | URL): string;

/** The directory part of a path (or of a `file:` URL), in this OS's form. */
export declare function dirname(path: string | URL): string;

/** The absolute path of `paths` joined, from the current directory. */
export declare function resolve(...paths: string[]): string;
