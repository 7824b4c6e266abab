/**
 * Network test helpers: free loopback ports, the servers started as real
 * processes, and a minimal raw-socket client and server written here (not
 * the tool's code) to prove the tool interoperates with anything TCP.
 *
 * @module
 */

import { assert, assertEquals } from "@std/assert";
import { deadline } from "@std/async";
import { concat } from "@std/bytes";
import { lines, type RunResult, Tool } from "./_tcpip.ts";

/** A loopback port that is free now (bound to port 0, then released). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** A server program running on a free port, ready to accept. */
export interface RunningServer {
  tool: Tool;
  port: number;
}

/** Starts `tcpip <program> <port> [args]` and waits until it listens. */
export async function startServer(
  program: string,
  args: string[] = [],
  options: { cwd?: string; group?: boolean } = {},
): Promise<RunningServer> {
  const port = freePort();
  const tool = Tool.start([program, String(port), ...args], options);
  await tool.waitForNote(
    new RegExp(`listening on 127\\.0\\.0\\.1:${port}:`),
  );
  return { tool, port };
}

/**
 * Waits until `count` children of the run wait for a client's socket
 * (blocked reading their hand-off link), as the OS shows it (Linux; true at
 * once elsewhere, where it cannot be seen). Resolves to whether it could
 * be seen.
 */
export async function poolReady(tool: Tool, count: number): Promise<boolean> {
  if (Deno.build.os !== "linux") return false;
  const waiting = () =>
    tool.processes().filter((pid) => {
      try {
        return Deno.readTextFileSync(`/proc/${pid}/wchan`) ===
          "unix_stream_read_generic";
      } catch {
        return false;
      }
    }).length;
  while (waiting() < count) {
    await tool.waitForProcesses(count + 1); // fails after the usual limit
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/**
 * What an echo server prints for one client (the book's lines, pids as
 * `<pid>`), from tests/golden/run/echo_server.out (where its pid is
 * `<pid1>`), which the release's smoke test (tools/smoke.sh) reads too.
 */
export const ONE_CLIENT: readonly string[] = lines(
  Deno.readTextFileSync(
    new URL("./golden/run/echo_server.out", import.meta.url),
  ).replace(/<pid\d+>/g, "<pid>"),
);

/** {@linkcode ONE_CLIENT} before its SIGCHLD line. */
export const CLIENT_SERVED: readonly string[] = ONE_CLIENT.slice(0, -1);

/**
 * Whether a test can stop the tool with a signal it handles. On Windows,
 * Deno's `kill()` is `TerminateProcess()` whatever the signal: no handler
 * runs, the status is 1, and the tool's job object ends its children with
 * it (a test of its own shows that). A user's Ctrl+C there is a console
 * event, which one test process cannot send to another alone.
 */
export const CAN_SIGNAL: boolean = Deno.build.os !== "windows";

/**
 * Stops a server as a user would (SIGTERM) and checks it ended cleanly
 * (on Windows: that it was terminated, see {@linkcode CAN_SIGNAL}).
 */
export async function stopServer(tool: Tool): Promise<RunResult> {
  tool.kill("SIGTERM");
  const result = await tool.finish();
  assertEquals(result.code, CAN_SIGNAL ? 0 : 1, result.stderr);
  return result;
}

/** Waits until `count` lines of stdout match `match`. */
export async function waitForLines(
  tool: Tool,
  match: RegExp,
  count: number,
): Promise<void> {
  let skip = 0;
  for (let i = 0; i < count; i++) {
    const line = await tool.waitFor("out", match, skip);
    skip = tool.out.indexOf(line, skip) + 1;
  }
}

/** Connects a raw client to loopback `port`. */
export function dial(port: number): Promise<Deno.TcpConn> {
  return Deno.connect({ hostname: "127.0.0.1", port });
}

/** Writes all of `data`. */
export async function send(
  conn: Deno.Conn,
  data: Uint8Array | string,
): Promise<void> {
  const bytes = typeof data === "string"
    ? new TextEncoder().encode(data)
    : data;
  let done = 0;
  while (done < bytes.length) done += await conn.write(bytes.subarray(done));
}

/** How long a test waits for an answer on a connection before it fails. */
export const NETWORK_LIMIT_MS = 30_000;

/**
 * `reading`, but failing after {@linkcode NETWORK_LIMIT_MS}: then `conn`
 * is closed (which ends the pending read), so one hang fails one test
 * instead of stalling the suite.
 */
async function limited<T>(
  conn: Deno.Conn,
  reading: Promise<T>,
  what: string,
): Promise<T> {
  try {
    return await deadline(reading, NETWORK_LIMIT_MS);
  } catch (error) {
    if (!(error instanceof DOMException && error.name === "TimeoutError")) {
      throw error;
    }
    try {
      conn.close();
    } catch {
      // closed already
    }
    await reading.catch(() => {});
    throw new Error(`no ${what} within ${NETWORK_LIMIT_MS} ms`);
  }
}

/** Reads exactly `n` bytes (fails at end of file, or after the limit). */
export function receive(conn: Deno.Conn, n: number): Promise<Uint8Array> {
  return limited(
    conn,
    (async () => {
      const out = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const read = await conn.read(out.subarray(got));
        if (read === null) {
          throw new Error(`end of file after ${got} of ${n} bytes`);
        }
        got += read;
      }
      return out;
    })(),
    `${n} bytes`,
  );
}

/**
 * Reads until the connection ends, by end of file or by reset; fails after
 * the limit. Resolves to how it ended.
 */
export function connectionEnd(conn: Deno.Conn): Promise<"eof" | "reset"> {
  return limited(
    conn,
    (async () => {
      const buf = new Uint8Array(1024);
      try {
        while (await conn.read(buf) !== null) {
          // bytes still coming
        }
        return "eof" as const;
      } catch {
        return "reset" as const;
      }
    })(),
    "end of the connection",
  );
}

/** Reads until end of file (fails after the limit). */
export function receiveAll(conn: Deno.Conn): Promise<Uint8Array> {
  return limited(
    conn,
    (async () => {
      const parts: Uint8Array[] = [];
      const buf = new Uint8Array(65536);
      let n: number | null;
      while ((n = await conn.read(buf)) !== null) parts.push(buf.slice(0, n));
      return concat(parts);
    })(),
    "end of file",
  );
}

/** Sends `text`, reads back as many bytes, returns them as text. */
export async function roundTrip(
  conn: Deno.Conn,
  text: string,
): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  await send(conn, bytes);
  return new TextDecoder().decode(await receive(conn, bytes.length));
}

/**
 * A raw test server on a free port: `handle` serves each connection (the
 * connection is closed after it). `close()` stops it and waits for every
 * connection's handler.
 */
export function rawServer(handle: (conn: Deno.Conn) => Promise<void>): {
  port: number;
  close: () => Promise<void>;
} {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const handlers: Promise<void>[] = [];
  const accepting = (async () => {
    for await (const conn of listener) {
      handlers.push(
        handle(conn).catch(() => {}).finally(() => {
          try {
            conn.close();
          } catch {
            // the handler closed it
          }
        }),
      );
    }
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    async close() {
      listener.close();
      await accepting.catch(() => {});
      await Promise.all(handlers);
    },
  };
}

/**
 * Bytes `offset .. offset + length` of a fixed pseudo-random stream that
 * holds every byte value, NUL included: the same call gives the same bytes.
 */
export function pattern(offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const x = offset + i;
    out[i] = (x * 2654435761 + (x >>> 13)) & 0xff;
  }
  return out;
}

/**
 * Sends `total` bytes of {@linkcode pattern} through `conn` while reading
 * the echo, comparing every byte as it comes back. `sample` runs now and
 * then during the transfer (to watch memory). Resolves to the bytes checked.
 */
export async function echoPattern(
  conn: Deno.Conn,
  total: number,
  sample: () => void = () => {},
): Promise<number> {
  const CHUNK = 64 * 1024;
  const writing = (async () => {
    for (let offset = 0; offset < total; offset += CHUNK) {
      await send(conn, pattern(offset, Math.min(CHUNK, total - offset)));
      if ((offset / CHUNK) % 64 === 0) sample();
    }
    await conn.closeWrite();
  })();
  let checked = 0;
  const buf = new Uint8Array(CHUNK);
  while (checked < total) {
    const n = await conn.read(buf);
    if (n === null) {
      throw new Error(`echo ended after ${checked} of ${total} bytes`);
    }
    const expected = pattern(checked, n);
    for (let i = 0; i < n; i++) {
      if (buf[i] !== expected[i]) {
        throw new Error(`byte ${checked + i} differs`);
      }
    }
    checked += n;
  }
  await writing;
  return checked;
}

/** Resident memory of `pid` in MiB (Linux), 0 when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = Number(status.match(/^VmRSS:\s+(\d+) kB$/m)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/** What the echo client prints before each read: `printf("Message from server: %s", buf)`. */
export const PREFIX = "Message from server: ";

/**
 * The reads the echo client printed, in order: its stdout cut at each
 * prefix (the client adds no newline of its own).
 */
export function reads(stdout: string): string[] {
  assert(stdout === "" || stdout.startsWith(PREFIX), stdout);
  return stdout.split(PREFIX).slice(1);
}

/** Every open descriptor of `pid` and what it names (Linux). */
function fdTable(pid: number): Map<number, string> {
  const table = new Map<number, string>();
  for (const entry of Deno.readDirSync(`/proc/${pid}/fd`)) {
    try {
      table.set(
        Number(entry.name),
        Deno.readLinkSync(`/proc/${pid}/fd/${entry.name}`),
      );
    } catch {
      // closed while we looked
    }
  }
  return table;
}

/**
 * Which of `pids` hold, in their descriptor tables, the server's end of the
 * connection `conn` made to the server on `port` (Linux).
 */
export function holdersOf(
  pids: number[],
  port: number,
  conn: Deno.TcpConn,
): number[] {
  const socket = serverSocket(port, (conn.localAddr as Deno.NetAddr).port);
  return pids.filter((pid) => [...fdTable(pid).values()].includes(socket));
}

/**
 * The server's end of the TCP connection `local:serverPort <- peer:clientPort`
 * as a descriptor table names it, `socket:[inode]` (Linux).
 */
function serverSocket(serverPort: number, clientPort: number): string {
  const hex = (port: number) =>
    port.toString(16).toUpperCase().padStart(4, "0");
  for (const line of Deno.readTextFileSync("/proc/net/tcp").split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (
      fields[1]?.endsWith(`:${hex(serverPort)}`) &&
      fields[2]?.endsWith(`:${hex(clientPort)}`)
    ) return `socket:[${fields[9]}]`;
  }
  throw new Error(`no connection ${serverPort} <- ${clientPort}`);
}

/** The C calls a resetting client makes (Linux, macOS), for this test code only. */
const RESET_CALLS = {
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  connect: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  setsockopt: {
    parameters: ["i32", "i32", "i32", "buffer", "u32"],
    result: "i32",
  },
  close: { parameters: ["i32"], result: "i32" },
} as const;

/**
 * Connects `count` clients to loopback `port`, one after another, each of
 * which resets its connection at once (SO_LINGER 0, then close(): an RST
 * and no FIN), most of them before the server has accepted them. Written
 * with the C calls here, not the tool's: Deno's close() would send a FIN
 * first. Linux and macOS.
 */
export function resetFlood(port: number, count: number): void {
  const mac = Deno.build.os === "darwin";
  const lib = Deno.dlopen(mac ? "libSystem.B.dylib" : "libc.so.6", RESET_CALLS);
  try {
    const address = new Uint8Array(16); // struct sockaddr_in
    const view = new DataView(address.buffer);
    if (mac) address.set([16, 2]); // sin_len, sin_family
    else view.setUint16(0, 2, true); // sin_family AF_INET
    view.setUint16(2, port, false);
    address.set([127, 0, 0, 1], 4);
    const linger = new Uint8Array(new Int32Array([1, 0]).buffer); // on, 0 s
    const [SOL_SOCKET, SO_LINGER] = mac ? [0xffff, 0x80] : [1, 13];
    for (let i = 0; i < count; i++) {
      const fd = lib.symbols.socket(2, 1, 0); // AF_INET, SOCK_STREAM
      if (fd < 0) throw new Error("socket() failed");
      try {
        if (lib.symbols.connect(fd, address, address.length) !== 0) {
          throw new Error(`connect() to ${port} failed`);
        }
        lib.symbols.setsockopt(fd, SOL_SOCKET, SO_LINGER, linger, 8);
      } finally {
        lib.symbols.close(fd);
      }
    }
  } finally {
    lib.close();
  }
}
