/*
 * bench-small-slow: bench-small made slower on purpose by one extra loop before
 * the benchmark, with the same stdout and exit status.
 *
 * It exists to test the CI gate (`armsim check`, docs/ci.md): checked against
 * bench-small's baseline, it must fail on cycles, and only on what the loop
 * costs. bench.c is included unchanged with its main renamed, so the two
 * programs run the same benchmark code.
 *
 * Build with -DITERATIONS=n (as bench-small) and -DEXTRA_LOOP=n, the number of
 * passes of the extra loop.
 */
#include <stdint.h>

#ifndef EXTRA_LOOP
#define EXTRA_LOOP 4000
#endif

#define main bench_main
int bench_main(void);
#include "bench.c"
#undef main

int main(void)
{
    /* volatile, so the compiler keeps every pass. */
    for (volatile uint32_t pass = 0; pass < EXTRA_LOOP; pass++) {
    }
    return bench_main();
}
