/**
 * The glossary: the Korean the tool writes for each term of the book, the
 * forms it must never write instead, and the style of its Korean (한다체,
 * as a Korean textbook). Data only; a test (tests/glossary_test.ts) holds
 * every Korean text of the tool against it: the catalog, `list`, `--help`,
 * `explain`, `quiz`, `predict` and the notes.
 *
 * @example
 * ```ts
 * import { misuses } from "./glossary.ts";
 *
 * misuses("부모가 끝났지만 디스크립터는 남는다");
 * // ["끝났지만: a process 종료한다 ...", "디스크립터: ..."]
 * ```
 *
 * @module
 */

/** One term of the book, and how the tool writes it in Korean. */
export interface Term {
  /** The English term. */
  en: string;
  /** The Korean form the tool writes. */
  ko: string;
  /** Forms that must not appear in the tool's Korean, in its place. */
  never?: readonly RegExp[];
}

/** The book's terms, as every Korean text of the tool writes them. */
export const GLOSSARY: readonly Term[] = [
  {
    en: "file descriptor",
    ko: "파일 디스크립터",
    // 디스크립터 alone; 파일 디스크립터 (테이블) is the book's term.
    never: [/(?<!파일\s?)디스크립터/],
  },
  { en: "file descriptor table", ko: "파일 디스크립터 테이블" },
  { en: "process table", ko: "프로세스 테이블" },
  {
    en: "a process ends",
    ko: "종료한다",
    never: [
      /끝났지만/,
      /끝난 순서/,
      /끝나는 자식/,
      /(?:자식|부모|프로세스|프로그램|tcpip)[가-힣]{0,3}\s(?:강제로\s|곧바로\s|바로\s|먼저\s)?(?:끝나|끝난|끝났|끝날)/,
    ],
  },
  { en: "a socket is destroyed", ko: "소멸한다" },
  {
    en: "blocks, a blocking call",
    ko: "블로킹된다, 블로킹 함수",
    never: [/막히지\s?않/],
  },
  {
    en: "the pipe's entrance / exit (write end fds[1] / read end fds[0])",
    ko: "파이프의 입구(fds[1]) / 출구(fds[0])",
    never: [/쓰기\s?끝/, /읽기\s?끝/],
  },
  { en: "half-close, shutdown(SHUT_WR)", ko: "Half-close(출력 스트림만 종료)" },
  { en: "end of file", ko: "EOF" },
  { en: "zombie (process); collect (wait)", ko: "좀비 프로세스; 회수" },
  { en: "exit status", ko: "종료 상태 값" },
  { en: "a signal with a registered handler", ko: "핸들러가 등록된 시그널" },
  { en: "race", ko: "경쟁 상태" },
  { en: "listening socket (serv_sock)", ko: "서버 소켓" },
  { en: "the tool's [tcpip] notes", ko: "안내 메시지", never: [/설명 줄/] },
  { en: "Linux", ko: "리눅스", never: [/Linux/] },
];

/**
 * Word-for-word renderings a review found, rewritten as a textbook would
 * write them; they must not come back.
 */
export const CALQUES: readonly RegExp[] = [
  /시간이 함께 출발/,
  /그동안의 프로세스가/,
  /테이블의 칸/,
  /사실대로 답하려고/,
  /이벤트 루프 한 바퀴/,
  /날것의 두 반쪽/,
  /손으로 움직여/,
  /덕분에만/,
  /넘어가지만/,
  /한 번은 한 번으로 센다/,
  /두 시계/,
];

/**
 * The style: 한다체 throughout, as a Korean textbook (no 합니다체 or 해요체
 * in what the tool says).
 */
export const STYLE: readonly RegExp[] = [
  /(?:습니다|입니다|합니다|됩니다|ㅂ니다|세요|에요|예요)(?![가-힣])/,
];

/**
 * What `text` writes against the glossary, the calques or the style: one
 * line per misuse, naming the form found and what to write; none when it
 * keeps them all.
 */
export function misuses(text: string): string[] {
  const plain = text.replace(/\s+/g, " ");
  const found: string[] = [];
  for (const term of GLOSSARY) {
    for (const form of term.never ?? []) {
      const hit = plain.match(form);
      if (hit) found.push(`${hit[0]}: write ${term.ko} (${term.en})`);
    }
  }
  for (const form of CALQUES) {
    const hit = plain.match(form);
    if (hit) found.push(`${hit[0]}: a calque; write it as a textbook would`);
  }
  for (const form of STYLE) {
    const hit = plain.match(form);
    if (hit) found.push(`${hit[0]}: write 한다체`);
  }
  return found;
}
