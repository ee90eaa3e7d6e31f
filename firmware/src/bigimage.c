/*
 * bigimage: a flash image of more than 1 MiB, for measuring the simulator's memory
 * use on a large image (`make bench`, peak RSS). src/bigimage_table.S places a
 * 1 MiB table in .rodata (build/gen/bigimage_table.bin, written by
 * reference/bigimage.py --table): 262,144 words of the xorshift32 sequence
 * (x ^= x << 13; x ^= x >> 17; x ^= x << 5) from SEED. The program reads every
 * word, compares it with the sequence computed here and folds it into an FNV-1a
 * checksum (per word).
 *
 * Expected stdout: reference/bigimage.py. Exit status 0; 1 if a word differs.
 * Built only for the boards in BIG_IMAGE_BOARDS (2 MiB of flash).
 */
#include <stdint.h>
#include <stdio.h>

#define SEED 0x2545F491u
#define TABLE_WORDS (1024u * 1024u / 4u)

extern const uint32_t bigimage_table[];
extern const uint8_t bigimage_table_end[];

int main(void)
{
    uint32_t bytes = (uint32_t)(bigimage_table_end - (const uint8_t *)bigimage_table);
    if (bytes != TABLE_WORDS * 4u) {
        printf("bigimage: table is %lu bytes, expected %lu\n", (unsigned long)bytes,
               (unsigned long)(TABLE_WORDS * 4u));
        return 1;
    }
    uint32_t x = SEED;
    uint32_t mismatches = 0;
    uint32_t hash = 2166136261u;
    for (uint32_t i = 0; i < TABLE_WORDS; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        uint32_t word = bigimage_table[i];
        mismatches += (word != x);
        hash = (hash ^ word) * 16777619u;
    }
    printf("bigimage: bytes=%lu mismatches=%lu checksum=0x%08lx\n", (unsigned long)bytes,
           (unsigned long)mismatches, (unsigned long)hash);
    return mismatches != 0;
}
