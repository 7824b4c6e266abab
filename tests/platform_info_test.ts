// Small pure pieces: the locale's language and the macOS descriptor parser.

import { assertEquals } from "@std/assert";
import { localeLang } from "../src/text.ts";
import { parseLsof } from "../src/process/os/proc_info.ts";

Deno.test("the locale: LC_ALL, then LC_MESSAGES, then LANG; Korean when it starts with ko", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assertEquals(localeLang(env({}), undefined), "en");
  // No variable set (Windows): the system's locale decides.
  assertEquals(localeLang(env({}), "ko-KR"), "ko");
  assertEquals(localeLang(env({}), "en-US"), "en");
  assertEquals(localeLang(env({ LANG: "C" }), "ko-KR"), "en");
  assertEquals(localeLang(env({ LANG: "ko_KR.UTF-8" })), "ko");
  assertEquals(
    localeLang(env({ LANG: "ko_KR.UTF-8", LC_MESSAGES: "C" })),
    "en",
  );
  assertEquals(localeLang(env({ LANG: "en_US.UTF-8", LC_ALL: "ko_KR" })), "ko");
  assertEquals(localeLang(env({ LC_ALL: "", LANG: "ko" })), "ko"); // empty means unset
});

Deno.test("lsof -F ftn output becomes descriptors (the macOS path)", () => {
  const sample = [
    "p4711",
    "fcwd",
    "tDIR",
    "n/Users/me",
    "f0",
    "tCHR",
    "n/dev/ttys001",
    "f12",
    "tIPv4",
    "nlocalhost:9190",
    "f3",
    "tPIPE",
    "n->0x1234",
    "",
  ].join("\n");
  assertEquals(parseLsof(sample), [
    { fd: 0, target: "/dev/ttys001" },
    { fd: 3, target: "->0x1234" },
    { fd: 12, target: "socket:localhost:9190" },
  ]);
});
