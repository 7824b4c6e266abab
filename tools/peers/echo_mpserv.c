/* echo_mpserv.c as in the book: one fork() per client, read() and write()
   of BUF_SIZE bytes (the book's 30 unless -DBUF_SIZE), and the book's three
   lines, line-buffered as on a terminal. Two changes: the SIGCHLD handler
   loops, so that no zombie is left, and listen() takes a backlog of 128,
   not 5, so that 50 clients arriving at once all get in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/wait.h>
#ifndef BUF_SIZE
#define BUF_SIZE 30
#endif
static void read_childproc(int sig) {
  pid_t pid;
  int status;
  (void)sig;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
    printf("removed proc id: %d \n", pid);
}
int main(int argc, char *argv[]) {
  int serv_sock, clnt_sock, str_len, on = 1;
  struct sockaddr_in serv_adr, clnt_adr;
  socklen_t adr_sz;
  struct sigaction act;
  pid_t pid;
  char buf[BUF_SIZE];
  if (argc != 2) return 1;
  setvbuf(stdout, NULL, _IOLBF, 0);
  act.sa_handler = read_childproc;
  sigemptyset(&act.sa_mask);
  act.sa_flags = 0;
  sigaction(SIGCHLD, &act, 0);
  serv_sock = socket(PF_INET, SOCK_STREAM, 0);
  setsockopt(serv_sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
  memset(&serv_adr, 0, sizeof(serv_adr));
  serv_adr.sin_family = AF_INET;
  serv_adr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  serv_adr.sin_port = htons(atoi(argv[1]));
  if (bind(serv_sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) return 1;
  if (listen(serv_sock, 128) == -1) return 1;
  puts("listening");
  while (1) {
    adr_sz = sizeof(clnt_adr);
    clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_adr, &adr_sz);
    if (clnt_sock == -1) continue;
    else puts("new client connected...");
    pid = fork();
    if (pid == -1) {
      close(clnt_sock);
      continue;
    }
    if (pid == 0) {
      close(serv_sock);
      while ((str_len = read(clnt_sock, buf, BUF_SIZE)) > 0) write(clnt_sock, buf, str_len);
      close(clnt_sock);
      puts("client disconnected...");
      return 0;
    } else close(clnt_sock);
  }
}
