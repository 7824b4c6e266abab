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
    en: "One pipe used in both directions. The child writes 'Who are you?' " +
      "(13 bytes with its NUL), sleeps 2 seconds and reads the reply; the " +
      "parent reads, prints, writes 'Thank you for your message' (27 bytes) " +
      "and sleeps 3 seconds." +
      "\n\n" +
      "It works only thanks to the child's sleep(2). A pipe does not know " +
      "who wrote what: whoever reads fds[0] first takes the bytes. Without " +
      "the sleep, the child may read back its own message.",
    ko: "파이프 하나를 양방향으로 쓴다. 자식 프로세스는 'Who are you?'(NUL을 " +
      "포함해 13바이트)를 쓰고 2초 동안 잠든 뒤 답장을 읽는다. 부모 프로세스는 " +
      "읽고 출력한 뒤 'Thank you for your message'(27바이트)를 쓰고 3초 동안 " +
      "잠든다." +
      "\n\n" +
      "이 프로그램이 제대로 동작하는 것은 오로지 자식 프로세스의 sleep(2) " +
      "때문이다. 파이프는 누가 쓴 데이터인지 모른다. 출구(fds[0])에서 먼저 읽는 쪽이 가져간다. sleep이 " +
      "없으면 자식 프로세스가 자기 메시지를 도로 읽을 수 있다.",
  },
  watch: {
    en:
      "Normally 'Parent proc output: Who are you? ' then 'Child proc output: " +
      "Thank you for your message ', each with the book's space before the " +
      "newline." +
      "\n\n" +
      "With --race (no sleep(2)), C's child usually reads back its own " +
      "message: it is running and calls read() right after its write(), " +
      "while the parent, blocked in read(), must first be woken (the book's " +
      "program without the sleep: the child won 75 of 90 runs on the " +
      "machine we measured). Here the parent usually wins instead (the " +
      "child won 14 of 80 runs, with and without --trace): the child's first " +
      "read() runs code for the first time, some 20 microseconds between " +
      "its write() and its read(), and the woken parent takes the bytes " +
      "meanwhile. With read() and write() called once before, the child won " +
      "20 of 20. A note says who won; run it again to see the other outcome." +
      "\n\n" +
      "When the child wins, only 'Child proc output: Who are you? ' appears, " +
      "and C's parent would wait in read() forever: it holds a write end " +
      "itself, so no end of file comes. Here a watchdog thread, the tool's " +
      "and not the book's, closes the parent's write end after 3 seconds " +
      "(divided by --speed); read() returns 0 and a note explains.",
    ko:
      "보통은 'Parent proc output: Who are you? '와 'Child proc output: Thank " +
      "you for your message '가 나온다. 책처럼 줄바꿈 앞에 공백이 하나 있다." +
      "\n\n" +
      "--race(sleep(2) 없음)를 붙이면 C에서는 대개 자식 프로세스가 자기 메시지를 " +
      "도로 읽는다. 자식 프로세스는 실행 중이라 write() 직후 바로 read()를 " +
      "호출하지만, read()에서 블로킹된 부모 프로세스는 먼저 깨어나야 하기 " +
      "때문이다(sleep을 뺀 책의 프로그램을 측정한 컴퓨터에서 90번 중 75번 " +
      "자식 프로세스가 이겼다). 이 도구에서는 반대로 대개 부모 프로세스가 " +
      "이긴다(--trace를 붙이든 안 붙이든 80번 중 14번만 자식 프로세스가 " +
      "이겼다). 자식 프로세스의 첫 read()는 처음 실행하는 코드라서 write()와 " +
      "read() 사이에 20마이크로초쯤 걸리고, 그사이 깨어난 부모 프로세스가 " +
      "데이터를 가져간다. read()와 write()를 미리 한 번씩 호출해 두자 20번 중 " +
      "20번 자식 프로세스가 이겼다. 누가 이겼는지는 안내 메시지가 알려 준다. " +
      "다른 결과를 보려면 다시 실행해 보자." +
      "\n\n" +
      "자식 프로세스가 이기면 'Child proc output: Who are you? '만 나오고, C의 " +
      "부모 프로세스는 read()에서 영원히 기다린다. 자신도 파이프의 입구를 가지고 " +
      "있어서 EOF가 오지 않는다. 여기서는 책이 아니라 도구의 감시 스레드가 " +
      "3초(--speed로 나뉨) 뒤 부모 프로세스의 입구를 닫는다. 그러면 read()가 " +
      "0을 반환하고 안내 메시지가 상황을 설명한다.",
  },
  differs: {
    en:
      "As in C, one real pipe() is made before the fork, and both processes " +
      "hold both ends under the same numbers (the child inherits them at its " +
      "start, as after fork()). Both use blocking read() and write() on " +
      "them, as in C." +
      "\n\n" +
      "The watchdog exists only with --race; the sleeps are divided by " +
      "--speed.",
    ko:
      "C처럼 fork 전에 진짜 pipe()로 파이프 하나를 만들고, 두 프로세스가 같은 " +
      "번호로 입구와 출구를 모두 가진다(자식 프로세스는 fork() 뒤처럼 시작할 " +
      "때 물려받는다). 두 프로세스 모두 C처럼 블로킹 read()와 write()를 쓴다." +
      "\n\n" +
      "감시 스레드는 --race일 때만 있다. sleep은 --speed로 나뉜다.",
  },
  pitfalls: {
    en: "Using one pipe both ways and fixing it with a sleep is exactly what " +
      "the book warns against: a sleep only makes the race unlikely, and a " +
      "slow or busy machine can still lose it. Use two pipes (pipe3)." +
      "\n\n" +
      "read() returns 0 (end of file) only when every write end is closed, " +
      "the reader's own included. That is why C's parent waits forever.",
    ko:
      "파이프 하나를 양방향으로 쓰고 sleep으로 타이밍을 맞추는 것이 바로 책이 " +
      "경고하는 방식이다. sleep은 경쟁 상태를 드물게 만들 뿐이고, 느리거나 바쁜 " +
      "컴퓨터에서는 여전히 질 수 있다. 파이프를 두 개 쓰자(pipe3)." +
      "\n\n" +
      "read()는 읽는 쪽 자신의 것을 포함해 파이프의 입구가 모두 닫혀야 0(EOF)을 " +
      "반환한다. C의 부모 프로세스가 영원히 기다리는 이유다.",
  },
};
