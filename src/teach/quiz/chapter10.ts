/**
 * The review questions of chapter 10 (multi-process servers: fork, zombies, wait/waitpid, signals, the echo server and client), in our own words: data
 * only. `../quiz.ts` asks them and marks the answers.
 *
 * @module
 */

import type { Question } from "./question.ts";

/** Chapter 10's questions, in the order the quiz asks them. */
export const CHAPTER_10: readonly Question[] = [
  {
    id: "fork-child-gets",
    kind: "choice",
    ask: {
      en: "What does the child process get from fork()?",
      ko: "fork 함수를 호출하면 자식 프로세스는 무엇을 받는가?",
    },
    options: [
      {
        en: "a fresh start: it runs main() from the beginning",
        ko: "새로운 시작: main 함수의 처음부터 실행한다",
      },
      {
        en:
          "a copy of the parent: its memory, variables included, and its file descriptor " +
          "table; it goes on from the point where fork() returns",
        ko:
          "부모 프로세스의 복사본: 변수를 포함한 메모리와 파일 디스크립터 테이블을 복사해 " +
          "받고, fork 함수가 반환된 지점부터 이어서 실행한다",
      },
      {
        en: "only the program's code; its variables start from zero",
        ko: "프로그램의 코드만 받고, 변수는 0에서 시작한다",
      },
      {
        en:
          "the parent's memory itself, shared: a change in one process shows in the other",
        ko:
          "부모의 메모리 자체를 함께 쓴다: 한쪽이 바꾸면 다른 쪽에서도 바뀐다",
      },
    ],
    answer: 2,
    hint: {
      en:
        "In fork.c both processes print gval and lval, with different values, and neither " +
        "runs the code before fork() a second time.",
      ko:
        "fork.c에서 두 프로세스는 gval과 lval을 서로 다른 값으로 출력하고, fork 호출 " +
        "이전의 코드는 어느 쪽도 다시 실행하지 않는다.",
    },
    explain: {
      en:
        "fork() duplicates the running process: memory, variables, open descriptors. Both " +
        "go on from the return of fork(); from then on each changes only its own copy " +
        "(tcpip fork).",
      ko:
        "fork 함수는 실행 중인 프로세스를 통째로 복사한다. 메모리와 변수, 열려 있는 파일 " +
        "디스크립터까지 복사되며, 두 프로세스 모두 fork 함수가 반환된 지점부터 실행한다. " +
        "그 뒤로는 각자 자기 복사본만 바꾼다 (tcpip fork).",
    },
  },
  {
    id: "fork-child-returns",
    kind: "number",
    about: "child",
    ask: {
      en: "What does fork() return in the child process?",
      ko: "자식 프로세스에서 fork 함수의 반환 값은 무엇인가?",
    },
    answer: 0,
    reject: [
      "pid",
      "child pid",
      "child's pid",
      "parent pid",
      "parent's pid",
      "process id",
      "its own pid",
      "자식 pid",
      "자식의 pid",
      "부모 pid",
      "부모의 pid",
      "프로세스 id",
      "자식 프로세스 id",
      "자식의 프로세스 id",
    ],
    shown: { en: "0", ko: "0" },
    hint: {
      en:
        "The parent gets the child's process ID. The child needs a value that no process " +
        "ID can be.",
      ko:
        "부모 프로세스는 자식의 프로세스 ID를 받는다. 자식은 프로세스 ID가 될 수 없는 값을 " +
        "받아야 둘이 구별된다.",
    },
    explain: {
      en:
        "0 in the child, the child's process ID in the parent, -1 when no child could be " +
        "made. That is how one program tells the two processes apart: if (pid == 0).",
      ko:
        "자식 프로세스에서는 0, 부모 프로세스에서는 자식의 프로세스 ID, 실패하면 -1을 " +
        "반환한다. 그래서 if(pid==0)으로 두 프로세스가 할 일을 나눈다.",
    },
  },
  {
    id: "fork-parent-returns",
    kind: "choice",
    ask: {
      en: "What does a successful fork() return in the parent process?",
      ko: "fork 함수가 성공하면 부모 프로세스에서는 무엇을 반환하는가?",
    },
    options: [
      { en: "0", ko: "0" },
      { en: "the child's process ID", ko: "자식 프로세스의 ID" },
      { en: "the parent's own process ID", ko: "부모 자신의 프로세스 ID" },
      { en: "-1", ko: "-1" },
    ],
    answer: 2,
    hint: {
      en:
        "A parent may have several children, and later it must know which one to wait for.",
      ko:
        "부모는 자식을 여럿 둘 수 있고, 나중에 어느 자식을 기다릴지 알아야 한다.",
    },
    explain: {
      en:
        "The child's process ID, so that the parent can tell its children apart, e.g. for " +
        "waitpid(). -1 means that fork() failed.",
      ko:
        "자식 프로세스의 ID다. 그래야 부모가 여러 자식을 구별하고 waitpid 함수 등에 넘길 수 " +
        "있다. -1은 fork 함수가 실패했다는 뜻이다.",
    },
  },
  {
    id: "zombie-name",
    kind: "word",
    ask: {
      en:
        "A process has ended, but its parent has not collected its exit status yet. What " +
        "is such a process called?",
      ko:
        "실행을 마쳤는데도 부모 프로세스가 아직 종료 상태 값을 받아 가지 않은 프로세스를 " +
        "무엇이라 하는가?",
    },
    accept: [
      "zombie",
      "zombies",
      "zombie process",
      "defunct",
      "좀비",
      "좀비 프로세스",
    ],
    reject: [
      "orphan",
      "orphan process",
      "고아",
      "고아 프로세스",
      "daemon",
      "데몬",
    ],
    shown: { en: "zombie", ko: "좀비(zombie)" },
    hint: {
      en: "ps shows it with the state Z: dead, yet still in the process table.",
      ko:
        "ps 명령은 이 프로세스의 상태를 Z로 보여 준다. 죽었는데도 프로세스 테이블에 남아 있다.",
    },
    explain: {
      en:
        "A zombie: the OS keeps its entry in the process table and its exit status until " +
        "the parent collects them with wait() or waitpid() (tcpip zombie).",
      ko:
        "좀비 프로세스다. 부모가 wait나 waitpid 함수로 받아 갈 때까지 운영체제는 프로세스 " +
        "테이블의 항목과 종료 상태 값을 남겨 둔다 (tcpip zombie).",
    },
  },
  {
    id: "zombie-why",
    kind: "choice",
    ask: {
      en: "Why does the OS keep a zombie at all?",
      ko: "운영체제는 왜 좀비 프로세스를 남겨 두는가?",
    },
    options: [
      {
        en: "because the child crashed and could not be cleaned up",
        ko: "자식 프로세스가 비정상 종료해서 정리할 수 없기 때문에",
      },
      {
        en:
          "because the child's exit status must be kept until its parent asks for it",
        ko: "자식의 종료 상태 값을 부모가 요청할 때까지 보관해야 하기 때문에",
      },
      {
        en: "because the child is still running in the background",
        ko: "자식 프로세스가 뒤에서 아직 실행 중이기 때문에",
      },
      {
        en: "because the parent has already ended",
        ko: "부모 프로세스가 이미 종료했기 때문에",
      },
    ],
    answer: 2,
    hint: {
      en:
        "The value a child returns, or passes to exit(), is meant for someone. Who, and " +
        "when do they take it?",
      ko:
        "자식이 return하거나 exit 함수에 전달한 값은 누군가에게 전달되어야 한다. 누가, 언제 " +
        "받아 가는가?",
    },
    explain: {
      en:
        "The exit status is the parent's to take. The OS cannot hand it over before the " +
        "parent asks (wait/waitpid), so it keeps the ended child until then. If the parent " +
        "ends first, init adopts the child and collects it.",
      ko:
        "종료 상태 값은 부모 프로세스에게 전달할 값이다. 부모가 wait나 waitpid 함수로 " +
        "요청하기 전에는 전달할 수 없으므로 운영체제는 그때까지 종료한 자식을 남겨 둔다. " +
        "부모가 먼저 종료하면 init 프로세스가 자식을 넘겨받아 소멸시킨다.",
    },
  },
  {
    id: "zombie-not-prevented",
    kind: "choice",
    ask: {
      en: "Which of these does NOT keep a child from staying a zombie?",
      ko: "다음 중 자식 프로세스가 좀비로 남지 않게 하는 방법이 아닌 것은?",
    },
    options: [
      { en: "the parent calls wait()", ko: "부모가 wait 함수를 호출한다" },
      {
        en: "the parent calls waitpid()",
        ko: "부모가 waitpid 함수를 호출한다",
      },
      {
        en: "the parent registers a SIGCHLD handler that calls waitpid()",
        ko: "부모가 waitpid 함수를 호출하는 SIGCHLD 핸들러를 등록한다",
      },
      {
        en: "the parent calls sleep() long enough for the child to end",
        ko: "부모가 자식이 종료할 때까지 충분히 오래 sleep 함수를 호출한다",
      },
    ],
    answer: 4,
    hint: {
      en: "A zombie goes away only once someone has collected its exit status.",
      ko: "좀비는 누군가 종료 상태 값을 받아 가야만 소멸한다.",
    },
    explain: {
      en:
        "Sleeping collects nothing: zombie.c sleeps 30 s, and its child stays a zombie all " +
        "that time. wait(), waitpid() and a SIGCHLD handler that calls waitpid() all " +
        "collect the status.",
      ko:
        "sleep은 아무것도 받아 가지 않는다. zombie.c의 부모는 30초 동안 잠들고, 그동안 " +
        "자식은 계속 좀비로 남는다. wait, waitpid 함수와 waitpid를 호출하는 SIGCHLD " +
        "핸들러는 모두 종료 상태 값을 받아 간다.",
    },
  },
  {
    id: "wait-blocks",
    kind: "choice",
    ask: {
      en:
        "The parent calls wait() while none of its children has ended yet. What happens?",
      ko:
        "자식 프로세스가 하나도 종료하지 않은 상태에서 부모가 wait 함수를 호출하면 어떻게 " +
        "되는가?",
    },
    options: [
      { en: "wait() returns 0 at once", ko: "wait 함수가 곧바로 0을 반환한다" },
      {
        en: "wait() blocks until one of the children ends",
        ko: "자식 중 하나가 종료할 때까지 wait 함수가 블로킹된다",
      },
      {
        en: "wait() returns -1 at once",
        ko: "wait 함수가 곧바로 -1을 반환한다",
      },
      {
        en: "the children are ended by force",
        ko: "자식 프로세스들이 강제로 종료된다",
      },
    ],
    answer: 2,
    hint: {
      en: "Only one of the two functions can be told not to wait.",
      ko: "두 함수 가운데 기다리지 않도록 지정할 수 있는 것은 하나뿐이다.",
    },
    explain: {
      en:
        "wait() blocks until a child ends. waitpid() blocks too, unless it is given " +
        "WNOHANG: then it returns 0 at once while no child has ended (tcpip waitpid).",
      ko:
        "wait 함수는 자식이 종료할 때까지 블로킹 상태에 놓인다. waitpid 함수도 기본은 " +
        "같지만, WNOHANG을 전달하면 종료한 자식이 없을 때 블로킹되지 않고 바로 0을 " +
        "반환한다 (tcpip waitpid).",
    },
  },
  {
    id: "wnohang",
    kind: "word",
    ask: {
      en:
        "Which option, passed as waitpid()'s third argument, makes it return at once " +
        "when no child has ended yet?",
      ko:
        "종료한 자식이 없을 때 waitpid 함수가 블로킹되지 않고 바로 반환하게 하려면 세 번째 " +
        "인자로 무엇을 전달하는가?",
    },
    identifier: true,
    accept: ["WNOHANG"],
    reject: [
      "WUNTRACED",
      "WCONTINUED",
      "WIFEXITED",
      "WEXITSTATUS",
      "NULL",
      "0",
      "-1",
    ],
    shown: { en: "WNOHANG", ko: "WNOHANG" },
    hint: {
      en:
        "A constant of <sys/wait.h> whose name starts with W; waitpid.c passes it.",
      ko: "<sys/wait.h>에 정의된, W로 시작하는 상수다. waitpid.c가 사용한다.",
    },
    explain: {
      en:
        "WNOHANG: waitpid(-1, &status, WNOHANG) returns 0 instead of blocking while no " +
        "child has ended, so waitpid.c can print 'sleep 3sec.' in the meantime " +
        "(tcpip waitpid).",
      ko:
        "WNOHANG이다. waitpid(-1, &status, WNOHANG)은 종료한 자식이 없으면 블로킹되지 " +
        "않고 0을 반환하므로, waitpid.c는 그사이에 'sleep 3sec.'를 출력할 수 있다 " +
        "(tcpip waitpid).",
    },
  },
  {
    id: "wnohang-returns",
    kind: "number",
    ask: {
      en:
        "With WNOHANG, what does waitpid() return while no child has ended yet?",
      ko:
        "WNOHANG을 전달했을 때 종료한 자식이 아직 없으면 waitpid 함수는 무엇을 반환하는가?",
    },
    answer: 0,
    reject: [
      "pid",
      "child pid",
      "child's pid",
      "process id",
      "error",
      "자식 pid",
      "자식의 pid",
      "프로세스 id",
      "오류",
    ],
    shown: { en: "0", ko: "0" },
    hint: {
      en: "It is neither a process ID nor the -1 of an error.",
      ko: "프로세스 ID도 아니고, 오류를 뜻하는 -1도 아니다.",
    },
    explain: {
      en:
        "0. That is why waitpid.c loops with while (!waitpid(-1, &status, WNOHANG)). Once " +
        "a child has ended, it returns that child's process ID.",
      ko:
        "0을 반환한다. 그래서 waitpid.c는 while(!waitpid(-1, &status, WNOHANG))으로 " +
        "반복한다. 자식이 종료한 뒤에는 그 자식의 프로세스 ID를 반환한다.",
    },
  },
  {
    id: "sigchld",
    kind: "word",
    ask: {
      en:
        "Which signal does the OS send to a parent when one of its children ends?",
      ko:
        "자식 프로세스가 종료하면 운영체제가 부모 프로세스에게 보내는 시그널은?",
    },
    identifier: true,
    // SIGCLD is glibc's other name for it, CHLD the name kill -l prints.
    accept: ["SIGCHLD", "SIGCLD", "CHLD"],
    reject: [
      "SIGINT",
      "SIGALRM",
      "SIGKILL",
      "SIGTERM",
      "SIGHUP",
      "SIGSEGV",
      "SIGPIPE",
      "SIGSTOP",
      "SIGQUIT",
      "SIGUSR1",
    ],
    shown: { en: "SIGCHLD", ko: "SIGCHLD" },
    hint: {
      en: "SIG, followed by a short form of 'child'.",
      ko: "SIG 뒤에 '자식(child)'을 줄인 말이 붙는다.",
    },
    explain: {
      en:
        "SIGCHLD. Register a handler for it that calls waitpid(), and each child is " +
        "collected as it ends, with no zombie left (tcpip remove-zombie).",
      ko:
        "SIGCHLD다. waitpid 함수를 호출하는 핸들러를 이 시그널에 등록해 두면 자식이 " +
        "종료할 때마다 바로 종료 상태 값을 받아 가므로 좀비 프로세스가 남지 않는다 " +
        "(tcpip remove-zombie).",
    },
  },
  {
    id: "sigaction-why",
    kind: "choice",
    ask: {
      en: "Why does the book prefer sigaction() to signal()?",
      ko: "signal 함수보다 sigaction 함수를 쓰는 것이 좋은 이유는?",
    },
    options: [
      {
        en: "signal() cannot register a handler for SIGALRM",
        ko: "signal 함수로는 SIGALRM의 핸들러를 등록할 수 없어서",
      },
      {
        en:
          "signal() may behave differently from one UNIX system to another; sigaction() " +
          "behaves the same everywhere",
        ko:
          "signal 함수는 유닉스 계열 운영체제마다 동작이 다를 수 있지만, sigaction 함수는 " +
          "어디서나 같게 동작해서",
      },
      {
        en: "sigaction() delivers signals faster",
        ko: "sigaction 함수가 시그널을 더 빨리 전달해서",
      },
      {
        en: "signal() works only in a child process",
        ko: "signal 함수는 자식 프로세스에서만 동작해서",
      },
    ],
    answer: 2,
    hint: {
      en:
        "The difference is not which signals can be handled, but on which systems the " +
        "program runs.",
      ko:
        "차이는 다룰 수 있는 시그널의 종류가 아니라, 프로그램이 어느 시스템에서 실행되느냐에 " +
        "있다.",
    },
    explain: {
      en:
        "signal() has differed between UNIX systems (on some, a handler was unregistered " +
        "after one signal); sigaction() is specified the same everywhere, so it is the " +
        "safer choice (tcpip sigaction).",
      ko:
        "signal 함수는 유닉스 계열 운영체제마다 동작에 차이가 있었다 (시그널이 한 번 오면 " +
        "핸들러 등록이 풀리는 시스템도 있었다). sigaction 함수는 어디서나 동작이 같으므로 더 " +
        "안정적이다 (tcpip sigaction).",
    },
  },
  {
    id: "alarm-once",
    kind: "choice",
    ask: {
      en:
        "A program registers a SIGALRM handler, then calls alarm(2) once. What happens?",
      ko:
        "SIGALRM의 핸들러를 등록한 프로그램이 alarm(2)를 한 번 호출했다. 어떻게 되는가?",
    },
    options: [
      {
        en: "the program sleeps for 2 seconds",
        ko: "프로그램이 2초 동안 잠든다",
      },
      {
        en:
          "about 2 seconds later the OS sends SIGALRM once, and the handler runs",
        ko: "약 2초 뒤 운영체제가 SIGALRM을 한 번 보내고, 핸들러가 실행된다",
      },
      {
        en: "SIGALRM arrives every 2 seconds until the program ends",
        ko: "프로그램이 종료할 때까지 2초마다 SIGALRM이 온다",
      },
      {
        en: "the program ends after 2 seconds",
        ko: "2초 뒤 프로그램이 종료된다",
      },
    ],
    answer: 2,
    hint: {
      en: "signal.c's handler calls alarm(2) again. Why would it have to?",
      ko: "signal.c의 핸들러는 alarm(2)를 다시 호출한다. 왜 그래야 할까?",
    },
    explain: {
      en:
        "alarm(n) asks for one SIGALRM, n seconds from now; alarm() itself does not wait. " +
        "For a signal every 2 seconds, signal.c arms it again in the handler. With no " +
        "handler, SIGALRM would end the program (tcpip signal).",
      ko:
        "alarm(n)은 n초 뒤에 SIGALRM을 한 번 보내 달라고 예약할 뿐이며, alarm 함수 자신은 " +
        "기다리지 않는다. 2초마다 시그널을 받으려고 signal.c는 핸들러 안에서 alarm 함수를 " +
        "다시 호출한다. 핸들러가 없으면 SIGALRM이 프로그램을 종료시킨다 (tcpip signal).",
    },
  },
  {
    id: "sleep-wakes",
    kind: "truth",
    ask: {
      en:
        "When a signal with a registered handler arrives, a process blocked in sleep() " +
        "wakes up before its time.",
      ko:
        "핸들러가 등록된 시그널이 발생하면, sleep 함수 호출로 블로킹된 프로세스는 정해진 " +
        "시간보다 일찍 깨어난다.",
    },
    answer: true,
    hint: {
      en:
        "signal.c sleeps 100 seconds three times. Does it run for five minutes?",
      ko:
        "signal.c는 100초짜리 sleep을 세 번 한다. 실행하는 데 5분이 걸리던가?",
    },
    explain: {
      en:
        "True. The handler runs, then sleep() returns early with the seconds left; that " +
        "is why signal.c ends after about 6 seconds, not 300 (tcpip signal).",
      ko:
        "참이다. 핸들러가 실행되고 나면 sleep 함수는 남은 시간을 반환하며 일찍 끝난다. 그래서 " +
        "signal.c는 300초가 아니라 약 6초 만에 끝난다 (tcpip signal).",
    },
  },
  {
    id: "one-waitpid",
    kind: "truth",
    ask: {
      en:
        "A SIGCHLD handler that calls waitpid() once per signal always collects every " +
        "child that has ended.",
      ko:
        "시그널이 올 때마다 waitpid 함수를 한 번만 호출하는 SIGCHLD 핸들러는 종료한 자식을 " +
        "언제나 빠짐없이 처리한다.",
    },
    answer: false,
    hint: {
      en:
        "Two children end at the same moment. How many SIGCHLD signals is the parent " +
        "sure to get?",
      ko:
        "두 자식이 동시에 종료했다고 하자. 부모가 받는다고 확신할 수 있는 SIGCHLD는 몇 " +
        "번인가?",
    },
    explain: {
      en:
        "False. A signal that is already pending is not queued again, so two children " +
        "ending together may bring a single SIGCHLD. Loop instead: while " +
        "(waitpid(-1, &status, WNOHANG) > 0).",
      ko:
        "거짓이다. 이미 대기 중인 시그널은 다시 쌓이지 않으므로, 동시에 종료한 두 자식이 " +
        "SIGCHLD를 한 번만 발생시킬 수 있다. while(waitpid(-1, &status, WNOHANG) > 0)처럼 " +
        "반복해서 호출해야 한다.",
    },
  },
  {
    id: "server-close",
    kind: "choice",
    ask: {
      en:
        "In the multi-process echo server, after fork() the parent closes clnt_sock and " +
        "the child closes serv_sock. Why?",
      ko:
        "멀티프로세스 기반 에코 서버에서 fork 함수 호출 뒤 부모는 clnt_sock을, 자식은 " +
        "serv_sock을 닫는다. 그 이유는?",
    },
    options: [
      {
        en: "to free the memory the descriptors take",
        ko: "파일 디스크립터가 차지하는 메모리를 아끼려고",
      },
      {
        en:
          "after fork() each socket has two descriptors, and a socket is destroyed only " +
          "when all of them are closed; each process closes the one it does not use",
        ko:
          "fork 뒤에는 소켓마다 파일 디스크립터가 두 개씩이고, 소켓은 자신을 가리키는 " +
          "파일 디스크립터가 모두 닫혀야 소멸하므로, 각자 쓰지 않는 것을 닫는다",
      },
      {
        en: "a process may hold only one socket at a time",
        ko: "한 프로세스는 소켓을 하나만 가질 수 있어서",
      },
      {
        en: "so that the parent disconnects from the client at once",
        ko: "부모가 클라이언트와의 연결을 바로 끊으려고",
      },
    ],
    answer: 2,
    hint: {
      en:
        "Count the descriptors that refer to the client's socket right after fork().",
      ko:
        "fork 직후, 클라이언트와 연결된 소켓을 가리키는 파일 디스크립터가 몇 개인지 세어 보자.",
    },
    explain: {
      en:
        "One socket, two descriptors: the OS destroys a socket only when its last " +
        "descriptor is closed. If the parent kept clnt_sock, the connection would stay " +
        "open after the child closed its copy. If the child kept serv_sock, the listening " +
        "socket would live as long as the child: after the parent had ended, the port " +
        "would stay taken (bind() fails with 'Address already in use') until the child " +
        "exits too (tcpip fd-copy).",
      ko:
        "소켓은 하나인데 파일 디스크립터는 둘이다. 운영체제는 마지막 파일 디스크립터가 " +
        "닫혀야 소켓을 소멸시킨다. 부모가 clnt_sock을 닫지 않으면 자식이 자기 것을 " +
        "닫아도 연결이 끊기지 않는다. 자식이 serv_sock을 닫지 않으면 서버 소켓은 자식이 " +
        "종료할 때까지 남는다. 그래서 부모가 종료한 뒤에도 자식이 종료하기 전까지는 그 " +
        "포트를 쓸 수 없다. bind 함수가 'Address already in use'로 실패한다 " +
        "(tcpip fd-copy).",
    },
  },
  {
    id: "parent-close",
    kind: "truth",
    ask: {
      en:
        "When the echo server's parent calls close(clnt_sock) right after fork(), the " +
        "connection to the client is closed.",
      ko:
        "에코 서버의 부모가 fork 직후 close(clnt_sock)을 호출하면 클라이언트와의 연결이 " +
        "끊긴다.",
    },
    answer: false,
    hint: {
      en: "Who else holds a descriptor for that socket?",
      ko: "그 소켓을 가리키는 파일 디스크립터를 또 누가 가지고 있는가?",
    },
    explain: {
      en:
        "False. The child holds a descriptor for the same socket, so the parent's close() " +
        "removes only the parent's descriptor. The connection ends when the child closes " +
        "the last one.",
      ko:
        "거짓이다. 자식도 같은 소켓을 가리키는 파일 디스크립터를 가지고 있으므로, 부모의 " +
        "close는 부모의 파일 디스크립터만 없앤다. 연결은 자식이 마지막 파일 디스크립터를 " +
        "닫을 때 끊긴다.",
    },
  },
  {
    id: "socket-copied",
    kind: "yesno",
    ask: {
      en:
        "After fork(), does the child have a socket of its own, copied from the parent's " +
        "socket?",
      ko:
        "fork 함수 호출 뒤, 자식 프로세스는 부모의 소켓을 복사한 자기만의 소켓을 가지는가?",
    },
    answer: false,
    hint: {
      en:
        "A socket belongs to the OS, not to the process. What is in the process, to be " +
        "copied?",
      ko:
        "소켓은 프로세스가 아니라 운영체제의 것이다. 프로세스 안에 있어서 복사될 수 있는 것은 " +
        "무엇인가?",
    },
    explain: {
      en:
        "No. fork() copies the file descriptor table, not the socket: the parent's and the " +
        "child's descriptors both refer to the one socket the OS owns (tcpip fd-copy shows " +
        "it).",
      ko:
        "아니다. fork 함수는 소켓이 아니라 파일 디스크립터 테이블을 복사한다. 부모와 자식의 " +
        "파일 디스크립터는 운영체제가 가진 하나의 소켓을 함께 가리킨다 (tcpip fd-copy로 " +
        "확인할 수 있다).",
    },
  },
  {
    id: "handler-asks",
    kind: "choice",
    ask: {
      en:
        "Exercise 5: Ctrl+C runs a SIGINT handler that prints a prompt asking whether to " +
        "exit (y/n) and reads the answer. While the prompt waits for the answer:",
      ko:
        "연습문제 5: Ctrl+C를 누르면 SIGINT 핸들러가 종료할지 묻는 안내 메시지(y/n)를 " +
        "출력하고 답을 읽는다. 답을 기다리는 동안에는 어떻게 되는가?",
    },
    options: [
      {
        en: "the main loop keeps printing its line every second",
        ko: "main 함수의 반복문이 계속 1초마다 메시지를 출력한다",
      },
      {
        en:
          "the main loop is stopped: the handler runs in the same process, and the loop " +
          "goes on only after the handler returns",
        ko:
          "반복문은 멈춰 있다: 핸들러는 같은 프로세스에서 실행되고, 핸들러가 반환해야 " +
          "반복문이 이어진다",
      },
      {
        en:
          "the program has already ended; the answer only decides its exit status",
        ko: "프로그램은 이미 종료했고, 답은 종료 상태 값만 정한다",
      },
      {
        en: "a child process is started to ask, and the parent goes on",
        ko: "자식 프로세스가 생성되어 묻고, 부모는 계속 실행한다",
      },
    ],
    answer: 2,
    hint: {
      en: "A handler interrupts the process; it does not run beside it.",
      ko:
        "핸들러는 프로세스의 실행을 잠시 가로챌 뿐, 프로세스와 나란히 실행되지 않는다.",
    },
    explain: {
      en:
        "The handler runs in place of the interrupted code, so the loop waits. On y or Y " +
        "it calls exit(); on any other answer it returns, the loop goes on, and the " +
        "sleep(1) it cut short simply ends early (tcpip sigint-confirm).",
      ko:
        "핸들러는 중단된 코드 대신 실행되므로 반복문은 기다린다. y나 Y를 입력하면 exit " +
        "함수로 종료하고, 그 밖의 답이면 핸들러가 반환하여 반복문이 이어진다. 이때 중단된 " +
        "sleep(1)은 일찍 끝난다 (tcpip sigint-confirm).",
    },
  },
  {
    id: "half-close",
    kind: "choice",
    ask: {
      en:
        "The split echo client calls shutdown(sock, SHUT_WR) on q, not close(sock). Why?",
      ko:
        "입출력을 분할한 에코 클라이언트는 q를 입력받으면 close(sock)이 아니라 " +
        "shutdown(sock, SHUT_WR)을 호출한다. 그 이유는?",
    },
    options: [
      { en: "close() is slower", ko: "close 함수가 더 느려서" },
      {
        en:
          "half-close: only the output stream ends, so the server gets end of file while " +
          "the client can still receive the echoes on their way",
        ko:
          "Half-close: 출력 스트림만 종료하므로 서버는 EOF를 받고, 클라이언트는 아직 " +
          "돌아오는 에코 데이터를 계속 받을 수 있어서",
      },
      {
        en: "shutdown() ends the server as well",
        ko: "shutdown 함수는 서버도 함께 종료시켜서",
      },
      {
        en: "a socket cannot be passed to close()",
        ko: "소켓은 close 함수에 전달할 수 없어서",
      },
    ],
    answer: 2,
    hint: {
      en:
        "The client's reading half runs in another process and still expects data.",
      ko:
        "클라이언트의 읽기 부분은 다른 프로세스에서 실행 중이며 아직 데이터를 기다린다.",
    },
    explain: {
      en:
        "shutdown(SHUT_WR) sends end of file to the server and keeps the receiving " +
        "direction open. close() in the writing process would not even send end of file: " +
        "the reading process still holds a descriptor for the socket (tcpip echo-client).",
      ko:
        "shutdown(SHUT_WR)은 서버에 EOF를 보내면서 받는 방향은 열어 둔다. 쓰기 담당 " +
        "프로세스가 close 함수를 호출하면 EOF조차 전달되지 않는다. 읽기 담당 프로세스가 " +
        "그 소켓의 파일 디스크립터를 아직 가지고 있기 때문이다 (tcpip echo-client).",
    },
  },
];
