// The split echo client against scripted servers: what C's
// `printf("Message from server: %s", buf)` prints for each read, byte for
// byte (no newline added, a split character left split, %s stopping at a
// NUL), what `fgets()` + `write()` send (the bytes as typed, quit only on a
// line that is exactly q), and the faults a real network has.

import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { concat } from "@std/bytes";
import { MAIN } from "./_tcpip.ts";

const encoder = new TextEncoder();
const PREFIX = encoder.encode("Message from server: ");

/** A loopback server that runs `script` on its one connection. */
function scriptedServer(script: (conn: Deno.TcpConn) => Promise<void>) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const served = (async () => {
    const conn = await listener.accept();
    try {
      await script(conn);
    } finally {
      try {
        conn.close();
      } catch {
        // the script closed it
      }
      listener.close();
    }
  })();
  return { port: (listener.addr as Deno.NetAddr).port, served };
}

/** The client as a process whose raw stdout the test reads as it comes. */
function client(port: number, stdin: Uint8Array | string) {
  const process = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--quiet",
      MAIN,
      "echo-client",
      "127.0.0.1",
      String(port),
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { LANG: "C", NO_COLOR: "1" },
  }).spawn();
  const writer = process.stdin.getWriter();
  const input = writer.write(
    typeof stdin === "string" ? encoder.encode(stdin) : stdin,
  )
    .then(() => writer.close()).catch(() => {});
  let out = new Uint8Array(0);
  const waiters: (() => void)[] = [];
  const pumping = (async () => {
    for await (const chunk of process.stdout) {
      out = concat([out, chunk]);
      waiters.splice(0).forEach((wake) => wake());
    }
    waiters.splice(0).forEach((wake) => wake());
  })();
  const errText = new Response(process.stderr).text();
  return {
    /** Resolves once stdout holds `bytes` at its end. */
    async printed(bytes: Uint8Array): Promise<void> {
      while (!endsWith(out, bytes)) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    async finish() {
      const [status, stderr] = await Promise.all([process.status, errText]);
      await Promise.all([pumping, input]);
      return { code: status.code, stdout: out, stderr };
    },
  };
}

function endsWith(bytes: Uint8Array, tail: Uint8Array): boolean {
  if (tail.length > bytes.length) return false;
  const start = bytes.length - tail.length;
  return tail.every((byte, i) => bytes[start + i] === byte);
}

Deno.test("each read is printed after the prefix as it came: mid-line ends, two lines, a split character, a NUL", async () => {
  const chunks = [
    encoder.encode("hello wor"), // a read that ends mid-line
    encoder.encode("ld\n"),
    encoder.encode("one\ntwo\n"), // two lines in one read
    new Uint8Array([0xed, 0x95]), // 한 (ED 95 9C), split in two reads
    new Uint8Array([0x9c, 0x0a]),
    new Uint8Array([0xea]), // 국 (EA B5 AD), split again: no second note
    new Uint8Array([0xb5, 0xad, 0x0a]),
    encoder.encode("ab\0cd\n"), // %s stops at the NUL
    encoder.encode("end\n"),
  ];
  const server = scriptedServer(async (conn) => {
    for (const chunk of chunks) {
      await conn.write(chunk);
      // The next chunk only once this one has been printed: one read each.
      const shown = chunk.subarray(
        0,
        chunk.indexOf(0) < 0 ? chunk.length : chunk.indexOf(0),
      );
      await tool.printed(concat([PREFIX, shown]));
    }
  });
  const tool = client(server.port, "");
  await server.served;
  const result = await tool.finish();
  assertEquals(result.code, 0, result.stderr);
  const expected = concat(
    chunks.map((chunk) =>
      concat([
        PREFIX,
        chunk.subarray(
          0,
          chunk.indexOf(0) < 0 ? chunk.length : chunk.indexOf(0),
        ),
      ])
    ),
  );
  assertEquals(result.stdout, expected);
  // Said once each, on stderr: the NUL hid bytes that arrived, and a
  // character came in two reads.
  const notes = result.stderr.replace(/\n\[tcpip\] /g, " ");
  assertStringIncludes(
    notes,
    "a NUL byte arrived: C's %s stops there, so 4 byte(s)",
  );
  assertEquals(
    notes.match(/a read ended in the middle of a character/g)?.length,
    1,
    result.stderr,
  );
});

Deno.test("what fgets() reads is sent as it is: CR LF, a byte that is not UTF-8, q with CR, a last line without newline", async () => {
  const input = concat([
    encoder.encode("a\r\n"),
    new Uint8Array([0x62, 0xff, 0x0a]), // b, then a byte that is not UTF-8
    encoder.encode("q\r\n"), // not exactly "q\n": sent, not quit
    encoder.encode("last without newline"),
  ]);
  let received = new Uint8Array(0);
  const server = scriptedServer(async (conn) => {
    const buf = new Uint8Array(1024);
    let n: number | null;
    while ((n = await conn.read(buf)) !== null) {
      received = concat([received, buf.subarray(0, n)]);
    }
  });
  const tool = client(server.port, input);
  await server.served; // the client shut down writing at the end of its input
  const result = await tool.finish();
  assertEquals(result.code, 0, result.stderr);
  assertEquals(received, input);
  assertStringIncludes(result.stderr, "end of input:");
});

Deno.test("q or Q alone ends the sending; what comes after is not sent", async () => {
  for (const quit of ["q", "Q"]) {
    let received = "";
    const server = scriptedServer(async (conn) => {
      const buf = new Uint8Array(1024);
      let n: number | null;
      while ((n = await conn.read(buf)) !== null) {
        received += new TextDecoder().decode(buf.subarray(0, n));
      }
    });
    const tool = client(server.port, `one\n${quit}\nnot sent\n`);
    await server.served;
    const result = await tool.finish();
    assertEquals(result.code, 0, result.stderr);
    assertEquals(received, "one\n");
  }
});

Deno.test("the server half-closes first: the client ends at end of file, as the book's parent does; what was sent is a start of the input", async () => {
  let received = "";
  const server = scriptedServer(async (conn) => {
    await conn.closeWrite(); // end of file for the client's reader at once
    const buf = new Uint8Array(1024);
    let n: number | null;
    while ((n = await conn.read(buf)) !== null) {
      received += new TextDecoder().decode(buf.subarray(0, n));
    }
  });
  const tool = client(server.port, "one\ntwo\nthree\nq\nfour\n");
  await server.served;
  const result = await tool.finish();
  assertEquals(result.code, 0, result.stderr);
  assert("one\ntwo\nthree\n".startsWith(received), received);
  assertEquals(result.stdout.length, 0);
  assertStringIncludes(
    result.stderr.replace(/\n\[tcpip\] /g, " "),
    "the server closed the connection (read() returned 0): read_routine returns",
  );
});

Deno.test("the server closes while the client still sends: one line, no stack trace, status 1", async () => {
  const server = scriptedServer(async (conn) => {
    await conn.read(new Uint8Array(4)); // take a little, then go away
  });
  const lines = Array.from({ length: 2000 }, (_, i) => `line ${i}\n`).join("");
  const tool = client(server.port, lines);
  await server.served;
  const result = await tool.finish();
  assertEquals(result.code, 1, result.stderr);
  assert(!result.stderr.includes("Uncaught"), result.stderr);
  assert(!result.stderr.includes("    at "), result.stderr);
  // The server's reset (it closed with bytes unread) reaches whichever side
  // of the client touches the socket first: its writer or its reader (seen
  // under Wine).
  assert(
    /(write|read)\(\) error: the server (has closed the connection \(EPIPE\)|reset the connection \(ECONNRESET\))/
      .test(result.stderr.replace(/\n\[tcpip\] /g, " ")),
    result.stderr,
  );
});
