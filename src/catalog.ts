/**
 * The catalog: every program of chapters 10 and 11 that `tcpip` runs. This
 * one list drives dispatch, `tcpip list`, `--help`, `explain`, `source`, the
 * child entry and the catalog's validator test.
 *
 * @module
 */

import type { Chapter, ProgramModule, ProgramSpec } from "./program.ts";

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
    options: [],
    timed: false,
    load: () => import("../examples/fork.ts") as Promise<ProgramModule>,
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
    load: () => import("../examples/pipe1.ts") as Promise<ProgramModule>,
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
    load: () => import("../examples/pipe2.ts") as Promise<ProgramModule>,
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
    timed: false,
    load: () => import("../examples/pipe3.ts") as Promise<ProgramModule>,
  },
  {
    name: "three-conversation",
    aliases: ["conversation"],
    chapter: "exercises",
    book: "chapter 11, exercise 4",
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
    load: () =>
      import("../examples/three_conversation.ts") as Promise<ProgramModule>,
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
