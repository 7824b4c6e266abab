/**
 * What `tcpip explain pipe1` says (its C calls and their
 * stand-ins come from the header of `examples/pipe1.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `pipe1`. */
export const explanation: Explanation = {
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
};
