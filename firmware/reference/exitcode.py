#!/usr/bin/env python3
"""Expected stdout of src/exitcode.c; its expected exit status is 3."""
print("exitcode: returning 3")
