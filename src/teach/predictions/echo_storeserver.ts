/**
 * What `tcpip predict echo-storeserver` asks about echo_storeserv.c: the
 * server runs on a free port and stores into a temporary file (removed
 * afterwards); predict plays one client that sends a few lines
 * more than the store process reads, one at a time, each after the echo of
 * the one before; then it stops the server as Ctrl+C would.
 *
 * @module
 */

import { delay } from "@std/async";
import { encode } from "../../bytes.ts";
import {
  dial,
  freePort,
  listening,
  number,
  type ProgramPredictions,
  receive,
  yesNo,
} from "../prediction.ts";

/** `text` as a regular expression that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Waits until `file` holds `line`, for at most `limitMs`. */
async function storedLine(file: string, line: string, limitMs: number) {
  const end = performance.now() + limitMs;
  while (performance.now() < end) {
    if (Deno.readTextFileSync(file).includes(line)) return;
    await delay(10);
  }
}

/** What `tcpip predict echo-storeserver` asks. */
export const predictions: ProgramPredictions = {
  speeds: [],
  choices: { "max-messages": [3, 5, 10] },
  sizes: [2, 3],
  intro: ({ params, size }) => {
    const reads = params["max-messages"];
    const sent = reads + size;
    return {
      en:
        `echo_storeserv.c: the store process stops after ${reads} reads of the pipe ` +
        `(the book's 10); one client sends ${sent} lines, one at a time, each after ` +
        "the echo of the one before, then quits; the server is stopped as Ctrl+C " +
        "would stop it, and the file it wrote is read.",
      ko:
        `echo_storeserv.c: 저장 프로세스는 파이프를 ${reads}번 읽고 멈춘다(책은 10번). ` +
        `클라이언트 하나가 ${sent}줄을 한 줄씩, 앞 줄의 에코를 받은 뒤에 보내고 연결을 ` +
        "끊는다. 그다음 Ctrl+C를 누른 것처럼 서버를 멈추고, 서버가 쓴 파일을 읽는다.",
    };
  },
  scenario: ({ params, size }) => {
    const port = freePort();
    const file = Deno.makeTempFileSync({
      prefix: "tcpip-predict-echomsg-",
      suffix: ".txt",
    });
    const sent = params["max-messages"] + size;
    return {
      args: [String(port), "--out", file],
      async script(server) {
        await server.err(listening(port));
        // The store's note names the file once the store process runs.
        await server.err(new RegExp(escape(file)));
        const conn = await dial(port);
        let echoed = 0;
        try {
          for (let i = 1; i <= sent; i++) {
            const line = `message ${i}\n`;
            await conn.write(encode(line));
            const back = await receive(conn, line.length);
            if (new TextDecoder().decode(back) === line) echoed++;
            // As a person typing would: the next line once this one is
            // stored (the store writes at once), or a moment later when the
            // store has stopped.
            await storedLine(
              file,
              line,
              i <= params["max-messages"] ? 5000 : 200,
            );
          }
        } finally {
          conn.close();
        }
        server.fact("echoed", echoed === sent);
        await server.out(/^client disconnected\.\.\./);
        server.kill("SIGTERM");
        await server.ended;
        const stored = Deno.readTextFileSync(file).split("\n")
          .filter((line) => line.startsWith("message ")).length;
        server.fact("stored", stored);
      },
      cleanup() {
        Deno.removeSync(file);
      },
    };
  },
  pool: ({ params, size }) => {
    const reads = params["max-messages"];
    const sent = reads + size;
    return [
      {
        id: "echo-storeserver.stored",
        kind: "number",
        ask: {
          en: `How many of the ${sent} lines will the file hold?`,
          ko: `보낸 ${sent}줄 가운데 몇 줄이 파일에 남을까?`,
        },
        observe: (run) =>
          typeof run.facts.stored === "number"
            ? number(run.facts.stored)
            : null,
        expected: number(reads),
        explain: (seen) => ({
          en:
            `The store process reads the pipe ${reads} times, at most 100 bytes each, ` +
            `writes what it read, and stops. Each line was sent once the one before ` +
            `was stored, ` +
            `so each read took one line: ${reads} lines. ` +
            (seen.value === reads
              ? "The lines after them went into a pipe nobody reads any more."
              : "This time a read took more than one line (a pipe keeps no message " +
                "boundaries), so more lines reached the file."),
          ko:
            `저장 프로세스는 파이프를 최대 100바이트씩 ${reads}번 읽어 파일에 쓰고 멈춘다. ` +
            "한 줄이 저장된 뒤에 다음 줄을 보냈으므로 read 한 번에 한 줄씩 읽어 " +
            `${reads}줄이 된다. ` +
            (seen.value === reads
              ? "그 뒤의 줄은 아무도 읽지 않는 파이프에 들어갔다."
              : "이번에는 read 한 번이 여러 줄을 가져갔다(파이프에는 메시지 경계가 " +
                "없다). 그래서 더 많은 줄이 파일에 남았다."),
        }),
      },
      {
        id: "echo-storeserver.echoes",
        kind: "yesno",
        ask: {
          en:
            "Will the client still get every echo after the store process has stopped?",
          ko: "저장 프로세스가 멈춘 뒤에도 클라이언트는 에코를 모두 받을까?",
        },
        observe: (run) =>
          typeof run.facts.echoed === "boolean"
            ? yesNo(run.facts.echoed)
            : null,
        expected: yesNo(true),
        explain: () => ({
          en:
            "Yes: the echo child writes each copy into the pipe, which still has room " +
            "(64 KiB on Linux) though nobody reads it; other processes still hold its " +
            "exit, so the writes do not fail. Only a full pipe would block write(fds[1]) " +
            "and stall the echoes (tcpip explain echo-storeserver).",
          ko:
            "그렇다. 에코 자식 프로세스가 사본을 파이프에 쓰는데, 아무도 읽지 않아도 " +
            "파이프에는 아직 자리가 있다(리눅스에서 64KiB). 다른 프로세스가 파이프의 " +
            "출구를 아직 가지고 있으므로 쓰기도 실패하지 않는다. 파이프가 가득 차야 " +
            "write(fds[1])가 블로킹되어 에코가 멈춘다(tcpip explain echo-storeserver).",
        }),
      },
    ];
  },
};
