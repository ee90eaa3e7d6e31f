#!/usr/bin/env python3
"""Expected output of torture_v6m, from an independent model of the ARMv6-M
pseudocode (ARMv6-M Architecture Reference Manual, DDI 0419):

* AddWithCarry: A2.2.1 ("Integer arithmetic")
* Shift_C, LSL_C, LSR_C, ASR_C, ROR_C: A2.2.2 ("Shift and rotate operations")
* Flag effects per instruction: A6.7 (e.g. MULS and the logical ops leave
  C and V unchanged; ADD/MOV with a high register set no flags)
* ConditionPassed: A6.3.1, Table A6-1
* LDM/STM/PUSH/POP register order: A6.7.30, A6.7.49-50, A6.7.58
* Unaligned accesses are not exercised (word accesses stay word aligned).

Usage: torture_v6m.py            prints the expected stdout
       torture_v6m.py --c-header prints torture_expected.h for the firmware
"""
import sys

MASK = 0xFFFFFFFF


def bit(x, n):
    return (x >> n) & 1


def signed32(x):
    return x - (1 << 32) if x & 0x80000000 else x


class Flags:
    """APSR.NZCV as four ints."""

    def __init__(self, word):
        self.n, self.z, self.c, self.v = bit(word, 31), bit(word, 30), bit(word, 29), bit(word, 28)

    def word(self):
        return (self.n << 31) | (self.z << 30) | (self.c << 29) | (self.v << 28)

    def set_nz(self, result):
        self.n = bit(result, 31)
        self.z = 1 if result == 0 else 0


def add_with_carry(x, y, carry_in):
    unsigned_sum = x + y + carry_in
    signed_sum = signed32(x) + signed32(y) + carry_in
    result = unsigned_sum & MASK
    carry_out = 0 if result == unsigned_sum else 1
    overflow = 0 if signed32(result) == signed_sum else 1
    return result, carry_out, overflow


def lsl_c(x, shift):
    extended = x << shift
    return extended & MASK, bit(extended, 32)


def lsr_c(x, shift):
    extended = x  # the bits shifted out are x<shift-1:0>
    return (x >> shift) & MASK, bit(extended, shift - 1) if shift <= 32 else 0


def asr_c(x, shift):
    extended = signed32(x)
    result = (extended >> shift) & MASK
    carry = (extended >> (shift - 1)) & 1 if shift <= 32 else bit(x, 31)
    return result, carry


def ror_c(x, shift):
    m = shift % 32
    result = ((x >> m) | (x << (32 - m))) & MASK
    return result, bit(result, 31)


def shift_c(x, kind, amount, carry_in):
    if amount == 0:
        return x, carry_in
    return {"lsl": lsl_c, "lsr": lsr_c, "asr": asr_c, "ror": ror_c}[kind](x, amount)


def sign_extend(x, bits):
    x &= (1 << bits) - 1
    return (x - (1 << bits)) & MASK if x >> (bits - 1) else x


def byte_swap(x):
    return int.from_bytes(x.to_bytes(4, "little"), "big")


# ---- instruction kernels: (a, b, Flags) -> result, flags updated in place ----

def arith(x, y, carry_in, f):
    result, f.c, f.v = add_with_carry(x, y, carry_in)
    f.set_nz(result)
    return result


def compare(a, x, y, carry_in, f):
    arith(x, y, carry_in, f)
    return a


def logical(result, f):
    f.set_nz(result)
    return result


def shift(a, kind, amount, f):
    result, f.c = shift_c(a, kind, amount, f.c)
    f.set_nz(result)
    return result


KERNELS = {
    "adds_rr": lambda a, b, f: arith(a, b, 0, f),
    "adds_i3": lambda a, b, f: arith(b, 7, 0, f),
    "adds_i8": lambda a, b, f: arith(a, 255, 0, f),
    "adds_i8_1": lambda a, b, f: arith(a, 1, 0, f),
    "add_hi": lambda a, b, f: (a + b) & MASK,
    "adcs": lambda a, b, f: arith(a, b, f.c, f),
    "subs_rr": lambda a, b, f: arith(a, ~b & MASK, 1, f),
    "subs_i3": lambda a, b, f: arith(b, ~5 & MASK, 1, f),
    "subs_i8": lambda a, b, f: arith(a, ~200 & MASK, 1, f),
    "sbcs": lambda a, b, f: arith(a, ~b & MASK, f.c, f),
    "rsbs": lambda a, b, f: arith(~a & MASK, 0, 1, f),
    "cmp_rr": lambda a, b, f: compare(a, a, ~b & MASK, 1, f),
    "cmp_i8": lambda a, b, f: compare(a, a, ~128 & MASK, 1, f),
    "cmp_hi": lambda a, b, f: compare(a, a, ~b & MASK, 1, f),
    "cmn": lambda a, b, f: compare(a, a, b, 0, f),
    "movs_i8": lambda a, b, f: logical(0xA5, f),
    "movs_rr": lambda a, b, f: logical(b, f),
    "mov_hi": lambda a, b, f: b,
    "lsls_r": lambda a, b, f: shift(a, "lsl", b & 0xFF, f),
    "lsrs_r": lambda a, b, f: shift(a, "lsr", b & 0xFF, f),
    "asrs_r": lambda a, b, f: shift(a, "asr", b & 0xFF, f),
    "rors_r": lambda a, b, f: shift(a, "ror", b & 0xFF, f),
    "muls": lambda a, b, f: logical((a * b) & MASK, f),
    "ands": lambda a, b, f: logical(a & b, f),
    "orrs": lambda a, b, f: logical(a | b, f),
    "eors": lambda a, b, f: logical(a ^ b, f),
    "bics": lambda a, b, f: logical(a & ~b & MASK, f),
    "mvns": lambda a, b, f: logical(~b & MASK, f),
    "tst": lambda a, b, f: (logical(a & b, f), a)[1],
    "rev": lambda a, b, f: byte_swap(a),
    "rev16": lambda a, b, f: ((a & 0x00FF00FF) << 8 | (a >> 8) & 0x00FF00FF) & MASK,
    "revsh": lambda a, b, f: sign_extend(((a & 0xFF) << 8) | ((a >> 8) & 0xFF), 16),
    "sxtb": lambda a, b, f: sign_extend(b, 8),
    "sxth": lambda a, b, f: sign_extend(b, 16),
    "uxtb": lambda a, b, f: b & 0xFF,
    "uxth": lambda a, b, f: b & 0xFFFF,
    # immediate shifts: b is the jump-table index
    "lsls_imm": lambda a, b, f: shift(a, "lsl", b, f),
    "lsrs_imm": lambda a, b, f: shift(a, "lsr", b + 1, f),
    "asrs_imm": lambda a, b, f: shift(a, "asr", b + 1, f),
}

CONDITIONS = [
    lambda f: f.z == 1,                      # EQ
    lambda f: f.z == 0,                      # NE
    lambda f: f.c == 1,                      # CS
    lambda f: f.c == 0,                      # CC
    lambda f: f.n == 1,                      # MI
    lambda f: f.n == 0,                      # PL
    lambda f: f.v == 1,                      # VS
    lambda f: f.v == 0,                      # VC
    lambda f: f.c == 1 and f.z == 0,         # HI
    lambda f: f.c == 0 or f.z == 1,          # LS
    lambda f: f.n == f.v,                    # GE
    lambda f: f.n != f.v,                    # LT
    lambda f: f.z == 0 and f.n == f.v,       # GT
    lambda f: f.z == 1 or f.n != f.v,        # LE
]


# ---- harness mirror: checksum, LCG, inputs ----

class Harness:
    def __init__(self):
        self.checksum = 0
        self.lcg = 0
        self.flag_counter = 0
        self.results = []

    def mix(self, word):
        self.checksum = ((self.checksum ^ (word & MASK)) * 16777619) & MASK
        self.checksum ^= self.checksum >> 15

    def lcg_next(self):
        self.lcg = (self.lcg * 1664525 + 1013904223) & MASK
        return self.lcg

    def next_flags(self):
        word = ((self.flag_counter * 5 + 1) & 15) << 28
        self.flag_counter += 1
        return word

    def begin(self):
        self.checksum = 2166136261
        self.flag_counter = 0
        self.lcg = 0x13579BDF

    def end(self, name):
        self.results.append((name, self.checksum))


EDGE_VALUES = [
    0x00000000, 0x00000001, 0x00000002, 0x0000007F,
    0x00000080, 0x000000FF, 0x00007FFF, 0x00008000,
    0x0000FFFF, 0x7FFFFFFE, 0x7FFFFFFF, 0x80000000,
    0x80000001, 0xFFFFFFFE, 0xFFFFFFFF, 0x12345678,
]
SHIFT_AMOUNTS = [0, 1, 2, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 127, 128, 255, 256, 257,
                 0xFFFFFF20, 0x80000001]


def run_binops(h, names, as_, bs):
    for name in names:
        kernel = KERNELS[name]
        for a in as_:
            for b in bs:
                f = Flags(h.next_flags())
                h.mix(kernel(a, b, f))
                h.mix(f.word())


def load(mem, offset, size, signed=False):
    value = int.from_bytes(mem[offset:offset + size], "little")
    return sign_extend(value, 8 * size) if signed else value


def store(mem, offset, size, value):
    mem[offset:offset + size] = (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")


def mix_words(h, mem):
    for i in range(0, len(mem), 4):
        h.mix(load(mem, i, 4))


def compute():
    h = Harness()
    h.lcg = 0x2545F491
    values = EDGE_VALUES + [h.lcg_next() for _ in range(16)]
    amounts = SHIFT_AMOUNTS + values

    def group(name, names, as_, bs):
        h.begin()
        run_binops(h, names, as_, bs)
        h.end(name)

    group("add", ["adds_rr", "adds_i3", "adds_i8", "adds_i8_1", "add_hi"], values, values)
    group("adc", ["adcs"], values, values)
    group("sub", ["subs_rr", "subs_i3", "subs_i8"], values, values)
    group("sbc", ["sbcs"], values, values)
    group("rsb", ["rsbs"], values, [0])
    group("cmp", ["cmp_rr", "cmp_i8", "cmp_hi"], values, values)
    group("cmn", ["cmn"], values, values)
    group("mov", ["movs_i8", "movs_rr", "mov_hi"], [0], values)
    for kind in ("lsl", "lsr", "asr"):
        group(kind + "_imm", [kind + "s_imm"], values, list(range(32)))
    for kind in ("lsl", "lsr", "asr", "ror"):
        group(kind + "_reg", [kind + "s_r"], values, amounts)
    group("mul", ["muls"], values, values)
    group("logic", ["ands", "orrs", "eors", "bics", "mvns", "tst"], values, values)
    group("rev", ["rev", "rev16", "revsh"], values, [0])
    group("extend", ["sxtb", "sxth", "uxtb", "uxth"], [0], values)

    def fill_source():
        return bytearray((h.lcg_next() >> 24) & 0xFF for _ in range(256))

    # ldst_imm: kernel t_ld_imm / t_st_imm (fixed immediates, see the .S file)
    h.begin()
    src = fill_source()
    loads = [(4, 0), (4, 4), (4, 8), (4, 60), (4, 124), (2, 0), (2, 2), (2, 30), (2, 62),
             (1, 0), (1, 1), (1, 17), (1, 31)]
    for i in range(33):
        for size, imm in loads:
            h.mix(load(src, 4 * i + imm, size))
    dst = bytearray(256)
    stores = [(4, 0), (4, 124), (2, 2), (2, 62), (1, 1), (1, 31)]
    for i in range(33):
        value = h.lcg_next()
        for size, imm in stores:
            store(dst, 4 * i + imm, size, value)
    mix_words(h, dst)
    h.end("ldst_imm")

    # ldst_reg
    h.begin()
    src = fill_source()
    for off in range(0, 256, 4):
        h.mix(load(src, off, 4))
    for off in range(0, 256, 2):
        h.mix(load(src, off, 2))
        h.mix(load(src, off, 2, signed=True))
    for off in range(256):
        h.mix(load(src, off, 1))
        h.mix(load(src, off, 1, signed=True))
    dst = bytearray(256)
    for i in range(64):
        store(dst, 4 * i, 4, h.lcg_next())
    for i in range(0, 128, 3):
        store(dst, 2 * i, 2, h.lcg_next())
    for i in range(0, 256, 5):
        store(dst, i, 1, h.lcg_next())
    mix_words(h, dst)
    h.end("ldst_reg")

    # sp_lit: SP arithmetic, SP-relative and literal loads, ADR
    h.begin()
    for v in values:
        for word in (16, v, (-4) & MASK, 0, 0xCAFEF00D, 0x5EED1234, 0, (v + 0x5EED1234) & MASK):
            h.mix(word)
    h.end("sp_lit")

    # ldm_stm_push_pop
    h.begin()
    for _ in range(16):
        src = [h.lcg_next() for _ in range(8)]
        dst = [MASK] * 8
        dst[0:5] = src[0:5]
        dst[5] = 0  # SP difference after PUSH/POP pair
        out = [20, 20, src[0], src[1], 12, 0x0A0A0A0A, 0x1B1B1B1B, 0x3D3D3D3D]
        for word in out + dst:
            h.mix(word)
    h.end("ldm_stm_push_pop")

    # branch
    h.begin()
    for x in values:
        out = [1, (x * 3 + 1) & MASK, 0x77, 0x66, sum(range(1, (x & 15) + 1)), (x + 0x100) & MASK]
        for word in out:
            h.mix(word)
    h.end("branch")

    # cond
    h.begin()
    for nzcv in range(16):
        f = Flags(nzcv << 28)
        h.mix(sum(1 << k for k, passed in enumerate(CONDITIONS) if passed(f)))
    h.end("cond")
    return h.results


def main():
    results = compute()
    if "--c-header" in sys.argv[1:]:
        print("/* Generated by reference/torture_v6m.py --c-header; do not edit. */")
        print("static const char *const expected_names[%d] = {" % len(results))
        for name, _ in results:
            print('    "%s",' % name)
        print("};")
        print("static const uint32_t expected_checksums[%d] = {" % len(results))
        for _, value in results:
            print("    0x%08xu," % value)
        print("};")
        return
    for name, value in results:
        print("group %s 0x%08x" % (name, value))
    print("torture_v6m: %d groups" % len(results))


if __name__ == "__main__":
    main()
