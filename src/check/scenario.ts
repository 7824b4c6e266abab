/**
 * The shape of a check, as data. One scenario per program of the book, in
 * `scenarios/<file>.ts`, in the spirit of CS:APP's trace files: the runs
 * to make (as it is, on one CPU, with each `fork()` returning late in the
 * parent), the steps of each run (start clients, send bytes, half-close,
 * send signals, type lines, and what to wait for and how long), the rules
 * checked on each run once it is over (the lines printed, the processes
 * made, the bytes that went through each pipe), and the findings each
 * outcome leads to, with what the book's program does and why.
 *
 * Every step and rule names its outcomes; the scenario maps the outcomes
 * that are mistakes to a finding. One generic engine (`engine.ts`) runs
 * every scenario.
 *
 * @module
 */

import type { Text } from "../text.ts";

/** How bad a finding is: `fail` ends with exit 1, `warn` does not. */
export type Severity = "warn" | "fail";

/** What a finding says, besides what was observed in the run. */
export interface FindingSpec {
  /** `fail` or `warn`. */
  severity: Severity;
  /** The mistake, in one line. */
  title: Text;
  /** What the book's program does instead. */
  book: Text;
  /** Why, in the book's terms. */
  why: Text;
  /** Where to look: `tcpip explain <program>` sections, `--trace` runs. */
  see: Text;
}

/** A finding id from the scenario's `findings`, per outcome. */
export type Outcomes<K extends string> = Partial<Record<K, string>>;

/** What every step has. */
export interface StepBase {
  /** The line shown while it runs and as its result. */
  title: Text;
  /** Only with strace (a step that reads the system call trace). */
  needs?: "strace";
  /** End the run when this step finds a mistake (later steps cannot work). */
  stopOnFinding?: boolean;
  /** Skip this step when one of these findings came earlier in the run. */
  unless?: string[];
}

/** Waits for lines of standard output, in this order, after the last ones waited for. */
export interface OutputStep extends StepBase {
  /** Regular expressions (anchored), one per line. */
  do: "output";
  /** The lines, each a regular expression matched against a whole line. */
  lines: string[];
  /** The lines may come in any order (two processes print them). */
  anyOrder?: boolean;
  /** Seconds to wait. */
  within: number;
  /** System calls to count in the observation (from the trace). */
  calls?: string[];
  /** A system call the lines need (`alarm`): never made, they cannot come. */
  requires?: string;
  /**
   * `missing`: not all came in time (or the program ended first);
   * `killed`: a signal ended the program first (where mapped; else
   * `missing`); `uncalled`: the trace shows no call of `requires` (where
   * mapped; else as without it).
   */
  outcomes?: Outcomes<"missing" | "killed" | "uncalled" | "stuck">;
}

/** Waits for any new bytes on standard output (a prompt with no newline too). */
export interface NewOutputStep extends StepBase {
  /** Any new output. */
  do: "new-output";
  /** Seconds to wait. */
  within: number;
  /** `none`: nothing came; `ended`: the program ended instead. */
  outcomes?: Outcomes<"none" | "ended">;
}

/** Waits for the program's first process to end. */
export interface ExitStep extends StepBase {
  /** The program ends. */
  do: "exit";
  /** Seconds to wait. */
  within: number;
  /**
   * `running`: it did not end in time; `stays`: it ended, another process
   * of the program runs on (where mapped).
   */
  outcomes?: Outcomes<"running" | "stays">;
}

/** Checks that the program's first process is still running after a while. */
export interface AliveStep extends StepBase {
  /** The program lives on. */
  do: "alive";
  /** Seconds it must stay. */
  for: number;
  /** `ended`: it ended. */
  outcomes?: Outcomes<"ended">;
}

/** Waits until a child of the program is a zombie (state Z) while its parent lives. */
export interface ZombieStep extends StepBase {
  /** A zombie is seen. */
  do: "zombie";
  /** Seconds to wait. */
  within: number;
  /**
   * `reaped`: the child ended and was collected without ever showing Z;
   * `parent-ended`: the parent ended first; `no-child`: no child at all;
   * `running`: the child did not end.
   */
  outcomes?: Outcomes<"reaped" | "parent-ended" | "no-child" | "running">;
}

/** Waits until every child of the program seen so far has ended. */
export interface ChildrenEndStep extends StepBase {
  /** The children end. */
  do: "children-end";
  /** How many children to expect at least. */
  count: number;
  /** Seconds to wait. */
  within: number;
  /** `running`: one still runs; `missing`: fewer children than `count`. */
  outcomes?: Outcomes<"running" | "missing">;
}

/** Checks that no child of the program stays a zombie. */
export interface NoZombiesStep extends StepBase {
  /** No zombie stays. */
  do: "no-zombies";
  /** Seconds a zombie may last (the handler's time to run). */
  settle: number;
  /**
   * `zombie`: a child stays Z and the parent has no SIGCHLD handler (or
   * never calls wait); `zombie-with-handler`: it stays Z although a
   * SIGCHLD handler is installed.
   */
  outcomes?: Outcomes<"zombie" | "zombie-with-handler">;
}

/** Waits until a process of the program waits in read() on its terminal (stdin). */
export interface ReadingStep extends StepBase {
  /** Waiting for input. */
  do: "reading";
  /** Seconds to wait. */
  within: number;
  /** `none`: no process of the program waits for input. */
  outcomes?: Outcomes<"none">;
}

/** Waits until the program's first process sleeps (blocked, state S). */
export interface SleepingStep extends StepBase {
  /** The program blocks. */
  do: "sleeping";
  /** Seconds to wait. */
  within: number;
}

/**
 * Watches where the program's first process waits in the kernel
 * (`/proc/<pid>/wchan`) for a while, e.g. to see a blocking waitpid()
 * (`do_wait`) where the book polls.
 */
export interface WchanStep extends StepBase {
  /** The kernel wait channel. */
  do: "wchan";
  /** A regular expression for the wait channel that is a mistake. */
  avoid: string;
  /** What that wait channel means, for the observation. */
  meaning: Text;
  /** Seconds to watch. */
  for: number;
  /** Seconds it must last to count. */
  hold: number;
  /** `seen`: the process waited there that long. */
  outcomes?: Outcomes<"seen">;
}

/**
 * Sends a signal: as a terminal does to its foreground group (SIGINT is
 * Ctrl+C), or to the server's listening process alone (SIGSTOP holds it,
 * SIGCONT lets it go on: a perturbation, as CS:APP's drivers make).
 */
export interface SignalStep extends StepBase {
  /** A signal. */
  do: "signal";
  /** Which. */
  signal: "SIGINT" | "SIGTERM" | "SIGQUIT" | "SIGSTOP" | "SIGCONT";
  /** To whom: the terminal's foreground group (default) or the server. */
  to?: "terminal" | "server";
}

/** Types on the program's terminal. */
export interface TypeStep extends StepBase {
  /** Typing. */
  do: "type";
  /** The bytes typed (`\n` ends a line). */
  text: string;
}

/** Ends the run here: the verdict is known. */
export interface StopStep extends StepBase {
  /** The end. */
  do: "stop";
}

/** Waits until the server listens on its port. */
export interface ListenStep extends StepBase {
  /** Listening. */
  do: "listen";
  /** Seconds to wait. */
  within: number;
  /** `none`: not listening in time (or ended). */
  outcomes?: Outcomes<"none">;
}

/** Opens connections to the server, one per client. */
export interface ConnectStep extends StepBase {
  /** Clients connect. */
  do: "connect";
  /** The clients' names in later steps. */
  clients: string[];
  /** `refused`: the connection failed. */
  outcomes?: Outcomes<"refused">;
}

/** Each client sends bytes and waits for exactly them back. */
export interface EchoStep extends StepBase {
  /** Echoes. */
  do: "echo";
  /** The clients, one after the other. */
  clients: string[];
  /** What each sends (`{client}` becomes its name). */
  send: string;
  /** Seconds to wait for the echo. */
  within: number;
  /**
   * `none`: nothing came back; `short`, `extra`, `differs`: other bytes;
   * `closed`: nothing came back, the server having closed the connection
   * before these bytes were sent (where mapped; else `none`); `cut`: the
   * server closed a connection on which it never sent a byte (where
   * mapped; else `closed`).
   */
  outcomes?: Outcomes<
    "none" | "short" | "extra" | "differs" | "closed" | "cut"
  >;
}

/** Which processes hold the server's end of each client's connection. */
export interface HoldersStep extends StepBase {
  /** The descriptor tables. */
  do: "holders";
  /** The clients. */
  clients: string[];
  /**
   * `parent`: the listening process holds it too; `no-child`: no other
   * process holds it; `listener-in-child`: the serving child holds the
   * listening socket; `swapped`: the listening process alone holds it and
   * a child of it holds the listening socket (where mapped; else
   * `no-child`).
   */
  outcomes?: Outcomes<
    "parent" | "no-child" | "listener-in-child" | "swapped"
  >;
}

/** Half-closes a client (shutdown(SHUT_WR)) and waits for the server to close. */
export interface HalfCloseStep extends StepBase {
  /** FIN, then the server's end of file. */
  do: "half-close";
  /** The client. */
  client: string;
  /** Seconds to wait for the end of file. */
  within: number;
  /**
   * `no-eof`: the connection stayed open; `no-eof-parent`: it stayed open
   * because the listening process holds the server's end too;
   * `no-eof-spins`: the serving child runs on in its loop (read() returning
   * 0 again and again), taking a CPU; `ended-before`: the connection had
   * ended before the client's FIN (the serving child ended or closed it).
   */
  outcomes?: Outcomes<
    "no-eof" | "no-eof-parent" | "no-eof-spins" | "ended-before"
  >;
}

/** Closes clients, all at the same moment. */
export interface CloseStep extends StepBase {
  /** close(). */
  do: "close";
  /** The clients. */
  clients: string[];
}

/** Waits until the children that served these clients have ended. */
export interface ServedEndStep extends StepBase {
  /** The serving children end. */
  do: "served-end";
  /** The clients. */
  clients: string[];
  /** Seconds to wait. */
  within: number;
  /** `accepting`: a child went back to accept(); `stays`: it stays otherwise. */
  outcomes?: Outcomes<"accepting" | "stays">;
}

/** Checks that the server still runs and listens. */
export interface ServingStep extends StepBase {
  /** Still a server. */
  do: "serving";
  /** `ended`: the server's process ended; `deaf`: it no longer listens. */
  outcomes?: Outcomes<"ended" | "deaf">;
}

/** Compares the server's descriptor table with what it held when it started listening. */
export interface ParentFdsStep extends StepBase {
  /** The parent's table. */
  do: "parent-fds";
  /** `grew`: it holds more sockets than before the clients. */
  outcomes?: Outcomes<"grew">;
}

/** Finds the store process and the pipe between it and the echo children. */
export interface StoreStep extends StepBase {
  /** The store process. */
  do: "store";
  /** The clients whose serving children must write into the pipe. */
  clients: string[];
  /** `none`: no child of the server reads a pipe; `no-pipe`: the echo children do not write into it. */
  outcomes?: Outcomes<"none" | "no-pipe">;
}

/** Checks the store file holds what the clients sent. */
export interface StoreFileStep extends StepBase {
  /** The file. */
  do: "store-file";
  /** Its name, in the program's working directory. */
  file: string;
  /** The client that sends filler lines until the store process has written. */
  client: string;
  /** Seconds to wait. */
  within: number;
  /**
   * `missing`: no file; `incomplete`: some bytes sent are not in it;
   * `extra`: it holds more bytes than the clients sent.
   */
  outcomes?: Outcomes<"missing" | "incomplete" | "extra">;
}

/** The client check: waits for the client to connect to the tool's server. */
export interface AcceptStep extends StepBase {
  /** The connection. */
  do: "accept";
  /** Seconds to wait. */
  within: number;
  /** `none`: no connection came. */
  outcomes?: Outcomes<"none">;
}

/** The tool's server sends bytes to the client. */
export interface ServerSendStep extends StepBase {
  /** Bytes from the server. */
  do: "server-send";
  /** What. */
  text: string;
}

/** The tool's server ends its side: `shutdown` (FIN only) or `close`. */
export interface ServerCloseStep extends StepBase {
  /** The server closes. */
  do: "server-close";
}

/**
 * Waits until the client has printed, the book's way, every byte the
 * server sent so far: `Message from server: ` before each read of up to
 * BUF_SIZE bytes.
 */
export interface PrintedStep extends StepBase {
  /** The client's output. */
  do: "printed";
  /** Seconds to wait. */
  within: number;
  /** `late`: not printed in time; `differs`: printed otherwise. */
  outcomes?: Outcomes<"late" | "differs">;
}

/** Waits until the tool's server has received these bytes (after the earlier ones). */
export interface ReceivedStep extends StepBase {
  /** What the server got. */
  do: "received";
  /** The bytes. */
  text: string;
  /** Seconds to wait. */
  within: number;
  /** `none`: they did not come; `differs`: other bytes came. */
  outcomes?: Outcomes<"none" | "differs">;
}

/** Waits until the tool's server reads end of file from the client (its FIN). */
export interface EofStep extends StepBase {
  /** The client's FIN. */
  do: "eof";
  /** Seconds to wait. */
  within: number;
  /**
   * `none`: no FIN came; `ended`: it came because the client ended
   * entirely; `sent`: no FIN came, and the line typed last reached the
   * server as data (the client did not take it for its quit command).
   */
  outcomes?: Outcomes<"none" | "ended" | "sent">;
}

/** One step of a run. */
export type Step =
  | OutputStep
  | NewOutputStep
  | ExitStep
  | AliveStep
  | ZombieStep
  | ChildrenEndStep
  | NoZombiesStep
  | SleepingStep
  | ReadingStep
  | WchanStep
  | SignalStep
  | TypeStep
  | StopStep
  | ListenStep
  | ConnectStep
  | EchoStep
  | HoldersStep
  | HalfCloseStep
  | CloseStep
  | ServedEndStep
  | ServingStep
  | ParentFdsStep
  | StoreStep
  | StoreFileStep
  | AcceptStep
  | ServerSendStep
  | ServerCloseStep
  | PrintedStep
  | ReceivedStep
  | EofStep;

/**
 * One expected line of output. `<child1>`, `<child2>`: the pids of the
 * program's first and second child; `<child>`: any child's pid; `<n>`: any
 * whole number.
 */
export interface LineSpec {
  /** The line, exactly (placeholders aside). */
  text: string;
  /** How many times at least (default 1). */
  min?: number;
  /** How many times at most (default `min`, or 1). */
  max?: number;
}

/** What every rule has. */
export interface RuleBase {
  /** The line shown as its result. */
  title: Text;
  /** Only with strace. */
  needs?: "strace";
  /** Skip this rule when one of these findings came in the run. */
  unless?: string[];
}

/** The program's standard output against the book's lines. */
export interface LinesRule extends RuleBase {
  /** Lines. */
  rule: "lines";
  /** The book's lines. */
  expect: LineSpec[];
  /** Other sets of lines that are the book's too (another order the OS allows). */
  alternatives?: LineSpec[][];
  /** `sequence`: in this order; `any`: in any order (processes race). */
  order: "sequence" | "any";
  /**
   * `differs`: other lines; `spaces`: only spaces at the ends differ;
   * `interleaved`: each process's own lines (from the trace) are the
   * book's, mixed on the terminal (no mistake unless mapped); `order`:
   * the book's lines in another order (`differs` where not mapped).
   */
  outcomes?: Outcomes<"differs" | "spaces" | "interleaved" | "order">;
}

/**
 * How many children the program's first process made, or with `after`, the
 * process that connected made after its `connect()` (children that ran
 * another program, a helper such as `clear`, do not count).
 */
export interface ForksRule extends RuleBase {
  /** fork() calls. */
  rule: "forks";
  /** How many. */
  count: number;
  /** Count the children of the process that connected, made after it did (strace only). */
  after?: "connect";
  /** `none`: no child; `other`: another number. */
  outcomes?: Outcomes<"none" | "other">;
}

/** Which process printed which line. */
export interface PrintedByRule extends RuleBase {
  /** Who printed. */
  rule: "printed-by";
  /** Lines (regular expressions) and the process that must print them. */
  lines: { match: string; by: "parent" | "child" }[];
  /** `other`: another process printed one. */
  outcomes?: Outcomes<"other">;
}

/** Messages that must go through a pipe from one process to the other. */
export interface FlowsRule extends RuleBase {
  /** Pipe messages. */
  rule: "flows";
  /** Each message (its text), from which process to which. */
  messages: {
    text: string;
    from: "parent" | "child";
    to: "parent" | "child";
  }[];
  /**
   * `no-pipe`: no pipe was made; `own`: a process read back what it
   * wrote; `reversed`: it went the other way; `lost`: never read.
   */
  outcomes?: Outcomes<"no-pipe" | "own" | "reversed" | "lost">;
}

/** Each pipe that carries messages carries them one way only. */
export interface OneWayRule extends RuleBase {
  /** Pipe directions. */
  rule: "one-way";
  /** `both-ways`: one pipe carried messages both ways. */
  outcomes?: Outcomes<"both-ways">;
}

/** How many messages went each way through pipes. */
export interface ExchangesRule extends RuleBase {
  /** Exchanges. */
  rule: "exchanges";
  /** Messages each way. */
  each: number;
  /** Which process speaks first (`either`: whoever does, then turns). */
  first: "parent" | "child" | "either";
  /** `count`: another number; `order`: not taking turns. */
  outcomes?: Outcomes<"count" | "order">;
}

/** No process reads back a message it wrote itself (any pipe, any text). */
export interface OwnRule extends RuleBase {
  /** Own messages. */
  rule: "own";
  /** `own`: a process read its own message. */
  outcomes?: Outcomes<"own">;
}

/**
 * No process reads a pipe at once after writing into it: it gets the other
 * process's message only while that one is already waiting in read(). At
 * once: its read() returned within `gap` of its write, and within 100 ms of
 * the other's write (it was waiting in read() when the answer came).
 */
export interface ReadAfterWriteRule extends RuleBase {
  /** Reads after writes. */
  rule: "read-after-write";
  /** Seconds between the write and the read's return that count as at once. */
  gap: number;
  /** `at-once`: a process did, and happened to get the other's message. */
  outcomes?: Outcomes<"at-once">;
}

/** Each message a process reads from a pipe, it prints. */
export interface ReceivedPrintedRule extends RuleBase {
  /** Messages printed. */
  rule: "received-printed";
  /** `unprinted`: a message read but never printed by its reader. */
  outcomes?: Outcomes<"unprinted">;
}

/** A line that must not be printed. */
export interface AbsentRule extends RuleBase {
  /** A line never printed. */
  rule: "absent";
  /** A regular expression for the line. */
  match: string;
  /** `printed`: it was. */
  outcomes?: Outcomes<"printed">;
}

/** The statuses printed are the ones the children really returned. */
export interface StatusesRule extends RuleBase {
  /** Exit statuses. */
  rule: "statuses";
  /** A regular expression whose first group is a status printed. */
  match: string;
  /** `other`: a printed status no child returned. */
  outcomes?: Outcomes<"other">;
}

/** fd-copy: one socket in two processes' tables after fork(). */
export interface SharedSocketRule extends RuleBase {
  /** The socket both hold. */
  rule: "shared-socket";
  /**
   * `no-socket`: no socket made before a fork; `not-shared`: the child
   * never used the parent's socket; `no-close`: the parent never closed
   * its descriptor while the child still held it.
   */
  outcomes?: Outcomes<"no-socket" | "not-shared" | "no-close">;
}

/** The exit status of the program's first process. */
export interface ExitCodeRule extends RuleBase {
  /** The status. */
  rule: "exit-code";
  /** What it must be. */
  code: number;
  /** `other`: another status. */
  outcomes?: Outcomes<"other">;
}

/** One rule checked once a run is over. */
export type Rule =
  | LinesRule
  | ForksRule
  | PrintedByRule
  | FlowsRule
  | OneWayRule
  | OwnRule
  | ReadAfterWriteRule
  | ReceivedPrintedRule
  | ExchangesRule
  | AbsentRule
  | StatusesRule
  | SharedSocketRule
  | ExitCodeRule;

/** One run of the program and how it is perturbed. */
export interface RunPlan {
  /** What is different about this run. */
  title: Text;
  /** Every process on one CPU. */
  oneCpu?: boolean;
  /** Each fork() returns this many ms late in the parent (strace only). */
  holdAfterFork?: number;
  /** Steps of this run instead of the scenario's. */
  steps?: Step[];
  /** Rules of this run instead of the scenario's. */
  rules?: Rule[];
}

/** Everything `tcpip check <program>` does. */
export interface Scenario {
  /** The catalog's name of the program. */
  program: string;
  /** What the program is for the check: it gets a port, an address, or nothing. */
  role: "program" | "server" | "client";
  /** An example command (a compiled C program), for the listing. */
  example: string;
  /** What the check does, in one line, for the listing. */
  summary: Text;
  /** Seconds the book's program sleeps in a run, which the check may wait out. */
  bookSleeps: number;
  /** The runs. */
  runs: RunPlan[];
  /** The steps of each run. */
  steps: Step[];
  /** The rules checked after each run. */
  rules: Rule[];
  /** Every finding an outcome names. */
  findings: Record<string, FindingSpec>;
}
