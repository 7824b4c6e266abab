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
      "Exercise: after fork(), does the child have the parent's socket under " +
      "the same descriptor number, and is the socket copied? fork() copies " +
      "the descriptor table, not the socket: parent and child each hold a " +
      "descriptor for ONE socket in the kernel." +
      "\n\n" +
      "The program shows it from the OS (/proc/<pid>/fd on Linux, lsof on " +
      "macOS): the same socket:[inode] in both tables; after the parent's " +
      "close(), the parent's entry is gone and the child's still open. A " +
      "socket is destroyed only when its last descriptor is closed.",
    ko:
      "연습문제: fork() 뒤 자식 프로세스는 부모 프로세스의 소켓을 같은 파일 " +
      "디스크립터 번호로 가지는가, 그리고 소켓이 복사되는가? fork()가 복사하는 " +
      "것은 소켓이 아니라 파일 디스크립터 테이블이다. 부모와 자식 프로세스는 " +
      "커널에 있는 소켓 하나를 가리키는 파일 디스크립터를 각자 가진다." +
      "\n\n" +
      "프로그램은 이를 OS에서 직접 보여 준다(리눅스는 /proc/<pid>/fd, macOS는 " +
      "lsof). 두 테이블에 같은 socket:[inode]가 있고, 부모 프로세스가 close()한 " +
      "뒤에는 부모 쪽 항목만 사라지고 자식 쪽은 열려 있다. 소켓은 마지막 파일 " +
      "디스크립터가 닫혀야 소멸한다.",
  },
  watch: {
    en:
      "Four lines: the parent's fd N and its socket:[inode], the child's fd " +
      "N with the same inode, the parent's fd N now '(closed)', and the " +
      "child's fd N '(still open)'. The socket:[inode] is what " +
      "ls -l /proc/<pid>/fd shows for a socket.",
    ko:
      "네 줄이 나온다. 부모 프로세스의 fd N과 그 socket:[inode], 같은 inode를 " +
      "가리키는 자식 프로세스의 fd N, '(closed)'가 된 부모 프로세스의 fd N, " +
      "'(still open)'인 자식 프로세스의 fd N이다. socket:[inode]는 " +
      "ls -l /proc/<pid>/fd가 소켓을 보여 주는 형식이다.",
  },
  differs: {
    en: "A Deno child is a new run of the program, not a copy. The tool lets " +
      "this one descriptor be inherited when it starts the child, so the " +
      "child gets it under the same number, as fork()'s copy of the table " +
      "would give it. The socket is a listening socket made by Deno.listen " +
      "on 127.0.0.1, and its number is larger than C's 3, because the " +
      "runtime has opened descriptors of its own first." +
      "\n\n" +
      "The echo server's children get their client sockets later, sent with " +
      "SCM_RIGHTS, under whatever number is free in their own table. Windows " +
      "shows no descriptor tables (and has no fork()), so this exercise does " +
      "not run there.",
    ko:
      "Deno의 자식 프로세스는 복사본이 아니라 프로그램을 새로 실행한 것이다. " +
      "이 도구는 자식 프로세스를 시작할 때 이 파일 디스크립터 하나를 물려주므로, " +
      "fork()가 테이블을 복사했을 때처럼 자식 프로세스가 같은 번호로 받는다. " +
      "소켓은 Deno.listen으로 127.0.0.1에 만든 서버 소켓이다. 번호가 C의 3보다 " +
      "큰 것은 런타임이 자기 파일 디스크립터를 먼저 열었기 때문이다." +
      "\n\n" +
      "에코 서버의 자식 프로세스는 클라이언트 소켓을 나중에 SCM_RIGHTS로 " +
      "받으므로, 자기 테이블에서 비어 있는 번호로 받는다. Windows는 파일 " +
      "디스크립터 테이블을 보여 주지 않고 fork()도 없어서 이 연습문제는 " +
      "실행되지 않는다.",
  },
  pitfalls: {
    en: "close() drops one descriptor, not the socket. A server that forgets " +
      "close() in one of its processes keeps connections open: the client " +
      "sees no end of file after the other process has closed, and the " +
      "forgetful process runs out of descriptors in the end. Only " +
      "shutdown() acts on the socket itself, however many descriptors there " +
      "are.",
    ko:
      "close()는 소켓이 아니라 파일 디스크립터 하나를 닫는다. 프로세스 하나에서 " +
      "close()를 잊은 서버는 연결을 열어 둔다. 다른 프로세스가 닫아도 " +
      "클라이언트는 EOF를 받지 못하고, close()를 잊은 프로세스는 결국 파일 " +
      "디스크립터가 바닥난다. 파일 디스크립터가 몇 개든 소켓 자체에 작용하는 " +
      "것은 shutdown()뿐이다.",
  },
};
