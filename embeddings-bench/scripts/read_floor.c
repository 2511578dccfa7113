/*
 * The memory-bandwidth floor in C, beside MemoryFloorBenchmark: sums every float of a ROWS x DIM float32 table
 * once, with 1..THREADS pthreads each taking an equal contiguous slice, eight independent accumulators per
 * thread so the adds never wait on each other (gcc vectorizes the inner loop with -O3 -march=native).
 * Prints the best and median milliseconds of RUNS reads and the bandwidth of the best.
 *
 *   gcc -O3 -march=native -pthread -o /tmp/read_floor embeddings-bench/scripts/read_floor.c
 *   /tmp/read_floor [ROWS DIM THREADS RUNS]      # default 151936 1536 2 20
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static float *table;
static size_t total;
static int threads;

typedef struct { size_t from, to; double sum; } slice_t;

static void *read_slice(void *arg) {
  slice_t *s = arg;
  float acc[8][16] = {{0}};
  size_t i = s->from;
  for (; i + 128 <= s->to; i += 128)
    for (int a = 0; a < 8; a++)
      for (int l = 0; l < 16; l++) acc[a][l] += table[i + 16 * a + l];
  double sum = 0;
  for (int a = 0; a < 8; a++)
    for (int l = 0; l < 16; l++) sum += acc[a][l];
  for (; i < s->to; i++) sum += table[i];
  s->sum = sum;
  return NULL;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  size_t rows = argc > 1 ? strtoul(argv[1], NULL, 10) : 151936;
  size_t dim = argc > 2 ? strtoul(argv[2], NULL, 10) : 1536;
  int max_threads = argc > 3 ? atoi(argv[3]) : 2;
  int runs = argc > 4 ? atoi(argv[4]) : 20;
  total = rows * dim;
  if (posix_memalign((void **) &table, 64, total * sizeof(float))) return 1;
  unsigned x = 1;
  for (size_t i = 0; i < total; i++) { x = x * 1664525u + 1013904223u; table[i] = (float) (x >> 8) / 16777216.0f - 0.5f; }
  double *ms = malloc(sizeof(double) * runs);
  for (threads = 1; threads <= max_threads; threads++) {
    pthread_t th[64];
    slice_t sl[64];
    double check = 0;
    for (int r = -2; r < runs; r++) {           /* two untimed warm-up reads */
      double t0 = now_ms();
      for (int t = 0; t < threads; t++) {
        sl[t].from = total * t / threads / 16 * 16;
        sl[t].to = t == threads - 1 ? total : total * (t + 1) / threads / 16 * 16;
        pthread_create(&th[t], NULL, read_slice, &sl[t]);
      }
      check = 0;
      for (int t = 0; t < threads; t++) { pthread_join(th[t], NULL); check += sl[t].sum; }
      if (r >= 0) ms[r] = now_ms() - t0;
    }
    qsort(ms, runs, sizeof(double), cmp);
    printf("read_floor.c %zux%zu float32 (%.2f GB) threads=%d: best %.2f ms (%.1f GB/s), median %.2f ms [sum %.1f]\n",
           rows, dim, total * 4 / 1e9, threads, ms[0], total * 4 / 1e6 / ms[0], ms[runs / 2], check);
  }
  return 0;
}
