/**
 * What `tcpip predict echo-server` asks about echo_mpserv.c: the server
 * runs on a free port, and predict plays one to three clients, one after
 * the other, each sending a line and quitting; then it stops the server as
 * Ctrl+C would.
 *
 * @module
 */

import { encode } from "../../bytes.ts";
import {
  choice,
  count,
  dial,
  freePort,
  listening,
  number,
  type Option,
  type ProgramPredictions,
  receive,
} from "../prediction.ts";
import type { Observed } from "../predict_run.ts";

/** What a client may get back for its line. */
const BACK: readonly Option[] = [
  { key: "same", text: { en: "the same line", ko: "보낸 줄 그대로" } },
  {
    key: "prefixed",
    text: {
      en: "the line after `Message from server: `",
      ko: "`Message from server: ` 뒤에 붙은 보낸 줄",
    },
  },
  {
    key: "nothing",
    text: {
      en: "nothing: the server prints it instead",
      ko: "아무것도 받지 못한다: 서버가 대신 출력한다",
    },
  },
];

/** The pids of the `removed proc id: N` lines. */
function removed(run: Observed): string[] {
  return run.out.flatMap((line) =>
    line.text.match(/^removed proc id: (\d+)/)?.[1] ?? []
  );
}

/** What `tcpip predict echo-server` asks. */
export const predictions: ProgramPredictions = {
  speeds: [],
  sizes: [1, 2, 3],
  intro: ({ size }) => ({
    en:
      `echo_mpserv.c: the server runs on a free port; ${size} client${
        size === 1 ? "" : "s"
      } connect one after the other, each sends one line, reads the echo and ` +
      "quits; then the server is stopped as Ctrl+C would stop it.",
    ko:
      `echo_mpserv.c: 서버를 빈 포트에서 실행한다. 클라이언트 ${size}개가 차례로 ` +
      "접속해 한 줄을 보내고 에코를 읽은 뒤 연결을 끊는다. 그다음 Ctrl+C를 누른 " +
      "것처럼 서버를 멈춘다.",
  }),
  scenario: ({ size }) => {
    const port = freePort();
    return {
      args: [String(port)],
      async script(server) {
        await server.err(listening(port));
        let echoed = 0;
        for (let client = 1; client <= size; client++) {
          const conn = await dial(port);
          try {
            const line = `hello from client ${client}\n`;
            await conn.write(encode(line));
            const back = await receive(conn, line.length);
            if (new TextDecoder().decode(back) === line) echoed++;
          } finally {
            conn.close();
          }
          // Its child has ended and been collected: the next client comes.
          await server.out(/^removed proc id: \d+/, client);
        }
        server.fact("echoed", echoed);
        server.kill("SIGTERM");
        await server.ended;
      },
    };
  },
  pool: ({ size }) => [
    {
      id: "echo-server.removed",
      kind: "number",
      ask: {
        en:
          "How many `removed proc id` lines will the server print for the clients?",
        ko: "서버는 클라이언트들에 대해 `removed proc id` 줄을 몇 개 출력할까?",
      },
      observe: (run) => number(count(run, /^removed proc id: \d+/)),
      expected: number(size),
      explain: () => ({
        en:
          "One per client: each client gets a child process of its own, which ends " +
          "when its client quits; the SIGCHLD handler collects it and prints its pid. " +
          "The children started ahead that never served a client print nothing.",
        ko:
          "클라이언트마다 한 줄이다. 클라이언트마다 자식 프로세스가 하나씩 배정되고, " +
          "클라이언트가 연결을 끊으면 그 자식 프로세스가 종료한다. SIGCHLD 핸들러가 " +
          "그 자식 프로세스를 회수하며 프로세스 ID를 출력한다. 미리 시작해 두었지만 " +
          "클라이언트를 맡지 않은 자식 프로세스는 아무것도 출력하지 않는다.",
      }),
    },
    {
      id: "echo-server.children",
      kind: "number",
      ask: {
        en: "How many different child processes will have served the clients?",
        ko: "서로 다른 자식 프로세스 몇 개가 클라이언트들을 처리할까?",
      },
      observe: (run) => {
        const pids = removed(run);
        return pids.length > 0 ? number(new Set(pids).size) : null;
      },
      expected: number(size),
      explain: () => ({
        en:
          "One per client, as the book's fork() after each accept(): a child serves " +
          "one client and ends with it. Here the children were started ahead, but each " +
          "still serves one client only.",
        ko:
          "클라이언트마다 하나다. 책에서 accept 뒤마다 fork하는 것과 같다. 자식 " +
          "프로세스 하나는 클라이언트 하나를 처리하고 함께 종료한다. 이 도구는 자식 " +
          "프로세스를 미리 시작해 두지만, 그래도 하나가 클라이언트 하나만 맡는다.",
      }),
    },
    {
      id: "echo-server.back",
      kind: "choice",
      ask: {
        en: "What will each client get back for the line it sent?",
        ko: "각 클라이언트는 보낸 줄에 대해 무엇을 돌려받을까?",
      },
      options: BACK,
      observe: (run) => {
        const echoed = run.facts.echoed;
        if (typeof echoed !== "number") return null;
        return choice(BACK, echoed === size ? "same" : "nothing");
      },
      expected: choice(BACK, "same"),
      explain: () => ({
        en:
          "The child writes back exactly the bytes it read, write(clnt_sock, buf, " +
          "str_len): the same line. The server's own output holds only its " +
          "connection lines; the prefix is what the book's client prints.",
        ko:
          "자식 프로세스는 read로 읽은 바이트를 write(clnt_sock, buf, str_len)으로 " +
          "그대로 돌려보낸다. 그래서 보낸 줄 그대로 돌아온다. 서버가 출력하는 것은 " +
          "연결에 대한 줄뿐이고, 접두어는 책의 클라이언트가 붙이는 것이다.",
      }),
    },
    {
      id: "echo-server.connected",
      kind: "number",
      ask: {
        en: "How many `new client connected...` lines will the server print?",
        ko: "서버는 `new client connected...` 줄을 몇 개 출력할까?",
      },
      observe: (run) => number(count(run, /^new client connected\.\.\./)),
      expected: number(size),
      explain: () => ({
        en:
          "One per accept(): the parent prints it for each client before handing the " +
          "client's socket to a child.",
        ko:
          "accept 한 번에 한 줄이다. 부모 프로세스는 클라이언트 소켓을 자식 프로세스에 " +
          "넘기기 전에 클라이언트마다 이 줄을 출력한다.",
      }),
    },
  ],
};
