// Types for the entry points of `@std/text` this project uses (see assert.d.ts).

/** The Levenshtein distance between two strings. */
export declare function levenshteinDistance(a: string, b: string): number;

/** The word of `possibleWords` closest to `givenWord`. */
export declare function closestString(
  givenWord: string,
  possibleWords: readonly string[],
  options?: { caseSensitive?: boolean },
): string;
