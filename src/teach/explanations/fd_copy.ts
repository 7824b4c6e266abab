/**
 * What `tcpip explain fd-copy` says (its C calls and their
 * stand-ins come from the header of `examples/fd_copy.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `fd_copy`. */
export const explanation: Explanation = {
  shows: {
    en:
      "Exercise: after fork(), does the child have the parent's socket under the same " +
      "descriptor number, and is it the same socket? In C, yes: fork() copies the " +
      "descriptor table, so both numbers point to one socket in the kernel, which stays " +
      "open until both processes have closed it.",
    ko:
      "연습문제: fork() 뒤 자식은 부모의 소켓을 같은 디스크립터 번호로 가지는가, 그리고 같은 " +
      "소켓인가? C에서는 그렇다. fork()가 디스크립터 표를 복사하므로 두 번호가 커널의 소켓 " +
      "하나를 가리키고, 그 소켓은 두 프로세스가 모두 닫을 때까지 열려 있다.",
  },
  watch: {
    en:
      "The parent's line shows its descriptor number and the socket's inode; the child's " +
      "lines show that none of its descriptors refers to that inode. ls -l /proc/<pid>/fd " +
      "shows the same.",
    ko:
      "부모의 줄에는 디스크립터 번호와 소켓의 inode가, 자식의 줄에는 그 inode를 가리키는 " +
      "디스크립터가 하나도 없다는 것이 나온다. ls -l /proc/<pid>/fd로 봐도 같다.",
  },
  differs: {
    en:
      "A Deno child is a new run of the program, not a copy: it inherits only " +
      "descriptors 0, 1 and 2, so the socket does not exist in it. That is why the echo " +
      "server relays instead of letting the child use the socket. The parent's number is " +
      "also larger than C's 3, because the runtime has opened descriptors of its own.",
    ko:
      "Deno의 자식은 복사본이 아니라 프로그램을 새로 실행한 것이다. 디스크립터 0, 1, 2만 " +
      "물려받으므로 소켓이 자식에 아예 없다. 에코 서버가 자식에게 소켓을 맡기지 않고 중계하는 " +
      "이유다. 부모의 번호도 C의 3보다 큰데, 런타임이 자기 디스크립터를 먼저 열었기 때문이다.",
  },
  pitfalls: {
    en:
      "In C a socket is closed for real only when the last descriptor referring to it is " +
      "closed; a server that forgets close() in one of its processes keeps connections " +
      "open.",
    ko:
      "C에서 소켓은 그것을 가리키는 마지막 디스크립터가 닫혀야 실제로 닫힌다. 프로세스 " +
      "하나에서 close()를 잊은 서버는 연결을 열어 둔다.",
  },
};
