/**
 * zombie.c: the child ends at once and, while the parent sleeps 30 s
 * without collecting it, stays a zombie (state Z). The check ends the
 * program as soon as it has seen the Z.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, see } from "./_common.ts";

/** The check of zombie.c. */
export const scenario: Scenario = {
  program: "zombie",
  role: "program",
  example: "./zombie",
  summary: both(
    "the child shows as a zombie (Z) while its parent sleeps",
    "부모가 자는 동안 자식이 좀비(Z)로 보인다",
  ),
  bookSleeps: 0,
  runs: [{ title: both("as it is", "그대로") }],
  steps: [
    {
      do: "zombie",
      title: both(
        "the child becomes a zombie (Z) while its parent runs",
        "부모가 실행 중일 때 자식이 좀비(Z)가 된다",
      ),
      within: 10,
      outcomes: {
        reaped: "zombie.reaped",
        "parent-ended": "zombie.parent-ended",
        "no-child": "zombie.no-child",
        running: "zombie.child-runs",
      },
    },
    {
      do: "output",
      title: both(
        "the parent prints the child's pid",
        "부모가 자식의 pid를 출력한다",
      ),
      lines: ["Child Process ID: \\d+ ?"],
      within: 2,
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
        "the lines are the book's (the child's pid in the parent's)",
        "출력이 책과 같다 (부모의 줄에 자식의 pid)",
      ),
      order: "any",
      // A child still running when tcpip ends the program never prints
      // its last line: the zombie step's finding says why.
      unless: ["zombie.parent-ended", "zombie.child-runs"],
      expect: [
        { text: "Child Process ID: <child1> " },
        { text: "Hi I'am a child process" },
        { text: "End child process" },
        { text: "End parent process", min: 0 },
      ],
      outcomes: { differs: "zombie.lines", spaces: "zombie.spaces" },
    },
  ],
  findings: {
    "zombie.reaped": {
      severity: "fail",
      title: both(
        "the child never shows as a zombie: it is collected at once",
        "자식이 좀비로 보이지 않는다: 곧바로 회수된다",
      ),
      book: both(
        "The book's parent never calls wait(): its child ends, and stays in the process table as Z until the parent ends 30 s later.",
        "책의 부모는 wait()를 부르지 않는다. 자식은 종료한 뒤 부모가 30초 뒤에 종료할 때까지 Z로 프로세스 목록에 남는다.",
      ),
      why: both(
        "A child that has ended stays a zombie until its parent collects its exit status (wait(), waitpid()). Collecting it at once, a SIGCHLD handler that calls waitpid(), or signal(SIGCHLD, SIG_IGN) leave nothing to see: that is how to avoid zombies, not how to show one.",
        "종료한 자식은 부모가 종료 상태를 회수할 때(wait(), waitpid())까지 좀비로 남는다. 곧바로 회수하거나, waitpid()를 부르는 SIGCHLD 핸들러, signal(SIGCHLD, SIG_IGN)이 있으면 볼 것이 없다. 좀비를 피하는 방법이지 보여 주는 방법이 아니다.",
      ),
      see: see("zombie", ["shows", "watch"], "tcpip zombie --trace"),
    },
    "zombie.parent-ended": {
      severity: "fail",
      title: both(
        "the parent ends before its child can be seen as a zombie",
        "자식이 좀비로 보이기 전에 부모가 종료한다",
      ),
      book: both(
        "The book's parent sleeps 30 s after fork(), and its ended child stays Z all that time.",
        "책의 부모는 fork() 뒤 30초 동안 자고, 그동안 종료한 자식은 계속 Z로 남는다.",
      ),
      why: both(
        "When a parent ends, its children are handed to init (pid 1), which collects them at once: the zombie is gone with its parent. The sleep(30) is what keeps it visible.",
        "부모가 종료하면 자식은 init(pid 1)에게 넘어가고 init이 곧바로 회수한다. 좀비는 부모와 함께 사라진다. sleep(30)이 좀비를 보이게 붙잡아 둔다.",
      ),
      see: see("zombie", ["shows"], "tcpip zombie --trace"),
    },
    "zombie.no-child": {
      severity: "fail",
      title: both(
        "no child process was made",
        "자식 프로세스가 만들어지지 않았다",
      ),
      book: both(
        "The book's program forks one child, which prints two lines and ends.",
        "책의 프로그램은 자식을 하나 만들고, 자식은 두 줄을 출력하고 종료한다.",
      ),
      why: both(
        "A zombie is a child that has ended: without fork() there is none.",
        "좀비는 종료한 자식이다. fork()가 없으면 좀비도 없다.",
      ),
      see: see("zombie", ["shows"]),
    },
    "zombie.child-runs": {
      severity: "fail",
      title: both("the child does not end", "자식이 종료하지 않는다"),
      book: both(
        "The book's child prints two lines and returns from main() at once.",
        "책의 자식은 두 줄을 출력하고 곧바로 main()에서 반환한다.",
      ),
      why: both(
        "Only an ended child becomes a zombie; a child that sleeps (for instance in the parent's sleep(30), reached by both) is still running.",
        "종료한 자식만 좀비가 된다. 자고 있는 자식(예를 들어 둘 다 도달하는 부모의 sleep(30))은 아직 실행 중이다.",
      ),
      see: see("zombie", ["shows"]),
    },
    "zombie.lines": {
      severity: "fail",
      title: both("the lines differ from the book's", "출력이 책과 다르다"),
      book: both(
        "The parent prints 'Child Process ID: <the child's pid> ', the child 'Hi I'am a child process' and 'End child process' (the book's spelling), the parent 'End parent process' after its sleep.",
        "부모는 'Child Process ID: <자식의 pid> '를, 자식은 'Hi I'am a child process'와 'End child process'(책의 철자 그대로)를, 부모는 잠에서 깬 뒤 'End parent process'를 출력한다.",
      ),
      why: both(
        "fork() returns the child's pid to the parent, which prints it: the pid is the one ps shows with state Z.",
        "fork()는 부모에게 자식의 pid를 반환하고, 부모가 그것을 출력한다. ps에서 상태 Z로 보이는 바로 그 pid다.",
      ),
      see: see("zombie", ["shows"]),
    },
    "zombie.spaces": {
      severity: "warn",
      title: both(
        "only the spaces at the end of the lines differ from the book's",
        "줄 끝의 공백만 책과 다르다",
      ),
      book: both(
        'The book prints "Child Process ID: %d \\n", with a space before the newline.',
        '책은 줄바꿈 앞에 공백이 있는 "Child Process ID: %d \\n"을 출력한다.',
      ),
      why: both(
        "Nothing about processes; a grader comparing bytes sees the difference.",
        "프로세스와는 상관없다. 바이트를 비교하면 다르다.",
      ),
      see: see("zombie", ["shows"]),
    },
  },
};
