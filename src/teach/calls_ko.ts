/**
 * The Korean of the prose in the examples' C tables (the header of each
 * `examples/<file>.ts`, which `explain` prints). Data only, keyed by the
 * English cell with its code in placeholders: `` `sleep(3)` (divided by
 * `--speed`) `` is `{0} (divided by {1})`, and its Korean puts the same code
 * back. `{1:으로/로}` is the code followed by its particle (`--speed로`).
 * The code itself is the same in both languages; a test checks that every
 * cell with prose has its Korean here.
 *
 * @module
 */

/** Korean for each English cell template, by the template. */
export const CALLS_KO: Readonly<Record<string, string>> = {
  // fork
  "the {0} role, run in the child process":
    "{0} 역할: 자식 프로세스에서 실행된다",
  "the copied memory": "복사된 메모리",
  "the {0} handed to the child": "자식 프로세스에 넘겨주는 {0}",
  // zombie
  "the {0} role": "{0} 역할",
  "{0} (blocks the process)": "{0} (프로세스를 블로킹한다)",
  "{0} (blocks the thread)": "{0} (스레드를 블로킹한다)",
  "{0} in another terminal": "다른 터미널에서 실행하는 {0}",
  "the watcher's notes (and {0} still works)":
    "감시 스레드의 안내 메시지 ({0}도 그대로 쓸 수 있다)",
  // wait, waitpid
  "{0} (twice)": "{0} (두 번)",
  "{0}: a child that ended": "{0}: 종료한 자식 프로세스",
  "the same names, on the status {0} gives":
    "같은 이름, {0}의 결과인 종료 상태에 쓴다",
  "{0} (divided by {1})": "{0} ({1:으로/로} 나뉜다)",
  "returns 0 while no child has ended":
    "종료한 자식 프로세스가 없으면 0을 반환한다",
  "resolves to {0}": "{0:을/를} 돌려준다",
  "{0} (child)": "{0} (자식 프로세스)",
  "{0} (parent)": "{0} (부모 프로세스)",
  "the same, in the child process": "같은 코드를 자식 프로세스에서 실행한다",
  // signal, sigaction, remove-zombie, sigint-confirm
  "{0} (a real signal)": "{0} (진짜 시그널)",
  "{0} (real)": "{0} (진짜 시그널)",
  "{0} (the kernel's timer)": "{0} (커널의 타이머)",
  "{0}: a timer sends SIGALRM in 2 s": "{0}: 타이머가 2초 뒤 SIGALRM을 보낸다",
  "{0} (cut short)": "{0} (중간에 깨어난다)",
  "{0}: returns the seconds left": "{0}: 남은 초를 반환한다",
  "{0} / {1} (children)": "{0} / {1} (자식 프로세스들)",
  "{0} in the handler": "핸들러 안의 {0}",
  "{0}: blocks the process": "{0}: 프로세스를 블로킹한다",
  "{0} on y/Y": "y/Y일 때 {0}",
  "{0} in the loop": "반복문 안의 {0}",
  "{0} (a handled signal cuts it)":
    "{0} (핸들러가 등록된 시그널이 오면 깨어난다)",
  // echo-server, echo-storeserver
  "{0}: a child forked ahead": "{0}: 미리 fork해 둔 자식 프로세스",
  "the child's copy of {0}": "자식 프로세스가 가진 {0}의 복사본",
  "{0}: sent by the parent": "{0}: 부모 프로세스가 보내 준다",
  "{0} (blocking, as in C)": "{0} (C처럼 블로킹 함수)",
  "child: {0}": "자식 프로세스: {0}",
  "{0}: the client sees EOF now": "{0}: 이때 클라이언트가 EOF를 받는다",
  "parent: {0}": "부모 프로세스: {0}",
  "inside {0}, after sending": "{0} 안에서, 소켓을 보낸 뒤",
  "{0} (the real call)": "{0} (진짜 시스템 함수)",
  "{0} (real calls)": "{0} (진짜 시스템 함수)",
  "{0} (the store process)": "{0} (저장 프로세스)",
  "{0}, second": "{0}, 두 번째로",
  "{0}, first (below)": "{0}, 먼저 (아래 참고)",
  "{0}: on disk at once": "{0}: 곧바로 디스크에 기록된다",
  "{0} (one per client)": "{0} (클라이언트마다 하나)",
  "{0}: no link followed, locked": "{0}: 링크를 따라가지 않고, 잠가서 연다",
  // echo-client
  "{0} twice: two workers": "{0} 두 번: 워커 두 개",
  "each chunk of {0} is one such read":
    "{0}에서 받는 조각 하나가 read 한 번이다",
  "{0}: exactly {1} or {2}": "{0}: 정확히 {1:이나/나} {2}",
  // pipe1, pipe2, pipe3, three-conversation
  "{0}: 13 bytes, NUL too": "{0}: NUL까지 13바이트",
  "{0}: 13 bytes, NUL included": "{0}: NUL을 포함해 13바이트",
  "{0} (the child's stderr)": "{0} (자식 프로세스의 stderr)",
  "{0} (child's stderr)": "{0} (자식 프로세스의 stderr)",
  "{0} (child's stdin)": "{0} (자식 프로세스의 stdin)",
  "{0}: up to the NUL": "{0}: NUL 앞까지",
  "{0} (the real system call)": "{0} (진짜 시스템 함수)",
  "{0} ({1} leaves it out)": "{0} ({1}에서는 뺀다)",
  "{0}: blocks, as in C": "{0}: C처럼 블로킹된다",
  "{0} (terminal) or the given lines": "{0} (터미널) 또는 넘겨받은 줄",
  // fd-copy
  "{0}, and its descriptor": "{0}, 그리고 그 파일 디스크립터",
  "{0} (the table copied)": "{0} (파일 디스크립터 테이블이 복사된다)",
  "{0} in the parent": "부모 프로세스의 {0}",
};
