/**
 * The specs of tests/golden/specs.jsonc, and how one is run: each is data
 * (the command line, what it is given: standard input, a client, a server
 * to talk to, signals; and the golden files its output must match), and
 * this one runner runs any of them (tests/specs_test.ts runs them all).
 *
 * @module
 */

import { parse } from "@std/jsonc";
import { fromFileUrl } from "@std/path";
import {
  comparePictures,
  fitsOrder,
  linesOf,
  normalise,
  type Order,
  pictureGolden,
  pictureText,
  readPicture,
  type Rule,
} from "./_golden.ts";
import { dial, freePort, receive, send } from "./_net.ts";
import { type RunResult, Tool } from "./_tcpip.ts";
import { displayWidth } from "../src/width.ts";

/** Where the golden files and the specs are. */
export const GOLDEN: URL = new URL("./golden/", import.meta.url);

/** The specs' file, under {@linkcode GOLDEN}. */
export const SPECS = "specs.jsonc";

/** One step of a spec's script, run against the live tool in turn. */
export type Step =
  /** Wait for a line of standard output matching this pattern. */
  | { out: string }
  /** Wait until the notes (as running text) match this pattern. */
  | { note: string }
  /** Write this to standard input. */
  | { write: string }
  /** Close standard input. */
  | { close: "stdin" }
  /** Send the tool this signal. */
  | { signal: Deno.Signal }
  /** Connect a client, named so, to `<port>`. */
  | { connect: string }
  /** Send bytes on a client. */
  | { send: string; on: string }
  /** Receive exactly these bytes on a client. */
  | { expect: string; on: string }
  /** Close a client (`close()`). */
  | { close: string };

/** One golden file of standard output, and how its lines may interleave. */
export interface Output {
  /** The file, under tests/golden/. */
  file: string;
  /** How lines of different processes may interleave; none: byte for byte. */
  order?: Order;
}

/** One spec: a run of the tool and what it must print. */
export interface Spec {
  /** Its name, unique. */
  name: string;
  /** The command line; `<port>` and `<tmp>` are filled in. */
  args: string[];
  /** Extra environment. */
  env?: Record<string, string>;
  /** A file under tests/golden/ for standard input. */
  stdin?: string;
  /** Text for standard input. */
  input?: string;
  /** What the run does, step by step, once started (after its input). */
  script?: Step[];
  /** A TCP echo server on `<port>` for the tool to talk to. */
  peer?: "echo";
  /** Its exit status (default 0). */
  code?: number;
  /** How many runs at once; each must match (default 1). */
  runs?: number;
  /** Standard output: one golden file, or the alternatives the OS allows. */
  out?: string | (string | Output)[];
  /** How the lines of `out` may interleave (for each file that names none). */
  order?: Order;
  /**
   * The `--trace` picture on standard error: its golden file (or the
   * alternatives the OS allows), and the orders its rows may take.
   */
  trace?: { golden: string | string[]; after?: [string, string][] };
  /** Standard error, all of it (placeholders in), where it is fixed: "" for none. */
  err?: string;
  /** A file the run writes (`<tmp>/...`), and its golden file. */
  file?: [string, string];
  /** Placeholders besides the file's defaults. */
  values?: Rule[];
  /** Why it cannot run on Windows, where it is skipped. */
  unix?: string;
}

/** tests/golden/specs.jsonc. */
export interface SpecFile {
  /** Placeholders every spec uses. */
  values: Rule[];
  /** The specs. */
  specs: Spec[];
}

const KEYS = new Set([
  "name",
  "args",
  "env",
  "stdin",
  "input",
  "script",
  "peer",
  "code",
  "runs",
  "out",
  "order",
  "trace",
  "err",
  "file",
  "values",
  "unix",
]);

/** Reads tests/golden/specs.jsonc; a key it does not know is an error. */
export function loadSpecs(): SpecFile {
  const text = Deno.readTextFileSync(new URL(SPECS, GOLDEN));
  const data = parse(text) as unknown as SpecFile;
  for (const spec of data.specs) {
    for (const key of Object.keys(spec)) {
      if (!KEYS.has(key)) throw new Error(`${spec.name}: unknown key ${key}`);
    }
  }
  return data;
}

/** The golden files of standard output a spec names, with their orders. */
export function outputsOf(spec: Spec): Output[] {
  if (spec.out === undefined) return [];
  const list = typeof spec.out === "string" ? [spec.out] : spec.out;
  return list.map((item) =>
    typeof item === "string" ? { file: item, order: spec.order } : item
  );
}

/** The golden files of a spec's `--trace` picture. */
export function picturesOf(spec: Spec): string[] {
  const files = spec.trace?.golden ?? [];
  return typeof files === "string" ? [files] : files;
}

/** Every golden file a spec reads. */
export function filesOf(spec: Spec): string[] {
  return [
    ...outputsOf(spec).map((output) => output.file),
    ...picturesOf(spec),
    ...spec.file ? [spec.file[1]] : [],
    ...spec.stdin ? [spec.stdin] : [],
  ];
}

/** What a run of a spec found wrong (empty: it matched), and what it rewrote. */
export interface Outcome {
  problems: string[];
  updated: string[];
}

/** A golden file's text ("" when it does not exist yet: nothing matches it). */
function golden(file: string): string {
  try {
    return Deno.readTextFileSync(new URL(file, GOLDEN));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  }
}

function writeGolden(file: string, text: string): void {
  Deno.writeTextFileSync(new URL(file, GOLDEN), text);
}

/**
 * Runs `spec` (its `runs` at once) and compares every output with its
 * golden files; with `update`, rewrites a golden file its output does not
 * match from that output, placeholders put back.
 */
export async function runSpec(
  spec: Spec,
  defaults: readonly Rule[],
  update: boolean,
): Promise<Outcome> {
  const runs = await Promise.all(
    Array.from({ length: spec.runs ?? 1 }, () => runOnce(spec)),
  );
  const outcome: Outcome = { problems: [], updated: [] };
  const rules = [...defaults, ...spec.values ?? []];
  for (const [k, run] of runs.entries()) {
    const which = runs.length > 1 ? ` (run ${k + 1} of ${runs.length})` : "";
    const fail = (what: string) => outcome.problems.push(`${what}${which}`);
    const { result } = run;
    if (result.code !== (spec.code ?? 0)) {
      fail(`status ${result.code}, not ${spec.code ?? 0}\n${result.stderr}`);
    }
    if (spec.err !== undefined) {
      const stderr = normalise(result.stderr, rules);
      if (stderr !== spec.err) fail(`standard error:\n${stderr}`);
    }
    const picture = spec.trace ? pictureText(result.stderr) : null;
    const outputs = outputsOf(spec);
    if (outputs.length > 0) {
      const stdout = normalise(result.stdout, rules);
      const fits = (output: Output) =>
        output.order
          ? fitsOrder(stdout, golden(output.file), output.order)
          : stdout === golden(output.file);
      if (!outputs.some(fits)) {
        if (update) {
          const file = closest(stdout, outputs.map((o) => o.file));
          writeGolden(file, stdout);
          outcome.updated.push(file);
        } else {
          fail(
            `standard output fits none of ${
              outputs.map((o) => o.file).join(", ")
            }:\n${stdout}\nstderr:\n${result.stderr}`,
          );
        }
      }
    }
    if (spec.trace) {
      const files = picturesOf(spec);
      if (picture === null) {
        fail(`no --trace picture on stderr:\n${result.stderr}`);
      } else {
        // Its one promise of layout: the terminal's width (80 here).
        for (const line of picture.split("\n")) {
          if (displayWidth(line) > 80) fail(`wider than 80 columns: ${line}`);
        }
        const written = pictureGolden(picture, rules);
        const why = files.map((file) => {
          try {
            const want = golden(file);
            return want === "" ? `${file} is empty` : comparePictures(
              readPicture(want),
              readPicture(written),
              spec.trace!.after,
            );
          } catch (error) {
            return (error as Error).message;
          }
        });
        if (why.every((reason) => reason !== null)) {
          if (update) {
            const file = closest(written, files);
            writeGolden(file, written);
            outcome.updated.push(file);
          } else {
            fail(
              `the picture is none of ${files.join(", ")}: ${
                why.join("; ")
              }\n${written}`,
            );
          }
        }
      }
    }
    if (spec.file) {
      const [, file] = spec.file;
      const text = normalise(run.written ?? "", rules);
      if (text !== golden(file)) {
        if (update) {
          writeGolden(file, text);
          outcome.updated.push(file);
        } else fail(`the file written is not ${file}:\n${text}`);
      }
    }
  }
  outcome.updated = [...new Set(outcome.updated)];
  return outcome;
}

/** Of `files`, the one whose lines `text` shares most, place by place. */
function closest(text: string, files: string[]): string {
  const lines = linesOf(text);
  const score = (file: string) =>
    linesOf(golden(file)).filter((line, i) => lines[i] === line).length;
  return files.reduce((best, file) => score(file) > score(best) ? file : best);
}

/** One run: what the tool printed, and the file it wrote. */
interface Run {
  result: RunResult;
  written?: string;
}

/** Runs the tool once as `spec` says, and ends everything it started. */
async function runOnce(spec: Spec): Promise<Run> {
  const tmp = JSON.stringify(spec).includes("<tmp>")
    ? Deno.makeTempDirSync({ prefix: "tcpip_spec_" })
    : undefined;
  const peer = spec.peer === "echo" ? echoServer() : undefined;
  const port = peer?.port ?? freePort();
  const fill = (text: string) =>
    text.replaceAll("<port>", String(port)).replaceAll("<tmp>", tmp ?? "");
  const clients = new Map<string, Deno.TcpConn>();
  try {
    const interactive = (spec.script ?? []).some((step) =>
      "write" in step || ("close" in step && step.close === "stdin")
    );
    const input = spec.stdin ? golden(spec.stdin) : spec.input;
    const tool = Tool.start(spec.args.map(fill), {
      env: spec.env,
      stdin: input ?? (interactive ? "" : undefined),
    });
    if (input !== undefined) {
      await tool.write(input);
      if (!interactive) await tool.closeStdin();
    }
    let seen = 0; // stdout lines a wait has gone past
    for (const step of spec.script ?? []) {
      if ("out" in step) {
        const pattern = new RegExp(fill(step.out));
        const line = await tool.waitFor("out", pattern, seen);
        seen = tool.out.indexOf(line, seen) + 1;
      } else if ("note" in step) {
        await tool.waitForNote(new RegExp(fill(step.note)));
      } else if ("write" in step) {
        await tool.write(step.write);
      } else if ("signal" in step) {
        tool.kill(step.signal);
      } else if ("connect" in step) {
        clients.set(step.connect, await dial(port));
      } else if ("send" in step) {
        await send(clients.get(step.on)!, step.send);
      } else if ("expect" in step) {
        const want = new TextEncoder().encode(step.expect).length;
        const got = new TextDecoder().decode(
          await receive(clients.get(step.on)!, want),
        );
        if (got !== step.expect) {
          throw new Error(`${step.on} received ${JSON.stringify(got)}`);
        }
      } else if (step.close === "stdin") {
        await tool.closeStdin();
      } else {
        clients.get(step.close)!.close();
        clients.delete(step.close);
      }
    }
    const result = await tool.finish();
    const written = spec.file && tmp
      ? Deno.readTextFileSync(fill(spec.file[0]))
      : undefined;
    return { result, written };
  } finally {
    for (const conn of clients.values()) conn.close();
    await peer?.close();
    if (tmp) Deno.removeSync(tmp, { recursive: true });
  }
}

/** A TCP echo server on a loopback port: each client's bytes back, until it ends. */
function echoServer(): { port: number; close(): Promise<void> } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const served: Promise<void>[] = [];
  const serve = async (conn: Deno.TcpConn) => {
    try {
      await conn.readable.pipeTo(conn.writable);
    } catch {
      // the client went away
    }
  };
  const accepting = (async () => {
    try {
      for await (const conn of listener) served.push(serve(conn));
    } catch {
      // closed
    }
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    async close() {
      listener.close();
      await accepting;
      await Promise.all(served);
    },
  };
}

/** The path of a golden file (for messages). */
export function goldenPath(file: string): string {
  return fromFileUrl(new URL(file, GOLDEN));
}
