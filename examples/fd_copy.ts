/**
 * Chapter 10, exercise 3: after `fork()`, does the child have the parent's
 * socket, under the same descriptor number? In C, yes: `fork()` copies the
 * descriptor table, so both processes print the same number and both refer
 * to one socket. This program shows what really happens for a Deno child:
 * the numbers the OS reports for each process (Linux `/proc/<pid>/fd`,
 * macOS `lsof`).
 *
 * | C                                   | here                                      |
 * |-------------------------------------|-------------------------------------------|
 * | `sock = socket(PF_INET, ...);`      | `Deno.listen(...)` (Deno has no bare socket) |
 * | `printf("%d", sock)` in each process| the fd the OS lists for the socket's inode |
 * | the child's copied `sock`           | handed over as state; the socket is not   |
 *
 * @module
 */

import { defineChildren } from "../src/process/fork.ts";
import { note } from "../src/note.ts";
import { isWindows } from "../src/platform.ts";
import { openFds, socketFd } from "../src/process/proc_info.ts";

/** What the child "inherits": the parent's number and what it names. */
interface Copy {
  sock: number;
  socket: string;
  port: number;
}

/** The child process: looks for the socket in its own descriptor table. */
export const children = defineChildren(import.meta.url, {
  async child(copy: Copy) {
    const mine = await socketFd(Deno.pid, copy.port);
    console.log(
      `child sock fd: ${mine ? `${mine.fd} (${mine.target})` : "none"}`,
    );
    const fds = (await openFds(Deno.pid)).map((fd) => fd.fd);
    console.log(`child fds: ${fds.join(" ")} (none of them is ${copy.socket})`);
  },
});

/** The parent process. */
export async function main(): Promise<void> {
  if (isWindows) {
    note({
      en:
        "Windows does not show a process's descriptor table the way /proc or lsof do;\n" +
        "a Deno child there also starts with none of its parent's sockets.",
      ko:
        "Windows에서는 /proc나 lsof처럼 프로세스의 디스크립터 표를 볼 수 없다.\n" +
        "그곳의 Deno 자식도 부모의 소켓을 하나도 가지지 않고 시작한다.",
    });
    return;
  }
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 }); // sock = socket(...)
  const { port } = listener.addr as Deno.NetAddr;
  const sock = await socketFd(Deno.pid, port);
  if (!sock) {
    throw new Error(
      `the OS lists no descriptor for the socket on port ${port}`,
    );
  }
  console.log(`parent sock fd: ${sock.fd} (${sock.target})`);

  const child = children.fork("child", {
    sock: sock.fd,
    socket: sock.target,
    port,
  }); // fork()
  await child.wait();
  listener.close();
  note({
    en:
      `In C the child's fd ${sock.fd} would be a copy of the parent's: the same socket.\n` +
      "A Deno child is a new run of the program: it inherits only descriptors 0, 1 and 2,\n" +
      "and Deno cannot hand it a socket, so the socket is not in its table at all.",
    ko: `C라면 자식의 fd ${sock.fd}도 부모의 것을 복사한 같은 소켓이다.\n` +
      "Deno의 자식은 프로그램을 새로 실행한 것이라 디스크립터 0, 1, 2만 물려받고,\n" +
      "Deno는 소켓을 넘겨줄 수 없으므로 그 소켓은 자식의 표에 아예 없다.",
  });
}
