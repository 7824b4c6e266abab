/**
 * What `tcpip explain zombie` says (its C calls and their
 * stand-ins come from the header of `examples/zombie.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `zombie`. */
export const explanation: Explanation = {
  shows: {
    en:
      "A process that has ended keeps its entry in the process table until its parent " +
      "collects its exit status with wait() or waitpid(). Until then it is a zombie: it " +
      "holds no memory and uses no CPU, only a table slot and its status. Here the child " +
      "ends at once while the parent sleeps 30 seconds without collecting it, so for 30 " +
      "seconds the child is a zombie.",
    ko:
      "끝난 프로세스는 부모가 wait()나 waitpid()로 종료 상태를 가져갈 때까지 프로세스 표에 " +
      "남는다. 그동안이 좀비 상태다. 메모리도 CPU도 쓰지 않고 표의 한 칸과 종료 상태만 " +
      "차지한다. 여기서는 자식이 바로 끝나지만 부모가 회수하지 않고 30초 동안 잠자므로, 그 " +
      "30초 동안 자식은 좀비가 된다.",
  },
  watch: {
    en:
      "While the parent sleeps, the notes show the child's state going from R or S to Z. " +
      "In a second terminal, run ps -o pid,stat,cmd -p <pid> with the printed pid: STAT " +
      "is Z, and ps adds <defunct>. After 'End parent process' the entry is gone. --speed " +
      "shortens the 30 seconds; leave yourself time to type the ps command.",
    ko:
      "부모가 자는 동안 설명 줄에 자식의 상태가 R이나 S에서 Z로 바뀌는 것이 보인다. 다른 " +
      "터미널에서 출력된 pid로 ps -o pid,stat,cmd -p <pid>를 실행하면 STAT이 Z이고 " +
      "<defunct>가 붙는다. 'End parent process' 뒤에는 사라진다. --speed로 30초를 줄일 수 " +
      "있지만 ps 명령을 입력할 시간은 남겨 두자.",
  },
  differs: {
    en:
      "A Deno program normally never shows a zombie: its runtime calls waitpid for a child " +
      "as soon as the event loop gets a turn. The tool blocks the parent's main thread with " +
      "Atomics.wait, which is what C's sleep does to the whole process, so nothing can reap " +
      "the child until the thread wakes. A worker thread, which is not blocked, reads the " +
      "state from the OS meanwhile. In C, the zombie of a parent that ends without " +
      "collecting it is adopted and reaped by init (pid 1); here the runtime reaps it the " +
      "moment the parent wakes.",
    ko:
      "보통 Deno 프로그램에는 좀비가 보이지 않는다. 런타임이 이벤트 루프가 돌 때마다 곧바로 " +
      "자식을 waitpid로 회수하기 때문이다. 이 도구는 부모의 메인 스레드를 Atomics.wait로 " +
      "멈춘다. C의 sleep이 프로세스 전체를 멈추는 것과 같아서, 스레드가 깨어날 때까지 아무도 " +
      "자식을 회수하지 못한다. 그동안 멈추지 않은 워커 스레드가 OS에서 상태를 읽어 알려 준다. " +
      "C에서는 부모가 회수하지 않고 끝나면 init(pid 1)이 좀비를 넘겨받아 회수하지만, 여기서는 " +
      "부모가 깨어나는 순간 런타임이 회수한다.",
  },
  pitfalls: {
    en:
      "One zombie is harmless, but a server that forks per client and never collects them " +
      "fills the process table over time; the SIGCHLD handler of remove_zombie.c and " +
      "echo_mpserv.c prevents that. kill -9 does nothing to a zombie: it is already dead. " +
      "Only its parent collecting it, or the parent's end, removes it.",
    ko:
      "좀비 하나는 해가 없지만, 클라이언트마다 fork하고 회수하지 않는 서버는 시간이 지나며 " +
      "프로세스 표를 채운다. remove_zombie.c와 echo_mpserv.c의 SIGCHLD 핸들러가 이를 막는다. " +
      "kill -9로는 좀비를 없앨 수 없다. 이미 죽은 프로세스이기 때문이다. 부모가 회수하거나 " +
      "부모가 끝나야만 사라진다.",
  },
};
