/**
 * The catalog: every program of chapters 10 and 11 that `tcpip` runs, and
 * the only place a program is named. Dispatch, `tcpip list`, `--help`, the
 * module each program loads (`examples/<file>.ts`), `source`, `explain`
 * (`src/teach/explanations/<file>.ts`) and what the binary carries are all
 * derived from it; tests check the README's table and the folders against it.
 *
 * @example Find a program and load its module
 * ```ts
 * import { findProgram, loadProgram } from "./catalog.ts";
 *
 * const spec = findProgram("echo_mpserv")!; // the book's name works too
 * const program = await loadProgram(spec);
 * console.log(spec.name, typeof program.main); // "echo-server function"
 * ```
 *
 * @module
 */

import type {
  ArgSpec,
  Chapter,
  OptionSpec,
  ProgramModule,
  ProgramSpec,
} from "./program.ts";
import type { Text } from "./text.ts";
import { MAX_CLIENTS, MAX_PREFORK } from "./net/limits.ts";

/** The chapters, in the order `tcpip list` shows them. */
export const CHAPTERS: readonly {
  id: Chapter;
  title: { en: string; ko: string };
}[] = [
  {
    id: "10",
    title: {
      en: "Chapter 10: multi-process servers",
      ko: "10장: 멀티프로세스 기반의 서버 구현",
    },
  },
  {
    id: "11",
    title: {
      en: "Chapter 11: inter-process communication",
      ko: "11장: 프로세스간 통신",
    },
  },
  {
    id: "exercises",
    title: { en: "Exercises", ko: "내용 확인문제" },
  },
];

/** The port argument of the servers and the client: the book's 9190 by default. */
const PORT_ARG: ArgSpec = {
  name: "port",
  kind: "port",
  default: 9190,
  help: { en: "TCP port", ko: "TCP 포트" },
};

/** Options both echo servers take. */
const SERVER_OPTIONS: readonly OptionSpec[] = [
  {
    name: "host",
    kind: "host",
    value: "ADDR",
    default: "127.0.0.1",
    help: {
      en: "address to listen on (0.0.0.0: reachable from other machines)",
      ko: "기다릴 주소 (0.0.0.0: 다른 컴퓨터에서도 접속 가능)",
    },
  },
  {
    name: "max-clients",
    kind: "size",
    value: "N",
    default: 128,
    max: MAX_CLIENTS,
    help: {
      en:
        "clients served at once, one child (about 10 MB) each; more are told\n" +
        "the server is busy. Also no more than half this machine's memory holds",
      ko:
        "동시에 처리할 클라이언트 수, 하나에 자식 하나(약 10MB). 넘으면 바쁘다고\n" +
        "알리고 끊는다. 이 컴퓨터 메모리의 절반에 들어가는 수까지만 받는다",
    },
  },
  {
    name: "prefork",
    kind: "count",
    value: "N",
    default: 4,
    max: MAX_PREFORK,
    help: {
      en:
        "children started ahead to wait for clients (0: fork on accept); during bursts\n" +
        "the pool grows to 4 x N, at most 32 unless N is more (about 10 MB each)",
      ko:
        "클라이언트를 기다리도록 미리 시작해 둘 자식 수 (0: accept 때 fork).\n" +
        "클라이언트가 몰리면 4 x N개, N이 32보다 작으면 최대 32개까지 (하나에 약 10MB)",
    },
  },
];

/**
 * A value of the book's program that `tcpip predict` varies so that its
 * answers cannot be learnt by heart; the book's value by default.
 */
function variant(name: string, book: number, what: Text): OptionSpec {
  return {
    name,
    kind: "count",
    value: "N",
    default: book,
    help: {
      en: `${what.en} (the book's ${book}; tcpip predict varies it)`,
      ko: `${what.ko} (책은 ${book}. tcpip predict가 바꿔 가며 묻는다)`,
    },
  };
}

/** An exercise of the book's review questions (내용 확인문제), by chapter and number. */
function exercise(
  chapter: "10" | "11",
  number: number,
): Pick<ProgramSpec, "book" | "exercise"> {
  return {
    book: `chapter ${chapter}, exercise ${number}`,
    exercise: { chapter, number },
  };
}

/**
 * Where the book has `spec`, in both languages: its source file
 * (`fork.c`), or the exercise (`chapter 10, exercise 3`, `10장 내용
 * 확인문제 3번`).
 */
export function bookTitle(spec: ProgramSpec): Text {
  const exercise = spec.exercise;
  return exercise
    ? {
      en: `chapter ${exercise.chapter}, exercise ${exercise.number}`,
      ko: `${exercise.chapter}장 내용 확인문제 ${exercise.number}번`,
    }
    : { en: spec.book, ko: spec.book };
}

/** Every program, grouped by chapter in the order of the book. */
export const PROGRAMS: readonly ProgramSpec[] = [
  {
    name: "fork",
    aliases: [],
    chapter: "10",
    book: "fork.c",
    file: "fork",
    summary: {
      en:
        "fork() copies the process: parent and child change their own copies of two variables",
      ko:
        "fork()는 프로세스를 복사한다: 부모와 자식이 각자 복사본의 변수를 바꾼다",
    },
    args: [],
    options: [
      variant("gval", 10, {
        en: "the global gval starts at",
        ko: "전역 변수 gval의 처음 값",
      }),
      variant("lval", 20, {
        en: "the local lval starts at",
        ko: "지역 변수 lval의 처음 값",
      }),
    ],
    timed: false,
    notes: {
      all: {
        en:
          "Deno cannot copy a running process: fork() starts this program again, runs only\n" +
          "the child's part, and hands it gval and lval, which C's child finds in its copy.",
        ko:
          "Deno는 실행 중인 프로세스를 복사할 수 없다: fork()는 이 프로그램을 다시 실행해\n" +
          "자식 부분만 돌리고, C의 자식이 복사된 메모리에서 찾는 gval과 lval을 넘겨준다.",
      },
    },
  },
  {
    name: "zombie",
    aliases: [],
    chapter: "10",
    book: "zombie.c",
    file: "zombie",
    summary: {
      en:
        "a child that ended but was not collected stays a zombie (Z) while its parent sleeps",
      ko:
        "종료했지만 회수되지 않은 자식 프로세스는 부모 프로세스가 잠든 동안 좀비(Z)로 남는다",
    },
    args: [],
    options: [
      variant("sleep", 30, {
        en: "seconds the parent sleeps",
        ko: "부모가 잠자는 초",
      }),
    ],
    timed: true,
    notes: {
      windows: {
        en:
          "Windows has no zombie state: an ended process leaves the process list at once\n" +
          "(its parent only keeps a handle to read the exit code). The lines are the book's.",
        ko:
          "Windows에는 좀비 상태가 없다: 끝난 프로세스는 곧바로 프로세스 목록에서 사라진다\n" +
          "(부모는 종료 코드를 읽을 핸들만 가진다). 출력 줄은 책과 같다.",
      },
      unix: {
        en:
          "Deno's runtime reaps a child (waitpid) as soon as its event loop runs, so a Deno\n" +
          "program normally never shows a zombie. Here the parent blocks its whole thread\n" +
          "while it sleeps, as C's sleep() does, so nothing reaps the child until it wakes.",
        ko:
          "Deno 런타임은 이벤트 루프가 돌자마자 자식을 회수(waitpid)하므로 보통 Deno\n" +
          "프로그램에는 좀비가 보이지 않는다. 여기서는 C의 sleep()처럼 부모가 잠자는 동안\n" +
          "스레드 전체를 멈추므로, 깨어날 때까지 아무도 자식을 회수하지 않는다.",
      },
    },
  },
  {
    name: "wait",
    aliases: [],
    chapter: "10",
    book: "wait.c",
    file: "wait",
    summary: {
      en:
        "wait() collects two children's exit statuses (3 and 7); the OS picks which comes first",
      ko:
        "wait()로 두 자식 프로세스의 종료 상태 값(3과 7)을 받는다. 어느 것이 먼저일지는 OS가 정한다",
    },
    args: [],
    options: [
      variant("first-status", 3, {
        en: "what the first child returns",
        ko: "첫째 자식이 반환하는 값",
      }),
      variant("second-status", 7, {
        en: "what the second child passes to exit()",
        ko: "둘째 자식이 exit()에 넘기는 값",
      }),
    ],
    timed: true,
    children: { collects: true },
    notes: {
      unix: {
        en:
          "Deno's runtime reaps each child at the OS level as soon as it ends; wait() hands\n" +
          "over the statuses it keeps: of children that have all ended, the oldest first,\n" +
          "as Linux's wait() does. The order is the OS's choice, not a rule of wait().",
        ko:
          "Deno 런타임은 자식이 종료하자마자 OS 수준에서 회수한다. wait()는 보관한 종료 상태를\n" +
          "넘겨주는데, 모두 종료한 자식들 중에서는 리눅스의 wait()처럼 가장 먼저 만든 자식부터 준다.\n" +
          "이 순서는 OS가 정하는 것이지 wait()의 규칙이 아니다.",
      },
    },
  },
  {
    name: "waitpid",
    aliases: [],
    chapter: "10",
    book: "waitpid.c",
    file: "waitpid",
    summary: {
      en: "waitpid(WNOHANG) polls without blocking until the child returns 24",
      ko:
        "waitpid(WNOHANG)는 블로킹되지 않는다: 자식 프로세스가 24를 반환할 때까지 되풀이해 확인한다",
    },
    args: [],
    options: [
      variant("child-sleep", 15, {
        en: "seconds the child sleeps",
        ko: "자식이 잠자는 초",
      }),
    ],
    timed: true,
    children: { collects: true },
  },
  {
    name: "signal",
    aliases: [],
    chapter: "10",
    book: "signal.c",
    file: "signal",
    summary: {
      en:
        "signal(): SIGALRM every 2 s cuts each 100 s sleep short; Ctrl+C is handled too",
      ko:
        "signal(): 2초마다 오는 SIGALRM이 100초 sleep을 깨운다. Ctrl+C도 처리한다",
    },
    args: [],
    options: [
      variant("alarm", 2, {
        en: "seconds between alarms",
        ko: "알람 사이의 초",
      }),
    ],
    timed: true,
    notes: {
      windows: {
        en:
          "Windows has no SIGALRM: here alarm()'s timer calls timeout() itself, with no\n" +
          "signal involved. Ctrl+C is a real console event and runs keycontrol().",
        ko:
          "Windows에는 SIGALRM이 없다: 여기서는 alarm()의 타이머가 시그널 없이 timeout()을\n" +
          "직접 호출한다. Ctrl+C는 실제 콘솔 이벤트이며 keycontrol()을 실행한다.",
      },
    },
  },
  {
    name: "sigaction",
    aliases: [],
    chapter: "10",
    book: "sigaction.c",
    file: "sigaction",
    summary: {
      en: "the same alarm, registered with sigaction() and its struct",
      ko: "같은 알람을 sigaction()과 그 구조체로 등록한다",
    },
    args: [],
    options: [
      variant("alarm", 2, {
        en: "seconds between alarms",
        ko: "알람 사이의 초",
      }),
    ],
    timed: true,
    notes: {
      windows: {
        en:
          "Windows has no SIGALRM and no sigaction(): here alarm()'s timer calls timeout()\n" +
          "itself, with no signal involved.",
        ko:
          "Windows에는 SIGALRM도 sigaction()도 없다: 여기서는 alarm()의 타이머가 시그널 없이\n" +
          "timeout()을 직접 호출한다.",
      },
    },
  },
  {
    name: "remove-zombie",
    aliases: ["remove_zombie"],
    chapter: "10",
    book: "remove_zombie.c",
    file: "remove_zombie",
    summary: {
      en:
        "a SIGCHLD handler collects each child as it ends (statuses 12 and 24): no zombies",
      ko:
        "SIGCHLD 핸들러가 종료하는 자식 프로세스를 바로 회수한다 (상태 12와 24): 좀비가 남지 않는다",
    },
    args: [],
    options: [
      variant("first-status", 12, {
        en: "what the first child returns",
        ko: "첫째 자식이 반환하는 값",
      }),
      variant("second-status", 24, {
        en: "what the second child passes to exit()",
        ko: "둘째 자식이 exit()에 넘기는 값",
      }),
      {
        name: "together",
        kind: "boolean",
        help: {
          en:
            "the pitfall of the book's handler: five children (the book has two) end at the same\n" +
            "moment, so one SIGCHLD may stand for several; those never collected are named at the end",
          ko:
            "책의 핸들러에 숨은 함정: 자식 프로세스 다섯(책은 둘)이 같은 순간에 종료해 SIGCHLD\n" +
            "하나가 여럿을 대신할 수 있다. 끝내 회수되지 않은 자식 프로세스는 마지막에 알려 준다",
        },
      },
    ],
    timed: true,
    children: { collects: true, watch: true },
    notes: {
      windows: {
        en:
          "Windows has no SIGCHLD: here the end of each child, which Deno reports, runs the\n" +
          "handler instead, with no signal involved.",
        ko:
          "Windows에는 SIGCHLD가 없다: 여기서는 Deno가 알려 주는 자식의 종료가 시그널 없이\n" +
          "핸들러를 대신 실행한다.",
      },
    },
  },
  {
    name: "echo-server",
    aliases: ["echo-mpserv", "echo_mpserv"],
    chapter: "10",
    book: "echo_mpserv.c",
    file: "echo_server",
    summary: {
      en:
        "multi-process echo server: one child process per client, SIGCHLD collects them",
      ko:
        "멀티프로세스 에코 서버: 클라이언트마다 자식 프로세스, SIGCHLD로 회수",
    },
    args: [PORT_ARG],
    options: SERVER_OPTIONS,
    timed: false,
    children: { collects: true },
  },
  {
    name: "echo-client",
    aliases: ["echo-mpclient", "echo_mpclient"],
    chapter: "10",
    book: "echo_mpclient.c",
    file: "echo_client",
    summary: {
      en:
        "echo client with input and output split: q shuts down only the sending side",
      ko: "입출력을 분할한 에코 클라이언트: q는 보내는 쪽만 닫는다",
    },
    args: [
      {
        name: "ip",
        kind: "host",
        help: {
          en: "server address, e.g. 127.0.0.1",
          ko: "서버 주소, 예: 127.0.0.1",
        },
      },
      PORT_ARG,
    ],
    options: [{
      name: "close",
      kind: "boolean",
      help: {
        en:
          "the mistake the book warns against (its client calls shutdown()): q calls close()\n" +
          "instead; no FIN is sent, and the client hangs",
        ko:
          "책이 경고하는 실수(책의 클라이언트는 shutdown()을 호출한다): q에서 close()를\n" +
          "호출한다. FIN이 전송되지 않아 클라이언트가 멈춘다",
      },
    }, {
      name: "buf-size",
      kind: "size",
      value: "N",
      default: 30,
      help: {
        en: "bytes per read, so per printed line (the book's BUF_SIZE)",
        ko: "한 번에 읽는 바이트 수, 즉 출력 한 줄의 최대 크기 (책의 BUF_SIZE)",
      },
    }],
    timed: false,
  },
  {
    name: "pipe1",
    aliases: [],
    chapter: "11",
    book: "pipe1.c",
    file: "pipe1",
    summary: {
      en:
        "the child writes a message into a pipe; the parent reads and prints it",
      ko: "자식이 파이프에 메시지를 쓰고, 부모가 읽어서 출력한다",
    },
    args: [],
    options: [],
    timed: false,
  },
  {
    name: "pipe2",
    aliases: [],
    chapter: "11",
    book: "pipe2.c",
    file: "pipe2",
    summary: {
      en:
        "one pipe used in both directions, kept working by a sleep (--race: without it)",
      ko: "파이프 하나로 양방향 통신, sleep으로 겨우 동작 (--race: sleep 없이)",
    },
    args: [],
    options: [{
      name: "race",
      kind: "boolean",
      help: {
        en:
          "run the book's version without the child's sleep(2) and show the race",
        ko: "자식의 sleep(2)를 뺀 책의 버전을 실행해 경쟁 상태를 보여 줌",
      },
    }],
    timed: true,
  },
  {
    name: "pipe3",
    aliases: [],
    chapter: "11",
    book: "pipe3.c",
    file: "pipe3",
    summary: {
      en:
        "two pipes, one per direction: a two-way conversation with no timing tricks",
      ko: "방향마다 파이프 하나씩, 두 개로 하는 양방향 통신",
    },
    args: [],
    options: [],
    timed: true,
  },
  {
    name: "echo-storeserver",
    aliases: ["echo-storeserv", "echo_storeserv"],
    chapter: "11",
    book: "echo_storeserv.c",
    file: "echo_storeserver",
    summary: {
      en:
        "the echo server plus a store process that writes what clients send to a file",
      ko:
        "에코 서버에 클라이언트가 보낸 내용을 파일에 저장하는 프로세스를 더한 것",
    },
    args: [PORT_ARG],
    options: [
      ...SERVER_OPTIONS,
      {
        name: "out",
        kind: "string",
        value: "FILE",
        default: "echomsg.txt",
        help: {
          en: "the file the store process writes",
          ko: "저장 프로세스가 쓰는 파일",
        },
      },
      {
        name: "max-messages",
        kind: "count",
        value: "N",
        default: 10,
        help: {
          en:
            "reads after which the store process stops, as the book's 10 (0: no limit)",
          ko: "저장 프로세스가 멈추기까지 읽는 횟수, 책은 10 (0: 제한 없음)",
        },
      },
    ],
    timed: false,
    children: { collects: true },
  },
  {
    name: "fd-copy",
    aliases: [],
    chapter: "exercises",
    ...exercise("10", 3),
    file: "fd_copy",
    summary: {
      en:
        "after fork(), one socket, two descriptors: what the OS shows before and after close()",
      ko:
        "fork() 뒤 소켓 하나에 파일 디스크립터 둘: close() 전후에 OS가 보여 주는 것",
    },
    args: [],
    options: [],
    timed: false,
    notes: {
      unix: {
        en:
          "The child inherits the socket at its start under the same number, as fork()'s copy\n" +
          "of the descriptor table would give it. The echo server's children get theirs later,\n" +
          "sent with SCM_RIGHTS, under whatever number is free in their own table.",
        ko:
          "자식 프로세스는 시작할 때 같은 번호로 소켓을 물려받는다. fork()가 파일 디스크립터\n" +
          "테이블을 복사한 것과 같다. 에코 서버의 자식 프로세스는 나중에 SCM_RIGHTS로 소켓을\n" +
          "받으므로 자기 테이블에서 비어 있는 번호로 받는다.",
      },
    },
    unixOnly: {
      en:
        "fd-copy shows descriptor tables, which Windows does not show (nor has fork())",
      ko:
        "fd-copy는 파일 디스크립터 테이블을 보여 주는데, Windows는 이를 보여 주지 않는다 (fork()도 없다)",
    },
  },
  {
    name: "sigint-confirm",
    aliases: [],
    chapter: "exercises",
    ...exercise("10", 5),
    file: "sigint_confirm",
    summary: {
      en:
        "prints every second; Ctrl+C asks whether to exit and exits only on y/Y",
      ko: "1초마다 출력하고, Ctrl+C를 누르면 종료할지 묻고 y/Y일 때만 끝낸다",
    },
    args: [],
    options: [],
    timed: true,
  },
  {
    name: "three-conversation",
    aliases: ["conversation"],
    chapter: "exercises",
    ...exercise("11", 4),
    file: "three_conversation",
    summary: {
      en:
        "parent and child exchange three messages each over two pipes (lines from stdin)",
      ko:
        "부모와 자식이 파이프 두 개로 메시지를 세 번씩 주고받는다 (표준 입력의 줄)",
    },
    args: [],
    options: [],
    timed: false,
  },
];

/** Finds a program by its name or an alias. */
export function findProgram(name: string): ProgramSpec | undefined {
  return PROGRAMS.find((spec) =>
    spec.name === name || spec.aliases.includes(name)
  );
}

/** Finds a program by its module's file name (as the child entry knows it). */
export function programByFile(file: string): ProgramSpec | undefined {
  return PROGRAMS.find((spec) => spec.file === file);
}

/** The URL of a program's module, `examples/<file>.ts`. */
export function programUrl(spec: ProgramSpec): URL {
  return new URL(`../examples/${spec.file}.ts`, import.meta.url);
}

/**
 * Loads a program's module. The specifier is computed, so Deno loads it only
 * when the program runs (`tcpip list` loads none of them).
 */
export function loadProgram(spec: ProgramSpec): Promise<ProgramModule> {
  return import(programUrl(spec).href);
}
