/**
 * Chapter 10, exercise 5: a program that prints a line every second and,
 * on Ctrl+C (SIGINT), asks whether to exit. It exits only on `y` or `Y`;
 * any other answer lets it go on. The answer is read from standard input,
 * so it works on a terminal and with piped input alike.
 *
 * | C                                  | here                                  |
 * |------------------------------------|---------------------------------------|
 * | `sigaction(SIGINT, &act, 0);`      | `sigaction("SIGINT", act)` (real)     |
 * | `fgets(answer, ...)` in the handler| `await stdin.readLine()` in the handler |
 * | `exit(0);` on y/Y                  | the loop ends, status 0               |
 *
 * @module
 */

import { sleep } from "../src/signal/clock.ts";
import { note } from "../src/note.ts";
import { PipeReader } from "../src/ipc/pipe.ts";
import { type SigAction, sigaction } from "../src/signal/signal.ts";

/** The program. */
export async function main(): Promise<void> {
  const stdin = new PipeReader(Deno.stdin.readable, "stdin");
  let quit = false;

  const act: SigAction = {
    async handler() {
      console.log("Do you want to exit? (Y/N)");
      const answer = await stdin.readLine();
      if (answer === null) {
        note({
          en: "no answer: standard input has ended, so the program goes on",
          ko: "대답 없음: 표준 입력이 끝나서 프로그램은 계속된다",
        });
        return;
      }
      const first = answer.trim()[0];
      if (first === "y" || first === "Y") quit = true; // exit(0);
    },
    mask: [],
    flags: 0,
  };
  sigaction("SIGINT", act);

  while (!quit) {
    console.log("still running... (Ctrl+C to stop)");
    await sleep(1); // a handled SIGINT cuts this short, after the handler
  }
  await stdin.close();
}
