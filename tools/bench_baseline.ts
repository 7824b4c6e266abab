/**
 * The benchmark's baseline: an echo server that does everything in one
 * Deno process (no children), to show what the relay and the children cost.
 *
 * Usage: `deno run -A src/bench_baseline.ts <port>`; prints `listening` when
 * ready.
 *
 * @module
 */

/** Echoes every connection in this process until the client is done. */
export async function serveBaseline(port: number): Promise<void> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  console.log("listening");
  for await (const conn of listener) {
    conn.setNoDelay(true);
    void echo(conn);
  }
}

async function echo(conn: Deno.TcpConn): Promise<void> {
  const buf = new Uint8Array(64 * 1024);
  try {
    let n: number | null;
    while ((n = await conn.read(buf)) !== null) {
      let done = 0;
      while (done < n) done += await conn.write(buf.subarray(done, n));
    }
  } catch {
    // the client went away
  } finally {
    conn.close();
  }
}

if (import.meta.main) {
  await serveBaseline(Number(Deno.args[0]));
}
