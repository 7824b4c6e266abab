/**
 * What `tcpip predict sigaction` asks about sigaction.c: the same run as
 * signal.c's, so the same questions (`signal.ts`).
 *
 * @module
 */

import type { ProgramPredictions } from "../prediction.ts";
import { alarmProgram } from "./signal.ts";

/** What `tcpip predict sigaction` asks. */
export const predictions: ProgramPredictions = alarmProgram("sigaction.c");
