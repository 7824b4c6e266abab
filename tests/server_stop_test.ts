// The server's own stop, in this test process: stop() ends an accept loop
// that is waiting, and shutdown() gives the port back. On Linux and macOS a
// wake-up pipe ends the wait; on Windows the accept() waits on a worker
// thread, and the server connects to itself once to end it. (A user's
// Ctrl+C reaches stop() through the signal handler; a test on Windows
// cannot send one, so this is where that path is shown there.)

import { assertEquals } from "@std/assert";
import { Server } from "../src/net/server.ts";
import { resetSignals } from "../src/signal/signal.ts";
import { dial, freePort, receiveAll } from "./_net.ts";

Deno.test("Server: stop() ends a waiting accept loop; shutdown() frees the port", async () => {
  const port = freePort();
  const server = Server.open("echo-server", {
    host: "127.0.0.1",
    port,
    maxClients: 4,
  });
  try {
    const accepted: string[] = [];
    const loop = (async () => {
      for await (const client of server.accept()) {
        accepted.push(client.peer);
        client.close(); // no child: the client sees end of file
      }
    })();
    // One client first, so the loop is surely waiting in accept() again.
    const conn = await dial(port);
    assertEquals((await receiveAll(conn)).length, 0);
    conn.close();
    assertEquals(accepted.length, 1);

    server.stop();
    await loop; // ends: it was waiting, and nothing else came
    await server.shutdown();
    assertEquals(accepted.length, 1); // the wake-up is not a client
    // The port is free again.
    const again = Deno.listen({ hostname: "127.0.0.1", port });
    again.close();
  } finally {
    await resetSignals();
  }
});
