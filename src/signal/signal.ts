/**
 * C's signal API on real OS signals: `signal()`, `sigaction()`, `alarm()`.
 *
 * A registered handler runs when the process really receives the signal
 * (through `Deno.addSignalListener`). As in C, a handled signal cuts short
 * a pending {@linkcode sleep}, after its handler has run. Handlers run one
 * at a time, so a handler is never re-entered (C blocks the signal being
 * handled, and `sa_mask` blocks more).
 *
 * `alarm(n)` arms a timer that sends SIGALRM to this process with `kill(2)`
 * when it expires, which is what the kernel's alarm timer does.
 *
 * Windows has neither SIGALRM nor SIGCHLD (Deno listens only for SIGINT and
 * SIGBREAK there). On Windows {@linkcode alarm} calls the SIGALRM handler
 * from its timer directly, with no signal involved; programs say so.
 *
 * @module
 */

import { messageOf } from "../errors.ts";
import { interruptSleeps, scaled } from "./clock.ts";
import { note, writeStderr } from "../note.ts";
import { isWindows } from "../platform.ts";
import { trace } from "../trace/trace.ts";

/** A signal handler, as C's `void handler(int sig)`; it may be async. */
export type Handler = (sig: Deno.Signal) => void | Promise<void>;

/** C's `struct sigaction`, the parts that matter here. */
export interface SigAction {
  /** `sa_handler`. */
  handler: Handler;
  /** `sa_mask`: signals held back while the handler runs (`sigemptyset` = []). */
  mask: readonly Deno.Signal[];
  /** `sa_flags`; 0 as in the book (no flag is supported). */
  flags: 0;
}

/** Signals Deno can catch on Windows. */
const WINDOWS_SIGNALS: readonly Deno.Signal[] = ["SIGINT", "SIGBREAK"];

interface Registration {
  action: SigAction;
  listener?: () => void;
}

const registrations = new Map<Deno.Signal, Registration>();
let running: Promise<void> = Promise.resolve();

/** True when this platform can deliver and catch `sig`. */
export function canCatch(sig: Deno.Signal): boolean {
  return isWindows ? WINDOWS_SIGNALS.includes(sig) : sig !== "SIGBREAK";
}

/**
 * C's `SIG_IGN`: as a handler, the signal is ignored. The process no longer
 * ends by it (a registered listener replaces the default action), and
 * nothing runs; a pending sleep is not cut short either.
 */
export const SIG_IGN: Handler = (): void => {};

/**
 * C's `signal(sig, handler)`: from now on `handler` runs when `sig`
 * arrives. Returns the previous handler, if any.
 *
 * @example `signal.c`: SIGALRM every 2 seconds
 * ```ts ignore
 * import { alarm, signal } from "./signal.ts";
 * import { sleep } from "./clock.ts";
 *
 * signal("SIGALRM", () => {
 *   console.log("Time out!");
 *   alarm(2);
 * });
 * alarm(2);
 * await sleep(100); // cut short once the handler has run
 * ```
 */
export function signal(
  sig: Deno.Signal,
  handler: Handler,
): Handler | undefined {
  return install(sig, { handler, mask: [], flags: 0 });
}

/**
 * C's `sigaction(sig, &act, &oldact)`: installs `act` for `sig`. Returns
 * the previous action, if any (the `oldact` of C).
 */
export function sigaction(
  sig: Deno.Signal,
  act: SigAction,
): SigAction | undefined {
  const old = registrations.get(sig)?.action;
  install(sig, act);
  return old;
}

function install(sig: Deno.Signal, action: SigAction): Handler | undefined {
  const old = registrations.get(sig);
  if (old) {
    const previous = old.action.handler;
    old.action = action;
    return previous;
  }
  const registration: Registration = { action };
  if (canCatch(sig)) {
    registration.listener = () => {
      if (!isEcho(sig)) void deliver(sig);
    };
    Deno.addSignalListener(sig, registration.listener);
  }
  registrations.set(sig, registration);
  return undefined;
}

/**
 * Two copies of one Ctrl+C closer together than a person can press twice.
 * `deno task` forwards the SIGINT it gets to the program, while the
 * terminal sends the same keypress to the program directly (both are in
 * its process group): without this, one press would run a handler twice.
 */
export const ECHO_WINDOW_MS = 50;

const lastArrival = new Map<Deno.Signal, number>();
let echoNoted = false;

/** True for a SIGINT that is the second copy of one keypress (and says so once). */
function isEcho(sig: Deno.Signal): boolean {
  if (sig !== "SIGINT") return false;
  const now = performance.now();
  const last = lastArrival.get(sig);
  lastArrival.set(sig, now);
  if (last === undefined || now - last >= ECHO_WINDOW_MS) return false;
  trace("signal", sig, { what: "echo", n: ECHO_WINDOW_MS });
  if (!echoNoted) {
    echoNoted = true;
    note({
      en:
        `SIGINT arrived twice within ${ECHO_WINDOW_MS} ms: one Ctrl+C, sent by the terminal and\n` +
        "forwarded by `deno task` too; it counts once, as one keypress does in C",
      ko:
        `SIGINT가 ${ECHO_WINDOW_MS}ms 안에 두 번 도착했다: 터미널이 보낸 Ctrl+C 하나를\n` +
        "`deno task`도 전달한 것이다. C에서처럼 한 번 누른 것으로 센다",
    });
  }
  return true;
}

/**
 * Handler runs of each signal that have started or wait to: as in the
 * kernel, a signal whose handler is running is held back, one more arrival
 * stays pending, and any further one merges with it (standard signals do
 * not queue).
 */
const inFlight = new Map<Deno.Signal, number>();

/**
 * Runs the handler for `sig` (after any handler still running), then wakes
 * pending sleeps. Called when the OS delivers a signal; on Windows also by
 * the stand-ins for signals that do not exist there. An arrival while one
 * is already pending merges with it: the handler runs once for both.
 */
export function deliver(sig: Deno.Signal): Promise<void> {
  const count = inFlight.get(sig) ?? 0;
  if (count >= 2) {
    trace("signal", sig, { what: "merged" });
    return running;
  }
  inFlight.set(sig, count + 1);
  trace("signal", sig);
  running = running.then(async () => {
    const registration = registrations.get(sig);
    if (!registration) return;
    try {
      await registration.action.handler(sig);
    } catch (error) {
      writeStderr(
        `tcpip: the ${sig} handler failed: ${messageOf(error)}\n`,
      );
    }
    if (registration.action.handler !== SIG_IGN) interruptSleeps();
  }).finally(() => inFlight.set(sig, (inFlight.get(sig) ?? 1) - 1));
  return running;
}

/** True when a handler is installed for `sig`. */
export function isHandled(sig: Deno.Signal): boolean {
  return registrations.has(sig);
}

let alarmTimer: ReturnType<typeof setTimeout> | undefined;
let alarmDue = 0;

/**
 * C's `alarm(seconds)`: SIGALRM comes in `seconds` (of the book's time);
 * 0 cancels. Returns the seconds that were left on the previous alarm.
 */
export function alarm(seconds: number): number {
  const left = alarmTimer === undefined
    ? 0
    : Math.max(0, Math.ceil((alarmDue - performance.now()) / scaled(1)));
  if (alarmTimer !== undefined) clearTimeout(alarmTimer);
  alarmTimer = undefined;
  if (seconds > 0) {
    alarmDue = performance.now() + scaled(seconds);
    const timer = setTimeout(ring, scaled(seconds));
    Deno.unrefTimer(timer); // like C, a pending alarm does not keep us alive
    alarmTimer = timer;
  }
  return left;
}

function ring(): void {
  alarmTimer = undefined;
  if (isWindows) {
    // No SIGALRM on Windows: the timer stands in for the signal.
    void deliver("SIGALRM");
    return;
  }
  kill(Deno.pid, "SIGALRM");
}

/** C's `kill(pid, sig)`: sends a real signal. */
export function kill(pid: number, sig: Deno.Signal): void {
  trace("kill", sig, pid);
  Deno.kill(pid, sig);
}

/** Removes every handler and cancels the alarm (for tests and clean exits). */
export async function resetSignals(): Promise<void> {
  alarm(0);
  for (const [sig, registration] of registrations) {
    if (registration.listener) {
      Deno.removeSignalListener(sig, registration.listener);
    }
  }
  registrations.clear();
  await running;
}
