// Types for the entry points of `@std/bytes` this project uses (see assert.d.ts).

/** One array holding every byte of `buffers`, in order. */
export declare function concat(
  buffers: readonly Uint8Array[],
): Uint8Array<ArrayBuffer>;
