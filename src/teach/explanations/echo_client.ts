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
      "A client whose sending and receiving are split, so that each runs on " +
      "its own: one side reads the keyboard and sends, the other prints " +
      "whatever arrives. Each read of at most BUF_SIZE (30) bytes is printed " +
      'as printf("Message from server: %s", buf), with no newline of its ' +
      "own." +
      "\n\n" +
      "TCP keeps no message boundaries, so the output is not one line per " +
      "read: a read that ends mid-line runs into the next prefix, and " +
      "several lines that arrive in one read print under one prefix. Typing " +
      "q half-closes the connection with shutdown(SHUT_WR).",
    ko: "보내기와 받기를 나누어 각자 따로 실행되게 한 클라이언트다. 한쪽은 " +
      "키보드 입력을 읽어 보내고, 다른 쪽은 도착하는 것을 출력한다. 최대 " +
      'BUF_SIZE(30)바이트씩 읽을 때마다 printf("Message from server: %s", buf)로 ' +
      "출력하며, 줄바꿈을 따로 붙이지 않는다." +
      "\n\n" +
      "TCP에는 메시지 경계가 없으므로 read 한 번이 한 줄이 되지 않는다. 줄 " +
      "중간에서 끊긴 read는 다음 접두어와 이어져 출력되고, 한 번의 read로 " +
      "도착한 여러 줄은 접두어 하나 아래에 출력된다. q를 입력하면 " +
      "shutdown(SHUT_WR)으로 Half-close(출력 스트림만 종료)한다.",
  },
  watch: {
    en: "Type a line longer than 29 characters: fgets(buf, BUF_SIZE, stdin) " +
      "takes at most 29 bytes at a time, so it goes out and comes back in " +
      "pieces that run into each other. A Korean character (3 bytes in " +
      "UTF-8) split across two reads is printed as two raw halves. A NUL " +
      "byte ends %s, and a note says once that bytes were hidden." +
      "\n\n" +
      'Only a line that is exactly q or Q quits (strcmp() with "q\\n"); ' +
      "anything else, ' q' or q with a CR, is sent. After q the server sees " +
      "end of file, and the client still prints everything the server " +
      "sends until it closes. Against nc -l 9190 in another terminal you " +
      "can drive both directions by hand.",
    ko: "29자보다 긴 줄을 입력해 보자. fgets(buf, BUF_SIZE, stdin)은 한 번에 " +
      "최대 29바이트를 읽으므로 여러 조각으로 나가고, 돌아온 조각들이 서로 " +
      "이어져 출력된다. 한글 한 글자(UTF-8로 3바이트)가 두 read에 걸쳐 나뉘면 " +
      "앞뒤 조각이 따로 출력되어 글자가 깨져 보인다. NUL 바이트를 만나면 %s는 거기서 멈추고, " +
      "가려진 바이트가 있다고 안내 메시지가 한 번 알려 준다." +
      "\n\n" +
      "정확히 q나 Q 한 글자인 줄만 종료로 친다(strcmp()로 \"q\\n\"과 비교). ' q'나 " +
      "CR이 붙은 q는 그대로 전송된다. q를 입력하면 서버는 EOF를 받고, " +
      "클라이언트는 서버가 연결을 닫을 때까지 서버가 보내는 것을 계속 출력한다. " +
      "다른 터미널에서 nc -l 9190을 상대로 실행하면 양방향 통신을 직접 입력하며 " +
      "확인할 수 있다.",
  },
  differs: {
    en: "The book forks: the parent runs read_routine, the child " +
      "write_routine, and both processes hold the socket. Here the two " +
      "routines run on two worker threads of one process: the split is by " +
      "thread, and the socket stays in one process. The main thread keeps " +
      "the connection; it does each read() when the reading worker asks for " +
      "the next chunk, and the half-close with conn.closeWrite() (closing " +
      "Deno's conn.writable would close the whole connection)." +
      "\n\n" +
      "Bytes go out as fgets() read them: CR LF and bytes that are not " +
      "UTF-8 stay as they are. At end of input the book's write_routine " +
      "does not check fgets() for NULL and would send its last line again " +
      "and again; the tool half-closes instead and says so." +
      "\n\n" +
      "When the server half-closes first, the client goes on sending until " +
      "q, as the book's writing child does. If the server closes while the " +
      "client still sends, one note says so and the status is 0: in C the " +
      "writing child dies of SIGPIPE without a word.",
    ko: "책은 fork한다. 부모 프로세스가 read_routine을, 자식 프로세스가 " +
      "write_routine을 실행하며 두 프로세스가 모두 소켓을 가진다. 여기서는 두 " +
      "루틴을 한 프로세스의 워커 스레드 두 개에서 실행한다. 나누는 단위는 " +
      "스레드이고, 소켓은 한 프로세스에 그대로 있다. 연결은 메인 스레드가 " +
      "가지고 있으며, 읽는 워커가 다음 조각을 요청할 때마다 read()를 하고, " +
      "Half-close는 conn.closeWrite()로 한다(Deno의 conn.writable을 닫으면 연결 " +
      "전체가 닫힌다)." +
      "\n\n" +
      "fgets()가 읽은 바이트는 그대로 전송된다. CR LF도, UTF-8이 아닌 바이트도 " +
      "바뀌지 않는다. 입력이 더 없을 때 책의 write_routine은 fgets()의 NULL을 " +
      "확인하지 않아 마지막 줄을 끝없이 다시 보낸다. 이 도구는 그 대신 " +
      "Half-close하고 안내 메시지로 알린다." +
      "\n\n" +
      "서버가 먼저 Half-close하면 클라이언트는 책의 쓰는 자식 프로세스처럼 q를 " +
      "입력할 때까지 계속 보낸다. 클라이언트가 보내는 중에 서버가 연결을 닫으면 " +
      "안내 메시지 한 줄을 출력하고 종료 상태 값 0으로 종료한다. C에서는 쓰는 " +
      "자식 프로세스가 SIGPIPE로 말없이 종료한다.",
  },
  pitfalls: {
    en: "q must half-close with shutdown(sock, SHUT_WR), not close(sock). In " +
      "the forked C client, close() in the writer only drops that process's " +
      "descriptor: the reader still holds one, so no FIN is sent, the " +
      "server never sees end of file, and the client hangs. shutdown() " +
      "sends FIN however many descriptors there are, and the reading side " +
      "still gets everything. --close (not in the book) shows the hang: " +
      "after q nothing more happens (the C client would wait for good); " +
      "the tool ends it after 3 s and says why." +
      "\n\n" +
      "In read_routine, buf[str_len]=0 writes one byte past the end of the " +
      "buffer when a read fills all BUF_SIZE bytes: read at most BUF_SIZE-1 " +
      "bytes. It does not check for -1 either: after a failed read, " +
      "buf[-1]=0 writes before the buffer.",
    ko:
      "q에서는 close(sock)이 아니라 shutdown(sock, SHUT_WR)로 Half-close해야 " +
      "한다. fork한 C 클라이언트에서 쓰는 쪽이 close()를 호출하면 그 프로세스의 " +
      "파일 디스크립터 하나만 닫힌다. 읽는 쪽이 아직 소켓을 가지고 있으므로 " +
      "FIN이 가지 않고, 서버는 EOF를 받지 못하며, 클라이언트는 멈춰 버린다. " +
      "shutdown()은 파일 디스크립터가 몇 개든 FIN을 보내고, 읽는 쪽은 여전히 " +
      "모든 데이터를 받는다. --close(책에는 없음)를 붙이면 이렇게 멈추는 모습을 " +
      "볼 수 있다. q를 입력한 뒤로는 아무 일도 일어나지 않는다(C 클라이언트라면 " +
      "영원히 기다린다). 도구는 3초 뒤 이를 종료하며 이유를 알린다." +
      "\n\n" +
      "read_routine의 buf[str_len]=0은 read가 BUF_SIZE바이트를 꽉 채우면 버퍼 " +
      "끝을 한 바이트 넘어 쓴다. BUF_SIZE-1바이트까지만 읽자. -1도 확인하지 " +
      "않으므로, read가 실패하면 buf[-1]=0이 버퍼 앞을 쓴다.",
  },
};
