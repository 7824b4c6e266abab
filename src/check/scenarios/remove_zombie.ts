/**
 * remove_zombie.c: a SIGCHLD handler (registered with sigaction())
 * collects each child as it ends, so none stays a zombie; the children
 * sleep 10 s and end with 12 and 24. The check waits for them, then ends
 * the parent's loop.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, see } from "./_common.ts";

/** The check of remove_zombie.c. */
export const scenario: Scenario = {
  program: "remove-zombie",
  role: "program",
  example: "./remove_zombie",
  summary: both(
    "a SIGCHLD handler collects each child as it ends: no zombie stays",
    "SIGCHLD 핸들러가 종료하는 자식을 바로 회수해 좀비가 남지 않는다",
  ),
  bookSleeps: 11,
  runs: [{ title: both("as it is", "그대로") }],
  steps: [
    {
      do: "children-end",
      title: both(
        "two children start and end (after their 10 s sleep)",
        "자식 둘이 시작해서 (10초 잔 뒤) 종료한다",
      ),
      count: 2,
      within: 14,
    },
    {
      do: "no-zombies",
      title: both(
        "the SIGCHLD handler collects them: no zombie stays",
        "SIGCHLD 핸들러가 회수해 좀비가 남지 않는다",
      ),
      settle: 1.5,
      outcomes: {
        zombie: "remove-zombie.no-handler",
        "zombie-with-handler": "remove-zombie.one-per-signal",
      },
    },
    {
      do: "output",
      title: both(
        "the handler prints each child's pid and status",
        "핸들러가 자식마다 pid와 상태를 출력한다",
      ),
      lines: ["Child send: -?\\d+ ?", "Child send: -?\\d+ ?"],
      within: 1,
      unless: ["remove-zombie.no-handler"],
    },
    {
      do: "stop",
      title: both(
        "enough seen: tcpip ends the program here",
        "충분히 보았으니 tcpip가 여기서 프로그램을 끝낸다",
      ),
    },
  ],
  rules: [
    {
      rule: "lines",
      title: both(
        "the lines are the book's (pids and statuses 12 and 24)",
        "출력이 책과 같다 (pid와 상태 12, 24)",
      ),
      order: "any",
      // A child left uncollected prints no "Removed" lines: said already.
      unless: ["remove-zombie.no-handler", "remove-zombie.one-per-signal"],
      expect: [
        { text: "Child proc id: <child1> " },
        { text: "Child proc id: <child2> " },
        { text: "Hi! I'm child process", min: 2 },
        { text: "wait...", min: 1, max: 5 },
        { text: "Removed proc id: <child1> " },
        { text: "Child send: 12 " },
        { text: "Removed proc id: <child2> " },
        { text: "Child send: 24 " },
      ],
      outcomes: {
        differs: "remove-zombie.lines",
        spaces: "remove-zombie.spaces",
      },
    },
    {
      rule: "forks",
      title: both("it makes two children", "자식을 둘 만든다"),
      needs: "strace",
      count: 2,
      outcomes: {
        none: "remove-zombie.children",
        other: "remove-zombie.children",
      },
    },
  ],
  findings: {
    "remove-zombie.no-handler": {
      severity: "fail",
      title: both(
        "the ended children stay zombies: nothing collects them",
        "종료한 자식이 좀비로 남는다: 회수하는 것이 없다",
      ),
      book: both(
        "The book registers read_childproc() for SIGCHLD with sigaction(); the OS sends SIGCHLD when a child ends, and the handler's waitpid() collects it at once.",
        "책은 sigaction()으로 SIGCHLD에 read_childproc()을 등록한다. 자식이 종료하면 OS가 SIGCHLD를 보내고, 핸들러의 waitpid()가 곧바로 회수한다.",
      ),
      why: both(
        "A parent that goes on with its own work never calls wait(): without a SIGCHLD handler its children stay Z until it ends.",
        "자기 일을 계속하는 부모는 wait()를 부르지 않는다. SIGCHLD 핸들러가 없으면 자식은 부모가 종료할 때까지 Z로 남는다.",
      ),
      see: see(
        "remove-zombie",
        ["shows", "watch"],
        "tcpip remove-zombie --trace",
      ),
    },
    "remove-zombie.one-per-signal": {
      severity: "warn",
      title: both(
        "a child stays a zombie although a SIGCHLD handler runs (one waitpid() per signal)",
        "SIGCHLD 핸들러가 있는데도 자식이 좀비로 남는다 (시그널 하나에 waitpid() 한 번)",
      ),
      book: both(
        "The book's read_childproc() calls waitpid() once per SIGCHLD, which collects both of its children only because they rarely end at the same instant; this run they did.",
        "책의 read_childproc()은 SIGCHLD마다 waitpid()를 한 번 부른다. 두 자식이 같은 순간에 종료하는 일이 드물어서 둘 다 회수되는 것이다. 이번 실행에서는 같은 순간에 종료했다.",
      ),
      why: both(
        "Signals do not queue: two children ending while SIGCHLD is pending raise it once. Loop in the handler: while (waitpid(-1, &status, WNOHANG) > 0).",
        "시그널은 쌓이지 않는다. SIGCHLD가 대기 중일 때 종료한 두 자식은 시그널을 한 번만 일으킨다. 핸들러에서 반복하자: while (waitpid(-1, &status, WNOHANG) > 0).",
      ),
      see: see("remove-zombie", ["pitfalls"], "tcpip remove-zombie --together"),
    },
    "remove-zombie.lines": {
      severity: "fail",
      title: both("the lines differ from the book's", "출력이 책과 다르다"),
      book: both(
        "The parent prints 'Child proc id: <pid> ' for each child and 'wait...' every 5 s; each child 'Hi! I'm child process'; the handler 'Removed proc id: <pid> ' and 'Child send: 12 ' (then 24) as each child ends.",
        "부모는 자식마다 'Child proc id: <pid> '를, 5초마다 'wait...'를 출력한다. 자식은 'Hi! I'm child process'를, 핸들러는 자식이 종료할 때마다 'Removed proc id: <pid> '와 'Child send: 12 '(그다음 24)를 출력한다.",
      ),
      why: both(
        "The pid waitpid() returns is the child's that ended; WEXITSTATUS(status) gives what it returned (12) or passed to exit() (24).",
        "waitpid()가 반환하는 pid는 종료한 자식의 것이다. WEXITSTATUS(status)는 자식이 반환한 값(12)이나 exit()에 넘긴 값(24)을 준다.",
      ),
      see: see("remove-zombie", ["shows"], "tcpip remove-zombie --trace"),
    },
    "remove-zombie.spaces": {
      severity: "warn",
      title: both(
        "only the spaces at the end of the lines differ from the book's",
        "줄 끝의 공백만 책과 다르다",
      ),
      book: both(
        'The book prints "Removed proc id: %d \\n", with a space before the newline.',
        '책은 줄바꿈 앞에 공백이 있는 "Removed proc id: %d \\n"을 출력한다.',
      ),
      why: both(
        "Nothing about processes; a grader comparing bytes sees the difference.",
        "프로세스와는 상관없다. 바이트를 비교하면 다르다.",
      ),
      see: see("remove-zombie", ["shows"]),
    },
    "remove-zombie.children": {
      severity: "fail",
      title: both("not two children", "자식이 둘이 아니다"),
      book: both(
        "The book's parent forks twice; each child prints, sleeps 10 s and ends.",
        "책의 부모는 두 번 fork한다. 자식은 출력하고 10초 자고 종료한다.",
      ),
      why: both(
        "A child that does not return or exit() after its work runs on into the parent's code.",
        "일을 마친 뒤 return이나 exit()를 하지 않은 자식은 부모의 코드로 이어 실행된다.",
      ),
      see: see("remove-zombie", ["shows"]),
    },
  },
};
