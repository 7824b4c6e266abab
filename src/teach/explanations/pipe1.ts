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
    en: "A pipe is a one-way byte channel, and it is a kernel object: it " +
      "belongs to neither process. pipe(fds) gives the caller two " +
      "descriptors for its ends; bytes written into fds[1] (the write end) " +
      "come out of fds[0] (the read end). After fork() the child holds " +
      "copies of both." +
      "\n\n" +
      "The child writes sizeof(str) bytes: 13, the 12 characters of " +
      "'Who are you?' and the NUL that ends them. The parent reads them and " +
      "puts(buf) prints 'Who are you?'. read() adds no terminator; the NUL " +
      "that travelled through the pipe is why puts(buf) prints exactly the " +
      "string.",
    ko: "파이프는 한 방향으로 흐르는 바이트 통로이며 커널의 자원이다. 어느 " +
      "프로세스의 것도 아니다. pipe(fds)는 호출한 프로세스에 파이프의 양 끝을 " +
      "가리키는 파일 디스크립터 두 개를 준다. 파이프의 입구(fds[1])에 쓴 " +
      "바이트가 출구(fds[0])로 나온다. fork() 뒤에는 자식 프로세스도 두 파일 " +
      "디스크립터의 복사본을 가진다." +
      "\n\n" +
      "자식 프로세스는 sizeof(str)바이트, 즉 'Who are you?'의 12글자와 " +
      "문자열을 끝맺는 NUL을 합친 13바이트를 쓴다. 부모 프로세스가 이를 읽고 " +
      "puts(buf)가 'Who are you?'를 출력한다. read()는 문자열 끝 표시를 붙여 " +
      "주지 않는다. puts(buf)가 딱 그 문자열만 출력하는 것은 파이프를 함께 " +
      "지나온 NUL 덕분이다.",
  },
  watch: {
    en: "The parent's read() blocks until the child has written: a pipe also " +
      "makes the reader wait for the writer. With --trace you see the " +
      "13 bytes written in the child's column and read in the parent's.",
    ko:
      "부모 프로세스의 read()는 자식 프로세스가 쓸 때까지 블로킹된다. 파이프는 " +
      "읽는 쪽이 쓰는 쪽을 기다리게 만들기도 한다. --trace를 붙이면 자식 " +
      "프로세스 열에서 쓰고 부모 프로세스 열에서 읽는 13바이트가 보인다.",
  },
  differs: {
    en: "The pipe is a real OS pipe, but it is made with the child, on the " +
      "child's stderr (fd 2), rather than by a pipe() call before the fork: " +
      "the parent holds only the read end, the child only the write end. " +
      "pipe2 shows a real pipe() inherited under the same numbers. The " +
      "child's stdout is the parent's, as in C." +
      "\n\n" +
      "The string is handed to the child as state, as it would find it in " +
      "its copied memory. The book's parent returns without waiting; the " +
      "tool waits for the child, so that no process outlives the command.",
    ko:
      "파이프는 진짜 OS 파이프지만, fork 전에 pipe()를 호출해 만든 것이 아니라 " +
      "자식 프로세스를 시작할 때 그 stderr(fd 2)에 만든 것이다. 그래서 부모 " +
      "프로세스는 출구만, 자식 프로세스는 입구만 가진다. pipe()로 만든 파이프를 " +
      "같은 번호로 물려주는 모습은 pipe2에서 볼 수 있다. 자식 프로세스의 " +
      "stdout은 C처럼 부모 프로세스의 stdout이다." +
      "\n\n" +
      "문자열은 복사된 메모리에서 찾는 대신 상태로 넘겨준다. 책의 부모 " +
      "프로세스는 기다리지 않고 반환하지만, 이 도구는 어떤 프로세스도 명령보다 " +
      "오래 남지 않도록 자식 프로세스를 기다린다.",
  },
  pitfalls: {
    en: "Each C process should close the end it does not use (the child " +
      "fds[0], the parent fds[1]). The book skips it. For one message that " +
      "works, but a reader waiting for end of file never gets it while any " +
      "process, itself included, holds the write end." +
      "\n\n" +
      "Write strlen(str) bytes instead of sizeof(str), and the NUL stays " +
      "behind: puts(buf) then runs on into whatever the uninitialised buf " +
      "held after the 12 bytes.",
    ko:
      "C의 각 프로세스는 쓰지 않는 쪽을 닫아야 한다(자식 프로세스는 fds[0], " +
      "부모 프로세스는 fds[1]). 책은 이를 생략한다. 메시지 하나라면 괜찮지만, " +
      "EOF를 기다리는 쪽은 자기 자신을 포함해 어느 프로세스든 파이프의 입구를 " +
      "가지고 있는 한 EOF를 받지 못한다." +
      "\n\n" +
      "sizeof(str) 대신 strlen(str)바이트를 쓰면 NUL이 빠진다. 그러면 " +
      "puts(buf)는 12바이트 뒤에도 초기화하지 않은 buf에 있던 값을 이어서 " +
      "출력한다.",
  },
};
