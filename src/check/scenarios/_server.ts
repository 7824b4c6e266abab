/**
 * What the two multi-process echo servers (echo_mpserv.c, and
 * echo_storeserv.c built on it) are checked for: the clients the tool
 * opens, what they send, when they half-close or close, and what the OS
 * must show meanwhile; and what each outcome means.
 *
 * @module
 */

import type { FindingSpec, Rule, RunPlan, Step } from "../scenario.ts";
import { both, see } from "./_common.ts";
import type { Text } from "../../text.ts";

const LONG =
  "A line longer than BUF_SIZE (30 bytes): the child reads it in pieces and writes each back.\n";

/** The clients that connect and leave at the same moment. */
const TOGETHER = ["c1", "c2", "c3", "c4", "c5"];

/**
 * The children serving `clients` end once those clients have closed: a
 * child that goes back to accept(), stays, or never read end of file has
 * its own finding already.
 */
function childrenEnd(title: Text, clients: string[]): Step {
  return {
    do: "served-end",
    title,
    clients,
    within: 2,
    unless: [
      "server.child-goes-on",
      "server.child-stays",
      "server.no-eof",
      "server.no-eof-loop",
    ],
    outcomes: {
      accepting: "server.child-goes-on",
      stays: "server.child-stays",
    },
  };
}

/** The server runs once, on one CPU (children ending together stay together). */
export const SERVER_RUNS: RunPlan[] = [{
  title: both(
    "on one CPU, with clients of the tool's own",
    "CPU 하나에서, 도구의 클라이언트로",
  ),
  oneCpu: true,
}];

/**
 * The steps of a server check; `store` steps come after the first two
 * clients are served (the store server's).
 */
export function serverSteps(store: Step[] = []): Step[] {
  return [
    {
      do: "listen",
      title: both("the server listens on its port", "서버가 포트에서 기다린다"),
      within: 10,
      outcomes: { none: "server.no-listen" },
      stopOnFinding: true,
    },
    {
      do: "connect",
      title: both("client a connects", "클라이언트 a가 연결한다"),
      clients: ["a"],
      outcomes: { refused: "server.refused" },
      stopOnFinding: true,
    },
    {
      do: "echo",
      title: both(
        "client a gets back exactly the bytes it sent",
        "클라이언트 a가 보낸 바이트를 그대로 돌려받는다",
      ),
      clients: ["a"],
      send: "Hello from a\n",
      within: 2,
      outcomes: {
        none: "server.no-echo",
        closed: "server.closes-early",
        cut: "server.no-echo",
        extra: "server.echo-extra",
        short: "server.echo-differs",
        differs: "server.echo-differs",
      },
    },
    {
      do: "holders",
      title: both(
        "a child holds client a's socket, the parent does not",
        "클라이언트 a의 소켓은 자식이 가지고 부모는 닫았다",
      ),
      clients: ["a"],
      outcomes: {
        parent: "server.parent-keeps",
        "no-child": "server.no-fork",
        swapped: "server.roles-swapped",
        "listener-in-child": "server.child-listener",
      },
    },
    {
      do: "echo",
      title: both(
        "a line longer than BUF_SIZE comes back whole",
        "BUF_SIZE보다 긴 줄도 온전히 돌아온다",
      ),
      clients: ["a"],
      send: LONG,
      within: 2,
      unless: ["server.no-echo"],
      outcomes: {
        none: "server.no-echo",
        closed: "server.closes-early",
        cut: "server.no-echo",
        extra: "server.echo-extra",
        short: "server.echo-differs",
        differs: "server.echo-differs",
      },
    },
    {
      do: "connect",
      title: both(
        "client b connects while a stays connected and idle",
        "a가 연결된 채 가만히 있을 때 클라이언트 b가 연결한다",
      ),
      clients: ["b"],
      outcomes: { refused: "server.refused" },
      stopOnFinding: true,
    },
    {
      do: "echo",
      title: both(
        "client b is served at once (the server is concurrent)",
        "클라이언트 b도 곧바로 처리된다 (동시 처리 서버)",
      ),
      clients: ["b"],
      send: "Hello from b\n",
      within: 2,
      unless: ["server.no-echo"],
      outcomes: {
        none: "server.not-concurrent",
        closed: "server.closes-early",
        cut: "server.no-echo",
        extra: "server.echo-extra",
        short: "server.echo-differs",
        differs: "server.echo-differs",
      },
    },
    {
      do: "holders",
      title: both(
        "another child holds client b's socket",
        "클라이언트 b의 소켓은 다른 자식이 가진다",
      ),
      clients: ["b"],
      unless: [
        "server.not-concurrent",
        "server.no-fork",
        "server.roles-swapped",
      ],
      outcomes: {
        parent: "server.parent-keeps",
        "no-child": "server.no-fork",
        swapped: "server.roles-swapped",
        "listener-in-child": "server.child-listener",
      },
    },
    ...store,
    {
      do: "half-close",
      title: both(
        "client a half-closes (shutdown(SHUT_WR)): it reads end of file",
        "클라이언트 a가 절반 닫기(shutdown(SHUT_WR))를 하면 파일의 끝을 읽는다",
      ),
      client: "a",
      within: 2,
      // An echo already cut short says why the connection ended.
      unless: ["server.closes-early"],
      outcomes: {
        "no-eof-parent": "server.parent-keeps",
        "no-eof": "server.no-eof",
        "no-eof-spins": "server.no-eof-loop",
        "ended-before": "server.ended-early",
      },
    },
    {
      do: "served-end",
      // A child that never closed the half-closed client's socket has not
      // ended either: no-eof says why.
      unless: [
        "server.no-fork",
        "server.roles-swapped",
        "server.no-eof",
        "server.no-eof-loop",
      ],
      title: both(
        "the child that served client a ends",
        "클라이언트 a를 맡은 자식이 종료한다",
      ),
      clients: ["a"],
      within: 2,
      outcomes: {
        accepting: "server.child-goes-on",
        stays: "server.child-stays",
      },
    },
    {
      do: "no-zombies",
      unless: ["server.no-fork", "server.roles-swapped"],
      title: both(
        "the ended child is collected: no zombie stays",
        "종료한 자식이 회수되어 좀비가 남지 않는다",
      ),
      settle: 1.5,
      outcomes: {
        zombie: "server.zombie",
        "zombie-with-handler": "server.zombie",
      },
    },
    {
      do: "serving",
      // A parent that served its client has ended by design of its
      // mistake; roles-swapped says it.
      unless: ["server.roles-swapped"],
      title: both(
        "the server still runs and listens after its child ended",
        "자식이 종료한 뒤에도 서버는 실행 중이고 기다린다",
      ),
      outcomes: {
        ended: "server.ends-with-child",
        deaf: "server.ends-with-child",
      },
      stopOnFinding: true,
    },
    {
      do: "connect",
      title: both(
        "five more clients connect (c1 to c5) before b leaves",
        "b가 떠나기 전에 클라이언트 다섯(c1~c5)이 더 연결한다",
      ),
      // A child that spins (after its client left, or in a read loop that
      // ignores end of file) takes a CPU from the server and the new
      // clients' children: what the five would see would not be the
      // server's design (under load, 'refused' and 'not-concurrent' came
      // beside these).
      unless: ["server.child-stays", "server.no-eof-loop"],
      clients: TOGETHER,
      outcomes: { refused: "server.refused" },
      stopOnFinding: true,
    },
    {
      do: "echo",
      title: both("each of them is served", "각각 처리된다"),
      clients: TOGETHER,
      send: "Hello from {client}\n",
      within: 2,
      unless: ["server.no-echo", "server.not-concurrent"],
      outcomes: {
        none: "server.not-concurrent",
        closed: "server.closes-early",
        cut: "server.no-echo",
        extra: "server.echo-extra",
        short: "server.echo-differs",
        differs: "server.echo-differs",
      },
    },
    {
      do: "holders",
      title: both(
        "a child of its own holds each one's socket",
        "각 소켓은 저마다의 자식이 가진다",
      ),
      clients: TOGETHER,
      unless: [
        "server.not-concurrent",
        "server.no-fork",
        "server.roles-swapped",
      ],
      outcomes: {
        parent: "server.parent-keeps",
        "listener-in-child": "server.child-listener",
      },
    },
    {
      do: "signal",
      title: both(
        "the server is held (SIGSTOP), so that its children's ends come together",
        "자식들이 한꺼번에 종료하도록 서버를 멈춘다 (SIGSTOP)",
      ),
      signal: "SIGSTOP",
      to: "server",
    },
    {
      do: "close",
      title: both(
        "the five clients close at the same moment",
        "다섯 클라이언트가 같은 순간에 닫는다",
      ),
      clients: TOGETHER,
    },
    childrenEnd(
      both("their five children end", "그 다섯 자식이 종료한다"),
      TOGETHER,
    ),
    {
      do: "signal",
      title: both(
        "the server goes on (SIGCONT): one SIGCHLD stands for five children",
        "서버가 다시 실행된다 (SIGCONT): SIGCHLD 하나가 다섯 자식을 대신한다",
      ),
      signal: "SIGCONT",
      to: "server",
    },
    {
      do: "no-zombies",
      title: both(
        "children that end together are all collected",
        "함께 종료한 자식도 모두 회수된다",
      ),
      settle: 1.5,
      unless: ["server.zombie"],
      outcomes: {
        zombie: "server.zombie",
        "zombie-with-handler": "server.zombies-together",
      },
    },
    {
      do: "close",
      title: both("client b closes", "클라이언트 b가 닫는다"),
      clients: ["b"],
    },
    childrenEnd(
      both(
        "the child that served client b ends",
        "클라이언트 b를 맡은 자식이 종료한다",
      ),
      ["b"],
    ),
    {
      do: "serving",
      // A parent that served its client has ended by design of its
      // mistake; roles-swapped says it.
      unless: ["server.roles-swapped"],
      title: both(
        "the server still runs and listens",
        "서버는 여전히 실행 중이고 기다린다",
      ),
      outcomes: {
        ended: "server.ends-with-child",
        deaf: "server.ends-with-child",
      },
    },
    {
      do: "parent-fds",
      unless: [
        "server.no-fork",
        "server.roles-swapped",
        "server.not-concurrent",
      ],
      title: both(
        "the parent's descriptor table holds no client's socket",
        "부모의 파일 디스크립터 테이블에 클라이언트 소켓이 없다",
      ),
      outcomes: { grew: "server.parent-keeps" },
    },
    {
      do: "stop",
      title: both(
        "enough seen: tcpip ends the server (Ctrl+C would, for you)",
        "충분히 보았으니 tcpip가 서버를 끝낸다 (직접 실행했다면 Ctrl+C)",
      ),
    },
  ];
}

/** Every server finding; `program` names the explain page. */
export function serverFindings(program: string): Record<string, FindingSpec> {
  const book = program === "echo-server" ? "echo_mpserv.c" : "echo_storeserv.c";
  return {
    "server.no-listen": {
      severity: "fail",
      title: both(
        "the server does not listen on its port",
        "서버가 포트에서 기다리지 않는다",
      ),
      book: both(
        `The book's ${book} takes the port as its only argument, binds to it (INADDR_ANY), listens, and waits in accept().`,
        `책의 ${book}은(는) 포트를 유일한 인자로 받아 거기에 bind하고(INADDR_ANY) listen한 뒤 accept()에서 기다린다.`,
      ),
      why: both(
        "Look at its standard error: 'bind() error' means the port is taken or the address wrong; a usage line means the arguments differ (tcpip gives <port>, or {port} where you write it).",
        "표준 에러를 보자. 'bind() error'는 포트가 사용 중이거나 주소가 잘못되었다는 뜻이고, 사용법 줄은 인자가 다르다는 뜻이다 (tcpip는 <port>를 주거나, 쓴 자리의 {port}를 바꾼다).",
      ),
      see: see(program, ["shows"]),
    },
    "server.refused": {
      severity: "fail",
      title: both("a client cannot connect", "클라이언트가 연결할 수 없다"),
      book: both(
        "The book's server keeps accepting clients for as long as it runs.",
        "책의 서버는 실행되는 동안 계속 클라이언트를 받아들인다.",
      ),
      why: both(
        "The listening socket was closed, or its backlog is full because nobody calls accept().",
        "기다리는 소켓이 닫혔거나, 아무도 accept()를 부르지 않아 대기열이 가득 찼다.",
      ),
      see: see(program, ["shows"]),
    },
    "server.no-echo": {
      severity: "fail",
      title: both(
        "nothing comes back: the server does not echo",
        "아무것도 돌아오지 않는다: 에코하지 않는다",
      ),
      book: both(
        "The book's child writes back every chunk it reads: write(clnt_sock, buf, str_len).",
        "책의 자식은 읽은 조각을 모두 돌려보낸다: write(clnt_sock, buf, str_len).",
      ),
      why: both(
        "The serving process must read from the client's socket and write the same bytes to it. A clnt_sock the parent closed before fork() is in no process's table: the child's read() fails (EBADF), nothing comes back, and that close() has already ended the connection.",
        "처리하는 프로세스는 클라이언트 소켓에서 읽고 같은 바이트를 그 소켓에 써야 한다. 부모가 fork() 전에 닫은 clnt_sock은 어느 프로세스의 테이블에도 없다. 자식의 read()는 실패하고(EBADF) 아무것도 돌아오지 않으며, 그 close()로 연결은 이미 끝났다.",
      ),
      see: see(program, ["shows"], "nc 127.0.0.1 <port>"),
    },
    "server.echo-extra": {
      severity: "fail",
      title: both(
        "more bytes come back than the client sent",
        "클라이언트가 보낸 것보다 많은 바이트가 돌아온다",
      ),
      book: both(
        "The book writes back str_len bytes, what read() returned: write(clnt_sock, buf, str_len).",
        "책은 read()가 반환한 str_len바이트만 돌려보낸다: write(clnt_sock, buf, str_len).",
      ),
      why: both(
        "A write of more than read() returned, write(clnt_sock, buf, BUF_SIZE) or strlen(buf) of a buffer read() does not end with '\\0', sends the bytes read plus whatever was left in the buffer from before (or zeros). TCP keeps no message boundaries, so the client cannot tell them apart.",
        "read()가 반환한 것보다 많이 쓰면, 곧 write(clnt_sock, buf, BUF_SIZE)나 read()가 '\\0'으로 끝내 주지 않는 버퍼의 strlen(buf)만큼 쓰면, 읽은 바이트에 버퍼에 예전부터 남아 있던 것(또는 0)까지 보낸다. TCP에는 메시지 경계가 없으니 클라이언트는 구별할 수 없다.",
      ),
      see: see(program, ["shows"]),
    },
    "server.echo-differs": {
      severity: "fail",
      title: both(
        "other bytes come back than the client sent",
        "클라이언트가 보낸 것과 다른 바이트가 돌아온다",
      ),
      book: both(
        "The book's child writes back exactly the bytes it read, in order, until the client is done.",
        "책의 자식은 클라이언트가 종료할 때까지 읽은 바이트를 순서대로 그대로 돌려보낸다.",
      ),
      why: both(
        "One read() may return part of a message, or two messages at once: echo each chunk as read() returns it, str_len bytes, in a loop until it returns 0.",
        "read() 한 번이 메시지의 일부나 두 메시지를 한꺼번에 돌려줄 수 있다. read()가 돌려준 str_len바이트를 그대로, 0을 반환할 때까지 반복해서 돌려보내자.",
      ),
      see: see(program, ["shows"]),
    },
    "server.closes-early": {
      severity: "fail",
      title: both(
        "the server closes the connection while its client still sends",
        "클라이언트가 아직 보내는데 서버가 연결을 닫는다",
      ),
      book: both(
        `In ${book} the child echoes in a loop, while((str_len=read(clnt_sock, buf, BUF_SIZE))!=0), and closes the socket only when read() returns 0: the client's FIN.`,
        `${book}의 자식은 while((str_len=read(clnt_sock, buf, BUF_SIZE))!=0) 반복문으로 에코하고, read()가 0을 반환할 때(클라이언트의 FIN)에만 소켓을 닫는다.`,
      ),
      why: both(
        "A child that reads and writes once, then closes its socket or ends, serves one chunk: the same client's next line finds the connection closed. Only end of file (read() returning 0) means the client is done.",
        "한 번 읽고 쓴 뒤 소켓을 닫거나 종료하는 자식은 한 조각만 처리한다. 같은 클라이언트의 다음 줄은 닫힌 연결을 만난다. 클라이언트가 끝났다는 뜻은 파일의 끝(read()가 0을 반환)뿐이다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    "server.ended-early": {
      severity: "fail",
      title: both(
        "a client's connection ends before the client is done",
        "클라이언트가 끝내기 전에 연결이 끊긴다",
      ),
      book: both(
        `In ${book} the child serves its client until read() returns 0 (the client's FIN), then closes the socket and ends.`,
        `${book}의 자식은 read()가 0(클라이언트의 FIN)을 반환할 때까지 클라이언트를 처리한 뒤 소켓을 닫고 종료한다.`,
      ),
      why: both(
        "The kernel closes a socket when the last process that holds it ends or closes it: a serving child that ends early (a loop left after one read, a call that failed, or a signal such as SIGPIPE from writing a pipe whose reading end is closed) ends its client's connection with it.",
        "소켓을 가진 마지막 프로세스가 종료하거나 소켓을 닫으면 커널이 소켓을 닫는다. 일찍 종료하는 자식(한 번 읽고 반복문을 벗어나거나, 호출이 실패하거나, 읽는 쪽이 닫힌 파이프에 써서 SIGPIPE 같은 시그널을 받은 경우)은 클라이언트의 연결도 함께 끝낸다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    "server.not-concurrent": {
      severity: "fail",
      title: both(
        "a client waits unserved while another is connected: the server is not concurrent",
        "다른 클라이언트가 연결된 동안 한 클라이언트가 처리되지 않고 기다린다: 동시 처리가 아니다",
      ),
      book: both(
        `The book's ${book} forks a child for each client, so the parent is back in accept() at once and every client is served while the others are connected.`,
        `책의 ${book}은(는) 클라이언트마다 자식을 fork하므로 부모는 곧바로 accept()로 돌아가고, 다른 클라이언트가 연결된 동안에도 모든 클라이언트가 처리된다.`,
      ),
      why: both(
        "Only a parent back in accept() takes the next client; until it is, the new connection waits in the listen queue and its bytes in its socket. A parent that reads a client itself (the iterative server the chapter replaces), that waits for a child which is still serving (wait(), or waitpid() without WNOHANG, in the SIGCHLD handler or after fork()), or that loops in its handler, is not.",
        "다음 클라이언트는 accept()로 돌아온 부모만 받는다. 그 전까지 새 연결은 listen 큐에서, 그 바이트는 소켓에서 기다린다. 클라이언트를 직접 읽는 부모(이 장이 대신하려는 반복 서버), 아직 처리 중인 자식을 기다리는 부모(SIGCHLD 핸들러나 fork() 뒤의 wait()나 WNOHANG 없는 waitpid()), 핸들러 안에서 맴도는 부모는 돌아오지 않는다.",
      ),
      see: see(program, ["shows", "watch"]),
    },
    "server.no-fork": {
      severity: "fail",
      title: both(
        "no child process serves the client",
        "클라이언트를 처리하는 자식 프로세스가 없다",
      ),
      book: both(
        "In the book, fork() after accept() gives the child a copy of the client's socket; the child serves it and the parent closes its copy.",
        "책에서는 accept() 뒤의 fork()로 자식이 클라이언트 소켓의 복사본을 얻는다. 자식이 처리하고 부모는 자기 복사본을 닫는다.",
      ),
      why: both(
        "After fork() the child must keep clnt_sock (and close serv_sock). A server that never forks serves the client in the process that listens, which cannot accept another meanwhile; a child that closes clnt_sock (where close(serv_sock) belongs) or ends at once leaves the client's socket to the parent alone, and nobody reads it.",
        "fork() 뒤 자식은 clnt_sock을 지니고(serv_sock은 닫고) 있어야 한다. fork하지 않는 서버는 기다리는 프로세스에서 클라이언트를 처리하므로 그동안 다른 클라이언트를 받지 못한다. clnt_sock을 닫거나(close(serv_sock) 자리에) 곧바로 종료하는 자식은 클라이언트 소켓을 부모에게만 남기고, 아무도 그것을 읽지 않는다.",
      ),
      see: see(program, ["shows"]),
    },
    "server.roles-swapped": {
      severity: "fail",
      title: both(
        "the parent serves the client and its child goes back to accept()",
        "부모가 클라이언트를 처리하고 자식이 accept()로 돌아간다",
      ),
      book: both(
        "In the book, fork() returns 0 in the child, which closes serv_sock and serves the client; the parent, given the child's pid, closes clnt_sock and goes back to accept().",
        "책에서 fork()는 자식에게 0을 반환하고, 자식은 serv_sock을 닫고 클라이언트를 처리한다. 자식의 pid를 받은 부모는 clnt_sock을 닫고 accept()로 돌아간다.",
      ),
      why: both(
        "fork()'s return value tested the wrong way round (the child's work under if (pid != 0)) swaps the roles: the process that started the server serves its first client and ends, and each child becomes the next listener, so the server's pid changes with every client and the shell gets its prompt back after the first.",
        "fork()의 반환값을 반대로 검사하면(자식의 일을 if (pid != 0) 아래에 두면) 역할이 바뀐다. 서버를 시작한 프로세스가 첫 클라이언트를 처리하고 종료하며, 자식이 차례로 accept()를 이어받는다. 그래서 클라이언트마다 서버의 pid가 바뀌고 첫 클라이언트 뒤에 셸 프롬프트가 돌아온다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    "server.parent-keeps": {
      severity: "fail",
      title: both(
        "the parent keeps the clients' sockets",
        "부모가 클라이언트 소켓을 닫지 않는다",
      ),
      book: both(
        "The book's parent calls close(clnt_sock) right after fork(): only the child holds the client's socket.",
        "책의 부모는 fork() 직후 close(clnt_sock)를 부른다. 클라이언트 소켓은 자식만 가진다.",
      ),
      why: both(
        "fork() copies the descriptor table: parent and child each hold one descriptor of ONE socket, and the socket is closed (FIN sent) only when the last of them is. While the parent keeps its copy, the child's close() sends nothing: a half-closed client never reads end of file, and the parent's table grows by one socket per client until it runs out.",
        "fork()는 파일 디스크립터 테이블을 복사한다. 부모와 자식이 소켓 하나에 대한 파일 디스크립터를 각각 가지고, 마지막 파일 디스크립터가 닫혀야 소켓이 닫힌다(FIN 전송). 부모가 복사본을 가지고 있는 동안 자식의 close()는 아무것도 보내지 않는다: 절반 닫은 클라이언트는 파일의 끝을 읽지 못하고, 부모의 테이블은 클라이언트마다 소켓 하나씩 늘어 결국 바닥난다.",
      ),
      see: see(
        program,
        ["shows", "watch"],
        "tcpip explain fd-copy",
        "tcpip fd-copy",
      ),
    },
    "server.no-eof": {
      severity: "fail",
      title: both(
        "a half-closed client never reads end of file",
        "절반 닫은 클라이언트가 파일의 끝을 읽지 못한다",
      ),
      book: both(
        "In the book the child's read() returns 0 after the client's FIN; it closes the socket, and the client reads end of file.",
        "책에서는 클라이언트의 FIN 뒤 자식의 read()가 0을 반환하고, 자식이 소켓을 닫으면 클라이언트가 파일의 끝을 읽는다.",
      ),
      why: both(
        "The serving child must leave its loop when read() returns 0 and close(clnt_sock); a loop on 'read() != -1' or one that ignores 0 never does.",
        "처리하는 자식은 read()가 0을 반환하면 반복을 끝내고 close(clnt_sock)를 해야 한다. 'read() != -1'로 반복하거나 0을 무시하는 반복문은 끝나지 않는다.",
      ),
      see: see(program, ["shows"]),
    },
    "server.no-eof-loop": {
      severity: "fail",
      title: both(
        "a half-closed client never reads end of file: its child loops on",
        "절반 닫은 클라이언트가 파일의 끝을 읽지 못한다: 자식이 반복을 계속한다",
      ),
      book: both(
        "In the book the child's read() returns 0 after the client's FIN; it closes the socket, and the client reads end of file.",
        "책에서는 클라이언트의 FIN 뒤 자식의 read()가 0을 반환하고, 자식이 소켓을 닫으면 클라이언트가 파일의 끝을 읽는다.",
      ),
      why: both(
        "The serving child must leave its loop when read() returns 0 and close(clnt_sock); a loop on 'read() != -1' or one that ignores 0 never does: it calls read() again at once, gets 0 again, and takes a whole CPU. While it spins, tcpip does not judge how the server serves more clients.",
        "처리하는 자식은 read()가 0을 반환하면 반복을 끝내고 close(clnt_sock)를 해야 한다. 'read() != -1'로 반복하거나 0을 무시하는 반복문은 끝나지 않는다. 곧바로 read()를 다시 불러 또 0을 받으며 CPU 하나를 통째로 쓴다. 이렇게 도는 동안에는 서버가 더 많은 클라이언트를 어떻게 처리하는지 tcpip가 판단하지 않는다.",
      ),
      see: see(program, ["shows"]),
    },
    "server.child-goes-on": {
      severity: "fail",
      title: both(
        "a child does not end after its client leaves",
        "클라이언트가 떠난 뒤에도 자식이 종료하지 않는다",
      ),
      book: both(
        "The book's child closes the socket, prints 'client disconnected...' and returns 0: it ends.",
        "책의 자식은 소켓을 닫고 'client disconnected...'를 출력한 뒤 0을 반환하며 종료한다.",
      ),
      why: both(
        "The child runs the parent's code too: without return (or exit()) after serving, it goes back into the while(1) loop and calls accept() on the listening socket it kept, a second server competing for clients (or, with serv_sock closed, fails in a loop).",
        "자식도 부모의 코드를 그대로 가지고 있다. 처리한 뒤 return(또는 exit())이 없으면 while(1) 반복문으로 돌아가 가지고 있던 기다리는 소켓으로 accept()를 부르며 클라이언트를 두고 다투는 두 번째 서버가 된다 (serv_sock을 닫았다면 실패를 반복한다).",
      ),
      see: see(program, ["shows"]),
    },
    "server.child-stays": {
      severity: "fail",
      title: both(
        "a child does not end after its client leaves",
        "클라이언트가 떠난 뒤에도 자식이 종료하지 않는다",
      ),
      book: both(
        "The book's child loops while read() returns more than 0; at the client's end of file it closes the socket, prints 'client disconnected...' and returns 0: it ends.",
        "책의 자식은 read()가 0보다 큰 값을 반환하는 동안 반복한다. 클라이언트의 파일의 끝에서 소켓을 닫고 'client disconnected...'를 출력한 뒤 0을 반환하며 종료한다.",
      ),
      why: both(
        "read() returns 0 once the client has closed: a loop that does not stop there (while (1), or 'read() != -1') keeps calling read() and write() and never reaches close() and return. A child that leaves its loop but neither returns nor calls exit() goes on into the parent's code instead, where accept() on the serv_sock it closed fails again and again. Where it runs is in the observation.",
        "클라이언트가 닫으면 read()는 0을 반환한다. 거기서 멈추지 않는 반복문(while (1)이나 'read() != -1')은 read()와 write()를 계속 부르며 close()와 return에 닿지 못한다. 반복문을 빠져나와도 return이나 exit()가 없는 자식은 부모의 코드로 이어져, 닫은 serv_sock으로 accept()를 부르며 실패를 되풀이한다. 어디서 실행 중인지는 관찰 내용에 있다.",
      ),
      see: see(program, ["shows"]),
    },
    "server.zombie": {
      severity: "fail",
      title: both(
        "children that ended stay zombies",
        "종료한 자식이 좀비로 남는다",
      ),
      book: both(
        "The book registers read_childproc() for SIGCHLD with sigaction(); each child that ends is collected by its waitpid().",
        "책은 sigaction()으로 SIGCHLD에 read_childproc()을 등록해, 종료하는 자식을 waitpid()로 회수한다.",
      ),
      why: both(
        "A child that has ended stays a zombie, one process-table entry, until its parent collects it, and a server's parent spends its time in accept(): unless a SIGCHLD handler collects each child as it ends, its zombie stays until the parent next calls wait() or waitpid(), or ends.",
        "종료한 자식은 부모가 회수할 때까지 좀비로 프로세스 테이블을 차지하고, 서버의 부모는 accept()에서 시간을 보낸다. SIGCHLD 핸들러가 종료하는 자식을 그때그때 회수하지 않으면, 좀비는 부모가 다음에 wait()나 waitpid()를 부르거나 종료할 때까지 남는다.",
      ),
      see: see(program, ["shows"], "tcpip explain remove-zombie"),
    },
    "server.zombies-together": {
      severity: "warn",
      title: both(
        "children that end at the same moment stay zombies (the book's handler does this too)",
        "같은 순간에 종료한 자식이 좀비로 남는다 (책의 핸들러도 그렇다)",
      ),
      book: both(
        `The book's read_childproc() in ${book} calls waitpid() once per SIGCHLD: it has this flaw too, which a loop fixes.`,
        `책의 ${book}에 있는 read_childproc()은 SIGCHLD마다 waitpid()를 한 번 부른다. 책의 코드에도 같은 결함이 있고, 반복문으로 고칠 수 있다.`,
      ),
      why: both(
        "Signals do not queue: children that end while SIGCHLD is pending raise it once between them, and one waitpid() collects one child. Collect every ended child in the handler: while (waitpid(-1, &status, WNOHANG) > 0).",
        "시그널은 쌓이지 않는다. SIGCHLD가 대기 중일 때 종료한 자식들은 시그널을 한 번만 일으키고, waitpid() 한 번은 자식 하나만 회수한다. 핸들러에서 종료한 자식을 모두 회수하자: while (waitpid(-1, &status, WNOHANG) > 0).",
      ),
      see: see("remove-zombie", ["pitfalls"], "tcpip remove-zombie --together"),
    },
    "server.ends-with-child": {
      severity: "fail",
      title: both(
        "the server ends when a child ends",
        "자식이 종료하면 서버도 종료한다",
      ),
      book: both(
        "The book's loop does 'if (clnt_sock == -1) continue;': a failed accept() is simply tried again.",
        "책의 반복문은 'if (clnt_sock == -1) continue;'를 한다. 실패한 accept()는 다시 시도할 뿐이다.",
      ),
      why: both(
        "SIGCHLD interrupts the parent waiting in accept(): the handler runs and accept() returns -1 with errno EINTR (sigaction() without SA_RESTART). A server that treats that as fatal ends with its first child. Retry on EINTR, or set act.sa_flags = SA_RESTART.",
        "SIGCHLD가 accept()에서 기다리던 부모를 깨운다. 핸들러가 실행되고 accept()는 errno EINTR과 함께 -1을 반환한다 (SA_RESTART 없는 sigaction()). 이것을 치명적 오류로 다루면 첫 자식이 종료할 때 서버도 종료한다. EINTR이면 다시 시도하거나 act.sa_flags = SA_RESTART로 하자.",
      ),
      see: see(program, ["shows"], "tcpip explain signal"),
    },
    "server.child-listener": {
      severity: "warn",
      title: both(
        "the serving children keep the listening socket",
        "처리하는 자식이 기다리는 소켓을 닫지 않는다",
      ),
      book: both(
        "The book's child calls close(serv_sock) first: it serves its one client and needs no listening socket.",
        "책의 자식은 먼저 close(serv_sock)를 한다. 자기 클라이언트 하나만 처리하니 기다리는 소켓이 필요 없다.",
      ),
      why: both(
        "fork() copies every descriptor. A child that keeps serv_sock holds the port open: it stays bound even after the parent closes it, for as long as that child runs.",
        "fork()는 파일 디스크립터를 모두 복사한다. serv_sock을 가진 자식은 포트를 붙잡고 있어, 부모가 닫아도 그 자식이 실행되는 동안 포트가 묶여 있다.",
      ),
      see: see(program, ["shows"], "tcpip explain fd-copy"),
    },
    "server.lines": {
      severity: "warn",
      title: both(
        "the server's lines differ from the book's",
        "서버의 출력이 책과 다르다",
      ),
      book: both(
        "The parent prints 'new client connected...' per client and the handler 'removed proc id: <pid> ' per child collected; each child prints 'client disconnected...' when its client leaves.",
        "부모는 클라이언트마다 'new client connected...'를, 핸들러는 회수한 자식마다 'removed proc id: <pid> '를 출력한다. 자식은 클라이언트가 떠나면 'client disconnected...'를 출력한다.",
      ),
      why: both(
        "The lines are how the book shows which process does what; the check counts them per client.",
        "책은 이 출력으로 어느 프로세스가 무엇을 하는지 보여 준다. 확인은 클라이언트마다 줄을 센다.",
      ),
      see: see(program, ["shows"]),
    },
  };
}

/** The server's lines rule: the book's per client (7 clients). */
export function serverLinesRule(): Rule {
  return {
    rule: "lines",
    title: both(
      "the server's lines are the book's, one per client",
      "서버의 출력이 책과 같다 (클라이언트마다 한 줄씩)",
    ),
    order: "any",
    unless: [
      "server.no-listen",
      "server.refused",
      "server.roles-swapped",
      "server.ends-with-child",
      "server.child-goes-on",
      "server.child-stays",
      "server.no-eof",
      "server.no-eof-loop",
      "server.not-concurrent",
      "server.closes-early",
    ],
    expect: [
      { text: "new client connected...", min: 7, max: 7 },
      { text: "client disconnected...", min: 7, max: 7 },
      { text: "removed proc id: <n> ", min: 0, max: 14 },
    ],
    outcomes: { differs: "server.lines", spaces: "server.lines" },
  };
}
