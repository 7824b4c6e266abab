// The signal layer, in this process: real signals reach the handlers, a
// handled signal cuts a sleep short, alarm() sends SIGALRM, handlers run one
// at a time.

import { assert, assertEquals } from "@std/assert";
import { setSpeed, sleep } from "../src/signal/clock.ts";
import {
  alarm,
  kill,
  resetSignals,
  sigaction,
  signal,
} from "../src/signal/signal.ts";

const posix = Deno.build.os !== "windows";

/**
 * Resolves with `promise`, failing after 30 s. Its timer also keeps the event
 * loop alive: signal listeners alone do not, in Deno.
 */
async function within<T>(promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error("no signal within 30 s")),
      30_000,
    );
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test({
  name: "a real signal runs its handler and cuts the pending sleep short",
  ignore: !posix,
  async fn() {
    const seen: string[] = [];
    signal("SIGUSR1", (sig) => void seen.push(sig));
    const sleeping = sleep(100); // 100 s of book time
    kill(Deno.pid, "SIGUSR1");
    const left = await sleeping;
    assertEquals(seen, ["SIGUSR1"]);
    assert(left > 0, `${left} s left: the sleep was not cut short`);
    await resetSignals();
  },
});

Deno.test({
  name:
    "a sleep cut short returns the whole seconds left, rounded down as glibc's sleep()",
  ignore: !posix,
  async fn() {
    // Measured in C: sleep(5) cut by a signal after 40 ms returns 4, and
    // signal.c's sleep(100) cut after 2 s returns 97 (9 of 9 runs).
    signal("SIGUSR1", () => {});
    const sleeping = sleep(5);
    kill(Deno.pid, "SIGUSR1");
    assertEquals(await sleeping, 4);
    await resetSignals();
  },
});

Deno.test({
  name: "alarm() delivers SIGALRM after its (scaled) time; 0 cancels",
  ignore: !posix,
  async fn() {
    setSpeed(100);
    try {
      const rang = Promise.withResolvers<void>();
      sigaction("SIGALRM", {
        handler: () => rang.resolve(),
        mask: [],
        flags: 0,
      });
      assertEquals(alarm(5), 0); // 50 ms at --speed 100
      assertEquals(alarm(1), 5); // C: alarm() returns what was left of the last one
      await within(rang.promise);
      assertEquals(alarm(0), 0);
    } finally {
      setSpeed(1);
      await resetSignals();
    }
  },
});

Deno.test({
  name: "handlers run one at a time, each to its end",
  ignore: !posix,
  async fn() {
    const order: string[] = [];
    const handled = Promise.withResolvers<void>();
    signal("SIGUSR1", async () => {
      order.push("usr1 start");
      // A second signal arrives while this handler is still running.
      kill(Deno.pid, "SIGUSR2");
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push("usr1 end");
    });
    signal("SIGUSR2", () => {
      order.push("usr2");
      handled.resolve();
    });
    kill(Deno.pid, "SIGUSR1");
    await within(handled.promise);
    assertEquals(order, ["usr1 start", "usr1 end", "usr2"]);
    await resetSignals();
  },
});
