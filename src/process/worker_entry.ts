/**
 * The worker behind `routine.ts`: loads the program module, runs the named
 * routine with the data it was sent, and reports its end.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { programByFile } from "../catalog.ts";
import { setSpeed } from "../signal/clock.ts";
import type { RoutineStart } from "./worker.ts";
import { type Lang, setLang } from "../text.ts";
import { joinTrace } from "../trace/trace.ts";

self.onmessage = async (event: MessageEvent<RoutineStart>) => {
  const { program, routine, data, lang, speed, trace } = event.data;
  setLang(lang as Lang);
  setSpeed(speed);
  if (trace) joinTrace(trace);
  try {
    const module = await programByFile(program)?.load();
    const run = module?.routines?.[routine];
    if (!run) {
      throw new Error(`no routine '${routine}' in program '${program}'`);
    }
    await run(data);
    self.postMessage({});
  } catch (error) {
    self.postMessage({
      error: error instanceof Error ? error.message : String(error),
    });
  }
};
