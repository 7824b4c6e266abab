// The book's echo_mpserv.c written for Node, a peer in `deno task bench`:
// Node cannot fork() either, so, as tcpip does, it starts a new runtime per
// client (child_process.fork) and passes it the accepted socket (the
// handle travels over the IPC channel, SCM_RIGHTS underneath); the child
// echoes until the client is done. One child per client, started when the
// client comes, as the book's server forks on accept.
// Usage: node echo_handle.mjs PORT. Prints "listening" once ready.

import { fork } from "node:child_process";
import net from "node:net";
import process from "node:process";

if (process.argv[2] === "child") {
  process.on("message", (message, clntSock) => {
    if (message !== "clnt_sock" || !clntSock) return;
    clntSock.setNoDelay(true);
    clntSock.on("data", (buf) => clntSock.write(buf));
    clntSock.on("end", () => clntSock.end());
    clntSock.on("close", () => {
      console.log("client disconnected...");
      process.exit(0);
    });
    clntSock.resume();
  });
} else {
  const port = Number(process.argv[2]);
  const servSock = net.createServer({ pauseOnConnect: true }, (clntSock) => {
    console.log("new client connected...");
    const child = fork(new URL(import.meta.url).pathname, ["child"], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.on("exit", () => console.log(`removed proc id: ${child.pid} `));
    child.send("clnt_sock", clntSock); // the parent's copy is closed once sent
  });
  servSock.listen(
    { host: "127.0.0.1", port, backlog: 128 },
    () => console.log("listening"),
  );
}
