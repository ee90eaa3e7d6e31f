"""A small reader for TFLite flatbuffers (standard library only).

FlatBuffers layout (flatbuffers.dev, "Internals"): the file starts with a
uoffset (uint32, little-endian) to the root table, then the 4-byte file
identifier ("TFL3" for TFLite). A table starts with an soffset (int32) that
points back to its vtable: vtable = table - soffset. A vtable is uint16 words:
its own size in bytes, the table's inline size, then one uint16 offset per
field (0 = field absent, use the schema default). A field holding a table,
vector or string stores a uoffset relative to the field's own position. A
vector is a uint32 length followed by the elements; a string is a vector of
bytes followed by a NUL.

Schema fields read (tensorflow/lite/schema/schema.fbs, by field index, which
is the order of declaration in the schema):

  Model:        0 version:uint, 1 operator_codes:[OperatorCode],
                2 subgraphs:[SubGraph], 3 description:string, 4 buffers:[Buffer]
  OperatorCode: 0 deprecated_builtin_code:byte, 1 custom_code:string,
                2 version:int, 3 builtin_code:int (the larger of 0 and 3 is the
                operator, as the schema's comment on builtin_code says)
  SubGraph:     0 tensors:[Tensor], 1 inputs:[int], 2 outputs:[int],
                3 operators:[Operator], 4 name:string
  Tensor:       0 shape:[int], 1 type:TensorType(byte), 2 buffer:uint,
                3 name:string, 4 quantization:QuantizationParameters
  QuantizationParameters: 2 scale:[float], 3 zero_point:[long],
                6 quantized_dimension:int
  Operator:     0 opcode_index:uint, 1 inputs:[int], 2 outputs:[int],
                3 builtin_options_type:ubyte, 4 builtin_options:table
  Buffer:       0 data:[ubyte] (offset/size of large models, fields 1-2, are
                rejected)
  Conv2DOptions: 0 padding, 1 stride_w, 2 stride_h, 3 fused_activation_function,
                4 dilation_w_factor, 5 dilation_h_factor
  DepthwiseConv2DOptions: 0 padding, 1 stride_w, 2 stride_h, 3 depth_multiplier,
                4 fused_activation_function, 5 dilation_w_factor, 6 dilation_h_factor
  Pool2DOptions: 0 padding, 1 stride_w, 2 stride_h, 3 filter_width,
                4 filter_height, 5 fused_activation_function
  FullyConnectedOptions: 0 fused_activation_function, 1 weights_format,
                2 keep_num_dims
  SoftmaxOptions: 0 beta:float
  AddOptions:   0 fused_activation_function
  ReshapeOptions: 0 new_shape:[int]
"""
import struct

# BuiltinOperator values (schema.fbs enum BuiltinOperator).
BUILTIN_OPERATORS = {
    0: "ADD", 1: "AVERAGE_POOL_2D", 2: "CONCATENATION", 3: "CONV_2D", 4: "DEPTHWISE_CONV_2D",
    5: "DEPTH_TO_SPACE", 6: "DEQUANTIZE", 7: "EMBEDDING_LOOKUP", 8: "FLOOR", 9: "FULLY_CONNECTED",
    10: "HASHTABLE_LOOKUP", 11: "L2_NORMALIZATION", 12: "L2_POOL_2D",
    13: "LOCAL_RESPONSE_NORMALIZATION", 14: "LOGISTIC", 15: "LSH_PROJECTION", 16: "LSTM",
    17: "MAX_POOL_2D", 18: "MUL", 19: "RELU", 20: "RELU_N1_TO_1", 21: "RELU6", 22: "RESHAPE",
    23: "RESIZE_BILINEAR", 24: "RNN", 25: "SOFTMAX", 26: "SPACE_TO_DEPTH", 27: "SVDF", 28: "TANH",
    32: "CUSTOM", 34: "PAD", 39: "TRANSPOSE", 40: "MEAN", 41: "SUB", 42: "DIV", 43: "SQUEEZE",
    45: "STRIDED_SLICE", 49: "SPLIT", 53: "CAST", 54: "PRELU", 55: "MAXIMUM", 57: "MINIMUM",
    74: "SUM", 75: "SQRT", 76: "RSQRT", 83: "PACK", 97: "LEAKY_RELU", 98: "SQUARED_DIFFERENCE",
    114: "QUANTIZE", 117: "HARD_SWISH",
}
OPERATOR_CODES = {name: code for code, name in BUILTIN_OPERATORS.items()}

# TensorType values (schema.fbs enum TensorType).
TENSOR_TYPES = {0: "float32", 1: "float16", 2: "int32", 3: "uint8", 4: "int64", 5: "string",
                6: "bool", 7: "int16", 8: "complex64", 9: "int8"}
TENSOR_TYPE_CODES = {name: code for code, name in TENSOR_TYPES.items()}

PADDING = {0: "SAME", 1: "VALID"}
ACTIVATIONS = {0: "NONE", 1: "RELU", 2: "RELU_N1_TO_1", 3: "RELU6", 4: "TANH", 5: "SIGN_BIT"}


class FlatbufferError(Exception):
    pass


class Table:
    """One flatbuffer table: fields by index, defaults when absent."""

    def __init__(self, buf, pos):
        self.buf = buf
        self.pos = pos
        if pos + 4 > len(buf):
            raise FlatbufferError("table at %d lies outside the file" % pos)
        self.vtable = pos - struct.unpack_from("<i", buf, pos)[0]
        if not 0 <= self.vtable <= len(buf) - 4:
            raise FlatbufferError("vtable of the table at %d lies outside the file" % pos)
        self.vtable_bytes = struct.unpack_from("<H", buf, self.vtable)[0]

    def _offset(self, index):
        slot = 4 + 2 * index
        if slot + 2 > self.vtable_bytes:
            return 0
        return struct.unpack_from("<H", self.buf, self.vtable + slot)[0]

    def has(self, index):
        return self._offset(index) != 0

    def scalar(self, index, fmt, default=0):
        offset = self._offset(index)
        if offset == 0:
            return default
        return struct.unpack_from("<" + fmt, self.buf, self.pos + offset)[0]

    def _indirect(self, index):
        offset = self._offset(index)
        if offset == 0:
            return None
        field = self.pos + offset
        return field + struct.unpack_from("<I", self.buf, field)[0]

    def table(self, index):
        target = self._indirect(index)
        return None if target is None else Table(self.buf, target)

    def _vector(self, index):
        target = self._indirect(index)
        if target is None:
            return None, 0
        return target + 4, struct.unpack_from("<I", self.buf, target)[0]

    def vector(self, index, fmt):
        start, count = self._vector(index)
        if start is None:
            return []
        return list(struct.unpack_from("<%d%s" % (count, fmt), self.buf, start))

    def bytes(self, index):
        start, count = self._vector(index)
        if start is None:
            return b""
        return bytes(self.buf[start:start + count])

    def string(self, index):
        data = self.bytes(index)
        return data.decode("utf-8") if data else ""

    def tables(self, index):
        start, count = self._vector(index)
        if start is None:
            return []
        result = []
        for i in range(count):
            element = start + 4 * i
            result.append(Table(self.buf, element + struct.unpack_from("<I", self.buf, element)[0]))
        return result


class Tensor:
    def __init__(self, index, table, buffers):
        self.index = index
        self.shape = table.vector(0, "i")
        self.type = TENSOR_TYPES.get(table.scalar(1, "b", 0), "type%d" % table.scalar(1, "b", 0))
        self.buffer = table.scalar(2, "I", 0)
        self.name = table.string(3)
        quantization = table.table(4)
        self.scale = quantization.vector(2, "f") if quantization else []
        self.zero_point = quantization.vector(3, "q") if quantization else []
        self.quantized_dimension = quantization.scalar(6, "i", 0) if quantization else 0
        self.data = buffers[self.buffer] if self.buffer < len(buffers) else b""

    @property
    def is_constant(self):
        return len(self.data) > 0

    def element_count(self):
        count = 1
        for dim in self.shape:
            count *= dim
        return count


class Operator:
    def __init__(self, table, opcodes):
        opcode_index = table.scalar(0, "I", 0)
        if opcode_index >= len(opcodes):
            raise FlatbufferError("operator refers to operator code %d of %d" % (opcode_index, len(opcodes)))
        self.code, self.custom = opcodes[opcode_index]
        self.name = self.custom or BUILTIN_OPERATORS.get(self.code, "BUILTIN_%d" % self.code)
        self.inputs = table.vector(1, "i")
        self.outputs = table.vector(2, "i")
        self.options_type = table.scalar(3, "B", 0)
        self.options = table.table(4)


class Model:
    """The first subgraph of a .tflite file: tensors, operators, inputs, outputs."""

    def __init__(self, data):
        data = bytes(data)
        if len(data) < 8 or data[4:8] != b"TFL3":
            raise FlatbufferError("not a TFLite flatbuffer (file identifier %r, expected 'TFL3')" % data[4:8])
        root = Table(data, struct.unpack_from("<I", data, 0)[0])
        self.version = root.scalar(0, "I", 0)
        self.description = root.string(3)
        buffers = []
        for buffer in root.tables(4):
            if buffer.scalar(1, "Q", 0) or buffer.scalar(2, "Q", 0):
                raise FlatbufferError("buffers stored outside the flatbuffer (offset/size) are not supported")
            buffers.append(buffer.bytes(0))
        opcodes = []
        for code in root.tables(1):
            builtin = max(code.scalar(0, "b", 0), code.scalar(3, "i", 0))
            opcodes.append((builtin, code.string(1)))
        subgraphs = root.tables(2)
        if len(subgraphs) != 1:
            raise FlatbufferError("expected one subgraph, found %d" % len(subgraphs))
        graph = subgraphs[0]
        self.tensors = [Tensor(i, t, buffers) for i, t in enumerate(graph.tables(0))]
        self.inputs = graph.vector(1, "i")
        self.outputs = graph.vector(2, "i")
        self.operators = [Operator(t, opcodes) for t in graph.tables(3)]


def options(op):
    """The builtin options of an operator as a dict (defaults from schema.fbs)."""
    o = op.options
    get = (lambda i, f, d=0: o.scalar(i, f, d)) if o is not None else (lambda i, f, d=0: d)
    if op.name == "CONV_2D":
        return {"padding": PADDING[get(0, "b")], "stride_w": get(1, "i"), "stride_h": get(2, "i"),
                "activation": ACTIVATIONS[get(3, "b")], "dilation_w": get(4, "i", 1),
                "dilation_h": get(5, "i", 1)}
    if op.name == "DEPTHWISE_CONV_2D":
        return {"padding": PADDING[get(0, "b")], "stride_w": get(1, "i"), "stride_h": get(2, "i"),
                "depth_multiplier": get(3, "i"), "activation": ACTIVATIONS[get(4, "b")],
                "dilation_w": get(5, "i", 1), "dilation_h": get(6, "i", 1)}
    if op.name in ("AVERAGE_POOL_2D", "MAX_POOL_2D"):
        return {"padding": PADDING[get(0, "b")], "stride_w": get(1, "i"), "stride_h": get(2, "i"),
                "filter_w": get(3, "i"), "filter_h": get(4, "i"), "activation": ACTIVATIONS[get(5, "b")]}
    if op.name == "FULLY_CONNECTED":
        return {"activation": ACTIVATIONS[get(0, "b")], "weights_format": get(1, "b"),
                "keep_num_dims": bool(get(2, "B"))}
    if op.name == "SOFTMAX":
        return {"beta": get(0, "f", 0.0)}
    if op.name == "ADD":
        return {"activation": ACTIVATIONS[get(0, "b")]}
    if op.name == "RESHAPE":
        return {"new_shape": o.vector(0, "i") if o is not None else []}
    return {}
