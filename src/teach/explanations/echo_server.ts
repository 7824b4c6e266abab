/**
 * What `tcpip explain echo-server` says (its C calls and their
 * stand-ins come from the header of `examples/echo_server.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `echo_server`. */
export const explanation: Explanation = {
  shows: {
    en: "A server that serves many clients at once by giving each its own " +
      "process. The parent only accepts connections and forks. Each child " +
      "reads from its client and writes the bytes back until the client is " +
      "done (read() returns 0), closes the socket, prints " +
      "'client disconnected...' and ends. A SIGCHLD handler collects the " +
      "children and prints 'removed proc id'." +
      "\n\n" +
      "Each process closes the socket it does not use: the child serv_sock, " +
      "the parent clnt_sock, right after the fork.",
    ko:
      "클라이언트마다 프로세스를 하나씩 주어 여러 클라이언트를 동시에 처리하는 " +
      "서버다. 부모 프로세스는 연결을 받아들이고 fork만 한다. 자식 프로세스는 " +
      "클라이언트가 연결을 종료할 때까지(read()가 0을 반환할 때까지) 받은 " +
      "바이트를 그대로 돌려보내고, 소켓을 닫은 뒤 'client disconnected...'를 " +
      "출력하고 종료한다. SIGCHLD 핸들러가 자식 프로세스를 회수하며 " +
      "'removed proc id'를 출력한다." +
      "\n\n" +
      "각 프로세스는 쓰지 않는 소켓을 닫는다. 자식 프로세스는 serv_sock을, 부모 " +
      "프로세스는 fork 직후 clnt_sock을 닫는다.",
  },
  watch: {
    en: "Before any client, ps shows 4 idle children (--prefork 4): started " +
      "ahead and waiting for a socket. The tool counts one as forked only " +
      "once it is given a client: until then it is not among the children " +
      "the SIGCHLD handler's waitpid() collects (the tool's own bookkeeping, " +
      "not the kernel's process table, where every one of them is), so the " +
      "pool's children never print 'removed proc id' unless they served " +
      "someone." +
      "\n\n" +
      "Connect from two terminals (tcpip echo-client 127.0.0.1, or nc " +
      "127.0.0.1 9190): each gets 'new client connected...' and a child of " +
      "its own, and a replacement starts. ls -l /proc/<pid>/fd shows the " +
      "client's socket in the child's table, not the parent's. When a client " +
      "quits, the child closes the socket (the client sees end of file right " +
      "then), and the handler prints 'removed proc id'." +
      "\n\n" +
      "Ctrl+C stops the server; children still serving a client get SIGTERM " +
      "(in C, Ctrl+C reaches the whole process group). If the parent is " +
      "killed with SIGKILL, the serving children go on serving their " +
      "clients, as in C.",
    ko: "클라이언트가 오기 전에 ps로 보면 대기 중인 자식 프로세스가 4개 있다" +
      "(--prefork 4). 미리 시작해서 소켓을 기다리는 프로세스들이다. 이 도구는 " +
      "클라이언트를 맡은 뒤에야 그 프로세스를 fork한 것으로 친다. 그 전에는 " +
      "SIGCHLD 핸들러의 waitpid()가 회수하는 자식 프로세스에 들어 있지 않다. " +
      "커널의 프로세스 테이블에는 모두 있지만, 도구가 따로 관리하는 목록에는 " +
      "없는 것이다. 그래서 클라이언트를 처리하지 않은 자식 프로세스에 대해서는 " +
      "'removed proc id'가 출력되지 않는다." +
      "\n\n" +
      "두 터미널에서 접속해 보자(tcpip echo-client 127.0.0.1 또는 nc 127.0.0.1 " +
      "9190). 연결마다 'new client connected...'가 나오고 자식 프로세스가 " +
      "하나씩 배정되며, 빈자리를 채울 프로세스가 새로 시작한다. " +
      "ls -l /proc/<pid>/fd로 보면 클라이언트 소켓은 부모가 아니라 자식 " +
      "프로세스의 파일 디스크립터 테이블에 있다. 클라이언트가 나가면 자식 " +
      "프로세스가 소켓을 닫고(클라이언트는 바로 그때 EOF를 받는다), 핸들러가 " +
      "'removed proc id'를 출력한다." +
      "\n\n" +
      "Ctrl+C를 누르면 서버가 멈추고, 아직 클라이언트를 처리하는 자식 " +
      "프로세스는 SIGTERM을 받는다(C에서는 Ctrl+C가 프로세스 그룹 전체에 " +
      "전달된다). 부모 프로세스를 SIGKILL로 죽이면 C에서처럼 자식 프로세스들은 " +
      "자기 클라이언트를 계속 처리한다.",
  },
  differs: {
    en: "A Deno child cannot inherit a socket from fork(). So the parent " +
      "accepts with accept() on the listening socket's own descriptor, sends " +
      "the accepted socket to a child with sendmsg() and SCM_RIGHTS, and " +
      "then closes its own copy at once: the book's close(clnt_sock) in the " +
      "parent. The socket travels over the child's own link, one end of a " +
      "socketpair() the child inherited when it started; no other process " +
      "can reach it, and the parent closes its end when the child ends." +
      "\n\n" +
      "The child then holds the socket itself, under whatever number is free " +
      "in its table, and runs the book's loop with blocking read() and " +
      "write() on it, 64 KiB per read instead of 30 (a client cannot tell). " +
      "A failed read (a client that resets the connection) ends the loop as " +
      "end of file does." +
      "\n\n" +
      "A Deno child takes tens of milliseconds to start, where C's fork() " +
      "takes a fraction of one, so children are started ahead (--prefork, " +
      "default 4; 0 forks on accept, as the book). fork() copies a process " +
      "whose code is loaded and compiled already; a Deno child loads and " +
      "compiles the program again and runs its first round trips in code " +
      "V8 has not optimized yet, so a child started ahead runs the echo path on a socket " +
      "pair of its own until V8 has compiled it (a few ms of CPU), then " +
      "tells the parent it is ready, and the parent gives a client to a " +
      "ready child first and, in a burst, starts no more children at once " +
      "than it has CPUs. The pool grows during " +
      "bursts up to a bound and shrinks when it is quiet. If a fork fails " +
      "(no descriptor left, say), that client is closed and the server goes " +
      "on, as the book's 'if (pid == -1)'." +
      "\n\n" +
      "After fork(), C's child shares its parent's memory pages until one " +
      "of them writes (copy-on-write): a serving child costs some tens of " +
      "KB. A Deno child is a whole runtime of its own, about 9 MB, for as " +
      "long as its client stays. grep Private /proc/<pid>/smaps_rollup " +
      "shows what each child holds." +
      "\n\n" +
      "The SIGCHLD handler here collects every ended child per signal (see " +
      "the pitfalls). The parent's accept() does not fail with EINTR here: " +
      "it waits on another thread, and Deno's runtime handles signals with " +
      "SA_RESTART. The server listens on 127.0.0.1 unless --host says " +
      "otherwise, and tells clients beyond --max-clients that it is busy. " +
      "Windows has no SCM_RIGHTS: there the parent calls " +
      "WSADuplicateSocketW() with the child's pid, writes the result into " +
      "the child's stdin, and closes its copy; the child opens its own " +
      "socket for the client from it with WSASocketW(). Same structure, " +
      "Windows' means; the start note says so.",
    ko:
      "Deno의 자식 프로세스는 fork()로 소켓을 물려받을 수 없다. 그래서 부모 " +
      "프로세스는 서버 소켓의 파일 디스크립터로 직접 accept()를 호출하고, 받은 " +
      "소켓을 sendmsg()와 SCM_RIGHTS로 자식 프로세스에 보낸 뒤, 곧바로 자기 " +
      "복사본을 닫는다. 책에서 부모 프로세스가 호출하는 close(clnt_sock)이다. " +
      "소켓은 자식 프로세스가 시작할 때 물려받은 socketpair()의 한쪽 끝, 곧 그 " +
      "자식만의 통로로 전달된다. 다른 프로세스는 이 통로에 닿을 수 없고, 자식 " +
      "프로세스가 종료하면 부모 프로세스도 자기 쪽 끝을 닫는다." +
      "\n\n" +
      "그 뒤로는 자식 프로세스가 직접 소켓을 가진다. 번호는 자기 파일 " +
      "디스크립터 테이블에서 비어 있는 번호다. 자식 프로세스는 그 소켓에 " +
      "블로킹 read()와 write()로 책의 반복문을 실행하며, 한 번에 30바이트가 " +
      "아니라 64KiB씩 읽는다(클라이언트는 차이를 알 수 없다). 클라이언트가 " +
      "연결을 리셋해 read()가 실패하면 EOF와 마찬가지로 반복문을 빠져나온다." +
      "\n\n" +
      "C의 fork()는 1밀리초도 걸리지 않지만 Deno 자식 프로세스는 시작하는 데 " +
      "수십 밀리초가 걸린다. 그래서 자식 프로세스를 미리 시작해 둔다(--prefork, " +
      "기본 4. 0이면 책처럼 accept 때 fork한다). fork()는 코드를 이미 읽어 " +
      "컴파일해 둔 프로세스를 복사하지만, Deno 자식 프로세스는 프로그램을 다시 " +
      "읽어 컴파일하고 처음 몇 번의 왕복을 V8이 아직 최적화하지 않은 코드로 실행한다. 그래서 " +
      "미리 시작한 자식 프로세스는 자기만의 소켓 쌍으로 에코 경로를 V8이 " +
      "컴파일할 때까지 돌려 본 뒤(CPU 몇 ms) 준비됐다고 부모에게 알리고, 부모 " +
      "프로세스는 준비된 자식에게 먼저 클라이언트를 주며, 클라이언트가 몰려도 " +
      "CPU 수보다 많은 자식을 한꺼번에 시작하지 않는다. 클라이언트가 몰리면 정해진 " +
      "한도까지 늘고, 한가해지면 줄어든다. fork가 실패하면(예를 들어 남은 파일 " +
      "디스크립터가 없을 때) 책의 'if (pid == -1)'처럼 그 클라이언트만 닫고 " +
      "서버는 계속 실행된다." +
      "\n\n" +
      "C의 자식 프로세스는 fork() 뒤에도 어느 한쪽이 쓰기 전까지 부모와 메모리 " +
      "페이지를 함께 쓴다(copy-on-write). 그래서 클라이언트 하나를 맡은 자식 " +
      "프로세스는 수십 KB면 된다. Deno 자식 프로세스는 런타임 전체를 따로 가지고, " +
      "클라이언트가 머무는 동안 약 9MB를 차지한다. grep Private " +
      "/proc/<pid>/smaps_rollup으로 자식마다 차지한 메모리를 볼 수 있다." +
      "\n\n" +
      "여기의 SIGCHLD 핸들러는 시그널 하나에 종료한 자식 프로세스를 모두 " +
      "회수한다(함정 참고). 부모 프로세스의 accept()는 EINTR로 실패하지 않는다. " +
      "다른 스레드에서 기다리고, Deno 런타임이 SA_RESTART로 시그널을 처리하기 " +
      "때문이다. --host를 주지 않으면 127.0.0.1에서만 연결을 기다리고, " +
      "--max-clients를 넘는 클라이언트에게는 바쁘다고 알린다. Windows에는 " +
      "SCM_RIGHTS가 없어서 부모 프로세스가 자식 프로세스의 pid로 " +
      "WSADuplicateSocketW()를 호출해 그 결과를 자식의 stdin에 쓰고 자기 " +
      "복사본을 닫는다. 자식 프로세스는 그것으로 WSASocketW()를 호출해 " +
      "클라이언트 소켓을 직접 연다. 구조는 같고 수단만 Windows의 것이며, 시작할 " +
      "때의 안내 메시지가 이를 알린다",
  },
  pitfalls: {
    en: "The book's handler collects one child per SIGCHLD, so two clients " +
      "leaving together can leave a zombie (see remove-zombie). With " +
      "sa_flags 0, each SIGCHLD also makes the parent's blocking accept() " +
      "fail with EINTR: without 'if (clnt_sock == -1) continue;' the server " +
      "would take -1 for a client." +
      "\n\n" +
      "A socket is destroyed only when its last descriptor is closed. A " +
      "parent that forgets close(clnt_sock) keeps every connection open " +
      "after its child has closed it (the client never sees end of file), " +
      "and runs out of descriptors." +
      "\n\n" +
      "Most copies of this listing online read with read(clnt_sock, buf, " +
      "BUFSIZ) into a buffer of BUF_SIZE (30) bytes: BUFSIZ is 8192 in " +
      "glibc, so a long line overflows the buffer. Always pass the size of " +
      "the buffer you have.",
    ko: "책의 핸들러는 SIGCHLD 하나에 자식 프로세스 하나만 회수하므로, 두 " +
      "클라이언트가 함께 떠나면 좀비 프로세스가 남을 수 있다(remove-zombie 참고). " +
      "sa_flags가 0이므로 SIGCHLD가 올 때마다 부모 프로세스의 블로킹 accept()가 " +
      "EINTR로 실패한다. 'if (clnt_sock == -1) continue;'가 없으면 서버는 -1을 " +
      "클라이언트로 착각한다." +
      "\n\n" +
      "소켓은 마지막 파일 디스크립터가 닫혀야 소멸한다. close(clnt_sock)을 잊은 " +
      "부모 프로세스는 자식 프로세스가 소켓을 닫은 뒤에도 연결을 열어 두므로 " +
      "클라이언트는 EOF를 받지 못하고, 부모 프로세스는 결국 파일 디스크립터가 " +
      "바닥난다." +
      "\n\n" +
      "인터넷에 퍼진 이 코드의 사본 대부분은 BUF_SIZE(30)바이트 버퍼에 " +
      "read(clnt_sock, buf, BUFSIZ)로 읽는다. glibc의 BUFSIZ는 8192라서 긴 " +
      "줄이 오면 버퍼가 넘친다. 항상 실제 버퍼의 크기를 넘기자.",
  },
};
