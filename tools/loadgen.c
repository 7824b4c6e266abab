/*
 * The bench's load generator (tools/bench.ts builds it with the system's cc):
 * the clients of one server, as a C program, so that what is measured is the
 * server and not the client. Each client is a thread making blocking calls on
 * its own socket with TCP_NODELAY, as a C client of the book would.
 *
 * Usage: loadgen PORT. It reads one command a line on stdin, runs it, and
 * answers with one line of JSON on stdout (or {"error": "..."}):
 *
 *   open N                 N clients connect at once (they start together
 *                          on a barrier); each sends 30 B and waits for them
 *                          back. The connections are kept.
 *                          -> {"from": index, "first": [ms per client],
 *                              "ports": [each one's local port]}
 *   trips FROM N SIZE K    clients FROM..FROM+N-1 each make K round trips of
 *                          SIZE bytes, all at once; every echo is checked.
 *                          -> {"seconds": s, "p50": ms, "p99": ms}
 *   stream AT BYTES        client AT writes BYTES in 64 KiB pieces while a
 *                          second thread reads and checks the echo.
 *                          -> {"seconds": s}
 *   close                  closes every kept connection. -> {"closed": n}
 *   quit                   ends.
 *
 * Times are CLOCK_MONOTONIC; a first echo runs from connect() to the last
 * byte of the echo; a round trip from write() to the last byte back.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SMALL 30
#define PIECE (64 * 1024)
#define MAX_CONNS 1024
#define PATTERN 26

static int port;
static int conns[MAX_CONNS];
static int ports[MAX_CONNS]; /* each connection's local port */
static int nconns;
/* The payload: 'a' to 'z' over and over, with room to start at any phase. */
static unsigned char pattern[4 * PIECE + PATTERN];

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Threads may fail together: the first says why and ends the process, the
 * others wait here (exit() from two threads at once may cut the line). */
static pthread_mutex_t failing = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *what) {
  int saved = errno;
  pthread_mutex_lock(&failing);
  errno = saved;
  printf("{\"error\": \"%s: %s\"}\n", what, strerror(errno));
  fflush(stdout);
  exit(1);
}

static void write_all(int fd, const unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    p += w;
    n -= (size_t)w;
  }
}

static void read_exactly(int fd, unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r < 0) {
      if (errno == EINTR) continue;
      fail("read");
    }
    if (r == 0) {
      errno = ECONNRESET;
      fail("the server closed the connection early");
    }
    p += r;
    n -= (size_t)r;
  }
}

/* One round trip of `size` bytes on `fd`, checked. */
static void round_trip(int fd, size_t size, unsigned char *echo) {
  write_all(fd, pattern, size);
  read_exactly(fd, echo, size);
  if (memcmp(echo, pattern, size) != 0) {
    errno = EPROTO;
    fail("the echo differs from what was sent");
  }
}

static int dial(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0), on = 1;
  struct sockaddr_in a;
  if (fd < 0) fail("socket");
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) fail("connect");
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  return fd;
}

static pthread_barrier_t start;

struct job {
  int index;     /* into conns */
  size_t size;   /* bytes per round trip */
  long trips;    /* round trips */
  double *lat;   /* one latency per round trip, ms (trips) or the first echo */
};

static void *open_one(void *arg) {
  struct job *j = arg;
  unsigned char echo[SMALL];
  pthread_barrier_wait(&start);
  double t0 = now_ms();
  int fd = dial();
  round_trip(fd, SMALL, echo);
  j->lat[0] = now_ms() - t0;
  conns[j->index] = fd;
  struct sockaddr_in me;
  socklen_t size = sizeof me;
  ports[j->index] = getsockname(fd, (struct sockaddr *)&me, &size) == 0 ? ntohs(me.sin_port) : 0;
  return NULL;
}

static void *trips_one(void *arg) {
  struct job *j = arg;
  unsigned char *echo = malloc(j->size);
  int fd = conns[j->index];
  if (!echo) fail("malloc");
  pthread_barrier_wait(&start);
  for (long i = 0; i < j->trips; i++) {
    double t = now_ms();
    round_trip(fd, j->size, echo);
    j->lat[i] = now_ms() - t;
  }
  free(echo);
  return NULL;
}

/* Runs `fn` on `n` threads that start together; the seconds from the start. */
static double together(int n, struct job *jobs, void *(*fn)(void *)) {
  pthread_t *threads = calloc((size_t)n, sizeof *threads);
  if (!threads) fail("calloc");
  pthread_barrier_init(&start, NULL, (unsigned)n + 1);
  for (int i = 0; i < n; i++) {
    if (pthread_create(&threads[i], NULL, fn, &jobs[i]) != 0) fail("pthread_create");
  }
  pthread_barrier_wait(&start);
  double t0 = now_ms();
  for (int i = 0; i < n; i++) pthread_join(threads[i], NULL);
  double seconds = (now_ms() - t0) / 1e3;
  pthread_barrier_destroy(&start);
  free(threads);
  return seconds;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Nearest rank, as the bench computes it. */
static double percentile(double *sorted, long n, int p) {
  long i = (long)((double)p / 100 * (double)n);
  return sorted[i < n ? i : n - 1];
}

static void cmd_open(int n) {
  if (n < 1 || nconns + n > MAX_CONNS) {
    errno = EINVAL;
    fail("open: too many connections");
  }
  struct job *jobs = calloc((size_t)n, sizeof *jobs);
  double *first = calloc((size_t)n, sizeof *first);
  if (!jobs || !first) fail("calloc");
  for (int i = 0; i < n; i++) {
    jobs[i].index = nconns + i;
    jobs[i].lat = &first[i];
  }
  together(n, jobs, open_one);
  printf("{\"from\": %d, \"first\": [", nconns);
  for (int i = 0; i < n; i++) printf("%s%.4f", i ? ", " : "", first[i]);
  printf("], \"ports\": [");
  for (int i = 0; i < n; i++) printf("%s%d", i ? ", " : "", ports[nconns + i]);
  printf("]}\n");
  nconns += n;
  free(jobs);
  free(first);
}

static void cmd_trips(int from, int n, size_t size, long trips) {
  if (from < 0 || n < 1 || from + n > nconns || size < 1 || size > 4 * PIECE || trips < 1) {
    errno = EINVAL;
    fail("trips: no such connections or size");
  }
  struct job *jobs = calloc((size_t)n, sizeof *jobs);
  double *lat = calloc((size_t)n * (size_t)trips, sizeof *lat);
  if (!jobs || !lat) fail("calloc");
  for (int i = 0; i < n; i++) {
    jobs[i].index = from + i;
    jobs[i].size = size;
    jobs[i].trips = trips;
    jobs[i].lat = &lat[(long)i * trips];
  }
  double seconds = together(n, jobs, trips_one);
  long all = (long)n * trips;
  qsort(lat, (size_t)all, sizeof *lat, by_value);
  printf("{\"seconds\": %.6f, \"p50\": %.5f, \"p99\": %.5f}\n", seconds,
         percentile(lat, all, 50), percentile(lat, all, 99));
  free(jobs);
  free(lat);
}

struct stream {
  int fd;
  long long bytes;
};

static void *stream_reader(void *arg) {
  struct stream *s = arg;
  unsigned char *buf = malloc(4 * PIECE);
  long long got = 0;
  if (!buf) fail("malloc");
  while (got < s->bytes) {
    long long want = s->bytes - got;
    ssize_t r = read(s->fd, buf, want < 4 * PIECE ? (size_t)want : 4 * PIECE);
    if (r < 0) {
      if (errno == EINTR) continue;
      fail("read");
    }
    if (r == 0) {
      errno = ECONNRESET;
      fail("the server closed the connection early");
    }
    if (memcmp(buf, pattern + got % PATTERN, (size_t)r) != 0) {
      errno = EPROTO;
      fail("the echo differs from what was sent");
    }
    got += r;
  }
  free(buf);
  return NULL;
}

static void cmd_stream(int at, long long bytes) {
  if (at < 0 || at >= nconns || bytes < 1) {
    errno = EINVAL;
    fail("stream: no such connection");
  }
  struct stream s = {conns[at], bytes};
  pthread_t reader;
  double t0 = now_ms();
  if (pthread_create(&reader, NULL, stream_reader, &s) != 0) fail("pthread_create");
  for (long long sent = 0; sent < bytes;) {
    long long n = bytes - sent < PIECE ? bytes - sent : PIECE;
    write_all(s.fd, pattern + sent % PATTERN, (size_t)n);
    sent += n;
  }
  pthread_join(reader, NULL);
  printf("{\"seconds\": %.6f}\n", (now_ms() - t0) / 1e3);
}

static void cmd_close(void) {
  for (int i = 0; i < nconns; i++) close(conns[i]);
  printf("{\"closed\": %d}\n", nconns);
  nconns = 0;
}

int main(int argc, char *argv[]) {
  char line[256];
  if (argc != 2 || (port = atoi(argv[1])) <= 0 || port > 65535) {
    fprintf(stderr, "usage: loadgen PORT\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN); /* a server that left: EPIPE, said as an error */
  for (size_t i = 0; i < sizeof pattern; i++) pattern[i] = (unsigned char)('a' + i % PATTERN);
  while (fgets(line, sizeof line, stdin)) {
    int a, b;
    long k;
    long long bytes;
    size_t size;
    if (sscanf(line, "open %d", &a) == 1) cmd_open(a);
    else if (sscanf(line, "trips %d %d %zu %ld", &a, &b, &size, &k) == 4) cmd_trips(a, b, size, k);
    else if (sscanf(line, "stream %d %lld", &a, &bytes) == 2) cmd_stream(a, bytes);
    else if (strncmp(line, "close", 5) == 0) cmd_close();
    else if (strncmp(line, "quit", 4) == 0) break;
    else {
      errno = EINVAL;
      fail("unknown command");
    }
    fflush(stdout);
  }
  return 0;
}
