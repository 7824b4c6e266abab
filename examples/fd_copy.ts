/**
 * Chapter 10, exercise 3: after `fork()`, the child has the parent's
 * socket too. Is the socket copied? No: `fork()` copies the descriptor
 * table, so parent and child each hold a descriptor (under the same number)
 * for ONE socket, and the socket lives until the last of them is closed.
 * This program shows it from the OS (Linux `/proc/<pid>/fd`, macOS `lsof`):
 * the same `socket:[inode]` in both tables, then the parent's copy gone
 * after its `close()`, and the socket still there in the child.
 *
 * | C                                   | here                                       |
 * |-------------------------------------|--------------------------------------------|
 * | `sock = socket(PF_INET, ...);`      | `Deno.listen(...)`, and its descriptor     |
 * | `pid = fork();` (the table copied)  | `fork("child", { sock }, { inherit: [sock] })` |
 * | `close(sock);` in the parent        | `listener.close()`                         |
 * | `ls -l /proc/<pid>/fd`              | `describeFd(pid, sock)`                    |
 *
 * @module
 */

import { findSocketFd } from "../src/ipc/libc.ts";
import { close } from "../src/ipc/sys.ts";
import { defineChildren } from "../src/process/fork.ts";
import { describeFd } from "../src/process/os/proc_info.ts";

/** The child process: looks at its own table, then again after the parent's close(). */
export const children = defineChildren(import.meta.url, {
  async child(copy: { sock: number }, { toParent, fromParent }) {
    const { sock } = copy; // the same number: the table was copied
    console.log(`child:  fd ${sock} -> ${await describeFd(Deno.pid, sock)}`);
    await toParent.write("looked"); // (the two processes take turns)
    await fromParent.read(); // until the parent has closed its copy
    console.log(
      `child:  fd ${sock} -> ${await describeFd(Deno.pid, sock)} (still open)`,
    );
    close(sock); // close(sock); the last descriptor: now the socket goes
  },
});

/** The parent process. */
export async function main(): Promise<void> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 }); // sock = socket(...)
  const sock = findSocketFd(listener.addr)!;
  console.log(`parent: fd ${sock} -> ${await describeFd(Deno.pid, sock)}`);

  const child = children.fork("child", { sock }, { // pid = fork();
    inherit: [sock],
    toParent: "turn",
    toChild: "turn",
  });
  await child.fromChild.read(); // the child has looked
  listener.close(); // close(sock);
  console.log(`parent: fd ${sock} -> ${await describeFd(Deno.pid, sock)}`);
  await child.toChild.write("closed");
  await child.wait();
  await child.close();
}
