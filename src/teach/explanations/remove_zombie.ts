/**
 * What `tcpip explain remove-zombie` says (its C calls and their
 * stand-ins come from the header of `examples/remove_zombie.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `remove_zombie`. */
export const explanation: Explanation = {
  shows: {
    en: "The kernel sends SIGCHLD to a parent whenever one of its children " +
      "ends. A handler for it can collect the child at once with " +
      "waitpid(-1, &status, WNOHANG), so no zombie is left and the parent " +
      "never blocks." +
      "\n\n" +
      "Two children sleep 10 seconds and end with 12 and 24; meanwhile the " +
      "parent's loop prints 'wait...' five times, 5 seconds apart. The " +
      "handler prints each pid and status.",
    ko:
      "자식 프로세스가 종료할 때마다 커널은 부모 프로세스에 SIGCHLD를 보낸다. " +
      "이 시그널의 핸들러에서 waitpid(-1, &status, WNOHANG)로 자식 프로세스를 " +
      "바로 회수하면 좀비 프로세스가 남지 않고, 부모 프로세스도 블로킹되지 " +
      "않는다." +
      "\n\n" +
      "두 자식 프로세스는 10초 동안 잠든 뒤 12와 24로 종료한다. 그동안 부모 " +
      "프로세스의 루프는 5초 간격으로 'wait...'를 다섯 번 출력하고, 핸들러는 " +
      "회수한 프로세스 ID와 종료 상태 값을 출력한다.",
  },
  watch: {
    en:
      "Around the 10 second mark come 'Removed proc id' and 'Child send: 12', " +
      "then the same for 24. A handled SIGCHLD cuts short the sleep the " +
      "parent is in (sleep() is never restarted), so the remaining " +
      "'wait...' lines come sooner." +
      "\n\n" +
      "In C both children end at the same instant as the parent's second " +
      "sleep(5): all three began at the start, and 10 = 5 + 5. Whether a " +
      "SIGCHLD cuts a later sleep short is then a race, and the two signals " +
      "may merge: the book's program took 25, 20, 25, 20, 25 and 20 seconds " +
      "in six runs on the machine we measured; in one, 24 was collected " +
      "before 12, and in two only one child was collected at all." +
      "\n\n" +
      "Here a child takes some 30 ms to start, so the second child's 10 " +
      "seconds begin that much after the first child's, and the children " +
      "end that far apart, just after the parent's second sleep: each " +
      "SIGCHLD cuts a sleep of its own short, and the program usually ends " +
      "after about 15 seconds (four runs of four). --together (not in the " +
      "book) makes the children end at the same moment: then one SIGCHLD " +
      "may stand for several, and a child may stay uncollected; a note at " +
      "the end names it. --trace shows each signal and reap.",
    ko:
      "10초쯤에 'Removed proc id'와 'Child send: 12'가, 이어서 24에 대한 줄이 " +
      "나온다. 핸들러가 등록된 SIGCHLD는 부모 프로세스가 잠들어 있던 sleep을 " +
      "깨우므로(sleep()은 다시 시작하지 않는다) 남은 'wait...'가 앞당겨진다." +
      "\n\n" +
      "C에서는 두 자식 프로세스가 부모 프로세스가 두 번째 sleep(5)에서 깨어나는 " +
      "바로 그 순간에 종료한다. 셋 다 처음에 시작했고 10 = 5 + 5이기 때문이다. 그래서 " +
      "SIGCHLD가 다음 sleep을 깨울지는 경쟁 상태에 달려 있고, 두 시그널이 하나로 " +
      "합쳐지기도 한다. 측정한 컴퓨터에서 책의 프로그램은 여섯 번 실행에 25, 20, " +
      "25, 20, 25, 20초가 걸렸다. 한 번은 24가 12보다 먼저 회수되었고, 두 번은 " +
      "자식 프로세스가 하나만 회수되었다." +
      "\n\n" +
      "이 도구에서는 자식 프로세스 하나를 시작하는 데 30밀리초쯤 걸리므로, 두 " +
      "번째 자식 프로세스의 10초는 첫 번째보다 그만큼 늦게 시작한다. 그래서 두 " +
      "자식 프로세스는 그만큼 간격을 두고, 부모 프로세스가 두 번째 sleep에서 " +
      "깨어난 직후에 종료한다. SIGCHLD가 저마다 sleep을 하나씩 깨우므로 " +
      "프로그램은 대개 약 15초 만에 종료한다(네 번 중 네 번). --together(책에는 " +
      "없음)를 붙이면 자식 프로세스들이 같은 순간에 종료한다. 그러면 SIGCHLD " +
      "하나가 여럿을 대신할 수 있고, 회수되지 않는 자식 프로세스가 생길 수 있다. " +
      "그런 자식 프로세스는 마지막 안내 메시지가 알려 준다. --trace로 시그널과 " +
      "회수를 하나하나 볼 수 있다.",
  },
  differs: {
    en:
      "The SIGCHLD is real: the kernel sends it when the child process ends. " +
      "Deno's runtime has already reaped the child at the OS level; the " +
      "handler's waitpid() collects the status the tool kept. On Linux the " +
      "tool also asks /proc, so a child that has exited counts as ended even " +
      "before the runtime has reported it." +
      "\n\n" +
      "So the tool cannot show the zombie a missed child leaves in C: ps " +
      "shows none, collected or not. Windows has no SIGCHLD: there the end " +
      "of each child runs the handler, and the start note says so.",
    ko:
      "SIGCHLD는 진짜다. 자식 프로세스가 종료하면 커널이 보낸다. Deno 런타임은 " +
      "이미 OS 수준에서 자식 프로세스를 회수했고, 핸들러의 waitpid()는 도구가 " +
      "보관한 종료 상태 값을 가져간다. 리눅스에서는 /proc에도 물어보므로, " +
      "런타임이 알려 주기 전이라도 종료한 자식 프로세스는 종료한 것으로 센다." +
      "\n\n" +
      "그래서 C라면 회수되지 못한 자식 프로세스가 남길 좀비 프로세스를 이 " +
      "도구는 보여 줄 수 없다. 회수했든 안 했든 ps에는 보이지 않는다. " +
      "Windows에는 SIGCHLD가 없어서 자식 프로세스의 종료가 핸들러를 대신 " +
      "실행하며, 시작할 때의 안내 메시지가 이를 알린다.",
  },
  pitfalls: {
    en: "The book's handler calls waitpid() once per signal. Signals of one " +
      "kind do not queue: while one SIGCHLD is pending, another merges with " +
      "it. If both children end before the handler runs, the parent may get " +
      "ONE SIGCHLD, collect one child, and leave the other a zombie until " +
      "the parent ends." +
      "\n\n" +
      "The fix is a loop: while (waitpid(-1, &status, WNOHANG) > 0), as the " +
      "echo server's handler here does. The book's handler also reads status " +
      "when waitpid() returned 0 or -1, when status was never filled in.",
    ko:
      "책의 핸들러는 시그널 하나에 waitpid()를 한 번만 호출한다. 같은 종류의 " +
      "시그널은 쌓이지 않는다. SIGCHLD 하나가 처리를 기다리는 동안 온 다른 " +
      "SIGCHLD는 그것과 합쳐진다. 핸들러가 실행되기 전에 두 자식 프로세스가 모두 " +
      "종료하면 부모 프로세스는 SIGCHLD를 한 번만 받아 하나만 회수하고, 다른 " +
      "하나는 부모 프로세스가 종료할 때까지 좀비 프로세스로 남는다." +
      "\n\n" +
      "해결책은 반복문이다: while (waitpid(-1, &status, WNOHANG) > 0). 여기의 " +
      "에코 서버 핸들러가 그렇게 한다. 책의 핸들러는 waitpid()가 0이나 -1을 " +
      "반환해 status가 채워지지 않았을 때도 status를 읽는다.",
  },
};
