#!/usr/bin/env python3
"""Expected stdout of src/hello.c (C printf semantics, written out by hand)."""

letters = "abcdefghijklmnopqrstuvwxyz"
lines = [
    "hello from armsim firmware",
    "int 42 -17 4000000000",
    "hex 0x%08x %x %X" % (0xDEADBEEF, 255, 0xABCD),
    "str [cortex-m0] [%10s] [%-6s]" % ("thumb", "v6m"),
    "width [%5d] [%-5d] [%05d] [%+d]" % (123, 45, -67, 8),
    "char arm",
    "malloc %s len=%d sum=%d" % (letters, len(letters), sum(map(ord, letters))),
    "puts works",
    "bye",
]
print("\n".join(lines))
