/**
 * waitpid.c: the child sleeps 15 s and returns 24; the parent polls with
 * waitpid(WNOHANG) and prints `sleep 3sec.` every 3 s until it is done.
 * The check waits the book's 15 s out: the line count depends on it.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, see } from "./_common.ts";

/** The check of waitpid.c. */
export const scenario: Scenario = {
  program: "waitpid",
  role: "program",
  example: "./waitpid",
  summary: both(
    "the parent polls with waitpid(WNOHANG) while the child sleeps, instead of blocking",
    "자식이 자는 동안 부모는 블로킹되지 않고 waitpid(WNOHANG)로 확인한다",
  ),
  bookSleeps: 18,
  runs: [{ title: both("as it is", "그대로") }],
  steps: [
    {
      do: "wchan",
      title: both(
        "the parent does not block in waitpid() while the child runs",
        "자식이 실행되는 동안 부모가 waitpid()에서 블로킹되지 않는다",
      ),
      avoid: "^do_wait$",
      meaning: both("a waitpid() that blocks", "막히는 waitpid()"),
      for: 4,
      hold: 1.5,
      outcomes: { seen: "waitpid.blocks" },
    },
    {
      do: "output",
      title: both(
        "the parent prints the child's status when it ends",
        "자식이 종료하면 부모가 상태를 출력한다",
      ),
      lines: ["Child send -?\\d+ ?"],
      within: 20,
      outcomes: { missing: "waitpid.no-status" },
    },
    {
      do: "exit",
      title: both("the program ends", "프로그램이 종료한다"),
      within: 5,
    },
  ],
  rules: [
    {
      rule: "lines",
      title: both(
        "the lines are the book's: 5 or 6 times 'sleep 3sec.', then the status 24",
        "출력이 책과 같다: 'sleep 3sec.' 5~6번, 그다음 상태 24",
      ),
      order: "sequence",
      expect: [
        { text: "sleep 3sec.", min: 5, max: 6 },
        { text: "Child send 24 " },
      ],
      outcomes: { differs: "waitpid.lines", spaces: "waitpid.spaces" },
    },
  ],
  findings: {
    "waitpid.blocks": {
      severity: "fail",
      title: both(
        "the parent blocks in waitpid() instead of polling",
        "부모가 확인하지 않고 waitpid()에서 막힌다",
      ),
      book: both(
        "The book calls waitpid(-1, &status, WNOHANG): it returns 0 at once while the child runs, and the parent sleeps 3 s, prints 'sleep 3sec.' and asks again.",
        "책은 waitpid(-1, &status, WNOHANG)를 부른다. 자식이 실행 중이면 곧바로 0을 반환하고, 부모는 3초 자고 'sleep 3sec.'을 출력한 뒤 다시 묻는다.",
      ),
      why: both(
        "Without WNOHANG (options 0) waitpid() waits like wait() until a child ends, and the parent can do nothing meanwhile: the point of waitpid() here is not to block.",
        "WNOHANG 없이(options 0) waitpid()는 wait()처럼 자식이 종료할 때까지 기다리고, 그동안 부모는 아무것도 못 한다. 여기서 waitpid()를 쓰는 까닭은 블로킹되지 않기 위해서다.",
      ),
      see: see("waitpid", ["shows", "watch"], "tcpip waitpid --trace"),
    },
    "waitpid.no-status": {
      severity: "fail",
      title: both(
        "the child's status is never printed",
        "자식의 상태가 출력되지 않는다",
      ),
      book: both(
        "Once the child has returned 24, waitpid() returns its pid and the parent prints 'Child send 24 '.",
        "자식이 24를 반환하면 waitpid()가 그 pid를 반환하고 부모가 'Child send 24 '를 출력한다.",
      ),
      why: both(
        "The loop must end when waitpid() returns a pid (not 0), and WEXITSTATUS(status) gives 24.",
        "waitpid()가 0이 아닌 pid를 반환하면 반복문이 끝나야 하고, WEXITSTATUS(status)가 24를 준다.",
      ),
      see: see("waitpid", ["shows"]),
    },
    "waitpid.lines": {
      severity: "fail",
      title: both("the lines differ from the book's", "출력이 책과 다르다"),
      book: both(
        "The child sleeps 15 s; the parent prints 'sleep 3sec.' after each 3 s sleep, 5 or 6 times depending on when the child's end falls, then 'Child send 24 '.",
        "자식은 15초 잔다. 부모는 3초씩 잘 때마다 'sleep 3sec.'을 출력하는데, 자식이 종료하는 때에 따라 5번이나 6번이다. 그다음 'Child send 24 '.",
      ),
      why: both(
        "One line per poll: waitpid(WNOHANG) asks, sleep(3) waits, the line follows; the child's 15 s make 5 polls, and one more when its end falls just after one.",
        "확인할 때마다 한 줄: waitpid(WNOHANG)로 묻고, sleep(3)으로 기다린 뒤 줄을 출력한다. 자식의 15초 동안 5번, 종료하는 때가 확인 직후라면 한 번 더.",
      ),
      see: see("waitpid", ["shows"], "tcpip waitpid --trace"),
    },
    "waitpid.spaces": {
      severity: "warn",
      title: both(
        "only the spaces at the end of the lines differ from the book's",
        "줄 끝의 공백만 책과 다르다",
      ),
      book: both(
        'The book prints "Child send %d \\n", with a space before the newline.',
        '책은 줄바꿈 앞에 공백이 있는 "Child send %d \\n"을 출력한다.',
      ),
      why: both(
        "Nothing about processes; a grader comparing bytes sees the difference.",
        "프로세스와는 상관없다. 바이트를 비교하면 다르다.",
      ),
      see: see("waitpid", ["shows"]),
    },
  },
};
