/**
 * What `tcpip explain pipe2` says (its C calls and their
 * stand-ins come from the header of `examples/pipe2.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `pipe2`. */
export const explanation: Explanation = {
  shows: {
    en:
      "One pipe used in both directions. The child writes, then reads the reply; the " +
      "parent reads, then replies. It works only thanks to the child's sleep(2): without " +
      "it, the child may read back its own message, because whoever holds fds[0] can take " +
      "any bytes in the pipe.",
    ko:
      "파이프 하나를 양방향으로 쓴다. 자식은 쓰고 나서 답장을 읽고, 부모는 읽고 나서 답한다. " +
      "자식의 sleep(2) 덕분에만 동작한다. 그것이 없으면 자식이 자기 메시지를 도로 읽을 수 " +
      "있다. fds[0]을 가진 누구든 파이프 안의 바이트를 가져갈 수 있기 때문이다.",
  },
  watch: {
    en:
      "Normally the parent prints the question and the child the thank-you. With --race, " +
      "sometimes the child prints 'Child proc output: Who are you?', its own message, and " +
      "the parent then waits in read() for good; the tool shows that and ends it after " +
      "3 s. Other times the parent is faster: it is a race, run it again.",
    ko:
      "보통은 부모가 질문을, 자식이 감사 인사를 출력한다. --race를 붙이면 가끔 자식이 " +
      "'Child proc output: Who are you?'(자기 메시지)를 출력하고, 부모는 read()에서 영원히 " +
      "기다린다. 도구가 그것을 보여 주고 3초 뒤 끝낸다. 다른 때는 부모가 더 빠르다. 경쟁 " +
      "상태이니 다시 실행해 보자.",
  },
  differs: {
    en:
      "On Linux the two processes really hold both ends of ONE pipe: the fork layer puts " +
      "a pipe on the child's stdin, and each side opens its missing end through /proc. " +
      "Other systems offer no such way, so there the tool uses two pipes (as pipe3) and " +
      "says it cannot show the race. C's parent would wait forever; the tool closes the " +
      "parent's own write end after 3 s, which makes the blocked read() return end of file.",
    ko:
      "리눅스에서는 두 프로세스가 정말로 파이프 하나의 양 끝을 모두 가진다. fork 계층이 " +
      "자식의 stdin에 파이프를 달고, 각자 없는 끝을 /proc을 통해 연다. 다른 시스템에는 그런 " +
      "방법이 없어서 파이프 두 개(pipe3처럼)로 실행하고 경쟁을 보여 줄 수 없다고 알린다. C의 " +
      "부모는 영원히 기다리지만, 도구는 3초 뒤 부모 자신의 쓰기 끝을 닫아 멈춰 있던 read()가 " +
      "파일 끝을 받게 한다.",
  },
  pitfalls: {
    en:
      "Using one pipe both ways and fixing it with a sleep is exactly what the book " +
      "warns against: a sleep only makes the race unlikely, and a slow or busy machine can " +
      "still lose it. Use two pipes (pipe3). Note too that read() returns 0 (end of file) " +
      "only when every write end is closed, the reader's own copy included.",
    ko:
      "파이프 하나를 양방향으로 쓰고 sleep으로 때우는 것이 바로 책이 경고하는 방식이다. " +
      "sleep은 경쟁을 드물게 만들 뿐이고, 느리거나 바쁜 컴퓨터에서는 여전히 질 수 있다. " +
      "파이프 두 개를 쓰자(pipe3). 또 read()가 0(파일 끝)을 반환하려면 읽는 쪽 자신의 사본을 " +
      "포함해 모든 쓰기 끝이 닫혀야 한다.",
  },
};
