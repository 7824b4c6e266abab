"""The book's echo_mpserv.c written in Python, a peer in `deno task bench`:
one real os.fork() per client, the child reads and writes the client's socket
with blocking calls (64 KiB reads, as the C reference), the parent closes its
copy and goes back to accept(); a SIGCHLD handler collects every child that
has ended. Usage: python3 echo_fork.py PORT. Prints "listening" once ready.
"""

import os
import signal
import socket
import sys


def read_childproc(_signum, _frame):
    # Children that end together may raise one signal: collect them all.
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        print(f"removed proc id: {pid} ", flush=True)


def main():
    port = int(sys.argv[1])
    signal.signal(signal.SIGCHLD, read_childproc)
    serv_sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    serv_sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    serv_sock.bind(("127.0.0.1", port))
    serv_sock.listen(128)
    print("listening", flush=True)
    while True:
        try:
            clnt_sock, _addr = serv_sock.accept()
        except InterruptedError:
            continue
        print("new client connected...", flush=True)
        pid = os.fork()
        if pid == 0:
            serv_sock.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            while True:
                data = clnt_sock.recv(64 * 1024)
                if not data:
                    break
                clnt_sock.sendall(data)
            clnt_sock.close()
            print("client disconnected...", flush=True)
            os._exit(0)
        clnt_sock.close()


if __name__ == "__main__":
    main()
