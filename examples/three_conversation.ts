/**
 * Chapter 11, exercise 4: parent and child exchange messages three times
 * over two pipes. The child speaks first; each side prints what it
 * receives as `from Child : ...` or `from Parent : ...`.
 *
 * Messages come from standard input, taken in turn (child, parent, child,
 * ...). On a terminal each side prompts and reads its own line: the child
 * opens the terminal itself, since its stdin is the pipe from its parent.
 * From a pipe or file, the parent reads the lines first and hands the
 * child's share over at fork, as a C child would find them in its copied
 * memory. With no input at all, three built-in pairs are used.
 *
 * | C                                        | here                                  |
 * |------------------------------------------|---------------------------------------|
 * | `pipe(fds1), pipe(fds2);`                | `pipe("fds1"), pipe("fds2")` (real calls) |
 * | `pid = fork();`                          | `fork("child", ..., { inherit: [...] })` |
 * | `fgets(msg, BUF_SIZE, stdin)`            | `ask()` (terminal) or the given lines |
 * | `write(fds1[1], msg, strlen(msg))`       | `write(fds1[1], msg)`                 |
 * | `read(fds2[0], buf, BUF_SIZE)`           | `read(fds2[0], buf)`: blocks, as in C |
 *
 * @module
 */

import { decode } from "../src/bytes.ts";
import { PipeReader } from "../src/ipc/pipe.ts";
import { pipe, read, write } from "../src/ipc/sys.ts";
import { isWindows } from "../src/platform.ts";
import { defineChildren } from "../src/process/fork.ts";

const BUF_SIZE = 1024;
const TURNS = 3;

/** Used when standard input has no line for a turn. */
const BUILT_IN = {
  child: ["Hello, parent!", "What is a pipe?", "Thanks, bye!"],
  parent: ["Hi, child!", "A one-way byte channel.", "Bye!"],
};

/** The child's state: the pipes, and its lines (or null: the terminal). */
interface ChildCopy {
  fds1: [number, number];
  fds2: [number, number];
  lines: (string | null)[] | null;
}

/** The child process: speaks on fds1, listens on fds2. */
export const children = defineChildren(import.meta.url, {
  async child(copy: ChildCopy) {
    const { fds1, fds2 } = copy; // the same descriptors as the parent's
    const buf = new Uint8Array(BUF_SIZE);
    const terminal = copy.lines === null ? openTerminal() : undefined;
    for (let turn = 0; turn < TURNS; turn++) {
      const msg = terminal
        ? await ask("Child : ", terminal)
        : copy.lines![turn];
      write(fds1[1], encode(msg ?? BUILT_IN.child[turn])); // write(fds1[1], msg, strlen(msg));
      const n = read(fds2[0], buf); // read(fds2[0], buf, BUF_SIZE);
      console.log(`from Parent : ${message(buf.subarray(0, n))}`);
    }
    await terminal?.close();
  },
});

/** The parent process: listens on fds1, answers on fds2. */
export async function main(): Promise<void> {
  const stdin = new PipeReader(Deno.stdin.readable, "stdin");
  const interactive = Deno.stdin.isTerminal();
  const lines = interactive ? [] : await readLines(stdin, 2 * TURNS);
  const childLines = interactive ? null : lines.filter((_, i) => i % 2 === 0);
  const parentLines = lines.filter((_, i) => i % 2 === 1);

  const buf = new Uint8Array(BUF_SIZE);
  const fds1 = pipe("fds1"), fds2 = pipe("fds2"); // pipe(fds1), pipe(fds2);
  const child = children.fork("child", { fds1, fds2, lines: childLines }, { // pid = fork();
    inherit: [...fds1, ...fds2],
  });
  for (let turn = 0; turn < TURNS; turn++) {
    const n = read(fds1[0], buf); // read(fds1[0], buf, BUF_SIZE);
    console.log(`from Child : ${message(buf.subarray(0, n))}`);
    const msg = interactive ? await ask("Parent : ", stdin) : parentLines[turn];
    write(fds2[1], encode(msg ?? BUILT_IN.parent[turn])); // write(fds2[1], msg, strlen(msg));
  }
  await child.wait();
  await stdin.close();
}

/** Prompts on stdout and reads one line; null at end of input. */
async function ask(prompt: string, input: PipeReader): Promise<string | null> {
  await Deno.stdout.write(new TextEncoder().encode(prompt));
  return await input.readLine();
}

/** Reads up to `count` lines; fewer at end of input. */
async function readLines(input: PipeReader, count: number): Promise<string[]> {
  const lines: string[] = [];
  while (lines.length < count) {
    const line = await input.readLine();
    if (line === null) break;
    lines.push(line);
  }
  return lines;
}

/** The child's own way to the keyboard: its stdin is the pipe. */
function openTerminal(): PipeReader {
  const file = Deno.openSync(isWindows ? "CONIN$" : "/dev/tty", { read: true });
  return new PipeReader(file.readable, "terminal");
}

/** A line as `fgets()` keeps it: with its newline. */
function encode(line: string): Uint8Array {
  return new TextEncoder().encode(`${line}\n`);
}

/** The message without its newline, to print. */
function message(buf: Uint8Array): string {
  return decode(buf).replace(/\r?\n$/, "");
}
