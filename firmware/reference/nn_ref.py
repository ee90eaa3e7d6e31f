"""Bit-exact numpy interpreter of fully int8 TFLite models (the Python reference).

Written from the TFLite quantization specification and the arithmetic of the
TFLite reference kernels as documented (gemmlowp fixed point: saturating rounding
doubling high multiply, rounding divide by power of two; QuantizeMultiplier via
frexp and round-half-away-from-zero), not from the C kernels in firmware/nn/.
Whole tensors are computed at once with int64 numpy arrays; softmax, which works
on a handful of values, is scalar Python.

  macs_and_params(model) -> (MACs, weight + bias elements)
  run(model, input_int8) -> output int8 array (flat)
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import tflite_fb  # noqa: E402

INT32_MIN, INT32_MAX = -(1 << 31), (1 << 31) - 1
SUPPORTED = ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "AVERAGE_POOL_2D", "MAX_POOL_2D",
             "ADD", "SOFTMAX", "RESHAPE")


# ---- integer helpers (vectorised over int64 arrays holding int32 values) ----------

def wrap32(x):
    return ((np.asarray(x, np.int64) + (1 << 31)) & 0xFFFFFFFF) - (1 << 31)


def srdhm(a, b):
    """SaturatingRoundingDoublingHighMul: round(a*b / 2^31), saturating INT32_MIN^2."""
    a = np.asarray(a, np.int64)
    b = np.asarray(b, np.int64)
    ab = a * b
    nudge = np.where(ab >= 0, 1 << 30, 1 - (1 << 30))
    v = ab + nudge
    q = np.where(v >= 0, v >> 31, -((-v) >> 31))  # C division truncates towards zero
    return np.where((a == INT32_MIN) & (b == INT32_MIN), INT32_MAX, q)


def rdbp(x, exponent):
    """RoundingDivideByPOT: x / 2^exponent rounded half away from zero."""
    x = np.asarray(x, np.int64)
    exponent = np.asarray(exponent, np.int64)
    mask = (np.int64(1) << exponent) - 1
    remainder = x & mask
    threshold = (mask >> 1) + (x < 0)
    return (x >> exponent) + (remainder > threshold)


def mbqm(x, multiplier, shift):
    """MultiplyByQuantizedMultiplier (shift > 0 shifts left before the multiply)."""
    shift = np.asarray(shift, np.int64)
    left = np.maximum(shift, 0)
    right = np.maximum(-shift, 0)
    return rdbp(srdhm(wrap32(np.asarray(x, np.int64) << left), multiplier), right)


def quantize_multiplier(real):
    """(multiplier Q31, shift) with real = multiplier * 2^(shift - 31)."""
    if real == 0.0:
        return 0, 0
    q, shift = math.frexp(real)
    q_fixed = int(math.floor(abs(q) * (1 << 31) + 0.5)) * (1 if q > 0 else -1)
    if q_fixed == (1 << 31):
        q_fixed //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    if shift > 30:
        return INT32_MAX, 30
    return q_fixed, shift


def activation_range(activation, scale, zero_point):
    if activation == "NONE":
        return -128, 127
    if activation == "RELU":
        return max(-128, zero_point), 127
    if activation == "RELU6":
        six = float(np.float32(6.0) / np.float32(scale))
        return max(-128, zero_point), min(127, zero_point + int(math.copysign(math.floor(abs(six) + 0.5), six)))
    raise ValueError("activation %s" % activation)


def padding(opts, in_h, in_w, k_h, k_w):
    sh, sw = opts["stride_h"], opts["stride_w"]
    if opts["padding"] == "SAME":
        out_h, out_w = (in_h + sh - 1) // sh, (in_w + sw - 1) // sw
        pad_h = max((out_h - 1) * sh + k_h - in_h, 0) // 2
        pad_w = max((out_w - 1) * sw + k_w - in_w, 0) // 2
    else:
        out_h, out_w = (in_h - k_h + sh) // sh, (in_w - k_w + sw) // sw
        pad_h = pad_w = 0
    return out_h, out_w, pad_h, pad_w


def values(tensor):
    dtype = {"int8": "<i1", "int32": "<i4"}[tensor.type]
    return np.frombuffer(tensor.data, dtype=dtype).astype(np.int64).reshape(tensor.shape)


# ---- softmax (gemmlowp fixed point, scalar) ------------------------------------------

def _s(a, b):
    return int(srdhm(a, b))


def _rdbp(x, e):
    return int(rdbp(x, e))


def _sat_mul_pot(x, exponent):
    if exponent < 0:
        return _rdbp(x, -exponent)
    threshold = (1 << (31 - exponent)) - 1
    if x > threshold:
        return INT32_MAX
    if x < -threshold:
        return INT32_MIN
    return x << exponent


def _exp_quarter(a):
    """exp(x) for x in [-1/4, 0), Q0.31 in and out (Taylor series around -1/8)."""
    x = a + (1 << 28)
    x2 = _s(x, x)
    x3 = _s(x2, x)
    x4 = _s(x2, x2)
    x4_over_4 = _rdbp(x4, 2)
    poly = _rdbp(_s(x4_over_4 + x3, 715827883) + x2, 1)
    return 1895147668 + _s(1895147668, x + poly)


def exp_on_negative_values(a):
    """exp(a) for a <= 0 in Q5.26, result in Q0.31."""
    one_quarter = 1 << 24
    a_mod = (a & (one_quarter - 1)) - one_quarter
    result = _exp_quarter(_sat_mul_pot(a_mod, 5))
    remainder = a_mod - a
    for exponent, multiplier in ((-2, 1672461947), (-1, 1302514674), (0, 790015084), (1, 290630308),
                                 (2, 39332535), (3, 720401), (4, 242)):
        if remainder & (1 << (26 + exponent)):
            result = _s(result, multiplier)
    return INT32_MAX if a == 0 else result


def one_over_one_plus_x(a):
    """1 / (1 + a) for a in [0, 1) Q0.31, Newton-Raphson in Q2.29, result Q0.31."""
    total = a + INT32_MAX
    half_denominator = (total + (1 if total >= 0 else -1)) // 2 if total >= 0 else -((-total + 1) // 2)
    x = 1515870810 + _s(half_denominator, -1010580540)
    for _ in range(3):
        one_minus = (1 << 29) - _s(half_denominator, x)
        x = x + _sat_mul_pot(_s(x, one_minus), 2)
    return _sat_mul_pot(x, 1)


def softmax_params(beta, input_scale):
    real = min(beta * input_scale * float(1 << 26), float((1 << 31) - 1))
    multiplier, left_shift = quantize_multiplier(real)
    assert left_shift >= 0
    radius = math.floor(31.0 * (1 << 26) / (1 << left_shift))
    return multiplier, left_shift, -radius


def softmax_row(row, multiplier, left_shift, diff_min):
    row = [int(v) for v in row]
    top = max(row)
    sum_of_exps = 0
    for v in row:
        diff = v - top
        if diff >= diff_min:
            sum_of_exps += _rdbp(exp_on_negative_values(_s(diff * (1 << left_shift), multiplier)), 12)
    headroom = 32 - sum_of_exps.bit_length()
    bits_over_unit = 12 - headroom
    shifted_scale = one_over_one_plus_x(((sum_of_exps << headroom) & 0xFFFFFFFF) - (1 << 31))
    out = []
    for v in row:
        diff = v - top
        if diff >= diff_min:
            e = exp_on_negative_values(_s(diff * (1 << left_shift), multiplier))
            out.append(max(-128, min(127, _rdbp(_s(shifted_scale, e), bits_over_unit + 23) - 128)))
        else:
            out.append(-128)
    return out


# ---- the interpreter ------------------------------------------------------------------

def macs_and_params(model):
    macs = params = 0
    for op in model.operators:
        t = model.tensors
        if op.name == "CONV_2D":
            out, w = t[op.outputs[0]], t[op.inputs[1]]
            macs += int(np.prod(out.shape)) * w.shape[1] * w.shape[2] * w.shape[3]
        elif op.name == "DEPTHWISE_CONV_2D":
            out, w = t[op.outputs[0]], t[op.inputs[1]]
            macs += int(np.prod(out.shape)) * w.shape[1] * w.shape[2]
        elif op.name == "FULLY_CONNECTED":
            w = t[op.inputs[1]]
            macs += w.shape[0] * w.shape[1]
        if op.name in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED"):
            for i in op.inputs[1:]:
                if i >= 0:
                    params += t[i].element_count()
    return macs, params


def run(model, input_values):
    """Runs the model on one int8 input; returns the output as a flat int64 array."""
    T = model.tensors
    act = {model.inputs[0]: np.asarray(input_values, np.int64).reshape(T[model.inputs[0]].shape)}
    for op in model.operators:
        if op.name not in SUPPORTED:
            raise ValueError("unsupported operator %s" % op.name)
        o = tflite_fb.options(op)
        x_t, y_t = T[op.inputs[0]], T[op.outputs[0]]
        x = act[op.inputs[0]]
        s_in, zp_in = x_t.scale[0], x_t.zero_point[0]
        s_out, zp_out = y_t.scale[0], y_t.zero_point[0]
        if op.name in ("CONV_2D", "DEPTHWISE_CONV_2D"):
            w_t = T[op.inputs[1]]
            w = values(w_t)
            bias = values(T[op.inputs[2]]) if len(op.inputs) > 2 and op.inputs[2] >= 0 else None
            _, in_h, in_w, in_c = x_t.shape
            if op.name == "CONV_2D":
                out_c, k_h, k_w, _ = w.shape
            else:
                _, k_h, k_w, out_c = w.shape
            out_h, out_w, pad_h, pad_w = padding(o, in_h, in_w, k_h, k_w)
            sh, sw = o["stride_h"], o["stride_w"]
            xp = np.zeros((in_h + k_h + sh * out_h, in_w + k_w + sw * out_w, in_c), np.int64)
            xp[pad_h:pad_h + in_h, pad_w:pad_w + in_w, :] = x[0] - zp_in
            acc = np.zeros((out_h, out_w, out_c), np.int64)
            for ky in range(k_h):
                for kx in range(k_w):
                    win = xp[ky:ky + sh * (out_h - 1) + 1:sh, kx:kx + sw * (out_w - 1) + 1:sw, :]
                    if op.name == "CONV_2D":
                        acc += win @ w[:, ky, kx, :].T
                    else:
                        mult = out_c // in_c
                        acc += np.repeat(win, mult, axis=2) * w[0, ky, kx, :]
            if bias is not None:
                acc += bias
            scales = w_t.scale if len(w_t.scale) == out_c else w_t.scale * out_c
            mq = [quantize_multiplier(float(s_in) * float(s) / float(s_out)) for s in scales]
            y = mbqm(acc, [m for m, _ in mq], [s for _, s in mq]) + zp_out
            lo, hi = activation_range(o["activation"], s_out, zp_out)
            y = np.clip(y, lo, hi).reshape(y_t.shape)
        elif op.name == "FULLY_CONNECTED":
            w_t = T[op.inputs[1]]
            w = values(w_t)
            bias = values(T[op.inputs[2]]) if len(op.inputs) > 2 and op.inputs[2] >= 0 else 0
            acc = (x.reshape(-1, w.shape[1]) - zp_in) @ w.T + bias
            m, s = quantize_multiplier(float(s_in) * float(w_t.scale[0]) / float(s_out))
            lo, hi = activation_range(o["activation"], s_out, zp_out)
            y = np.clip(mbqm(acc, m, s) + zp_out, lo, hi).reshape(y_t.shape)
        elif op.name in ("AVERAGE_POOL_2D", "MAX_POOL_2D"):
            _, in_h, in_w, c = x_t.shape
            k_h, k_w = o["filter_h"], o["filter_w"]
            out_h, out_w, pad_h, pad_w = padding(o, in_h, in_w, k_h, k_w)
            y = np.zeros((out_h, out_w, c), np.int64)
            for oy in range(out_h):
                for ox in range(out_w):
                    y0, x0 = oy * o["stride_h"] - pad_h, ox * o["stride_w"] - pad_w
                    win = x[0, max(y0, 0):min(y0 + k_h, in_h), max(x0, 0):min(x0 + k_w, in_w), :].reshape(-1, c)
                    if op.name == "MAX_POOL_2D":
                        y[oy, ox] = win.max(0)
                    else:
                        n = win.shape[0]
                        total = win.sum(0)
                        y[oy, ox] = np.where(total > 0, (total + n // 2) // n, -((-total + n // 2) // n))
            lo, hi = activation_range(o["activation"], s_out, zp_out)
            y = np.clip(y, lo, hi).reshape(y_t.shape)
        elif op.name == "ADD":
            b_t = T[op.inputs[1]]
            b = act[op.inputs[1]]
            s2, zp2 = b_t.scale[0], b_t.zero_point[0]
            twice_max = 2.0 * float(max(np.float32(s_in), np.float32(s2)))
            m1, e1 = quantize_multiplier(float(s_in) / twice_max)
            m2, e2 = quantize_multiplier(float(s2) / twice_max)
            mo, eo = quantize_multiplier(twice_max / ((1 << 20) * float(s_out)))
            a1 = mbqm((x - zp_in) << 20, m1, e1)
            a2 = mbqm((b - zp2) << 20, m2, e2)
            lo, hi = activation_range(o["activation"], s_out, zp_out)
            y = np.clip(mbqm(a1 + a2, mo, eo) + zp_out, lo, hi)
        elif op.name == "RESHAPE":
            y = x.reshape(y_t.shape)
        elif op.name == "SOFTMAX":
            multiplier, left_shift, diff_min = softmax_params(float(o["beta"]), float(s_in))
            rows = x.reshape(-1, x_t.shape[-1])
            y = np.array([softmax_row(r, multiplier, left_shift, diff_min) for r in rows],
                         np.int64).reshape(y_t.shape)
        act[op.outputs[0]] = y
    return act[model.outputs[0]].reshape(-1)


def load(path):
    with open(path, "rb") as f:
        return tflite_fb.Model(f.read())
