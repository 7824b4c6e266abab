/**
 * echo_storeserv.c: the echo server of echo_mpserv.c plus a store process,
 * forked first, that reads from a pipe what every echo child writes into
 * it and saves it in `echomsg.txt` (its first 10 reads, as the book's).
 * Every check of the echo server, then: is there a store process, do the
 * echo children hold the pipe's writing end, does the file hold what the
 * clients sent.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both, see } from "./_common.ts";
import {
  SERVER_RUNS,
  serverFindings,
  serverLinesRule,
  serverSteps,
} from "./_server.ts";

/** The check of echo_storeserv.c. */
export const scenario: Scenario = {
  program: "echo-storeserver",
  role: "server",
  example: "./echo_storeserv",
  summary: both(
    "the echo server's checks, a store process fed by a pipe, and echomsg.txt",
    "에코 서버의 확인 항목에 더해, 파이프로 받는 저장 프로세스와 echomsg.txt",
  ),
  bookSleeps: 0,
  runs: SERVER_RUNS,
  steps: serverSteps([
    {
      do: "store",
      title: both(
        "a store process reads a pipe whose writing end the echo children hold",
        "저장 프로세스가 파이프를 읽고, 그 쓰는 쪽은 에코 자식들이 가진다",
      ),
      clients: ["a", "b"],
      unless: ["server.no-fork", "server.not-concurrent"],
      outcomes: { none: "store.no-store", "no-pipe": "store.no-pipe" },
    },
    {
      do: "store-file",
      title: both(
        "echomsg.txt holds what the clients sent",
        "echomsg.txt에 클라이언트가 보낸 내용이 있다",
      ),
      file: "echomsg.txt",
      client: "a",
      within: 8,
      unless: ["store.no-pipe"],
      outcomes: {
        missing: "store.no-file",
        incomplete: "store.incomplete",
        extra: "store.extra",
      },
    },
  ]),
  rules: [serverLinesRule()],
  findings: {
    ...serverFindings("echo-storeserver"),
    "store.no-store": {
      severity: "fail",
      title: both(
        "there is no store process reading a pipe",
        "파이프를 읽는 저장 프로세스가 없다",
      ),
      book: both(
        "The book calls pipe(fds) and forks the store process first: it reads fds[0] and writes what it gets into echomsg.txt, while the parent serves clients.",
        "책은 pipe(fds)를 부르고 저장 프로세스를 먼저 fork한다. 저장 프로세스는 fds[0]을 읽어 받은 것을 echomsg.txt에 쓰고, 부모는 클라이언트를 처리한다.",
      ),
      why: both(
        "One process owns the file; every echo child passes it the bytes through the pipe, so no two processes write the file at once. That process must be there, reading fds[0], for as long as the server runs: one never forked, one that ends early (after one read, or on a read() that failed), or one that reads the wrong end leaves the echo children's bytes nowhere to go.",
        "파일은 한 프로세스만 다룬다. 에코 자식은 모두 파이프로 바이트를 넘기므로 두 프로세스가 동시에 파일에 쓰는 일이 없다. 그 프로세스는 서버가 실행되는 동안 fds[0]을 읽으며 있어야 한다. fork하지 않았거나, 일찍 종료하거나(한 번 읽은 뒤, 또는 read()가 실패해서), 잘못된 쪽을 읽으면 에코 자식의 바이트가 갈 곳이 없다.",
      ),
      see: see("echo-storeserver", ["shows"], "tcpip echo-storeserver --trace"),
    },
    "store.no-pipe": {
      severity: "fail",
      title: both(
        "the echo children do not hold the store process's pipe",
        "에코 자식에게 저장 프로세스의 파이프가 없다",
      ),
      book: both(
        "The pipe is made before any fork(): every echo child inherits fds[1] and writes into it what it echoes.",
        "파이프는 어떤 fork()보다 먼저 만든다. 에코 자식은 모두 fds[1]을 물려받아 에코하는 내용을 거기에 쓴다.",
      ),
      why: both(
        "fork() copies the descriptor table as it is at that moment, and each process closes its own copies: an echo child lacks the writing end when the pipe was made after it was forked, or when it closed fds[1] itself (the end it needs) instead of fds[0].",
        "fork()는 그 순간의 파일 디스크립터 테이블을 복사하고, 각 프로세스는 자기 복사본을 닫는다. 파이프를 자식을 fork한 뒤에 만들었거나, 자식이 fds[0] 대신 자기에게 필요한 fds[1]을 닫았다면 에코 자식에게 쓰는 쪽이 없다.",
      ),
      see: see("echo-storeserver", ["shows"]),
    },
    "store.no-file": {
      severity: "fail",
      title: both("there is no echomsg.txt", "echomsg.txt가 없다"),
      book: both(
        'The book\'s store process opens echomsg.txt ("wt") in the working directory when it starts.',
        '책의 저장 프로세스는 시작할 때 작업 디렉터리에 echomsg.txt를 ("wt"로) 연다.',
      ),
      why: both(
        "tcpip runs the program in a fresh directory and reads echomsg.txt there: the file name must be relative, as the book's.",
        "tcpip는 프로그램을 새 디렉터리에서 실행하고 거기서 echomsg.txt를 읽는다. 파일 이름은 책처럼 상대 경로여야 한다.",
      ),
      see: see("echo-storeserver", ["shows"]),
    },
    "store.extra": {
      severity: "fail",
      title: both(
        "echomsg.txt holds bytes no client sent",
        "echomsg.txt에 클라이언트가 보내지 않은 바이트가 있다",
      ),
      book: both(
        "The book's store process writes what each read() returned, fwrite((void*)msgbuf, 1, len, fp): the file holds the clients' bytes and nothing else.",
        "책의 저장 프로세스는 read()가 반환한 만큼만 쓴다, fwrite((void*)msgbuf, 1, len, fp). 파일에는 클라이언트의 바이트만 있다.",
      ),
      why: both(
        "read() on a pipe returns what is there, often less than the buffer. Writing BUF_SIZE (or sizeof msgbuf) bytes instead of len copies the rest of the buffer too, whatever it held; the same goes for a write() into the pipe of more bytes than the echo child read.",
        "파이프의 read()는 들어 있는 만큼 반환하며 버퍼보다 적을 때가 많다. len 대신 BUF_SIZE(또는 sizeof msgbuf)바이트를 쓰면 버퍼의 나머지도 무엇이 들어 있든 함께 쓴다. 에코 자식이 읽은 것보다 많은 바이트를 파이프에 write()해도 마찬가지다.",
      ),
      see: see("echo-storeserver", ["shows"], "tcpip echo-storeserver --trace"),
    },
    "store.incomplete": {
      severity: "fail",
      title: both(
        "echomsg.txt is missing what the clients sent",
        "echomsg.txt에 클라이언트가 보낸 내용이 빠져 있다",
      ),
      book: both(
        "Each echo child writes every chunk it echoes into fds[1] too; the store process writes each read into the file, and after 10 reads fclose() puts it all on disk.",
        "에코 자식은 에코하는 조각을 모두 fds[1]에도 쓴다. 저장 프로세스는 읽을 때마다 파일에 쓰고, 10번 읽은 뒤 fclose()가 모두 디스크에 기록한다.",
      ),
      why: both(
        "A byte reaches the file only if an echo child writes it into the pipe, the store process reads it, and its fwrite() buffer is flushed (fclose() or fflush()).",
        "바이트가 파일에 닿으려면 에코 자식이 파이프에 쓰고, 저장 프로세스가 읽고, fwrite()의 버퍼가 비워져야(fclose()나 fflush()) 한다.",
      ),
      see: see("echo-storeserver", ["shows", "watch"]),
    },
  },
};
