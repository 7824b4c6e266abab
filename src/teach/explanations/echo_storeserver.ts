/**
 * What `tcpip explain echo-storeserver` says (its C calls and their
 * stand-ins come from the header of `examples/echo_storeserver.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `echo_storeserver`. */
export const explanation: Explanation = {
  shows: {
    en: "The echo server plus one more child, the store process, forked " +
      "before the accept loop. pipe(fds) is made first, so every child " +
      "inherits both ends. Each echo child writes a copy of what it echoes into " +
      "fds[1]; the store process reads fds[0], 100 bytes per read as in the " +
      "book, and writes what it gets to echomsg.txt." +
      "\n\n" +
      "Like the book's, the store process stops after exactly 10 reads " +
      "(--max-messages), whatever each read held: one message, several, or " +
      "part of one.",
    ko: "에코 서버에 자식 프로세스를 하나 더 둔 프로그램이다. 더해진 자식 " +
      "프로세스는 accept 루프에 들어가기 전에 fork하는 저장 프로세스다. " +
      "pipe(fds)로 파이프를 먼저 만들기 때문에 모든 자식 프로세스가 파이프의 " +
      "입구와 출구를 함께 물려받는다. 에코 자식 프로세스는 클라이언트에게 " +
      "돌려보내는 데이터의 사본을 입구(fds[1])에 쓰고, 저장 프로세스는 책처럼 " +
      "출구(fds[0])에서 100바이트씩 읽어 echomsg.txt에 기록한다." +
      "\n\n" +
      "책의 코드와 마찬가지로 저장 프로세스는 정확히 10번 읽은 뒤 " +
      "종료한다(--max-messages). 한 번 읽을 때 메시지가 하나 들어 있든, 여러 " +
      "개 들어 있든, 일부만 들어 있든 상관없다.",
  },
  watch: {
    en: "The start notes give the store's pid and the full path of " +
      "echomsg.txt, in the directory the tool was started from. Send a few " +
      "lines from clients and cat the file while the server runs: the lines " +
      "are there at once." +
      "\n\n" +
      "After 10 reads the store process ends: 'removed proc id' shows its " +
      "pid, and a note says what follows. Echoes go on, but the copies pile " +
      "up in the pipe that nobody reads any more." +
      "\n\n" +
      "ls -l /proc/<pid>/fd for the store and an echo child shows the same " +
      "pipe:[inode] under the same numbers; the store also holds the " +
      "listening socket. Ctrl+C stops the server; the store first writes " +
      "what is still in the pipe, and a note says it is waited for.",
    ko: "시작할 때의 안내 메시지가 저장 프로세스의 ID와 echomsg.txt의 전체 " +
      "경로를 알려 준다. 파일은 도구를 실행한 디렉터리에 생긴다. " +
      "클라이언트에서 몇 줄 보내고 서버가 실행되는 동안 cat으로 파일을 보자. " +
      "보낸 줄이 바로 들어 있다." +
      "\n\n" +
      "10번 읽고 나면 저장 프로세스가 종료한다. 'removed proc id'에 그 ID가 " +
      "나오고, 안내 메시지가 그다음 일을 알려 준다. 에코는 계속되지만, 사본은 " +
      "아무도 읽지 않는 파이프에 쌓인다." +
      "\n\n" +
      "저장 프로세스와 에코 자식 프로세스를 ls -l /proc/<pid>/fd로 보면 같은 " +
      "pipe:[inode]가 같은 번호에 있고, 저장 프로세스는 서버 소켓도 가지고 있다. " +
      "Ctrl+C를 누르면 서버가 멈추고, 저장 프로세스는 파이프에 남은 내용을 먼저 " +
      "파일에 쓴다. 이를 기다린다는 안내 메시지가 나온다.",
  },
  differs: {
    en: "pipe(fds) is the real system call. The store process and every echo " +
      "child get its descriptors under the same numbers, inherited at their " +
      "start as after fork(). Each echo child writes the copy itself, " +
      "write(fds[1], buf, str_len); the parent never touches a client's " +
      "bytes. Clients' sockets reach the echo children as in echo-server " +
      "(SCM_RIGHTS, children started ahead)." +
      "\n\n" +
      "The store writes the file without a stdio buffer, so each copy is on " +
      "disk at once; the book's fwrite() keeps it in memory until fclose(). " +
      "--max-messages 0 removes the limit and reads 256 KiB at a time; on " +
      "Linux it also makes the pipe hold 1 MiB instead of 64 KiB " +
      "(fcntl(F_SETPIPE_SZ)), so the echo children run ahead of the store " +
      "instead of waiting for it at every 64 KiB." +
      "\n\n" +
      "Not in the book: the store ignores SIGINT and closes its own fds[1], " +
      "so that at shutdown it reads to end of file and nothing already " +
      "echoed is lost. On Windows, pipe() is CreatePipe() and the children " +
      "inherit the same handles, the counterpart of inherited descriptors.",
    ko:
      "pipe(fds)는 실제 시스템 함수 호출이다. 저장 프로세스와 모든 에코 자식 " +
      "프로세스는 fork() 뒤와 마찬가지로, 시작할 때 같은 번호의 파일 " +
      "디스크립터를 물려받는다. 사본은 에코 자식 프로세스가 " +
      "write(fds[1], buf, str_len)으로 직접 쓰며, 부모 프로세스는 클라이언트가 " +
      "보낸 바이트를 건드리지 않는다. 클라이언트 소켓은 echo-server와 같은 " +
      "방식(SCM_RIGHTS, 미리 시작해 둔 자식 프로세스)으로 에코 자식 프로세스에 " +
      "전달된다." +
      "\n\n" +
      "저장 프로세스는 stdio 버퍼 없이 파일에 쓰므로 사본이 곧바로 디스크에 " +
      "기록된다. 책의 fwrite()는 fclose()를 호출할 때까지 데이터를 메모리에 " +
      "담아 둔다. --max-messages 0을 주면 횟수 제한이 없어지고 한 번에 " +
      "256KiB씩 읽는다. 리눅스에서는 파이프 용량도 64KiB에서 1MiB로 늘려" +
      "(fcntl(F_SETPIPE_SZ)) 에코 자식 프로세스가 64KiB마다 저장 프로세스를 " +
      "기다리지 않고 앞서 나간다." +
      "\n\n" +
      "다음은 책에 없는 부분이다. 저장 프로세스는 SIGINT를 무시하고 자기가 가진 " +
      "입구(fds[1])를 닫는다. 그래서 서버를 종료할 때 EOF가 올 때까지 읽으므로 " +
      "이미 에코한 내용을 잃지 않는다. Windows에서는 pipe()가 CreatePipe()이고, " +
      "자식 프로세스들은 같은 핸들을 물려받는다. 파일 디스크립터를 물려받는 " +
      "것에 해당한다.",
  },
  pitfalls: {
    en: "The store process inherits the listening socket serv_sock and never " +
      "closes it; ours does the same, faithfully. If the server dies, the " +
      "store keeps the port until it ends: a restart fails with bind() " +
      "error, and a client that connects meanwhile waits in the backlog with " +
      "nobody to accept it. The store process says so on standard error the " +
      "moment the server ends (a note naming the socket it still holds). " +
      "The book's store also holds fds[1] itself, so it waits for its 10 " +
      "reads whatever happens; ours closes its copy, so it also ends once " +
      "the last echo child has." +
      "\n\n" +
      "Every echo child inherits fds[0] too, and the parent keeps both ends. " +
      "After the store's 10 reads nobody reads the pipe, but since other " +
      "processes still hold fds[0], the writes do not fail: the copies pile " +
      "up until the pipe is full (64 KiB on Linux), then every echo child " +
      "blocks in write(fds[1]) and the echoes stall, as observed with the C " +
      "server. Each process should close the ends it does not use.",
    ko:
      "저장 프로세스는 서버 소켓(serv_sock)을 물려받고도 닫지 않는다. 여기서도 " +
      "책 그대로 그렇다. 서버가 죽으면 저장 프로세스는 종료할 때까지 포트를 " +
      "붙잡고 있다. 다시 실행하면 bind() error로 실패하고, 그사이 접속한 " +
      "클라이언트는 아무도 받아 주지 않는 연결 대기 큐에서 기다린다. 서버가 " +
      "종료하는 순간 저장 프로세스가 아직 가진 소켓을 안내 메시지로 표준 에러에 " +
      "알린다. 책의 저장 프로세스는 fds[1]도 직접 가지고 있어서 무슨 일이 있어도 " +
      "10번 읽기를 기다리지만, 여기서는 자기 복사본을 닫으므로 마지막 에코 자식 " +
      "프로세스가 종료하면 함께 종료한다." +
      "\n\n" +
      "에코 자식 프로세스도 모두 출구(fds[0])를 물려받고, 부모 프로세스는 " +
      "입구와 출구를 모두 가지고 있다. 저장 프로세스가 10번 읽고 종료하면 " +
      "아무도 파이프를 읽지 않지만, 다른 프로세스가 아직 출구를 가지고 있으므로 " +
      "쓰기는 실패하지 않는다. 사본은 파이프가 가득 찰 때까지(리눅스에서 " +
      "64KiB) 쌓이고, 그 뒤에는 모든 에코 자식 프로세스가 write(fds[1])에서 " +
      "블로킹되어 에코가 멈춘다. C 서버에서도 그렇게 관찰된다. 각 프로세스는 " +
      "쓰지 않는 쪽을 닫아야 한다.",
  },
};
