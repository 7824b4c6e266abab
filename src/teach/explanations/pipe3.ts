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
    en: "Two pipes, one for each direction: fds1 carries the child's message " +
      "to the parent, fds2 the parent's answer to the child. Each process " +
      "reads only what the other wrote, so no sleep is needed to keep them " +
      "apart: each read() simply blocks until the other side's write()." +
      "\n\n" +
      "The child writes 13 bytes ('Who are you?' and its NUL), the parent " +
      "answers with 27 ('Thank you for your message' and its NUL), then " +
      "sleeps 3 seconds as in the book.",
    ko: "방향마다 파이프를 하나씩, 모두 두 개를 쓴다. fds1은 자식 프로세스의 " +
      "메시지를 부모 프로세스로, fds2는 부모 프로세스의 답장을 자식 프로세스로 " +
      "나른다. 각 프로세스는 상대가 쓴 것만 읽으므로 sleep으로 순서를 맞출 " +
      "필요가 없다. 각 read()는 상대편이 write()할 때까지 블로킹될 뿐이다." +
      "\n\n" +
      "자식 프로세스는 13바이트('Who are you?'와 NUL)를 쓰고, 부모 프로세스는 " +
      "27바이트('Thank you for your message'와 NUL)로 답한 뒤 책처럼 3초 동안 " +
      "잠든다.",
  },
  watch: {
    en: "The same two lines as pipe2, in the same order every time. With " +
      "--trace you can follow each message from one column to the other: " +
      "13 bytes through fds1 from the child to the parent, then 27 bytes " +
      "through fds2 the other way.",
    ko: "pipe2와 같은 두 줄이 매번 같은 순서로 나온다. --trace를 붙이면 각 " +
      "메시지가 한 열에서 다른 열로 가는 것을 따라갈 수 있다. 자식 프로세스에서 " +
      "부모 프로세스로 fds1을 지나는 13바이트, 그리고 반대 방향으로 fds2를 " +
      "지나는 27바이트다.",
  },
  differs: {
    en: "The pipes are real OS pipes, made with the child rather than by " +
      "pipe() calls before the fork: fds1 is the child's stderr, fds2 its " +
      "stdin. So each process holds only the ends it uses; in C each holds " +
      "all four. The first message is handed to the child as state, as it " +
      "would find it in its copied memory. The parent's sleep(3) is divided " +
      "by --speed.",
    ko:
      "파이프는 진짜 OS 파이프지만, fork 전에 pipe()를 호출해 만든 것이 아니라 " +
      "자식 프로세스를 시작할 때 만든 것이다. fds1은 자식 프로세스의 stderr, " +
      "fds2는 stdin이다. 그래서 각 프로세스는 자기가 쓰는 쪽만 가진다. C에서는 " +
      "각 프로세스가 네 개를 모두 가진다. 첫 메시지는 복사된 메모리에서 찾는 " +
      "대신 상태로 넘겨준다. 부모 프로세스의 sleep(3)은 --speed로 나뉜다.",
  },
  pitfalls: {
    en:
      "In the book's version every process keeps all four ends open. For two " +
      "messages it does not matter, but a loop that reads until end of file " +
      "would never end: the reader holds a write end of its own pipe." +
      "\n\n" +
      "The parent's sleep(3) is a timing trick too: it only gives the child " +
      "time to print before the parent returns and the shell shows its " +
      "prompt. waitpid() would wait exactly as long as needed.",
    ko:
      "책의 코드에서는 모든 프로세스가 네 개를 모두 열어 둔다. 메시지 두 개에는 " +
      "상관없지만, EOF까지 읽는 반복문이라면 영원히 돈다. 읽는 쪽이 자기가 읽는 " +
      "파이프의 입구를 가지고 있기 때문이다." +
      "\n\n" +
      "부모 프로세스의 sleep(3)도 타이밍에 기대는 방법이다. 부모 프로세스가 " +
      "반환하고 셸이 프롬프트를 띄우기 전에 자식 프로세스가 출력할 시간을 줄 " +
      "뿐이다. waitpid()라면 필요한 만큼 정확히 기다린다.",
  },
};
