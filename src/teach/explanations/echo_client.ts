/**
 * What `tcpip explain echo-client` says (its C calls and their
 * stand-ins come from the header of `examples/echo_client.ts`).
 *
 * @module
 */

import type { Explanation } from "../explain.ts";

/** The explanation of `echo_client`. */
export const explanation: Explanation = {
  shows: {
    en:
      "A client that sends and receives independently: one part reads the keyboard and " +
      "sends, the other prints whatever arrives. TCP keeps no message boundaries: a long " +
      "line can come back in several pieces (one 'Message from server' line per read of " +
      "at most 30 bytes), and several short lines can come back in one.",
    ko:
      "보내기와 받기를 따로 하는 클라이언트다. 한쪽은 키보드를 읽어 보내고, 다른 쪽은 오는 " +
      "것을 출력한다. TCP에는 메시지 경계가 없다. 긴 줄은 여러 조각으로 돌아올 수 있고(최대 " +
      "30바이트씩 읽을 때마다 'Message from server' 한 줄), 짧은 줄 여러 개가 한 번에 돌아올 " +
      "수도 있다.",
  },
  watch: {
    en:
      "Type a line longer than 30 characters: it comes back in pieces. Type q: the client " +
      "stops sending but still prints what the server sends, and ends when the server " +
      "closes. Against nc -l 9190 in another terminal you can drive both directions by " +
      "hand.",
    ko:
      "30자보다 긴 줄을 입력하면 여러 조각으로 돌아온다. q를 입력하면 클라이언트는 보내기만 " +
      "멈추고 서버가 보내는 것은 계속 출력하다가 서버가 닫으면 끝난다. 다른 터미널에서 nc -l " +
      "9190을 상대로 하면 양방향을 손으로 움직여 볼 수 있다.",
  },
  differs: {
    en:
      "The book forks, so two processes share the socket. A Deno child cannot have the " +
      "socket, so the two routines run as two worker threads of one process, each given " +
      "one direction as a stream. The connection stays with the main thread, which does " +
      "the half-close with conn.closeWrite(); closing Deno's conn.writable would close " +
      "the whole connection.",
    ko:
      "책은 fork해서 두 프로세스가 소켓을 나눠 쓴다. Deno의 자식은 소켓을 가질 수 없어서, " +
      "두 루틴을 한 프로세스의 워커 스레드 두 개로 돌리고 각각에 한 방향을 스트림으로 준다. " +
      "연결은 메인 스레드에 남아 있고, 절반 닫기는 메인 스레드가 conn.closeWrite()로 한다. " +
      "Deno의 conn.writable을 닫으면 연결 전체가 닫힌다.",
  },
  pitfalls: {
    en:
      "q must half-close with shutdown(sock, SHUT_WR), not close(sock): close() would stop " +
      "the reading side too and lose echoes still on their way, and because the other " +
      "process still holds a copy of the descriptor, close() in one process does not even " +
      "send the FIN, while shutdown() does. In read_routine, buf[str_len]=0 writes one " +
      "byte past the end of the buffer when a read fills all BUF_SIZE bytes; read at most " +
      "BUF_SIZE-1 bytes, or print with the length.",
    ko:
      "q는 close(sock)이 아니라 shutdown(sock, SHUT_WR)로 절반만 닫아야 한다. close()는 " +
      "읽는 쪽까지 멈춰서 오는 중인 에코를 잃고, 다른 프로세스가 디스크립터 사본을 갖고 " +
      "있으므로 한 프로세스의 close()로는 FIN조차 보내지 않는다. shutdown()은 보낸다. " +
      "read_routine의 buf[str_len]=0은 읽기가 BUF_SIZE바이트를 꽉 채우면 버퍼 끝을 한 바이트 " +
      "넘어 쓴다. BUF_SIZE-1바이트까지만 읽거나 길이를 주고 출력하자.",
  },
};
