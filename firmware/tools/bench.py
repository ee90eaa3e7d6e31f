#!/usr/bin/env python3
"""make bench: simulated MIPS of armsim on the shipped benchmark loop.

Runs each (ELF, target) several times and prints the median of
instructions / host seconds (MIPS) and simulated MHz (cycles / host seconds).
Host time is the wall time of the whole `armsim run` process, start-up included,
so the figure is conservative. Medians, not single runs: the machines are shared.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

FIRMWARE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(FIRMWARE)

CASES = [
    ("bench", "--core", "m0", "generic-m0"),
    ("bench", "--core", "m0plus", "generic-m0plus"),
    ("bench", "--core", "m4", "generic-m4"),
    ("bench", "--board", "microbit-v1", "microbit-v1"),
    ("bench", "--board", "nano33", "nano33"),
    ("kws", "--board", "nano33", "nano33"),
]


def run_once(armsim, elf, flag, target):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        report_path = handle.name
    try:
        start = time.perf_counter()
        completed = subprocess.run(
            [armsim, "run", elf, flag, target, "--quiet", "--json", report_path],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - start
        if completed.returncode != 0:
            sys.exit(f"bench: {elf} on {target} exited with {completed.returncode}: {completed.stderr.decode()}")
        with open(report_path) as report_file:
            report = json.load(report_file)
    finally:
        os.unlink(report_path)
    return report["instructions"], report["cycles"], elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--armsim", default=os.path.join(REPO, ".build", "release", "armsim"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'program':<10} {'target':<16} {'instructions':>14} {'cycles':>14} {'median s':>9} {'MIPS':>8} {'sim MHz':>8}")
    for program, flag, target, build in CASES:
        elf = os.path.join(FIRMWARE, "build", build, f"{program}.elf")
        samples = [run_once(args.armsim, elf, flag, target) for _ in range(args.runs)]
        instructions, cycles = samples[0][0], samples[0][1]
        if any(sample[:2] != (instructions, cycles) for sample in samples):
            sys.exit("bench: runs of the same ELF gave different counts (determinism broken)")
        seconds = statistics.median(sample[2] for sample in samples)
        print(f"{program:<10} {target:<16} {instructions:>14,} {cycles:>14,} {seconds:>9.3f} "
              f"{instructions / seconds / 1e6:>8.1f} {cycles / seconds / 1e6:>8.1f}")


if __name__ == "__main__":
    main()
