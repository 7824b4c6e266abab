/**
 * What goes wrong with pipes in pipe1.c, pipe2.c, pipe3.c and the
 * three-conversation exercise alike.
 *
 * @module
 */

import type { FindingSpec } from "../scenario.ts";
import type { Text } from "../../text.ts";
import { both, see } from "./_common.ts";

/**
 * The pipe findings of `program`, their ids starting with `prefix`;
 * `ownBook` says what the book does about a process reading its own
 * message, where it says more than the others (pipe2's sleep).
 */
export function pipeFindings(
  program: string,
  prefix: string,
  ownBook?: Text,
): Record<string, FindingSpec> {
  return {
    [`${prefix}.no-pipe`]: {
      severity: "fail",
      title: both("no pipe is made", "파이프를 만들지 않는다"),
      book: both(
        "The book calls pipe() before fork(), so parent and child hold both ends of the same pipe.",
        "책은 fork() 전에 pipe()를 불러서 부모와 자식이 같은 파이프의 양쪽 끝을 가진다.",
      ),
      why: both(
        "After fork() the processes share no memory: a pipe made before it is how they pass bytes. One made after fork() is each process's own.",
        "fork() 뒤의 두 프로세스는 메모리를 공유하지 않는다. fork() 전에 만든 파이프로 바이트를 주고받는다. fork() 뒤에 만든 파이프는 각 프로세스만의 것이다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    [`${prefix}.own-message`]: {
      severity: "fail",
      title: both(
        "a process reads back its own message",
        "프로세스가 자기가 보낸 메시지를 다시 읽는다",
      ),
      book: ownBook ?? both(
        "In the book each message is read by the other process.",
        "책에서는 메시지를 언제나 상대 프로세스가 읽는다.",
      ),
      why: both(
        "A pipe is one queue of bytes, not a line between two processes: whoever calls read() first takes what is there, the writer included. With one pipe used both ways, or with two whose ends are mixed up so that a process reads the pipe it writes into, a process that writes and then reads gets its own bytes back, and the other waits forever. Two pipes, one per direction, each read only by the process the other writes to, make it impossible.",
        "파이프는 두 프로세스를 잇는 선이 아니라 바이트 큐 하나다. 먼저 read()를 부르는 쪽이 들어 있는 것을 가져가고, 쓴 프로세스도 예외가 아니다. 파이프 하나를 양방향으로 쓰거나, 파이프 둘의 끝을 뒤바꿔 자기가 쓰는 파이프를 읽으면, 쓰고 나서 읽는 프로세스가 자기 바이트를 되찾고 상대는 영원히 기다린다. 방향마다 파이프를 하나씩 두고 각 파이프를 상대가 쓰는 쪽에서만 읽으면 이런 일이 없다.",
      ),
      see: see(program, ["shows", "pitfalls"], "tcpip pipe2 --race --trace"),
    },
    [`${prefix}.reversed`]: {
      severity: "fail",
      title: both(
        "a message goes the other way",
        "메시지가 반대 방향으로 간다",
      ),
      book: both(
        "The book's messages go one way each: see the observation for the writer and reader the book has.",
        "책의 메시지는 각각 정해진 방향으로 간다: 관찰에서 책의 쓰는 쪽과 읽는 쪽을 보자.",
      ),
      why: both(
        "fork() returns 0 in the child and the child's pid in the parent: a test of its value the wrong way round swaps who writes and who reads, though the lines may look the same.",
        "fork()는 자식에게 0을, 부모에게 자식의 pid를 반환한다. 이 값을 반대로 검사하면 쓰는 쪽과 읽는 쪽이 바뀐다. 출력은 같아 보일 수 있다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    [`${prefix}.lost`]: {
      severity: "fail",
      title: both(
        "a message never reaches the other process",
        "메시지가 상대 프로세스에 닿지 않는다",
      ),
      book: both(
        "In the book each message written into the pipe is read by the other process.",
        "책에서는 파이프에 쓴 메시지를 모두 상대 프로세스가 읽는다.",
      ),
      why: both(
        "A message is lost when it is never written (the write() failed, on an end the process had closed, or never came because both processes read first and each waits for the other) or written and never read (bytes stay in the pipe until someone reads them; a process that ends, or reads another pipe, leaves them there).",
        "메시지는 쓰이지 않거나(write()가 실패했거나, 프로세스가 이미 닫은 쪽에 썼거나, 두 프로세스가 모두 먼저 읽으며 서로를 기다려 쓰기에 이르지 못했다) 쓰였지만 읽히지 않으면(바이트는 누군가 읽을 때까지 파이프에 남는다. 종료해 버리거나 다른 파이프를 읽는 프로세스는 그것을 그대로 둔다) 사라진다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    [`${prefix}.printed-by`]: {
      severity: "fail",
      title: both(
        "a line is printed by the other process",
        "다른 프로세스가 줄을 출력했다",
      ),
      book: both(
        "In the book the parent prints the 'Parent proc output' line and the child the 'Child proc output' line, each what it read.",
        "책에서는 부모가 'Parent proc output' 줄을, 자식이 'Child proc output' 줄을 출력한다. 각자 읽은 것이다.",
      ),
      why: both(
        "fork() returns 0 in the child: the branch that runs there is the child's.",
        "fork()는 자식에게 0을 반환한다. 그 분기가 자식의 코드다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
    [`${prefix}.hangs`]: {
      severity: "fail",
      title: both("the program does not end", "프로그램이 종료하지 않는다"),
      book: both(
        "The book's processes each end after their last read() and write().",
        "책의 프로세스는 마지막 read()와 write() 뒤에 종료한다.",
      ),
      why: both(
        "A read() on a pipe waits until there are bytes, or until every writing end is closed: a process waiting for a message nobody sends waits forever.",
        "파이프의 read()는 바이트가 오거나 쓰는 쪽이 모두 닫힐 때까지 기다린다. 아무도 보내지 않는 메시지를 기다리는 프로세스는 영원히 기다린다.",
      ),
      see: see(program, ["shows"], `tcpip ${program} --trace`),
    },
  };
}

/** The finding for one pipe used both ways where the book has two. */
export function onePipeFinding(program: string): FindingSpec {
  return {
    severity: "fail",
    title: both(
      "one pipe carries messages both ways where the book uses two",
      "책은 파이프 둘을 쓰는데 파이프 하나로 메시지가 양방향으로 오간다",
    ),
    book: both(
      "The book makes two pipes: one for the child's messages to the parent, one for the parent's to the child.",
      "책은 파이프를 둘 만든다. 하나는 자식이 부모에게, 하나는 부모가 자식에게 보내는 메시지용이다.",
    ),
    why: both(
      "With one pipe, a process that writes and then reads may take its own message back (pipe2.c needs a sleep to avoid it). It may work in one run and fail in the next; two pipes, one per direction, always work.",
      "파이프가 하나면 쓰고 나서 읽는 프로세스가 자기 메시지를 되가져갈 수 있다 (pipe2.c는 이를 피하려고 sleep을 쓴다). 어떤 실행에서는 되고 다음 실행에서는 안 될 수 있다. 방향마다 파이프 하나씩이면 언제나 된다.",
    ),
    see: see(
      program,
      ["shows"],
      "tcpip explain pipe2",
      "tcpip pipe2 --race --trace",
    ),
  };
}
