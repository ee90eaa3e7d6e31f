#!/usr/bin/env python3
"""Differential instruction testing of armsim against Unicorn (docs/difftest.md).

For each instruction class: generate seeded random cases (generate.py), run them in
batches through `armsim difftest-exec` and through Unicorn (unicorn_runner.py), and
compare every register, the APSR flags and all changed SRAM words. A divergence whose
body contains an instruction listed in known_oracle_bugs.md is counted as skipped (the
oracle is known to be wrong there); any other divergence is printed with its first
diverging instruction (found by re-running the case cut short after each instruction),
the objdump disassembly and a one-line reproducer. The last line is
`N passed, M failed, K skipped`.

    python3 difftest.py --armsim .build/release/armsim --instructions 1000000
    python3 difftest.py --classes v6m-alu --seed 7 --instructions 20000 --jobs 2
"""
import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cases as fmt  # noqa: E402
import generate  # noqa: E402

BATCH = 2000
#: Flag bits compared: N Z C V on ARMv6-M; N Z C V Q and GE[3:0] with the DSP extension.
APSR_MASK = {"m0": 0xF0000000, "m0plus": 0xF0000000, "m4": 0xF80F0000}


# ---------------------------------------------------------------------------------------
# Known oracle bugs
# ---------------------------------------------------------------------------------------

class OracleBug:
    """One row of known_oracle_bugs.md: a case is affected when its body holds, for every
    (mask, value) pair of the row, an instruction matching it (16- or 32-bit; a 32-bit
    encoding is written with its first halfword in the high half) and the core is one of
    `cores`. Most rows have one pair; a row with two needs both instructions (e.g. a write
    that is only visible through a later read)."""

    def __init__(self, identifier, cores, width, patterns, summary):
        self.identifier = identifier
        self.cores = cores
        self.width = width
        self.patterns = patterns
        self.summary = summary

    def matches_encoding(self, halfwords, mask, value):
        if self.width == 16:
            return len(halfwords) == 1 and halfwords[0] & mask == value
        return len(halfwords) == 2 and (halfwords[0] << 16 | halfwords[1]) & mask == value

    def affects(self, core, instructions):
        if core not in self.cores:
            return False
        return all(any(self.matches_encoding(halfwords, mask, value) for _, halfwords in instructions)
                   for mask, value in self.patterns)


ROW = re.compile(r"^\|\s*(OB-\d+)\s*\|\s*([\w,+]+)\s*\|\s*(16|32)\s*\|([^|]*)\|([^|]*)\|\s*(.*?)\s*\|")


def load_oracle_bugs(path=os.path.join(HERE, "known_oracle_bugs.md")):
    """Parses the pattern table of known_oracle_bugs.md (the rows starting `| OB-`); the
    mask and value cells hold one hex number each, or several joined by `&`."""
    bugs = []
    with open(path) as source:
        for line in source:
            match = ROW.match(line)
            if match:
                masks = [int(x.strip().strip("`"), 16) for x in match.group(4).split("&")]
                values = [int(x.strip().strip("`"), 16) for x in match.group(5).split("&")]
                assert len(masks) == len(values), line
                bugs.append(OracleBug(match.group(1), match.group(2).split(","), int(match.group(3)),
                                      list(zip(masks, values)), match.group(6)))
    return bugs


def body_instructions(case):
    """(address, halfwords) of each instruction in the body up to its final BKPT."""
    code = case.code
    result = []
    offset = 0
    while fmt.BODY_ADDRESS + offset < case.end:
        first = int.from_bytes(code[offset:offset + 2], "little")
        if first >> 11 in (0b11101, 0b11110, 0b11111):
            second = int.from_bytes(code[offset + 2:offset + 4], "little")
            result.append((fmt.BODY_ADDRESS + offset, [first, second]))
            offset += 4
        else:
            result.append((fmt.BODY_ADDRESS + offset, [first]))
            offset += 2
    return result


def matching_oracle_bugs(case, bugs):
    instructions = body_instructions(case)
    return [bug for bug in bugs if bug.affects(case.core, instructions)]


# ---------------------------------------------------------------------------------------
# Running and comparing
# ---------------------------------------------------------------------------------------

def run_armsim(armsim, case_list):
    with tempfile.NamedTemporaryFile("w", suffix=".cases", delete=False) as handle:
        for case in case_list:
            handle.write(case.line() + "\n")
        path = handle.name
    try:
        completed = subprocess.run([armsim, "difftest-exec", path], capture_output=True, text=True, check=False)
    finally:
        os.unlink(path)
    if completed.returncode != 0:
        sys.exit("difftest: armsim difftest-exec failed (%d): %s" % (completed.returncode, completed.stderr.strip()))
    results = {}
    for line in completed.stdout.splitlines():
        result = fmt.Result.parse(line)
        results[result.name] = result
    return results


def differences(case, mine, oracle, must_reach_end=True):
    """What differs between armsim's result and the oracle's, as readable strings. Both
    must stop at the body's final BKPT, unless `must_reach_end` is false (a cut-short
    prefix, which a branch may jump over)."""
    found = []
    expected_stop = "bkpt:%x:0" % case.end
    if mine.stop != oracle.stop or (must_reach_end and mine.stop != expected_stop):
        if mine.stop != oracle.stop:
            found.append("stop: armsim %s, unicorn %s" % (mine.stop, oracle.stop))
        else:
            found.append("both stopped at %s, not at the final BKPT" % mine.stop)
    names = ["r%d" % i for i in range(13)] + ["sp", "lr", "pc"]
    for name, a, b in zip(names, mine.regs, oracle.regs):
        if a != b:
            found.append("%s: armsim %08x, unicorn %08x" % (name, a, b))
    mask = APSR_MASK[case.core]
    if (mine.xpsr ^ oracle.xpsr) & mask:
        found.append("apsr: armsim %08x, unicorn %08x" % (mine.xpsr & mask, oracle.xpsr & mask))
    if case.fpscr is not None and (mine.fpscr is None or oracle.fpscr is None):
        found.append("fpscr/s missing: armsim %s, unicorn %s" % (mine.fpscr is not None, oracle.fpscr is not None))
    if mine.fpscr is not None and oracle.fpscr is not None and mine.fpscr != oracle.fpscr:
        found.append("fpscr: armsim %08x, unicorn %08x" % (mine.fpscr, oracle.fpscr))
    if mine.singles is not None and oracle.singles is not None:
        for index, (a, b) in enumerate(zip(mine.singles, oracle.singles)):
            if a != b:
                found.append("s%d: armsim %08x, unicorn %08x" % (index, a, b))
    for address in sorted(set(mine.mem) | set(oracle.mem)):
        a, b = mine.mem.get(address), oracle.mem.get(address)
        if a != b:
            show = lambda word: "unchanged" if word is None else "%08x" % word
            found.append("mem[%08x]: armsim %s, unicorn %s" % (address, show(a), show(b)))
    return found


def truncated(case, address):
    """The case with a `BKPT #0` in place of the instruction at `address`."""
    code = bytearray(case.code)
    offset = address - fmt.BODY_ADDRESS
    code[offset:offset + 2] = (0xBE00).to_bytes(2, "little")
    return fmt.Case("%s@%x" % (case.name, address), case.core, code, case.regs, case.apsr, address,
                    case.fills, case.blocks, case.fpscr, case.singles)


def first_divergence(armsim, runner, case):
    """The first instruction after which the two simulators disagree, found by running
    every prefix of the body (each ends in a BKPT put where the next instruction was)."""
    instructions = body_instructions(case)
    prefixes = [truncated(case, address) for address, _ in instructions[1:]]
    if not prefixes:
        return instructions[0] if instructions else None
    mine = run_armsim(armsim, prefixes)
    for (address, halfwords), prefix in zip(instructions, prefixes):
        if mine[prefix.name].stop != "bkpt:%x:0" % prefix.end:
            continue  # a branch jumped over the cut: this prefix tells nothing
        oracle = runner.run(prefix)
        if differences(prefix, mine[prefix.name], oracle, must_reach_end=False):
            return address, halfwords
    return instructions[-1]


def disassemble(case, highlight=None):
    """objdump's disassembly of the body (up to the final BKPT), `highlight` marked."""
    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as handle:
        handle.write(case.code[:case.end - fmt.BODY_ADDRESS + 2])
        path = handle.name
    try:
        completed = subprocess.run(
            ["arm-none-eabi-objdump", "-D", "-b", "binary", "-marm", "-Mforce-thumb",
             "--adjust-vma=0x%x" % fmt.BODY_ADDRESS, path], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return "    (arm-none-eabi-objdump not found)"
    finally:
        os.unlink(path)
    lines = []
    for line in completed.stdout.splitlines():
        match = re.match(r"\s*([0-9a-f]+):\s", line)
        if match:
            mark = "=> " if highlight is not None and int(match.group(1), 16) == highlight else "   "
            lines.append(mark + line.strip())
    return "\n".join(lines)


def run_class(job):
    """Runs one class (in a worker process). Returns counts and divergence reports."""
    class_name, seed, instructions, armsim, max_reports, core = job
    from unicorn_runner import UnicornRunner
    runner = UnicornRunner()
    bugs = load_oracle_bugs()
    executed = passed = failed = skipped = 0
    skipped_by = {}
    reports = []
    index = 0
    started = time.time()
    while executed < instructions:
        batch = [generate.generate_case(class_name, seed, index + k) for k in range(BATCH)]
        if core:
            for case in batch:
                case.core = core
        index += BATCH
        mine = run_armsim(armsim, batch)
        for case in batch:
            result = mine[case.name]
            oracle = runner.run(case)
            executed += max(result.count, 0)
            found = differences(case, result, oracle)
            if not found:
                passed += 1
                continue
            known = matching_oracle_bugs(case, bugs)
            if known:
                skipped += 1
                for bug in known:
                    skipped_by[bug.identifier] = skipped_by.get(bug.identifier, 0) + 1
                continue
            failed += 1
            if len(reports) < max_reports:
                at = first_divergence(armsim, runner, case)
                text = "FAIL %s\n" % case.name
                if at is not None:
                    address, halfwords = at
                    text += "  first divergence after the instruction at %08x (%s)\n" % (
                        address, " ".join("%04x" % h for h in halfwords))
                text += "".join("  %s\n" % line for line in found)
                text += disassemble(case, at[0] if at else None) + "\n"
                text += "  reproducer (armsim difftest-exec FILE / unicorn_runner.py FILE):\n  %s\n" % case.line()
                reports.append(text)
            if executed >= instructions:
                break
    return {"class": class_name, "cases": passed + failed + skipped, "instructions": executed,
            "passed": passed, "failed": failed, "skipped": skipped, "skipped_by": skipped_by,
            "reports": reports, "seconds": time.time() - started}


def main(argv):
    parser = argparse.ArgumentParser(description="Differential testing of armsim against Unicorn.")
    parser.add_argument("--armsim", default=os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(HERE))),
                                                         ".build", "release", "armsim"))
    parser.add_argument("--classes", default="v6m", help="comma-separated class names or prefixes (default: v6m)")
    parser.add_argument("--instructions", type=int, default=1_000_000, help="executed instructions per class")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--max-reports", type=int, default=5, help="divergences printed per class")
    parser.add_argument("--core", choices=["m0", "m0plus", "m4"],
                        help="run every class on this core instead of its own (e.g. the ARMv6-M classes on the M4)")
    parser.add_argument("--list", action="store_true", help="list the classes and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(sorted(generate.CLASSES)))
        return 0
    wanted = []
    for item in args.classes.split(","):
        wanted += [name for name in generate.CLASSES if name == item or name.startswith(item + "-")
                   or (item.endswith("-") and name.startswith(item))]
    if not wanted:
        parser.error("no class matches %s (see --list)" % args.classes)
    if not os.access(args.armsim, os.X_OK):
        parser.error("armsim not found at %s (build it first)" % args.armsim)
    jobs = [(name, args.seed, args.instructions, args.armsim, args.max_reports, args.core) for name in wanted]
    started = time.time()
    if args.jobs > 1 and len(jobs) > 1:
        with multiprocessing.Pool(min(args.jobs, len(jobs))) as pool:
            outcomes = pool.map(run_class, jobs, chunksize=1)
    else:
        outcomes = [run_class(job) for job in jobs]
    passed = failed = skipped = 0
    for outcome in outcomes:
        for report in outcome["reports"]:
            print(report)
    print("%-16s %8s %11s %8s %7s %7s %7s" % ("class", "cases", "instr", "passed", "failed", "skipped", "sec"))
    for outcome in outcomes:
        print("%-16s %8d %11d %8d %7d %7d %7.1f%s" % (
            outcome["class"], outcome["cases"], outcome["instructions"], outcome["passed"], outcome["failed"],
            outcome["skipped"], outcome["seconds"],
            "  (" + ", ".join("%s: %d" % item for item in sorted(outcome["skipped_by"].items())) + ")"
            if outcome["skipped_by"] else ""))
        passed += outcome["passed"]
        failed += outcome["failed"]
        skipped += outcome["skipped"]
    print("total %.1f s, seed %d%s" % (time.time() - started, args.seed, ", core " + args.core if args.core else ""))
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
