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
      "A process that has ended stays in the process table until its parent " +
      "collects its exit status with wait() or waitpid(). Until then it is a " +
      "zombie: its memory and open files are gone, but the kernel keeps a " +
      "small record of it (pid, exit status, resource usage) for the parent." +
      "\n\n" +
      "Here the child prints two lines and ends at once, while the parent " +
      "prints the child's pid and sleeps 30 seconds without collecting it. " +
      "For those 30 seconds the child is a zombie.",
    ko:
      "종료한 프로세스는 부모 프로세스가 wait()나 waitpid()로 종료 상태 값을 " +
      "가져갈 때까지 프로세스 테이블에 남는다. 이 상태의 프로세스를 좀비 " +
      "프로세스라고 한다. 메모리와 열린 파일은 이미 반납했지만, 커널은 부모 " +
      "프로세스를 위해 작은 기록(프로세스 ID, 종료 상태 값, 자원 사용량)을 " +
      "남겨 둔다." +
      "\n\n" +
      "여기서 자식 프로세스는 두 줄을 출력하고 바로 종료한다. 부모 프로세스는 " +
      "자식의 프로세스 ID를 출력한 뒤 회수하지 않고 30초 동안 잠든다. 그 " +
      "30초 동안 자식 프로세스는 좀비 프로세스다.",
  },
  watch: {
    en: "While the parent sleeps, notes report the child's state as the OS " +
      "shows it: R or S if it was still running when the watch began, then Z " +
      "(zombie), and after 'End parent process', gone." +
      "\n\n" +
      "In a second terminal, run the ps command the note suggests: STAT is Z " +
      "and ps adds <defunct>. --speed shortens the 30 seconds; leave yourself " +
      "time to type. The parent's pid line and the child's two lines may " +
      "come in either order.",
    ko:
      "부모 프로세스가 잠든 동안 안내 메시지가 OS가 보여 주는 자식 프로세스의 " +
      "상태를 알려 준다. 관찰을 시작할 때 아직 실행 중이었다면 R이나 S, 그다음 " +
      "Z(좀비), 'End parent process' 뒤에는 사라졌다고 나온다." +
      "\n\n" +
      "다른 터미널에서 안내 메시지가 알려 주는 ps 명령을 실행해 보자. STAT이 " +
      "Z이고 <defunct>가 붙는다. --speed로 30초를 줄일 수 있지만 명령을 입력할 " +
      "시간은 남겨 두자. 부모 프로세스가 출력하는 프로세스 ID 줄과 자식 " +
      "프로세스의 두 줄은 순서가 바뀔 수 있다.",
  },
  differs: {
    en: "A Deno program normally never shows a zombie: its runtime reaps a " +
      "child (waitpid) as soon as its event loop runs. Here the parent's " +
      "sleep(30) blocks its whole thread with Atomics.wait, as C's sleep() " +
      "stops the process, so nothing reaps the child until the parent wakes." +
      "\n\n" +
      "A worker thread, which is not blocked, reads the child's state from " +
      "/proc (macOS: ps) meanwhile and reports each change. When the parent " +
      "wakes, the runtime reaps the child at once. In C the zombie would " +
      "stay until the parent itself ends; then init (pid 1) adopts and " +
      "collects it." +
      "\n\n" +
      "Windows has no zombie state: an ended process leaves the list at " +
      "once, and the start note says so.",
    ko:
      "보통의 Deno 프로그램에서는 좀비 프로세스를 볼 수 없다. 런타임이 이벤트 " +
      "루프가 돌자마자 자식 프로세스를 회수(waitpid)하기 때문이다. 여기서는 " +
      "부모 프로세스의 sleep(30)이 Atomics.wait로 스레드 전체를 블로킹한다. C의 " +
      "sleep()이 프로세스를 멈추는 것과 같아서, 부모 프로세스가 깨어날 때까지 " +
      "아무도 자식 프로세스를 회수하지 못한다." +
      "\n\n" +
      "그동안 블로킹되지 않은 워커 스레드가 /proc(macOS에서는 ps)에서 자식 " +
      "프로세스의 상태를 읽어 바뀔 때마다 알려 준다. 부모 프로세스가 깨어나면 " +
      "런타임이 곧바로 회수한다. C라면 좀비 프로세스는 부모 프로세스가 종료할 " +
      "때까지 남고, 그 뒤 init(pid 1)이 넘겨받아 회수한다." +
      "\n\n" +
      "Windows에는 좀비 상태가 없다. 종료한 프로세스는 바로 목록에서 사라지며, " +
      "시작할 때의 안내 메시지가 이를 알린다.",
  },
  pitfalls: {
    en: "One zombie is harmless. A server that forks for every client and " +
      "never collects them piles them up, and each holds a pid and a slot " +
      "of the process table. What runs out is pids and slots, not memory: " +
      "once the limit is reached, fork() fails." +
      "\n\n" +
      "kill -9 does nothing to a zombie: it has already ended. Only its " +
      "parent collecting it, or the parent's own end, removes it. The " +
      "SIGCHLD handler of remove-zombie and echo-server is the cure.",
    ko:
      "좀비 프로세스 하나는 해가 없다. 하지만 클라이언트마다 fork하고 회수하지 " +
      "않는 서버에는 좀비 프로세스가 쌓이고, 좀비 프로세스마다 프로세스 ID " +
      "하나와 프로세스 테이블의 항목 하나를 차지한다. 바닥나는 것은 메모리가 " +
      "아니라 프로세스 ID와 프로세스 테이블의 항목이다. 한도에 이르면 fork()가 " +
      "실패한다." +
      "\n\n" +
      "kill -9로는 좀비 프로세스를 없앨 수 없다. 이미 종료한 프로세스이기 " +
      "때문이다. 부모 프로세스가 회수하거나 부모 프로세스가 종료해야만 " +
      "소멸한다. remove-zombie와 echo-server의 SIGCHLD 핸들러가 해결책이다.",
  },
};
