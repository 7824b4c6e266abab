// Korean particles after the values the tool prints: pids, ports, numbers,
// file names, descriptors.

import { assertEquals } from "@std/assert";
import { josa, withJosa } from "../src/josa.ts";

Deno.test("josa: by how the value ends when read aloud", () => {
  // The review found "저장 프로세스 14560가" and "127.0.0.1:19190가".
  assertEquals(withJosa(14560, "이/가"), "14560이"); // 육십
  assertEquals(withJosa("127.0.0.1:19190", "이/가"), "127.0.0.1:19190이"); // 구십
  assertEquals(withJosa(9190, "을/를"), "9190을");
  assertEquals(withJosa(3, "을/를"), "3을"); // 삼
  assertEquals(withJosa(2, "을/를"), "2를"); // 이
  assertEquals(withJosa(7, "으로/로"), "7로"); // 칠: ㄹ takes 로
  assertEquals(withJosa(3, "으로/로"), "3으로");
  assertEquals(withJosa(0, "이/가"), "0이"); // 영
  assertEquals(withJosa(100, "은/는"), "100은"); // 백
  assertEquals(withJosa(2.5, "과/와"), "2.5와"); // 오
  assertEquals(withJosa("fds[1]", "으로/로"), "fds[1]로"); // 일
  assertEquals(withJosa("echomsg.txt", "을/를"), "echomsg.txt를"); // 티
  assertEquals(withJosa("stdin", "은/는"), "stdin은"); // 엔
  assertEquals(withJosa("SIGCHLD", "이/가"), "SIGCHLD가"); // 디
  assertEquals(withJosa("좀비", "을/를"), "좀비를");
  assertEquals(withJosa("서버", "으로/로"), "서버로");
  assertEquals(withJosa("파일", "으로/로"), "파일로");
  assertEquals(withJosa("소켓", "이나/나"), "소켓이나");
  assertEquals(withJosa("--prefork 4", "이면/면"), "--prefork 4면"); // 사
  assertEquals(withJosa("--prefork 0", "이면/면"), "--prefork 0이면"); // 영
  assertEquals(josa("'q'", "을/를"), "를"); // 큐
  assertEquals(withJosa("'echo-server'", "을/를"), "'echo-server'를"); // 서버
  assertEquals(withJosa("URL", "이/가"), "URL이"); // 엘
  assertEquals(withJosa("pool", "으로/로"), "pool로"); // 풀
  assertEquals(withJosa("'zombie'", "을/를"), "'zombie'를");
});
