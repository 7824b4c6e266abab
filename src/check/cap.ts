/**
 * How many processes the learner's program may create, so that a fork
 * bomb ends at a cap instead of exhausting the machine. Three layers, the
 * first that works here applies, and the report says which:
 *
 * 1. a cgroup of its own with `pids.max` (the kernel refuses the fork
 *    beyond it, for root too): cgroup v1's `pids` hierarchy, or a cgroup v2
 *    directory we may write (a systemd user session delegates one);
 * 2. for a user who is not root, `RLIMIT_NPROC` (`ulimit -u`) set on the
 *    program to the tasks the user runs now plus the cap: the kernel counts
 *    all of the user's processes and threads against it, and does not
 *    enforce it for root;
 * 3. a watchdog that counts the program's processes on every look and, past
 *    the cap, kills every one of them (the only layer left for root without
 *    a writable cgroup).
 *
 * The watchdog runs under the other two as well. `TCPIP_CHECK_CAP=watchdog`
 * in the environment makes it the only layer.
 *
 * @module
 */

import { limitProcesses, userId } from "./os_calls.ts";
import { allPids, threadCount, uidOf } from "./procfs.ts";
import type { Text } from "../text.ts";

/** The cap that applies to one run. */
export interface Cap {
  /** Which layer: `cgroup`, `rlimit` or `watchdog`. */
  kind: "cgroup" | "rlimit" | "watchdog";
  /** What the report says about it. */
  describe: Text;
  /** The cap, in tasks (processes and their threads) or processes. */
  limit: number;
  /** The cgroup's directory, when the cap is one. */
  dir?: string;
  /** Puts `pid` (not yet running the program) under the cap. */
  apply(pid: number): void;
  /** The processes the cap holds (a cgroup's members), or empty. */
  members(): number[];
  /** How many forks the kernel refused at the cap (cgroup), or null. */
  refused(): number | null;
  /** Removes what the cap made (the cgroup, once empty). */
  release(): Promise<void>;
}

/** Every cgroup directory we might create a child cgroup under. */
function cgroupParents(): string[] {
  const parents: string[] = [];
  // cgroup v1: the pids hierarchy, at its root (root only, in practice).
  parents.push("/sys/fs/cgroup/pids");
  // cgroup v2: where this process is, and the directory above it.
  try {
    const self = Deno.readTextFileSync("/proc/self/cgroup");
    const v2 = self.match(/^0::(\S*)$/m)?.[1];
    const mount = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"].find((dir) => {
      try {
        Deno.statSync(`${dir}/cgroup.controllers`);
        return true;
      } catch {
        return false;
      }
    });
    if (v2 !== undefined && mount) {
      const here = `${mount}${v2 === "/" ? "" : v2}`;
      parents.push(here.replace(/\/[^/]+$/, ""), here);
    }
  } catch {
    // no cgroups at all
  }
  return parents;
}

/** A cgroup with `pids.max = limit`, or null where none can be made. */
function cgroupCap(limit: number): Cap | null {
  for (const parent of cgroupParents()) {
    const dir = `${parent}/tcpip-check-${Deno.pid}-${
      crypto.randomUUID().slice(0, 8)
    }`;
    try {
      Deno.mkdirSync(dir);
    } catch {
      continue;
    }
    try {
      Deno.writeTextFileSync(`${dir}/pids.max`, String(limit));
    } catch {
      try {
        Deno.removeSync(dir);
      } catch {
        // leave it: it is empty
      }
      continue;
    }
    return {
      kind: "cgroup",
      limit,
      dir,
      describe: {
        en:
          `at most ${limit} tasks (processes and threads): a cgroup's pids.max (${dir})`,
        ko:
          `최대 ${limit}개 태스크(프로세스와 스레드): cgroup의 pids.max (${dir})`,
      },
      apply(pid) {
        Deno.writeTextFileSync(`${dir}/cgroup.procs`, String(pid));
      },
      members() {
        try {
          return Deno.readTextFileSync(`${dir}/cgroup.procs`).split("\n")
            .filter((line) => line !== "").map(Number);
        } catch {
          return [];
        }
      },
      refused() {
        try {
          const events = Deno.readTextFileSync(`${dir}/pids.events`);
          return Number(events.match(/^max (\d+)$/m)?.[1] ?? 0);
        } catch {
          return null;
        }
      },
      async release() {
        for (let i = 0; i < 100; i++) {
          const left = this.members();
          for (const pid of left) {
            try {
              Deno.kill(pid, "SIGKILL");
            } catch {
              // gone
            }
          }
          try {
            Deno.removeSync(dir);
            return;
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      },
    };
  }
  return null;
}

/** The tasks (processes and threads) user `uid` runs now (Linux). */
function tasksOf(uid: number): number {
  let count = 0;
  for (const pid of allPids()) {
    if (uidOf(pid) === uid) count += threadCount(pid);
  }
  return count;
}

/**
 * The cap for one run of at most `limit` tasks: a cgroup where one can be
 * made, else RLIMIT_NPROC for a user who is not root, else the watchdog
 * alone.
 */
export function makeCap(limit: number): Cap {
  // TCPIP_CHECK_CAP=watchdog: the last layer alone, as for root where no
  // cgroup can be made (the tests use it to show that layer works).
  if (Deno.env.get("TCPIP_CHECK_CAP") === "watchdog") return watchdogCap(limit);
  if (Deno.build.os === "linux") {
    const cgroup = cgroupCap(limit);
    if (cgroup) return cgroup;
    const uid = userId();
    if (uid !== 0) {
      const used = tasksOf(uid);
      const total = used + limit;
      let applied = false;
      return {
        kind: "rlimit",
        limit,
        describe: {
          en:
            `at most ${limit} more tasks: RLIMIT_NPROC (ulimit -u) ${total}, your ${used} tasks now plus ${limit}`,
          ko:
            `최대 ${limit}개 태스크 추가: RLIMIT_NPROC (ulimit -u) ${total}, 지금 사용자의 ${used}개에 ${limit}개를 더함`,
        },
        apply(pid) {
          applied = limitProcesses(pid, total);
          if (!applied) {
            this.kind = "watchdog";
            this.describe = watchdogText(limit);
          }
        },
        members: () => [],
        refused: () => null,
        release: () => Promise.resolve(),
      };
    }
  }
  return watchdogCap(limit);
}

/** The watchdog alone: at most `limit` processes, counted on every look. */
export function watchdogCap(limit: number): Cap {
  return {
    kind: "watchdog",
    limit,
    describe: watchdogText(limit),
    apply() {},
    members: () => [],
    refused: () => null,
    release: () => Promise.resolve(),
  };
}

function watchdogText(limit: number): Text {
  return {
    en:
      `at most ${limit} processes, by tcpip's watchdog (no cgroup can be made here, and the kernel does not hold root to RLIMIT_NPROC): past it, every process of the program is killed`,
    ko:
      `최대 ${limit}개 프로세스, tcpip의 감시로 (여기서는 cgroup을 만들 수 없고, 커널은 root에게 RLIMIT_NPROC를 적용하지 않는다): 넘으면 프로그램의 모든 프로세스를 끝낸다`,
  };
}
