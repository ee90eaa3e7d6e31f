#!/usr/bin/env python3
"""make bench: armsim's speed, start-up and memory, side by side with QEMU.

Cases (ELFs under firmware/build/, built by `make -C firmware`):

  M0 bench loop   microbit-v1/bench-long.elf   armsim --board microbit-v1   qemu -M microbit
  M4 bench loop   mps2-an386/bench-long.elf    armsim --core m4 (*)         qemu -M mps2-an386
  M4 --profile    the same ELF and target with armsim --profile (per-function attribution)
  kws int8 (M4)   mps2-an386/kws.elf           armsim --core m4 (*)         qemu -M mps2-an386
  1 MiB image     nucleo-l4r5zi/bigimage.elf   armsim --board nucleo-l4r5zi (peak RSS)
  start-up        microbit-v1/hello.elf        armsim --board microbit-v1   qemu -M microbit

  (*) `--board mps2-an386` if `armsim boards` lists it. Otherwise the generic Cortex-M4
  (flash at 0x0, SRAM at 0x20000000, as QEMU's mps2-an386): the ELF's initial SP
  (0x20400000, top of the machine's 4 MiB SRAM) lies outside armsim's 256 KiB, so armsim
  starts at the ELF entry point (the reset handler) with SP at the top of its SRAM. The
  program executes the same instructions either way.

Every case runs --runs times (default 5, at least 3) and the figure is the median. The
variants of a case interleave (armsim, armsim --profile, QEMU TCG, QEMU icount, armsim,
...), so a change in the load of a shared machine hits them alike; the --profile slowdown
is the median of the per-run ratios to the plain run next to it. Host time is the wall
time of the whole process (fork, exec, loading, start-up and exit included), so MIPS are
conservative for short runs:

  MIPS        simulated instructions / host seconds
  sim MHz     simulated cycles / host seconds (armsim counts cycles; QEMU does not)
  peak RSS    the largest ru_maxrss (os.wait4) over the runs
  QEMU MIPS   armsim's instruction count for the same ELF / QEMU's host seconds. QEMU
              counts no instructions; the programs are deterministic, so the count is the
              same program's (QEMU -singlestep -d exec,nochain agrees within a few
              instructions: semihosting calls). Two QEMU modes: plain TCG, and
              `-icount shift=0` (one virtual ns per instruction, what a cycle-aware user
              of QEMU would run).
  ratio       armsim MIPS / QEMU MIPS (> 1: armsim is faster); for start-up, QEMU
              seconds / armsim seconds.

QEMU is invoked as the cross-check does (check_outputs.QEMU_COMMAND: -nographic,
semihosting to stdout, -kernel ELF). Checks: every run exits 0; within a case every run
gives the same instruction and cycle counts (--profile too) and the same stdout, and
QEMU's stdout equals armsim's. A failed check exits 1.

Targets (issue "Speed"): >= 500 MIPS on the M4 bench loop with cycle counting on;
--profile within 2x of that; start-up < 50 ms; peak RSS < 64 MiB for the 1 MiB image; and,
for the measurement itself, >= 1 s of host time per bench-loop run (raise
BENCH_LONG_ITERATIONS otherwise). A missed target is reported (FAIL) but the exit status
stays 0 unless --strict (then 2).

It also prints, for the two loops and kws, the host instructions per simulated
instruction (valgrind's cachegrind, the Ir difference between a 2 M- and a 12 M-cycle
run over the instruction difference): the one figure here that does not move with the
load of a shared host, for comparing two builds (--no-cachegrind leaves it out).

    python3 firmware/tools/bench.py [--armsim PATH] [--runs 5] [--startup-runs 20]
                                    [--json OUT] [--strict] [--no-qemu] [--no-cachegrind]
"""
import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIRMWARE = os.path.dirname(HERE)
REPO = os.path.dirname(FIRMWARE)
sys.path.insert(0, HERE)
from check_outputs import QEMU_COMMAND  # noqa: E402  (the cross-check's QEMU invocation)

# Targets of the "Speed" issue.
TARGET_M4_MIPS = 500.0
TARGET_PROFILE_SLOWDOWN = 2.0
TARGET_STARTUP_MS = 50.0
TARGET_RSS_MIB = 64.0
MIN_LOOP_SECONDS = 1.0

M4_QEMU_BOARD = "mps2-an386"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--armsim", default=os.path.join(REPO, ".build", "release", "armsim"))
    parser.add_argument("--qemu", default="qemu-system-arm", help="QEMU executable (default: qemu-system-arm)")
    parser.add_argument("--no-qemu", action="store_true", help="leave QEMU out")
    parser.add_argument("--build-dir", default=os.path.join(FIRMWARE, "build"))
    parser.add_argument("--runs", type=int, default=5, help="runs per case and variant (median; at least 3)")
    parser.add_argument("--startup-runs", type=int, default=20, help="runs of the start-up case (at least 10)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run before it is killed")
    parser.add_argument("--json", metavar="OUT", help="write every figure (and every sample) as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 2 when a target is missed")
    parser.add_argument("--no-cachegrind", action="store_true",
                        help="leave out the host instructions per simulated instruction (valgrind)")
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3 (the figures are medians)")
    if args.startup_runs < 10:
        parser.error("--startup-runs must be at least 10")
    return args


class Sample:
    """One process run: exit status, output, wall seconds, peak RSS (KiB), CPU seconds."""

    def __init__(self, status, stdout, stderr, seconds, rss_kib, cpu_seconds):
        self.status, self.stdout, self.stderr = status, stdout, stderr
        self.seconds, self.rss_kib, self.cpu_seconds = seconds, rss_kib, cpu_seconds

    def as_json(self):
        return {"seconds": round(self.seconds, 6), "peak_rss_kib": self.rss_kib,
                "cpu_seconds": round(self.cpu_seconds, 6), "status": self.status}


def measure(command, timeout):
    """Runs command (stdin /dev/null, output to temporary files) and times it with os.wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=REPO)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Sample(process.returncode, out.read(), err.read(), seconds, usage.ru_maxrss,
                      usage.ru_utime + usage.ru_stime)


class Variant:
    """One way of running a case's ELF (armsim, armsim --profile, QEMU TCG, QEMU icount)."""

    def __init__(self, key, label, command, json_report=False):
        self.key, self.label, self.command, self.json_report = key, label, command, json_report
        self.samples = []
        self.counts = []  # (instructions, cycles) per armsim run

    def run(self, timeout, errors, case_name):
        command = list(self.command)
        report_path = None
        if self.json_report:
            handle, report_path = tempfile.mkstemp(prefix="armsim-bench-", suffix=".json")
            os.close(handle)
            command += ["--quiet", "--json", report_path]
        try:
            sample = measure(command, timeout)
            if sample.status != 0:
                what = ("killed by signal %d (after --timeout %g s?)" % (-sample.status, timeout)
                        if sample.status < 0 else "exit status %d" % sample.status)
                tail = sample.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
                errors.append("%s, %s: %s: %s" % (case_name, self.label, what, shlex.join(command))
                              + "".join("\n    " + line for line in tail))
            elif report_path:
                with open(report_path) as report_file:
                    report = json.load(report_file)
                self.counts.append((report["instructions"], report["cycles"]))
        finally:
            if report_path:
                os.unlink(report_path)
        self.samples.append(sample)
        return sample

    def median_seconds(self):
        return statistics.median(s.seconds for s in self.samples) if self.samples else None

    def peak_rss_mib(self):
        return max(s.rss_kib for s in self.samples) / 1024.0 if self.samples else None


CACHEGRIND_CYCLES = (2_000_000, 12_000_000)


def host_instructions_per_instruction(valgrind, command, timeout):
    """Host instructions (cachegrind's Ir) per simulated instruction between a 2 M- and a
    12 M-cycle run of `command` (an `armsim run` without its limit): start-up cancels out,
    and unlike host seconds the figure does not depend on the host's load (Swift's
    per-process hash seed is fixed, so two runs of one build agree exactly). None if a
    run fails."""
    points = []
    for limit in CACHEGRIND_CYCLES:
        with tempfile.TemporaryDirectory() as directory:
            counts, report = os.path.join(directory, "cachegrind.out"), os.path.join(directory, "run.json")
            run = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=" + counts] + command \
                + ["--quiet", "--max-cycles", str(limit), "--json", report]
            try:
                subprocess.run(run, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                               env=dict(os.environ, SWIFT_DETERMINISTIC_HASHING="1"))
                with open(counts) as out:
                    host = next(int(line.split()[1]) for line in out if line.startswith("summary:"))
                with open(report) as out:
                    simulated = json.load(out)["instructions"]
            except (OSError, StopIteration, ValueError, KeyError, subprocess.TimeoutExpired):
                return None
            points.append((host, simulated))
    (host_low, simulated_low), (host_high, simulated_high) = points
    if simulated_high <= simulated_low:
        return None
    return (host_high - host_low) / (simulated_high - simulated_low)


def mips(instructions, seconds):
    return instructions / seconds / 1e6 if instructions and seconds else None


def fmt(value, spec, width):
    return format(value, spec).rjust(width) if value is not None else "-".rjust(width)


def host_description():
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d logical CPUs, load average %.2f at start" % (model, os.cpu_count() or 0, os.getloadavg()[0])


def tool_version(command):
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        return result.stdout.decode("utf-8", "replace").strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return None


def git_revision():
    try:
        result = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=30)
        return result.stdout.decode().strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def m4_target(armsim):
    """--board mps2-an386 if armsim has that board, else the generic Cortex-M4."""
    result = subprocess.run([armsim, "boards"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    keys = {line.split()[0] for line in result.stdout.decode().splitlines()[1:] if line.strip()}
    return ["--board", M4_QEMU_BOARD] if M4_QEMU_BOARD in keys else ["--core", "m4"]


def qemu_command(qemu, machine, elf, icount):
    command = shlex.split(QEMU_COMMAND.format(machine=machine, elf=shlex.quote(elf)))
    command[0] = qemu
    if icount:
        command[-2:-2] = ["-icount", "shift=0"]
    return command


def progress(text):
    sys.stdout.flush()
    sys.stderr.write("bench: %s\n" % text)
    sys.stderr.flush()


def run_case(case, args, errors):
    """Runs every variant of a case case["runs"] times (interleaved) and checks the outputs."""
    runs = case["runs"]
    progress("%s: %d runs of %s" % (case["name"], runs, ", ".join(v.label for v in case["variants"])))
    for _ in range(runs):
        for variant in case["variants"]:
            variant.run(args.timeout, errors, case["name"])
    # Determinism: the same counts (with and without --profile) and the same stdout in
    # every run; QEMU's stdout is armsim's.
    reference = case["variants"][0]
    counts = set()
    for variant in case["variants"]:
        counts |= set(variant.counts)
    if len(counts) > 1:
        errors.append("%s: the runs gave different (instructions, cycles): %s; determinism broken"
                      % (case["name"], sorted(counts)))
    expected = {s.stdout for s in reference.samples if s.status == 0}
    for variant in case["variants"]:
        outputs = {s.stdout for s in variant.samples if s.status == 0}
        if len(outputs) > 1:
            errors.append("%s, %s: the runs printed different stdout" % (case["name"], variant.label))
        elif outputs and expected and outputs != expected:
            errors.append("%s: %s printed %r, armsim %r" % (
                case["name"], variant.label, next(iter(outputs))[-200:], next(iter(expected))[-200:]))
    case["instructions"], case["cycles"] = min(counts) if counts else (None, None)


def variant_of(case, key):
    return next((v for v in case["variants"] if v.key == key), None)


def paired_ratio(numerator, denominator):
    """Median of the per-run ratios of two interleaved variants' wall times."""
    pairs = [(a.seconds, b.seconds) for a, b in zip(numerator.samples, denominator.samples)
             if a.status == 0 and b.status == 0]
    return statistics.median(a / b for a, b in pairs) if pairs else None


def main():
    args = parse_arguments()
    armsim = os.path.abspath(args.armsim)
    if not os.access(armsim, os.X_OK):
        sys.exit("bench: no armsim at %s (make build)" % armsim)
    qemu = None if args.no_qemu else shutil.which(args.qemu)
    if not args.no_qemu and not qemu:
        progress("%s not found (make deps installs qemu-system-arm); QEMU columns left empty" % args.qemu)

    def elf(path):
        full = os.path.join(args.build_dir, path)
        if not os.path.exists(full):
            sys.exit("bench: missing %s (make -C firmware)" % full)
        return full

    m4 = m4_target(armsim)
    m0 = ["--board", "microbit-v1"]
    big = ["--board", "nucleo-l4r5zi"]

    def armsim_variant(path, target, extra=(), key="armsim", label="armsim", row=None):
        variant = Variant(key, label, [armsim, "run", elf(path)] + target + list(extra), json_report=True)
        variant.target = target + list(extra)
        variant.row = row
        return variant

    def qemu_variants(machine, path):
        if not qemu:
            return []
        return [Variant("qemu_tcg", "QEMU TCG", qemu_command(qemu, machine, elf(path), False)),
                Variant("qemu_icount", "QEMU -icount shift=0", qemu_command(qemu, machine, elf(path), True))]

    def case(key, name, path, target, variants, runs=args.runs):
        return {"key": key, "name": name, "elf": path, "target": target, "runs": runs, "variants": variants}

    m0_loop, m4_loop, kws, big_image = "microbit-v1/bench-long.elf", "mps2-an386/bench-long.elf", \
        "mps2-an386/kws.elf", "nucleo-l4r5zi/bigimage.elf"
    cases = [
        case("m0_loop", "M0 bench loop", m0_loop, m0,
             [armsim_variant(m0_loop, m0)] + qemu_variants("microbit", m0_loop)),
        # --profile runs interleaved with the plain runs, so that their ratio is paired.
        case("m4_loop", "M4 bench loop", m4_loop, m4,
             [armsim_variant(m4_loop, m4),
              armsim_variant(m4_loop, m4, ["--profile"], "armsim_profile", "armsim --profile", "M4 --profile")]
             + qemu_variants("mps2-an386", m4_loop)),
        case("kws", "kws int8 (M4)", kws, m4, [armsim_variant(kws, m4)] + qemu_variants("mps2-an386", kws)),
        case("big_image", "1 MiB image", big_image, big, [armsim_variant(big_image, big)]),
    ]
    hello = "microbit-v1/hello.elf"
    startup = case("startup", "start-up", hello, m0,
                   [Variant("armsim", "armsim", [armsim, "run", elf(hello)] + m0)]
                   + qemu_variants("microbit", hello)[:1], runs=args.startup_runs)

    armsim_version = tool_version([armsim, "--version"])
    revision = git_revision()
    qemu_version = tool_version([qemu, "--version"]) if qemu else None
    host = host_description()
    print("armsim bench: %s (armsim %s%s)" % (os.path.relpath(armsim, REPO), armsim_version,
                                               ", tree " + revision if revision else ""))
    print("QEMU: %s" % (qemu_version or "not run"))
    print("host: %s" % host)
    print("runs: %d per case (median; the variants of a case interleave), %d for start-up"
          % (args.runs, args.startup_runs))
    sys.stdout.flush()

    errors = []
    # Warm-up (page cache, dynamic loader): one untimed run of each start-up variant.
    for variant in startup["variants"]:
        measure(variant.command, args.timeout)
    run_case(startup, args, errors)
    for each in cases:
        run_case(each, args, errors)

    # Figures.
    for each in cases:
        for variant in each["variants"]:
            seconds = variant.median_seconds()
            variant.mips = mips(each["instructions"], seconds)
            variant.sim_mhz = mips(each["cycles"], seconds) if variant.json_report else None
        base = variant_of(each, "armsim")
        for key in ("qemu_tcg", "qemu_icount"):
            other = variant_of(each, key)
            each["ratio_" + key] = base.mips / other.mips if other and other.mips and base.mips else None
    by_key = {each["key"]: each for each in cases}
    plain = variant_of(by_key["m4_loop"], "armsim")
    profiled = variant_of(by_key["m4_loop"], "armsim_profile")
    slowdown = paired_ratio(profiled, plain)
    start_armsim = variant_of(startup, "armsim")
    start_qemu = variant_of(startup, "qemu_tcg")
    startup["ratio_qemu_tcg"] = (start_qemu.median_seconds() / start_armsim.median_seconds()
                                 if start_qemu else None)

    # Table 1: armsim.
    row = "%-14s %-28s %-24s %14s %15s %9s %8s %8s %9s"
    print()
    print("armsim (median of %d runs; host seconds of the whole process)" % args.runs)
    header = row % ("case", "ELF", "armsim target", "instructions", "cycles", "median s", "MIPS", "sim MHz",
                    "peak RSS")
    print(header)
    print("-" * len(header))
    for each in cases:
        for variant in each["variants"]:
            if not variant.json_report:
                continue
            print(row % (
                variant.row or each["name"], each["elf"], " ".join(variant.target),
                fmt(each["instructions"], ",d", 14), fmt(each["cycles"], ",d", 15),
                fmt(variant.median_seconds(), ".3f", 9), fmt(variant.mips, ".1f", 8),
                fmt(variant.sim_mhz, ".1f", 8), fmt(variant.peak_rss_mib(), ".1f", 5) + " MiB"))
    print(row % ("start-up", startup["elf"], " ".join(startup["target"]), "", "",
                 fmt(start_armsim.median_seconds(), ".4f", 9), "", "",
                 fmt(start_armsim.peak_rss_mib(), ".1f", 5) + " MiB"))
    print("(start-up: median of %d runs of `armsim run %s %s`)" % (
        args.startup_runs, startup["elf"], " ".join(startup["target"])))

    # Table 2: against QEMU.
    if qemu:
        row = "%-14s %11s | %9s %9s | %9s %9s | %9s %9s"
        print()
        print("armsim vs QEMU on the same ELF (QEMU MIPS = armsim's instruction count / QEMU host seconds;")
        print("ratio = armsim MIPS / QEMU MIPS, above 1: armsim faster)")
        header = row % ("case", "armsim MIPS", "TCG s", "TCG MIPS", "icount s", "icnt MIPS", "vs TCG", "vs icount")
        print(header)
        print("-" * len(header))
        for each in cases:
            tcg, icount = variant_of(each, "qemu_tcg"), variant_of(each, "qemu_icount")
            if not tcg:
                continue
            print(row % (
                each["name"], fmt(variant_of(each, "armsim").mips, ".1f", 11),
                fmt(tcg.median_seconds(), ".3f", 9), fmt(tcg.mips, ".1f", 9),
                fmt(icount.median_seconds(), ".3f", 9), fmt(icount.mips, ".1f", 9),
                fmt(each["ratio_qemu_tcg"], ".2f", 8) + "x", fmt(each["ratio_qemu_icount"], ".2f", 8) + "x"))
        print(row % ("start-up ms", fmt(start_armsim.median_seconds() * 1e3, ".1f", 11),
                     fmt(start_qemu.median_seconds() * 1e3, ".1f", 9), "", "", "",
                     fmt(startup["ratio_qemu_tcg"], ".2f", 8) + "x", ""))
        print("(start-up: QEMU TCG on the same hello.elf; ratio = QEMU seconds / armsim seconds)")
        print("QEMU: %s; icount: -icount shift=0 before -kernel" % " ".join(
            qemu_command("qemu-system-arm", "MACHINE", "ELF", False)))

    # Table 3: host instructions per simulated instruction (deterministic).
    valgrind = None if args.no_cachegrind else shutil.which("valgrind")
    host_per_instruction = {}
    if valgrind:
        progress("cachegrind: host instructions per simulated instruction, %s- and %s-cycle runs" % tuple(
            "%d M" % (limit // 1_000_000) for limit in CACHEGRIND_CYCLES))
        for each in cases[:3]:
            command = variant_of(each, "armsim").command
            host_per_instruction[each["key"]] = host_instructions_per_instruction(valgrind, command, args.timeout)
        print()
        print("host instructions per simulated instruction (valgrind --tool=cachegrind, Ir between a")
        print("2 M- and a 12 M-cycle run: start-up cancels out; independent of the host's load)")
        for each in cases[:3]:
            print("  %-14s %s" % (each["name"], fmt(host_per_instruction[each["key"]], ".2f", 6)))
    elif not args.no_cachegrind:
        progress("valgrind not found (make deps installs it): no host-instructions figure")

    # Targets.
    m4_mips = plain.mips
    startup_ms = start_armsim.median_seconds() * 1e3
    rss = variant_of(by_key["big_image"], "armsim").peak_rss_mib()
    loop_seconds = {"M0": variant_of(by_key["m0_loop"], "armsim").median_seconds(), "M4": plain.median_seconds(),
                    "M4 --profile": profiled.median_seconds()}
    targets = [
        ("m4_mips", "M4 bench loop, cycle counting on", m4_mips,
         m4_mips is not None and m4_mips >= TARGET_M4_MIPS,
         "%s MIPS" % fmt(m4_mips, ".1f", 0), ">= %g MIPS" % TARGET_M4_MIPS),
        ("profile_slowdown", "--profile (per-function attribution)", slowdown,
         slowdown is not None and slowdown <= TARGET_PROFILE_SLOWDOWN,
         "%s MIPS, %sx the plain run's time (median of paired runs)" % (
             fmt(profiled.mips, ".1f", 0), fmt(slowdown, ".2f", 0)),
         "within %gx" % TARGET_PROFILE_SLOWDOWN),
        ("startup_ms", "start-up (armsim run of hello.elf)", startup_ms, startup_ms < TARGET_STARTUP_MS,
         "%.1f ms" % startup_ms, "< %g ms" % TARGET_STARTUP_MS),
        ("big_image_rss_mib", "peak RSS, 1 MiB image", rss, rss is not None and rss < TARGET_RSS_MIB,
         "%s MiB" % fmt(rss, ".1f", 0), "< %g MiB" % TARGET_RSS_MIB),
        ("loop_seconds", "bench loop host time (measurement)", loop_seconds,
         all(s is not None and s >= MIN_LOOP_SECONDS for s in loop_seconds.values()),
         ", ".join("%s %s s" % (name, fmt(s, ".2f", 0)) for name, s in loop_seconds.items()),
         ">= %g s each; if not, raise BENCH_LONG_ITERATIONS" % MIN_LOOP_SECONDS),
    ]
    print()
    print("targets")
    for _, label, _, ok, shown, goal in targets:
        print("  %s  %s: %s (target %s)" % ("PASS" if ok else "FAIL", label, shown, goal))
    same = "same counts and stdout in every run" + (", QEMU's stdout = armsim's" if qemu else "")
    print("  %s  deterministic: %s" % ("FAIL" if errors else "PASS", "see the errors below" if errors else same))
    missed = [t for t in targets if not t[3]]
    load_end = os.getloadavg()[0]
    print("%d of %d targets met%s" % (len(targets) - len(missed), len(targets),
                                      " (a measurement: exit status 0 unless --strict)" if missed else ""))
    print("host load average %.2f at the end (%d logical CPUs; a busy host makes every figure noisier)"
          % (load_end, os.cpu_count() or 0))
    for error in errors:
        print("error: " + error)
    sys.stdout.flush()

    if args.json:
        document = {
            "armsim": armsim, "armsim_version": armsim_version, "tree": revision,
            "qemu": qemu, "qemu_version": qemu_version, "host": host, "runs": args.runs,
            "startup_runs": args.startup_runs, "load_average_end": load_end,
            "definitions": {
                "seconds": "wall time of the whole process (os.wait4), median over the runs",
                "mips": "simulated instructions / median host seconds",
                "sim_mhz": "simulated cycles / median host seconds",
                "qemu mips": "armsim's instruction count for the same ELF / QEMU's median host seconds",
                "ratio_qemu_*": "armsim MIPS / QEMU MIPS (start-up: QEMU seconds / armsim seconds)",
                "peak_rss_mib": "largest ru_maxrss over the runs",
                "host_instructions_per_instruction": "cachegrind Ir per simulated instruction between a "
                                                     "2 M- and a 12 M-cycle run of the case's plain armsim",
            },
            "cases": [], "targets": {}, "errors": errors,
            "host_instructions_per_instruction": host_per_instruction,
        }
        for each in cases + [startup]:
            entry = {"key": each["key"], "name": each["name"], "elf": each["elf"],
                     "instructions": each.get("instructions"), "cycles": each.get("cycles"), "variants": {}}
            for key in ("ratio_qemu_tcg", "ratio_qemu_icount"):
                if each.get(key) is not None:
                    entry[key] = each[key]
            for variant in each["variants"]:
                entry["variants"][variant.key] = {
                    "command": variant.command, "median_seconds": variant.median_seconds(),
                    "mips": getattr(variant, "mips", None), "sim_mhz": getattr(variant, "sim_mhz", None),
                    "peak_rss_mib": variant.peak_rss_mib(), "samples": [s.as_json() for s in variant.samples]}
            document["cases"].append(entry)
        for key, label, value, ok, _, goal in targets:
            document["targets"][key] = {"label": label, "value": value, "target": goal, "met": ok}
        with open(args.json, "w") as out:
            json.dump(document, out, indent=2)
            out.write("\n")

    if errors:
        return 1
    if args.strict and missed:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
