/**
 * Socket addresses as Deno spells them (`{ hostname, port }`), decoded from
 * C's `sockaddr_in` and `sockaddr_in6`, and compared the way the kernel
 * sees them (an IPv4-mapped IPv6 address is its IPv4 address).
 *
 * @module
 */

import { abi, readField } from "./abi.ts";

/** A TCP/IP socket address as Deno spells it. */
export interface SocketAddress {
  /** Numeric IPv4 or IPv6 address (IPv6 without brackets). */
  hostname: string;
  /** Port number. */
  port: number;
}

/** Decodes a sockaddr_in or sockaddr_in6; null for other families. */
export function decodeSockaddr(bytes: Uint8Array): SocketAddress | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const family = readField(view, abi.sockaddr.family);
  if (family === abi.AF_INET) {
    const a = abi.sockaddrIn.addr;
    return {
      hostname: Array.from(bytes.subarray(a, a + 4)).join("."),
      port: view.getUint16(abi.sockaddrIn.port, false),
    };
  }
  if (family === abi.AF_INET6) {
    const a = abi.sockaddrIn6.addr;
    return {
      hostname: formatIpv6(bytes.subarray(a, a + 16)),
      port: view.getUint16(abi.sockaddrIn6.port, false),
    };
  }
  return null;
}

/** RFC 5952 text of an IPv6 address, as Deno prints it (`::ffff:a.b.c.d` when mapped). */
function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${Array.from(bytes.subarray(12)).join(".")}`;
  }
  // The longest run of two or more zero groups becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  const head = hex.slice(0, bestStart).join(":");
  const tail = hex.slice(bestStart + bestLength).join(":");
  return `${head}::${tail}`;
}

/**
 * A comparable key for a numeric address: IPv4 and IPv4-mapped IPv6 give
 * the same key; IPv6 text of any spelling gives its eight groups.
 */
function addressKey(hostname: string): string {
  let host = hostname.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  if (!host.includes(":")) return host;
  let tail: number[] = [];
  const dotted = host.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[2].split(".").map(Number);
    tail = [(a << 8) | b, (c << 8) | d];
    host = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
  }
  const [left, right] = host.includes("::") ? host.split("::") : [host, null];
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((g) => parseInt(g, 16));
  const head = parse(left);
  const rest = [...(right === null ? [] : parse(right)), ...tail];
  const fill = right === null
    ? []
    : new Array(8 - head.length - rest.length).fill(0);
  const groups = [...head, ...fill, ...rest];
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const v4 = [
      groups[6] >> 8,
      groups[6] & 0xff,
      groups[7] >> 8,
      groups[7] & 0xff,
    ];
    return v4.join(".");
  }
  return groups.map((g) => g.toString(16)).join(":");
}

/** Whether `a` and `b` are one address (IPv4-mapped IPv6 spellings match). */
export function sameAddress(a: SocketAddress, b: SocketAddress): boolean {
  return a.port === b.port && addressKey(a.hostname) === addressKey(b.hostname);
}
