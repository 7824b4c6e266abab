/**
 * The script every routine's worker runs: takes over the starter's
 * settings, imports the routine's module by URL, says it has started, runs
 * the routine with its data, and reports its end.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { messageOf } from "../../errors.ts";
import { type EntryAddress, loadEntry } from "../entrypoint.ts";
import { applySettings, type Settings } from "../settings.ts";

/** The message that starts a routine on its worker. */
export interface WorkerStart {
  /** The routine. */
  entry: EntryAddress;
  /** What it runs with. */
  data: unknown;
  /** The starter's speed, language and trace log. */
  settings: Settings;
}

self.onmessage = async (event: MessageEvent<WorkerStart>) => {
  try {
    applySettings(event.data.settings);
    const routine = await loadEntry(event.data.entry);
    self.postMessage({ started: true });
    await routine(event.data.data);
    self.postMessage({});
  } catch (error) {
    self.postMessage({
      error: messageOf(error),
    });
  }
};
