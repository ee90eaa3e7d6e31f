#!/usr/bin/env python3
"""Mutation fuzzer for `armsim run` (the release binary) over the shipped firmware ELFs.

Each iteration takes a seed ELF (firmware/build/<board>/*.elf, or a file of the corpus),
applies one to three mutations and runs `armsim run FILE --board B --max-cycles N`
under a wall-clock timeout, watching its peak memory. The oracle (docs/exit-codes.md):

- the process exits (no signal, no Swift runtime trap: "Fatal error", "Stack dump");
- with a documented status: 0-255 from a semihosting exit, 65 (input rejected) or 66,
  70 (firmware failed), 124 (cycle limit); never 64 (that is a harness bug);
- an input error (65) prints exactly one line, `armsim: error: ...`, and nothing on stdout;
- it ends within the wall-clock timeout (a hang is a finding) and its peak RSS stays under
  the limit (a huge p_memsz or section size must not be allocated);
- known outcome: an UNDEFINED encoding at the reset handler of a program with the default
  fault handler ends the run with status 70 and fault "undefined instruction".

Mutations: truncation (anywhere, often inside the headers), header fields set to edge
values (e_phoff e_shoff e_phnum e_shnum e_shstrndx e_entry e_phentsize ...), program
headers (overlapping, huge, zero-sized, out-of-file, duplicated segments), section headers
and symbol tables (bogus offsets, sizes, links, names, st_value/st_size/st_shndx), the
reset vector and e_entry pointed anywhere, and the code itself: random bytes, random
halfwords (valid and undefined encodings), or random valid instruction bodies from the
differential tester's generator, written over the reset handler or the vector table.

A failing input is written to the corpus directory as crash-<hash>.elf with a .txt note.

    python3 fuzz.py --armsim .build/release/armsim --seconds 600
    python3 fuzz.py --replay firmware/tools/fuzz/corpus     # run every corpus file once
"""
import argparse
import glob
import hashlib
import os
import random
import select
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "difftest"))

#: Which board runs the ELFs of a build directory (firmware/build/<dir>), per core.
BOARD_OF_DIR = {"microbit-v1": "microbit-v1", "nucleo-f072rb": "nucleo-f072rb", "nano33": "nano33",
                "pico": "pico", "nucleo-g0b1re": "nucleo-g0b1re", "nucleo-l4r5zi": "nucleo-l4r5zi",
                "disco-f407": "disco-f407", "nano33iot": "nano33iot", "generic-m0": "generic-m0",
                "generic-m0plus": "generic-m0plus", "generic-m4": "generic-m4",
                # The QEMU builds (flash at 0, SRAM at 0x20000000) fit the generic M4 board.
                "mps2-an386": "generic-m4"}
BOARDS = sorted(set(BOARD_OF_DIR.values()))
ALLOWED = set(range(0, 256)) - {64}
EDGE32 = [0, 1, 2, 3, 4, 0x34, 0x7F, 0x80, 0xFF, 0x100, 0xFFF, 0x1000, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000,
          0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFC, 0xFFFFF000, 0x20000000, 0x1FFFFFFF, 0x20040000, 0x10000000,
          0x08000000, 0xE000ED00, 0xE0001000, 0x40000000, 0x00100000]
EDGE16 = [0, 1, 2, 0x20, 0x28, 0x7FFF, 0x8000, 0xFFFF, 0xFF00, 0xFFFE, 3, 100]


def seeds(build):
    """(path, board) of the shipped ELFs; small ones first (they run fastest)."""
    found = []
    for directory, board in BOARD_OF_DIR.items():
        for path in sorted(glob.glob(os.path.join(build, directory, "*.elf"))):
            found.append((path, board))
    return found


class Elf:
    """Just enough ELF32 little-endian parsing to find the fields to mutate."""

    def __init__(self, data):
        self.data = bytearray(data)
        self.ok = len(data) >= 52 and data[:4] == b"\x7fELF"
        if self.ok:
            (self.entry, self.phoff, self.shoff, _flags, _ehsize, self.phentsize, self.phnum, self.shentsize,
             self.shnum, self.shstrndx) = struct.unpack_from("<IIIIHHHHHH", data, 24)

    def phdrs(self):
        if not self.ok:
            return []
        return [self.phoff + i * 32 for i in range(self.phnum) if self.phoff + i * 32 + 32 <= len(self.data)]

    def shdrs(self):
        if not self.ok:
            return []
        return [self.shoff + i * 40 for i in range(self.shnum) if self.shoff + i * 40 + 40 <= len(self.data)]

    def sections_of_type(self, kind):
        return [at for at in self.shdrs() if struct.unpack_from("<I", self.data, at + 4)[0] == kind]

    def load_segments(self):
        """(file offset, file size, vaddr) of PT_LOAD segments inside the file."""
        out = []
        for at in self.phdrs():
            kind, offset, vaddr, _paddr, filesz, _memsz = struct.unpack_from("<IIIIII", self.data, at)
            if kind == 1 and filesz and offset + filesz <= len(self.data):
                out.append((offset, filesz, vaddr))
        return out

    def file_offset(self, address):
        for offset, size, vaddr in self.load_segments():
            if vaddr <= address < vaddr + size:
                return offset + address - vaddr
        return None


def edge(rng, bits=32):
    if rng.random() < 0.6:
        return rng.choice(EDGE32 if bits == 32 else EDGE16) & ((1 << bits) - 1)
    return rng.getrandbits(bits)


def put(data, offset, fmt, value):
    size = struct.calcsize(fmt)
    if 0 <= offset and offset + size <= len(data):
        struct.pack_into(fmt, data, offset, value & ((1 << (8 * size)) - 1))


# Mutations -------------------------------------------------------------------------------

def m_truncate(elf, rng):
    data = elf.data
    cut = rng.choice([rng.randrange(0, 64), rng.randrange(0, max(1, len(data))),
                      elf.phoff + rng.randrange(0, 64) if elf.ok else 10,
                      elf.shoff + rng.randrange(0, 80) if elf.ok else 20])
    del data[max(0, cut):]
    return "truncate@%d" % cut


def m_header(elf, rng):
    fields = [(4, "<B"), (5, "<B"), (6, "<B"), (16, "<H"), (18, "<H"), (20, "<I"), (24, "<I"), (28, "<I"),
              (32, "<I"), (36, "<I"), (40, "<H"), (42, "<H"), (44, "<H"), (46, "<H"), (48, "<H"), (50, "<H")]
    offset, fmt = rng.choice(fields)
    bits = 8 * struct.calcsize(fmt)
    value = edge(rng, 32 if bits == 32 else 16) & ((1 << bits) - 1)
    put(elf.data, offset, fmt, value)
    return "header@%d=%x" % (offset, value)


def m_phdr(elf, rng):
    headers = elf.phdrs()
    if not headers:
        return m_header(elf, rng)
    at = rng.choice(headers)
    choice = rng.randrange(8)
    if choice == 0:  # huge memsz
        put(elf.data, at + 20, "<I", rng.choice([0x7FFFFFFF, 0xFFFFFFFF, 0x10000000, 0x01000000]))
    elif choice == 1:  # filesz beyond the file
        put(elf.data, at + 16, "<I", edge(rng))
    elif choice == 2:  # offset anywhere
        put(elf.data, at + 4, "<I", edge(rng))
    elif choice == 3:  # vaddr/paddr anywhere (overlaps, wraps around 4 GiB)
        value = edge(rng)
        put(elf.data, at + 8, "<I", value)
        put(elf.data, at + 12, "<I", value)
    elif choice == 4 and len(headers) > 1:  # two segments overlap: copy one's address to another
        other = rng.choice(headers)
        vaddr = struct.unpack_from("<I", elf.data, other + 8)[0] + rng.choice([0, 2, 4, 0x100])
        put(elf.data, at + 8, "<I", vaddr)
        put(elf.data, at + 12, "<I", vaddr)
    elif choice == 5:  # type
        put(elf.data, at, "<I", rng.choice([0, 1, 2, 3, 4, 6, 0x70000001, 0x6474E551, 0xFFFFFFFF]))
    elif choice == 6:  # memsz < filesz, or zero sizes
        put(elf.data, at + 20, "<I", rng.choice([0, 1, 3]))
    else:  # flags / align
        put(elf.data, at + 24 + 4 * rng.getrandbits(1), "<I", edge(rng))
    return "phdr@%x/%d" % (at, choice)


def m_shdr(elf, rng):
    headers = elf.shdrs()
    if not headers:
        return m_header(elf, rng)
    at = rng.choice(elf.sections_of_type(2) + elf.sections_of_type(3) + headers if rng.random() < 0.5 else headers)
    field = rng.randrange(10)
    put(elf.data, at + 4 * field, "<I", edge(rng))
    return "shdr@%x.%d" % (at, field)


def m_symbols(elf, rng):
    tables = elf.sections_of_type(2)
    if not tables:
        return m_shdr(elf, rng)
    _name, _type, _flags, _addr, offset, size, _link, _info, _align, _entsize = struct.unpack_from("<IIIIIIIIII", elf.data, tables[0])
    count = size // 16
    if count == 0 or offset + size > len(elf.data):
        return m_shdr(elf, rng)
    notes = []
    for _ in range(rng.randrange(1, 20)):
        symbol = offset + 16 * rng.randrange(count)
        field = rng.choice([(0, "<I", 32), (4, "<I", 32), (8, "<I", 32), (12, "<B", 8), (14, "<H", 16)])
        value = edge(rng, 32 if field[2] == 32 else 16) & ((1 << field[2]) - 1)
        put(elf.data, symbol + field[0], field[1], value)
        notes.append("%x.%d" % (symbol, field[0]))
    return "symbols " + ",".join(notes[:3])


def m_entry(elf, rng):
    """e_entry and/or the reset vector anywhere (odd or even, in or out of memory)."""
    value = rng.choice([edge(rng), edge(rng) | 1, rng.randrange(0, 0x100000) | 1, 0x20000000 | rng.randrange(0x1000)])
    if rng.random() < 0.5 or not elf.load_segments():
        put(elf.data, 24, "<I", value)
        return "entry=%x" % value
    offset = elf.load_segments()[0][0]
    slot = rng.choice([0, 1, 1, 2, 3, rng.randrange(16)])
    put(elf.data, offset + 4 * slot, "<I", value)
    return "vector%d=%x" % (slot, value)


#: Halfwords of undefined/unpredictable/special encodings, mixed into random code.
SPECIAL_HALFWORDS = [0xDE00, 0xDEFF, 0xDF00, 0xBE00, 0xBEAB, 0xBF30, 0xBF20, 0xBF10, 0xE7FE, 0x4687, 0x4700,
                     0xF7F0, 0xA000, 0xB662, 0xB672, 0xE8BD, 0xEE30, 0xFFFF, 0x0000, 0xF3EF, 0xF380, 0xEC00]


def code_bytes(rng, core_m4):
    kind = rng.randrange(3)
    if kind == 0:
        return bytes(rng.getrandbits(8) for _ in range(rng.choice([2, 4, 16, 64, 256]))), "random bytes"
    if kind == 1:
        halfwords = [rng.choice(SPECIAL_HALFWORDS) if rng.random() < 0.3 else rng.getrandbits(16)
                     for _ in range(rng.randrange(1, 64))]
        return b"".join(h.to_bytes(2, "little") for h in halfwords), "random halfwords"
    import generate
    classes = [name for name, (core, _) in generate.CLASSES.items() if core_m4 or core != "m4"]
    name = rng.choice(classes)
    case = generate.generate_case(name, rng.getrandbits(16), rng.getrandbits(16))
    return case.code, "valid body " + name


#: Addresses loaded into r0-r7 before random code, so that its loads and stores reach the
#: system control space (SCB, NVIC, SysTick, DWT, FPCCR, CPACR), peripherals, SRAM and flash.
INTERESTING_ADDRESSES = [0xE000ED00, 0xE000ED04, 0xE000ED08, 0xE000ED0C, 0xE000ED88, 0xE000EF34, 0xE000E100,
                         0xE000E180, 0xE000E200, 0xE000E400, 0xE000E010, 0xE000E018, 0xE0001000, 0xE0001004,
                         0xE000EDF0, 0xE000ED24, 0xE000ED28, 0xE000E000, 0xE000EF00, 0xE0000000, 0x40000000,
                         0x40020000, 0x50000000, 0x20000000, 0x20000FF0, 0x2003FFFC, 0x00000000, 0x08000000,
                         0x10000000, 0xFFFFFFF0, 0x1FFFFFFC, 0x60000000, 0xA0000000]

#: Halfword ranges of 16-bit loads and stores (A5.2.4), so random code touches memory often.
LOAD_STORE_RANGES = [(0x5000, 0x5FFF), (0x6000, 0x6FFF), (0x7000, 0x7FFF), (0x8000, 0x8FFF), (0x9000, 0x9FFF),
                     (0xC000, 0xCFFF)]


def address_prologue(rng):
    """LDR r0-r7, [PC, #k] from a pool of interesting addresses; B over the pool. 52 bytes,
    to be placed at a word-aligned address."""
    halfwords = []
    for register in range(8):
        base = (2 * register + 4) & ~3  # Align(PC, 4) relative to the start
        halfwords.append(0x4800 | register << 8 | (20 + 4 * register - base) // 4)
    halfwords += [0xE010, 0xBF00]  # B over the pool (to start + 52); NOP padding
    pool = b"".join((rng.choice(INTERESTING_ADDRESSES) + rng.choice([0, 0, 4, rng.randrange(0, 0x100)])
                     & 0xFFFFFFFF).to_bytes(4, "little") for _ in range(8))
    return b"".join(h.to_bytes(2, "little") for h in halfwords) + pool


def memory_code(rng):
    """Random code rich in loads and stores, after the address prologue."""
    halfwords = []
    for _ in range(rng.randrange(4, 64)):
        roll = rng.random()
        if roll < 0.5:
            low, high = rng.choice(LOAD_STORE_RANGES)
            halfwords.append(rng.randrange(low, high + 1))
        elif roll < 0.6:
            halfwords.append(rng.choice(SPECIAL_HALFWORDS))
        else:
            halfwords.append(rng.getrandbits(16))
    return address_prologue(rng) + b"".join(h.to_bytes(2, "little") for h in halfwords)


def m_code(elf, rng, core_m4=True):
    """Overwrites code at the reset handler (or anywhere in a loadable segment)."""
    segments = elf.load_segments()
    if not segments:
        return m_truncate(elf, rng)
    offset, size, vaddr = segments[0]
    target = None
    if rng.random() < 0.7 and size >= 8:
        reset = struct.unpack_from("<I", elf.data, offset + 4)[0] & ~1
        target = elf.file_offset(reset)
    if target is None:
        target = offset + rng.randrange(size)
    if rng.random() < 0.35:
        target &= ~3
        code, what = memory_code(rng), "addresses + load/store code"
    else:
        code, what = code_bytes(rng, core_m4)
    end = min(len(elf.data), target + len(code))
    elf.data[target:end] = code[:end - target]
    return "code@%x %s" % (target, what)


def m_bytes(elf, rng):
    """A few random bytes anywhere (headers most often)."""
    notes = []
    for _ in range(rng.randrange(1, 8)):
        limit = len(elf.data) if rng.random() < 0.3 else min(len(elf.data), 0x400)
        if limit == 0:
            break
        at = rng.randrange(limit)
        elf.data[at] = rng.getrandbits(8)
        notes.append("%x" % at)
    return "bytes " + ",".join(notes[:3])


#: Encodings UNDEFINED on every core here (UDF T1 and T2, DDI 0403 A7.7.194, DDI 0419 A6.7.72).
UNDEFINED_ENCODINGS = [b"\x00\xde", b"\xff\xde", b"\xf0\xf7\x00\xa0", b"\xff\xf7\xff\xaf"]


#: Programs whose fault handlers are the start-up code's default one (report and exit
#: through semihosting): an UNDEFINED instruction at reset ends them with status 70.
#: fault, exceptions and the tortures handle faults themselves and carry on.
DEFAULT_FAULT_HANDLING = {"hello", "exitcode", "bench", "bench-small", "kws", "vww", "ic", "ad", "digits",
                          "digits_float", "digits_pruned"}


def undefined_at_reset(data, rng):
    """The ELF with an UNDEFINED encoding as the reset handler's first instruction, or None.
    The expected outcome is known: the UsageFault (escalated to HardFault) ends the run
    through the firmware's fault handler: status 70, fault "undefined instruction"."""
    elf = Elf(data)
    segments = elf.load_segments()
    if not segments or segments[0][1] < 8:
        return None
    reset = struct.unpack_from("<I", elf.data, segments[0][0] + 4)[0] & ~1
    target = elf.file_offset(reset)
    if target is None:
        return None
    code = rng.choice(UNDEFINED_ENCODINGS)
    elf.data[target:target + len(code)] = code
    return bytes(elf.data), "undefined %s at reset" % code.hex()


MUTATIONS = [(m_truncate, 2), (m_header, 3), (m_phdr, 4), (m_shdr, 3), (m_symbols, 2), (m_entry, 3),
             (m_code, 6), (m_bytes, 2)]


def mutate(data, rng, core_m4):
    notes = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        elf = Elf(bytes(data))
        functions = [f for f, _ in MUTATIONS]
        weights = [w for _, w in MUTATIONS]
        function = rng.choices(functions, weights)[0]
        notes.append(function(elf, rng, core_m4) if function is m_code else function(elf, rng))
        data = elf.data
    return bytes(data), "; ".join(notes)


# Running -------------------------------------------------------------------------------

def run(armsim, path, board, max_cycles, timeout, extra=()):
    """Runs armsim; returns (status or None on timeout, signal, stdout, stderr, seconds, peak RSS KiB)."""
    started = time.time()
    process = subprocess.Popen([armsim, "run", path, "--board", board, "--max-cycles", str(max_cycles), "--quiet",
                                *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    out, err = bytearray(), bytearray()
    streams = {process.stdout.fileno(): out, process.stderr.fileno(): err}
    deadline = started + timeout
    timed_out = False
    while streams:
        remaining = deadline - time.time()
        if remaining <= 0:
            timed_out = True
            process.kill()
            break
        ready, _, _ = select.select(list(streams), [], [], remaining)
        for fd in ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                del streams[fd]
            elif len(streams[fd]) < 1 << 20:
                streams[fd] += chunk
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    seconds = time.time() - started
    if timed_out:
        return None, 0, bytes(out), bytes(err), seconds, usage.ru_maxrss
    code = os.waitstatus_to_exitcode(status)
    return (code if code >= 0 else None), (-code if code < 0 else 0), bytes(out), bytes(err), seconds, usage.ru_maxrss


def judge(result, rss_limit_kib):
    """Returns a finding (string) or None."""
    status, signal, out, err, seconds, rss = result
    text = err.decode("utf-8", "replace")
    if signal:
        return "killed by signal %d" % signal
    if status is None:
        return "hang: no exit within the wall-clock timeout"
    if "Fatal error" in text or "Stack dump" in text or "Illegal instruction" in text:
        return "Swift runtime trap: " + text.strip().splitlines()[0][:200]
    if status not in ALLOWED:
        return "undocumented exit status %d" % status
    if status == 64:
        return "usage error (harness)"
    if status == 65:
        lines = text.strip().splitlines()
        if len(lines) != 1 or not lines[0].startswith("armsim: error: "):
            return "input error not one line: %r" % text[:300]
        if out:
            return "input error wrote to stdout"
    if rss > rss_limit_kib:
        return "peak RSS %d MiB over the limit" % (rss // 1024)
    return None


def judge_undefined(result, report_path):
    """The known outcome of an UNDEFINED encoding at the reset handler (see undefined_at_reset)."""
    import json
    if result[0] == 65:  # not runnable on this board (e.g. a board without the segment's memory)
        return None
    try:
        with open(report_path) as handle:
            report = json.load(handle)
        os.unlink(report_path)
    except (OSError, ValueError) as error:
        return "undefined at reset: no JSON report (%s)" % error
    fault = (report.get("fault") or {}).get("kind", "")
    if result[0] != 70 or not fault.startswith("undefined instruction"):
        return "undefined at reset: status %s, fault %r (expected 70, undefined instruction)" % (result[0], fault)
    return None


def save(corpus, data, board, note, finding):
    digest = hashlib.sha1(data).hexdigest()[:12]
    path = os.path.join(corpus, "crash-%s.elf" % digest)
    with open(path, "wb") as handle:
        handle.write(data)
    with open(path[:-4] + ".txt", "w") as handle:
        handle.write("board: %s\nmutation: %s\nfinding: %s\n" % (board, note, finding))
    return path


def board_for_corpus(path):
    note = os.path.splitext(path)[0] + ".txt"
    if os.path.exists(note):
        for line in open(note):
            if line.startswith("board:"):
                return line.split(":", 1)[1].strip()
    return "nano33"


def main(argv):
    parser = argparse.ArgumentParser(description="Mutation fuzzer for armsim run.")
    parser.add_argument("--armsim", default=os.path.join(ROOT, ".build", "release", "armsim"))
    parser.add_argument("--build", default=os.path.join(ROOT, "firmware", "build"), help="firmware/build")
    parser.add_argument("--corpus", default=os.path.join(HERE, "corpus"))
    parser.add_argument("--seconds", type=float, default=60, help="how long to fuzz")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--max-cycles", type=int, default=2_000_000)
    parser.add_argument("--timeout", type=float, default=20, help="wall-clock limit of one run, seconds")
    parser.add_argument("--rss-limit-mib", type=int, default=1024)
    parser.add_argument("--replay", metavar="DIR", help="run every .elf of DIR once and judge it")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    if not os.access(args.armsim, os.X_OK):
        parser.error("armsim not found at %s (make build)" % args.armsim)
    os.makedirs(args.corpus, exist_ok=True)
    if args.replay:
        failures = 0
        files = sorted(glob.glob(os.path.join(args.replay, "*.elf")))
        for path in files:
            finding = judge(run(args.armsim, path, board_for_corpus(path), args.max_cycles, args.timeout),
                            args.rss_limit_mib * 1024)
            if finding:
                failures += 1
                print("FAIL %s: %s" % (path, finding))
        print("replayed %d files, %d failed" % (len(files), failures))
        return 1 if failures else 0
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    inputs = seeds(args.build)
    # The seeds of the corpus (not its crash files, which would be re-found at once).
    inputs += [(path, board_for_corpus(path)) for path in sorted(glob.glob(os.path.join(args.corpus, "seed-*.elf")))]
    if not inputs:
        parser.error("no seed ELFs under %s (make firmware)" % args.build)
    # Small files first: prefer them 3:1 (they load and run fastest).
    inputs.sort(key=lambda item: os.path.getsize(item[0]))
    small = inputs[:max(1, len(inputs) // 2)]
    cache = {}
    started = time.time()
    runs = findings = 0
    statuses = {}
    next_progress = started + 300
    handle, scratch = tempfile.mkstemp(prefix="armsim-fuzz-", suffix=".elf")
    os.close(handle)
    try:
        while time.time() - started < args.seconds:
            path, board = rng.choice(small if rng.random() < 0.75 else inputs)
            if path not in cache:
                cache[path] = open(path, "rb").read()
            core_m4 = board in ("nano33", "nucleo-l4r5zi", "disco-f407", "generic-m4")
            program = os.path.basename(path)[:-4]
            known = (undefined_at_reset(cache[path], rng)
                     if program in DEFAULT_FAULT_HANDLING and rng.random() < 0.03 else None)
            if known:
                data, note = known
            else:
                data, note = mutate(cache[path], rng, core_m4)
                if rng.random() < 0.1:
                    board = rng.choice(BOARDS)  # a firmware on the wrong board
            with open(scratch, "wb") as handle:
                handle.write(data)
            extra = ("--json", scratch + ".json") if known else ()
            result = run(args.armsim, scratch, board, args.max_cycles, args.timeout, extra)
            runs += 1
            key = "timeout" if result[0] is None and not result[1] else (
                "signal" if result[1] else str(result[0]))
            statuses[key] = statuses.get(key, 0) + 1
            if time.time() >= next_progress:
                next_progress += 300
                print("fuzz: %d runs in %.0f s, %d findings" % (runs, time.time() - started, findings), flush=True)
            finding = judge(result, args.rss_limit_mib * 1024)
            if known and not finding:
                finding = judge_undefined(result, scratch + ".json")
            if finding:
                findings += 1
                saved = save(args.corpus, data, board, "%s from %s" % (note, os.path.relpath(path, ROOT)), finding)
                print("FINDING %s: %s (%s)" % (saved, finding, note), flush=True)
    finally:
        if os.path.exists(scratch):
            os.unlink(scratch)
    elapsed = time.time() - started
    print("fuzz: seed %d, %d runs in %.0f s (%.1f/s), %d findings; exit statuses %s" % (
        seed, runs, elapsed, runs / max(elapsed, 1e-9), findings,
        ", ".join("%s: %d" % item for item in sorted(statuses.items(), key=lambda kv: -kv[1]))))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
