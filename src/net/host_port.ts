/**
 * An address and a port in one word, as tools write them: `127.0.0.1:9190`,
 * and an IPv6 address in brackets, `[::1]:9190`, whose own colons would
 * otherwise run into the port's.
 *
 * @example
 * ```ts
 * import { hostPort } from "./host_port.ts";
 *
 * hostPort("127.0.0.1", 9190); // "127.0.0.1:9190"
 * hostPort("::1", 9190); // "[::1]:9190"
 * ```
 *
 * @module
 */

/** `host:port`, with an IPv6 address in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
