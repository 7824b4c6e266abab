/**
 * What `tcpip predict echo-client` asks about echo_mpclient.c: predict
 * plays the server itself (it echoes what it reads and notes when end of
 * file came), and the client reads one line and then `q` from its
 * standard input: a short line or a long one, with `shutdown()` as the book
 * or with `--close`.
 *
 * @module
 */

import {
  number,
  type Prediction,
  type ProgramPredictions,
  yesNo,
} from "../prediction.ts";
import type { Observed } from "../predict_run.ts";

/** The line the client sends: a short one, or one longer than BUF_SIZE. */
function lineOf(size: number): string {
  return size === 1 ? "hello" : "this line is longer than thirty bytes";
}

/** How many `Message from server: ` the client printed. */
function prefixes(run: Observed): number {
  return run.out.map((line) => line.text).join("\n")
    .split("Message from server: ").length - 1;
}

/** What `tcpip predict echo-client` asks. */
export const predictions: ProgramPredictions = {
  speeds: [],
  sizes: [1, 2],
  variants: [{ name: "", args: [] }, { name: "close", args: ["--close"] }],
  intro: ({ size, variant }) => {
    const line = lineOf(size);
    return {
      en:
        `echo_mpclient.c${
          variant === "close"
            ? " with --close (close() instead of shutdown())"
            : ""
        }: the client sends '${line}' (${line.length} characters) and then q; ` +
        "predict plays the server, which echoes what it reads.",
      ko:
        `echo_mpclient.c${
          variant === "close"
            ? "에 --close(shutdown() 대신 close())를 붙여 실행한다"
            : ""
        }: 클라이언트는 '${line}'(${line.length}자)을 보낸 뒤 q를 입력한다. ` +
        "서버 역할은 predict가 맡아 읽은 것을 그대로 돌려보낸다.",
    };
  },
  scenario: ({ size }) => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    let eofAt: number | undefined;
    let started = 0;
    // The server: one client, echoed until it sends end of file.
    const serving = (async () => {
      const conn = await listener.accept();
      listener.close();
      const buf = new Uint8Array(64);
      try {
        let n: number | null;
        while ((n = await conn.read(buf)) !== null) {
          await conn.write(buf.subarray(0, n));
        }
        eofAt = performance.now() - started;
      } catch {
        // the client went away without a FIN
      } finally {
        conn.close();
      }
    })();
    const line = lineOf(size);
    return {
      args: ["127.0.0.1", String(listener.addr.port)],
      async script(client) {
        started = performance.now() - client.now();
        await client.write(`${line}\n`);
        // The whole echo is back once its newline is printed.
        await client.out(new RegExp(`${line.slice(-5)}$`));
        const quit = client.now();
        await client.write("q\n");
        const end = await client.ended.then(() => client.now());
        await serving;
        // --close keeps the FIN back until the tool ends the client, 3 s
        // later; shutdown() sends it at once.
        client.fact("fin", eofAt !== undefined && eofAt - quit < 1500);
        client.fact("quick", end - quit < 1500);
      },
      cleanup() {
        try {
          listener.close();
        } catch {
          // closed when the client came
        }
      },
    };
  },
  pool: ({ size, variant }) => {
    const close = variant === "close";
    const line = lineOf(size);
    const pieces: Prediction = {
      id: "echo-client.prefixes",
      kind: "number",
      ask: {
        en:
          `How many times will the client print \`Message from server: \` for '${line}'?`,
        ko:
          `클라이언트는 '${line}'에 대해 \`Message from server: \`를 몇 번 출력할까?`,
      },
      observe: (run) => number(prefixes(run)),
      // A short line comes back in one read; a long one in as many as TCP
      // delivers it in, two at least.
      expected: size === 1 ? number(1) : undefined,
      explain: (seen) => ({
        en: size === 1
          ? "One read brought the whole echo, so one prefix: the client prints one " +
            "per read(), not one per line."
          : `fgets() with BUF_SIZE 30 takes at most 29 bytes, so the line goes out in ` +
            `two writes, and each read() of at most 30 bytes prints its own prefix: ` +
            `${seen.value} here. How many depends on how the bytes arrive: TCP keeps ` +
            "no message boundaries.",
        ko: size === 1
          ? "read 한 번에 에코가 모두 왔으므로 접두어도 하나다. 클라이언트는 줄마다가 " +
            "아니라 read마다 접두어를 출력한다."
          : "BUF_SIZE가 30인 fgets는 한 번에 최대 29바이트를 읽으므로 이 줄은 write 두 " +
            "번으로 나가고, 최대 30바이트를 읽는 read마다 접두어가 하나씩 붙는다. 이번에는 " +
            `${seen.value}번이다. 몇 번이 될지는 바이트가 도착하는 방식에 달려 있다. TCP에는 ` +
            "메시지 경계가 없다.",
      }),
    };
    return [
      pieces,
      {
        id: "echo-client.fin",
        kind: "yesno",
        ask: {
          en:
            "After q, will the server get end of file (the FIN) while the client still runs?",
          ko:
            "q를 입력한 뒤, 클라이언트가 실행 중일 때 서버가 EOF(FIN)를 받을까?",
        },
        observe: (run) =>
          typeof run.facts.fin === "boolean" ? yesNo(run.facts.fin) : null,
        expected: yesNo(!close),
        explain: () =>
          close
            ? {
              en:
                "No: close() drops only the writer's descriptor; the reader still holds " +
                "the socket, so no FIN goes out. The server saw end of file only when the " +
                "tool ended the client. This is the mistake the book warns against.",
              ko:
                "아니다. close는 쓰는 쪽의 파일 디스크립터 하나만 닫고, 읽는 쪽이 아직 소켓을 " +
                "가지고 있으므로 FIN이 전송되지 않는다. 서버는 도구가 클라이언트를 종료시킨 " +
                "뒤에야 EOF를 받았다. 책이 경고하는 바로 그 실수다.",
            }
            : {
              en:
                "Yes: shutdown(sock, SHUT_WR) sends the FIN however many descriptors " +
                "there are; the server's read() returns 0, it closes its side, and the " +
                "client's reader then sees end of file too.",
              ko:
                "그렇다. shutdown(sock, SHUT_WR)은 파일 디스크립터가 몇 개든 FIN을 보낸다. " +
                "서버의 read는 0을 반환하고 서버가 연결을 닫으면, 클라이언트의 읽는 쪽도 " +
                "EOF를 받는다.",
            },
      },
      {
        id: "echo-client.ends",
        kind: "yesno",
        ask: {
          en: "Will the client end by itself right after q?",
          ko: "클라이언트는 q를 입력한 뒤 곧바로 스스로 종료할까?",
        },
        observe: (run) =>
          typeof run.facts.quick === "boolean" ? yesNo(run.facts.quick) : null,
        expected: yesNo(!close),
        explain: () =>
          close
            ? {
              en:
                "No: with no FIN the server keeps the connection open, and the reader " +
                "waits for it for good, as the book's client with close() would. The " +
                "tool ends it after 3 seconds and says why.",
              ko:
                "아니다. FIN이 가지 않으므로 서버는 연결을 열어 두고, 읽는 쪽은 책의 " +
                "클라이언트에서 close를 쓴 경우처럼 끝없이 기다린다. 도구는 3초 뒤 " +
                "클라이언트를 종료시키고 이유를 알린다.",
            }
            : {
              en:
                "Yes: after the half-close the server closes the connection, the reader's " +
                "read() returns 0, and both routines are done.",
              ko:
                "그렇다. Half-close 뒤 서버가 연결을 닫으면 읽는 쪽의 read가 0을 반환하고, " +
                "두 루틴이 모두 끝난다.",
            },
      },
    ];
  },
};
