#!/usr/bin/env python3
"""Expected stdout of src/bigimage.c, and its 1 MiB table.

Usage: bigimage.py               print the expected stdout
       bigimage.py --table OUT   write the table (build/gen/bigimage_table.bin)

The table is 262,144 little-endian words of the xorshift32 sequence
(x ^= x << 13; x ^= x >> 17; x ^= x << 5, modulo 2**32) from 0x2545F491; the
checksum is FNV-1a over the words (hash = (hash ^ word) * 16777619).
"""
import argparse
import struct

SEED = 0x2545F491
WORDS = 1024 * 1024 // 4
MASK = 0xFFFFFFFF


def table_words():
    x = SEED
    for _ in range(WORDS):
        x ^= (x << 13) & MASK
        x ^= x >> 17
        x ^= (x << 5) & MASK
        yield x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--table", metavar="OUT", help="write the table as binary to OUT")
    args = parser.parse_args()
    words = list(table_words())
    if args.table:
        with open(args.table, "wb") as out:
            out.write(struct.pack("<%dI" % WORDS, *words))
        return
    checksum = 2166136261
    for word in words:
        checksum = ((checksum ^ word) * 16777619) & MASK
    print("bigimage: bytes=%d mismatches=0 checksum=0x%08x" % (WORDS * 4, checksum))


if __name__ == "__main__":
    main()
