#!/usr/bin/env python3
"""Expected output of torture_dsp (ARMv7E-M DSP extension).

Each kernel of src/torture_dsp_asm.S modelled from the instruction
pseudocode in the ARMv7-M Architecture Reference Manual (DDI 0403E, A7.7):
lanes are taken with SInt/UInt, results are truncated to the lane width,
GE bits come from the lane results of the non-saturating, non-halving
SADD/SSUB/SASX/SSAX/UADD/USUB/UASX/USAX forms only; Q is set by
SignedSatQ/UnsignedSatQ (QADD, QSUB, QDADD, QDSUB, SSAT16, USAT16) and by an
accumulation that does not fit in 32 bits (SMLAD, SMLSD, SMUAD, SMLAxy,
SMLAWy); it is never cleared except by MSR. The lane-saturating Q*/UQ*
forms do not touch Q.

Usage: torture_dsp.py [--c-header | --trace]
"""
import m4common
from m4common import MASK, signed32, sign_extend

Q_BIT = 1 << 27
GE_SHIFT = 16


def lanes(x, width):
    return [(x >> (width * i)) & ((1 << width) - 1) for i in range(32 // width)]


def pack(values, width):
    out = 0
    for i, v in enumerate(values):
        out |= (v & ((1 << width) - 1)) << (width * i)
    return out


def s(v, width):
    return sign_extend(v, width)


def ror(x, n):
    n %= 32
    return ((x >> n) | (x << (32 - n))) & MASK if n else x


def ssat(i, n):
    top, bottom = (1 << (n - 1)) - 1, -(1 << (n - 1))
    return (top, True) if i > top else (bottom, True) if i < bottom else (i, False)


def usat(i, n):
    top = (1 << n) - 1
    return (top, True) if i > top else (0, True) if i < 0 else (i, False)


def with_ge(result, ge_bits, ctl):
    status = (ctl & ~(0xF << GE_SHIFT)) | (ge_bits << GE_SHIFT)
    return result, status


# ---- parallel add/subtract ----
# Each op gives, per lane pair, the two "raw" integer results (signed or unsigned
# inputs) in lane order; the prefix decides what is done with them.

def raw_lanes(op, a, b, signed):
    conv = (lambda v, w: s(v, w)) if signed else (lambda v, w: v)
    if op in ("add16", "sub16", "asx", "sax"):
        n = [conv(v, 16) for v in lanes(a, 16)]
        m = [conv(v, 16) for v in lanes(b, 16)]
        if op == "add16":
            return [n[0] + m[0], n[1] + m[1]], 16, ["sum", "sum"]
        if op == "sub16":
            return [n[0] - m[0], n[1] - m[1]], 16, ["diff", "diff"]
        if op == "asx":
            return [n[0] - m[1], n[1] + m[0]], 16, ["diff", "sum"]
        return [n[0] + m[1], n[1] - m[0]], 16, ["sum", "diff"]
    n = [conv(v, 8) for v in lanes(a, 8)]
    m = [conv(v, 8) for v in lanes(b, 8)]
    if op == "add8":
        return [x + y for x, y in zip(n, m)], 8, ["sum"] * 4
    return [x - y for x, y in zip(n, m)], 8, ["diff"] * 4


def simd_model(prefix, op):
    signed = prefix in ("s", "q", "sh")

    def model(a, b, c, d, ctl):
        results, width, kinds = raw_lanes(op, a, b, signed)
        if prefix in ("s", "u"):
            ge = 0
            per_lane = 2 if width == 16 else 1
            for i, (r, kind) in enumerate(zip(results, kinds)):
                if prefix == "s":
                    flag = r >= 0
                else:
                    flag = r >= (1 << width) if kind == "sum" else r >= 0
                if flag:
                    ge |= ((1 << per_lane) - 1) << (i * per_lane)
            r0, st = with_ge(pack(results, width), ge, ctl)
            return r0, b, st
        if prefix in ("q", "uq"):
            sat = ssat if prefix == "q" else usat
            return pack([sat(r, width)[0] for r in results], width), b, ctl
        return pack([r >> 1 for r in results], width), b, ctl  # SH/UH: floor halving
    return model


def ge_of(ctl):
    return (ctl >> GE_SHIFT) & 0xF


def sel(ge, n, m):
    return pack([x if (ge >> i) & 1 else y for i, (x, y) in enumerate(zip(lanes(n, 8), lanes(m, 8)))], 8)


def sel_after(prefix, op, first, second):
    simd = simd_model(prefix, op)

    def model(a, b, c, d, ctl):
        r4, st = simd(a, b, c, d, ctl)[0], simd(a, b, c, d, ctl)[2]
        regs = {"r0": a, "r1": b, "r2": c, "r3": d}
        return sel(ge_of(st), regs[first], regs[second]), r4, st
    return model


# ---- multiplies ----

def half(x, top):
    return s(x >> 16 if top else x, 16)


def q_if(ctl, overflow):
    return ctl | Q_BIT if overflow else ctl


def fits32(v):
    return -(1 << 31) <= v < (1 << 31)


def dual(a, b, exchange):
    m = ror(b, 16) if exchange else b
    return half(a, 0) * half(m, 0), half(a, 1) * half(m, 1)


def smlad_model(subtract, exchange, accumulate):
    def model(a, b, c, d, ctl):
        p1, p2 = dual(a, b, exchange)
        result = (p1 - p2 if subtract else p1 + p2) + (signed32(c) if accumulate else 0)
        return result & MASK, b, q_if(ctl, not fits32(result))
    return model


def smlald_model(subtract, exchange):
    def model(a, b, c, d, ctl):
        p1, p2 = dual(a, b, exchange)
        acc = (d << 32) | c
        result = ((p1 - p2 if subtract else p1 + p2) + acc) & 0xFFFFFFFFFFFFFFFF
        return result & MASK, result >> 32, ctl
    return model


def smulxy(x, y, accumulate, long):
    def model(a, b, c, d, ctl):
        product = half(a, x == "t") * half(b, y == "t")
        if long:
            result = (product + ((d << 32) | c)) & 0xFFFFFFFFFFFFFFFF
            return result & MASK, result >> 32, ctl
        if accumulate:
            result = product + signed32(c)
            return result & MASK, b, q_if(ctl, not fits32(result))
        return product & MASK, b, ctl
    return model


def smulwy(y, accumulate):
    def model(a, b, c, d, ctl):
        result = signed32(a) * half(b, y == "t") + ((signed32(c) << 16) if accumulate else 0)
        r0 = (result >> 16) & MASK
        return r0, b, q_if(ctl, accumulate and (result >> 16) != signed32(r0))
    return model


def smm(kind, rounding):
    def model(a, b, c, d, ctl):
        product = signed32(a) * signed32(b)
        if kind == "mul":
            result = product
        elif kind == "mla":
            result = (signed32(c) << 32) + product
        else:
            result = (signed32(c) << 32) - product
        if rounding:
            result += 0x80000000
        return (result >> 32) & MASK, b, ctl
    return model


def umaal(a, b, c, d, ctl):
    result = a * b + d + c
    return result & MASK, (result >> 32) & MASK, ctl


def usad(accumulate):
    def model(a, b, c, d, ctl):
        total = sum(abs(x - y) for x, y in zip(lanes(a, 8), lanes(b, 8)))
        return (total + (c if accumulate else 0)) & MASK, b, ctl
    return model


# ---- pack / extend ----

def pkhbt(shift):
    return lambda a, b, c, d, ctl: (((b << shift) & 0xFFFF0000) | (a & 0xFFFF), b, ctl)


def pkhtb(shift):
    def model(a, b, c, d, ctl):
        shifted = (signed32(b) >> shift) & MASK
        return (a & 0xFFFF0000) | (shifted & 0xFFFF), b, ctl
    return model


def extend_model(op, rot):
    def model(a, b, c, d, ctl):
        r = ror(b, rot)
        signed = op.startswith("s")
        if op in ("sxtb16", "uxtb16", "sxtab16", "uxtab16"):
            low, high = r & 0xFF, (r >> 16) & 0xFF
            if signed:
                low, high = s(low, 8), s(high, 8)
            if op.endswith("ab16"):
                low, high = (a & 0xFFFF) + low, (a >> 16) + high
            return pack([low, high], 16), b, ctl
        width = 8 if op.endswith("b") else 16
        part = r & ((1 << width) - 1)
        if signed:
            part = s(part, width)
        return (a + part) & MASK, b, ctl
    return model


# ---- saturating ----

def qop(kind):
    def model(a, b, c, d, ctl):
        sat = False
        x, y = signed32(a), signed32(b)
        if kind in ("qdadd", "qdsub"):
            y, sat = ssat(2 * y, 32)
        total = x + y if kind in ("qadd", "qdadd") else x - y
        result, sat2 = ssat(total, 32)
        return result & MASK, b, q_if(ctl, sat or sat2)
    return model


def qsub_clear(a, b, c, d, ctl):
    r0, _, _ = qop("qsub")(a, b, c, d, ctl)
    r1, _, st = qop("qadd")(b, b, c, d, ctl & ~Q_BIT)
    return r0, r1, st


def sat16(unsigned, n):
    def model(a, b, c, d, ctl):
        out, any_sat = [], False
        for v in lanes(a, 16):
            r, sat = (usat if unsigned else ssat)(s(v, 16), n)
            out.append(r)
            any_sat = any_sat or sat
        return pack(out, 16), b, q_if(ctl, any_sat)
    return model


def build():
    m = {}
    simd_ops = ["add16", "sub16", "asx", "sax", "add8", "sub8"]
    for p in ["s", "q", "sh", "u", "uq", "uh"]:
        for op in simd_ops:
            m[p + op] = simd_model(p, op)
    m["sel"] = lambda a, b, c, d, ctl: (sel(ge_of(ctl), a, b), b, ctl)
    m["sel_usub8"] = sel_after("u", "sub8", "r0", "r1")
    m["sel_ssub16"] = sel_after("s", "sub16", "r1", "r0")
    m["sel_sadd8"] = sel_after("s", "add8", "r2", "r3")
    m["sel_uadd16"] = sel_after("u", "add16", "r0", "r1")
    m["usad8"] = usad(False)
    m["usada8"] = usad(True)
    for name, sub, x in [("smlad", 0, 0), ("smladx", 0, 1), ("smlsd", 1, 0), ("smlsdx", 1, 1)]:
        m[name] = smlad_model(sub, x, True)
    for name, sub, x in [("smuad", 0, 0), ("smuadx", 0, 1), ("smusd", 1, 0), ("smusdx", 1, 1)]:
        m[name] = smlad_model(sub, x, False)
    for name, sub, x in [("smlald", 0, 0), ("smlaldx", 0, 1), ("smlsld", 1, 0), ("smlsldx", 1, 1)]:
        m[name] = smlald_model(sub, x)
    for x in "bt":
        for y in "bt":
            m["smul%s%s" % (x, y)] = smulxy(x, y, False, False)
            m["smla%s%s" % (x, y)] = smulxy(x, y, True, False)
            m["smlal%s%s" % (x, y)] = smulxy(x, y, True, True)
    for y in "bt":
        m["smulw" + y] = smulwy(y, False)
        m["smlaw" + y] = smulwy(y, True)
    for name, kind, r in [("smmul", "mul", 0), ("smmulr", "mul", 1), ("smmla", "mla", 0),
                          ("smmlar", "mla", 1), ("smmls", "mls", 0), ("smmlsr", "mls", 1)]:
        m[name] = smm(kind, r)
    m["umaal"] = umaal
    for sh in (0, 8, 31):
        m["pkhbt_%d" % sh] = pkhbt(sh)
    for sh in (1, 16, 32):
        m["pkhtb_%d" % sh] = pkhtb(sh)
    for op in ["sxtb16", "uxtb16", "sxtab16", "uxtab16", "sxtab", "sxtah", "uxtab", "uxtah"]:
        for r in (0, 8, 16, 24):
            m["%s_%d" % (op, r)] = extend_model(op, r)
    for k in ("qadd", "qsub", "qdadd", "qdsub"):
        m[k] = qop(k)
    m["qsub_clear"] = qsub_clear
    for n in (1, 8, 16):
        m["ssat16_%d" % n] = sat16(False, n)
    for n in (0, 7, 15):
        m["usat16_%d" % n] = sat16(True, n)
    return m


def simd(p):
    return [p + op for op in ["add16", "sub16", "asx", "sax", "add8", "sub8"]]


GROUPS = [
    ("simd_signed", simd("s")),
    ("simd_unsigned", simd("u")),
    ("simd_saturating", simd("q") + simd("uq")),
    ("simd_halving", simd("sh") + simd("uh")),
    ("sel", "sel sel_usub8 sel_ssub16 sel_sadd8 sel_uadd16".split()),
    ("usad", ["usad8", "usada8"]),
    ("dual_mac", "smlad smladx smlsd smlsdx smuad smuadx smusd smusdx smlald smlaldx smlsld smlsldx".split()),
    ("mul16", [n % (x, y) for x in "bt" for y in "bt" for n in ("smul%s%s", "smla%s%s", "smlal%s%s")]
     + "smulwb smlawb smulwt smlawt".split()),
    ("mmul", "smmul smmulr smmla smmlar smmls smmlsr umaal".split()),
    ("pack", "pkhbt_0 pkhbt_8 pkhbt_31 pkhtb_1 pkhtb_16 pkhtb_32".split()),
    ("extend", ["%s_%d" % (op, r) for op in ["sxtb16", "uxtb16", "sxtab16", "uxtab16", "sxtab", "sxtah",
                                             "uxtab", "uxtah"] for r in (0, 8, 16, 24)]),
    ("saturate", "qadd qsub qdadd qdsub qsub_clear ssat16_1 ssat16_8 ssat16_16 usat16_0 usat16_7 "
                 "usat16_15".split()),
]


def main():
    models = build()
    driver = m4common.Driver("torture_dsp")
    for name, kernels in GROUPS:
        driver.group(name, [(k, models[k]) for k in kernels], m4common.VALUES, m4common.VALUES,
                     0xF80F0000, 0, 0xF80F0000)
    driver.output()


if __name__ == "__main__":
    main()
