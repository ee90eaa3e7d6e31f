#!/usr/bin/env python3
"""Expected output of torture_fpu (FPv4-SP on the Cortex-M4F).

An independent model of the ARMv7-M ARM (DDI 0403E) floating-point
pseudocode, A2.5 "Floating-point data types and arithmetic": FPUnpack,
FPRound, FPProcessNaN(s), FPProcessNaNs3, FPAdd, FPSub, FPMul, FPDiv,
FPSqrt, FPMulAdd, FPCompare, FPToFixed, FixedToFP, FPSingleToHalf,
FPHalfToSingle, and FPSCR (A2.5.3 / B-series register description):

  bit 31-28 NZCV, 26 AHP, 25 DN, 24 FZ, 23-22 RMode (00 RN, 01 RP, 10 RM,
  11 RZ), 7 IDC, 4 IXC, 3 UFC, 2 OFC, 1 DZC, 0 IOC.

No host floating-point arithmetic is used: values are fractions.Fraction
and Python ints, and every rounding is done by fp_round() below, which
follows FPRound step by step (tininess before rounding, flush-to-zero on the
unrounded exponent, the round-up rules per RMode, overflow to infinity or
the largest normal). Fixed-point to float conversions round to nearest
whatever FPSCR.RMode says (the pseudocode passes round_to_nearest = TRUE);
VCVTB/VCVTT half-precision results are never flushed (FZ only applies to
single precision on ARMv7).

Usage: torture_fpu.py [--c-header | --trace]
"""
from fractions import Fraction

import m4common
from m4common import MASK

IOC, DZC, OFC, UFC, IXC, IDC = 1, 2, 4, 8, 16, 128
FMT = {32: (8, 23), 16: (5, 10)}


class Ctx:
    """One instruction's view of FPSCR: control bits in, cumulative flags out."""

    def __init__(self, fpscr):
        self.fpscr = fpscr
        self.rmode = (fpscr >> 22) & 3
        self.fz = (fpscr >> 24) & 1
        self.dn = (fpscr >> 25) & 1
        self.ahp = (fpscr >> 26) & 1

    def exc(self, flag):
        self.fpscr |= flag


def pow2(e):
    """2**e as a Fraction, from integer shifts."""
    return Fraction(1 << e) if e >= 0 else Fraction(1, 1 << -e)


def floor_log2(x):
    """Largest e with 2**e <= x, for a positive Fraction x."""
    e = x.numerator.bit_length() - x.denominator.bit_length()
    if (x.numerator << max(-e, 0)) < (x.denominator << max(e, 0)):
        e -= 1
    return e


def zero(sign, n):
    return sign << (n - 1)


def infinity(sign, n):
    e, f = FMT[n]
    return (sign << (n - 1)) | (((1 << e) - 1) << f)


def max_normal(sign, n):
    e, f = FMT[n]
    return (sign << (n - 1)) | (((1 << e) - 2) << f) | ((1 << f) - 1)


def default_nan(n):
    return 0x7FC00000 if n == 32 else 0x7E00


def unpack(bits, ctx, n=32):
    """FPUnpack: (type, sign, value). Types: zero, nonzero, inf, qnan, snan."""
    e_bits, f_bits = FMT[n]
    sign = bits >> (n - 1) & 1
    exp = (bits >> f_bits) & ((1 << e_bits) - 1)
    frac = bits & ((1 << f_bits) - 1)
    bias = (1 << (e_bits - 1)) - 1
    if exp == 0:
        if frac == 0 or (n == 32 and ctx.fz):
            if frac != 0:
                ctx.exc(IDC)
            return "zero", sign, Fraction(0)
        value = Fraction(frac, 1 << (f_bits + bias - 1))
    elif exp == (1 << e_bits) - 1 and not (n == 16 and ctx.ahp):
        if frac == 0:
            return "inf", sign, Fraction(1 << 1000) * (-1 if sign else 1)
        return ("qnan" if frac >> (f_bits - 1) else "snan"), sign, Fraction(0)
    else:
        value = Fraction((1 << f_bits) | frac, 1 << f_bits) * pow2(exp - bias)
    return "nonzero", sign, -value if sign else value


def fp_round(value, ctx, n=32):
    """FPRound for a non-zero value."""
    e_bits, f_bits = FMT[n]
    minimum_exp = 2 - (1 << (e_bits - 1))
    sign = 1 if value < 0 else 0
    mantissa = abs(value)
    exponent = floor_log2(mantissa)
    mantissa = mantissa / pow2(exponent)
    if ctx.fz and n != 16 and exponent < minimum_exp:
        ctx.exc(UFC)
        return zero(sign, n)
    biased_exp = max(exponent - minimum_exp + 1, 0)
    if biased_exp == 0:
        mantissa = mantissa / pow2(minimum_exp - exponent)
    scaled = mantissa * (1 << f_bits)
    int_mant = scaled.numerator // scaled.denominator
    error = scaled - int_mant
    if biased_exp == 0 and error != 0:
        ctx.exc(UFC)
    if ctx.rmode == 0:
        round_up = error > Fraction(1, 2) or (error == Fraction(1, 2) and int_mant & 1)
        overflow_to_inf = True
    elif ctx.rmode == 1:
        round_up = error != 0 and sign == 0
        overflow_to_inf = sign == 0
    elif ctx.rmode == 2:
        round_up = error != 0 and sign == 1
        overflow_to_inf = sign == 1
    else:
        round_up = False
        overflow_to_inf = False
    if round_up:
        int_mant += 1
        if int_mant == 1 << f_bits:
            biased_exp = 1
        if int_mant == 1 << (f_bits + 1):
            biased_exp += 1
            int_mant >>= 1
    if not (n == 16 and ctx.ahp):
        if biased_exp >= (1 << e_bits) - 1:
            result = infinity(sign, n) if overflow_to_inf else max_normal(sign, n)
            ctx.exc(OFC)
            error = 1
        else:
            result = (sign << (n - 1)) | (biased_exp << f_bits) | (int_mant & ((1 << f_bits) - 1))
    else:
        if biased_exp >= (1 << e_bits):
            result = (sign << (n - 1)) | ((1 << (n - 1)) - 1)
            ctx.exc(IOC)
            error = 0
        else:
            result = (sign << (n - 1)) | (biased_exp << f_bits) | (int_mant & ((1 << f_bits) - 1))
    if error != 0:
        ctx.exc(IXC)
    return result


def round_or_zero(value, ctx):
    """An exact zero result is +0, or -0 when rounding toward minus infinity."""
    if value == 0:
        return zero(1 if ctx.rmode == 2 else 0, 32)
    return fp_round(value, ctx)


def process_nan(kind, bits, ctx):
    if kind == "snan":
        ctx.exc(IOC)
        bits |= 0x00400000
    return default_nan(32) if ctx.dn else bits


def process_nans(t1, t2, op1, op2, ctx):
    if t1 == "snan":
        return process_nan(t1, op1, ctx)
    if t2 == "snan":
        return process_nan(t2, op2, ctx)
    if t1 == "qnan":
        return process_nan(t1, op1, ctx)
    if t2 == "qnan":
        return process_nan(t2, op2, ctx)
    return None


def neg(bits):
    return bits ^ 0x80000000


def fp_add(op1, op2, ctx):
    t1, s1, v1 = unpack(op1, ctx)
    t2, s2, v2 = unpack(op2, ctx)
    nan = process_nans(t1, t2, op1, op2, ctx)
    if nan is not None:
        return nan
    inf1, inf2 = t1 == "inf", t2 == "inf"
    if inf1 and inf2 and s1 != s2:
        ctx.exc(IOC)
        return default_nan(32)
    if (inf1 and s1 == 0) or (inf2 and s2 == 0):
        return infinity(0, 32)
    if (inf1 and s1 == 1) or (inf2 and s2 == 1):
        return infinity(1, 32)
    if t1 == "zero" and t2 == "zero" and s1 == s2:
        return zero(s1, 32)
    return round_or_zero(v1 + v2, ctx)


def fp_sub(op1, op2, ctx):
    t1, s1, v1 = unpack(op1, ctx)
    t2, s2, v2 = unpack(op2, ctx)
    nan = process_nans(t1, t2, op1, op2, ctx)
    if nan is not None:
        return nan
    inf1, inf2 = t1 == "inf", t2 == "inf"
    if inf1 and inf2 and s1 == s2:
        ctx.exc(IOC)
        return default_nan(32)
    if (inf1 and s1 == 0) or (inf2 and s2 == 1):
        return infinity(0, 32)
    if (inf1 and s1 == 1) or (inf2 and s2 == 0):
        return infinity(1, 32)
    if t1 == "zero" and t2 == "zero" and s1 != s2:
        return zero(s1, 32)
    return round_or_zero(v1 - v2, ctx)


def fp_mul(op1, op2, ctx):
    t1, s1, v1 = unpack(op1, ctx)
    t2, s2, v2 = unpack(op2, ctx)
    nan = process_nans(t1, t2, op1, op2, ctx)
    if nan is not None:
        return nan
    inf1, inf2, zero1, zero2 = t1 == "inf", t2 == "inf", t1 == "zero", t2 == "zero"
    if (inf1 and zero2) or (zero1 and inf2):
        ctx.exc(IOC)
        return default_nan(32)
    if inf1 or inf2:
        return infinity(s1 ^ s2, 32)
    if zero1 or zero2:
        return zero(s1 ^ s2, 32)
    return fp_round(v1 * v2, ctx)


def fp_div(op1, op2, ctx):
    t1, s1, v1 = unpack(op1, ctx)
    t2, s2, v2 = unpack(op2, ctx)
    nan = process_nans(t1, t2, op1, op2, ctx)
    if nan is not None:
        return nan
    inf1, inf2, zero1, zero2 = t1 == "inf", t2 == "inf", t1 == "zero", t2 == "zero"
    if (inf1 and inf2) or (zero1 and zero2):
        ctx.exc(IOC)
        return default_nan(32)
    if inf1 or zero2:
        if not inf1:
            ctx.exc(DZC)
        return infinity(s1 ^ s2, 32)
    if zero1 or inf2:
        return zero(s1 ^ s2, 32)
    return fp_round(v1 / v2, ctx)


def isqrt(n):
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def fp_sqrt(op, ctx):
    t, s, v = unpack(op, ctx)
    if t in ("snan", "qnan"):
        return process_nan(t, op, ctx)
    if t == "zero":
        return zero(s, 32)
    if t == "inf" and s == 0:
        return infinity(0, 32)
    if s == 1:
        ctx.exc(IOC)
        return default_nan(32)
    # sqrt(p/q) = sqrt(p*q)/q, computed to 200 fraction bits; a non-exact root
    # gets a half unit added, which no rounding boundary can be (the root of a
    # 24-bit number is never a 25-bit midpoint unless it is exact).
    p, q = v.numerator, v.denominator
    k = 200
    scaled = p * q << (2 * k)
    root = isqrt(scaled)
    if root * root == scaled:
        value = Fraction(root, q << k)
    else:
        value = Fraction(2 * root + 1, q << (k + 1))
    return fp_round(value, ctx)


def fp_mul_add(addend, op1, op2, ctx):
    """FPMulAdd: addend + op1 * op2 with a single rounding."""
    ta, sa, va = unpack(addend, ctx)
    t1, s1, v1 = unpack(op1, ctx)
    t2, s2, v2 = unpack(op2, ctx)
    inf1, inf2, zero1, zero2 = t1 == "inf", t2 == "inf", t1 == "zero", t2 == "zero"
    result = None
    for t, bits in ((ta, addend), (t1, op1), (t2, op2)):
        if t == "snan":
            result = process_nan(t, bits, ctx)
            break
    else:
        for t, bits in ((ta, addend), (t1, op1), (t2, op2)):
            if t == "qnan":
                result = process_nan(t, bits, ctx)
                break
    if ta == "qnan" and ((inf1 and zero2) or (zero1 and inf2)):
        ctx.exc(IOC)
        return default_nan(32)
    if result is not None:
        return result
    infa, zeroa = ta == "inf", ta == "zero"
    sp = s1 ^ s2
    infp, zerop = inf1 or inf2, zero1 or zero2
    if (inf1 and zero2) or (zero1 and inf2) or (infa and infp and sa != sp):
        ctx.exc(IOC)
        return default_nan(32)
    if (infa and sa == 0) or (infp and sp == 0):
        return infinity(0, 32)
    if (infa and sa == 1) or (infp and sp == 1):
        return infinity(1, 32)
    if zeroa and zerop and sa == sp:
        return zero(sa, 32)
    return round_or_zero(va + v1 * v2, ctx)


def fp_compare(op1, op2, quiet_nan_exc, ctx):
    t1, s1, v1 = unpack(op1, ctx)
    t2, s2, v2 = unpack(op2, ctx)
    if t1 in ("snan", "qnan") or t2 in ("snan", "qnan"):
        if t1 == "snan" or t2 == "snan" or quiet_nan_exc:
            ctx.exc(IOC)
        return 0b0011
    if v1 == v2:
        return 0b0110
    return 0b1000 if v1 < v2 else 0b0010


def fp_to_fixed(op, size, fbits, unsigned, round_zero, ctx):
    saved = ctx.rmode
    if round_zero:
        ctx.rmode = 3
    t, s, v = unpack(op, ctx)
    if t in ("snan", "qnan"):
        ctx.exc(IOC)
    v = v * (1 << fbits)
    int_result = v.numerator // v.denominator
    error = v - int_result
    if ctx.rmode == 0:
        round_up = error > Fraction(1, 2) or (error == Fraction(1, 2) and int_result & 1)
    elif ctx.rmode == 1:
        round_up = error != 0
    elif ctx.rmode == 2:
        round_up = False
    else:
        round_up = error != 0 and int_result < 0
    ctx.rmode = saved
    if round_up:
        int_result += 1
    low, high = (0, (1 << size) - 1) if unsigned else (-(1 << (size - 1)), (1 << (size - 1)) - 1)
    if int_result > high or int_result < low:
        ctx.exc(IOC)
        int_result = max(low, min(high, int_result))
    elif error != 0:
        ctx.exc(IXC)
    return int_result


def fixed_to_fp(bits, size, fbits, unsigned, round_nearest, ctx):
    value = bits & ((1 << size) - 1)
    if not unsigned and value >> (size - 1):
        value -= 1 << size
    real = Fraction(value, 1 << fbits)
    if real == 0:
        return 0
    saved = ctx.rmode
    if round_nearest:
        ctx.rmode = 0
    result = fp_round(real, ctx)
    ctx.rmode = saved
    return result


def single_to_half(op, ctx):
    t, s, v = unpack(op, ctx)
    if t in ("snan", "qnan"):
        if ctx.ahp:
            result = zero(s, 16)
        elif ctx.dn:
            result = default_nan(16)
        else:
            result = (s << 15) | 0x7E00 | ((op >> 13) & 0x1FF)
        if t == "snan" or ctx.ahp:
            ctx.exc(IOC)
        return result
    if t == "inf":
        if ctx.ahp:
            ctx.exc(IOC)
            return (s << 15) | 0x7FFF
        return infinity(s, 16)
    if t == "zero":
        return zero(s, 16)
    return fp_round(v, ctx, 16)


def half_to_single(op, ctx):
    t, s, v = unpack(op, ctx, 16)
    if t in ("snan", "qnan"):
        result = default_nan(32) if ctx.dn else (s << 31) | 0x7FC00000 | ((op & 0x1FF) << 13)
        if t == "snan":
            ctx.exc(IOC)
        return result
    if t == "inf":
        return infinity(s, 32)
    if t == "zero":
        return zero(s, 32)
    return fp_round(v, ctx)


# ---- kernels: (a, b, c, d, fpscr) -> (s0, s1, fpscr) ----

def k2(fn):
    def model(a, b, c, d, ctl):
        ctx = Ctx(ctl)
        return fn(a, b, ctx), b, ctx.fpscr
    return model


def chain3(a, b, c, d, ctl):
    ctx = Ctx(ctl)
    s4 = fp_add(a, b, ctx)
    s5 = fp_mul(s4, b, ctx)
    return fp_div(s5, a, ctx), s4, ctx.fpscr


def s3_of(d):
    return (d & 0x807FFFFF) | 0x3F000000


def mac(op, square):
    def model(a, b, c, d, ctl):
        ctx = Ctx(ctl)
        n = b
        m = b if square else s3_of(d)
        if op in ("vmla", "vmls", "vnmla", "vnmls"):
            product = fp_mul(n, m, ctx)
            if op == "vmla":
                r = fp_add(a, product, ctx)
            elif op == "vmls":
                r = fp_add(a, neg(product), ctx)
            elif op == "vnmla":
                r = fp_add(neg(a), neg(product), ctx)
            else:
                r = fp_add(neg(a), product, ctx)
        else:
            if op == "vfma":
                r = fp_mul_add(a, n, m, ctx)
            elif op == "vfms":
                r = fp_mul_add(a, neg(n), m, ctx)
            elif op == "vfnma":
                r = fp_mul_add(neg(a), neg(n), m, ctx)
            else:
                r = fp_mul_add(neg(a), n, m, ctx)
        return r, b, ctx.fpscr
    return model


def compare(quiet_exc, with_zero):
    def model(a, b, c, d, ctl):
        ctx = Ctx(ctl)
        nzcv = fp_compare(a, 0 if with_zero else b, quiet_exc, ctx)
        fpscr = (ctx.fpscr & 0x0FFFFFFF) | (nzcv << 28)
        return a, nzcv << 28, fpscr
    return model


def to_int(size, fbits, unsigned, round_zero):
    def model(a, b, c, d, ctl):
        ctx = Ctx(ctl)
        r = fp_to_fixed(a, size, fbits, unsigned, round_zero, ctx)
        return r & MASK, b, ctx.fpscr
    return model


def from_int(size, fbits, unsigned, round_nearest):
    def model(a, b, c, d, ctl):
        ctx = Ctx(ctl)
        return fixed_to_fp(a, size, fbits, unsigned, round_nearest, ctx), b, ctx.fpscr
    return model


def cvt_to_half(top):
    def model(a, b, c, d, ctl):
        ctx = Ctx(ctl)
        h = single_to_half(b, ctx)
        r = (a & 0x0000FFFF) | (h << 16) if top else (a & 0xFFFF0000) | h
        return r, b, ctx.fpscr
    return model


def cvt_from_half(top):
    def model(a, b, c, d, ctl):
        ctx = Ctx(ctl)
        return half_to_single((b >> 16) if top else (b & 0xFFFF), ctx), b, ctx.fpscr
    return model


def vmov_imm(a, b, c, d, ctl):
    ctx = Ctx(ctl)
    return fp_add(0x3F800000, 0xBE400000, ctx), 0x41F80000, ctx.fpscr


def vstm_vldm(a, b, c, d, ctl):
    ctx = Ctx(ctl)
    return fp_add(d, a, ctx), 16, ctx.fpscr


def fpscr_rw(a, b, c, d, ctl):
    value = a & 0xF7C0009F
    return value, value, value


MODELS = {
    "vadd": k2(fp_add), "vsub": k2(fp_sub), "vmul": k2(fp_mul),
    "vnmul": k2(lambda a, b, ctx: neg(fp_mul(a, b, ctx))),
    "vdiv": k2(fp_div), "vdiv_ba": k2(lambda a, b, ctx: fp_div(b, a, ctx)),
    "chain3": chain3,
    "vsqrt": k2(lambda a, b, ctx: fp_sqrt(a, ctx)),
    "vabs": k2(lambda a, b, ctx: a & 0x7FFFFFFF),
    "vneg": k2(lambda a, b, ctx: neg(a)),
    "vmov_reg": lambda a, b, c, d, ctl: (c, a, ctl),
    "vcmp": compare(False, False), "vcmpe": compare(True, False),
    "vcmp0": compare(False, True), "vcmpe0": compare(True, True),
    "cvt_s32": to_int(32, 0, False, True), "cvt_u32": to_int(32, 0, True, True),
    "cvtr_s32": to_int(32, 0, False, False), "cvtr_u32": to_int(32, 0, True, False),
    "cvt_f_s32": from_int(32, 0, False, False), "cvt_f_u32": from_int(32, 0, True, False),
    "cvt_s16_8": to_int(16, 8, False, True), "cvt_u16_4": to_int(16, 4, True, True),
    "cvt_s16_16": to_int(16, 16, False, True), "cvt_s32_16": to_int(32, 16, False, True),
    "cvt_u32_1": to_int(32, 1, True, True), "cvt_s32_31": to_int(32, 31, False, True),
    "cvt_f_s16_8": from_int(16, 8, False, True), "cvt_f_u16_15": from_int(16, 15, True, True),
    "cvt_f_s16_1": from_int(16, 1, False, True),
    "cvt_f_s32_16": from_int(32, 16, False, True), "cvt_f_u32_31": from_int(32, 31, True, True),
    "cvt_f_s32_1": from_int(32, 1, False, True),
    "cvtb_f16": cvt_to_half(False), "cvtt_f16": cvt_to_half(True),
    "cvtb_f32": cvt_from_half(False), "cvtt_f32": cvt_from_half(True),
    "vmov_imm": vmov_imm,
    "vmov_imm2": lambda a, b, c, d, ctl: (0x3E000000, 0xC0200000, ctl),
    "vmov_pair": lambda a, b, c, d, ctl: (d, c, ctl),
    "vmov_core": lambda a, b, c, d, ctl: (c ^ d, ((c ^ d) + 1) & MASK, ctl),
    "vldr_vstr": lambda a, b, c, d, ctl: (c, d, ctl),
    "vstm_vldm": vstm_vldm,
    "vstmdb": lambda a, b, c, d, ctl: (b, d, ctl),
    "vpush_vpop": lambda a, b, c, d, ctl: (d, c, ctl),
    "vpush_d": lambda a, b, c, d, ctl: (d, a, ctl),
    "fpscr_rw": fpscr_rw,
}
for _op in ("vmla", "vmls", "vnmla", "vnmls", "vfma", "vfms", "vfnma", "vfnms"):
    MODELS[_op + "_sq"] = mac(_op, True)
    MODELS[_op + "_m"] = mac(_op, False)

FVALUES = [
    0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3FC00000, 0x40400000,
    0x3F800001, 0x3EAAAAAB, 0x3DCCCCCD, 0x7F7FFFFF, 0xFF7FFFFF, 0x00800000,
    0x80800000, 0x00000001, 0x807FFFFF, 0x00400000, 0x7F800000, 0xFF800000,
    0x7FC00000, 0xFFC12345, 0x7F800001, 0x7FA00005, 0x4B000000, 0x4F000000,
    0xCF000000, 0x4F800000, 0x3F000000, 0x3FFFFFFF, 0x00FFFFFF, 0x0C000000,
    0x33800000, 0x5F800000,
]
FMAC = FVALUES + [0x3F800800, 0x3FAAAAAB, 0x3F7FFFFF, 0xBF800400]
FWIDE = FVALUES + m4common.lcg_values(0x2545F491, 16)
FCVT = FVALUES + [
    0x40200000, 0xC0200000, 0x40600000, 0x3F000000, 0xBF000000, 0xBF400000,
    0x4EFFFFFF, 0xCF000001, 0x4F7FFFFF, 0x3F7FFFFF, 0x46FFFE00, 0xC7000080,
    0x477FFF80, 0x47800000, 0x3E800000, 0xC6FFFFC0,
] + m4common.EDGE_VALUES + m4common.lcg_values(0x2545F491, 8)
FHALF = FVALUES + [0x3C007E00, 0x7C010001, 0xFBFF7BFF, 0x04008001,
                   0x7D00FE00, 0x00007C00, 0xFC0003FF, 0x80003555]
ZERO = [0]
RND = 0x03C00000
GROUPS = [
    ("arith", "vadd vsub vmul vnmul vdiv vdiv_ba chain3", FVALUES, FVALUES, RND),
    ("unary", "vsqrt vabs vneg vmov_reg", FWIDE, ZERO, RND),
    ("mac_chained", "vmla_sq vmla_m vmls_sq vmls_m vnmla_sq vnmla_m vnmls_sq vnmls_m", FVALUES, FMAC, RND),
    ("mac_fused", "vfma_sq vfma_m vfms_sq vfms_m vfnma_sq vfnma_m vfnms_sq vfnms_m", FVALUES, FMAC, RND),
    ("compare", "vcmp vcmpe vcmp0 vcmpe0", FVALUES, FVALUES, RND),
    ("convert_int", "cvt_s32 cvt_u32 cvtr_s32 cvtr_u32 cvt_f_s32 cvt_f_u32", FCVT, ZERO, RND),
    ("convert_fixed", "cvt_s16_8 cvt_u16_4 cvt_s16_16 cvt_s32_16 cvt_u32_1 cvt_s32_31 cvt_f_s16_8 "
                      "cvt_f_u16_15 cvt_f_s16_1", FCVT, ZERO, RND),
    ("convert_fixed32", "cvt_f_s32_16 cvt_f_u32_31 cvt_f_s32_1", FCVT, ZERO, RND),
    ("convert_half", "cvtb_f16 cvtt_f16 cvtb_f32 cvtt_f32", FVALUES, FHALF, 0x07C00000),
    ("moves_memory", "vmov_imm vmov_imm2 vmov_pair vmov_core vldr_vstr vstm_vldm vstmdb vpush_vpop "
                     "vpush_d fpscr_rw", FVALUES, FVALUES, RND),
]


def main():
    driver = m4common.Driver("torture_fpu")
    for name, kernels, as_, bs, mask in GROUPS:
        driver.group(name, [(k, MODELS[k]) for k in kernels.split()], as_, bs, mask, 0, 0xF7C0009F)
    driver.output()


if __name__ == "__main__":
    main()
