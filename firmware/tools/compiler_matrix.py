#!/usr/bin/env python3
"""Build the test programs with other compilers and flags, and run each on armsim and QEMU.

The shipped firmware is built with arm-none-eabi-gcc -O2. Users' firmware is not: this
builds the same sources with clang (the one in the Swift toolchain, --target
thumbv6m-none-eabi / thumbv7em-none-eabihf, with GCC's short enums) at -O0, -Os, -O2
and -O3, and with gcc at -O0, -Os and -O3, for QEMU's two machines: microbit-v1
(Cortex-M0) and mps2-an386 (Cortex-M4 with FPU). Assembly files, the C library (newlib
nano) and the link are arm-none-eabi-gcc's in every variant; the C++ program
(cxx_features) is built with arm-none-eabi-g++, in the gcc variants only. Each ELF then
runs on armsim (--board) and on qemu-system-arm (the command of check_outputs.py); a
case passes when both exit 0 and print the same bytes.

The programs need the generated headers of `make -C firmware` (build/gen). ELFs go to
firmware/build/compilers/<variant>/<board>/<program>.elf. Prints one PASS/FAIL line per
case, then "N passed, M failed"; exits 1 if a case failed or did not build.

Examples:
  python3 firmware/tools/compiler_matrix.py
  python3 firmware/tools/compiler_matrix.py --variants clang-O0,gcc-O3 --programs bench
"""
import argparse
import concurrent.futures
import os
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_outputs import FIRMWARE, QEMU_COMMAND, REPO  # noqa: E402

NEWLIB_INCLUDE = "/usr/lib/arm-none-eabi/include"
VARIANTS = {
    "clang-O0": ("clang", "-O0"), "clang-Os": ("clang", "-Os"), "clang-O2": ("clang", "-O2"),
    "clang-O3": ("clang", "-O3"), "gcc-O0": ("gcc", "-O0"), "gcc-Os": ("gcc", "-Os"),
    "gcc-O3": ("gcc", "-O3"),
}
# board -> (QEMU machine, gcc architecture flags, clang target flags, startup file, defines)
BOARDS = {
    "microbit-v1": ("microbit", ["-mcpu=cortex-m0"], ["--target=thumbv6m-none-eabi", "-mcpu=cortex-m0"],
                    "common/startup_cm0.c", ["-DBOARD_microbit_v1=1", "-DARMSIM_MARKERS=0"]),
    "mps2-an386": ("mps2-an386", ["-mcpu=cortex-m4", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"],
                   ["--target=thumbv7em-none-eabihf", "-mcpu=cortex-m4", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"],
                   "common/startup_cm4.c", ["-DPRIO_BITS=8", "-DBOARD_mps2_an386=1", "-DARMSIM_MARKERS=0"]),
}
# program -> (sources, extra defines, boards); the sources of the Makefile's SRCS_ rules.
NN = ["nn/nn_kernels.c"]
PROGRAMS = {
    "hello": (["src/hello.c"], [], BOARDS.keys()),
    "bench": (["src/bench.c"], ["-DITERATIONS=300"], BOARDS.keys()),
    "torture_v6m": (["src/torture_v6m.c", "src/torture_v6m_asm.S"], [], ["microbit-v1"]),
    "exceptions": (["src/exceptions.c", "src/exceptions_asm.S"], [], ["microbit-v1"]),
    "torture_t2": (["src/torture_t2.c", "src/torture_t2_asm.S"], [], ["mps2-an386"]),
    "torture_dsp": (["src/torture_dsp.c", "src/torture_dsp_asm.S"], [], ["mps2-an386"]),
    "torture_fpu": (["src/torture_fpu.c", "src/torture_fpu_asm.S"], [], ["mps2-an386"]),
    "digits": (["src/digits_main.c"] + NN + ["build/gen/nn/digits_model.c", "models/digits_testset.c"],
               ["-DNN_MODEL=digits_model"], BOARDS.keys()),
    "digits_float": (["src/digits_float.c", "nn/nn_f32.c", "models/digits_float_weights.c",
                      "models/digits_testset.c"], [], BOARDS.keys()),
    "kws": (["src/nn_main.c"] + NN + ["build/gen/nn/kws_model.c"], ["-DNN_MODEL=kws_model"], ["mps2-an386"]),
    "cxx_features": (["src/cxx_features.cpp"], [], BOARDS.keys()),
}
# C++ sources are built with arm-none-eabi-g++ only: clang has no C++ library for
# this target here (newlib's libstdc++ is gcc's).
CXX_COMPILERS = ("gcc",)
INCLUDES = ["-Icommon", "-Iinclude", "-Inn", "-Ibuild/gen", "-Ibuild/gen/nn"]
COMMON = ["-mthumb", "-g", "-ffunction-sections", "-fdata-sections", "-w"]
STANDARD = {".c": "-std=c11", ".S": "-std=c11", ".cpp": "-std=c++17"}
LINK = ["-mthumb", "-nostartfiles", "--specs=nano.specs", "--specs=rdimon.specs", "-Wl,--gc-sections", "-Lld"]


def default_clang():
    """clang on PATH, else the one installed next to swift (the Swift toolchain ships it)."""
    found = shutil.which("clang")
    if found:
        return found
    swift = shutil.which("swift")
    beside = os.path.join(os.path.dirname(os.path.realpath(swift)), "clang") if swift else ""
    return beside if os.path.exists(beside) else "clang"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--armsim", default=os.path.join(REPO, ".build", "release", "armsim"))
    parser.add_argument("--clang", default=default_clang(), help="default: clang on PATH, else the Swift toolchain's")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, of: " + ", ".join(VARIANTS))
    parser.add_argument("--programs", default=",".join(PROGRAMS), help="comma-separated, of: " + ", ".join(PROGRAMS))
    parser.add_argument("--build-dir", default=os.path.join(FIRMWARE, "build", "compilers"))
    parser.add_argument("--jobs", type=int, default=2)
    return parser.parse_args()


def build(args, variant, board, program):
    """Returns (ELF path, None) or (None, the failing command and its output)."""
    compiler, level = VARIANTS[variant]
    machine, gcc_arch, clang_target, startup, board_defines = BOARDS[board]
    sources, defines, _ = PROGRAMS[program]
    directory = os.path.join(args.build_dir, variant, board, program)
    os.makedirs(directory, exist_ok=True)
    objects = []
    for source in sources + [startup]:
        stem, extension = os.path.splitext(os.path.basename(source))
        obj = os.path.join(directory, stem + ".o")
        if compiler == "clang" and extension == ".c":
            command = [args.clang] + clang_target + ["-fshort-enums", "-isystem", NEWLIB_INCLUDE]
        else:
            command = ["arm-none-eabi-g++" if extension == ".cpp" else "arm-none-eabi-gcc"] + gcc_arch
        command += COMMON + [STANDARD[extension], level] + INCLUDES + board_defines + defines + ["-c", "-o", obj, source]
        objects.append(obj)
        result = subprocess.run(command, cwd=FIRMWARE, capture_output=True, text=True)
        if result.returncode != 0:
            return None, shlex.join(command) + "\n" + result.stdout + result.stderr
    elf = os.path.join(args.build_dir, variant, board, program + ".elf")
    linker = "arm-none-eabi-g++" if any(source.endswith(".cpp") for source in sources) else "arm-none-eabi-gcc"
    command = [linker] + gcc_arch + LINK + ["-T", "memory-%s.ld" % board, "-o", elf] + objects
    result = subprocess.run(command, cwd=FIRMWARE, capture_output=True, text=True)
    if result.returncode != 0:
        return None, shlex.join(command) + "\n" + result.stdout + result.stderr
    return elf, None


def run(command):
    try:
        result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
        return result.returncode, result.stdout, result.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""


def check(args, variant, board, program):
    """Returns (passed, report lines)."""
    name = "%s %s %s" % (program, board, variant)
    elf, error = build(args, variant, board, program)
    if elf is None:
        return False, ["FAIL %s: does not build" % name, error.rstrip()]
    armsim = run([args.armsim, "run", elf, "--board", board, "--quiet"])
    qemu = run(shlex.split(QEMU_COMMAND.format(machine=BOARDS[board][0], elf=shlex.quote(elf))))
    if armsim[0] == 0 and qemu[0] == 0 and armsim[1] == qemu[1]:
        return True, ["PASS %s" % name]
    lines = ["FAIL %s: armsim exit %s, QEMU exit %s" % (name, armsim[0], qemu[0])]
    ours, theirs = armsim[1].decode(errors="replace").splitlines(), qemu[1].decode(errors="replace").splitlines()
    for index in range(max(len(ours), len(theirs))):
        mine = ours[index] if index < len(ours) else "(end)"
        other = theirs[index] if index < len(theirs) else "(end)"
        if mine != other:
            lines.append("  line %d: armsim %r, QEMU %r" % (index + 1, mine, other))
            break
    if armsim[2]:
        lines.append("  armsim: " + armsim[2].decode(errors="replace").strip().splitlines()[-1])
    return False, lines


def main():
    args = parse_arguments()
    try:
        probe = subprocess.run([args.clang, "--print-targets"], capture_output=True, text=True)
    except OSError as error:
        sys.exit("compiler_matrix: cannot run %s: %s (give one with --clang)" % (args.clang, error))
    if probe.returncode != 0 or "thumb" not in probe.stdout:
        sys.exit("compiler_matrix: %s cannot target Thumb (clang --print-targets)" % args.clang)
    cases = [(variant, board, program)
             for variant in args.variants.split(",")
             for program in args.programs.split(",")
             for board in BOARDS if board in PROGRAMS[program][2]
             if VARIANTS[variant][0] in CXX_COMPILERS or not any(s.endswith(".cpp") for s in PROGRAMS[program][0])]
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for ok, lines in pool.map(lambda case: check(args, *case), cases):
            print("\n".join(lines), flush=True)
            passed, failed = passed + ok, failed + (not ok)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
