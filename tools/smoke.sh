#!/usr/bin/env bash
# The smoke test of a tcpip command: a release binary (dist/tcpip-<target>)
# or the source (`deno run -A main.ts`). The release workflow runs it on each
# binary it publishes; tests/smoke_test.ts runs it on the source on every
# test run. It tries what only a compiled binary can get wrong: children that
# are the binary started again (fork, pipe3, the echo server's pool and
# hand-off), the client's workers, modules loaded on demand (explain, quiz,
# predict), the embedded sources, --lang ko, a usage error's status. The
# book's output is compared with the golden files the test suite holds the
# source to (tests/golden/run/, read by tests/specs_test.ts), so the two
# cannot drift apart.
#
# usage: tools/smoke.sh [--target TARGET] [--golden DIR] [--] COMMAND [ARG...]
#   COMMAND [ARG...]  how to run tcpip, e.g. dist/tcpip-x86_64-unknown-linux-gnu
#                     or deno run -A main.ts
#   --target TARGET   `tcpip --version` must name this target
#   --golden DIR      the golden files (default: tests/golden of this checkout)
#
# Prints each step, and ends with "smoke: N checks passed" (status 0) or, at
# the first failure, with one "::error::smoke: ..." line (GitHub's annotation)
# after the output that shows why (status 1). Usage errors: status 2. It leaves
# no process and no file behind, whether it passes or fails.
set -uo pipefail

usage() {
  echo "usage: tools/smoke.sh [--target TARGET] [--golden DIR] [--] COMMAND [ARG...]" >&2
  exit 2
}

root=$(cd "$(dirname "$0")/.." && pwd)
golden="$root/tests/golden"
target=""
while [ $# -gt 0 ]; do
  case $1 in
    --target)
      [ $# -ge 2 ] || usage
      target=$2
      shift 2
      ;;
    --golden)
      [ $# -ge 2 ] || usage
      golden=$2
      shift 2
      ;;
    --)
      shift
      break
      ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || usage
tcpip=("$@")
[ -d "$golden" ] || {
  echo "smoke: no golden directory $golden" >&2
  exit 2
}

# English notes, no colour, whatever the runner's locale.
export LANG=C LC_ALL=C NO_COLOR=1
unset LC_MESSAGES

# Every run of the tool is bounded where GNU coreutils' timeout exists (Linux,
# Git Bash; not Windows' own timeout.exe); elsewhere the workflow's job
# timeout bounds it.
LIMIT=60
if timeout --version >/dev/null 2>&1; then
  bounded() { timeout -k 5 "$LIMIT" "$@"; }
else
  bounded() { "$@"; }
fi

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*) windows=1 ;;
  *) windows=0 ;;
esac

work=$(mktemp -d)
background=() # pids of the servers and clients started in the background
checks=0

# Ends a background process and its children: on Windows its whole process
# tree (taskkill, as Git Bash's kill reaches only the first process); else
# SIGTERM, which the servers handle by ending their children, then SIGKILL
# for whatever is left of the tree after 10 s.
end_tree() {
  local pid=$1 tree i
  if [ "$windows" -eq 1 ]; then
    if [ -r "/proc/$pid/winpid" ]; then
      taskkill //F //T //PID "$(cat "/proc/$pid/winpid")" >/dev/null 2>&1 || true
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null
    return 0
  fi
  tree=$(descendants "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  # shellcheck disable=SC2086 # one pid per word
  kill -KILL "$pid" $tree 2>/dev/null || true
  wait "$pid" 2>/dev/null
  return 0
}

# The pids of every process below $1 (Linux, macOS: ps -A).
descendants() {
  ps -A -o pid= -o ppid= 2>/dev/null | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      found[root] = 1
      changed = 1
      while (changed) {
        changed = 0
        for (p in parent) if (!(p in found) && (parent[p] in found)) { found[p] = 1; changed = 1 }
      }
      for (p in found) if (p != root) print p
    }'
}

cleanup() {
  local pid
  for pid in ${background[@]+"${background[@]}"}; do
    if kill -0 "$pid" 2>/dev/null; then end_tree "$pid"; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# fail MESSAGE [FILE...]: shows the files, then the one error line, and ends.
fail() {
  local message=$1 file
  shift
  for file in "$@"; do
    if [ -s "$file" ]; then
      echo "-- ${file##*/}:"
      cat "$file"
    fi
  done
  echo "::error::smoke: $message"
  exit 1
}

pass() {
  checks=$((checks + 1))
}

# run NAME INPUT ARG...: runs `tcpip ARG...` with INPUT as standard input,
# its output in $work/NAME.out and NAME.err; its exit status in $status.
run() {
  local name=$1 input=$2
  shift 2
  echo "== tcpip $*"
  bounded "${tcpip[@]}" "$@" <"$input" >"$work/$name.out" 2>"$work/$name.err"
  status=$?
  [ "$status" -ne 124 ] || fail "tcpip $* did not end within ${LIMIT} s" "$work/$name.out" "$work/$name.err"
}

# expect_status NAME CODE ARG...: the run ended with status CODE.
expect_status() {
  local name=$1 code=$2
  shift 2
  [ "$status" -eq "$code" ] ||
    fail "tcpip $* ended with status $status, not $code" "$work/$name.out" "$work/$name.err"
}

# same_lines ACTUAL EXPECTED: the same lines (and bytes) in any order.
same_lines() {
  [ "$(wc -c <"$1")" -eq "$(wc -c <"$2")" ] &&
    diff <(LC_ALL=C sort "$1") <(LC_ALL=C sort "$2") >/dev/null
}

# expect_golden NAME GOLDEN ORDER WHAT: standard output of run NAME against
# the golden file: ORDER exact (byte for byte) or any (the same lines in any
# order: the processes race).
expect_golden() {
  local name=$1 file="$golden/$2" order=$3 what=$4 same how
  [ -f "$file" ] || fail "no golden file $file"
  if [ "$order" = exact ]; then
    cmp -s "$file" "$work/$name.out"
    same=$?
    how="byte for byte"
  else
    same_lines "$work/$name.out" "$file"
    same=$?
    how="in any order"
  fi
  if [ "$same" -ne 0 ]; then
    diff -u "$file" "$work/$name.out"
    fail "$what printed other than the golden file $2 ($how)" "$work/$name.err"
  fi
}

# Sets $port to a loopback port the OS has just handed out (bound to port
# 0, then released): asked of node, which the project needs anyway, else of
# deno or python3.
free_port() {
  port=""
  if command -v node >/dev/null 2>&1; then
    port=$(node -e 'const s = require("net").createServer();
      s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
  elif command -v deno >/dev/null 2>&1; then
    port=$(deno eval 'const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      console.log(l.addr.port); l.close();')
  elif command -v python3 >/dev/null 2>&1; then
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1]); s.close()')
  fi
  port=${port//$'\r'/}
  [[ "$port" =~ ^[0-9]+$ ]] || fail "could not get a free port (node, deno or python3 is needed)"
}

# wait_until NAME PID TEST...: polls (every 50 ms, 60 s at most) until the
# command TEST succeeds; fails if the process PID ends first.
wait_until() {
  local name=$1 pid=$2 tries
  shift 2
  for ((tries = 0; tries < 1200; tries++)); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null ||
      fail "tcpip ${name//_/ } ended before $*" "$work/$name.out" "$work/$name.err"
    sleep 0.05
  done
  fail "tcpip ${name//_/ }: not $* within 60 s" "$work/$name.out" "$work/$name.err"
}

says() { grep -qF -- "$2" "$1"; }
has_lines() { [ "$(wc -l <"$1")" -ge "$2" ]; }

# The programs, named as `tcpip list` and `tcpip source` name them.
programs=()
for file in "$root"/examples/*.ts; do
  name=${file##*/}
  name=${name%.ts}
  programs+=("${name//_/-}")
done

# == the binary itself ========================================================

run version /dev/null --version
expect_status version 0 --version
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$root/deno.json" | head -n1)
out=$(cat "$work/version.out")
echo "$out"
[[ "$out" == "tcpip $version (deno "*")" ]] ||
  fail "--version printed '$out', not tcpip $version (deno.json's version)"
if [ -n "$target" ]; then
  [[ "$out" == *", $target)" ]] || fail "--version printed '$out', not the target $target"
fi
pass

run list /dev/null list
expect_status list 0 list
for name in "${programs[@]}"; do
  grep -Eq "^  $name( |$)" "$work/list.out" || fail "list does not name $name" "$work/list.out"
done
pass

# A usage error: status 2 and one line on stderr, nothing on stdout.
run usage /dev/null no-such-program
expect_status usage 2 no-such-program
if [ "$(wc -l <"$work/usage.err")" -ne 1 ] || [ -s "$work/usage.out" ]; then
  fail "a usage error printed other than one line on stderr" "$work/usage.out" "$work/usage.err"
fi
cat "$work/usage.err"
pass

# == children: the binary started again =======================================

run fork /dev/null fork
expect_status fork 0 fork
cat "$work/fork.out"
expect_golden fork run/fork.out any "fork" # parent and child race
pass

run pipe3 /dev/null pipe3 --speed 20
expect_status pipe3 0 pipe3 --speed 20
cat "$work/pipe3.out"
expect_golden pipe3 run/pipe3.out exact "pipe3"
pass

# == the echo server and client ===============================================
# A server hands each client's socket to a child; the client splits reading
# and writing over two workers. Each client types the golden input; each
# prints the golden output; the server prints the golden lines once per
# client (its pid as <pid1>: run/echo_server.out has no other digits).

# start_server NAME ARG...: starts `tcpip echo-server <port> ARG...` on a
# free port and waits for its readiness line; sets $server and $port.
start_server() {
  local name=$1
  shift
  free_port
  echo "== tcpip echo-server $port $*"
  : >"$work/$name.out" # there before the first poll reads them
  : >"$work/$name.err"
  "${tcpip[@]}" echo-server "$port" "$@" </dev/null >"$work/$name.out" 2>"$work/$name.err" &
  server=$!
  background+=("$server")
  wait_until "$name" "$server" says "$work/$name.err" "listening on 127.0.0.1:$port"
}

# stop_server NAME CLIENTS: waits for the server's lines for CLIENTS clients,
# stops it as a user would (SIGTERM, after which it must end with status 0;
# on Windows: its process tree), and compares its lines with the golden
# file.
stop_server() {
  local name=$1 clients=$2 want i
  want=$(($(wc -l <"$golden/run/echo_server.out") * clients))
  wait_until "$name" "$server" has_lines "$work/$name.out" "$want"
  if [ "$windows" -eq 1 ]; then
    end_tree "$server"
  else
    kill -TERM "$server"
    await "$server"
    [ "$code" -eq 0 ] ||
      fail "echo-server ended with status $code after SIGTERM, not 0" "$work/$name.out" "$work/$name.err"
  fi
  # Each client's child has a pid of its own: every pid is <pid> here.
  for ((i = 0; i < clients; i++)); do
    sed 's/<pid[0-9]*>/<pid>/g' "$golden/run/echo_server.out"
  done >"$work/$name.want"
  sed 's/[0-9][0-9]*/<pid>/g' "$work/$name.out" >"$work/$name.got"
  cat "$work/$name.out"
  same_lines "$work/$name.got" "$work/$name.want" || {
    diff -u "$work/$name.want" "$work/$name.got"
    fail "echo-server printed other than the golden file run/echo_server.out once per client (in any order)" "$work/$name.err"
  }
}

# await PID: waits (60 s at most) until the background process PID ends;
# its status in $code.
await() {
  local tries
  for ((tries = 0; tries < 1200; tries++)); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$1" 2>/dev/null; then fail "process $1 did not end within 60 s"; fi
  wait "$1"
  code=$?
}

# client NAME: runs echo-client against $port with the golden input.
client() {
  local name=$1
  bounded "${tcpip[@]}" echo-client 127.0.0.1 "$port" <"$golden/run/echo_client.stdin" \
    >"$work/$name.out" 2>"$work/$name.err"
}

# check_client NAME STATUS: the client ended with 0 and printed the golden output.
check_client() {
  local name=$1 code=$2
  [ "$code" -eq 0 ] || fail "echo-client ended with status $code" "$work/$name.out" "$work/$name.err"
  cat "$work/$name.out"
  expect_golden "$name" run/echo_client.out exact "echo-client"
}

# The pool: one child waits ahead (--prefork 1); two clients at once, so
# one is served by the waiting child and one by a child started for it.
start_server pool --prefork 1
echo "== 2 x tcpip echo-client 127.0.0.1 $port"
client client1 &
first=$!
background+=("$first")
client client2 &
second=$!
background+=("$second")
await "$first"
check_client client1 "$code"
await "$second"
check_client client2 "$code"
stop_server pool 2
pass

# The book's way: fork on accept (--prefork 0).
start_server fork_on_accept --prefork 0
echo "== tcpip echo-client 127.0.0.1 $port"
client client3
check_client client3 $?
stop_server fork_on_accept 1
pass

# == modules loaded on demand ================================================

for name in "${programs[@]}"; do
  run "explain_$name" /dev/null explain "$name"
  expect_status "explain_$name" 0 explain "$name"
  [ -s "$work/explain_$name.out" ] || fail "explain $name printed nothing" "$work/explain_$name.err"
done
pass

# --lang ko: the same explanation, in Korean (Hangul's UTF-8 lead bytes).
run explain_ko /dev/null explain fork --lang ko
expect_status explain_ko 0 explain fork --lang ko
head -n 3 "$work/explain_ko.out"
cmp -s "$work/explain_ko.out" "$work/explain_fork.out" &&
  fail "explain fork --lang ko printed the English text"
LC_ALL=C grep -q "$(printf '[\352-\355]')" "$work/explain_ko.out" ||
  fail "explain fork --lang ko printed no Korean" "$work/explain_ko.out"
pass

# The quiz, with a few answers: it marks them and ends with a score.
printf '1\n2\n3\n' >"$work/answers"
run quiz "$work/answers" quiz 10
expect_status quiz 0 quiz 10
tail -n 1 "$work/quiz.out"
tail -n 1 "$work/quiz.out" | grep -Eq '^score: [0-9]+/[0-9]+$' ||
  fail "quiz 10 printed no score" "$work/quiz.out" "$work/quiz.err"
pass

# predict: no answers; it runs the program (the binary again) and scores.
run predict /dev/null predict pipe2 --seed 1
expect_status predict 0 predict pipe2 --seed 1
tail -n 1 "$work/predict.out"
tail -n 1 "$work/predict.out" | grep -Eq '^score: [0-9]+/[0-9]+$' ||
  fail "predict pipe2 printed no score" "$work/predict.out" "$work/predict.err"
pass

# == the embedded sources =====================================================

for file in "$root"/examples/*.ts; do
  name=${file##*/}
  name=${name%.ts}
  run "source_$name" /dev/null source "${name//_/-}"
  expect_status "source_$name" 0 source "${name//_/-}"
  cmp -s "$file" "$work/source_$name.out" ||
    fail "source ${name//_/-} differs from examples/$name.ts" "$work/source_$name.err"
done
pass

# == check ====================================================================
# The binary checks itself as the learner's program: its engine, the scenario
# data it loads on demand and its own program must all be in it. Windows has
# no fork(): there check refuses, in one line that points to WSL, status 1.
run check /dev/null check pipe1 --json -- "${tcpip[@]}" pipe1
if [ "$windows" -eq 1 ]; then
  if [ "$status" -ne 1 ] || ! grep -q "WSL" "$work/check.err"; then
    fail "check on Windows ended with $status, not 1 and the WSL line" "$work/check.err"
  fi
elif [ "$status" -ne 0 ] || ! grep -q '"verdict":"pass"' "$work/check.out"; then
  fail "check pipe1 on the binary's own pipe1 ended with $status, not a pass" \
    "$work/check.out" "$work/check.err"
fi
pass

echo "smoke: $checks checks passed (${tcpip[*]})"
