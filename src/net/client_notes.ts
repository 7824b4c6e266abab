/**
 * What the tool says around `echo-client`, kept out of the program so that
 * it reads like the book's: the end of input the book does not check for,
 * how the connection ended (and what C's two processes would do then), and
 * the `--close` pitfall's hang, shown for a while and then ended.
 *
 * @module
 */

import { deadline } from "@std/async";
import { note } from "../note.ts";
import type { Text } from "../text.ts";
import type { DirectionEnd } from "./connect.ts";
import { hostPort } from "./host_port.ts";

/** Connected, and how to go on. */
export function connected(ip: string, port: number): Text {
  const address = hostPort(ip, port);
  return {
    en: `connected to ${address}; type lines, q to quit`,
    ko: `${address}에 연결됨. 줄을 입력하고 q로 끝낸다`,
  };
}

/** stdin ended without `q`. */
export const INPUT_ENDED: Text = {
  en:
    "end of input: the book's write_routine does not check fgets() for NULL and\n" +
    "would send its last line again and again; tcpip shuts down writing instead",
  ko:
    "입력 끝: 책의 write_routine은 fgets()의 NULL을 확인하지 않아 마지막 줄을 끝없이\n" +
    "다시 보낸다. tcpip는 대신 출력 스트림을 닫는다 (Half-close)",
};

/** The server closed its side before `q`: the client ends, as C's parent does. */
export const SERVER_CLOSED: Text = {
  en:
    "the server closed the connection (read() returned 0): read_routine returns and " +
    "the client ends, as the book's parent does. In C its writing child would stay " +
    "behind, reading the terminal, until a write to the closed socket killed it " +
    "(SIGPIPE)",
  ko:
    "서버가 연결을 닫았다 (read()가 0을 반환): read_routine이 반환하고 책의 부모 " +
    "프로세스처럼 클라이언트가 끝난다. C라면 쓰기 담당 자식 프로세스는 남아서 " +
    "터미널을 읽다가, 닫힌 소켓에 쓰는 순간 SIGPIPE로 종료된다",
};

/**
 * One line for a direction that failed (`end` is an error); the status the
 * client then exits with: 1.
 */
export function connectionLost(end: DirectionEnd): number {
  if (end.kind !== "error") return 0;
  const why = end.code === "ECONNRESET"
    ? {
      en: "the server reset the connection (ECONNRESET)",
      ko: "서버가 연결을 리셋했다 (ECONNRESET)",
    }
    : end.code === "EPIPE"
    ? {
      en: "the server has closed the connection (EPIPE)",
      ko: "서버가 연결을 닫았다 (EPIPE)",
    }
    : end.reason;
  note(
    end.call === "write"
      ? {
        en:
          `write() error: ${why.en}; in C, SIGPIPE would end the writing process here`,
        ko:
          `write() 오류: ${why.ko}. C라면 여기서 SIGPIPE가 쓰는 프로세스를 종료시킨다`,
      }
      : {
        en: `read() error: ${why.en}; the client ends`,
        ko: `read() 오류: ${why.ko}. 클라이언트가 끝난다`,
      },
  );
  return 1;
}

/** How long `--close` lets the book's hang last before the tool ends it, in ms. */
const HANG_MS = 3000;

/**
 * `--close`, the book's pitfall: the writer called close() instead of
 * shutdown(). That drops only its own descriptor, so no FIN goes out: the
 * server waits for more, and the reader waits for the server. Shows the
 * hang for a while, then ends it with an explanation.
 */
export async function hangsAfterClose(
  reading: Promise<void>,
  writing: Promise<void>,
): Promise<void> {
  await writing;
  const hung = await deadline(reading, HANG_MS).then(() => false, () => true);
  if (!hung) return;
  note({
    en:
      `--close: the writer called close(), which drops only its own descriptor; the socket\n` +
      "stays open in the reader, so no FIN went out. The server still waits for data, and the\n" +
      `reader waits for the server: the book's client with close() hangs here for good.\n` +
      `tcpip ends it after ${
        HANG_MS / 1000
      } s. shutdown(SHUT_WR) sends FIN however many descriptors there are.`,
    ko:
      "--close: 쓰는 쪽이 close()를 불렀지만 이는 자기 파일 디스크립터 하나만 닫는다. 읽는 쪽에 소켓이\n" +
      "아직 열려 있으므로 FIN이 가지 않았다. 서버는 데이터를 더 기다리고, 읽는 쪽은 서버를 기다린다:\n" +
      "close()를 쓴 책의 클라이언트는 여기서 영원히 멈춘다.\n" +
      `tcpip는 ${
        HANG_MS / 1000
      }초 뒤에 끝낸다. shutdown(SHUT_WR)은 파일 디스크립터가 몇 개든 FIN을 보낸다.`,
  });
}
