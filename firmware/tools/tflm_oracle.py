#!/usr/bin/env python3
"""Cross-check the Python reference (reference/nn_ref.py) against TFLite Micro.

For each .tflite given, runs the same int8 inputs the firmware uses through
TFLM's own interpreter (PyPI package `tflite-micro`, reference kernels) and
through nn_ref.run, and compares the int8 outputs element for element.

  pip install tflite-micro
  python3 firmware/tools/tflm_oracle.py firmware/models/*.tflite

Not part of `make check` (the package is not needed to build or check).
Exits 1 on any difference.
"""
import os
import sys

import numpy as np

FIRMWARE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(FIRMWARE, "reference"))
import nn_ref  # noqa: E402
import nn_inputs  # noqa: E402


def main():
    from tflite_micro.python.tflite_micro import runtime
    failed = 0
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        model = nn_ref.load(path)
        interpreter = runtime.Interpreter.from_bytes(data, arena_size=2 * 1024 * 1024)
        shape = model.tensors[model.inputs[0]].shape
        name = os.path.splitext(os.path.basename(path))[0]
        inputs = nn_inputs.inputs_for(name, int(np.prod(shape)))
        mismatches = 0
        for x in inputs:
            interpreter.set_input(np.asarray(x, np.int8).reshape(shape), 0)
            interpreter.invoke()
            expected = interpreter.get_output(0).reshape(-1).astype(np.int64)
            actual = nn_ref.run(model, x)
            if not np.array_equal(expected, actual):
                mismatches += 1
                diff = np.nonzero(expected != actual)[0]
                print("  %s: %d of %d outputs differ, first at %d: tflm %d, reference %d"
                      % (name, len(diff), len(expected), diff[0], expected[diff[0]], actual[diff[0]]))
        print("%s %s (%d inputs)" % ("PASS" if mismatches == 0 else "FAIL", name, len(inputs)))
        failed += mismatches != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
