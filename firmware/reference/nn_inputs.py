"""The int8 inputs the NN firmware feeds its models (shared by the references).

MLPerf-shaped models: INFERENCES inputs from a 32-bit LCG
(x = 1664525 x + 1013904223 mod 2^32, value = (x >> 24) - 128), seeded with
INPUT_SEED + k for inference k (src/nn_main.c, nn_input_fill).
Digits models: the test images of models/digits_testset.c, parsed from the C file
so the reference reads exactly what the firmware embeds.
"""
import os
import re

import numpy as np

FIRMWARE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INFERENCES = 2
INPUT_SEED = 0x1234


def lcg_int8(seed, count):
    out = np.empty(count, np.int64)
    s = seed & 0xFFFFFFFF
    for i in range(count):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = (s >> 24) - 128
    return out


def _c_array(text, name):
    match = re.search(r"\b%s\[[^\]]*\](?:\[[^\]]*\])?\s*=\s*\{(.*?)\};" % re.escape(name), text, re.S)
    if not match:
        raise ValueError("array %s not found" % name)
    return [int(v, 0) for v in re.findall(r"-?(?:0x[0-9a-fA-F]+|\d+)", match.group(1))]


def digits_testset():
    """(int8 images [n, 64], raw pixels 0..16 [n, 64], labels [n])."""
    with open(os.path.join(FIRMWARE, "models", "digits_testset.c")) as f:
        text = f.read()
    labels = np.array(_c_array(text, "digits_test_labels"), np.int64)
    pixels = np.array(_c_array(text, "digits_test_pixels"), np.int64).reshape(len(labels), 64)
    images = np.array(_c_array(text, "digits_test_images"), np.int64).reshape(len(labels), 64)
    return images, pixels, labels


def inputs_for(name, count):
    if name.startswith("digits"):
        return list(digits_testset()[0])
    return [lcg_int8(INPUT_SEED + k, count) for k in range(INFERENCES)]
