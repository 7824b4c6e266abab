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
    en:
      "A server that serves many clients at once by giving each its own process: the " +
      "parent only accepts connections and forks; each child echoes its client until the " +
      "client is done, then ends; a SIGCHLD handler collects the children.",
    ko:
      "클라이언트마다 프로세스를 하나씩 주어 여러 클라이언트를 동시에 처리하는 서버다. " +
      "부모는 연결을 받아 fork만 하고, 각 자식은 클라이언트가 끝날 때까지 에코한 뒤 끝나며, " +
      "SIGCHLD 핸들러가 자식들을 회수한다.",
  },
  watch: {
    en:
      "Connect from two terminals at once (tcpip echo-client 127.0.0.1, or nc 127.0.0.1 " +
      "9190): each connection prints 'new client connected...' and gets its own child; ps " +
      "shows one more process per client. When a client quits, its child prints 'client " +
      "disconnected...' and the handler prints 'removed proc id'.",
    ko:
      "두 터미널에서 동시에 접속해 보자(tcpip echo-client 127.0.0.1 또는 nc 127.0.0.1 " +
      "9190). 연결마다 'new client connected...'가 나오고 자식이 하나씩 생긴다. ps로 보면 " +
      "클라이언트마다 프로세스가 하나씩 늘어 있다. 클라이언트가 끝나면 그 자식이 'client " +
      "disconnected...'를, 핸들러가 'removed proc id'를 출력한다.",
  },
  differs: {
    en:
      "In C the child inherits the client socket from fork() and talks to the client " +
      "itself. Deno cannot give a socket to another process, so the parent keeps the " +
      "socket and copies bytes: the client's into the child's stdin, the child's stderr " +
      "back to the client. The child still does the echo, and ends with its client: one " +
      "process per client. The server listens on 127.0.0.1 unless --host says otherwise, " +
      "and refuses clients beyond --max-clients politely instead of forking without limit.",
    ko:
      "C에서는 자식이 fork()로 클라이언트 소켓을 물려받아 직접 통신한다. Deno는 소켓을 다른 " +
      "프로세스에 넘길 수 없어서, 부모가 소켓을 가진 채 바이트를 옮긴다. 클라이언트의 바이트는 " +
      "자식의 stdin으로, 자식의 stderr는 클라이언트로. 에코는 여전히 자식이 하고, 자식은 " +
      "클라이언트와 함께 끝난다. 클라이언트 하나에 프로세스 하나다. --host를 주지 않으면 " +
      "127.0.0.1에서만 기다리고, --max-clients를 넘는 클라이언트는 한없이 fork하는 대신 " +
      "정중히 거절한다.",
  },
  pitfalls: {
    en:
      "The book's handler collects one child per SIGCHLD, so two clients leaving together " +
      "can leave a zombie (see remove-zombie). Both C processes must close what they do " +
      "not use: the parent clnt_sock, the child serv_sock; a socket closes only when its " +
      "last descriptor does, so a parent that forgets close(clnt_sock) keeps every " +
      "connection open. Many copies of this server on the web read with read(clnt_sock, " +
      "buf, BUFSIZ) into a buffer of BUF_SIZE (30) bytes: BUFSIZ is 8192 on most systems, " +
      "so a long line overflows the buffer. Always pass the size of the buffer you have.",
    ko:
      "책의 핸들러는 SIGCHLD 하나에 자식 하나만 회수하므로, 두 클라이언트가 함께 떠나면 " +
      "좀비가 남을 수 있다(remove-zombie 참고). C의 두 프로세스는 쓰지 않는 것을 닫아야 한다. " +
      "부모는 clnt_sock을, 자식은 serv_sock을. 소켓은 마지막 디스크립터가 닫혀야 닫히므로, " +
      "close(clnt_sock)을 잊은 부모는 모든 연결을 열어 둔다. 인터넷에 퍼진 이 서버의 사본 " +
      "상당수는 BUF_SIZE(30)바이트 버퍼에 read(clnt_sock, buf, BUFSIZ)로 읽는다. BUFSIZ는 " +
      "대개 8192라서 긴 줄이 오면 버퍼가 넘친다. 항상 실제 버퍼 크기를 넘기자.",
  },
};
