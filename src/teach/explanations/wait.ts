/**
 * What `tcpip explain wait` says (its C calls and their
 * stand-ins come from the header of `examples/wait.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `wait`. */
export const explanation: Explanation = {
  shows: {
    en:
      "wait() collects one ended child: it returns the child's pid and fills " +
      "in its status, and it blocks until a child ends if none has yet. " +
      "WIFEXITED(status) tells whether the child ended normally (it returned " +
      "from main or called exit()), and WEXITSTATUS(status) gives the value " +
      "it passed." +
      "\n\n" +
      "The first child returns 3, the second calls exit(7). The parent " +
      "collects both, then sleeps 30 seconds: ps shows no zombie meanwhile.",
    ko:
      "wait() 함수는 종료한 자식 프로세스 하나를 회수한다. 그 프로세스 ID를 " +
      "반환하고 종료 상태 값을 채우며, 종료한 자식 프로세스가 아직 없으면 하나가 " +
      "종료할 때까지 블로킹된다. WIFEXITED(status)는 정상 종료(main에서 " +
      "반환하거나 exit()를 호출)인지 알려 주고, WEXITSTATUS(status)는 넘긴 값을 " +
      "알려 준다." +
      "\n\n" +
      "첫 번째 자식 프로세스는 3을 반환하고, 두 번째는 exit(7)을 호출한다. 부모 " +
      "프로세스는 둘 다 회수한 뒤 30초 동안 잠든다. 그동안 ps로 보면 좀비 " +
      "프로세스가 없다.",
  },
  watch: {
    en:
      "'Child send one: 3' then 'Child send two: 7'. By the time the parent " +
      "calls wait(), the first child has long ended (it returns at once, and " +
      "the second fork() takes a while). Whether the second has ended too " +
      "is a race with the parent's first wait(): in C it had in 12 to 37 of " +
      "40 runs on the machine we measured, depending on its load; here in 2 " +
      "of 6 runs. --trace shows which it was." +
      "\n\n" +
      "When several children have ended, which one wait() returns is the " +
      "OS's choice: Linux hands out the oldest child first (in C, with the " +
      "second child ended first and the parent waiting a second, wait() " +
      "still returned 3 first), and the tool does the same. What is " +
      "guaranteed is only that wait() returns a child that has ended, or " +
      "blocks until one ends. 'one' and 'two' count the calls, not the " +
      "children.",
    ko:
      "'Child send one: 3' 다음에 'Child send two: 7'이 나온다. 부모 프로세스가 " +
      "wait()를 호출할 즈음 첫 번째 자식 프로세스는 이미 오래전에 종료했다(바로 " +
      "반환하고, 두 번째 fork()에는 시간이 걸린다). 두 번째 자식 프로세스도 " +
      "종료했는지는 부모 프로세스의 첫 wait()와 경쟁한다. 측정한 컴퓨터의 C " +
      "프로그램에서는 부하에 따라 40번 중 12~37번 종료해 있었고, 이 도구에서는 " +
      "6번 중 2번이었다. 어느 쪽이었는지는 --trace로 볼 수 있다." +
      "\n\n" +
      "종료한 자식 프로세스가 여럿일 때 wait()가 어느 것을 돌려줄지는 OS가 " +
      "정한다. 리눅스는 가장 먼저 만든 자식 프로세스부터 돌려주며(C에서 두 번째 " +
      "자식 프로세스가 먼저 종료하고 부모 프로세스가 1초 기다린 뒤 호출해도 " +
      "wait()는 3을 먼저 돌려주었다), 이 도구도 같게 한다. 보장되는 것은 " +
      "wait()가 종료한 자식 프로세스를 돌려주거나, 하나가 종료할 때까지 " +
      "블로킹된다는 것뿐이다. 'one'과 'two'는 호출 순서일 뿐 자식 프로세스를 " +
      "가리키지 않는다.",
  },
  differs: {
    en:
      "Deno's runtime reaps every child at the OS level as soon as its event " +
      "loop runs. The tool keeps each exit status in its own process table " +
      "until wait() collects it, as the kernel does for a C parent." +
      "\n\n" +
      "So ps would show no zombie even if the parent never called wait(): " +
      "the tool cannot show the zombie such a parent would leave in C. Only " +
      "the zombie program shows one, by blocking its whole thread. The " +
      "parent's sleep(30) is divided by --speed.",
    ko:
      "Deno 런타임은 이벤트 루프가 돌자마자 모든 자식 프로세스를 OS 수준에서 " +
      "회수한다. 이 도구는 C의 커널처럼 종료 상태 값을 자기 프로세스 테이블에 " +
      "보관했다가 wait()가 회수할 때 넘겨준다." +
      "\n\n" +
      "그래서 부모 프로세스가 wait()를 전혀 호출하지 않아도 ps에는 좀비 " +
      "프로세스가 보이지 않는다. C라면 남았을 좀비 프로세스를 이 도구는 보여 줄 " +
      "수 없다. 좀비 프로세스를 보여 주는 것은 스레드 전체를 블로킹하는 zombie " +
      "프로그램뿐이다. 부모 프로세스의 sleep(30)은 --speed로 나뉜다.",
  },
  pitfalls: {
    en: "Code that must know which child ended should look at the pid wait() " +
      "returns, not count its calls. wait() blocks: a parent whose children " +
      "run long does nothing else meanwhile (waitpid() with WNOHANG is next)." +
      "\n\n" +
      "With no child left, wait() returns -1 at once (errno ECHILD), and " +
      "status is not filled in; a loop that ignores the -1 spins forever. An " +
      "exit status is one byte: only 0 to 255 reach the parent.",
    ko: "어느 자식 프로세스가 종료했는지 알아야 한다면 호출 횟수를 세지 말고 " +
      "wait()가 반환한 프로세스 ID를 보자. wait()는 블로킹 함수다. 자식 " +
      "프로세스가 오래 실행되면 부모 프로세스는 그동안 다른 일을 하지 못한다" +
      "(다음에 나오는 waitpid()와 WNOHANG이 해법이다)." +
      "\n\n" +
      "남은 자식 프로세스가 없으면 wait()는 곧바로 -1을 반환하고(errno ECHILD) " +
      "status는 채워지지 않는다. 이 -1을 무시하는 반복문은 영원히 돈다. 종료 " +
      "상태 값은 1바이트라서 0부터 255까지만 부모 프로세스에 전해진다.",
  },
};
