/**
 * The worker behind `proc_watch.ts`: polls the OS for the state of one
 * process and writes a note each time the state letter changes.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { note } from "../note.ts";
import { hasProcFs } from "../platform.ts";
import { describeState, procState } from "./proc_info.ts";
import { type Lang, setLang, tr } from "../text.ts";

/** How often the OS is asked, in milliseconds. */
const POLL_MS = 10;

self.onmessage = (event: MessageEvent<{ lang?: Lang; pid?: number }>) => {
  if (event.data.lang) {
    setLang(event.data.lang);
    self.postMessage("ready");
  }
  if (event.data.pid !== undefined) void watch(event.data.pid);
};

async function watch(pid: number): Promise<void> {
  const source = hasProcFs ? `/proc/${pid}/stat` : `ps -o stat= -p ${pid}`;
  let last: string | null | undefined;
  while (true) {
    const state = await procState(pid);
    if (state !== last) {
      note({
        en: `state of ${pid} (from ${source}): ${tr(describeState(state))}`,
        ko: `${pid}의 상태 (${source}): ${tr(describeState(state))}`,
      });
      last = state;
    }
    if (state === null) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
