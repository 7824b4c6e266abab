/**
 * What one run of a check knows while its steps and rules run: the
 * session, the network, where each step left off, and what was learnt on
 * the way (the listening socket, which child serves which client, what
 * each client sent).
 *
 * @module
 */

import type { Text } from "../text.ts";
import type { Client, TestServer } from "./net.ts";
import type { Scenario } from "./scenario.ts";
import type { Session } from "./session.ts";
import type { Trace } from "./strace.ts";

/** One outcome of a step or rule, before it becomes a finding. */
export interface Outcome {
  /** The outcome's name, which the scenario may map to a finding. */
  name: string;
  /** What was seen; given the trace when it needs it (after the run). */
  observed: Text | ((trace: Trace | null) => Text);
}

/** What a step or rule found. */
export interface Result {
  /** Outcomes that may be mistakes (none: all went as the book's). */
  outcomes: Outcome[];
  /** A short note of what was seen, shown next to an ok. */
  detail?: Text;
  /** Set when it could not be checked, and why. */
  skipped?: Text;
  /** End the run after this step (the verdict is known). */
  stop?: boolean;
}

/** The state of one run. */
export interface RunContext {
  /** The scenario. */
  scenario: Scenario;
  /** The program's run. */
  session: Session;
  /** Why a check that reads the trace is skipped, when there is none. */
  untraced: Text;
  /** The server's port: the learner's (server) or the tool's (client). */
  port: number;
  /** The tool's server, when the learner's program is a client. */
  server: TestServer | null;
  /** The tool's clients, by name. */
  clients: Map<string, Client>;
  /** Standard output lines already consumed by `output` steps. */
  lineCursor: number;
  /** Standard output bytes already consumed by `new-output` and `printed`. */
  byteCursor: number;
  /** Bytes of the tool's server already seen printed by the client. */
  serverCursor: number;
  /** Bytes the tool's server received already matched by `received`. */
  receivedCursor: number;
  /** Bytes each client has had echoed so far. */
  echoed: Map<string, number>;
  /** What the clients sent, in order (for the store file). */
  sentLog: { client: string; text: string }[];
  /** The listening socket and its process. */
  listener: { inode: number; pid: number; fd: number } | null;
  /** Set once the listening process was seen keeping a client's socket. */
  parentKeeps: boolean;
  /** The child serving each client. */
  served: Map<string, number>;
  /** The store process, once found. */
  store: number | null;
  /** How much longer the tool's own short waits are on a busy machine (1 to 5). */
  slack: number;
  /** Finding ids raised in this run so far. */
  raised: Set<string>;
}

/** A result with no mistake. */
export function ok(detail?: Text): Result {
  return { outcomes: [], detail };
}

/** A result with one outcome. */
export function outcome(
  name: string,
  observed: Outcome["observed"],
): Result {
  return { outcomes: [{ name, observed }] };
}
