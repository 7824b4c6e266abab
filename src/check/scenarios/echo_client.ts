/**
 * echo_mpclient.c: the echo client with input and output split between a
 * parent that prints what it reads and a child that sends what is typed.
 * The tool runs the server: it sends a line unasked, echoes what it gets,
 * expects a FIN when `q` is typed while it still sends, and closes; in a
 * second run it closes first, and the client must end.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, see } from "./_common.ts";

const LONG = "A line longer than BUF_SIZE, typed in one go\n";

/** The check of echo_mpclient.c. */
export const scenario: Scenario = {
  program: "echo-client",
  role: "client",
  example: "./echo_mpclient",
  summary: both(
    "input and output split, the book's bytes, q sends FIN, ends when the server closes",
    "입출력 분할, 책과 같은 출력, q에 FIN 전송, 서버가 닫으면 종료",
  ),
  bookSleeps: 0,
  runs: [
    { title: both("with the tool's server", "도구의 서버와") },
    {
      title: both(
        "the server closes the connection first",
        "서버가 먼저 연결을 닫는다",
      ),
      // The client's structure is judged once, in the first run.
      rules: [],
      steps: [
        {
          do: "accept",
          title: both(
            "the client connects to the tool's server",
            "클라이언트가 도구의 서버에 연결한다",
          ),
          within: 10,
          outcomes: { none: "client.no-connect" },
          stopOnFinding: true,
        },
        {
          do: "server-send",
          title: both("the server sends a line", "서버가 한 줄을 보낸다"),
          text: "Hi, this server is about to close\n",
        },
        {
          do: "printed",
          title: both("the client prints it", "클라이언트가 출력한다"),
          within: 1.5,
        },
        {
          do: "server-close",
          title: both(
            "the server closes the connection",
            "서버가 연결을 닫는다",
          ),
        },
        {
          do: "exit",
          title: both(
            "the client ends (its read() returns 0)",
            "클라이언트가 종료한다 (read()가 0을 반환)",
          ),
          within: 2,
          outcomes: { running: "client.no-end" },
        },
      ],
    },
  ],
  steps: [
    {
      do: "accept",
      title: both(
        "the client connects to the tool's server",
        "클라이언트가 도구의 서버에 연결한다",
      ),
      within: 10,
      outcomes: { none: "client.no-connect" },
      stopOnFinding: true,
    },
    {
      do: "server-send",
      title: both(
        "the server sends a line nobody asked for",
        "서버가 요청받지 않은 줄을 보낸다",
      ),
      text: "Welcome, this came unasked\n",
    },
    {
      do: "printed",
      title: both(
        "the client prints it at once, before anything is typed",
        "아무것도 입력하기 전에 클라이언트가 곧바로 출력한다",
      ),
      within: 1.5,
      outcomes: { late: "client.not-split", differs: "client.output" },
    },
    {
      do: "type",
      title: both("a line is typed", "한 줄을 입력한다"),
      text: "hello\n",
    },
    {
      do: "received",
      title: both(
        "the server receives exactly the line",
        "서버가 그 줄을 그대로 받는다",
      ),
      text: "hello\n",
      within: 2,
      outcomes: { none: "client.not-sending", differs: "client.sent-differs" },
    },
    {
      do: "server-send",
      title: both("the server echoes it", "서버가 에코한다"),
      text: "hello\n",
    },
    {
      do: "printed",
      title: both(
        "the client prints the echo the book's way",
        "클라이언트가 에코를 책처럼 출력한다",
      ),
      within: 1.5,
      outcomes: { late: "client.not-split", differs: "client.output" },
    },
    {
      do: "type",
      title: both(
        "a line longer than BUF_SIZE (30) is typed",
        "BUF_SIZE(30)보다 긴 줄을 입력한다",
      ),
      text: LONG,
    },
    {
      do: "received",
      title: both(
        "the server receives all of it (fgets() takes it in pieces)",
        "서버가 전부 받는다 (fgets()가 나누어 읽는다)",
      ),
      text: LONG,
      within: 2,
      outcomes: { none: "client.not-sending", differs: "client.sent-differs" },
    },
    {
      do: "server-send",
      title: both("the server echoes it", "서버가 에코한다"),
      text: LONG,
    },
    {
      do: "printed",
      title: both(
        "the client prints it, one 'Message from server: ' per read",
        "클라이언트가 read()마다 'Message from server: '를 붙여 출력한다",
      ),
      within: 1.5,
      outcomes: { late: "client.not-split", differs: "client.output" },
    },
    {
      do: "type",
      title: both("q is typed", "q를 입력한다"),
      text: "q\n",
    },
    {
      do: "eof",
      title: both(
        "the server gets a FIN (end of file), and the client goes on reading",
        "서버가 FIN(파일의 끝)을 받고, 클라이언트는 계속 읽는다",
      ),
      within: 1.5,
      unless: ["client.not-sending"],
      outcomes: {
        none: "client.q-no-fin",
        ended: "client.quit-ends",
        sent: "client.q-sent",
      },
    },
    {
      do: "server-send",
      title: both(
        "the server still sends (its side is open)",
        "서버는 아직 보낸다 (서버 쪽은 열려 있다)",
      ),
      text: "bye\n",
      unless: ["client.quit-ends"],
    },
    {
      do: "printed",
      title: both("the client prints it", "클라이언트가 출력한다"),
      within: 1.5,
      unless: ["client.quit-ends"],
      outcomes: { differs: "client.output" },
    },
    {
      do: "server-close",
      title: both("the server closes the connection", "서버가 연결을 닫는다"),
    },
    {
      do: "exit",
      title: both(
        "the client ends, each of its processes",
        "클라이언트가 종료한다 (모든 프로세스)",
      ),
      within: 2,
      // The writer waiting for a next line is what q-sent says.
      unless: ["client.q-sent"],
      outcomes: { running: "client.no-end", stays: "client.child-stays" },
    },
  ],
  rules: [
    {
      rule: "forks",
      title: both(
        "it splits with fork(): one child process",
        "fork()로 나눈다: 자식 프로세스 하나",
      ),
      needs: "strace",
      count: 1,
      after: "connect",
      unless: ["client.no-connect", "client.not-split", "client.not-sending"],
      outcomes: { none: "client.no-fork" },
    },
  ],
  findings: {
    "client.no-connect": {
      severity: "fail",
      title: both(
        "the client does not connect",
        "클라이언트가 연결하지 않는다",
      ),
      book: both(
        "The book's client takes <IP> <port> and connects before anything else.",
        "책의 클라이언트는 <IP> <port>를 받아 가장 먼저 연결한다.",
      ),
      why: both(
        "tcpip runs it with 127.0.0.1 and the port of its own server appended (or put where {ip} and {port} are written); a 'connect() error' or usage line on its standard error says which went wrong.",
        "tcpip는 127.0.0.1과 자기 서버의 포트를 덧붙여 (또는 {ip}와 {port} 자리에 넣어) 실행한다. 표준 에러의 'connect() error'나 사용법 줄이 무엇이 잘못되었는지 말해 준다.",
      ),
      see: see("echo-client", ["shows"]),
    },
    "client.not-split": {
      severity: "fail",
      title: both(
        "input and output are not split: what the server sends shows only after the next line is typed",
        "입출력이 분할되지 않았다: 서버가 보낸 것이 다음 줄을 입력한 뒤에야 보인다",
      ),
      book: both(
        "The book forks: the parent only reads the socket and prints, the child only reads the keyboard and sends, so anything the server sends is printed at once.",
        "책은 fork한다. 부모는 소켓을 읽고 출력만, 자식은 키보드를 읽고 보내기만 하므로 서버가 보내는 것은 곧바로 출력된다.",
      ),
      why: both(
        "One process that waits in fgets() cannot read the socket meanwhile: a client that writes, then reads one reply, then asks for a line assumes the server answers exactly once per line. TCP gives no such promise.",
        "fgets()에서 기다리는 프로세스는 그동안 소켓을 읽을 수 없다. 쓰고, 답 하나를 읽고, 다시 입력을 받는 클라이언트는 서버가 줄마다 꼭 한 번 답한다고 가정한다. TCP는 그런 약속을 하지 않는다.",
      ),
      see: see(
        "echo-client",
        ["shows", "watch"],
        "tcpip echo-client 127.0.0.1 <port> --trace",
      ),
    },
    "client.no-fork": {
      severity: "warn",
      title: both(
        "the client does not fork after connect(): its input and output are not split between two processes",
        "클라이언트가 connect() 뒤에 fork()하지 않는다: 입출력이 두 프로세스로 나뉘지 않는다",
      ),
      book: both(
        "The book splits with fork(): the parent reads the socket and prints, the child reads the keyboard and sends, two processes that each hold a descriptor of one socket.",
        "책은 fork()로 나눈다. 부모는 소켓을 읽고 출력하고, 자식은 키보드를 읽고 보낸다. 두 프로세스가 한 소켓에 대한 파일 디스크립터를 각각 가진다.",
      ),
      why: both(
        "Threads, or one process that waits on the keyboard and the socket together, can split input and output too, but then the point of the exercise never comes up: in the book two processes each hold a descriptor of the socket, so close() in one sends no FIN while the other still holds it, and shutdown() is what sends it at once.",
        "쓰레드나, 키보드와 소켓을 함께 기다리는 한 프로세스로도 입출력을 나눌 수 있지만, 그러면 이 연습의 요점이 드러나지 않는다. 책에서는 두 프로세스가 소켓에 대한 파일 디스크립터를 각각 가지므로, 한쪽의 close()는 다른 쪽이 아직 가지고 있는 동안 FIN을 보내지 않고, 곧바로 FIN을 보내는 것은 shutdown()이다.",
      ),
      see: see("echo-client", ["shows", "pitfalls"]),
    },
    "client.output": {
      severity: "fail",
      title: both(
        "the client's output is not the book's bytes",
        "클라이언트의 출력이 책의 바이트와 다르다",
      ),
      book: both(
        "The book's read_routine() prints 'Message from server: ' and then the bytes of each read() (at most BUF_SIZE), with printf(\"Message from server: %s\", buf): no newline of its own.",
        "책의 read_routine()은 read()마다(BUF_SIZE 이하) 'Message from server: '와 읽은 바이트를 printf(\"Message from server: %s\", buf)로 출력한다. 줄바꿈을 따로 붙이지 않는다.",
      ),
      why: both(
        "The bytes read carry the server's newline already: a newline of the client's own (\\n in the format, or puts()) prints a second one. buf[str_len] = 0 ends the string right after them; without it printf() shows what was left in the buffer from before.",
        "읽은 바이트에 서버의 줄바꿈이 이미 들어 있다. 클라이언트가 줄바꿈을 따로 붙이면(형식의 \\n이나 puts()) 줄바꿈이 두 번 나온다. buf[str_len] = 0이 바로 그 뒤에서 문자열을 끝낸다. 이것이 없으면 printf()가 버퍼에 남아 있던 것까지 보여 준다.",
      ),
      see: see("echo-client", ["shows"]),
    },
    "client.not-sending": {
      severity: "fail",
      title: both(
        "a typed line does not reach the server",
        "입력한 줄이 서버에 닿지 않는다",
      ),
      book: both(
        "The book's write_routine() sends each line fgets() reads: write(sock, buf, strlen(buf)).",
        "책의 write_routine()은 fgets()로 읽은 줄을 모두 보낸다: write(sock, buf, strlen(buf)).",
      ),
      why: both(
        "The process that reads the keyboard must write to the socket; a client whose only reader is blocked elsewhere never gets the line.",
        "키보드를 읽는 프로세스가 소켓에 써야 한다. 읽는 쪽이 다른 곳에서 막혀 있으면 줄을 받지 못한다.",
      ),
      see: see("echo-client", ["shows"]),
    },
    "client.sent-differs": {
      severity: "fail",
      title: both(
        "the server receives other bytes than the line typed",
        "서버가 입력한 줄과 다른 바이트를 받는다",
      ),
      book: both(
        "The book sends strlen(buf) bytes: the line with its newline, no '\\0', nothing more.",
        "책은 strlen(buf)바이트를 보낸다: 줄바꿈을 포함한 줄, '\\0'도 그 밖의 것도 없다.",
      ),
      why: both(
        "What is sent must be the line and nothing else: write(sock, buf, BUF_SIZE) or sizeof(buf) sends the whole buffer, old bytes and NULs included, and strlen(buf) - 1 leaves out the newline that ends the line; strlen(buf) counts exactly the line.",
        "보내는 것은 그 줄이어야 하고 그 밖의 것은 없어야 한다. write(sock, buf, BUF_SIZE)나 sizeof(buf)는 예전 바이트와 NUL까지 버퍼 전체를 보내고, strlen(buf) - 1은 줄을 끝내는 줄바꿈을 빼먹는다. strlen(buf)가 정확히 그 줄을 센다.",
      ),
      see: see("echo-client", ["shows"]),
    },
    "client.q-no-fin": {
      severity: "fail",
      title: both(
        "q sends no FIN: close() where shutdown() belongs",
        "q가 FIN을 보내지 않는다: shutdown() 자리에 close()",
      ),
      book: both(
        "The book's write_routine() calls shutdown(sock, SHUT_WR) on q: FIN goes out at once, though the parent still holds the socket and goes on reading.",
        "책의 write_routine()은 q에서 shutdown(sock, SHUT_WR)을 부른다. 부모가 아직 소켓을 가지고 읽고 있어도 FIN이 곧바로 나간다.",
      ),
      why: both(
        "After fork() parent and child each hold a descriptor of one socket; close() drops only the caller's, and the socket (with its FIN) stays while another process holds it. The server then never reads end of file and waits for more, while the client waits for the server.",
        "fork() 뒤 부모와 자식이 한 소켓에 대한 파일 디스크립터를 각각 가진다. close()는 부른 쪽의 것만 닫고, 다른 프로세스가 가지고 있는 동안 소켓(과 FIN)은 그대로다. 서버는 파일의 끝을 읽지 못해 더 기다리고, 클라이언트는 서버를 기다린다.",
      ),
      see: see(
        "echo-client",
        ["pitfalls"],
        "tcpip echo-client 127.0.0.1 <port> --close",
      ),
    },
    "client.q-sent": {
      severity: "fail",
      title: both(
        "q is sent to the server as a line: the client does not take it for its quit command",
        "q가 한 줄로 서버에 보내진다: 클라이언트가 종료 명령으로 알아보지 못한다",
      ),
      book: both(
        'The book\'s write_routine() compares each line with "q\\n" (strcmp(buf, "q\\n"), the newline fgets() keeps included) and on q calls shutdown(sock, SHUT_WR) instead of sending it.',
        '책의 write_routine()은 각 줄을 "q\\n"과 비교하고(strcmp(buf, "q\\n"), fgets()가 남기는 줄바꿈까지) q이면 보내지 않고 shutdown(sock, SHUT_WR)을 부른다.',
      ),
      why: both(
        'fgets() keeps the newline, so a comparison that leaves it out (say strcmp(buf, "q")) never matches: q goes to the server as an ordinary line, no FIN follows, and the writing process waits for the next line.',
        'fgets()는 줄바꿈을 남기므로 줄바꿈을 빼고 비교하면(예: strcmp(buf, "q")) 결코 같지 않다. q는 보통 줄처럼 서버로 가고, FIN은 나가지 않으며, 쓰는 프로세스는 다음 줄을 기다린다.',
      ),
      see: see("echo-client", ["shows"]),
    },
    "client.quit-ends": {
      severity: "warn",
      title: both(
        "q ends the whole client: what the server still sends is never printed",
        "q가 클라이언트 전체를 끝낸다: 서버가 아직 보내는 것이 출력되지 않는다",
      ),
      book: both(
        "In the book only the writing child ends on q (shutdown(SHUT_WR)); the parent reads and prints until the server closes, then ends.",
        "책에서는 q에서 쓰는 자식만 종료한다(shutdown(SHUT_WR)). 부모는 서버가 닫을 때까지 읽고 출력한 뒤 종료한다.",
      ),
      why: both(
        "A half-close ends one direction: the server may still have bytes on the way (its last echoes). Closing everything at q loses them.",
        "절반 닫기는 한 방향만 끝낸다. 서버가 보내는 중인 바이트(마지막 에코)가 있을 수 있다. q에서 모두 닫으면 그것을 잃는다.",
      ),
      see: see("echo-client", ["shows", "pitfalls"]),
    },
    "client.child-stays": {
      severity: "warn",
      title: both(
        "a process of the client runs on after the client has ended",
        "클라이언트가 종료한 뒤에도 클라이언트의 프로세스가 계속 실행된다",
      ),
      book: both(
        "After q the book's child returns from write_routine() and ends (close(sock); return 0;); once the parent has read end of file and ended too, nothing of the client is left.",
        "q를 입력하면 책의 자식은 write_routine()에서 반환하고 종료한다(close(sock); return 0;). 부모도 파일의 끝을 읽고 종료하면 클라이언트의 프로세스는 하나도 남지 않는다.",
      ),
      why: both(
        "A process that never leaves its loop (a while(1) with no return or exit() after shutdown()) outlives the program: the shell gives its prompt back while it still runs in the background, holding the socket and reading the terminal.",
        "반복문을 벗어나지 않는 프로세스(shutdown() 뒤에 return이나 exit()가 없는 while(1))는 프로그램보다 오래 산다. 셸은 프롬프트를 돌려주지만 그 프로세스는 백그라운드에서 소켓을 가진 채 계속 실행되며 터미널을 읽는다.",
      ),
      see: see("echo-client", ["shows"], "tcpip echo-client --trace"),
    },
    "client.no-end": {
      severity: "fail",
      title: both(
        "the client does not end when the server closes",
        "서버가 닫아도 클라이언트가 종료하지 않는다",
      ),
      book: both(
        "In the book, read() returns 0 once the server has closed: read_routine() returns and main() closes the socket and returns.",
        "책에서는 서버가 닫으면 read()가 0을 반환한다. read_routine()이 반환하고 main()이 소켓을 닫고 반환한다.",
      ),
      why: both(
        "The reading process must end on read() == 0, and in the book it is the parent, whose end gives the shell its prompt back. With the roles the other way round, the parent waits in fgets() for a line after the server has gone; and a parent that waits for its child (wait()) waits for a process blocked in fgets() until the user types: the client hangs.",
        "읽는 프로세스는 read()가 0이면 종료해야 하며, 책에서는 그것이 부모라서 부모가 종료하면 셸의 프롬프트가 돌아온다. 역할이 반대면 서버가 사라진 뒤에도 부모가 fgets()에서 한 줄을 기다린다. 또 자식을 기다리는(wait()) 부모는 fgets()에서 사용자의 입력을 기다리는 프로세스를 기다리게 된다: 클라이언트가 멈춘다.",
      ),
      see: see("echo-client", ["shows"]),
    },
  },
};
