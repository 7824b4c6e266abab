/**
 * What `tcpip explain echo-storeserver` says (its C calls and their
 * stand-ins come from the header of `examples/echo_storeserver.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `echo_storeserver`. */
export const explanation: Explanation = {
  shows: {
    en:
      "The echo server plus a store process, forked before the accept loop, that gets a " +
      "copy of everything clients send through a pipe and writes it to echomsg.txt. It " +
      "shows a pipe joining processes that otherwise run independently.",
    ko:
      "에코 서버에, accept 루프 전에 fork한 저장 프로세스를 더한 것이다. 저장 프로세스는 " +
      "클라이언트가 보낸 모든 것의 사본을 파이프로 받아 echomsg.txt에 쓴다. 따로 도는 " +
      "프로세스들을 파이프가 이어 주는 모습을 보여 준다.",
  },
  watch: {
    en:
      "Send a few lines from clients and cat echomsg.txt while the server runs: the lines " +
      "are there at once. After 10 reads the store process ends (a note and 'removed proc " +
      "id' say so); later messages are still echoed but no longer stored.",
    ko:
      "클라이언트에서 몇 줄 보내고 서버가 도는 동안 cat echomsg.txt를 해 보자. 줄이 바로 " +
      "들어 있다. 10번 읽고 나면 저장 프로세스가 끝나고(설명 줄과 'removed proc id'가 알려 " +
      "줌), 그 뒤 메시지는 에코되지만 저장되지 않는다.",
  },
  differs: {
    en:
      "In C every echo child inherits the pipe's write end and writes the copy itself. " +
      "Deno cannot pass descriptors, and the parent relays every byte anyway, so the " +
      "parent writes the copy into the store's pipe. The file is written without a stdio " +
      "buffer, so nothing waits in memory; the book's fwrite() buffers until fclose().",
    ko:
      "C에서는 모든 에코 자식이 파이프의 쓰기 끝을 물려받아 직접 사본을 쓴다. Deno는 " +
      "디스크립터를 넘길 수 없고, 어차피 부모가 모든 바이트를 중계하므로 부모가 저장 " +
      "프로세스의 파이프에 사본을 쓴다. 파일은 stdio 버퍼 없이 써서 메모리에 머무는 데이터가 " +
      "없다. 책의 fwrite()는 fclose()까지 버퍼에 담아 둔다.",
  },
  pitfalls: {
    en:
      "The store process stops after exactly 10 reads (the book's for loop), whatever " +
      "each read held. After that, the C echo children keep writing into the pipe; since " +
      "the parent never closed its own read end, the writes do not fail but fill the " +
      "pipe, and once its buffer (64 KiB on Linux) is full, every echo child blocks in " +
      "write() and the server stops echoing. Here the copies simply stop. --max-messages 0 " +
      "removes the limit.",
    ko:
      "저장 프로세스는 한 번에 얼마를 읽었든 정확히 10번 읽고 멈춘다(책의 for 루프). 그 " +
      "뒤에도 C의 에코 자식들은 파이프에 계속 쓰는데, 부모가 자기 읽기 끝을 닫은 적이 없어서 " +
      "쓰기가 실패하지 않고 파이프를 채운다. 버퍼(리눅스에서 64KiB)가 차면 모든 에코 자식이 " +
      "write()에서 멈추고 서버는 더 이상 에코하지 못한다. 여기서는 복사만 멈춘다. " +
      "--max-messages 0이면 제한이 없다.",
  },
};
