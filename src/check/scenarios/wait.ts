/**
 * wait.c: two children end with 3 and 7 at once; the parent collects both
 * with wait() and prints each status, then sleeps 30 s. The check looks
 * for zombies while it sleeps, then ends it.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, see } from "./_common.ts";

/** The check of wait.c. */
export const scenario: Scenario = {
  program: "wait",
  role: "program",
  example: "./wait",
  summary: both(
    "two children end with 3 and 7; wait() collects both, no zombie is left",
    "두 자식이 3과 7로 종료하고 wait()가 둘 다 회수해 좀비가 남지 않는다",
  ),
  bookSleeps: 0,
  runs: [{ title: both("as it is", "그대로") }],
  steps: [
    {
      do: "output",
      title: both(
        "the parent prints the second status",
        "부모가 두 번째 상태를 출력한다",
      ),
      lines: ["Child send two: -?\\d+ ?"],
      within: 3,
    },
    {
      do: "no-zombies",
      title: both(
        "no child stays a zombie while the parent sleeps",
        "부모가 자는 동안 좀비로 남는 자식이 없다",
      ),
      settle: 1,
      outcomes: { zombie: "wait.zombie", "zombie-with-handler": "wait.zombie" },
    },
    {
      do: "alive",
      title: both(
        "the parent is still there, sleeping (then tcpip ends it)",
        "부모는 아직 자고 있다 (그다음 tcpip가 끝낸다)",
      ),
      for: 0.3,
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
        "the lines are the book's (pids and statuses 3 and 7)",
        "출력이 책과 같다 (pid와 상태 3, 7)",
      ),
      order: "sequence",
      unless: ["wait.zombie"],
      expect: [
        { text: "Child PID: <child1> " },
        { text: "Child PID: <child2> " },
        { text: "Child send one: 3 " },
        { text: "Child send two: 7 " },
      ],
      alternatives: [[
        { text: "Child PID: <child1> " },
        { text: "Child PID: <child2> " },
        { text: "Child send one: 7 " },
        { text: "Child send two: 3 " },
      ]],
      outcomes: {
        differs: "wait.lines",
        spaces: "wait.spaces",
        order: "wait.order",
      },
    },
    {
      rule: "forks",
      title: both("it makes two children", "자식을 둘 만든다"),
      needs: "strace",
      count: 2,
      outcomes: { none: "wait.children", other: "wait.children" },
    },
    {
      rule: "statuses",
      title: both(
        "the statuses printed are the ones the children returned",
        "출력한 상태가 자식이 실제로 반환한 값이다",
      ),
      needs: "strace",
      match: "Child send (?:one|two): (-?\\d+) ?",
      outcomes: { other: "wait.statuses" },
    },
  ],
  findings: {
    "wait.zombie": {
      severity: "fail",
      title: both(
        "a child stays a zombie: not every child is collected",
        "좀비로 남는 자식이 있다: 모든 자식을 회수하지 않았다",
      ),
      book: both(
        "The book's parent calls wait() twice, once per child, before it sleeps: both leave the process table.",
        "책의 부모는 자기 전에 wait()를 자식마다 한 번씩, 두 번 부른다. 두 자식 모두 프로세스 목록에서 사라진다.",
      ),
      why: both(
        "Each wait() collects one child that has ended. A child nobody waits for stays Z until its parent ends.",
        "wait() 한 번은 종료한 자식 하나를 회수한다. 아무도 기다리지 않는 자식은 부모가 종료할 때까지 Z로 남는다.",
      ),
      see: see("wait", ["shows", "watch"], "tcpip wait --trace"),
    },
    "wait.lines": {
      severity: "fail",
      title: both("the lines differ from the book's", "출력이 책과 다르다"),
      book: both(
        "The parent prints 'Child PID: <pid> ' after each fork(), then 'Child send one: 3 ' and 'Child send two: 7 ' (or 7 then 3: the OS picks which child wait() returns first).",
        "부모는 fork()마다 'Child PID: <pid> '를 출력하고, 이어서 'Child send one: 3 '과 'Child send two: 7 '을 출력한다 (7과 3 순서일 수도 있다: 어느 자식을 먼저 돌려줄지는 OS가 정한다).",
      ),
      why: both(
        "wait() stores the child's whole status word: WEXITSTATUS(status) takes the value the child returned or passed to exit() (printing status itself shows 768 for 3).",
        "wait()는 자식의 상태 전체를 저장한다. 자식이 반환하거나 exit()에 넘긴 값은 WEXITSTATUS(status)로 꺼낸다 (status를 그대로 출력하면 3이 768로 보인다).",
      ),
      see: see("wait", ["shows"], "tcpip wait --trace"),
    },
    "wait.order": {
      severity: "fail",
      title: both(
        "the book's lines in another order: a wait() before the second fork()",
        "책의 줄이 다른 순서로 나온다: 두 번째 fork() 전의 wait()",
      ),
      book: both(
        "The book's parent forks both children first, printing 'Child PID: <pid> ' after each fork(), and only then calls wait() twice: both children run, and end, side by side.",
        "책의 부모는 먼저 두 자식을 모두 fork하며 fork()마다 'Child PID: <pid> '를 출력하고, 그다음에야 wait()를 두 번 부른다. 두 자식이 함께 실행되고 함께 종료한다.",
      ),
      why: both(
        "wait() blocks until a child ends: a parent that waits between its two fork() calls never has two children at once, and its second 'Child PID' line comes after the first status.",
        "wait()는 자식이 종료할 때까지 블로킹된다. 두 fork() 사이에서 기다리는 부모는 자식을 동시에 둘 갖지 않으며, 두 번째 'Child PID' 줄이 첫 번째 상태 뒤에 나온다.",
      ),
      see: see("wait", ["shows"], "tcpip wait --trace"),
    },
    "wait.spaces": {
      severity: "warn",
      title: both(
        "only the spaces at the end of the lines differ from the book's",
        "줄 끝의 공백만 책과 다르다",
      ),
      book: both(
        'The book\'s formats end with a space before the newline: "Child send one: %d \\n".',
        '책의 형식은 줄바꿈 앞에 공백이 있다: "Child send one: %d \\n".',
      ),
      why: both(
        "Nothing about processes; a grader comparing bytes sees the difference.",
        "프로세스와는 상관없다. 바이트를 비교하면 다르다.",
      ),
      see: see("wait", ["shows"]),
    },
    "wait.children": {
      severity: "fail",
      title: both("not two children", "자식이 둘이 아니다"),
      book: both(
        "The book's parent forks twice; the first child returns 3, the second calls exit(7).",
        "책의 부모는 두 번 fork한다. 첫째 자식은 3을 반환하고 둘째는 exit(7)을 부른다.",
      ),
      why: both(
        "A child that does not leave right away (return or exit()) goes on into the parent's code and forks too.",
        "곧바로 빠져나가지(return이나 exit()) 않은 자식은 부모의 코드로 이어져 자기도 fork한다.",
      ),
      see: see("wait", ["shows"], "tcpip wait --trace"),
    },
    "wait.statuses": {
      severity: "fail",
      title: both(
        "a status printed is not what a child returned",
        "출력한 상태가 자식이 반환한 값이 아니다",
      ),
      book: both(
        "The book prints WEXITSTATUS(status) of each wait(): 3 and 7.",
        "책은 wait()마다 WEXITSTATUS(status)를 출력한다: 3과 7.",
      ),
      why: both(
        "The status word holds more than the exit value; WIFEXITED() tells a normal end, WEXITSTATUS() gives the value.",
        "상태 값에는 종료 값 말고도 정보가 들어 있다. WIFEXITED()로 정상 종료인지 알고 WEXITSTATUS()로 값을 얻는다.",
      ),
      see: see("wait", ["shows"]),
    },
  },
};
