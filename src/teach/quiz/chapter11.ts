/**
 * The review questions of chapter 11 (inter-process communication: IPC, pipes one way and both ways), in our own words: data
 * only. `../quiz.ts` asks them and marks the answers.
 *
 * @module
 */

import type { Question } from "./question.ts";

/** Chapter 11's questions, in the order the quiz asks them. */
export const CHAPTER_11: readonly Question[] = [
  {
    id: "ipc",
    kind: "choice",
    ask: {
      en: "What does IPC (inter-process communication) mean?",
      ko: "프로세스간 통신(IPC)이란 무엇인가?",
    },
    options: [
      {
        en: "a process calling its own functions",
        ko: "프로세스가 자기 함수를 호출하는 것",
      },
      {
        en:
          "exchanging data between processes; since processes share no memory, the OS " +
          "kernel provides a place both can reach",
        ko:
          "서로 다른 프로세스가 데이터를 주고받는 것. 프로세스는 메모리를 공유하지 않으므로 " +
          "운영체제 커널이 두 프로세스가 함께 접근할 수 있는 공간을 마련해 준다",
      },
      {
        en: "two processes running in one shared memory space",
        ko: "두 프로세스가 하나의 메모리 공간에서 함께 실행되는 것",
      },
      {
        en: "a protocol for sending data from one computer to another",
        ko: "컴퓨터와 컴퓨터 사이에 데이터를 보내는 프로토콜",
      },
    ],
    answer: 2,
    hint: {
      en:
        "Read the name: between processes. Then ask where data must be for both to reach it.",
      ko:
        "이름 그대로 '프로세스 사이'의 통신이다. 두 프로세스가 함께 접근하려면 데이터가 " +
        "어디에 있어야 할까?",
    },
    explain: {
      en:
        "IPC is exchanging data between processes. Each process has memory of its own, so " +
        "the data has to pass through a place the kernel provides, such as a pipe " +
        "(tcpip pipe1).",
      ko:
        "IPC는 프로세스 사이에 데이터를 주고받는 것이다. 프로세스마다 메모리가 따로 있으므로 " +
        "데이터는 파이프처럼 커널이 마련한 공간을 거쳐야 한다 (tcpip pipe1).",
    },
  },
  {
    id: "ipc-letters",
    kind: "word",
    ask: {
      en: "What is communication between processes called, in three letters?",
      ko: "프로세스간 통신을 영문 약자 세 글자로 무엇이라 하는가?",
    },
    accept: [
      "IPC",
      "inter process communication",
      "interprocess communication",
    ],
    reject: ["TCP", "UDP", "RPC", "API", "CPU", "PID"],
    shown: { en: "IPC", ko: "IPC" },
    hint: {
      en: "Its first letter stands for 'inter', its last for 'communication'.",
      ko: "첫 글자는 'Inter', 마지막 글자는 'Communication'의 머리글자다.",
    },
    explain: {
      en:
        "IPC, Inter-Process Communication. A pipe is one kind; message queues and shared " +
        "memory are others.",
      ko:
        "IPC(Inter-Process Communication)다. 파이프가 그중 하나이고, 메시지 큐나 공유 " +
        "메모리도 있다.",
    },
  },
  {
    id: "global-variable",
    kind: "truth",
    ask: {
      en:
        "A parent and its child made by fork() can exchange data by writing to a global " +
        "variable.",
      ko:
        "fork 함수로 생긴 부모와 자식 프로세스는 전역 변수에 값을 써서 데이터를 주고받을 수 " +
        "있다.",
    },
    answer: false,
    hint: {
      en:
        "In fork.c the child adds 2 to gval. Which value does the parent print?",
      ko: "fork.c에서 자식은 gval에 2를 더한다. 부모는 어떤 값을 출력하는가?",
    },
    explain: {
      en:
        "False. After fork() each process has its own copy of every variable, so a write " +
        "in one never shows in the other; that is why they need IPC (tcpip fork).",
      ko:
        "거짓이다. fork 뒤에는 프로세스마다 변수의 복사본을 따로 가지므로 한쪽에서 쓴 값이 " +
        "다른 쪽에 보이지 않는다. 그래서 IPC가 필요하다 (tcpip fork).",
    },
  },
  {
    id: "why-os",
    kind: "choice",
    ask: {
      en:
        "Why can two processes not exchange data without the operating system's help?",
      ko:
        "두 프로세스가 운영체제의 도움 없이는 데이터를 주고받을 수 없는 이유는?",
    },
    options: [
      {
        en: "processes may not run at the same time",
        ko: "프로세스들은 동시에 실행될 수 없어서",
      },
      {
        en:
          "each process has memory of its own that no other process can reach, so only " +
          "the OS can provide a place both can use",
        ko:
          "프로세스마다 완전히 별개의 메모리 공간을 가지므로 서로의 메모리에 접근할 수 없고, " +
          "함께 쓸 공간은 운영체제만 마련해 줄 수 있어서",
      },
      {
        en: "only the OS knows the processes' names",
        ko: "프로세스의 이름은 운영체제만 알아서",
      },
      { en: "pipes are hardware devices", ko: "파이프는 하드웨어 장치여서" },
    ],
    answer: 2,
    hint: {
      en: "Where could one process write so that the other can read it?",
      ko: "한 프로세스가 어디에 써야 다른 프로세스가 읽을 수 있을까?",
    },
    explain: {
      en:
        "Every process has an address space of its own, closed to the others. Only the " +
        "kernel is shared by all of them, so it provides the meeting point: a pipe, for " +
        "example.",
      ko:
        "프로세스마다 다른 프로세스는 접근할 수 없는 자기만의 메모리 공간이 있다. 모든 " +
        "프로세스가 함께 쓰는 것은 운영체제(커널)뿐이므로, 파이프 같은 만남의 장소를 " +
        "운영체제가 마련해 준다.",
    },
  },
  {
    id: "pipe-owner",
    kind: "choice",
    ask: {
      en: "Who makes a pipe, and whose is it?",
      ko: "파이프는 누가 생성하며, 누구의 소유인가?",
    },
    options: [
      {
        en:
          "the process makes it in its own memory, and it belongs to that process",
        ko: "프로세스가 자기 메모리에 만들며, 그 프로세스의 소유다",
      },
      {
        en:
          "the process asks the OS with pipe(); the OS makes it, and it belongs to the OS, " +
          "not to the process",
        ko:
          "프로세스가 pipe 함수로 운영체제에 요청하면 운영체제가 생성하며, 프로세스가 아닌 " +
          "운영체제의 소유다",
      },
      {
        en: "fork() makes it, and it belongs to the child",
        ko: "fork 함수가 만들며, 자식 프로세스의 소유다",
      },
      {
        en:
          "the parent makes it, and it belongs to the parent and its children",
        ko: "부모 프로세스가 만들며, 부모와 자식의 공동 소유다",
      },
    ],
    answer: 2,
    hint: {
      en:
        "If the pipe lived in one process's memory, could the other process reach it?",
      ko:
        "파이프가 한 프로세스의 메모리 안에 있다면 다른 프로세스가 접근할 수 있을까?",
    },
    explain: {
      en:
        "pipe() is a request to the OS. The pipe lives in the kernel, as a socket does; " +
        "the process gets only two file descriptors for its ends, which fork() can copy.",
      ko:
        "pipe 함수는 운영체제에 보내는 요청이다. 파이프는 소켓처럼 운영체제 안에 있고, " +
        "프로세스는 파이프의 입구와 출구를 가리키는 파일 디스크립터 두 개만 받는다. 이 파일 " +
        "디스크립터는 fork 함수로 복사할 수 있다.",
    },
  },
  {
    id: "pipe-entrance",
    kind: "word",
    ask: {
      en:
        "After pipe(fds), which element is the pipe's entrance, where data is written: " +
        "fds[0] or fds[1]?",
      ko:
        "pipe(fds) 호출 뒤, 데이터를 쓰는 파이프의 입구는 fds[0]과 fds[1] 중 어느 것인가?",
    },
    accept: ["fds[1]", "1", "1번", "[1]"],
    reject: ["fds[0]", "0", "0번", "[0]"],
    shown: { en: "fds[1]", ko: "fds[1]" },
    hint: {
      en: "In pipe1.c it is what the child passes to write().",
      ko: "pipe1.c에서 자식 프로세스가 write 함수에 전달하는 것이다.",
    },
    explain: {
      en:
        "fds[1] is the entrance (the write end), fds[0] the exit (the read end): bytes " +
        "written into fds[1] come out of fds[0] (tcpip pipe1).",
      ko:
        "fds[1]이 파이프의 입구(쓰는 쪽), fds[0]이 출구(읽는 쪽)다. fds[1]에 쓴 데이터가 " +
        "fds[0]으로 나온다 (tcpip pipe1).",
    },
  },
  {
    id: "pipe-exit",
    kind: "truth",
    ask: {
      en: "fds[0] is the pipe's exit: the end a process reads from.",
      ko: "fds[0]은 파이프의 출구, 즉 데이터를 읽는 쪽이다.",
    },
    answer: true,
    hint: {
      en:
        "pipe1.c's parent prints what it reads. Which element does it pass to read()?",
      ko:
        "pipe1.c의 부모는 읽은 것을 출력한다. read 함수에 어느 원소를 전달하는가?",
    },
    explain: {
      en: "True: read(fds[0], ...) takes out what write(fds[1], ...) put in.",
      ko:
        "참이다. write(fds[1], ...)로 넣은 데이터를 read(fds[0], ...)로 꺼낸다.",
    },
  },
  {
    id: "pipe-before-fork",
    kind: "choice",
    ask: {
      en:
        "How do a parent and its child both come to hold the descriptors of one pipe?",
      ko:
        "부모와 자식 프로세스는 어떻게 하나의 파이프에 대한 파일 디스크립터를 함께 가지게 " +
        "되는가?",
    },
    options: [
      {
        en: "each calls pipe(), and the OS joins the two pipes",
        ko: "각자 pipe 함수를 호출하면 운영체제가 두 파이프를 이어 준다",
      },
      {
        en:
          "the parent calls pipe() before fork(); fork() copies the file descriptor table, " +
          "so the child holds the same two descriptors",
        ko:
          "부모가 fork 함수 호출 전에 pipe 함수를 호출한다. fork 함수가 파일 디스크립터 " +
          "테이블을 복사하므로 자식도 같은 두 파일 디스크립터를 가진다",
      },
      {
        en: "the parent calls pipe() after fork()",
        ko: "부모가 fork 함수 호출 뒤에 pipe 함수를 호출한다",
      },
      {
        en: "the parent sends them to the child through a socket",
        ko: "부모가 소켓을 통해 자식에게 보내 준다",
      },
    ],
    answer: 2,
    hint: {
      en:
        "What does fork() copy, and what must already exist for it to be copied?",
      ko:
        "fork 함수는 무엇을 복사하는가? 복사되려면 그 전에 무엇이 있어야 하는가?",
    },
    explain: {
      en:
        "Order matters: pipe() first, then fork(). The child's copy of the file descriptor " +
        "table then refers to the same pipe; a pipe made after fork() is known to one " +
        "process only.",
      ko:
        "순서가 중요하다. pipe 함수를 먼저, 그다음 fork 함수를 호출한다. 그러면 자식이 복사해 " +
        "받은 파일 디스크립터 테이블도 같은 파이프를 가리킨다. fork 뒤에 만든 파이프는 한 " +
        "프로세스만 안다.",
    },
  },
  {
    id: "pipe2-problem",
    kind: "choice",
    ask: {
      en:
        "pipe2.c uses one pipe in both directions. Without the child's sleep(2), what " +
        "can go wrong?",
      ko:
        "pipe2.c는 파이프 하나로 양방향 통신을 한다. 자식의 sleep(2)가 없으면 어떤 문제가 " +
        "생길 수 있는가?",
    },
    options: [
      {
        en:
          "nothing: a pipe delivers data to the process that did not write it",
        ko: "문제없다: 파이프는 데이터를 쓰지 않은 쪽 프로세스에게 전달한다",
      },
      {
        en:
          "the child can read back the message it has just written, since whoever reads " +
          "first takes the data; the parent then waits for ever",
        ko:
          "자식이 방금 쓴 데이터를 자기가 다시 읽을 수 있다. 먼저 읽는 쪽이 데이터를 " +
          "가져가기 때문이며, 그러면 부모는 끝없이 기다린다",
      },
      { en: "the OS closes the pipe", ko: "운영체제가 파이프를 닫아 버린다" },
      {
        en: "every message is delivered twice",
        ko: "모든 데이터가 두 번씩 전달된다",
      },
    ],
    answer: 2,
    hint: {
      en: "Does a pipe remember who wrote the bytes in it?",
      ko: "파이프는 안에 든 데이터를 누가 썼는지 기억할까?",
    },
    explain: {
      en:
        "A pipe does not know who wrote what: the first read() takes the data, and " +
        "without the sleep nothing decides whose read() comes first (tcpip pipe2 --race; " +
        "tcpip predict pipe2 lets you bet on it).",
      ko:
        "파이프는 누가 무엇을 썼는지 모르며, 먼저 read 함수를 호출한 쪽이 데이터를 " +
        "가져간다. sleep이 없으면 누구의 read가 먼저일지 정해져 있지 않다 (tcpip pipe2 " +
        "--race로 실행해 보고, tcpip predict pipe2로 미리 맞혀 보자).",
    },
  },
  {
    id: "pipes-needed",
    kind: "number",
    ask: {
      en:
        "How many pipes does a reliable two-way conversation between two processes need?",
      ko:
        "두 프로세스가 안정적으로 양방향 통신을 하려면 파이프가 몇 개 필요한가?",
    },
    answer: 2,
    reject: [],
    shown: { en: "2", ko: "2개" },
    hint: {
      en: "pipe3.c fixes pipe2.c's problem. Count its calls to pipe().",
      ko:
        "pipe3.c가 pipe2.c의 문제를 해결한다. pipe 함수를 몇 번 호출하는지 세어 보자.",
    },
    explain: {
      en:
        "Two, one per direction (fds1 from child to parent, fds2 back), so each process " +
        "reads only what the other wrote (tcpip pipe3).",
      ko:
        "2개다. 방향마다 하나씩(자식에서 부모로 fds1, 부모에서 자식으로 fds2) 두면 각 " +
        "프로세스는 상대가 쓴 데이터만 읽는다 (tcpip pipe3).",
    },
  },
  {
    id: "read-eof",
    kind: "truth",
    ask: {
      en:
        "read() on a pipe returns 0 (end of file) as soon as the writer pauses.",
      ko: "파이프에 쓰는 쪽이 잠시 쉬기만 해도 read 함수는 0(EOF)을 반환한다.",
    },
    answer: false,
    hint: {
      en: "When is it certain that no more data can ever come?",
      ko: "더 이상 데이터가 올 수 없다는 것은 언제 확실해질까?",
    },
    explain: {
      en:
        "False. While the pipe is empty, read() blocks as long as any entrance (write " +
        "end) of the pipe is open in any process, the reader's own copy included; it " +
        "returns 0 only once the pipe is empty and every entrance is closed.",
      ko:
        "거짓이다. 파이프가 비어 있을 때 어느 프로세스에서든 파이프의 입구(쓰는 쪽)가 " +
        "하나라도 열려 있으면 read 함수는 블로킹되어 기다린다. 파이프가 비어 있고, 읽는 " +
        "프로세스 자신이 가진 입구까지 모두 닫혀야 0을 반환한다.",
    },
  },
];
