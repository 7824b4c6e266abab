/**
 * echo_mpserv.c: the multi-process echo server. The tool's clients check
 * that it echoes exactly, serves a second client while the first is idle
 * (a child per client, holding the client's socket, the parent holding
 * none), that a half-closed client reads end of file, that each child
 * ends with its client and is collected, even five ending together, and
 * that the server outlives its children.
 *
 * @module
 */

import type { Scenario } from "../scenario.ts";
import { both } from "./_common.ts";
import {
  SERVER_RUNS,
  serverFindings,
  serverLinesRule,
  serverSteps,
} from "./_server.ts";

/** The check of echo_mpserv.c. */
export const scenario: Scenario = {
  program: "echo-server",
  role: "server",
  example: "./echo_mpserv",
  summary: both(
    "exact echoes, a child per client, no socket kept by the parent, no zombies",
    "정확한 에코, 클라이언트마다 자식, 부모에게 남지 않는 소켓, 좀비 없음",
  ),
  bookSleeps: 0,
  runs: SERVER_RUNS,
  steps: serverSteps(),
  rules: [serverLinesRule()],
  findings: serverFindings("echo-server"),
};
