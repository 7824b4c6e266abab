/**
 * What `tcpip explain fork` says (its C calls and their
 * stand-ins come from the header of `examples/fork.ts`).
 *
 * Korean glossary for every file in this folder: write like a Korean
 * textbook, with the book's own terms, and keep paragraphs short.
 *
 * | English                      | 한국어                                  |
 * |------------------------------|-----------------------------------------|
 * | parent / child process       | 부모 프로세스 / 자식 프로세스           |
 * | process table                | 프로세스 테이블                         |
 * | descriptor table             | 파일 디스크립터 테이블                  |
 * | pipe's write end (fds[1])    | 파이프의 입구(fds[1]) (never 쓰기 끝)   |
 * | pipe's read end (fds[0])     | 파이프의 출구(fds[0]) (never 읽기 끝)   |
 * | half-close, shutdown(SHUT_WR)| Half-close (출력 스트림만 종료)         |
 * | a process ends / is gone     | 종료한다 / 소멸한다 (never 끝나다)      |
 * | end of file                  | EOF                                     |
 * | a handled signal             | 핸들러가 등록된 시그널                  |
 * | the tool's `[tcpip]` notes   | 안내 메시지                             |
 * | zombie; collect (wait)       | 좀비 프로세스; 회수                     |
 * | blocks, blocking call        | 블로킹된다, 블로킹 함수                 |
 * | exit status                  | 종료 상태 값                            |
 * | race                         | 경쟁 상태                               |
 * | listening socket (serv_sock) | 서버 소켓                               |
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `fork`. */
export const explanation: Explanation = {
  shows: {
    en:
      "fork() makes a copy of the process that calls it: the same code, the " +
      "same variables, the same open descriptors. Both processes go on from " +
      "the point where fork() returns; the parent gets the child's pid, the " +
      "child gets 0." +
      "\n\n" +
      "From then on each process changes only its own copy. Before the fork " +
      "gval is 11 and lval 25; the child adds 2 to both and prints " +
      "'Child Proc: [13, 27] ', the parent subtracts 2 and prints " +
      "'Parent Proc: [9, 23] '.",
    ko:
      "fork() 함수는 호출한 프로세스를 복사해 자식 프로세스를 만든다. 코드도, " +
      "변수도, 열려 있는 파일 디스크립터도 같은 상태에서 출발한다. 두 프로세스 " +
      "모두 fork() 함수가 반환한 지점부터 실행을 이어 가며, 부모 프로세스는 " +
      "반환 값으로 자식의 프로세스 ID를, 자식 프로세스는 0을 받는다." +
      "\n\n" +
      "그 뒤로 각 프로세스는 자기 복사본만 바꾼다. fork() 직전에 gval은 11, " +
      "lval은 25다. 자식 프로세스는 둘 다 2를 더해 'Child Proc: [13, 27] '을, " +
      "부모 프로세스는 2를 빼서 'Parent Proc: [9, 23] '을 출력한다.",
  },
  watch: {
    en:
      "The two lines come from two processes, and nothing in the code orders " +
      "them. Usually the parent's line comes first, as after a real fork(), " +
      "where the parent runs on while the child is being scheduled; now and " +
      "then the child's comes first. Each line ends with a space before the " +
      "newline, as the book's printf() writes it." +
      "\n\n" +
      "The note at the start says how the child gets its copy of gval and " +
      "lval. With --trace you see the fork, the child's start and end, and " +
      "the status being collected.",
    ko:
      "두 줄은 서로 다른 프로세스가 출력하며, 코드에는 순서를 정하는 부분이 " +
      "없다. 보통은 부모 프로세스의 줄이 먼저 나온다. 실제 fork() 뒤에도 자식 " +
      "프로세스가 스케줄링되는 동안 부모 프로세스가 먼저 실행을 이어 가는 " +
      "경우가 많기 때문이다. 가끔은 자식 프로세스의 줄이 먼저 나온다. 책의 " +
      "printf()처럼 각 줄은 줄바꿈 앞에 공백이 하나 있다." +
      "\n\n" +
      "시작할 때의 안내 메시지는 자식 프로세스가 gval과 lval의 복사본을 어떻게 " +
      "받는지 알려 준다. --trace를 붙이면 fork, 자식 프로세스의 시작과 종료, " +
      "종료 상태 값의 회수가 그림으로 보인다.",
  },
  differs: {
    en: "Deno cannot copy a running process. fork() here starts the same " +
      "program again with a hidden child entry that runs only the child's " +
      "part (what C runs where fork() returned 0), and hands it gval and " +
      "lval explicitly: what the C child finds in its copied memory." +
      "\n\n" +
      "fork() returns in the parent only once the child's runtime is up and " +
      "about to run its code (the two processes meet over two pipes first), " +
      "so both timelines start together, as in C. The parent is let go " +
      "first." +
      "\n\n" +
      "A C parent that returns leaves its running children behind as " +
      "orphans. The tool waits for them instead (and ends them after 10 s), " +
      "so that no process outlives the command.",
    ko:
      "Deno는 실행 중인 프로세스를 복사할 수 없다. 그래서 여기의 fork()는 같은 " +
      "프로그램을 숨겨진 자식 진입점으로 다시 실행해 자식 부분(C에서 fork()가 " +
      "0을 반환했을 때 실행하는 부분)만 실행하고, gval과 lval을 직접 넘겨준다. C의 자식 " +
      "프로세스라면 복사된 메모리에서 찾았을 값이다." +
      "\n\n" +
      "fork()는 자식 프로세스의 런타임이 준비되어 코드를 막 실행하려 할 때에야 " +
      "부모 프로세스에서 반환한다(두 프로세스가 먼저 파이프 두 개로 신호를 " +
      "주고받는다). 그래서 C에서처럼 fork()가 반환하는 순간부터 두 프로세스가 " +
      "함께 실행된다. 먼저 실행을 이어 가는 쪽은 부모 프로세스다." +
      "\n\n" +
      "C의 부모 프로세스는 그냥 반환하고, 실행 중인 자식 프로세스는 고아 " +
      "프로세스로 남는다. 이 도구는 어떤 프로세스도 명령보다 오래 남지 않도록 " +
      "자식 프로세스를 기다린다(10초가 지나면 종료시킨다).",
  },
  pitfalls: {
    en:
      "A common misreading: the child does not start main() over. It goes on " +
      "right after fork() returns, with 0 in pid. That is also why the tool " +
      "runs only the child's part in its child, never main() again." +
      "\n\n" +
      "fork() can fail and return -1 (too many processes, no memory). The " +
      "book's if/else treats -1 as the parent: the program prints " +
      "'Parent Proc' as if a child existed. Check for -1 first.",
    ko:
      "흔한 오해: 자식 프로세스는 main() 함수를 처음부터 다시 실행하지 않는다. " +
      "fork() 함수가 반환한 바로 그 지점에서 pid에 0을 받아 실행을 이어 간다. " +
      "이 도구가 자식 프로세스에서 main()을 다시 실행하지 않고 자식 부분만 " +
      "실행하는 것도 그 때문이다." +
      "\n\n" +
      "fork()는 실패하면 -1을 반환한다(프로세스가 너무 많거나 메모리가 부족할 " +
      "때). 책의 if~else는 -1을 부모 프로세스로 취급하므로, 자식 프로세스가 " +
      "없는데도 'Parent Proc'을 출력한다. -1부터 확인하자.",
  },
};
