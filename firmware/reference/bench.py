#!/usr/bin/env python3
"""Expected stdout of src/bench.c for a given iteration count.

Usage: bench.py [--iterations N]   (default 3000, the Makefile's BENCH_ITERATIONS)

CRC-32 is zlib's (the IEEE 802.3 reflected CRC, check value 0xCBF43926 for
"123456789"); sorting is Python's sorted(); everything else is integer
arithmetic modulo 2**32, as the C code does it.
"""
import argparse
import zlib

MASK = 0xFFFFFFFF
NEXT_STATE = [[1, 2, 0, 3], [1, 1, 4, 3], [2, 4, 0, 3], [3, 0, 2, 1], [4, 3, 1, 0]]


def mix(h, word):
    h = ((h ^ (word & MASK)) * 16777619) & MASK
    return h ^ (h >> 15)


def iteration_words(iteration):
    state = (iteration * 0x9E3779B9 + 1) & MASK
    data = bytearray(256)
    for i in range(256):
        state = (state * 1664525 + 1013904223) & MASK
        data[i] = state >> 24

    crc = zlib.crc32(bytes(data)) & MASK

    a = [[data[i * 8 + j] - 128 for j in range(8)] for i in range(8)]
    b = [[data[64 + i * 8 + j] - 128 for j in range(8)] for i in range(8)]
    matrix = 0
    for i in range(8):
        for j in range(8):
            c = sum(a[i][k] * b[k][j] for k in range(8))
            matrix = (matrix + (c & MASK) * (i * 8 + j + 1)) & MASK

    keys = sorted(data[128 + 2 * k] | (data[129 + 2 * k] << 8) for k in range(64))
    key_fold = 0
    for key in keys:
        key_fold = (key_fold * 33 + key) & MASK

    counts = [0] * 5
    changes = 0
    state = 0
    for byte in data:
        nxt = NEXT_STATE[state][byte >> 6]
        changes += nxt != state
        state = nxt
        counts[state] += 1
    machine = changes
    for s in range(5):
        machine ^= (counts[s] << (6 * s)) & MASK
    return crc, matrix, key_fold, machine


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=3000)
    args = parser.parse_args()
    checksum = 2166136261
    for iteration in range(args.iterations):
        for word in iteration_words(iteration):
            checksum = mix(checksum, word)
    print("bench: iterations=%d checksum=0x%08x" % (args.iterations, checksum))


if __name__ == "__main__":
    main()
