/**
 * Chapter 10, exercise 3: after fork(), is the socket copied? The program
 * makes a socket, forks, and the parent closes its descriptor while the
 * child still uses its own: one socket, two descriptors, and it lives
 * until the last is closed. Seen in the system call trace.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, see } from "./_common.ts";

/** The check of the fd-copy exercise. */
export const scenario: Scenario = {
  program: "fd-copy",
  role: "program",
  example: "./fd_copy",
  summary: both(
    "one socket in both processes after fork(); the parent's close() leaves the child's",
    "fork() 뒤 두 프로세스에 소켓 하나. 부모의 close() 뒤에도 자식의 것은 남는다",
  ),
  bookSleeps: 0,
  runs: [{ title: both("as it is", "그대로") }],
  steps: [
    {
      do: "exit",
      title: both("the program ends", "프로그램이 종료한다"),
      within: 10,
      outcomes: { running: "fd-copy.hangs" },
    },
  ],
  rules: [
    {
      rule: "shared-socket",
      title: both(
        "the child uses the parent's socket after the parent closed its descriptor",
        "부모가 파일 디스크립터를 닫은 뒤에도 자식이 그 소켓을 쓴다",
      ),
      needs: "strace",
      outcomes: {
        "no-socket": "fd-copy.no-socket",
        "not-shared": "fd-copy.not-shared",
        "no-close": "fd-copy.no-close",
      },
    },
  ],
  findings: {
    "fd-copy.no-socket": {
      severity: "fail",
      title: both(
        "no socket is open when the child is made",
        "자식을 만들 때 열린 소켓이 없다",
      ),
      book: both(
        "The exercise makes a socket first, then forks: the child finds the socket in its copy of the descriptor table.",
        "이 문제는 소켓을 먼저 만들고 fork한다. 자식은 복사된 파일 디스크립터 테이블에서 그 소켓을 찾는다.",
      ),
      why: both(
        "fork() copies the descriptor table as it is: a socket made after fork() is the maker's alone.",
        "fork()는 그 순간의 파일 디스크립터 테이블을 복사한다. fork() 뒤에 만든 소켓은 만든 쪽의 것일 뿐이다.",
      ),
      see: see("fd-copy", ["shows"], "tcpip fd-copy"),
    },
    "fd-copy.not-shared": {
      severity: "warn",
      title: both(
        "the child never uses the socket it got from fork()",
        "자식이 fork()로 받은 소켓을 쓰지 않는다",
      ),
      book: both(
        "The child looks at the same descriptor number and finds the same socket (same inode).",
        "자식은 같은 파일 디스크립터 번호에서 같은 소켓(같은 inode)을 찾는다.",
      ),
      why: both(
        "Only a call on the descriptor (getsockopt(), close() ...) shows, in the trace, that the child's descriptor names the parent's socket.",
        "파일 디스크립터에 대한 호출(getsockopt(), close() ...)이 있어야 자식의 파일 디스크립터가 부모의 소켓을 가리킨다는 것이 추적 기록에 보인다.",
      ),
      see: see("fd-copy", ["shows"], "tcpip fd-copy"),
    },
    "fd-copy.no-close": {
      severity: "warn",
      title: both(
        "the parent's close() is not followed by the child's use of the socket",
        "부모의 close() 뒤에 자식이 소켓을 쓰지 않는다",
      ),
      book: both(
        "The exercise's point: after the parent's close(), the socket is still open in the child, until the child closes it too.",
        "이 문제의 요점: 부모가 close()한 뒤에도 자식에게는 소켓이 열려 있고, 자식도 닫아야 사라진다.",
      ),
      why: both(
        "A socket lives until the last descriptor naming it is closed; show it by closing the parent's first, then using the child's.",
        "소켓은 그것을 가리키는 마지막 파일 디스크립터가 닫힐 때까지 산다. 부모의 것을 먼저 닫고 자식의 것을 써서 보여 주자.",
      ),
      see: see("fd-copy", ["shows"], "tcpip fd-copy"),
    },
    "fd-copy.hangs": {
      severity: "fail",
      title: both("the program does not end", "프로그램이 종료하지 않는다"),
      book: both(
        "The exercise's processes each close the socket and end.",
        "이 문제의 프로세스는 각자 소켓을 닫고 종료한다.",
      ),
      why: both(
        "A process still waits, for its child or for a read that never comes.",
        "어떤 프로세스가 아직 기다린다: 자식이나 오지 않는 read()를.",
      ),
      see: see("fd-copy", ["shows"]),
    },
  },
};
