/**
 * What `tcpip predict fd-copy` asks about chapter 10's exercise 3: after
 * fork(), is the socket copied, and what does the parent's close() do?
 * The program reads the answers from the OS (`/proc/<pid>/fd`, `lsof`).
 *
 * @module
 */

import {
  choice,
  type Option,
  type ProgramPredictions,
  yesNo,
} from "../prediction.ts";
import type { Observed } from "../predict_run.ts";

/** The program's four lines: `parent: fd N -> socket:[inode]` and friends. */
function lines(run: Observed) {
  return run.out.flatMap((line) => {
    const found = line.text.match(
      /^(parent|child):\s+fd (\d+) -> (socket:\[\d+\]|\(closed\))/,
    );
    return found
      ? [{ who: found[1], fd: Number(found[2]), what: found[3] }]
      : [];
  });
}

const AFTER_CLOSE: readonly Option[] = [
  {
    key: "open",
    text: {
      en: "still open: the same socket",
      ko: "여전히 열려 있다: 같은 소켓",
    },
  },
  {
    key: "closed",
    text: {
      en: "closed with the parent's",
      ko: "부모의 것과 함께 닫혔다",
    },
  },
  {
    key: "other",
    text: { en: "another socket", ko: "다른 소켓을 가리킨다" },
  },
];

/** What `tcpip predict fd-copy` asks. */
export const predictions: ProgramPredictions = {
  speeds: [],
  intro: () => ({
    en:
      "Exercise 3 of chapter 10: the parent makes a socket and forks; the program " +
      "shows both descriptor tables from the OS before and after the parent's close().",
    ko:
      "10장 내용 확인문제 3번: 부모가 소켓을 만들고 fork한다. 프로그램은 부모가 " +
      "close하기 전과 후의 두 파일 디스크립터 테이블을 OS에서 읽어 보여 준다.",
  }),
  pool: () => [
    {
      id: "fd-copy.same-number",
      kind: "yesno",
      ask: {
        en:
          "Will the child hold the socket under the same descriptor number as the parent?",
        ko: "자식은 부모와 같은 파일 디스크립터 번호로 소켓을 가질까?",
      },
      observe: (run) => {
        const [parent, child] = lines(run);
        return parent && child ? yesNo(parent.fd === child.fd) : null;
      },
      expected: yesNo(true),
      explain: () => ({
        en:
          "Yes: fork() copies the file descriptor table, entry by entry, so the child " +
          "finds the socket under the same number.",
        ko:
          "그렇다. fork는 파일 디스크립터 테이블을 항목 그대로 복사하므로 자식도 같은 " +
          "번호에서 소켓을 찾는다.",
      }),
    },
    {
      id: "fd-copy.same-socket",
      kind: "yesno",
      ask: {
        en: "Will both descriptors refer to one and the same socket?",
        ko: "두 파일 디스크립터는 같은 소켓 하나를 가리킬까?",
      },
      observe: (run) => {
        const [parent, child] = lines(run);
        return parent && child ? yesNo(parent.what === child.what) : null;
      },
      expected: yesNo(true),
      explain: () => ({
        en:
          "Yes: the same socket:[inode] in both tables. fork() copies descriptors, not " +
          "the socket, which lives in the kernel.",
        ko:
          "그렇다. 두 테이블에 같은 socket:[inode]가 있다. fork는 소켓이 아니라 파일 " +
          "디스크립터를 복사하며, 소켓은 커널 안에 있다.",
      }),
    },
    {
      id: "fd-copy.after-close",
      kind: "choice",
      ask: {
        en: "After the parent's close(), what will the child's descriptor be?",
        ko: "부모가 close한 뒤 자식의 파일 디스크립터는 어떻게 될까?",
      },
      options: AFTER_CLOSE,
      observe: (run) => {
        const [parent, , , child] = lines(run);
        if (!parent || !child) return null;
        const key = child.what === parent.what
          ? "open"
          : child.what === "(closed)"
          ? "closed"
          : "other";
        return {
          value: key,
          shown: AFTER_CLOSE.find((o) => o.key === key)!.text,
        };
      },
      expected: choice(AFTER_CLOSE, "open"),
      explain: () => ({
        en:
          "Still open: close() drops one descriptor, not the socket. A socket is " +
          "destroyed only when its last descriptor is closed.",
        ko:
          "여전히 열려 있다. close는 소켓이 아니라 파일 디스크립터 하나를 닫는다. 소켓은 " +
          "마지막 파일 디스크립터가 닫혀야 소멸한다.",
      }),
    },
  ],
};
