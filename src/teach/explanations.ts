/**
 * The explanations `tcpip explain` prints, one per program, keyed by the
 * program's module name. Written for this tool, in English and Korean.
 *
 * @module
 */

import type { Explanation } from "./explain.ts";

/** Every program's explanation, by module name (`ProgramSpec.file`). */
export const EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  fork: {
    shows: {
      en:
        "fork() creates a second process that starts as an exact copy of the first: the " +
        "same code, the same variables, the same open files. From then on the two run " +
        "separately, and a variable changed in one is not changed in the other. The " +
        "program raises a global (gval) and a local (lval) variable before the fork; then " +
        "the child adds 2 and the parent subtracts 2, so the child prints 13 and 27 and " +
        "the parent 9 and 23.",
      ko:
        "fork()는 원래 프로세스를 그대로 복사한 두 번째 프로세스를 만든다. 코드도 변수도 열린 " +
        "파일도 같은 상태에서 출발한다. 그 뒤로 두 프로세스는 따로 실행되므로, 한쪽이 바꾼 변수는 " +
        "다른 쪽에서 바뀌지 않는다. 이 프로그램은 fork 전에 전역 변수 gval과 지역 변수 lval을 " +
        "늘리고, 그 뒤 자식은 2를 더하고 부모는 2를 뺀다. 그래서 자식은 13과 27을, 부모는 9와 " +
        "23을 출력한다.",
    },
    calls: [
      { c: "pid = fork();", deno: 'children.fork("child", { gval, lval })' },
      {
        c: "if (pid == 0) { ... }",
        deno: {
          en: "the child role in `children`",
          ko: "`children`의 child 역할",
        },
      },
      { c: "printf(...)", deno: "console.log(...)" },
    ],
    watch: {
      en:
        "The two lines come from two processes, so their order is not fixed. The " +
        "[tcpip] note names the child's pid and the values it was given. With --trace you " +
        "see the fork, the child starting and ending, and the parent collecting it.",
      ko:
        "두 줄은 서로 다른 프로세스가 출력하므로 순서가 정해져 있지 않다. [tcpip] 설명에는 " +
        "자식의 pid와 넘겨받은 값이 나온다. --trace를 붙이면 fork, 자식의 시작과 끝, 부모가 " +
        "자식을 회수하는 모습이 보인다.",
    },
    differs: {
      en:
        "Deno cannot copy a running process. The tool starts the same program again with a " +
        "hidden entry that runs only the child's part, and hands over the two variables " +
        "explicitly; a real fork copies them along with all of memory. The outcome is the " +
        "same: two processes with separate copies of gval and lval. The child starts a few " +
        "tens of milliseconds later (a runtime has to boot), and the parent waits for it at " +
        "the end so that no process is left running; the book's parent just returns.",
      ko:
        "Deno는 실행 중인 프로세스를 복사할 수 없다. 그래서 이 도구는 같은 프로그램을 숨겨진 " +
        "진입점으로 다시 실행해 자식 부분만 돌리고, 두 변수를 직접 넘겨준다. 진짜 fork는 메모리 " +
        "전체와 함께 이 변수들을 복사한다. 결과는 같다: gval과 lval의 복사본을 따로 가진 두 " +
        "프로세스. 자식은 런타임이 뜨는 만큼 수십 밀리초 늦게 시작하고, 부모는 남는 프로세스가 " +
        "없도록 끝에서 자식을 기다린다. 책의 부모는 그냥 반환한다.",
    },
    pitfalls: {
      en:
        "The code is fine; the common misreading is that the child starts main() over. It " +
        "does not: in C the child continues right after fork() returns, with 0 in pid. That " +
        "is also why the tool runs only the child's part in its child, never main() again.",
      ko:
        "코드 자체는 문제없다. 흔한 오해는 자식이 main()을 처음부터 다시 실행한다는 것이다. " +
        "그렇지 않다. C의 자식은 fork()가 반환한 바로 그 지점에서 pid에 0을 받아 이어서 " +
        "실행한다. 이 도구가 자식에서 main()을 다시 돌리지 않고 자식 부분만 실행하는 것도 그 " +
        "때문이다.",
    },
  },

  zombie: {
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
    calls: [
      { c: "pid = fork();", deno: 'children.fork("child", null)' },
      {
        c: "sleep(30);",
        deno: {
          en: "sleepBlocking(30) (Atomics.wait blocks the thread)",
          ko: "sleepBlocking(30) (Atomics.wait가 스레드를 멈춤)",
        },
      },
      {
        c: { en: "ps in another terminal", ko: "다른 터미널의 ps" },
        deno: {
          en: "the watcher's notes (/proc/<pid>/stat or ps)",
          ko: "감시 워커의 설명 줄 (/proc/<pid>/stat 또는 ps)",
        },
      },
    ],
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
  },

  wait: {
    shows: {
      en:
        "wait() blocks until one of the children has ended, then returns its pid and fills " +
        "in its status. WIFEXITED(status) tells whether it ended normally (by returning from " +
        "main or calling exit) and WEXITSTATUS(status) gives the value it passed. Two " +
        "children end with 3 and 7; the parent collects both, then sleeps.",
      ko:
        "wait()는 자식 중 하나가 끝날 때까지 기다린 뒤 그 pid를 반환하고 종료 상태를 채운다. " +
        "WIFEXITED(status)는 정상 종료(main에서 반환하거나 exit 호출)인지 알려 주고, " +
        "WEXITSTATUS(status)는 넘긴 값을 준다. 두 자식이 3과 7로 끝나고, 부모는 둘을 회수한 " +
        "뒤 잠든다.",
    },
    calls: [
      { c: "wait(&status);", deno: "await wait()" },
      { c: "WIFEXITED(status)", deno: "WIFEXITED(status)" },
      { c: "WEXITSTATUS(status)", deno: "WEXITSTATUS(status)" },
      {
        c: "return 3; / exit(7);",
        deno: {
          en: "return 3; / Deno.exit(7); in the child roles",
          ko: "자식 역할의 return 3; / Deno.exit(7);",
        },
      },
      { c: "sleep(30);", deno: "await sleep(30)" },
    ],
    watch: {
      en:
        "The statuses arrive in the order the children ended, not necessarily the order " +
        "they were started: 'one' and 'two' only number the wait() calls. During the final " +
        "sleep, ps shows no zombie: both children were collected.",
      ko:
        "종료 상태는 시작한 순서가 아니라 자식이 끝난 순서대로 온다. 'one'과 'two'는 wait() " +
        "호출의 순서일 뿐이다. 마지막 sleep 동안 ps를 보면 좀비가 없다. 두 자식 모두 회수되었다.",
    },
    differs: {
      en:
        "Deno's runtime has already reaped each child at the OS level when it ended; wait() " +
        "here hands over the status the runtime kept, the first ended first, which is what " +
        "C's wait() returns. An exit status is one byte: only 0 to 255 reach the parent.",
      ko:
        "Deno 런타임은 자식이 끝날 때 이미 OS 수준에서 회수했다. 여기의 wait()는 런타임이 " +
        "보관한 상태를 먼저 끝난 것부터 넘겨주며, C의 wait()가 반환하는 것과 같다. 종료 상태는 " +
        "1바이트라서 0부터 255까지만 부모에게 전해진다.",
    },
    pitfalls: {
      en:
        "wait() blocks: a parent calling it while its children run long does nothing else " +
        "meanwhile. With no child left, C's wait() returns -1 at once (errno ECHILD); a loop " +
        "that ignores the -1 spins forever.",
      ko:
        "wait()는 블로킹 함수다. 자식이 오래 실행되는 동안 wait()를 부른 부모는 아무것도 하지 " +
        "못한다. 남은 자식이 없으면 C의 wait()는 즉시 -1을 반환하는데(errno ECHILD), 이 -1을 " +
        "무시하는 반복문은 끝없이 돈다.",
    },
  },

  waitpid: {
    shows: {
      en:
        "waitpid(-1, &status, WNOHANG) asks about any child without waiting: it returns 0 " +
        "while no child has ended, so the parent can do other work (here: sleep 3 seconds " +
        "and say so) and ask again. The child returns 24 after 15 seconds.",
      ko:
        "waitpid(-1, &status, WNOHANG)는 기다리지 않고 자식의 상태를 묻는다. 아직 끝난 자식이 " +
        "없으면 0을 반환하므로, 부모는 다른 일(여기서는 3초 자고 그렇다고 출력하기)을 하고 다시 " +
        "물을 수 있다. 자식은 15초 뒤 24를 반환한다.",
    },
    calls: [
      {
        c: "waitpid(-1, &status, WNOHANG)",
        deno: "await waitpid(-1, { noHang: true })",
      },
      {
        c: {
          en: "returns 0: no child ended yet",
          ko: "0 반환: 아직 끝난 자식 없음",
        },
        deno: { en: "resolves to null", ko: "null로 끝남" },
      },
      {
        c: {
          en: "sleep(15); return 24; (child)",
          ko: "sleep(15); return 24; (자식)",
        },
        deno: { en: "the same, in the child role", ko: "자식 역할에서 똑같이" },
      },
    ],
    watch: {
      en:
        "About five 'sleep 3sec.' lines, then 'Child send 24'. The child ends at 15 s, just " +
        "when the parent asks for the fifth time, so now and then a sixth line appears: the " +
        "two processes race, in C as well.",
      ko:
        "'sleep 3sec.'이 다섯 번쯤 나오고 'Child send 24'가 나온다. 자식은 15초에 끝나는데, " +
        "마침 부모가 다섯 번째로 묻는 순간이라 가끔 여섯 번째 줄이 나온다. 두 프로세스의 경쟁이며 " +
        "C에서도 마찬가지다.",
    },
    differs: {
      en:
        "The runtime reaps the child by itself. To answer WNOHANG truthfully, the tool also " +
        "asks the OS (/proc on Linux) whether the child has exited, so a child that has just " +
        "ended counts even before the runtime has reported it. A Deno child needs tens of " +
        "milliseconds to start, so its first sleep is shortened by that time: it ends 15 s " +
        "after the fork, as a C child would.",
      ko:
        "런타임이 스스로 자식을 회수한다. WNOHANG에 사실대로 답하려고, 이 도구는 OS(리눅스는 " +
        "/proc)에도 자식이 끝났는지 묻는다. 그래서 런타임이 알려 주기 전이라도 방금 끝난 자식은 " +
        "끝난 것으로 센다. Deno 자식은 시작에 수십 밀리초가 걸리므로 첫 sleep을 그만큼 줄인다. " +
        "그래서 C의 자식처럼 fork 후 15초에 끝난다.",
    },
    pitfalls: {
      en:
        "Polling wastes time between checks and notices an ended child up to one period " +
        "late; a SIGCHLD handler (remove_zombie.c) reacts at once. Passing 0 instead of " +
        "WNOHANG makes waitpid block like wait.",
      ko:
        "폴링은 확인 사이의 시간을 낭비하고, 끝난 자식을 최대 한 주기만큼 늦게 알아챈다. " +
        "SIGCHLD 핸들러(remove_zombie.c)는 즉시 반응한다. WNOHANG 대신 0을 넘기면 waitpid는 " +
        "wait처럼 블로킹된다.",
    },
  },

  signal: {
    shows: {
      en:
        "signal() registers a function to run when a signal arrives. alarm(2) asks for " +
        "SIGALRM in 2 seconds; the handler prints 'Time out!' and asks again. The main loop " +
        "sleeps 100 seconds three times, but a sleep ends as soon as a handled signal " +
        "arrives, so the whole program takes about 6 seconds. Ctrl+C sends SIGINT, whose " +
        "handler prints 'CTRL+C pressed' instead of ending the program.",
      ko:
        "signal()은 시그널이 오면 실행할 함수를 등록한다. alarm(2)는 2초 뒤 SIGALRM을 " +
        "요청하고, 핸들러는 'Time out!'을 출력한 뒤 다시 요청한다. 메인 루프는 100초씩 세 번 " +
        "자지만, 처리되는 시그널이 오면 sleep이 바로 끝나므로 프로그램 전체는 약 6초 걸린다. " +
        "Ctrl+C는 SIGINT를 보내고, 그 핸들러는 프로그램을 끝내는 대신 'CTRL+C pressed'를 " +
        "출력한다.",
    },
    calls: [
      {
        c: "signal(SIGALRM, timeout);",
        deno: {
          en: 'signal("SIGALRM", timeout) (addSignalListener)',
          ko: 'signal("SIGALRM", timeout) (addSignalListener 사용)',
        },
      },
      {
        c: "signal(SIGINT, keycontrol);",
        deno: 'signal("SIGINT", keycontrol)',
      },
      {
        c: "alarm(2);",
        deno: {
          en: "alarm(2): a timer that sends SIGALRM to itself with kill(2)",
          ko: "alarm(2): kill(2)로 자신에게 SIGALRM을 보내는 타이머",
        },
      },
      {
        c: "sleep(100);",
        deno: {
          en: "await sleep(100), woken once a handler has run",
          ko: "await sleep(100), 핸들러가 돈 뒤 깨어남",
        },
      },
    ],
    watch: {
      en:
        "'wait...' and 'Time out!' alternate three times in about 6 s. Press Ctrl+C during " +
        "a wait: 'CTRL+C pressed' appears and the loop moves on at once, so that round has " +
        "no 'Time out!'. From another terminal, kill -INT <pid> and kill -ALRM <pid> do the " +
        "same (find the pid with ps).",
      ko:
        "'wait...'와 'Time out!'이 약 6초 동안 세 번 번갈아 나온다. 기다리는 중에 Ctrl+C를 " +
        "누르면 'CTRL+C pressed'가 나오고 루프가 바로 다음으로 넘어가므로, 그 차례에는 'Time " +
        "out!'이 없다. 다른 터미널에서 kill -INT <pid>나 kill -ALRM <pid>를 실행해도 같다(pid는 " +
        "ps로 찾는다).",
    },
    differs: {
      en:
        "The signals are real: the kernel delivers SIGALRM and SIGINT to the process. Deno " +
        "runs a handler on its event loop rather than in the middle of whatever was running, " +
        "so a handler never interrupts other JavaScript; a C handler can interrupt the main " +
        "code anywhere. alarm() is a timer in the process that sends SIGALRM with kill(), " +
        "which is also what the kernel's alarm does. Windows has no SIGALRM: there the timer " +
        "calls the handler directly, and the program says so.",
      ko:
        "시그널은 진짜다. 커널이 SIGALRM과 SIGINT를 프로세스에 전달한다. Deno는 핸들러를 " +
        "실행 중인 코드 한가운데가 아니라 이벤트 루프에서 실행하므로, 핸들러가 다른 " +
        "자바스크립트를 중간에 끊지 않는다. C의 핸들러는 메인 코드 어디서든 끼어들 수 있다. " +
        "alarm()은 kill()로 SIGALRM을 보내는 프로세스 안의 타이머이며, 커널의 alarm도 같은 일을 " +
        "한다. Windows에는 SIGALRM이 없어서 타이머가 핸들러를 직접 부르고, 프로그램이 그렇다고 " +
        "알린다.",
    },
    pitfalls: {
      en:
        "signal() differs between systems: on some old Unix systems the handler falls back " +
        "to the default after one delivery, and whether interrupted calls restart varies. " +
        "That is why the book moves on to sigaction(). Calling puts or printf inside a C " +
        "handler is not async-signal-safe: if the signal arrives while the main code is " +
        "inside printf, output can be garbled. It works in these small programs, but write() " +
        "is the safe choice.",
      ko:
        "signal()은 시스템마다 동작이 다르다. 예전 유닉스 중에는 한 번 전달된 뒤 핸들러가 " +
        "기본값으로 돌아가는 것이 있고, 중단된 시스템 호출을 다시 시작하는지도 다르다. 그래서 " +
        "책은 sigaction()으로 넘어간다. C 핸들러 안에서 puts나 printf를 부르는 것은 " +
        "async-signal-safe하지 않다. 메인 코드가 printf 안에 있을 때 시그널이 오면 출력이 꼬일 " +
        "수 있다. 이 작은 프로그램에서는 동작하지만 안전한 선택은 write()다.",
    },
  },

  sigaction: {
    shows: {
      en:
        "sigaction() registers a handler through a structure: sa_handler (the function), " +
        "sa_mask (signals held back while the handler runs) and sa_flags (options). It " +
        "behaves the same on every POSIX system, which is why new code uses it instead of " +
        "signal(). The program is signal.c with SIGALRM only.",
      ko:
        "sigaction()은 구조체로 핸들러를 등록한다. sa_handler(함수), sa_mask(핸들러가 도는 " +
        "동안 막아 둘 시그널), sa_flags(옵션)이다. 모든 POSIX 시스템에서 똑같이 동작하므로 " +
        "새 코드는 signal() 대신 이것을 쓴다. 프로그램은 SIGALRM만 다루는 signal.c다.",
    },
    calls: [
      { c: "struct sigaction act;", deno: "const act: SigAction = { ... }" },
      { c: "act.sa_handler = timeout;", deno: "handler: timeout" },
      { c: "sigemptyset(&act.sa_mask);", deno: "mask: []" },
      { c: "act.sa_flags = 0;", deno: "flags: 0" },
      { c: "sigaction(SIGALRM, &act, 0);", deno: 'sigaction("SIGALRM", act)' },
    ],
    watch: {
      en:
        "The same six lines as signal, in about 6 s. Put the two sources side by side " +
        "(tcpip source signal, tcpip source sigaction): only the registration differs.",
      ko:
        "signal과 같은 여섯 줄이 약 6초 동안 나온다. 두 코드를 나란히 보면(tcpip source " +
        "signal, tcpip source sigaction) 등록하는 부분만 다르다.",
    },
    differs: {
      en:
        "Only sa_handler, an empty sa_mask and sa_flags 0 are modelled, as the book uses " +
        "them. Handlers here never run two at a time (Deno runs them one after another on " +
        "the event loop), which is what a full sa_mask would guarantee in C.",
      ko:
        "책이 쓰는 대로 sa_handler, 빈 sa_mask, sa_flags 0만 구현했다. 여기의 핸들러는 " +
        "동시에 둘이 돌지 않는다(Deno가 이벤트 루프에서 차례로 실행). C에서라면 sa_mask를 " +
        "채워야 보장되는 성질이다.",
    },
    pitfalls: {
      en:
        "Without sigemptyset, a C sa_mask holds whatever was on the stack and blocks random " +
        "signals during the handler. The third argument (0 here) can receive the previous " +
        "action, so that a program can restore it later.",
      ko:
        "C에서 sigemptyset을 빼먹으면 sa_mask에 스택의 쓰레기 값이 남아 핸들러가 도는 동안 " +
        "엉뚱한 시그널이 막힌다. 세 번째 인자(여기서는 0)로 이전 설정을 받아 두면 나중에 " +
        "되돌릴 수 있다.",
    },
  },

  remove_zombie: {
    shows: {
      en:
        "The kernel sends SIGCHLD to a parent whenever one of its children ends. A handler " +
        "for it can collect the child right away with waitpid, so no zombie is left and the " +
        "parent never blocks. Two children end after 10 s with 12 and 24; the handler " +
        "prints each pid and status while the main loop prints 'wait...' five times.",
      ko:
        "자식이 끝날 때마다 커널은 부모에게 SIGCHLD를 보낸다. 이 시그널의 핸들러에서 waitpid로 " +
        "자식을 바로 회수하면 좀비가 남지 않고 부모도 블로킹되지 않는다. 두 자식이 10초 뒤 12와 " +
        "24로 끝나고, 메인 루프가 'wait...'를 다섯 번 출력하는 동안 핸들러가 각 pid와 상태를 " +
        "출력한다.",
    },
    calls: [
      {
        c: "sigaction(SIGCHLD, &act, 0);",
        deno: {
          en: 'sigaction("SIGCHLD", act) (a real SIGCHLD)',
          ko: 'sigaction("SIGCHLD", act) (진짜 SIGCHLD)',
        },
      },
      {
        c: "waitpid(-1, &status, WNOHANG)",
        deno: {
          en: "await waitpid(-1, { noHang: true }) in a loop",
          ko: "반복문 안의 await waitpid(-1, { noHang: true })",
        },
      },
      { c: "return 12; / exit(24);", deno: "return 12; / Deno.exit(24);" },
    ],
    watch: {
      en:
        "The 'Removed proc id' lines come as soon as the children end, between two " +
        "'wait...' lines, and the sleep in progress ends early. Run ps in another terminal " +
        "afterwards: there is no Z entry.",
      ko:
        "자식이 끝나자마자 두 'wait...' 사이에 'Removed proc id' 줄이 나오고, 진행 중이던 " +
        "sleep이 일찍 끝난다. 그 뒤 다른 터미널에서 ps를 보면 Z 항목이 없다.",
    },
    differs: {
      en:
        "The SIGCHLD is real. Deno's runtime has already reaped each child at the OS level; " +
        "the handler collects the status it kept. To keep WNOHANG truthful, the tool asks " +
        "/proc whether a child has exited when the runtime has not reported it yet.",
      ko:
        "SIGCHLD는 진짜다. Deno 런타임이 OS 수준에서 이미 자식을 회수했고, 핸들러는 런타임이 " +
        "보관한 상태를 가져간다. WNOHANG이 사실대로 답하도록, 런타임이 아직 알리지 않은 자식은 " +
        "/proc에 끝났는지 물어본다.",
    },
    pitfalls: {
      en:
        "The book's handler calls waitpid() once per signal. Signals of one kind do not " +
        "queue: if both children end before the handler runs, the parent gets ONE SIGCHLD, " +
        "collects one child, and the other stays a zombie. The fix, used here, is a loop: " +
        "while (waitpid(-1, &status, WNOHANG) > 0). The book's handler also reads status " +
        "even when waitpid returned 0 or -1, when status was never filled in.",
      ko:
        "책의 핸들러는 시그널 하나에 waitpid()를 한 번만 부른다. 같은 종류의 시그널은 쌓이지 " +
        "않으므로, 핸들러가 돌기 전에 두 자식이 모두 끝나면 부모는 SIGCHLD를 한 번만 받아 한 " +
        "자식만 회수하고 다른 하나는 좀비로 남는다. 여기서 쓴 해결책은 반복문이다: while " +
        "(waitpid(-1, &status, WNOHANG) > 0). 책의 핸들러는 waitpid가 0이나 -1을 반환해 " +
        "status가 채워지지 않았을 때도 status를 읽는다.",
    },
  },

  echo_server: {
    shows: {
      en:
        "A server that serves many clients at once by giving each its own process: the " +
        "parent only accepts connections and forks; each child echoes its client until the " +
        "client is done, then ends; a SIGCHLD handler collects the children.",
      ko:
        "클라이언트마다 프로세스를 하나씩 주어 여러 클라이언트를 동시에 처리하는 서버다. " +
        "부모는 연결을 받아 fork만 하고, 각 자식은 클라이언트가 끝날 때까지 에코한 뒤 끝나며, " +
        "SIGCHLD 핸들러가 자식들을 회수한다.",
    },
    calls: [
      {
        c: "socket(); bind(); listen();",
        deno: "Server.open(...) (Deno.listen)",
      },
      {
        c: "clnt_sock = accept(...);",
        deno: "for await (const conn of server.clients())",
      },
      { c: "pid = fork();", deno: 'children.fork("echo", ...)' },
      {
        c: {
          en: "read/write(clnt_sock) (child)",
          ko: "read/write(clnt_sock) (자식)",
        },
        deno: {
          en: "read its stdin / write its stderr (relayed)",
          ko: "자기 stdin 읽기 / stderr 쓰기 (부모가 중계)",
        },
      },
      {
        c: { en: "close(clnt_sock); (parent)", ko: "close(clnt_sock); (부모)" },
        deno: {
          en: "server.serve(conn, child): the parent relays",
          ko: "server.serve(conn, child): 부모가 중계",
        },
      },
      { c: "sigaction(SIGCHLD, &act, 0);", deno: 'sigaction("SIGCHLD", act)' },
    ],
    watch: {
      en:
        "Connect from two terminals at once (tcpip echo-client 127.0.0.1, or nc 127.0.0.1 " +
        "9190): each connection prints 'new client connected...' and gets its own child; ps " +
        "shows one more process per client. When a client quits, its child prints 'client " +
        "disconnected...' and the handler prints 'removed proc id'.",
      ko:
        "두 터미널에서 동시에 접속해 보자(tcpip echo-client 127.0.0.1 또는 nc 127.0.0.1 " +
        "9190). 연결마다 'new client connected...'가 나오고 자식이 하나씩 생긴다. ps로 보면 " +
        "클라이언트마다 프로세스가 하나씩 늘어 있다. 클라이언트가 끝나면 그 자식이 'client " +
        "disconnected...'를, 핸들러가 'removed proc id'를 출력한다.",
    },
    differs: {
      en:
        "In C the child inherits the client socket from fork() and talks to the client " +
        "itself. Deno cannot give a socket to another process, so the parent keeps the " +
        "socket and copies bytes: the client's into the child's stdin, the child's stderr " +
        "back to the client. The child still does the echo, and ends with its client: one " +
        "process per client. The server listens on 127.0.0.1 unless --host says otherwise, " +
        "and refuses clients beyond --max-clients politely instead of forking without limit.",
      ko:
        "C에서는 자식이 fork()로 클라이언트 소켓을 물려받아 직접 통신한다. Deno는 소켓을 다른 " +
        "프로세스에 넘길 수 없어서, 부모가 소켓을 가진 채 바이트를 옮긴다. 클라이언트의 바이트는 " +
        "자식의 stdin으로, 자식의 stderr는 클라이언트로. 에코는 여전히 자식이 하고, 자식은 " +
        "클라이언트와 함께 끝난다. 클라이언트 하나에 프로세스 하나다. --host를 주지 않으면 " +
        "127.0.0.1에서만 기다리고, --max-clients를 넘는 클라이언트는 한없이 fork하는 대신 " +
        "정중히 거절한다.",
    },
    pitfalls: {
      en:
        "The book's handler collects one child per SIGCHLD, so two clients leaving together " +
        "can leave a zombie (see remove-zombie). Both C processes must close what they do " +
        "not use: the parent clnt_sock, the child serv_sock; a socket closes only when its " +
        "last descriptor does, so a parent that forgets close(clnt_sock) keeps every " +
        "connection open. Many copies of this server on the web read with read(clnt_sock, " +
        "buf, BUFSIZ) into a buffer of BUF_SIZE (30) bytes: BUFSIZ is 8192 on most systems, " +
        "so a long line overflows the buffer. Always pass the size of the buffer you have.",
      ko:
        "책의 핸들러는 SIGCHLD 하나에 자식 하나만 회수하므로, 두 클라이언트가 함께 떠나면 " +
        "좀비가 남을 수 있다(remove-zombie 참고). C의 두 프로세스는 쓰지 않는 것을 닫아야 한다. " +
        "부모는 clnt_sock을, 자식은 serv_sock을. 소켓은 마지막 디스크립터가 닫혀야 닫히므로, " +
        "close(clnt_sock)을 잊은 부모는 모든 연결을 열어 둔다. 인터넷에 퍼진 이 서버의 사본 " +
        "상당수는 BUF_SIZE(30)바이트 버퍼에 read(clnt_sock, buf, BUFSIZ)로 읽는다. BUFSIZ는 " +
        "대개 8192라서 긴 줄이 오면 버퍼가 넘친다. 항상 실제 버퍼 크기를 넘기자.",
    },
  },

  echo_client: {
    shows: {
      en:
        "A client that sends and receives independently: one part reads the keyboard and " +
        "sends, the other prints whatever arrives. TCP keeps no message boundaries: a long " +
        "line can come back in several pieces (one 'Message from server' line per read of " +
        "at most 30 bytes), and several short lines can come back in one.",
      ko:
        "보내기와 받기를 따로 하는 클라이언트다. 한쪽은 키보드를 읽어 보내고, 다른 쪽은 오는 " +
        "것을 출력한다. TCP에는 메시지 경계가 없다. 긴 줄은 여러 조각으로 돌아올 수 있고(최대 " +
        "30바이트씩 읽을 때마다 'Message from server' 한 줄), 짧은 줄 여러 개가 한 번에 돌아올 " +
        "수도 있다.",
    },
    calls: [
      { c: "connect(sock, ...)", deno: "connect(ip, port) (Deno.connect)" },
      {
        c: "pid = fork();",
        deno: {
          en: "startRoutine(...) twice: two worker threads",
          ko: "startRoutine(...) 두 번: 워커 스레드 두 개",
        },
      },
      {
        c: "read(sock, buf, BUF_SIZE)",
        deno: {
          en: "each chunk of the readable is one such read",
          ko: "readable의 조각 하나가 read 한 번",
        },
      },
      { c: "fgets(buf, BUF_SIZE, stdin)", deno: "stdin.readLine()" },
      {
        c: {
          en: "shutdown(sock, SHUT_WR) on q",
          ko: "q 입력 시 shutdown(sock, SHUT_WR)",
        },
        deno: {
          en: "closing the writable: conn.closeWrite()",
          ko: "writable 닫기: conn.closeWrite()",
        },
      },
    ],
    watch: {
      en:
        "Type a line longer than 30 characters: it comes back in pieces. Type q: the client " +
        "stops sending but still prints what the server sends, and ends when the server " +
        "closes. Against nc -l 9190 in another terminal you can drive both directions by " +
        "hand.",
      ko:
        "30자보다 긴 줄을 입력하면 여러 조각으로 돌아온다. q를 입력하면 클라이언트는 보내기만 " +
        "멈추고 서버가 보내는 것은 계속 출력하다가 서버가 닫으면 끝난다. 다른 터미널에서 nc -l " +
        "9190을 상대로 하면 양방향을 손으로 움직여 볼 수 있다.",
    },
    differs: {
      en:
        "The book forks, so two processes share the socket. A Deno child cannot have the " +
        "socket, so the two routines run as two worker threads of one process, each given " +
        "one direction as a stream. The connection stays with the main thread, which does " +
        "the half-close with conn.closeWrite(); closing Deno's conn.writable would close " +
        "the whole connection.",
      ko:
        "책은 fork해서 두 프로세스가 소켓을 나눠 쓴다. Deno의 자식은 소켓을 가질 수 없어서, " +
        "두 루틴을 한 프로세스의 워커 스레드 두 개로 돌리고 각각에 한 방향을 스트림으로 준다. " +
        "연결은 메인 스레드에 남아 있고, 절반 닫기는 메인 스레드가 conn.closeWrite()로 한다. " +
        "Deno의 conn.writable을 닫으면 연결 전체가 닫힌다.",
    },
    pitfalls: {
      en:
        "q must half-close with shutdown(sock, SHUT_WR), not close(sock): close() would stop " +
        "the reading side too and lose echoes still on their way, and because the other " +
        "process still holds a copy of the descriptor, close() in one process does not even " +
        "send the FIN, while shutdown() does. In read_routine, buf[str_len]=0 writes one " +
        "byte past the end of the buffer when a read fills all BUF_SIZE bytes; read at most " +
        "BUF_SIZE-1 bytes, or print with the length.",
      ko:
        "q는 close(sock)이 아니라 shutdown(sock, SHUT_WR)로 절반만 닫아야 한다. close()는 " +
        "읽는 쪽까지 멈춰서 오는 중인 에코를 잃고, 다른 프로세스가 디스크립터 사본을 갖고 " +
        "있으므로 한 프로세스의 close()로는 FIN조차 보내지 않는다. shutdown()은 보낸다. " +
        "read_routine의 buf[str_len]=0은 읽기가 BUF_SIZE바이트를 꽉 채우면 버퍼 끝을 한 바이트 " +
        "넘어 쓴다. BUF_SIZE-1바이트까지만 읽거나 길이를 주고 출력하자.",
    },
  },

  pipe1: {
    shows: {
      en:
        "A pipe is a one-way byte channel in the kernel with two ends: bytes written into " +
        "fds[1] come out of fds[0]. Made before fork(), it belongs to both processes; here " +
        "the child writes and the parent reads.",
      ko:
        "파이프는 커널 안의 한 방향 바이트 통로로, 양 끝이 있다. fds[1]에 쓴 바이트가 " +
        "fds[0]으로 나온다. fork() 전에 만들면 두 프로세스가 함께 가진다. 여기서는 자식이 쓰고 " +
        "부모가 읽는다.",
    },
    calls: [
      {
        c: "pipe(fds); pid = fork();",
        deno: 'children.fork("child", ..., { toParent })',
      },
      {
        c: "write(fds[1], str, sizeof(str))",
        deno: {
          en: "toParent.write(str) (the child's stderr)",
          ko: "toParent.write(str) (자식의 stderr)",
        },
      },
      { c: "read(fds[0], buf, BUF_SIZE)", deno: "fromChild.read(BUF_SIZE)" },
      { c: "puts(buf);", deno: "console.log(decode(buf))" },
    ],
    watch: {
      en:
        "The parent's read waits until the child has written: a pipe also synchronises. " +
        "With --trace you see the write in the child's column and the read in the parent's.",
      ko:
        "부모의 read는 자식이 쓸 때까지 기다린다. 파이프는 동기화 수단이기도 하다. --trace를 " +
        "붙이면 자식 열의 write와 부모 열의 read가 보인다.",
    },
    differs: {
      en:
        "The pipe is a real OS pipe, but it is the child's stderr (fd 2) rather than a new " +
        "descriptor: Deno gives a child pipes only on its stdin, stdout and stderr, and the " +
        "child's stdout stays its own for printing. The message is handed to the child as " +
        "state instead of being found in copied memory.",
      ko:
        "파이프는 진짜 OS 파이프지만 새 디스크립터가 아니라 자식의 stderr(fd 2)다. Deno는 " +
        "자식에게 stdin, stdout, stderr로만 파이프를 줄 수 있고, 자식의 stdout은 자식이 직접 " +
        "출력하도록 남겨 둔다. 메시지는 복사된 메모리에서 찾는 대신 상태로 넘겨준다.",
    },
    pitfalls: {
      en:
        "Each C process should close the end it does not use (the child fds[0], the parent " +
        "fds[1]). The book skips it; for one message that works, but a reader waiting for " +
        "end of file never gets it while any process, itself included, holds a write end.",
      ko:
        "C의 각 프로세스는 쓰지 않는 끝을 닫아야 한다(자식은 fds[0], 부모는 fds[1]). 책은 " +
        "생략한다. 메시지 하나라면 괜찮지만, 파일 끝을 기다리는 읽는 쪽은 자기 자신을 포함해 " +
        "누군가 쓰기 끝을 가지고 있는 한 끝내 파일 끝을 받지 못한다.",
    },
  },

  pipe2: {
    shows: {
      en:
        "One pipe used in both directions. The child writes, then reads the reply; the " +
        "parent reads, then replies. It works only thanks to the child's sleep(2): without " +
        "it, the child may read back its own message, because whoever holds fds[0] can take " +
        "any bytes in the pipe.",
      ko:
        "파이프 하나를 양방향으로 쓴다. 자식은 쓰고 나서 답장을 읽고, 부모는 읽고 나서 답한다. " +
        "자식의 sleep(2) 덕분에만 동작한다. 그것이 없으면 자식이 자기 메시지를 도로 읽을 수 " +
        "있다. fds[0]을 가진 누구든 파이프 안의 바이트를 가져갈 수 있기 때문이다.",
    },
    calls: [
      {
        c: "pipe(fds); pid = fork();",
        deno: "fork(..., { toChild }) + shareChildPipe(child)",
      },
      {
        c: {
          en: "both hold fds[0] and fds[1]",
          ko: "둘 다 fds[0]과 fds[1]을 가짐",
        },
        deno: {
          en: "Linux: each side opens the other end via /proc",
          ko: "리눅스: 각자 /proc으로 다른 끝을 엶",
        },
      },
      {
        c: { en: "write/read in the child", ko: "자식의 write/read" },
        deno: {
          en: "fds.writeSync / fds.readSync (blocking, as in C)",
          ko: "fds.writeSync / fds.readSync (C처럼 블로킹)",
        },
      },
      {
        c: { en: "read/write in the parent", ko: "부모의 read/write" },
        deno: "await fds.read / await fds.write",
      },
      { c: "sleep(2); / sleep(3);", deno: "await sleep(2) / await sleep(3)" },
    ],
    watch: {
      en:
        "Normally the parent prints the question and the child the thank-you. With --race, " +
        "sometimes the child prints 'Child proc output: Who are you?', its own message, and " +
        "the parent then waits in read() for good; the tool shows that and ends it after " +
        "3 s. Other times the parent is faster: it is a race, run it again.",
      ko:
        "보통은 부모가 질문을, 자식이 감사 인사를 출력한다. --race를 붙이면 가끔 자식이 " +
        "'Child proc output: Who are you?'(자기 메시지)를 출력하고, 부모는 read()에서 영원히 " +
        "기다린다. 도구가 그것을 보여 주고 3초 뒤 끝낸다. 다른 때는 부모가 더 빠르다. 경쟁 " +
        "상태이니 다시 실행해 보자.",
    },
    differs: {
      en:
        "On Linux the two processes really hold both ends of ONE pipe: the fork layer puts " +
        "a pipe on the child's stdin, and each side opens its missing end through /proc. " +
        "Other systems offer no such way, so there the tool uses two pipes (as pipe3) and " +
        "says it cannot show the race. C's parent would wait forever; the tool closes the " +
        "parent's own write end after 3 s, which makes the blocked read() return end of file.",
      ko:
        "리눅스에서는 두 프로세스가 정말로 파이프 하나의 양 끝을 모두 가진다. fork 계층이 " +
        "자식의 stdin에 파이프를 달고, 각자 없는 끝을 /proc을 통해 연다. 다른 시스템에는 그런 " +
        "방법이 없어서 파이프 두 개(pipe3처럼)로 실행하고 경쟁을 보여 줄 수 없다고 알린다. C의 " +
        "부모는 영원히 기다리지만, 도구는 3초 뒤 부모 자신의 쓰기 끝을 닫아 멈춰 있던 read()가 " +
        "파일 끝을 받게 한다.",
    },
    pitfalls: {
      en:
        "Using one pipe both ways and fixing it with a sleep is exactly what the book " +
        "warns against: a sleep only makes the race unlikely, and a slow or busy machine can " +
        "still lose it. Use two pipes (pipe3). Note too that read() returns 0 (end of file) " +
        "only when every write end is closed, the reader's own copy included.",
      ko:
        "파이프 하나를 양방향으로 쓰고 sleep으로 때우는 것이 바로 책이 경고하는 방식이다. " +
        "sleep은 경쟁을 드물게 만들 뿐이고, 느리거나 바쁜 컴퓨터에서는 여전히 질 수 있다. " +
        "파이프 두 개를 쓰자(pipe3). 또 read()가 0(파일 끝)을 반환하려면 읽는 쪽 자신의 사본을 " +
        "포함해 모든 쓰기 끝이 닫혀야 한다.",
    },
  },

  pipe3: {
    shows: {
      en:
        "Two pipes, one for each direction, so each process reads only what the other " +
        "wrote. No sleep is needed: each read simply waits for the other side's write.",
      ko:
        "방향마다 파이프를 하나씩, 모두 두 개를 써서 각 프로세스는 상대가 쓴 것만 읽는다. " +
        "sleep이 필요 없다. 각 read는 상대편의 write를 기다리기만 하면 된다.",
    },
    calls: [
      {
        c: "pipe(fds1), pipe(fds2); fork();",
        deno: 'fork(..., { toParent: "fds1", toChild: "fds2" })',
      },
      {
        c: {
          en: "write(fds1[1], ...) (child)",
          ko: "write(fds1[1], ...) (자식)",
        },
        deno: {
          en: "toParent.write(...) (the child's stderr)",
          ko: "toParent.write(...) (자식의 stderr)",
        },
      },
      {
        c: {
          en: "read(fds2[0], ...) (child)",
          ko: "read(fds2[0], ...) (자식)",
        },
        deno: {
          en: "fromParent.read(...) (the child's stdin)",
          ko: "fromParent.read(...) (자식의 stdin)",
        },
      },
      {
        c: {
          en: "read(fds1[0], ...) (parent)",
          ko: "read(fds1[0], ...) (부모)",
        },
        deno: "fromChild.read(...)",
      },
      {
        c: {
          en: "write(fds2[1], ...) (parent)",
          ko: "write(fds2[1], ...) (부모)",
        },
        deno: "toChild.write(...)",
      },
      {
        c: { en: "sleep(3); (parent)", ko: "sleep(3); (부모)" },
        deno: "await child.wait()",
      },
    ],
    watch: {
      en:
        "The same two lines as pipe2, in the same order every time. With --trace you can " +
        "follow each message from one column to the other.",
      ko:
        "pipe2와 같은 두 줄이 매번 같은 순서로 나온다. --trace로 각 메시지가 한 열에서 다른 " +
        "열로 가는 것을 따라가 보자.",
    },
    differs: {
      en:
        "The pipes are real OS pipes on the child's stderr (fds1) and stdin (fds2). The " +
        "book's parent sleeps 3 s so that it does not end before the child has printed; here " +
        "it waits for the child, which is exact.",
      ko:
        "파이프는 자식의 stderr(fds1)와 stdin(fds2)에 달린 진짜 OS 파이프다. 책의 부모는 " +
        "자식이 출력하기 전에 끝나지 않도록 3초 자지만, 여기서는 자식을 기다리므로 정확하다.",
    },
    pitfalls: {
      en:
        "The unused ends stay open in the book's version (each process holds all four). For " +
        "two messages it does not matter, but a loop that reads until end of file would " +
        "never end.",
      ko:
        "책의 코드에서는 쓰지 않는 끝이 열린 채 남는다(각 프로세스가 네 끝을 모두 가짐). 메시지 " +
        "두 개에는 상관없지만, 파일 끝까지 읽는 반복문이라면 끝나지 않는다.",
    },
  },

  echo_storeserver: {
    shows: {
      en:
        "The echo server plus a store process, forked before the accept loop, that gets a " +
        "copy of everything clients send through a pipe and writes it to echomsg.txt. It " +
        "shows a pipe joining processes that otherwise run independently.",
      ko:
        "에코 서버에, accept 루프 전에 fork한 저장 프로세스를 더한 것이다. 저장 프로세스는 " +
        "클라이언트가 보낸 모든 것의 사본을 파이프로 받아 echomsg.txt에 쓴다. 따로 도는 " +
        "프로세스들을 파이프가 이어 주는 모습을 보여 준다.",
    },
    calls: [
      {
        c: {
          en: "pipe(fds); fork(); (store)",
          ko: "pipe(fds); fork(); (저장)",
        },
        deno: 'children.fork("store", ..., { toChild })',
      },
      {
        c: 'fopen("echomsg.txt", "wt")',
        deno: "Deno.open(out, { create, truncate })",
      },
      { c: "read(fds[0], msgbuf, BUF_SIZE)", deno: "fds.read(BUF_SIZE)" },
      {
        c: "fwrite(msgbuf, 1, len, fp)",
        deno: {
          en: "fp.write(...) (unbuffered)",
          ko: "fp.write(...) (버퍼 없음)",
        },
      },
      {
        c: {
          en: "write(fds[1], buf, len) (echo child)",
          ko: "write(fds[1], buf, len) (에코 자식)",
        },
        deno: {
          en: "the parent's relay writes the copy",
          ko: "부모의 중계가 사본을 씀",
        },
      },
    ],
    watch: {
      en:
        "Send a few lines from clients and cat echomsg.txt while the server runs: the lines " +
        "are there at once. After 10 reads the store process ends (a note and 'removed proc " +
        "id' say so); later messages are still echoed but no longer stored.",
      ko:
        "클라이언트에서 몇 줄 보내고 서버가 도는 동안 cat echomsg.txt를 해 보자. 줄이 바로 " +
        "들어 있다. 10번 읽고 나면 저장 프로세스가 끝나고(설명 줄과 'removed proc id'가 알려 " +
        "줌), 그 뒤 메시지는 에코되지만 저장되지 않는다.",
    },
    differs: {
      en:
        "In C every echo child inherits the pipe's write end and writes the copy itself. " +
        "Deno cannot pass descriptors, and the parent relays every byte anyway, so the " +
        "parent writes the copy into the store's pipe. The file is written without a stdio " +
        "buffer, so nothing waits in memory; the book's fwrite() buffers until fclose().",
      ko:
        "C에서는 모든 에코 자식이 파이프의 쓰기 끝을 물려받아 직접 사본을 쓴다. Deno는 " +
        "디스크립터를 넘길 수 없고, 어차피 부모가 모든 바이트를 중계하므로 부모가 저장 " +
        "프로세스의 파이프에 사본을 쓴다. 파일은 stdio 버퍼 없이 써서 메모리에 머무는 데이터가 " +
        "없다. 책의 fwrite()는 fclose()까지 버퍼에 담아 둔다.",
    },
    pitfalls: {
      en:
        "The store process stops after exactly 10 reads (the book's for loop), whatever " +
        "each read held. After that, the C echo children keep writing into the pipe; since " +
        "the parent never closed its own read end, the writes do not fail but fill the " +
        "pipe, and once its buffer (64 KiB on Linux) is full, every echo child blocks in " +
        "write() and the server stops echoing. Here the copies simply stop. --max-messages 0 " +
        "removes the limit.",
      ko:
        "저장 프로세스는 한 번에 얼마를 읽었든 정확히 10번 읽고 멈춘다(책의 for 루프). 그 " +
        "뒤에도 C의 에코 자식들은 파이프에 계속 쓰는데, 부모가 자기 읽기 끝을 닫은 적이 없어서 " +
        "쓰기가 실패하지 않고 파이프를 채운다. 버퍼(리눅스에서 64KiB)가 차면 모든 에코 자식이 " +
        "write()에서 멈추고 서버는 더 이상 에코하지 못한다. 여기서는 복사만 멈춘다. " +
        "--max-messages 0이면 제한이 없다.",
    },
  },

  fd_copy: {
    shows: {
      en:
        "Exercise: after fork(), does the child have the parent's socket under the same " +
        "descriptor number, and is it the same socket? In C, yes: fork() copies the " +
        "descriptor table, so both numbers point to one socket in the kernel, which stays " +
        "open until both processes have closed it.",
      ko:
        "연습문제: fork() 뒤 자식은 부모의 소켓을 같은 디스크립터 번호로 가지는가, 그리고 같은 " +
        "소켓인가? C에서는 그렇다. fork()가 디스크립터 표를 복사하므로 두 번호가 커널의 소켓 " +
        "하나를 가리키고, 그 소켓은 두 프로세스가 모두 닫을 때까지 열려 있다.",
    },
    calls: [
      {
        c: "sock = socket(PF_INET, ...);",
        deno: {
          en: "Deno.listen(...) (Deno has no bare socket)",
          ko: "Deno.listen(...) (Deno에는 맨 소켓이 없음)",
        },
      },
      {
        c: 'printf("%d", sock)',
        deno: {
          en: "the fd the OS lists for the socket (/proc/<pid>/fd)",
          ko: "OS가 그 소켓에 대해 보여 주는 fd (/proc/<pid>/fd)",
        },
      },
      { c: "pid = fork();", deno: 'children.fork("child", ...)' },
    ],
    watch: {
      en:
        "The parent's line shows its descriptor number and the socket's inode; the child's " +
        "lines show that none of its descriptors refers to that inode. ls -l /proc/<pid>/fd " +
        "shows the same.",
      ko:
        "부모의 줄에는 디스크립터 번호와 소켓의 inode가, 자식의 줄에는 그 inode를 가리키는 " +
        "디스크립터가 하나도 없다는 것이 나온다. ls -l /proc/<pid>/fd로 봐도 같다.",
    },
    differs: {
      en:
        "A Deno child is a new run of the program, not a copy: it inherits only " +
        "descriptors 0, 1 and 2, so the socket does not exist in it. That is why the echo " +
        "server relays instead of letting the child use the socket. The parent's number is " +
        "also larger than C's 3, because the runtime has opened descriptors of its own.",
      ko:
        "Deno의 자식은 복사본이 아니라 프로그램을 새로 실행한 것이다. 디스크립터 0, 1, 2만 " +
        "물려받으므로 소켓이 자식에 아예 없다. 에코 서버가 자식에게 소켓을 맡기지 않고 중계하는 " +
        "이유다. 부모의 번호도 C의 3보다 큰데, 런타임이 자기 디스크립터를 먼저 열었기 때문이다.",
    },
    pitfalls: {
      en:
        "In C a socket is closed for real only when the last descriptor referring to it is " +
        "closed; a server that forgets close() in one of its processes keeps connections " +
        "open.",
      ko:
        "C에서 소켓은 그것을 가리키는 마지막 디스크립터가 닫혀야 실제로 닫힌다. 프로세스 " +
        "하나에서 close()를 잊은 서버는 연결을 열어 둔다.",
    },
  },

  sigint_confirm: {
    shows: {
      en:
        "Exercise: a handler that asks before quitting. SIGINT (Ctrl+C) no longer ends the " +
        "program; its handler asks 'Do you want to exit? (Y/N)' and the program ends only " +
        "on y or Y.",
      ko:
        "연습문제: 끝내기 전에 묻는 핸들러. SIGINT(Ctrl+C)로 더는 프로그램이 끝나지 않고, " +
        "핸들러가 'Do you want to exit? (Y/N)'이라고 물어 y나 Y일 때만 끝난다.",
    },
    calls: [
      { c: "sigaction(SIGINT, &act, 0);", deno: 'sigaction("SIGINT", act)' },
      {
        c: { en: "reading the answer", ko: "답 읽기" },
        deno: {
          en: "await stdin.readLine() in the handler",
          ko: "핸들러 안의 await stdin.readLine()",
        },
      },
      {
        c: "exit(0);",
        deno: {
          en: "the loop ends; exit status 0",
          ko: "루프가 끝남, 종료 상태 0",
        },
      },
    ],
    watch: {
      en:
        "Press Ctrl+C and answer n: the lines go on. Ctrl+C again and answer y: it ends. " +
        "From a script, pipe the answers in and send the signal with kill -INT <pid>.",
      ko:
        "Ctrl+C를 누르고 n이라고 답하면 출력이 계속된다. 다시 Ctrl+C를 누르고 y라고 답하면 " +
        "끝난다. 스크립트에서는 답을 파이프로 넣고 kill -INT <pid>로 시그널을 보낸다.",
    },
    differs: {
      en:
        "The handler runs on Deno's event loop, so it can wait for the answer; while it " +
        "waits, the loop prints nothing, because its sleep ends only after the handler has " +
        "finished, as in C, where the handler holds up the main code.",
      ko:
        "핸들러는 Deno의 이벤트 루프에서 돌아서 답을 기다릴 수 있다. 기다리는 동안 루프는 " +
        "아무것도 출력하지 않는다. 루프의 sleep은 핸들러가 끝난 뒤에야 끝나기 때문이며, 핸들러가 " +
        "메인 코드를 붙잡아 두는 C와 같다.",
    },
    pitfalls: {
      en:
        "Reading input inside a C signal handler with stdio (scanf, fgets) is not " +
        "async-signal-safe. The exercise gets away with it; real programs set a flag in the " +
        "handler and ask in the main loop.",
      ko:
        "C 시그널 핸들러 안에서 stdio(scanf, fgets)로 입력을 읽는 것은 async-signal-safe하지 " +
        "않다. 연습문제에서는 넘어가지만, 실제 프로그램은 핸들러에서 플래그만 세우고 메인 " +
        "루프에서 묻는다.",
    },
  },

  three_conversation: {
    shows: {
      en:
        "Exercise: parent and child exchange messages three times over two pipes, taking " +
        "turns: the child writes, the parent reads and answers, and so on. Each side prints " +
        "what it received.",
      ko:
        "연습문제: 부모와 자식이 파이프 두 개로 메시지를 세 번 주고받는다. 자식이 쓰면 부모가 " +
        "읽고 답하는 식으로 번갈아 한다. 각자 받은 것을 출력한다.",
    },
    calls: [
      {
        c: "pipe(fds1), pipe(fds2); fork();",
        deno: 'fork(..., { toParent: "fds1", toChild: "fds2" })',
      },
      {
        c: "fgets(msg, BUF_SIZE, stdin)",
        deno: {
          en: "readLine() (terminal) or the given lines",
          ko: "readLine() (터미널) 또는 넘겨받은 줄",
        },
      },
      {
        c: "write(fds1[1], ...) / read(...)",
        deno: "toParent.write / fromParent.read",
      },
    ],
    watch: {
      en:
        "Piped input is taken line by line, child first: printf 'a1\\nb1\\na2\\nb2\\na3\\nb3\\n' " +
        "| tcpip three-conversation. On a terminal each side prompts for its own line. " +
        "Without any input, built-in messages are used.",
      ko: "파이프로 넣은 입력은 자식부터 한 줄씩 번갈아 쓴다: printf " +
        "'a1\\nb1\\na2\\nb2\\na3\\nb3\\n' | tcpip three-conversation. 터미널에서는 각자 자기 " +
        "줄을 입력하라고 묻는다. 입력이 전혀 없으면 내장 메시지를 쓴다.",
    },
    differs: {
      en:
        "The child's stdin is its pipe from the parent, so on a terminal the child opens " +
        "the terminal itself (/dev/tty) to read its lines. From a pipe or a file, the parent " +
        "reads the lines first and hands the child its share when it forks, as a C child " +
        "would find them in its copied memory.",
      ko:
        "자식의 stdin은 부모에게서 오는 파이프라서, 터미널에서는 자식이 직접 터미널(/dev/tty)을 " +
        "열어 자기 줄을 읽는다. 파이프나 파일에서 입력이 오면 부모가 먼저 줄을 읽고 fork할 때 " +
        "자식의 몫을 넘겨준다. C의 자식이 복사된 메모리에서 찾는 것과 같다.",
    },
    pitfalls: {
      en:
        "In C, when both processes read the same stdin through stdio, the first fgets may " +
        "buffer several lines at once and the other process never sees them; the turn-taking " +
        "only works on a terminal, where each read returns one line.",
      ko:
        "C에서 두 프로세스가 같은 stdin을 stdio로 읽으면, 처음 fgets가 여러 줄을 한꺼번에 " +
        "버퍼에 담아 다른 프로세스는 그 줄을 보지 못한다. 번갈아 읽기는 한 번 읽을 때 한 줄씩 " +
        "돌려주는 터미널에서만 동작한다.",
    },
  },
};
