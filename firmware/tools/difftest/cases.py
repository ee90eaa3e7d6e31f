"""The differential-test case and result formats, shared by the generator, the Unicorn
runner and the driver. `armsim difftest-exec` (Sources/ArmsimCLI/DifftestExecCommand.swift)
reads and writes the same formats; docs/difftest.md describes them.

Case line (one per case, tokens separated by one space):

    NAME core=m0 code=HEX r=R0,...,R12,SP,LR apsr=HEX [fpscr=HEX s=S0,...,S31]
         [fill=ADDR:LEN:SEED]... [mem=ADDR:HEX]... end=ADDR

`code` is the body's bytes in memory order, placed at BODY_ADDRESS; it ends with its
own `BKPT #0` (at `end`) and literal pool. `fill` fills memory with `fill_word`;
`mem` writes explicit bytes afterwards. armsim ignores `end` (it stops at any BKPT);
the Unicorn runner uses it only as a safety bound.

Result line:

    NAME stop=bkpt:ADDR:IMM n=COUNT r=R0,...,R12,SP,LR,PC xpsr=HEX [fpscr=HEX s=...] mem=ADDR:WORD,...

`n` is the number of body instructions executed (armsim only; -1 when unknown), and
`mem` lists every aligned SRAM word whose final value differs from its initial one,
so two results with equal `mem` agree on all of SRAM.
"""

FLASH_BASE = 0x0000_0000
FLASH_SIZE = 0x2000
SRAM_BASE = 0x2000_0000
SRAM_SIZE = 0x2000
#: Where the body starts (after the vector table and armsim's prologue).
BODY_ADDRESS = 0x400
#: The body, literal pool included, must end below this.
BODY_LIMIT = FLASH_SIZE

#: SRAM layout the generator keeps to (docs/difftest.md).
DATA_BASE = SRAM_BASE             # 2 KiB data buffer for base registers
DATA_SIZE = 0x800
STACK_INITIAL = SRAM_BASE + 0x1400  # initial SP; pushes go down, SP-relative offsets up
STACK_LOW = SRAM_BASE + 0x1000      # the generator never lets SP go below this
STACK_HIGH = SRAM_BASE + 0x1800     # ... nor above this (SP + 1020 stays in SRAM)


def fill_word(seed, index):
    """Word `index` of a fill block: the murmur3 finaliser of seed + index * 0x9E3779B9."""
    h = (seed + index * 0x9E3779B9) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h


try:  # numpy makes filling and diffing SRAM ~50x faster; the plain loops below are the reference
    import numpy
except ImportError:
    numpy = None


def fill_bytes(seed, length):
    """The bytes of a fill block of `length` bytes."""
    if numpy is not None:
        with numpy.errstate(over="ignore"):
            h = numpy.uint32(seed) + numpy.arange((length + 3) // 4, dtype=numpy.uint32) * numpy.uint32(0x9E3779B9)
            h ^= h >> numpy.uint32(16)
            h *= numpy.uint32(0x85EBCA6B)
            h ^= h >> numpy.uint32(13)
            h *= numpy.uint32(0xC2B2AE35)
            h ^= h >> numpy.uint32(16)
        return h.astype("<u4").tobytes()[:length]
    out = bytearray()
    for index in range((length + 3) // 4):
        out += fill_word(seed, index).to_bytes(4, "little")
    return bytes(out[:length])


class Case:
    """One case: a body and the state it starts from."""

    __slots__ = ("name", "core", "code", "regs", "apsr", "fpscr", "singles", "fills", "blocks", "end")

    def __init__(self, name, core, code, regs, apsr, end, fills=(), blocks=(), fpscr=None, singles=None):
        self.name = name
        self.core = core
        self.code = bytes(code)
        self.regs = list(regs)
        self.apsr = apsr
        self.end = end
        self.fills = list(fills)
        self.blocks = list(blocks)
        self.fpscr = fpscr
        self.singles = singles

    def line(self):
        parts = [self.name, "core=" + self.core, "code=" + self.code.hex(),
                 "r=" + ",".join("%x" % v for v in self.regs), "apsr=%x" % self.apsr]
        if self.fpscr is not None:
            parts.append("fpscr=%x" % self.fpscr)
        if self.singles is not None:
            parts.append("s=" + ",".join("%x" % v for v in self.singles))
        parts += ["fill=%x:%x:%x" % fill for fill in self.fills]
        parts += ["mem=%x:%s" % (address, data.hex()) for address, data in self.blocks]
        # `end` is last so armsim's parser can be told to stop reading there.
        return " ".join(parts) + " end=%x" % self.end

    @staticmethod
    def parse(line):
        tokens = line.split()
        fields = {"fill": [], "mem": []}
        for token in tokens[1:]:
            key, _, value = token.partition("=")
            if key in ("fill", "mem"):
                fields[key].append(value)
            else:
                fields[key] = value
        fills = [tuple(int(x, 16) for x in f.split(":")) for f in fields["fill"]]
        blocks = [(int(m.split(":")[0], 16), bytes.fromhex(m.split(":")[1])) for m in fields["mem"]]
        return Case(
            tokens[0], fields.get("core", "m0"), bytes.fromhex(fields["code"]),
            [int(x, 16) for x in fields["r"].split(",")], int(fields.get("apsr", "0"), 16),
            int(fields.get("end", "0"), 16), fills, blocks,
            int(fields["fpscr"], 16) if "fpscr" in fields else None,
            [int(x, 16) for x in fields["s"].split(",")] if "s" in fields else None)

    def initial_sram(self):
        """SRAM as the case sets it up: fills, then explicit blocks."""
        sram = bytearray(SRAM_SIZE)
        for address, length, seed in self.fills:
            self._place(sram, address, fill_bytes(seed, length))
        for address, data in self.blocks:
            self._place(sram, address, data)
        return sram

    @staticmethod
    def _place(sram, address, data):
        start = address - SRAM_BASE
        low, high = max(start, 0), min(start + len(data), SRAM_SIZE)
        if low < high:
            sram[low:high] = data[low - start:high - start]


def sram_changes(initial, final):
    """Aligned SRAM words that differ, as {address: word}."""
    changes = {}
    if numpy is not None:
        a = numpy.frombuffer(bytes(initial), dtype="<u4")
        b = numpy.frombuffer(bytes(final), dtype="<u4")
        for index in numpy.nonzero(a != b)[0]:
            changes[SRAM_BASE + 4 * int(index)] = int(b[index])
        return changes
    for offset in range(0, SRAM_SIZE, 4):
        if initial[offset:offset + 4] != final[offset:offset + 4]:
            changes[SRAM_BASE + offset] = int.from_bytes(final[offset:offset + 4], "little")
    return changes


class Result:
    """A final state as a simulator reports it."""

    __slots__ = ("name", "stop", "count", "regs", "xpsr", "fpscr", "singles", "mem")

    def __init__(self, name, stop, count, regs, xpsr, mem, fpscr=None, singles=None):
        self.name = name
        self.stop = stop
        self.count = count
        self.regs = regs
        self.xpsr = xpsr
        self.mem = mem
        self.fpscr = fpscr
        self.singles = singles

    def line(self):
        parts = [self.name, "stop=" + self.stop, "n=%d" % self.count,
                 "r=" + ",".join("%08x" % v for v in self.regs), "xpsr=%08x" % self.xpsr]
        if self.fpscr is not None:
            parts.append("fpscr=%08x" % self.fpscr)
        if self.singles is not None:
            parts.append("s=" + ",".join("%08x" % v for v in self.singles))
        parts.append("mem=" + ",".join("%08x:%08x" % item for item in sorted(self.mem.items())))
        return " ".join(parts)

    @staticmethod
    def parse(line):
        tokens = line.split()
        fields = {}
        for token in tokens[1:]:
            key, _, value = token.partition("=")
            fields[key] = value
        mem = {}
        if fields.get("mem"):
            for item in fields["mem"].split(","):
                address, _, word = item.partition(":")
                mem[int(address, 16)] = int(word, 16)
        regs = [int(x, 16) for x in fields["r"].split(",")] if "r" in fields else []
        return Result(
            tokens[0], fields.get("stop", "?"), int(fields.get("n", "-1")), regs,
            int(fields.get("xpsr", "0"), 16), mem,
            int(fields["fpscr"], 16) if "fpscr" in fields else None,
            [int(x, 16) for x in fields["s"].split(",")] if "s" in fields else None)
