#!/usr/bin/env python3
"""Expected stdout of src/nn_main.c for one model (--model kws|vww|ic|ad|...).

Reads models/<model>.tflite, checks its MAC and parameter counts against the
numbers derived from the MLPerf Tiny reference shapes (EXPECTED; an AssertionError
otherwise), computes the arena size the way tools/tflite2c.py documents it (a
greedy placement over tensor lifetimes, written again here), and runs each input
through nn_ref (bit-exact int8) to print the checksums and first outputs.
"""
import argparse
import os

import numpy as np

import nn_inputs
import nn_ref

FIRMWARE = nn_inputs.FIRMWARE
# (MACs, parameters) derived by hand from the reference layer shapes; see models/mlperf.py.
EXPECTED = {
    "kws": (2656768, 22604),
    "vww": (7489664, 210850),
    "ic": (12501632, 77706),
    "ad": (264192, 265864),
}


def weight_bytes(model):
    total = 0
    for op in model.operators:
        if op.name in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED"):
            for i in op.inputs[1:]:
                if i >= 0:
                    t = model.tensors[i]
                    total += t.element_count() * (4 if t.type == "int32" else 1)
    return total


def arena_bytes(model, align=16):
    first, last = {}, {}
    for i in model.inputs:
        first[i] = last[i] = 0
    for n, op in enumerate(model.operators):
        for i in op.inputs:
            if i >= 0 and not model.tensors[i].is_constant:
                last[i] = n
        for i in op.outputs:
            first.setdefault(i, n)
            last[i] = max(last.get(i, n), n)
    for i in model.outputs:
        last[i] = len(model.operators)
    size = {i: model.tensors[i].element_count() for i in first}
    placed = []
    end = 0
    for i in sorted(first, key=lambda t: (-size[t], t)):
        busy = sorted((o, o + size[j]) for j, o in placed if not (last[j] < first[i] or last[i] < first[j]))
        offset = 0
        for lo, hi in busy:
            if offset + size[i] <= lo:
                break
            offset = max(offset, -(-hi // align) * align)
        placed.append((i, offset))
        end = max(end, offset + size[i])
    return -(-end // align) * align


def fnv1a(values):
    h = 2166136261
    for v in values:
        h = ((h ^ (int(v) & 0xFF)) * 16777619) & 0xFFFFFFFF
    return h


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    model = nn_ref.load(os.path.join(FIRMWARE, "models", args.model + ".tflite"))
    macs, params = nn_ref.macs_and_params(model)
    if args.model in EXPECTED:
        assert (macs, params) == EXPECTED[args.model], (args.model, macs, params, EXPECTED[args.model])
    t_in = model.tensors[model.inputs[0]]
    t_out = model.tensors[model.outputs[0]]
    print("model %s" % args.model)
    print("macs %d params %d weight_bytes %d arena %d" % (macs, params, weight_bytes(model), arena_bytes(model)))
    print("input %d output %d" % (t_in.element_count(), t_out.element_count()))
    for k, x in enumerate(nn_inputs.inputs_for(args.model, t_in.element_count())):
        y = nn_ref.run(model, x)
        print("inference %d checksum 0x%08x argmax %d" % (k, fnv1a(y), int(np.argmax(y))))
        print("out" + "".join(" %d" % v for v in y[:16]))


if __name__ == "__main__":
    main()
