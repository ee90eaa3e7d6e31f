#!/usr/bin/env python3
"""MLPerf Tiny-shaped reference networks with deterministic pseudo-random weights.

Writes firmware/models/{kws,vww,ic,ad}.tflite (fully int8). The layer shapes are
those of the MLPerf Tiny v0.5 reference models (github.com/mlcommons/tiny,
benchmark/training/*/keras_model.py / vww_model.py / resnet_v1_eembc.py), with
batch normalisation folded into the preceding layer's weights and bias, as the
TFLite converter does:

  kws  DS-CNN: input 49x10x1; conv 64 (10x4, stride 2, SAME) + ReLU; 4 x
       [depthwise 3x3 + ReLU, conv 64 1x1 + ReLU]; average pool 24x5 (VALID, so
       the 25th row is dropped, as in the Keras model); fully connected 12; softmax.
  vww  MobileNetV1 alpha 0.25: input 96x96x3; conv 8 3x3/2; 13 depthwise-separable
       blocks (16, 32/2, 32, 64/2, 64, 128/2, 5x128, 256/2, 256); average pool 3x3;
       fully connected 2; softmax.
  ic   ResNet-8: input 32x32x3; conv 16 3x3; three stacks (16, 32/2, 64/2) of two
       3x3 convs plus an identity or 1x1/2 conv shortcut, add, ReLU; average
       pool 8x8; fully connected 10; softmax.
  ad   FC autoencoder: 640 -> 4 x 128 -> 8 -> 4 x 128 -> 640, ReLU after every
       layer but the last.

Weights: a 32-bit LCG (x = 1664525 x + 1013904223 mod 2^32, Numerical Recipes),
seeded per model, mapped to uniform [-1, 1) and scaled as He-uniform; biases 0.1 of
that. The activation ranges come from a float forward pass over 8 pseudo-random
inputs (the same generator the firmware uses for its inputs). Deterministic: the
same bytes every run. MACs and parameter counts are asserted against the numbers
derived by hand from the reference shapes (see EXPECTED).

Run (once, not in CI; needs numpy and flatbuffers): python3 firmware/models/mlperf.py
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from qmodel import Net  # noqa: E402
import tflite_writer  # noqa: E402

# (MACs, parameters = int8 weights + int32 biases), derived by hand from the layer shapes:
#  kws: conv 25*5*64*40 = 320000; 4 x (dw 25*5*64*9 = 72000 + pw 25*5*64*64 = 512000);
#       fc 64*12 = 768 -> 2,656,768 MACs; params 2624 + 4*(640 + 4160) + 780 = 22,604
#       (the Keras model lists 24,908 with the 9 batch-norm layers' 2,304 parameters).
#  vww: 7,489,664 MACs, 210,850 params (sum over the 27 conv layers and the classifier;
#       the baseline table's "~208k" is marked unverified).
#  ic:  442368 + 2*2359296 + 1179648 + 2359296 + 131072 + 1179648 + 2359296 + 131072 + 640
#       = 12,501,632 MACs; params 448 + 4640 + 14432 + 57536 + 650 = 77,706.
#  ad:  2*81920 + 6*16384 + 2*1024 = 264,192 MACs; params 265,864.
EXPECTED = {
    "kws": (2656768, 22604),
    "vww": (7489664, 210850),
    "ic": (12501632, 77706),
    "ad": (264192, 265864),
}


class LCG:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def uniform(self, count):
        out = np.empty(count, np.float64)
        s = self.state
        for i in range(count):
            s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
            out[i] = (s >> 8) / 8388608.0 - 1.0
        self.state = s
        return out

    def int8(self, count):
        out = np.empty(count, np.int64)
        s = self.state
        for i in range(count):
            s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
            out[i] = ((s >> 24) & 0xFF) - 128
        self.state = s
        return out


def input_lcg_values(seed, count):
    """The firmware's input generator: nn_input_fill() in src/nn_main.c."""
    return LCG(seed).int8(count)


class Weights:
    def __init__(self, seed):
        self.rng = LCG(seed)

    def conv(self, out_c, kh, kw, in_c):
        limit = np.sqrt(6.0 / (kh * kw * in_c))
        w = self.rng.uniform(out_c * kh * kw * in_c).reshape(out_c, kh, kw, in_c) * limit
        return w, self.rng.uniform(out_c) * 0.1 * limit

    def dw(self, c, kh, kw):
        limit = np.sqrt(6.0 / (kh * kw))
        w = self.rng.uniform(kh * kw * c).reshape(1, kh, kw, c) * limit
        return w, self.rng.uniform(c) * 0.1 * limit

    def fc(self, out, inp, gain=1.0):
        limit = np.sqrt(6.0 / inp) * gain
        return self.rng.uniform(out * inp).reshape(out, inp) * limit, self.rng.uniform(out) * 0.1 * limit


# The classifiers get smaller weights so that the softmax outputs of random
# networks are spread out rather than one-hot (a better test of the int8 softmax).
CLASSIFIER_GAIN = {"kws": 0.15, "vww": 1.0, "ic": 0.15}

# Input quantization of each model (scale, zero point) and the seed of its weights.
INPUT_QUANT = {"kws": (0.25, 0), "vww": (1.0 / 128, 0), "ic": (1.0 / 128, 0), "ad": (1.0 / 32, 0)}
SEEDS = {"kws": 1001, "vww": 1002, "ic": 1003, "ad": 1004}
INPUT_SHAPES = {"kws": (49, 10, 1), "vww": (96, 96, 3), "ic": (32, 32, 3), "ad": (640,)}


def build(name):
    g = Weights(SEEDS[name])
    net = Net(name)
    x = net.input(INPUT_SHAPES[name], *INPUT_QUANT[name])
    if name == "kws":
        x = net.conv(x, *g.conv(64, 10, 4, 1), stride=2)
        for _ in range(4):
            x = net.dwconv(x, *g.dw(64, 3, 3))
            x = net.conv(x, *g.conv(64, 1, 1, 64))
        x = net.avgpool(x, (24, 5))
        x = net.reshape(x, (64,))
        x = net.softmax(net.fc(x, *g.fc(12, 64, CLASSIFIER_GAIN["kws"])))
    elif name == "vww":
        x = net.conv(x, *g.conv(8, 3, 3, 3), stride=2)
        c = 8
        for out_c, stride in [(16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2)] + [(128, 1)] * 5 \
                + [(256, 2), (256, 1)]:
            x = net.dwconv(x, *g.dw(c, 3, 3), stride=stride)
            x = net.conv(x, *g.conv(out_c, 1, 1, c))
            c = out_c
        x = net.avgpool(x, (3, 3))
        x = net.reshape(x, (256,))
        x = net.softmax(net.fc(x, *g.fc(2, 256, CLASSIFIER_GAIN["vww"])))
    elif name == "ic":
        x = net.conv(x, *g.conv(16, 3, 3, 3))
        c = 16
        for out_c, stride in [(16, 1), (32, 2), (64, 2)]:
            y = net.conv(x, *g.conv(out_c, 3, 3, c), stride=stride)
            y = net.conv(y, *g.conv(out_c, 3, 3, out_c), act="NONE")
            if stride != 1 or out_c != c:
                x = net.conv(x, *g.conv(out_c, 1, 1, c), stride=stride, act="NONE")
            x = net.add(x, y, act="RELU")
            c = out_c
        x = net.avgpool(x, (8, 8))
        x = net.reshape(x, (64,))
        x = net.softmax(net.fc(x, *g.fc(10, 64, CLASSIFIER_GAIN["ic"])))
    elif name == "ad":
        sizes = [640, 128, 128, 128, 128, 8, 128, 128, 128, 128, 640]
        for i in range(10):
            x = net.fc(x, *g.fc(sizes[i + 1], sizes[i]), act="RELU" if i < 9 else "NONE")
    return net


def calibration(net, name):
    shape = INPUT_SHAPES[name]
    count = int(np.prod(shape))
    scale, zp = INPUT_QUANT[name]
    batch = [(input_lcg_values(0xC0FFEE + i, count) - zp) * scale for i in range(8)]
    return np.stack(batch).reshape((8,) + shape)


def main():
    names = sys.argv[1:] or list(EXPECTED)
    for name in names:
        net = build(name)
        graph = net.quantize(calibration(net, name))
        data = tflite_writer.write(graph)
        sys.path.insert(0, os.path.join(HERE, "..", "reference"))
        from nn_ref import macs_and_params  # noqa: E402
        import tflite_fb  # noqa: E402
        counts = macs_and_params(tflite_fb.Model(data))
        assert counts == EXPECTED[name], (name, counts, EXPECTED[name])
        path = os.path.join(HERE, name + ".tflite")
        with open(path, "wb") as f:
            f.write(data)
        print("%s: %d bytes, %d MACs, %d params" % (path, len(data), counts[0], counts[1]))


if __name__ == "__main__":
    main()
