#!/usr/bin/env python3
"""Expected stdout of src/digits_main.c (--variant int8|pruned) and src/digits_float.c (--variant float).

int8 variants: every held-out image of models/digits_testset.c through nn_ref (bit-exact
int8) on models/digits.tflite or models/digits_pruned.tflite. float: numpy float32 with the
C kernels' summation order (bias first, taps in (ky, kx, ic) order, out-of-bounds taps
skipped, no fused multiply-add), on the weights of models/digits_float_weights.c.
"""
import argparse
import os
import re

import numpy as np

import nn_inputs
import nn_model
import nn_ref

F32 = np.float32


def float_weights():
    with open(os.path.join(nn_inputs.FIRMWARE, "models", "digits_float_weights.c")) as f:
        text = f.read()
    out = {}
    for name, body in re.findall(r"const float digits_float_(\w+)\[\d+\] = \{(.*?)\};", text, re.S):
        out[name] = np.array([F32(float(v)) for v in re.findall(r"(-?[0-9.eE+-]+)f", body)], F32)
    return out


def conv_same_relu(x, w, b, k=3):
    """x [B,H,W,C] float32; w OHWI flat; sums in the order of nn_conv2d_same_relu_f32."""
    bsz, h, wd, c = x.shape
    o = len(b)
    w = w.reshape(o, k, k, c)
    acc = np.broadcast_to(b, (bsz, h, wd, o)).astype(F32).copy()
    pad = k // 2
    xp = np.zeros((bsz, h + 2 * pad, wd + 2 * pad, c), F32)
    xp[:, pad:pad + h, pad:pad + wd] = x
    valid = np.zeros((h + 2 * pad, wd + 2 * pad), bool)
    valid[pad:pad + h, pad:pad + wd] = True
    for ky in range(k):
        for kx in range(k):
            win = xp[:, ky:ky + h, kx:kx + wd, :]
            ok = valid[ky:ky + h, kx:kx + wd][None, :, :, None]
            for ic in range(c):
                acc = np.where(ok, (acc + win[..., ic:ic + 1] * w[:, ky, kx, ic]).astype(F32), acc)
    return np.where(acc > F32(0), acc, F32(0)).astype(F32)


def pool2(x, is_max):
    a, b = x[:, 0::2, 0::2], x[:, 0::2, 1::2]
    d, e = x[:, 1::2, 0::2], x[:, 1::2, 1::2]
    if is_max:
        m = a
        for v in (b, d, e):
            m = np.where(v > m, v, m)
        return m
    return ((((a + b).astype(F32) + d).astype(F32) + e).astype(F32) * F32(0.25)).astype(F32)


def float_predictions(pixels):
    p = float_weights()
    x = (pixels.astype(F32) * F32(0.0625)).reshape(-1, 8, 8, 1)
    x = pool2(conv_same_relu(x, p["w1"], p["b1"]), True)
    x = pool2(conv_same_relu(x, p["w2"], p["b2"]), False)
    f = x.reshape(len(x), -1)
    w3 = p["w3"].reshape(10, -1)
    acc = np.broadcast_to(p["b3"], (len(x), 10)).astype(F32).copy()
    for i in range(f.shape[1]):
        acc = (acc + f[:, i:i + 1] * w3[:, i]).astype(F32)
    return [int(np.argmax(row)) for row in acc]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variant", choices=["int8", "pruned", "float"], required=True)
    args = parser.parse_args()
    images, pixels, labels = nn_inputs.digits_testset()
    lines = []
    if args.variant == "float":
        lines.append("model digits_float float32")
        macs, params = 8 * 8 * 8 * 9 + 4 * 4 * 16 * 72 + 640, 8 * 9 + 8 + 16 * 72 + 16 + 640 + 10
        lines.append("macs %d params %d weight_bytes %d" % (macs, params, 4 * params))
        predictions = float_predictions(pixels)
    else:
        name = "digits" if args.variant == "int8" else "digits_pruned"
        model = nn_ref.load(os.path.join(nn_inputs.FIRMWARE, "models", name + ".tflite"))
        macs, params = nn_ref.macs_and_params(model)
        lines.append("model %s int8" % name)
        lines.append("macs %d params %d weight_bytes %d arena %d" % (macs, params, nn_model.weight_bytes(model),
                                                                   nn_model.arena_bytes(model)))
        outputs = [nn_ref.run(model, img) for img in images]
        predictions = [int(np.argmax(y)) for y in outputs]
    lines.append("images %d" % len(labels))
    for start in range(0, len(labels), 50):
        lines.append("pred %3d:%s" % (start, "".join(str(p) for p in predictions[start:start + 50])))
    correct = sum(int(p == l) for p, l in zip(predictions, labels))
    basis = correct * 10000 // len(labels)
    if args.variant != "float":
        lines.append("checksum 0x%08x" % nn_model.fnv1a(np.concatenate(outputs)))
    lines.append("correct %d/%d accuracy %d.%02d%%" % (correct, len(labels), basis // 100, basis % 100))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
