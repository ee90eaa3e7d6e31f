#!/usr/bin/env python3
"""Run every shipped firmware build with translated blocks and with the interpreter alone
(ARMSIM_INTERPRET=1), plainly and with --profile, and require the same run from both: the
JSON report (instructions, cycles, memory, energy, per-inference figures, fault, and the
per-function profile), the program's stdout and the exit status. The translator (Sources/CortexM/Native/) must never change a result; this is the
whole-program check of that, next to the unit tests and the differential tests.

Prints one "SAME board/program" or "DIFF board/program: ..." line per ELF, then
"N same, M different"; exits 1 if any differs.

    python3 firmware/tools/translation_check.py --armsim .build/release/armsim [--jobs 2]
"""
import argparse
import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile

FIRMWARE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Long benchmark builds add minutes and nothing the short builds do not cover.
SKIPPED = ("bench-long.elf",)


def target_arguments(armsim, board):
    boards = subprocess.run([armsim, "boards"], capture_output=True, text=True, check=True).stdout.split("\n")[1:]
    names = {line.split()[0] for line in boards if line.strip()}
    return ["--board", board] if board in names else ["--core", "m4"]


def run(armsim, elf, target, interpret):
    """(exit status, stdout, JSON report) of one run."""
    environment = dict(os.environ)
    if interpret:
        environment["ARMSIM_INTERPRET"] = "1"
    else:
        environment.pop("ARMSIM_INTERPRET", None)
    with tempfile.TemporaryDirectory() as directory:
        report = os.path.join(directory, "report.json")
        process = subprocess.run(
            [armsim, "run", elf, *target, "--quiet", "--json", report],
            capture_output=True, env=environment, timeout=600)
        data = json.load(open(report)) if os.path.exists(report) else None
    return process.returncode, process.stdout, data


def compare(armsim, elf, target):
    translated = run(armsim, elf, target, interpret=False)
    interpreted = run(armsim, elf, target, interpret=True)
    name = " ".join([os.path.relpath(elf, os.path.join(FIRMWARE, "build"))] + [a for a in target if a == "--profile"])
    if translated == interpreted:
        return True, f"SAME {name}"
    parts = []
    if translated[0] != interpreted[0]:
        parts.append(f"exit {translated[0]} vs {interpreted[0]}")
    if translated[1] != interpreted[1]:
        parts.append("stdout differs")
    if translated[2] != interpreted[2]:
        keys = sorted(k for k in set(translated[2] or {}) | set(interpreted[2] or {})
                      if (translated[2] or {}).get(k) != (interpreted[2] or {}).get(k))
        parts.append("report differs in " + ", ".join(keys))
    return False, f"DIFF {name}: " + "; ".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--armsim", required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    arguments = parser.parse_args()
    armsim = os.path.abspath(arguments.armsim)
    cases = []
    for directory in sorted(glob.glob(os.path.join(FIRMWARE, "build", "*", ""))):
        board = os.path.basename(os.path.dirname(directory))
        if board in ("obj", "gen"):
            continue
        elves = [e for e in sorted(glob.glob(os.path.join(directory, "*.elf"))) if os.path.basename(e) not in SKIPPED]
        if elves:
            target = target_arguments(armsim, board)
            cases += [(elf, target) for elf in elves]
            cases += [(elf, target + ["--profile"]) for elf in elves]
    if not cases:
        print("no firmware builds found (make -C firmware)", file=sys.stderr)
        return 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
        results = list(pool.map(lambda case: compare(armsim, *case), cases))
    for _, line in results:
        print(line)
    different = sum(1 for same, _ in results if not same)
    print(f"{len(results) - different} same, {different} different")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
