#!/usr/bin/env python3
"""Run every firmware program on a simulator and compare with the references.

For each (board, program) case: run the ELF, compare stdout byte for byte with
the stdout of reference/<program>.py, and compare the exit status with the
expected one. Prints one "PASS name board" / "FAIL name board" line per case
(with a diff or the status mismatch on failure), then "N passed, M failed".
Exits 1 if any case failed.

Runners:
  armsim (default)  {armsim} run ELF --board BOARD --quiet
                    (generic-m0 / generic-m0plus use --core m0 / --core m0plus)
  qemu              M0 programs: microbit-v1 builds under qemu-system-arm -M microbit;
                    M4 programs: mps2-an386 builds under -M mps2-an386 (a
                    Cortex-M4 machine; the memory map of ld/memory-mps2-an386.ld);
                    semihosting routed to stdout; for cross-checking.

Cores: --cores m0,m0plus,m4 (default: all) keeps only the boards of those
cores; `make check` passes CHECK_CORES (m0,m0plus until armsim runs the M4).

Examples:
  python3 firmware/tools/check_outputs.py
  python3 firmware/tools/check_outputs.py --runner qemu
  python3 firmware/tools/check_outputs.py --boards pico --programs hello,exceptions
  python3 firmware/tools/check_outputs.py --command '{armsim} run {elf} {target} --quiet'
"""
import argparse
import difflib
import os
import shlex
import subprocess
import sys

FIRMWARE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(FIRMWARE)

# board -> armsim target arguments
BOARDS = {
    "microbit-v1": ["--board", "microbit-v1"],
    "nano33iot": ["--board", "nano33iot"],
    "pico": ["--board", "pico"],
    "nucleo-g0b1re": ["--board", "nucleo-g0b1re"],
    "nucleo-f072rb": ["--board", "nucleo-f072rb"],
    "generic-m0": ["--core", "m0"],
    "generic-m0plus": ["--core", "m0plus"],
    "nano33": ["--board", "nano33"],
    "disco-f407": ["--board", "disco-f407"],
    "nucleo-l4r5zi": ["--board", "nucleo-l4r5zi"],
    "generic-m4": ["--core", "m4"],
}

# board -> core (for --cores). mps2-an386 is QEMU's M4 machine, used only by --runner qemu.
CORES = {
    "microbit-v1": "m0", "nucleo-f072rb": "m0", "generic-m0": "m0",
    "nano33iot": "m0plus", "pico": "m0plus", "nucleo-g0b1re": "m0plus", "generic-m0plus": "m0plus",
    "nano33": "m4", "disco-f407": "m4", "nucleo-l4r5zi": "m4", "generic-m4": "m4",
    "mps2-an386": "m4",
}
# Cases where QEMU itself is known to differ from the architecture (see README,
# "Cortex-M4 on QEMU"): reported as XFAIL, not counted as failures.
QEMU_KNOWN_DIFFERENCES = {
    ("exceptions_m4", "mps2-an386"): "QEMU 7.2 has no DWT cycle counter (CYCCNT reads 0)",
}
QEMU_MACHINES = {"m0": ("microbit", "microbit-v1"), "m4": ("mps2-an386", "mps2-an386")}

# program -> (reference script, expected exit status; None = the fault status option)
PROGRAMS = {
    "hello": ("hello.py", 0),
    "exitcode": ("exitcode.py", 3),
    "torture_v6m": ("torture_v6m.py", 0),
    "exceptions": ("exceptions.py", 0),
    "bench-small": ("bench.py", 0),
    "bench": ("bench.py", 0),
    "bench-long": ("bench.py", 0),
    "bigimage": ("bigimage.py", 0),
    "fault": ("fault.py", None),
    "torture_t2": ("torture_t2.py", 0),
    "torture_dsp": ("torture_dsp.py", 0),
    "torture_fpu": ("torture_fpu.py", 0),
    "torture_fpu_softfp": ("torture_fpu.py", 0),
    "exceptions_m4": ("exceptions_m4.py", 0),
    # Neural-network programs (src/nn_main.c, src/digits_*.c); the script takes arguments.
    "digits": ("nn_digits.py --variant int8", 0),
    "digits_pruned": ("nn_digits.py --variant pruned", 0),
    "digits_float": ("nn_digits.py --variant float", 0),
    "kws": ("nn_model.py --model kws", 0),
    "vww": ("nn_model.py --model vww", 0),
    "ic": ("nn_model.py --model ic", 0),
    "ad": ("nn_model.py --model ad", 0),
}
# The NN programs are built (Makefile NN_BOARDS) and run only on boards with room for
# the largest model: pico (Cortex-M0+), nano33 (Cortex-M4) and QEMU's mps2-an386.
NN_BOARDS = ("pico", "nano33", "mps2-an386")
NN_PROGRAMS = ["digits", "digits_pruned", "digits_float", "kws", "vww", "ic", "ad"]
# The Cortex-M4 build of `fault` has its own source and reference (LDRD, not LDR).
PROGRAM_OVERRIDES = {("fault", "m4"): ("fault_m4.py", None)}
# Programs built only for some boards (Makefile BENCH_LONG_BOARDS, BIG_IMAGE_BOARDS).
# bench-long (the CPU loop of `make bench`, seconds per run) runs only with --with-bench.
BENCH_LONG_BOARDS = ("microbit-v1", "mps2-an386")
BIG_IMAGE_BOARDS = ("nucleo-l4r5zi",)
DEFAULT_PROGRAMS = {
    "m0": ["hello", "exitcode", "torture_v6m", "exceptions", "bench-small", "fault"],
    "m4": ["hello", "exitcode", "bench-small", "fault", "torture_t2", "torture_dsp", "torture_fpu",
           "torture_fpu_softfp", "exceptions_m4"],
}

QEMU_COMMAND = (
    "qemu-system-arm -M {machine} -nographic -monitor none -serial none "
    "-chardev stdio,id=sh0 -semihosting-config enable=on,target=native,chardev=sh0 "
    "-kernel {elf}"
)
ARMSIM_COMMAND = "{armsim} run {elf} {target} --quiet"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runner", choices=["armsim", "qemu"], default="armsim")
    parser.add_argument("--armsim", default=os.path.join(REPO, ".build", "release", "armsim"),
                        help="simulator executable (default: .build/release/armsim)")
    parser.add_argument("--command", help="command template with {armsim}, {elf}, {board}, {target}")
    parser.add_argument("--build-dir", default=os.path.join(FIRMWARE, "build"))
    parser.add_argument("--boards", help="comma-separated subset of: " + ",".join(BOARDS)
                        + " (and mps2-an386 with --runner qemu)")
    parser.add_argument("--programs", help="comma-separated subset of: " + ",".join(PROGRAMS)
                        + " (default: all but bench and bench-long)")
    parser.add_argument("--cores", default="m0,m0plus,m4",
                        help="comma-separated cores whose boards run (default: m0,m0plus,m4)")
    parser.add_argument("--with-bench", action="store_true",
                        help="also run the full-size bench (and bench-long where it is built)")
    parser.add_argument("--fault-status", type=int, default=70,
                        help="expected exit status of the fault program (default 70, armsim's;"
                             " QEMU gives 1)")
    parser.add_argument("--bench-iterations", type=int, default=3000)
    parser.add_argument("--bench-small-iterations", type=int, default=8)
    parser.add_argument("--bench-long-iterations", type=int, default=30000)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    return parser.parse_args()


def family(board):
    return "m4" if CORES[board] == "m4" else "m0"


def board_programs(board):
    return (DEFAULT_PROGRAMS[family(board)] + (NN_PROGRAMS if board in NN_BOARDS else [])
            + (["bigimage"] if board in BIG_IMAGE_BOARDS else []))


def bench_programs(board):
    """The full-size benchmarks built for a board (--with-bench)."""
    return ["bench"] + (["bench-long"] if board in BENCH_LONG_BOARDS else [])


def program_entry(program, board):
    return PROGRAM_OVERRIDES.get((program, family(board)), PROGRAMS[program])


def reference_output(program, board, args, cache):
    script, _ = program_entry(program, board)
    script, *script_args = shlex.split(script)
    command = [sys.executable, os.path.join(FIRMWARE, "reference", script)] + script_args
    if program == "bench":
        command += ["--iterations", str(args.bench_iterations)]
    elif program == "bench-small":
        command += ["--iterations", str(args.bench_small_iterations)]
    elif program == "bench-long":
        command += ["--iterations", str(args.bench_long_iterations)]
    key = tuple(command)
    if key not in cache:
        cache[key] = subprocess.run(command, check=True, stdout=subprocess.PIPE).stdout
    return cache[key]


def simulator_command(args, board, elf):
    if args.command:
        template = args.command
    elif args.runner == "qemu":
        template = QEMU_COMMAND
    else:
        template = ARMSIM_COMMAND
    target = " ".join(shlex.quote(a) for a in BOARDS.get(board, []))
    machine = QEMU_MACHINES[family(board)][0]
    return shlex.split(template.format(armsim=shlex.quote(args.armsim), elf=shlex.quote(elf),
                                       board=board, target=target, machine=machine))


def run_case(args, board, program, cache):
    """Returns (passed, report lines)."""
    elf = os.path.join(args.build_dir, board, program + ".elf")
    if not os.path.exists(elf):
        return False, ["  missing %s (run make -C firmware)" % elf]
    expected_out = reference_output(program, board, args, cache)
    expected_status = program_entry(program, board)[1]
    if expected_status is None:
        expected_status = args.fault_status
    command = simulator_command(args, board, elf)
    try:
        result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=args.timeout, cwd=REPO)
    except subprocess.TimeoutExpired:
        return False, ["  timed out after %gs: %s" % (args.timeout, shlex.join(command))]
    except OSError as error:
        return False, ["  cannot run %s: %s" % (command[0], error)]

    report = []
    if result.stdout != expected_out:
        expected_lines = expected_out.decode("utf-8", "replace").splitlines(keepends=True)
        actual_lines = result.stdout.decode("utf-8", "replace").splitlines(keepends=True)
        diff = difflib.unified_diff(expected_lines, actual_lines, "expected", "actual")
        report += ["  " + line.rstrip("\n") for line in diff]
        if not report:
            report.append("  stdout differs only in bytes not shown by a line diff")
    if result.returncode != expected_status:
        report.append("  exit status %d, expected %d" % (result.returncode, expected_status))
    if report:
        report.insert(0, "  command: " + shlex.join(command))
        stderr = result.stderr.decode("utf-8", "replace").strip()
        if stderr:
            report += ["  stderr: " + line for line in stderr.splitlines()[-10:]]
    return not report, report


def main():
    args = parse_arguments()
    cores = args.cores.split(",")
    for core in cores:
        if core not in ("m0", "m0plus", "m4"):
            sys.exit("unknown core %s" % core)
    if args.runner == "qemu" and not args.boards:
        boards = [QEMU_MACHINES[f][1] for f in ("m0", "m4")
                  if any(c in cores for c in (["m0", "m0plus"] if f == "m0" else ["m4"]))]
    else:
        boards = args.boards.split(",") if args.boards else [b for b in BOARDS if CORES[b] in cores]
    for name in boards:
        if name not in CORES or (name not in BOARDS and args.runner != "qemu"):
            sys.exit("unknown board %s" % name)
    if args.programs:
        requested = args.programs.split(",")
        for name in requested:
            if name not in PROGRAMS:
                sys.exit("unknown program %s" % name)

    cache = {}
    passed = failed = 0
    for board in boards:
        if args.programs:
            programs = [p for p in requested if p in board_programs(board) + bench_programs(board)]
        else:
            programs = board_programs(board) + (bench_programs(board) if args.with_bench else [])
        for program in programs:
            ok, report = run_case(args, board, program, cache)
            known = args.runner == "qemu" and QEMU_KNOWN_DIFFERENCES.get((program, board))
            if known and not ok:
                print("XFAIL %s %s (%s)" % (program, board, known))
                for line in report:
                    print(line)
                continue
            print("%s %s %s" % ("PASS" if ok else "FAIL", program, board))
            for line in report:
                print(line)
            sys.stdout.flush()
            if ok:
                passed += 1
            else:
                failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
