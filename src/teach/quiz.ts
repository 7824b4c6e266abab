/**
 * `tcpip quiz [10|11]`: review questions on processes, zombies, signals,
 * IPC and pipes, asked one by one. Answers are read from stdin (a terminal
 * or a pipe), each is graded and explained, and a score ends the round.
 *
 * @module
 */

import { PipeReader } from "../ipc/pipe.ts";
import { type Text, tr } from "../text.ts";

/** One review question. */
export interface Question {
  /** The chapter it reviews. */
  chapter: "10" | "11";
  /** The question. */
  ask: Text;
  /**
   * `true`/`false` for a true-or-false question; otherwise the accepted
   * answers (compared without case), the first as the quiz shows it.
   */
  answer: boolean | readonly string[];
  /** Why the answer is what it is. */
  explain: Text;
}

/** The review questions, chapter 10 first. */
export const QUESTIONS: readonly Question[] = [
  {
    chapter: "10",
    ask: {
      en:
        "After fork(), a global variable the child changes is also changed in the parent.",
      ko: "fork() 뒤에 자식이 바꾼 전역 변수는 부모에서도 바뀐다.",
    },
    answer: false,
    explain: {
      en:
        "fork() gives the child its own copy of all memory, globals included; each process " +
        "changes only its copy (tcpip fork).",
      ko:
        "fork()는 전역 변수를 포함한 메모리 전체의 사본을 자식에게 준다. 각 프로세스는 자기 " +
        "사본만 바꾼다 (tcpip fork).",
    },
  },
  {
    chapter: "10",
    ask: {
      en: "What does fork() return in the child process?",
      ko: "자식 프로세스에서 fork()는 무엇을 반환하는가?",
    },
    answer: ["0", "zero", "영"],
    explain: {
      en:
        "0 in the child, the child's pid in the parent, and -1 if no child could be made.",
      ko: "자식에서는 0, 부모에서는 자식의 pid, 자식을 만들지 못하면 -1이다.",
    },
  },
  {
    chapter: "10",
    ask: {
      en:
        "What is a process called that has ended but whose status its parent has not " +
        "collected yet? (one word)",
      ko:
        "끝났지만 부모가 아직 종료 상태를 가져가지 않은 프로세스를 무엇이라 하는가? (한 단어)",
    },
    answer: ["zombie", "좀비", "zombie process", "좀비 프로세스", "defunct"],
    explain: {
      en:
        "A zombie keeps its process-table entry and exit status until wait() or waitpid() " +
        "collects it (tcpip zombie).",
      ko:
        "좀비는 wait()나 waitpid()가 가져갈 때까지 프로세스 표의 자리와 종료 상태를 가진다 " +
        "(tcpip zombie).",
    },
  },
  {
    chapter: "10",
    ask: {
      en: "kill -9 removes a zombie from the process table.",
      ko: "kill -9로 좀비를 프로세스 표에서 없앨 수 있다.",
    },
    answer: false,
    explain: {
      en:
        "A zombie is already dead; a signal changes nothing. Only its parent collecting it, " +
        "or the parent's own end (then init collects it), removes it.",
      ko:
        "좀비는 이미 죽었으므로 시그널로는 아무것도 바뀌지 않는다. 부모가 회수하거나 부모가 " +
        "끝나야(그 뒤 init이 회수) 사라진다.",
    },
  },
  {
    chapter: "10",
    ask: {
      en:
        "Which option makes waitpid() return at once when no child has ended yet?",
      ko: "끝난 자식이 아직 없을 때 waitpid()가 바로 반환하게 하는 옵션은?",
    },
    answer: ["WNOHANG"],
    explain: {
      en:
        "With WNOHANG, waitpid() returns 0 instead of blocking (tcpip waitpid).",
      ko:
        "WNOHANG을 주면 waitpid()는 블로킹하지 않고 0을 반환한다 (tcpip waitpid).",
    },
  },
  {
    chapter: "10",
    ask: {
      en:
        "Which signal does the kernel send to a parent when one of its children ends?",
      ko: "자식이 끝날 때 커널이 부모에게 보내는 시그널은?",
    },
    answer: ["SIGCHLD", "SIGCLD"],
    explain: {
      en:
        "SIGCHLD. A handler for it can collect children as they end (tcpip remove-zombie).",
      ko: "SIGCHLD다. 이 시그널의 핸들러가 끝나는 자식을 바로 회수할 수 있다 " +
        "(tcpip remove-zombie).",
    },
  },
  {
    chapter: "10",
    ask: {
      en: "When a handled signal arrives, a sleep() in progress ends early.",
      ko: "처리되는 시그널이 오면 진행 중인 sleep()은 일찍 끝난다.",
    },
    answer: true,
    explain: {
      en:
        "After the handler runs, sleep() returns with the seconds left; that is why signal.c " +
        "ends in about 6 s, not 300 (tcpip signal).",
      ko:
        "핸들러가 돈 뒤 sleep()은 남은 초를 반환하며 끝난다. signal.c가 300초가 아니라 약 " +
        "6초 만에 끝나는 이유다 (tcpip signal).",
    },
  },
  {
    chapter: "10",
    ask: {
      en:
        "A SIGCHLD handler that calls waitpid() once per signal always collects every " +
        "ended child.",
      ko:
        "시그널 하나에 waitpid()를 한 번 부르는 SIGCHLD 핸들러는 끝난 자식을 언제나 모두 " +
        "회수한다.",
    },
    answer: false,
    explain: {
      en:
        "Signals of one kind do not queue: two children ending together may bring one " +
        "SIGCHLD. Loop while waitpid(-1, &status, WNOHANG) > 0.",
      ko:
        "같은 종류의 시그널은 쌓이지 않아서, 함께 끝난 두 자식이 SIGCHLD 하나만 보낼 수 있다. " +
        "waitpid(-1, &status, WNOHANG) > 0인 동안 반복하자.",
    },
  },
  {
    chapter: "11",
    ask: {
      en: "What is communication between processes called, in three letters?",
      ko: "프로세스 사이의 통신을 세 글자 약어로 무엇이라 하는가?",
    },
    answer: ["IPC"],
    explain: {
      en:
        "IPC, inter-process communication. Processes share no memory, so the kernel has to " +
        "carry the data, e.g. through a pipe.",
      ko:
        "IPC(Inter-Process Communication)다. 프로세스는 메모리를 공유하지 않으므로 파이프 " +
        "같은 것을 통해 커널이 데이터를 날라야 한다.",
    },
  },
  {
    chapter: "11",
    ask: {
      en:
        "A pipe belongs to the process that created it, so the child of a fork() cannot " +
        "use it.",
      ko: "파이프는 만든 프로세스의 것이라서 fork()로 생긴 자식은 쓸 수 없다.",
    },
    answer: false,
    explain: {
      en:
        "A pipe is a kernel object; the process only holds descriptors for its ends, and " +
        "fork() copies those descriptors to the child (tcpip pipe1).",
      ko:
        "파이프는 커널의 것이고 프로세스는 그 끝을 가리키는 디스크립터만 가진다. fork()가 그 " +
        "디스크립터를 자식에게 복사한다 (tcpip pipe1).",
    },
  },
  {
    chapter: "11",
    ask: {
      en:
        "After pipe(fds), which descriptor is the write end: fds[0] or fds[1]?",
      ko: "pipe(fds) 뒤 쓰기 끝은 fds[0]과 fds[1] 중 어느 것인가?",
    },
    answer: ["fds[1]", "1", "fds1"],
    explain: {
      en:
        "fds[1] is for writing, fds[0] for reading: bytes go in at 1 and come out at 0.",
      ko: "fds[1]이 쓰기, fds[0]이 읽기다. 바이트는 1로 들어가 0으로 나온다.",
    },
  },
  {
    chapter: "11",
    ask: {
      en:
        "A process that writes into a pipe and then reads from the same pipe can get its " +
        "own data back.",
      ko:
        "파이프에 쓰고 나서 같은 파이프에서 읽는 프로세스는 자기가 쓴 데이터를 도로 읽을 수 " +
        "있다.",
    },
    answer: true,
    explain: {
      en:
        "Whoever reads first takes the bytes; a pipe does not know who wrote them. That is " +
        "pipe2's race (tcpip pipe2 --race).",
      ko:
        "먼저 읽는 쪽이 바이트를 가져간다. 파이프는 누가 썼는지 모른다. pipe2의 경쟁 상태다 " +
        "(tcpip pipe2 --race).",
    },
  },
  {
    chapter: "11",
    ask: {
      en:
        "How many pipes make a reliable two-way conversation between two processes?",
      ko:
        "두 프로세스가 믿을 수 있게 양방향으로 대화하려면 파이프가 몇 개 필요한가?",
    },
    answer: ["2", "two", "둘", "두 개", "2개"],
    explain: {
      en:
        "Two, one per direction, so that each side reads only what the other wrote " +
        "(tcpip pipe3).",
      ko:
        "방향마다 하나씩 두 개다. 그래야 각자 상대가 쓴 것만 읽는다 (tcpip pipe3).",
    },
  },
  {
    chapter: "11",
    ask: {
      en:
        "read() on a pipe returns 0 (end of file) as soon as the writer pauses.",
      ko:
        "파이프의 read()는 쓰는 쪽이 잠시 멈추기만 해도 0(파일 끝)을 반환한다.",
    },
    answer: false,
    explain: {
      en:
        "read() waits while a write end is open anywhere; it returns 0 only when every " +
        "write end is closed, the reader's own copy included.",
      ko:
        "read()는 어딘가에 쓰기 끝이 열려 있는 한 기다린다. 읽는 쪽 자신의 사본을 포함해 모든 " +
        "쓰기 끝이 닫혀야 0을 반환한다.",
    },
  },
];

const TRUE_WORDS = [
  "t",
  "true",
  "o",
  "y",
  "yes",
  "참",
  "맞다",
  "맞음",
  "예",
  "네",
  "ㅇ",
];
const FALSE_WORDS = [
  "f",
  "false",
  "x",
  "n",
  "no",
  "거짓",
  "틀리다",
  "틀림",
  "아니오",
  "아니요",
];

/** Grades one answer: true (right), false (wrong) or null (skipped). */
export function grade(question: Question, input: string): boolean | null {
  const answer = input.trim().toLowerCase().replace(/\s+/g, " ");
  if (answer === "") return null;
  if (typeof question.answer === "boolean") {
    if (TRUE_WORDS.includes(answer)) return question.answer === true;
    if (FALSE_WORDS.includes(answer)) return question.answer === false;
    return false;
  }
  return question.answer.some((accepted) => accepted.toLowerCase() === answer);
}

/** The right answer, as the quiz shows it. */
export function rightAnswer(question: Question): string {
  if (typeof question.answer === "boolean") {
    return tr(
      question.answer ? { en: "true", ko: "참" } : { en: "false", ko: "거짓" },
    );
  }
  return question.answer[0];
}

/**
 * Asks the questions of `chapter` (all when undefined) on stdout, reading
 * answers from stdin. Resolves to the number answered right.
 */
export async function runQuiz(chapter?: "10" | "11"): Promise<number> {
  const questions = QUESTIONS.filter((q) =>
    chapter === undefined || q.chapter === chapter
  );
  const stdin = new PipeReader(Deno.stdin.readable, "stdin");
  const terminal = Deno.stdin.isTerminal();
  const encoder = new TextEncoder();
  const say = (text: string) => console.log(text);
  say(tr({
    en:
      `Review${
        chapter ? ` of chapter ${chapter}` : ""
      }: ${questions.length} questions. ` +
      "Type an answer and press Enter; an empty line skips.",
    ko:
      `${
        chapter ? `${chapter}장 ` : ""
      }복습: ${questions.length}문제. 답을 입력하고 Enter를 ` +
      "누르자. 빈 줄이면 건너뛴다.",
  }));
  let right = 0;
  let skipped = 0;
  let ended = false;
  for (const [index, question] of questions.entries()) {
    const kind = typeof question.answer === "boolean"
      ? tr({ en: "true or false (t/f)", ko: "참 또는 거짓 (o/x)" })
      : tr({ en: "short answer", ko: "단답형" });
    say(`\n${index + 1}/${questions.length} [${kind}] ${tr(question.ask)}`);
    await Deno.stdout.write(encoder.encode("> "));
    const input = ended ? null : await stdin.readLine();
    if (input === null) ended = true;
    if (!terminal) say(input ?? ""); // keep a piped transcript readable
    const result = grade(question, input ?? "");
    if (result === null) {
      skipped++;
      say(
        tr({
          en: `  Skipped. The answer: ${rightAnswer(question)}.`,
          ko: `  건너뜀. 답: ${rightAnswer(question)}.`,
        }),
      );
    } else if (result) {
      right++;
      say(tr({ en: "  Right.", ko: "  맞았다." }));
    } else {
      say(
        tr({
          en: `  Not quite. The answer: ${rightAnswer(question)}.`,
          ko: `  아쉽다. 답: ${rightAnswer(question)}.`,
        }),
      );
    }
    say(`  ${tr(question.explain)}`);
  }
  await stdin.close();
  say(tr({
    en: `\nScore: ${right} of ${questions.length}` +
      (skipped ? ` (${skipped} skipped)` : ""),
    ko: `\n점수: ${questions.length}문제 중 ${right}개` +
      (skipped ? ` (${skipped}개 건너뜀)` : ""),
  }));
  return right;
}
