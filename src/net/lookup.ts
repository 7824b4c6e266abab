/**
 * Names for addresses: whether an error is a failed name lookup, and the
 * address a name stands for where a socket is made without Deno's resolver.
 *
 * @example
 * ```ts
 * import { isLookupFailure, numericAddress } from "./lookup.ts";
 *
 * numericAddress("127.0.0.1"); // "127.0.0.1", no lookup
 * try {
 *   Deno.listen({ hostname: "nosuch.invalid", port: 0 });
 * } catch (error) {
 *   isLookupFailure(error); // true
 * }
 * ```
 *
 * @module
 */

import { messageOf } from "../errors.ts";

/**
 * Whether `error` says a name had no address: Deno's resolver reports
 * getaddrinfo()'s failure in words on Unix, and as Winsock's
 * WSAHOST_NOT_FOUND (11001) or WSANO_DATA (11004) on Windows.
 */
export function isLookupFailure(error: unknown): boolean {
  return /failed to lookup address|\(os error 1100[14]\)/.test(
    messageOf(error),
  );
}

/**
 * The address `host` names, for a socket made with Winsock: an address is
 * itself; a name (`localhost`) is looked up as `Deno.listen()` looks it up,
 * by binding a throwaway listener to it on a port the OS picks, so a name
 * that fails does so as it would on Unix.
 */
export function numericAddress(host: string): string {
  if (/^[\d.]+$/.test(host) || host.includes(":")) return host;
  const probe = Deno.listen({ hostname: host, port: 0 });
  try {
    return probe.addr.hostname;
  } finally {
    probe.close();
  }
}
