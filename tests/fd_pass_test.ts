// Descriptor passing (src/ipc/fd_pass.ts) between this test process and
// real child processes (tests/fixtures/fd_pass_child.ts), and the libc layer
// under it (src/ipc/libc.ts).

import { assert, assertEquals, assertMatch, assertThrows } from "@std/assert";
import { fromFileUrl } from "@std/path";
import { FdLink, FdReceiver, openLink } from "../src/ipc/fd_pass.ts";
import { PosixListener } from "../src/net/posix_listener.ts";
import {
  accept,
  close,
  errnoOf,
  findSocketFd,
  isCloseOnExec,
  OsError,
  pipe,
  read,
  setCloseOnExec,
  unixSocketPair,
  write,
  writeAll,
} from "../src/ipc/libc.ts";

// Ignored on Windows: it has no SCM_RIGHTS, no fcntl() and no /dev/fd,
// and src/ipc/libc.ts throws there by design (last test).
const windows = Deno.build.os === "windows";
// /proc, to compare what two processes' descriptors refer to, is Linux's.
const linux = Deno.build.os === "linux";

const FIXTURE = fromFileUrl(
  new URL("./fixtures/fd_pass_child.ts", import.meta.url),
);

/** How long a child may take before the test kills it and fails. */
const LIMIT_MS = 30_000;

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** What /proc says descriptor `fd` of process `pid` is, e.g. "socket:[123]". */
function procFd(pid: number, fd: number): string {
  return Deno.readLinkSync(`/proc/${pid}/fd/${fd}`);
}

/** The fixture running as a real child process; its stdout read line by line. */
class Child {
  readonly pid: number;
  #process: Deno.ChildProcess;
  #lines: string[] = [];
  #next = 0;
  #ended = false;
  #wake: (() => void) | null = null;
  #pump: Promise<void>;
  #watchdog: ReturnType<typeof setTimeout>;

  /** Starts the fixture in `mode` with its end of a new link; `link` is ours. */
  static withLink(mode: string): { child: Child; link: FdLink } {
    const { link, childEnd } = openLink();
    // Only this spawn inherits it, under the same number.
    setCloseOnExec(childEnd, false);
    try {
      return { child: new Child(mode, childEnd), link };
    } finally {
      close(childEnd);
    }
  }

  constructor(mode: string, linkFd: number) {
    this.#process = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", FIXTURE, mode, String(linkFd)],
      stdin: "null",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.pid = this.#process.pid;
    this.#pump = this.#readLines();
    // A stuck child fails the test instead of hanging the suite.
    this.#watchdog = setTimeout(() => this.#kill(), LIMIT_MS);
  }

  /** The child's next line, once it has printed it. */
  async next(): Promise<string> {
    while (this.#next >= this.#lines.length) {
      if (this.#ended) {
        throw new Error(`child ended after ${JSON.stringify(this.#lines)}`);
      }
      await new Promise<void>((resolve) => this.#wake = resolve);
    }
    return this.#lines[this.#next++];
  }

  /** Resolves when the child has exited. */
  get exited(): Promise<Deno.CommandStatus> {
    return this.#process.status;
  }

  /** Waits for the child to exit and its output to end. */
  async finish(): Promise<Deno.CommandStatus> {
    const status = await this.#process.status;
    await this.#pump;
    clearTimeout(this.#watchdog);
    return status;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#kill();
    await this.finish();
  }

  #kill(): void {
    try {
      this.#process.kill("SIGKILL");
    } catch {
      // It has exited already.
    }
  }

  async #readLines(): Promise<void> {
    let partial = "";
    const text = this.#process.stdout.pipeThrough(new TextDecoderStream());
    for await (const chunk of text) {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop()!;
      this.#lines.push(...parts);
      this.#wake?.();
    }
    if (partial !== "") this.#lines.push(partial);
    this.#ended = true;
    this.#wake?.();
  }
}

/** `promise`, or a failure after LIMIT_MS: a broken test must not hang. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no ${what} within ${LIMIT_MS} ms`)),
      LIMIT_MS,
    );
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Reads `conn` to end of file. */
async function readToEnd(conn: Deno.Conn): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const buf = new Uint8Array(16 * 1024);
  while (true) {
    const n = await conn.read(buf);
    if (n === null) break;
    chunks.push(buf.slice(0, n));
  }
  const all = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

Deno.test({
  name: "fd_pass: an accepted TCP connection sent to a child is echoed by it",
  ignore: windows,
  async fn() {
    // Accepted as the server accepts: on the listening socket's descriptor,
    // so the connection is a plain descriptor that Deno does not own.
    const listener = PosixListener.open("127.0.0.1", 0);
    using client = await Deno.connect({
      hostname: "127.0.0.1",
      port: listener.address.port,
    });
    const fd = (await listener.accept())!;
    await listener.close();
    const socket = linux ? procFd(Deno.pid, fd) : "";
    if (linux) assertMatch(socket, /^socket:\[\d+\]$/);

    const started = Child.withLink("echo");
    await using child = started.child;
    {
      using link = started.link;
      link.send(fd);
    }
    close(fd); // the parent's close(clnt_sock) after fork()

    const childFd = Number((await child.next()).match(/^fd (\d+)$/)?.[1]);
    assert(Number.isInteger(childFd));
    if (linux) {
      assertEquals(procFd(child.pid, childFd), socket);
      const ours = [...Deno.readDirSync("/proc/self/fd")].map((entry) => {
        try {
          return Deno.readLinkSync(`/proc/self/fd/${entry.name}`);
        } catch {
          return "";
        }
      });
      assert(!ours.includes(socket), "the parent holds the socket no more");
    }

    const message = new Uint8Array(64 * 1024).map((_, i) => (i * 7) % 251);
    const echoed = readToEnd(client);
    let sent = 0;
    while (sent < message.length) {
      sent += await client.write(message.subarray(sent));
    }
    await client.closeWrite();
    // End of file reaches the client only when the child closes the
    // socket: nobody else holds it any more.
    assertEquals(await within(echoed, "echo and end of file"), message);
    assertEquals(await child.next(), `echoed ${message.length}`);
    assertEquals((await child.finish()).code, 0);
  },
});

Deno.test({
  name:
    "fd_pass: both processes hold both ends of one pipe, data goes both ways",
  ignore: windows,
  async fn() {
    const [readEnd, writeEnd] = pipe();
    try {
      assert(isCloseOnExec(readEnd) && isCloseOnExec(writeEnd));
      const started = Child.withLink("pipe");
      await using child = started.child;
      using link = started.link;
      link.send(readEnd, encode("r"));
      link.send(writeEnd, encode("w"));
      // The parent keeps its own copies: that is the point here.

      const [, childRead, childWrite] =
        (await child.next()).match(/^fds (\d+) (\d+)$/) ?? [];
      assert(childRead && childWrite);
      if (linux) {
        const pipeName = procFd(Deno.pid, readEnd);
        assertMatch(pipeName, /^pipe:\[\d+\]$/);
        assertEquals(procFd(Deno.pid, writeEnd), pipeName);
        assertEquals(procFd(child.pid, Number(childRead)), pipeName);
        assertEquals(procFd(child.pid, Number(childWrite)), pipeName);
      }

      writeAll(writeEnd, encode("ping"));
      assertEquals(await child.next(), "got ping");
      assertEquals(await child.next(), "replied");
      const buf = new Uint8Array(16);
      const n = read(readEnd, buf); // "replied": the bytes are in the pipe
      assertEquals(decode(buf.subarray(0, n)), "pong");

      link.close();
      assertEquals(await child.next(), "link closed");
      assertEquals((await child.finish()).code, 0);
    } finally {
      close(readEnd);
      close(writeEnd);
    }
  },
});

Deno.test({
  name: "fd_pass: receive() returns null when the parent closes the link",
  ignore: windows,
  async fn() {
    const { child: started, link } = Child.withLink("eof");
    await using child = started;
    assertEquals(await child.next(), "linked");
    assert(!link.broken, "the child holds its end");
    link.close();
    assertEquals(await child.next(), "eof");
    assertEquals((await child.finish()).code, 0);
  },
});

Deno.test({
  name:
    "fd_pass: a link is broken once its child has ended, and a send then fails with EPIPE",
  ignore: windows,
  async fn() {
    const { child: started, link } = Child.withLink("exit");
    await using child = started;
    using _link = link;
    assertEquals((await child.finish()).code, 0);
    assert(link.broken);
    const [readEnd, writeEnd] = pipe();
    try {
      const error = assertThrows(() => link.send(readEnd), OsError);
      assertEquals(error.code, "EPIPE");
    } finally {
      close(readEnd);
      close(writeEnd);
    }
  },
});

Deno.test({
  name:
    "fd_pass: messages keep their order and tags; each descriptor comes close-on-exec",
  ignore: windows,
  fn() {
    // Both ends in this process.
    const [mine, theirs] = unixSocketPair();
    using receiver = new FdReceiver(theirs);
    using link = new FdLink(mine);
    const [readEnd, writeEnd] = pipe();
    const received: number[] = [];
    try {
      for (const tag of ["one", "", "three".repeat(51)]) {
        link.send(writeEnd, encode(tag));
      }
      for (const tag of ["one", "", "three".repeat(51)]) {
        const got = receiver.receive();
        assert(got !== null);
        received.push(got.fd);
        assertEquals(decode(got.tag), tag);
        assert(isCloseOnExec(got.fd));
      }
      // Each received descriptor is a working write end of our pipe.
      for (const [i, fd] of received.entries()) writeAll(fd, encode(`${i}`));
      const buf = new Uint8Array(8);
      assertEquals(decode(buf.subarray(0, read(readEnd, buf))), "012");

      assertThrows(() => link.send(readEnd, new Uint8Array(256)), RangeError);
      link.close();
      assertEquals(receiver.receive(), null);
    } finally {
      for (const fd of [readEnd, writeEnd, ...received]) close(fd);
    }
  },
});

Deno.test({
  name:
    "fd_pass: a child says on its link when it is ready, and either side looks without waiting",
  ignore: windows,
  fn() {
    // Both ends in this process: `link` is the parent's, `receiver` the child's.
    const [mine, theirs] = unixSocketPair();
    using receiver = new FdReceiver(theirs);
    using link = new FdLink(mine);
    const [readEnd, writeEnd] = pipe();
    let received: number | undefined;
    try {
      assertEquals(link.state, "starting");
      assertEquals(receiver.poll(), undefined, "nothing has come yet");
      assert(receiver.signalReady());
      assertEquals(link.state, "ready");
      assertEquals(link.state, "ready", "it stays ready once said");

      link.send(writeEnd, encode("sock"));
      const got = receiver.poll();
      assert(got);
      received = got.fd;
      assertEquals(decode(got.tag), "sock");
      writeAll(received, encode("x"));
      assertEquals(read(readEnd, new Uint8Array(4)), 1);
      assertEquals(receiver.poll(), undefined, "one descriptor, taken once");

      link.close();
      assertEquals(receiver.poll(), null, "the parent closed the link");
    } finally {
      for (const fd of [readEnd, writeEnd, received ?? -1]) {
        if (fd >= 0) close(fd);
      }
    }
  },
});

Deno.test({
  name:
    "fd_pass: the parent sees a child's end closed (it has its client, or ended) without waiting",
  ignore: windows,
  fn() {
    const [mine, theirs] = unixSocketPair();
    using link = new FdLink(mine);
    const receiver = new FdReceiver(theirs);
    assertEquals(link.state, "starting");
    receiver.close();
    assertEquals(link.state, "closed");
    // And a child whose parent has gone is told so, not killed (EPIPE).
    const [gone, child] = unixSocketPair();
    close(gone);
    using orphan = new FdReceiver(child);
    assertEquals(orphan.signalReady(), false);
  },
});

/** Whether this machine can listen on IPv6 (dual-stack "::"). */
function hasIpv6(): boolean {
  try {
    Deno.listen({ hostname: "::", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
}

Deno.test({
  name: "libc: findSocketFd matches IPv4-mapped IPv6 sockets and listeners",
  // Ignored without IPv6 (some containers): there is no dual-stack socket.
  ignore: windows || !hasIpv6(),
  async fn() {
    using listener = Deno.listen({ hostname: "::", port: 0 });
    using client = await Deno.connect({
      hostname: "127.0.0.1",
      port: listener.addr.port,
    });
    using conn = await listener.accept();
    // Deno spells the dual-stack socket's addresses "::ffff:127.0.0.1".
    assertEquals(conn.localAddr.hostname, "::ffff:127.0.0.1");
    const fd = findSocketFd(conn.localAddr, conn.remoteAddr);
    assert(fd !== null);
    const v4 = (port: number) => ({ hostname: "127.0.0.1", port });
    assertEquals(
      findSocketFd(v4(conn.localAddr.port), v4(conn.remoteAddr.port)),
      fd,
    );
    // The client's own socket: the same two addresses the other way round.
    const clientFd = findSocketFd(client.localAddr, client.remoteAddr);
    assert(clientFd !== null && clientFd !== fd);
    // Without `remote`, only the listener (a socket with no peer) matches.
    const listenerFd = findSocketFd({
      hostname: "0:0::0",
      port: listener.addr.port,
    });
    assert(listenerFd !== null && listenerFd !== fd);
    assertEquals(findSocketFd(v4(1)), null);
  },
});

Deno.test({
  name: "libc: OsError carries errno names (EBADF, EAGAIN)",
  ignore: windows,
  fn() {
    const [readEnd, writeEnd] = pipe();
    close(readEnd);
    close(writeEnd);
    const closed = assertThrows(
      () => read(readEnd, new Uint8Array(1)),
      OsError,
    );
    assertEquals(closed.code, "EBADF");
    assertEquals(closed.errno, errnoOf("EBADF"));
    assertEquals(closed.call, "read");

    // Deno's listening socket is non-blocking: accept() with nothing
    // pending fails with EAGAIN instead of waiting.
    using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const fd = findSocketFd(listener.addr);
    assert(fd !== null);
    const empty = assertThrows(() => accept(fd), OsError);
    assertEquals(empty.code, "EAGAIN");
    assertEquals(empty.errno, errnoOf("EAGAIN"));
  },
});

Deno.test({
  name:
    "libc: a call's errno is its own, even when it is the process's first failure (nothing is opened between the call and the errno read)",
  ignore: windows,
  async fn() {
    const dir = Deno.makeTempDirSync();
    try {
      Deno.writeTextFileSync(`${dir}/held.txt`, "");
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "--quiet",
          fromFileUrl(
            new URL("./fixtures/errno_after_open.ts", import.meta.url),
          ),
          `${dir}/held.txt`,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assertEquals(decode(out.stderr), "");
      assertEquals(decode(out.stdout), "EAGAIN\n");
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "libc on Windows: pipe(), read(), write(), close() work on handles; the socket calls throw a clear error",
  ignore: !windows,
  fn() {
    const [exit, entrance] = pipe(); // CreatePipe()
    assertEquals(write(entrance, new TextEncoder().encode("hi")), 2);
    close(entrance); // the last write end: end of file after the bytes
    const buf = new Uint8Array(8);
    assertEquals(read(exit, buf), 2);
    assertEquals(new TextDecoder().decode(buf.subarray(0, 2)), "hi");
    assertEquals(read(exit, buf), 0);
    close(exit);
    assertThrows(
      () => unixSocketPair(),
      Error,
      "socketpair() does not exist on Windows",
    );
  },
});
