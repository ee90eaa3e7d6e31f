#!/usr/bin/env python3
"""Train the `digits` CNN on scikit-learn's 8x8 digits, quantize it to int8, prune it.

Network (float32, NHWC, input = pixel / 16 in [0, 1]):
  conv 8 3x3 SAME + ReLU -> max pool 2x2 -> conv 16 3x3 SAME + ReLU -> average pool 2x2
  -> reshape 64 -> fully connected 10 -> softmax
Pruned variant: structured pruning of whole channels (conv1 8 -> 4, conv2 16 -> 8, the
channels with the largest L1 norm kept), then fine-tuned.

Training: plain numpy (im2col convolutions, hand-written backward pass), Adam, softmax
cross-entropy, seed 0, deterministic. Split: a fixed permutation (seed 0); the last
TEST_COUNT images are held out and are the test set the firmware embeds.

Writes (commit them; training is not part of the build):
  models/digits.tflite, models/digits_pruned.tflite   int8, post-training quantized
  models/digits_testset.c                            held-out images: pixels 0..16,
                                                     int8 (input scale 1/255, zp -128), labels
  models/digits_float_weights.c                      float32 weights of the full model
and prints the float, int8 and pruned-int8 accuracies on the held-out split.

Run once: pip install scikit-learn flatbuffers; python3 firmware/models/digits_train.py
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from qmodel import Net  # noqa: E402
import tflite_writer  # noqa: E402

TEST_COUNT = 300
INPUT_SCALE, INPUT_ZERO_POINT = 1.0 / 255, -128
F32 = np.float32


def im2col(x, k=3):
    """x [B,H,W,C] -> columns [B,H,W,k*k*C] for a SAME k x k convolution, (ky, kx, c) order."""
    b, h, w, c = x.shape
    p = k // 2
    xp = np.zeros((b, h + 2 * p, w + 2 * p, c), x.dtype)
    xp[:, p:p + h, p:p + w] = x
    return np.concatenate([xp[:, ky:ky + h, kx:kx + w] for ky in range(k) for kx in range(k)], axis=3)


def col2im(cols, shape, k=3):
    b, h, w, c = shape
    p = k // 2
    xp = np.zeros((b, h + 2 * p, w + 2 * p, c), cols.dtype)
    i = 0
    for ky in range(k):
        for kx in range(k):
            xp[:, ky:ky + h, kx:kx + w] += cols[..., i * c:(i + 1) * c]
            i += 1
    return xp[:, p:p + h, p:p + w]


class CNN:
    def __init__(self, c1, c2, rng):
        def he(shape, fan_in):
            return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float64)
        self.p = {"w1": he((c1, 3, 3, 1), 9), "b1": np.zeros(c1), "w2": he((c2, 3, 3, c1), 9 * c1),
                  "b2": np.zeros(c2), "w3": he((10, 4 * c2), 4 * c2), "b3": np.zeros(10)}

    def forward(self, x):
        p = self.p
        cache = {}
        cols1 = im2col(x)
        z1 = cols1 @ p["w1"].reshape(len(p["b1"]), -1).T + p["b1"]
        a1 = np.maximum(z1, 0)
        b, h, w, c = a1.shape
        r = a1.reshape(b, h // 2, 2, w // 2, 2, c)
        m1 = r.max(axis=(2, 4))
        mask = (r == m1[:, :, None, :, None, :])
        mask = mask / mask.sum(axis=(2, 4), keepdims=True)
        cols2 = im2col(m1)
        z2 = cols2 @ p["w2"].reshape(len(p["b2"]), -1).T + p["b2"]
        a2 = np.maximum(z2, 0)
        b, h, w, c = a2.shape
        g = a2.reshape(b, h // 2, 2, w // 2, 2, c).mean(axis=(2, 4))
        f = g.reshape(b, -1)
        logits = f @ p["w3"].T + p["b3"]
        cache.update(cols1=cols1, z1=z1, mask=mask, m1=m1, cols2=cols2, z2=z2, f=f, a2shape=a2.shape, xshape=x.shape)
        return logits, cache

    def backward(self, dlogits, c):
        p = self.p
        g = {}
        g["w3"] = dlogits.T @ c["f"]
        g["b3"] = dlogits.sum(0)
        df = dlogits @ p["w3"]
        b, h, w, ch = c["a2shape"]
        dg = df.reshape(b, h // 2, 1, w // 2, 1, ch) / 4.0
        da2 = np.broadcast_to(dg, (b, h // 2, 2, w // 2, 2, ch)).reshape(b, h, w, ch)
        dz2 = da2 * (c["z2"] > 0)
        g["w2"] = (dz2.reshape(-1, ch).T @ c["cols2"].reshape(-1, c["cols2"].shape[-1])).reshape(p["w2"].shape)
        g["b2"] = dz2.sum((0, 1, 2))
        dm1 = col2im(dz2 @ p["w2"].reshape(ch, -1), c["m1"].shape)
        b1, h1, w1, c1 = c["z1"].shape
        da1 = (c["mask"] * dm1[:, :, None, :, None, :]).reshape(b1, h1, w1, c1)
        dz1 = da1 * (c["z1"] > 0)
        g["w1"] = (dz1.reshape(-1, c1).T @ c["cols1"].reshape(-1, 9)).reshape(p["w1"].shape)
        g["b1"] = dz1.sum((0, 1, 2))
        return g

    def train(self, x, y, epochs, lr, rng, batch=64):
        m = {k: np.zeros_like(v) for k, v in self.p.items()}
        v2 = {k: np.zeros_like(v) for k, v in self.p.items()}
        t = 0
        for epoch in range(epochs):
            order = rng.permutation(len(x))
            rate = lr * (0.5 * (1 + np.cos(np.pi * epoch / epochs)))
            for s in range(0, len(x), batch):
                idx = order[s:s + batch]
                logits, cache = self.forward(x[idx])
                e = np.exp(logits - logits.max(1, keepdims=True))
                prob = e / e.sum(1, keepdims=True)
                prob[np.arange(len(idx)), y[idx]] -= 1
                grads = self.backward(prob / len(idx), cache)
                t += 1
                for k in self.p:
                    gk = grads[k] + 1e-4 * self.p[k]
                    m[k] = 0.9 * m[k] + 0.1 * gk
                    v2[k] = 0.999 * v2[k] + 0.001 * gk * gk
                    self.p[k] -= rate * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v2[k] / (1 - 0.999 ** t)) + 1e-8)

    def accuracy(self, x, y):
        return float(np.mean(self.forward(x)[0].argmax(1) == y))

    def pruned(self, c1, c2):
        p = self.p
        keep1 = np.sort(np.argsort(-np.abs(p["w1"]).sum((1, 2, 3)), kind="stable")[:c1])
        keep2 = np.sort(np.argsort(-np.abs(p["w2"][..., keep1]).sum((1, 2, 3)), kind="stable")[:c2])
        q = CNN.__new__(CNN)
        old_c2 = len(p["b2"])
        w3 = p["w3"].reshape(10, 4, old_c2)[:, :, keep2].reshape(10, -1)
        q.p = {"w1": p["w1"][keep1].copy(), "b1": p["b1"][keep1].copy(),
               "w2": p["w2"][keep2][..., keep1].copy(), "b2": p["b2"][keep2].copy(), "w3": w3.copy(),
               "b3": p["b3"].copy()}
        return q

    def net(self, name):
        p = self.p
        net = Net(name)
        x = net.input((8, 8, 1), INPUT_SCALE, INPUT_ZERO_POINT)
        x = net.conv(x, p["w1"], p["b1"])
        x = net.maxpool(x, 2)
        x = net.conv(x, p["w2"], p["b2"])
        x = net.avgpool(x, 2)
        x = net.reshape(x, (4 * len(p["b2"]),))
        x = net.fc(x, p["w3"], p["b3"])
        net.softmax(x)
        return net


def c_floats(name, values):
    vals = ["%.9gf" % v for v in np.asarray(values, F32).reshape(-1)]
    body = ",\n".join("    " + ", ".join(vals[i:i + 8]) for i in range(0, len(vals), 8))
    return "const float %s[%d] = {\n%s,\n};\n" % (name, len(vals), body)


def c_ints(ctype, name, values, per_line=16):
    vals = [str(int(v)) for v in np.asarray(values).reshape(-1)]
    body = ",\n".join("    " + ", ".join(vals[i:i + per_line]) for i in range(0, len(vals), per_line))
    return "const %s %s[%d] = {\n%s,\n};\n" % (ctype, name, len(vals), body)


def main():
    from sklearn.datasets import load_digits
    import nn_ref
    import tflite_fb

    digits = load_digits()
    pixels = digits.data.astype(np.int64)
    labels = digits.target.astype(np.int64)
    order = np.random.default_rng(0).permutation(len(labels))
    train, test = order[:-TEST_COUNT], order[-TEST_COUNT:]
    x = (pixels / 16.0).reshape(-1, 8, 8, 1)
    rng = np.random.default_rng(0)

    model = CNN(8, 16, rng)
    model.train(x[train], labels[train], 40, 0.01, rng)
    print("float train %.4f test %.4f" % (model.accuracy(x[train], labels[train]), model.accuracy(x[test], labels[test])))
    small = model.pruned(4, 8)
    print("pruned before fine-tuning: test %.4f" % small.accuracy(x[test], labels[test]))
    small.train(x[train], labels[train], 20, 0.005, rng)
    print("pruned float test %.4f" % small.accuracy(x[test], labels[test]))

    # The float32 weights of the full model are what the float firmware runs.
    model.p = {k: v.astype(F32).astype(np.float64) for k, v in model.p.items()}
    calib = x[train][:400]
    q_images = np.clip(np.round(x[test].reshape(-1, 64) / float(F32(INPUT_SCALE))) + INPUT_ZERO_POINT,
                       -128, 127).astype(np.int64)
    for name, m in (("digits", model), ("digits_pruned", small)):
        data = tflite_writer.write(m.net(name).quantize(calib))
        with open(os.path.join(HERE, name + ".tflite"), "wb") as f:
            f.write(data)
        tm = tflite_fb.Model(data)
        predictions = np.array([int(np.argmax(nn_ref.run(tm, img))) for img in q_images])
        print("%s int8 test %.4f (%d bytes, %s MACs/params)" % (name, np.mean(predictions == labels[test]),
                                                                len(data), nn_ref.macs_and_params(tm)))

    header = "/* Generated by firmware/models/digits_train.py; do not edit. */\n#include <stdint.h>\n\n"
    with open(os.path.join(HERE, "digits_testset.c"), "w") as f:
        f.write(header + "/* Held-out split of scikit-learn's digits: %d images, 8x8, row-major. */\n" % TEST_COUNT)
        f.write("const uint32_t digits_test_count = %d;\n" % TEST_COUNT)
        f.write(c_ints("uint8_t", "digits_test_labels", labels[test], 32))
        f.write("/* Pixels 0..16 (the float model's input is pixel / 16). */\n")
        f.write(c_ints("uint8_t", "digits_test_pixels", pixels[test]))
        f.write("/* int8 input: round(pixel / 16 / (1/255)) - 128 (scale 1/255, zero point -128). */\n")
        f.write(c_ints("int8_t", "digits_test_images", q_images))
    with open(os.path.join(HERE, "digits_float_weights.c"), "w") as f:
        f.write(header.replace("#include <stdint.h>\n", ""))
        f.write("/* conv1 OHWI [8][3][3][1], conv2 OHWI [16][3][3][8], fc [10][64] (input index (y*2+x)*16+c). */\n")
        for k in ("w1", "b1", "w2", "b2", "w3", "b3"):
            f.write(c_floats("digits_float_" + k, model.p[k]))


if __name__ == "__main__":
    main()
