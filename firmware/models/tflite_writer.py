"""Writes a fully int8 TFLite flatbuffer (schema version 3) with the `flatbuffers` Builder.

Input: a graph dict built by qmodel.py:
  tensors:   list of {name, shape, type ('int8'|'int32'), data (numpy array or None),
                      scale (list or None), zero_point (list), quantized_dimension}
  operators: list of {op (BuiltinOperator name), inputs, outputs, options (dict)}
  inputs, outputs: tensor indices; description: string

The field indices are those of tensorflow/lite/schema/schema.fbs (listed in
firmware/tools/tflite_fb.py, which reads them back). Buffer 0 is the empty
sentinel buffer, as the TFLite converter writes it; constant data is aligned
to 16 bytes. Needs `pip install flatbuffers` (generation only, not the build).
"""
import os
import sys

import flatbuffers
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from tflite_fb import OPERATOR_CODES, TENSOR_TYPE_CODES  # noqa: E402

PADDING = {"SAME": 0, "VALID": 1}
ACTIVATION = {"NONE": 0, "RELU": 1, "RELU6": 3}
# BuiltinOptions union member indices (schema.fbs union BuiltinOptions).
OPTIONS_TYPE = {"CONV_2D": 1, "DEPTHWISE_CONV_2D": 2, "AVERAGE_POOL_2D": 5, "MAX_POOL_2D": 5,
                "FULLY_CONNECTED": 8, "SOFTMAX": 9, "ADD": 11, "RESHAPE": 17}


def _int_vector(b, values, fmt="i"):
    prepend = {"i": b.PrependInt32, "q": b.PrependInt64, "f": b.PrependFloat32}[fmt]
    width = 8 if fmt == "q" else 4
    b.StartVector(width, len(values), width)
    for v in reversed(list(values)):
        prepend(float(v) if fmt == "f" else int(v))
    return b.EndVector()


def _offset_vector(b, offsets):
    b.StartVector(4, len(offsets), 4)
    for off in reversed(offsets):
        b.PrependUOffsetTRelative(off)
    return b.EndVector()


def _data_vector(b, data):
    b.StartVector(1, len(data), 16)
    b.head = b.head - len(data)
    b.Bytes[b.head:b.head + len(data)] = data
    return b.EndVector(len(data))


def _options(b, op, o):
    name = op
    if name == "CONV_2D":
        b.StartObject(7)
        b.PrependInt8Slot(0, PADDING[o["padding"]], 0)
        b.PrependInt32Slot(1, o["stride_w"], 0)
        b.PrependInt32Slot(2, o["stride_h"], 0)
        b.PrependInt8Slot(3, ACTIVATION[o["activation"]], 0)
        b.PrependInt32Slot(4, 1, 1)
        b.PrependInt32Slot(5, 1, 1)
    elif name == "DEPTHWISE_CONV_2D":
        b.StartObject(7)
        b.PrependInt8Slot(0, PADDING[o["padding"]], 0)
        b.PrependInt32Slot(1, o["stride_w"], 0)
        b.PrependInt32Slot(2, o["stride_h"], 0)
        b.PrependInt32Slot(3, o["depth_multiplier"], 0)
        b.PrependInt8Slot(4, ACTIVATION[o["activation"]], 0)
        b.PrependInt32Slot(5, 1, 1)
        b.PrependInt32Slot(6, 1, 1)
    elif name in ("AVERAGE_POOL_2D", "MAX_POOL_2D"):
        b.StartObject(6)
        b.PrependInt8Slot(0, PADDING[o["padding"]], 0)
        b.PrependInt32Slot(1, o["stride_w"], 0)
        b.PrependInt32Slot(2, o["stride_h"], 0)
        b.PrependInt32Slot(3, o["filter_w"], 0)
        b.PrependInt32Slot(4, o["filter_h"], 0)
        b.PrependInt8Slot(5, ACTIVATION[o.get("activation", "NONE")], 0)
    elif name == "FULLY_CONNECTED":
        b.StartObject(4)
        b.PrependInt8Slot(0, ACTIVATION[o["activation"]], 0)
    elif name == "SOFTMAX":
        b.StartObject(1)
        b.PrependFloat32Slot(0, o.get("beta", 1.0), 0.0)
    elif name == "ADD":
        b.StartObject(2)
        b.PrependInt8Slot(0, ACTIVATION[o["activation"]], 0)
    elif name == "RESHAPE":
        shape = _int_vector(b, o["new_shape"])
        b.StartObject(1)
        b.PrependUOffsetTRelativeSlot(0, shape, 0)
    else:
        return None
    return b.EndObject()


def write(graph):
    """Returns the .tflite bytes of `graph`."""
    b = flatbuffers.Builder(1 << 20)
    opnames = []
    for op in graph["operators"]:
        if op["op"] not in opnames:
            opnames.append(op["op"])

    # Buffers: 0 is the empty sentinel; one per constant tensor.
    buffer_data = [None]
    tensor_buffer = []
    for t in graph["tensors"]:
        if t.get("data") is not None:
            dtype = {"int8": "<i1", "int32": "<i4"}[t["type"]]
            buffer_data.append(np.ascontiguousarray(t["data"], dtype=dtype).tobytes())
            tensor_buffer.append(len(buffer_data) - 1)
        else:
            buffer_data.append(b"")
            tensor_buffer.append(len(buffer_data) - 1)
    buffers = []
    for data in buffer_data:
        vec = _data_vector(b, data) if data else None
        b.StartObject(3)
        if vec is not None:
            b.PrependUOffsetTRelativeSlot(0, vec, 0)
        buffers.append(b.EndObject())

    tensors = []
    for t, buf in zip(graph["tensors"], tensor_buffer):
        name = b.CreateString(t["name"])
        shape = _int_vector(b, t["shape"])
        quant = None
        if t.get("scale") is not None:
            scale = _int_vector(b, t["scale"], "f")
            zp = _int_vector(b, t["zero_point"], "q")
            b.StartObject(7)
            b.PrependUOffsetTRelativeSlot(2, scale, 0)
            b.PrependUOffsetTRelativeSlot(3, zp, 0)
            b.PrependInt32Slot(6, t.get("quantized_dimension", 0), 0)
            quant = b.EndObject()
        b.StartObject(5)
        b.PrependUOffsetTRelativeSlot(0, shape, 0)
        b.PrependInt8Slot(1, TENSOR_TYPE_CODES[t["type"]], 0)
        b.PrependUint32Slot(2, buf, 0)
        b.PrependUOffsetTRelativeSlot(3, name, 0)
        if quant is not None:
            b.PrependUOffsetTRelativeSlot(4, quant, 0)
        tensors.append(b.EndObject())

    operators = []
    for op in graph["operators"]:
        opts = _options(b, op["op"], op.get("options", {}))
        ins = _int_vector(b, op["inputs"])
        outs = _int_vector(b, op["outputs"])
        b.StartObject(5)
        b.PrependUint32Slot(0, opnames.index(op["op"]), 0)
        b.PrependUOffsetTRelativeSlot(1, ins, 0)
        b.PrependUOffsetTRelativeSlot(2, outs, 0)
        if opts is not None:
            b.PrependUint8Slot(3, OPTIONS_TYPE[op["op"]], 0)
            b.PrependUOffsetTRelativeSlot(4, opts, 0)
        operators.append(b.EndObject())

    tensor_vec = _offset_vector(b, tensors)
    in_vec = _int_vector(b, graph["inputs"])
    out_vec = _int_vector(b, graph["outputs"])
    op_vec = _offset_vector(b, operators)
    sg_name = b.CreateString("main")
    b.StartObject(5)
    b.PrependUOffsetTRelativeSlot(0, tensor_vec, 0)
    b.PrependUOffsetTRelativeSlot(1, in_vec, 0)
    b.PrependUOffsetTRelativeSlot(2, out_vec, 0)
    b.PrependUOffsetTRelativeSlot(3, op_vec, 0)
    b.PrependUOffsetTRelativeSlot(4, sg_name, 0)
    subgraph = b.EndObject()

    codes = []
    for name in opnames:
        code = OPERATOR_CODES[name]
        b.StartObject(4)
        b.PrependInt8Slot(0, min(code, 127), 0)
        b.PrependInt32Slot(2, 1, 1)
        b.PrependInt32Slot(3, code, 0)
        codes.append(b.EndObject())

    codes_vec = _offset_vector(b, codes)
    sg_vec = _offset_vector(b, [subgraph])
    buf_vec = _offset_vector(b, buffers)
    desc = b.CreateString(graph.get("description", "armsim"))
    b.StartObject(5)
    b.PrependUint32Slot(0, 3, 0)
    b.PrependUOffsetTRelativeSlot(1, codes_vec, 0)
    b.PrependUOffsetTRelativeSlot(2, sg_vec, 0)
    b.PrependUOffsetTRelativeSlot(3, desc, 0)
    b.PrependUOffsetTRelativeSlot(4, buf_vec, 0)
    model = b.EndObject()
    b.Finish(model, file_identifier=b"TFL3")
    return bytes(b.Output())
