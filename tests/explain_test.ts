// What `tcpip explain` says about each program: the facts of the current
// implementation, in both languages, in the book's Korean terms, and within
// a terminal's width.

import { assert, assertStringIncludes } from "@std/assert";
import { findProgram, PROGRAMS } from "../src/catalog.ts";
import { loadExplanation, WIDTH } from "../src/teach/explain.ts";
import { displayWidth } from "../src/width.ts";
import { run } from "./_tcpip.ts";

const hangul = /[\uac00-\ud7a3]/;

/** Every program's `explain` output, by name and language, words joined by one space. */
const texts = new Map<string, string>();
const lines = new Map<string, string[]>();

async function explainAll(): Promise<void> {
  if (texts.size > 0) return;
  const runs = PROGRAMS.flatMap((spec) =>
    (["en", "ko"] as const).map(async (lang) => {
      const result = await run(["explain", spec.name, "--lang", lang]);
      assert(result.code === 0, `explain ${spec.name} --lang ${lang}`);
      texts.set(`${spec.name}/${lang}`, result.stdout.replace(/\s+/g, " "));
      lines.set(`${spec.name}/${lang}`, result.out);
    })
  );
  await Promise.all(runs);
}

function text(name: string, lang: "en" | "ko"): string {
  const found = texts.get(`${name}/${lang}`);
  assert(found !== undefined, `${name}/${lang} was explained`);
  return found;
}

/** Asserts that `explain <name> --lang <lang>` says every one of `facts`. */
function says(name: string, lang: "en" | "ko", facts: string[]): void {
  for (const fact of facts) assertStringIncludes(text(name, lang), fact);
}

/**
 * Asserts that the explanation of `name` (its own texts, not the C calls
 * read from the example's header) says none of `claims`.
 */
async function never(
  name: string,
  lang: "en" | "ko",
  claims: (string | RegExp)[],
): Promise<void> {
  const explanation = await loadExplanation(findProgram(name)!);
  const said = [
    explanation.shows,
    explanation.watch,
    explanation.differs,
    explanation.pitfalls,
  ].map((part) => part[lang]).join(" ").replace(/\s+/g, " ");
  for (const claim of claims) {
    const found = typeof claim === "string"
      ? said.includes(claim)
      : claim.test(said);
    assert(!found, `${name} (${lang}) must not say ${claim}`);
  }
}

Deno.test("explain: every program in both languages, within 78 columns, each language on its own", async () => {
  await explainAll();
  for (const spec of PROGRAMS) {
    for (const lang of ["en", "ko"] as const) {
      for (const line of lines.get(`${spec.name}/${lang}`)!) {
        assert(
          displayWidth(line) <= WIDTH,
          `${spec.name} (${lang}): ${displayWidth(line)} columns: ${line}`,
        );
      }
    }
    assert(!hangul.test(text(spec.name, "en")), `${spec.name}: Hangul in en`);
    assert(hangul.test(text(spec.name, "ko")), `${spec.name}: no Korean`);
  }
});

Deno.test("explain: the Korean texts use the book's terms", async () => {
  for (const spec of PROGRAMS) {
    const explanation = await loadExplanation(spec);
    const korean = [
      explanation.shows,
      explanation.watch,
      explanation.differs,
      explanation.pitfalls,
    ].map((part) => part.ko).join("\n");
    // The pipe's ends are 입구 and 출구; a process 종료하다, not 끝나다.
    for (const wrong of ["쓰기 끝", "읽기 끝", "끝나", "끝난", "끝날"]) {
      assert(!korean.includes(wrong), `${spec.name}: '${wrong}' in Korean`);
    }
    // The tool's notes are 안내 메시지; Half-close keeps its book name.
    assert(!korean.includes("설명 줄"), `${spec.name}: notes are 안내 메시지`);
  }
  await explainAll();
  for (const name of ["pipe1", "pipe2", "echo-storeserver"]) {
    says(name, "ko", ["입구", "출구"]);
  }
  says("pipe1", "ko", ["입구(fds[1])", "출구(fds[0])"]);
  says("echo-client", "ko", ["Half-close(출력 스트림만 종료)"]);
  says("zombie", "ko", ["좀비 프로세스", "프로세스 테이블"]);
  says("fd-copy", "ko", ["파일 디스크립터 테이블"]);
  says("signal", "ko", ["핸들러가 등록된 시그널"]);
  says("remove-zombie", "ko", ["회수"]);
});

Deno.test("explain fork: a copy made by starting the program again, in step with its child", async () => {
  await explainAll();
  says("fork", "en", [
    "'Child Proc: [13, 27] '",
    "'Parent Proc: [9, 23] '",
    "hands it gval and lval explicitly",
    "fork() returns in the parent only once the child's runtime is up",
    "ends them after 10 s",
  ]);
  says("fork", "ko", ["gval과 lval을 직접 넘겨준다", "고아 프로세스"]);
});

Deno.test("explain zombie: a small record in the kernel; pids and slots run out, not memory", async () => {
  await explainAll();
  says("zombie", "en", [
    "small record",
    "pid, exit status, resource usage",
    "What runs out is pids and slots, not memory",
    "Atomics.wait",
  ]);
  await never("zombie", "en", ["holds no memory"]);
  says("zombie", "ko", ["작은 기록", "메모리가 아니라 프로세스 ID"]);
  await never("zombie", "ko", ["메모리도 CPU도 쓰지 않고"]);
});

Deno.test("explain wait: the order of ended children is the OS's choice; the leaked zombie cannot be shown", async () => {
  await explainAll();
  says("wait", "en", [
    "which one wait() returns is the OS's choice",
    "Linux hands out the oldest child first",
    "What is guaranteed is only that wait() returns a child that has ended",
    "the tool cannot show the zombie such a parent would leave in C",
    // Measured: the second child had ended by the first reap in 12 to 37 of
    // 40 C runs, in 2 of 6 of the tool's: a race, not a rule.
    "Whether the second has ended too is a race with the parent's first wait()",
    "wait() still returned 3 first",
  ]);
  await never("wait", "en", [
    "in the order the children ended",
    "the second usually too",
    "usually shows both children ending before the first reap",
  ]);
  says("wait", "ko", ["OS가 정한다", "보여 줄 수 없다", "경쟁한다"]);
});

Deno.test("explain waitpid: the sixth call finds the child", async () => {
  await explainAll();
  says("waitpid", "en", ["The sixth call, at 15 seconds", "five"]);
  await never("waitpid", "en", ["fifth time"]);
  says("waitpid", "ko", ["여섯 번째 호출"]);
});

Deno.test("explain signal: the kernel's timer, sleep() returns the seconds left, SA_RESTART", async () => {
  await explainAll();
  says("signal", "en", [
    "In C the kernel's timer raises SIGALRM by itself",
    "sends SIGALRM to the process with kill()",
    "C's sleep() returns the seconds left",
    "nanosleep() fails with EINTR",
    "glibc's signal() installs handlers with SA_RESTART",
    "sleep() is never restarted",
    "two copies within 50 ms are one keypress",
    // glibc's sleep() rounds the seconds left down: 97 in 9 C runs of 9.
    "each sleep is cut short with 97 seconds left",
    "rounded down",
  ]);
  await never("signal", "en", ["98 seconds left: what C's sleep() returns"]);
  // kill(2) right after alarm(2) would read as a call; sleep() itself
  // does not fail with EINTR.
  await never("signal", "en", [
    "kill(2)",
    /\bsleep\(\) (also )?fails with EINTR/,
  ]);
  says("signal", "ko", ["커널의 타이머", "남은 초를 반환한다", "SA_RESTART"]);
});

Deno.test("explain sigaction: sa_flags 0 means no SA_RESTART, hence the server's continue", async () => {
  await explainAll();
  says("sigaction", "en", [
    "SA_RESTART is not set",
    "fails with EINTR",
    "'if (clnt_sock == -1) continue;'",
    "The tool cannot reproduce EINTR in the echo server's accept()",
  ]);
  says("sigaction", "ko", ["SA_RESTART", "EINTR", "재현할 수는 없다"]);
});

Deno.test("explain remove-zombie: one waitpid() per signal, signals do not queue, no zombie to show", async () => {
  await explainAll();
  says("remove-zombie", "en", [
    "Signals of one kind do not queue",
    "while (waitpid(-1, &status, WNOHANG) > 0)",
    "the tool cannot show the zombie a missed child leaves in C",
  ]);
  says("remove-zombie", "ko", ["쌓이지 않는다", "보여 줄 수 없다"]);
  // C: 25, 20, 25, 20, 25, 20 s in six runs; the steady 15 s is the tool's.
  says("remove-zombie", "en", [
    "In C both children end at the same instant as the parent's second sleep(5)",
    "25, 20, 25, 20, 25 and 20 seconds",
    "Here a child takes some 30 ms to start",
  ]);
  await never("remove-zombie", "en", ["ends after about 15 seconds, not 25"]);
});

Deno.test("explain echo-server: children started ahead, the socket sent with SCM_RIGHTS, the parent's close()", async () => {
  await explainAll();
  says("echo-server", "en", [
    "4 idle children (--prefork 4)",
    "sendmsg() and SCM_RIGHTS",
    "closes its own copy at once: the book's close(clnt_sock) in the parent",
    "blocking read() and write()",
    "collects every ended child per signal",
    "accept() does not fail with EINTR here",
    "If a fork fails",
    "read(clnt_sock, buf, BUFSIZ)",
    "the tool's own bookkeeping, not the kernel's process table",
  ]);
  await never("echo-server", "en", ["process table the SIGCHLD handler sees"]);
  says("echo-server", "ko", ["SCM_RIGHTS", "미리 시작", "close(clnt_sock)"]);
});

Deno.test("explain echo-client: one prefix per read, not per line; shutdown() and why not close()", async () => {
  await explainAll();
  says("echo-client", "en", [
    "the output is not one line per read",
    "runs into the next prefix",
    "under one prefix",
    "two raw halves",
    "the split is by thread, and the socket stays in one process",
    "q must half-close with shutdown(sock, SHUT_WR), not close(sock)",
    "no FIN is sent, the server never sees end of file, and the client hangs",
    "buf[str_len]=0 writes one byte past the end",
    "would send its last line again and again",
  ]);
  await never("echo-client", "en", ["one 'Message from server' line per read"]);
  says("echo-client", "ko", ["FIN이 가지 않고", "접두어 하나"]);
});

Deno.test("explain echo-storeserver: a real pipe() inherited by every child, and the book's leaks", async () => {
  await explainAll();
  says("echo-storeserver", "en", [
    "stops after exactly 10 reads",
    "pipe(fds) is the real system call",
    "write(fds[1], buf, str_len)",
    "the parent never touches a client's bytes",
    "inherits the listening socket serv_sock and never closes it",
    "Every echo child inherits fds[0] too",
    "64 KiB on Linux",
    "blocks in write(fds[1])",
    "the store ignores SIGINT and closes its own fds[1]",
  ]);
  await never("echo-storeserver", "en", ["the parent writes the copy into"]);
  says("echo-storeserver", "ko", ["서버 소켓(serv_sock)", "출구(fds[0])"]);
});

Deno.test("explain pipe1: 13 bytes, NUL included; a kernel object the processes hold descriptors for", async () => {
  await explainAll();
  says("pipe1", "en", [
    "13",
    "the NUL",
    "kernel object",
    "belongs to neither process",
  ]);
  await never("pipe1", "en", ["belongs to both"]);
  says("pipe1", "ko", [
    "13바이트",
    "커널의 자원",
    "어느 프로세스의 것도 아니다",
  ]);
  await never("pipe1", "ko", ["두 프로세스가 함께 가진다"]);
});

Deno.test("explain pipe2: one pipe() both ways; with --race C's child usually wins, here the parent", async () => {
  await explainAll();
  says("pipe2", "en", [
    "13 bytes with its NUL",
    "27 bytes",
    "the child may read back its own message",
    // Measured: C's child won 75 of 90 runs; the tool's 3 of 30 (4 of 30
    // traced), and 20 of 20 with read() and write() called once before.
    "C's child usually reads back its own message",
    "the child won 75 of 90 runs",
    "Here the parent usually wins instead",
    "the child's first read() runs code for the first time",
    "the tool's and not the book's",
    "one real pipe() is made before the fork",
  ]);
  await never("pipe2", "en", [
    "Other times the parent is faster",
    "here it wins in most runs",
  ]);
  says("pipe2", "ko", [
    "C에서는 대개 자식 프로세스가 자기 메시지를",
    "대개 부모 프로세스가",
  ]);
});

Deno.test("explain pipe3, fd-copy, sigint-confirm, three-conversation: what they do now", async () => {
  await explainAll();
  says("pipe3", "en", ["13 bytes", "27", "sleeps 3 seconds as in the book"]);
  says("fd-copy", "en", [
    "socket:[inode]",
    "destroyed only when its last descriptor is closed",
    "SCM_RIGHTS",
  ]);
  says("sigint-confirm", "en", [
    "the main loop stops until the question is answered",
    "no line is printed while it waits",
  ]);
  await never("sigint-confirm", "en", ["the lines go on"]);
  says("sigint-confirm", "ko", ["메인 루프가 멈춘다"]);
  says("three-conversation", "en", ["child first", "built-in message"]);
});
