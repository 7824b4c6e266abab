/**
 * fork.c: one fork(); the parent prints `Parent Proc: [9, 23] `, the child
 * `Child Proc: [13, 27] `, each from its own copy of gval and lval. Run as
 * it is and with the child running first, since either order is C's.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, RACE_RUNS, see } from "./_common.ts";

/** The check of fork.c. */
export const scenario: Scenario = {
  program: "fork",
  role: "program",
  example: "./fork",
  summary: both(
    "one fork(); each process prints its own copy of gval and lval",
    "fork() 한 번. 각 프로세스가 자기 복사본의 gval과 lval을 출력한다",
  ),
  bookSleeps: 0,
  runs: RACE_RUNS,
  steps: [
    {
      do: "exit",
      title: both("the program ends", "프로그램이 종료한다"),
      within: 10,
      outcomes: { running: "fork.hangs" },
    },
  ],
  rules: [
    {
      rule: "lines",
      title: both(
        "it prints the book's two lines (in either order)",
        "책의 두 줄을 출력한다 (순서는 상관없음)",
      ),
      order: "any",
      expect: [{ text: "Parent Proc: [9, 23] " }, {
        text: "Child Proc: [13, 27] ",
      }],
      outcomes: { differs: "fork.lines", spaces: "fork.spaces" },
    },
    {
      rule: "forks",
      title: both("it makes one child process", "자식 프로세스를 하나 만든다"),
      needs: "strace",
      count: 1,
      outcomes: { none: "fork.no-fork", other: "fork.forks" },
    },
    {
      rule: "printed-by",
      title: both(
        "the child prints the child's line, the parent the parent's",
        "자식은 자식의 줄을, 부모는 부모의 줄을 출력한다",
      ),
      needs: "strace",
      // With no child, every line is the parent's: no-fork says it.
      unless: ["fork.no-fork"],
      lines: [
        { match: "Child Proc: .*", by: "child" },
        { match: "Parent Proc: .*", by: "parent" },
      ],
      outcomes: { other: "fork.printed-by" },
    },
  ],
  findings: {
    "fork.lines": {
      severity: "fail",
      title: both(
        "the lines differ from the book's",
        "출력이 책과 다르다",
      ),
      book: both(
        "With gval 10 and lval 20, the parent adds 1 and 5 before fork(); after it the child adds 2 to each and prints 'Child Proc: [13, 27] ', the parent subtracts 2 from each and prints 'Parent Proc: [9, 23] '.",
        "gval 10, lval 20에서 부모가 fork() 전에 1과 5를 더한다. fork() 뒤 자식은 각각 2를 더해 'Child Proc: [13, 27] '을, 부모는 각각 2를 빼서 'Parent Proc: [9, 23] '을 출력한다.",
      ),
      why: both(
        "fork() copies the whole process, its variables included, global and local alike: afterwards each process changes only its own copy. The child's +2 never reaches the parent's variables, nor the parent's -2 the child's.",
        "fork()는 전역이든 지역이든 변수까지 프로세스 전체를 복사한다. 그 뒤로 각 프로세스는 자기 복사본만 바꾼다. 자식의 +2는 부모의 변수에, 부모의 -2는 자식의 변수에 닿지 않는다.",
      ),
      see: see("fork", ["shows"], "tcpip fork --trace"),
    },
    "fork.spaces": {
      severity: "warn",
      title: both(
        "only the spaces at the end of the lines differ from the book's",
        "줄 끝의 공백만 책과 다르다",
      ),
      book: both(
        'The book\'s printf() formats end with a space before the newline: "Parent Proc: [%d, %d] \\n".',
        '책의 printf() 형식은 줄바꿈 앞에 공백이 있다: "Parent Proc: [%d, %d] \\n".',
      ),
      why: both(
        "Nothing about processes: the book's lines carry a trailing space, and a grader comparing bytes sees the difference.",
        "프로세스와는 상관없다. 책의 줄 끝에는 공백이 있어서 바이트를 비교하면 다르다.",
      ),
      see: see("fork", ["shows"]),
    },
    "fork.no-fork": {
      severity: "fail",
      title: both(
        "no child process was made",
        "자식 프로세스가 만들어지지 않았다",
      ),
      book: both(
        "The book's program calls fork() once: from then on two processes run the same code, told apart by fork()'s return value (0 in the child).",
        "책의 프로그램은 fork()를 한 번 부른다. 그때부터 두 프로세스가 같은 코드를 실행하며, fork()의 반환값(자식은 0)으로 서로를 구별한다.",
      ),
      why: both(
        "Without fork() one process prints both lines: there is no copy of the variables, so the point of the program, two processes with separate memory, does not show.",
        "fork()가 없으면 한 프로세스가 두 줄을 모두 출력한다. 변수의 복사본이 없으니 서로 다른 메모리를 가진 두 프로세스라는 요점이 드러나지 않는다.",
      ),
      see: see("fork", ["shows"], "tcpip fork --trace"),
    },
    "fork.forks": {
      severity: "fail",
      title: both(
        "more than one child process was made",
        "자식 프로세스가 둘 이상 만들어졌다",
      ),
      book: both(
        "The book's program calls fork() once, in the parent only.",
        "책의 프로그램은 부모에서만 fork()를 한 번 부른다.",
      ),
      why: both(
        "Each fork() doubles the processes that run the code after it: a fork() reached by the child too makes a grandchild, and each prints a line of its own.",
        "fork()마다 그 뒤의 코드를 실행하는 프로세스가 두 배가 된다. 자식도 닿는 fork()는 손자 프로세스를 만들고, 각자 한 줄씩 출력한다.",
      ),
      see: see("fork", ["shows"], "tcpip fork --trace"),
    },
    "fork.printed-by": {
      severity: "fail",
      title: both(
        "a line is printed by the other process",
        "다른 프로세스가 줄을 출력했다",
      ),
      book: both(
        "In the book, the branch with fork()'s return value 0 (the child) prints 'Child Proc', the other branch (the parent) 'Parent Proc'.",
        "책에서는 fork()의 반환값이 0인 쪽(자식)이 'Child Proc'을, 다른 쪽(부모)이 'Parent Proc'을 출력한다.",
      ),
      why: both(
        "fork() returns twice: 0 in the child and the child's pid in the parent, and the test of that value picks each process's branch. Tested the wrong way round (if (pid != 0) for the child), the processes swap; assigned where it should be compared (if (pid = 0), always false), both take the parent's branch.",
        "fork()는 두 번 반환한다: 자식에게는 0, 부모에게는 자식의 pid. 그 값의 검사가 각 프로세스의 분기를 정한다. 반대로 검사하면(자식을 if (pid != 0)으로) 두 프로세스가 뒤바뀌고, 비교할 곳에서 대입하면(if (pid = 0), 늘 거짓) 둘 다 부모의 분기로 간다.",
      ),
      see: see("fork", ["shows", "watch"], "tcpip fork --trace"),
    },
    "fork.hangs": {
      severity: "fail",
      title: both("the program does not end", "프로그램이 종료하지 않는다"),
      book: both(
        "The book's fork.c prints its two lines and both processes end at once.",
        "책의 fork.c는 두 줄을 출력하고 두 프로세스 모두 곧바로 종료한다.",
      ),
      why: both(
        "A process still waits: for input, in a loop, or for a child that never ends.",
        "어떤 프로세스가 아직 기다리고 있다: 입력, 반복문, 종료하지 않는 자식.",
      ),
      see: see("fork", ["shows"]),
    },
  },
};
