/**
 * What `tcpip explain three-conversation` says (its C calls and their
 * stand-ins come from the header of `examples/three_conversation.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `three_conversation`. */
export const explanation: Explanation = {
  shows: {
    en: "Exercise: parent and child exchange messages three times over two " +
      "pipes, taking turns. fds1 carries the child's messages to the " +
      "parent, fds2 the parent's answers. The child speaks first; each side " +
      "prints what it received as 'from Child : ...' or " +
      "'from Parent : ...'." +
      "\n\n" +
      "No sleep keeps the turns: each read() blocks until the other side has " +
      "written, so the two processes take turns by themselves.",
    ko: "연습문제: 부모와 자식 프로세스가 파이프 두 개로 메시지를 세 번 " +
      "주고받는다. fds1은 자식 프로세스의 메시지를 부모 프로세스로, fds2는 " +
      "부모 프로세스의 답을 자식 프로세스로 나른다. 자식 프로세스가 먼저 " +
      "말하고, 각자 받은 것을 'from Child : ...'나 'from Parent : ...'로 " +
      "출력한다." +
      "\n\n" +
      "차례를 지키는 데 sleep은 필요 없다. 각 read()가 상대가 쓸 때까지 " +
      "블로킹되므로 두 프로세스는 저절로 번갈아 실행된다.",
  },
  watch: {
    en: "Piped input is taken line by line in turn, child first: " +
      "printf 'a1\\nb1\\na2\\nb2\\na3\\nb3\\n' | tcpip three-conversation. On " +
      "a terminal each side prompts ('Child : ', 'Parent : ') and reads its " +
      "own line. A turn without a line of input uses a built-in message." +
      "\n\n" +
      "Each message is sent with its newline and printed without it. With " +
      "--trace you see the six messages cross between the two columns.",
    ko: "파이프로 넣은 입력은 자식 프로세스부터 한 줄씩 번갈아 쓴다: " +
      "printf 'a1\\nb1\\na2\\nb2\\na3\\nb3\\n' | tcpip three-conversation. " +
      "터미널에서는 각자 프롬프트('Child : ', 'Parent : ')를 띄우고 자기 줄을 " +
      "읽는다. 입력 줄이 모자라는 차례에는 내장 메시지를 쓴다." +
      "\n\n" +
      "각 메시지는 줄바꿈과 함께 보내고, 출력할 때는 줄바꿈을 뺀다. --trace를 " +
      "붙이면 메시지 여섯 개가 두 열 사이를 오가는 모습이 보인다.",
  },
  differs: {
    en:
      "The pipes are real OS pipes made with the child: fds1 is its stderr, " +
      "fds2 its stdin. Since the child's stdin is the pipe from its parent, " +
      "on a terminal the child opens the terminal itself (/dev/tty) to read " +
      "its lines." +
      "\n\n" +
      "From a pipe or a file, the parent reads all the lines first and hands " +
      "the child its share when it forks, as a C child would find them in " +
      "its copied memory.",
    ko:
      "파이프는 자식 프로세스를 시작할 때 만든 진짜 OS 파이프다. fds1은 자식 " +
      "프로세스의 stderr, fds2는 stdin이다. 자식 프로세스의 stdin이 부모 " +
      "프로세스에게서 오는 파이프이므로, 터미널에서는 자식 프로세스가 직접 " +
      "터미널(/dev/tty)을 열어 자기 줄을 읽는다." +
      "\n\n" +
      "입력이 파이프나 파일에서 오면 부모 프로세스가 먼저 모든 줄을 읽고, fork할 " +
      "때 자식 프로세스의 몫을 넘겨준다. C의 자식 프로세스가 복사된 메모리에서 " +
      "찾는 것과 같다.",
  },
  pitfalls: {
    en: "In C, when both processes read the same stdin through stdio, the " +
      "first fgets() may pull several lines into its own buffer, and the " +
      "other process never sees them. Taking turns on a shared stdin only " +
      "works on a terminal, where each read returns one line." +
      "\n\n" +
      "A pipe is a byte stream, not a message queue: two writes with no read " +
      "between them can come out of one read(), and a message longer than " +
      "the reader's buffer takes two.",
    ko:
      "C에서 두 프로세스가 같은 stdin을 stdio로 읽으면, 먼저 호출한 fgets()가 " +
      "여러 줄을 자기 버퍼에 한꺼번에 가져가서 다른 프로세스는 그 줄을 보지 " +
      "못할 수 있다. 같은 stdin을 번갈아 읽는 방식은 한 번 읽을 때 한 줄씩 " +
      "돌려주는 터미널에서만 동작한다." +
      "\n\n" +
      "파이프는 메시지 큐가 아니라 바이트 스트림이다. 사이에 read 없이 두 번 " +
      "쓰면 한 번의 read()로 함께 나올 수 있고, 읽는 쪽 버퍼보다 긴 메시지는 " +
      "read()를 두 번 해야 한다.",
  },
};
