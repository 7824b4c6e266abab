/**
 * The source of every program, embedded in the tool (text imports are part
 * of the module graph, so `deno compile` carries them): `tcpip source` prints
 * them exactly as they are in `examples/`. The `?source` suffix keeps these
 * text imports apart from the same files loaded as code.

 *
 * @module
 */

import fork from "../../examples/fork.ts?source" with { type: "text" };
import zombie from "../../examples/zombie.ts?source" with { type: "text" };
import wait from "../../examples/wait.ts?source" with { type: "text" };
import waitpid from "../../examples/waitpid.ts?source" with { type: "text" };
import signal from "../../examples/signal.ts?source" with { type: "text" };
import sigaction from "../../examples/sigaction.ts?source" with {
  type: "text",
};
import removeZombie from "../../examples/remove_zombie.ts?source" with {
  type: "text",
};
import echoServer from "../../examples/echo_server.ts?source" with {
  type: "text",
};
import echoClient from "../../examples/echo_client.ts?source" with {
  type: "text",
};
import pipe1 from "../../examples/pipe1.ts?source" with { type: "text" };
import pipe2 from "../../examples/pipe2.ts?source" with { type: "text" };
import pipe3 from "../../examples/pipe3.ts?source" with { type: "text" };
import echoStoreserver from "../../examples/echo_storeserver.ts?source" with {
  type: "text",
};
import fdCopy from "../../examples/fd_copy.ts?source" with { type: "text" };
import sigintConfirm from "../../examples/sigint_confirm.ts?source" with {
  type: "text",
};
import threeConversation from "../../examples/three_conversation.ts?source" with {
  type: "text",
};

/** Each program's source, by module name (`ProgramSpec.file`). */
export const SOURCES: Readonly<Record<string, string>> = {
  fork: fork,
  zombie: zombie,
  wait: wait,
  waitpid: waitpid,
  signal: signal,
  sigaction: sigaction,
  remove_zombie: removeZombie,
  echo_server: echoServer,
  echo_client: echoClient,
  pipe1: pipe1,
  pipe2: pipe2,
  pipe3: pipe3,
  echo_storeserver: echoStoreserver,
  fd_copy: fdCopy,
  sigint_confirm: sigintConfirm,
  three_conversation: threeConversation,
};
