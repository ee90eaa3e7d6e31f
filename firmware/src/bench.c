/*
 * bench: integer CPU benchmark in the spirit of CoreMark's kernels: per
 * iteration it fills a 256-byte buffer from an LCG, takes its CRC-32
 * (table-driven), multiplies two 8x8 matrices made from the buffer, sorts 64
 * halfword keys with insertion sort and runs a table-driven state machine
 * over the bytes. Every result is folded into one checksum.
 *
 * Build with -DITERATIONS=n (the Makefile's BENCH_ITERATIONS and
 * BENCH_SMALL_ITERATIONS). Expected stdout: reference/bench.py --iterations n.
 * Exit status 0; 1 if a built-in self-check (CRC of "123456789", matrix
 * identity, sortedness) fails.
 */
#include <stdint.h>
#include <stdio.h>

#ifndef ITERATIONS
#define ITERATIONS 3000
#endif

#define BUFFER_BYTES 256
#define MATRIX_N 8
#define KEY_COUNT 64

static uint32_t crc_table[256];
static uint8_t buffer[BUFFER_BYTES];
static int32_t matrix_a[MATRIX_N][MATRIX_N];
static int32_t matrix_b[MATRIX_N][MATRIX_N];
static int32_t matrix_c[MATRIX_N][MATRIX_N];
static uint16_t keys[KEY_COUNT];

/* Transition table: next_state[state][byte >> 6]. */
static const uint8_t next_state[5][4] = {
    {1, 2, 0, 3}, {1, 1, 4, 3}, {2, 4, 0, 3}, {3, 0, 2, 1}, {4, 3, 1, 0},
};

static void crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1u) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
        }
        crc_table[n] = c;
    }
}

static uint32_t crc32(const uint8_t *data, uint32_t length)
{
    uint32_t c = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < length; i++) {
        c = crc_table[(c ^ data[i]) & 0xFFu] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

static void matrix_multiply(void)
{
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++) {
            int32_t sum = 0;
            for (int k = 0; k < MATRIX_N; k++) {
                sum += matrix_a[i][k] * matrix_b[k][j];
            }
            matrix_c[i][j] = sum;
        }
    }
}

static uint32_t matrix_fold(void)
{
    uint32_t fold = 0;
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++) {
            fold += (uint32_t)matrix_c[i][j] * (uint32_t)(i * MATRIX_N + j + 1);
        }
    }
    return fold;
}

static void insertion_sort(uint16_t *items, int count)
{
    for (int i = 1; i < count; i++) {
        uint16_t item = items[i];
        int j = i - 1;
        while (j >= 0 && items[j] > item) {
            items[j + 1] = items[j];
            j--;
        }
        items[j + 1] = item;
    }
}

static uint32_t state_machine(const uint8_t *data, uint32_t length)
{
    uint32_t counts[5] = {0, 0, 0, 0, 0};
    uint32_t changes = 0;
    uint32_t state = 0;
    for (uint32_t i = 0; i < length; i++) {
        uint32_t next = next_state[state][data[i] >> 6];
        changes += (next != state);
        state = next;
        counts[state]++;
    }
    uint32_t fold = changes;
    for (int s = 0; s < 5; s++) {
        fold ^= counts[s] << (6 * s);
    }
    return fold;
}

static uint32_t mix(uint32_t hash, uint32_t word)
{
    hash = (hash ^ word) * 16777619u;
    return hash ^ (hash >> 15);
}

static int self_test(void)
{
    static const uint8_t check[9] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
    if (crc32(check, 9) != 0xCBF43926u) {
        printf("bench: CRC-32 self-test failed\n");
        return 0;
    }
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++) {
            matrix_a[i][j] = i * 13 - j * 7;
            matrix_b[i][j] = (i == j);
        }
    }
    matrix_multiply();
    for (int i = 0; i < MATRIX_N; i++) {
        for (int j = 0; j < MATRIX_N; j++) {
            if (matrix_c[i][j] != matrix_a[i][j]) {
                printf("bench: matrix self-test failed\n");
                return 0;
            }
        }
    }
    return 1;
}

int main(void)
{
    crc_init();
    if (!self_test()) {
        return 1;
    }
    uint32_t checksum = 2166136261u;
    for (uint32_t iteration = 0; iteration < ITERATIONS; iteration++) {
        uint32_t state = iteration * 0x9E3779B9u + 1u;
        for (int i = 0; i < BUFFER_BYTES; i++) {
            state = state * 1664525u + 1013904223u;
            buffer[i] = (uint8_t)(state >> 24);
        }
        checksum = mix(checksum, crc32(buffer, BUFFER_BYTES));

        for (int i = 0; i < MATRIX_N; i++) {
            for (int j = 0; j < MATRIX_N; j++) {
                matrix_a[i][j] = (int32_t)buffer[i * MATRIX_N + j] - 128;
                matrix_b[i][j] = (int32_t)buffer[64 + i * MATRIX_N + j] - 128;
            }
        }
        matrix_multiply();
        checksum = mix(checksum, matrix_fold());

        for (int k = 0; k < KEY_COUNT; k++) {
            keys[k] = (uint16_t)(buffer[128 + 2 * k] | (buffer[129 + 2 * k] << 8));
        }
        insertion_sort(keys, KEY_COUNT);
        uint32_t key_fold = 0;
        for (int k = 0; k < KEY_COUNT; k++) {
            if (k > 0 && keys[k - 1] > keys[k]) {
                printf("bench: sort self-test failed\n");
                return 1;
            }
            key_fold = key_fold * 33u + keys[k];
        }
        checksum = mix(checksum, key_fold);

        checksum = mix(checksum, state_machine(buffer, BUFFER_BYTES));
    }
    printf("bench: iterations=%d checksum=0x%08lx\n", ITERATIONS, (unsigned long)checksum);
    return 0;
}
