/**
 * What `tcpip explain pipe3` says (its C calls and their
 * stand-ins come from the header of `examples/pipe3.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `pipe3`. */
export const explanation: Explanation = {
  shows: {
    en:
      "Two pipes, one for each direction, so each process reads only what the other " +
      "wrote. No sleep is needed: each read simply waits for the other side's write.",
    ko:
      "방향마다 파이프를 하나씩, 모두 두 개를 써서 각 프로세스는 상대가 쓴 것만 읽는다. " +
      "sleep이 필요 없다. 각 read는 상대편의 write를 기다리기만 하면 된다.",
  },
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
};
