#!/usr/bin/env python3
"""tflite2c: turn a fully int8 TFLite model into C that calls the kernels of firmware/nn.

  python3 firmware/tools/tflite2c.py MODEL.tflite --name NAME --out-dir DIR

writes DIR/NAME_model.c and DIR/NAME_model.h. The C file holds the weights and
biases as const arrays (flash, .rodata), each operator's quantization parameters
(per-channel multipliers and shifts computed here from the float scales the way
TFLite does: QuantizeMultiplier = frexp + round half away from zero), a static
arena (.bss) sized from tensor lifetimes, NAME_invoke() that runs the operators in
order, and `const nn_model NAME_model` describing it (see nn/nn.h). The header
declares NAME_model and #defines NAME_ARENA_BYTES and friends.

Supported operators: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, AVERAGE_POOL_2D,
MAX_POOL_2D, ADD, SOFTMAX, RESHAPE; int8 activations, int8 symmetric weights (per
channel for convolutions, per tensor for fully connected), int32 biases, fused
NONE/RELU/RELU6/RELU_N1_TO_1, dilation 1, batch 1. Anything else stops with an error
that names the operator (exit status 1).

Arena: every non-constant tensor lives from the operator that writes it (the model
input: from the start) to the last operator that reads it (model outputs: to the
end). Tensors are placed largest first at the lowest 16-byte-aligned offset that
does not overlap a tensor whose lifetime intersects its own (a greedy planner like
TFLite Micro's); an operator's inputs and output therefore never share bytes.

Reads the flatbuffer with tflite_fb.py (standard library only; the schema fields it
reads are listed there).
"""
import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tflite_fb  # noqa: E402

SUPPORTED = ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "AVERAGE_POOL_2D", "MAX_POOL_2D",
             "ADD", "SOFTMAX", "RESHAPE")
ALIGN = 16


class ConversionError(Exception):
    pass


def quantize_multiplier(real):
    """(Q31 multiplier, shift): real = multiplier * 2^(shift - 31), as TFLite's QuantizeMultiplier."""
    if real == 0.0:
        return 0, 0
    q, shift = math.frexp(real)
    q_fixed = int(math.floor(q * (1 << 31) + 0.5))
    if q_fixed == (1 << 31):
        q_fixed //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    if shift > 30:
        return (1 << 31) - 1, 30
    return q_fixed, shift


def tflite_round(x):
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def activation_range(op, activation, scale, zero_point):
    import struct
    f32 = lambda v: struct.unpack("<f", struct.pack("<f", v))[0]  # noqa: E731
    quantize = lambda v: zero_point + tflite_round(f32(f32(v) / f32(scale)))  # noqa: E731
    if activation == "NONE":
        return -128, 127
    if activation == "RELU":
        return max(-128, quantize(0.0)), 127
    if activation == "RELU6":
        return max(-128, quantize(0.0)), min(127, quantize(6.0))
    if activation == "RELU_N1_TO_1":
        return max(-128, quantize(-1.0)), min(127, quantize(1.0))
    raise ConversionError("operator %s: fused activation %s is not supported" % (op, activation))


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


def int_values(tensor, fmt):
    import struct
    size = struct.calcsize("<" + fmt)
    count = len(tensor.data) // size
    return list(struct.unpack("<%d%s" % (count, fmt), tensor.data))


def c_array(ctype, name, values, per_line=24):
    lines = ["static const %s %s[%d] = {" % (ctype, name, len(values))]
    for i in range(0, len(values), per_line):
        lines.append("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
    lines.append("};")
    return "\n".join(lines)


class Converter:
    def __init__(self, model, name, source):
        self.m = model
        self.name = name
        self.source = source
        self.decls = []
        self.calls = []
        self.macs = 0
        self.params = 0
        self.weight_bytes = 0

    def tensor(self, index, what):
        if index < 0 or index >= len(self.m.tensors):
            raise ConversionError("%s refers to tensor %d" % (what, index))
        return self.m.tensors[index]

    def check_int8(self, t, op):
        if t.type != "int8":
            raise ConversionError("operator %s: tensor '%s' is %s, only int8 activations are supported"
                                  % (op, t.name, t.type))
        if len(t.scale) != 1 or len(t.zero_point) != 1:
            raise ConversionError("operator %s: tensor '%s' needs one scale and zero point" % (op, t.name))

    def ptr(self, index, const=True):
        return "(%sint8_t *)(%s_arena + %d)" % ("const " if const else "", self.name, self.offsets[index])

    def convert(self):
        m = self.m
        for n, op in enumerate(m.operators):
            if op.name not in SUPPORTED:
                raise ConversionError("unsupported operator %s (operator %d); supported: %s"
                                      % (op.name, n, ", ".join(SUPPORTED)))
        self.plan()
        for n, op in enumerate(m.operators):
            getattr(self, "op_" + op.name.lower())(n, op, tflite_fb.options(op))

    # ---- arena ---------------------------------------------------------------------------

    def plan(self):
        m = self.m
        first, last = {}, {}
        for i in m.inputs:
            first[i] = 0
            last[i] = 0
        for n, op in enumerate(m.operators):
            for i in op.inputs:
                if i >= 0 and not m.tensors[i].is_constant:
                    if i not in first:
                        raise ConversionError("operator %s (operator %d) reads tensor '%s' before it is written"
                                              % (op.name, n, m.tensors[i].name))
                    last[i] = n
            for i in op.outputs:
                first.setdefault(i, n)
                last[i] = max(last.get(i, n), n)
        for i in m.outputs:
            last[i] = len(m.operators)
        sizes = {i: m.tensors[i].element_count() for i in first}
        placed = []
        self.offsets = {}
        for i in sorted(first, key=lambda t: (-sizes[t], t)):
            offset = 0
            conflicts = sorted((o, o + sizes[j]) for j, o in placed
                               if not (last[j] < first[i] or last[i] < first[j]))
            for lo, hi in conflicts:
                if offset + sizes[i] <= lo:
                    break
                offset = max(offset, (hi + ALIGN - 1) // ALIGN * ALIGN)
            self.offsets[i] = offset
            placed.append((i, offset))
        self.arena_bytes = max(self.offsets[i] + sizes[i] for i in self.offsets)
        self.arena_bytes = (self.arena_bytes + ALIGN - 1) // ALIGN * ALIGN

    # ---- operators -----------------------------------------------------------------------

    def weights_and_bias(self, n, op, per_channel_dim, out_c):
        w = self.tensor(op.inputs[1], op.name)
        if w.type != "int8" or not w.is_constant:
            raise ConversionError("operator %s (operator %d): weights must be constant int8" % (op.name, n))
        if any(z != 0 for z in w.zero_point):
            raise ConversionError("operator %s (operator %d): weights must be symmetric (zero point 0)"
                                  % (op.name, n))
        self.decls.append(c_array("int8_t", "op%d_weights" % n, int_values(w, "b")))
        self.params += w.element_count()
        self.weight_bytes += w.element_count()
        bias = "0"
        if len(op.inputs) > 2 and op.inputs[2] >= 0:
            b = self.tensor(op.inputs[2], op.name)
            if b.type != "int32":
                raise ConversionError("operator %s (operator %d): bias is %s, expected int32" % (op.name, n, b.type))
            self.decls.append(c_array("int32_t", "op%d_bias" % n, int_values(b, "i"), 12))
            self.params += b.element_count()
            self.weight_bytes += 4 * b.element_count()
            bias = "op%d_bias" % n
        scales = w.scale
        if per_channel_dim is not None and len(scales) == 1:
            scales = scales * out_c
        if per_channel_dim is not None and (len(scales) != out_c or w.quantized_dimension != per_channel_dim):
            raise ConversionError("operator %s (operator %d): expected %d per-channel weight scales on dimension %d"
                                  % (op.name, n, out_c, per_channel_dim))
        return w, scales, bias

    def conv_common(self, n, op, o, depthwise):
        x = self.tensor(op.inputs[0], op.name)
        y = self.tensor(op.outputs[0], op.name)
        self.check_int8(x, op.name)
        self.check_int8(y, op.name)
        if o["dilation_h"] != 1 or o["dilation_w"] != 1:
            raise ConversionError("operator %s (operator %d): dilation %dx%d is not supported"
                                  % (op.name, n, o["dilation_h"], o["dilation_w"]))
        _, in_h, in_w, in_c = x.shape
        _, out_h, out_w, out_c = y.shape
        w, scales, bias = self.weights_and_bias(n, op, 3 if depthwise else 0, out_c)
        if depthwise:
            _, k_h, k_w, wc = w.shape
            mult = o["depth_multiplier"] or out_c // in_c
            if wc != out_c or in_c * mult != out_c:
                raise ConversionError("operator %s (operator %d): channel counts do not match" % (op.name, n))
            self.macs += out_h * out_w * out_c * k_h * k_w
        else:
            oc, k_h, k_w, ic = w.shape
            mult = 1
            if oc != out_c or ic != in_c:
                raise ConversionError("operator %s (operator %d): filter shape %s does not match" % (op.name, n, w.shape))
            self.macs += out_h * out_w * out_c * k_h * k_w * in_c
        eh, ew, pad_h, pad_w = padding(o, in_h, in_w, k_h, k_w)
        if (eh, ew) != (out_h, out_w):
            raise ConversionError("operator %s (operator %d): output %dx%d, expected %dx%d"
                                  % (op.name, n, out_h, out_w, eh, ew))
        s_in, s_out = x.scale[0], y.scale[0]
        mq = [quantize_multiplier(float(s_in) * float(s) / float(s_out)) for s in scales]
        self.decls.append(c_array("int32_t", "op%d_multiplier" % n, [q for q, _ in mq], 8))
        self.decls.append(c_array("int8_t", "op%d_shift" % n, [s for _, s in mq]))
        lo, hi = activation_range(op.name, o["activation"], s_out, y.zero_point[0])
        self.decls.append(
            "static const nn_conv_params op%d = {\n"
            "    .in_h = %d, .in_w = %d, .in_c = %d, .out_h = %d, .out_w = %d, .out_c = %d,\n"
            "    .k_h = %d, .k_w = %d, .stride_h = %d, .stride_w = %d, .pad_h = %d, .pad_w = %d,\n"
            "    .depth_multiplier = %d, .input_offset = %d, .output_offset = %d, .act_min = %d, .act_max = %d,\n"
            "    .weights = op%d_weights, .bias = %s, .multiplier = op%d_multiplier, .shift = op%d_shift,\n};"
            % (n, in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w, o["stride_h"], o["stride_w"], pad_h, pad_w,
               mult, -x.zero_point[0], y.zero_point[0], lo, hi, n, bias, n, n))
        kernel = "nn_depthwise_conv2d_s8" if depthwise else "nn_conv2d_s8"
        self.calls.append("    %s(&op%d, %s, %s);" % (kernel, n, self.ptr(op.inputs[0]),
                                                        self.ptr(op.outputs[0], False)))

    def op_conv_2d(self, n, op, o):
        self.conv_common(n, op, o, False)

    def op_depthwise_conv_2d(self, n, op, o):
        self.conv_common(n, op, o, True)

    def op_fully_connected(self, n, op, o):
        x = self.tensor(op.inputs[0], op.name)
        y = self.tensor(op.outputs[0], op.name)
        self.check_int8(x, op.name)
        self.check_int8(y, op.name)
        w, _, bias = self.weights_and_bias(n, op, None, 0)
        if len(w.scale) != 1:
            raise ConversionError("operator FULLY_CONNECTED (operator %d): per-channel weights are not supported" % n)
        out_n, in_n = w.shape
        if x.element_count() != in_n or y.element_count() != out_n:
            raise ConversionError("operator FULLY_CONNECTED (operator %d): only batch 1 is supported" % n)
        self.macs += in_n * out_n
        multiplier, shift = quantize_multiplier(float(x.scale[0]) * float(w.scale[0]) / float(y.scale[0]))
        lo, hi = activation_range(op.name, o["activation"], y.scale[0], y.zero_point[0])
        self.decls.append(
            "static const nn_fc_params op%d = {\n"
            "    .in_n = %d, .out_n = %d, .input_offset = %d, .output_offset = %d, .act_min = %d, .act_max = %d,\n"
            "    .multiplier = %d, .shift = %d, .weights = op%d_weights, .bias = %s,\n};"
            % (n, in_n, out_n, -x.zero_point[0], y.zero_point[0], lo, hi, multiplier, shift, n, bias))
        self.calls.append("    nn_fully_connected_s8(&op%d, %s, %s);" % (n, self.ptr(op.inputs[0]),
                                                                         self.ptr(op.outputs[0], False)))

    def pool(self, n, op, o, kernel):
        x = self.tensor(op.inputs[0], op.name)
        y = self.tensor(op.outputs[0], op.name)
        self.check_int8(x, op.name)
        self.check_int8(y, op.name)
        if (x.scale[0], x.zero_point[0]) != (y.scale[0], y.zero_point[0]):
            raise ConversionError("operator %s (operator %d): input and output quantization differ" % (op.name, n))
        _, in_h, in_w, c = x.shape
        out_h, out_w, pad_h, pad_w = padding(o, in_h, in_w, o["filter_h"], o["filter_w"])
        if [1, out_h, out_w, c] != list(y.shape):
            raise ConversionError("operator %s (operator %d): output shape %s does not match" % (op.name, n, y.shape))
        lo, hi = activation_range(op.name, o["activation"], y.scale[0], y.zero_point[0])
        self.decls.append(
            "static const nn_pool_params op%d = {\n"
            "    .in_h = %d, .in_w = %d, .c = %d, .out_h = %d, .out_w = %d, .k_h = %d, .k_w = %d,\n"
            "    .stride_h = %d, .stride_w = %d, .pad_h = %d, .pad_w = %d, .act_min = %d, .act_max = %d,\n};"
            % (n, in_h, in_w, c, out_h, out_w, o["filter_h"], o["filter_w"], o["stride_h"], o["stride_w"],
               pad_h, pad_w, lo, hi))
        self.calls.append("    %s(&op%d, %s, %s);" % (kernel, n, self.ptr(op.inputs[0]), self.ptr(op.outputs[0], False)))

    def op_average_pool_2d(self, n, op, o):
        self.pool(n, op, o, "nn_avg_pool_s8")

    def op_max_pool_2d(self, n, op, o):
        self.pool(n, op, o, "nn_max_pool_s8")

    def op_add(self, n, op, o):
        a = self.tensor(op.inputs[0], op.name)
        b = self.tensor(op.inputs[1], op.name)
        y = self.tensor(op.outputs[0], op.name)
        for t in (a, b, y):
            self.check_int8(t, op.name)
            if t.is_constant:
                raise ConversionError("operator ADD (operator %d): constant inputs are not supported" % n)
        if a.shape != b.shape or a.shape != y.shape:
            raise ConversionError("operator ADD (operator %d): broadcasting is not supported" % n)
        twice_max = 2.0 * max(float(a.scale[0]), float(b.scale[0]))
        m1, s1 = quantize_multiplier(float(a.scale[0]) / twice_max)
        m2, s2 = quantize_multiplier(float(b.scale[0]) / twice_max)
        mo, so = quantize_multiplier(twice_max / ((1 << 20) * float(y.scale[0])))
        lo, hi = activation_range(op.name, o["activation"], y.scale[0], y.zero_point[0])
        self.decls.append(
            "static const nn_add_params op%d = {\n"
            "    .count = %d, .input1_offset = %d, .input2_offset = %d, .output_offset = %d,\n"
            "    .act_min = %d, .act_max = %d,\n"
            "    .input1_multiplier = %d, .input2_multiplier = %d, .output_multiplier = %d,\n"
            "    .input1_shift = %d, .input2_shift = %d, .output_shift = %d,\n};"
            % (n, y.element_count(), -a.zero_point[0], -b.zero_point[0], y.zero_point[0], lo, hi, m1, m2, mo,
               s1, s2, so))
        self.calls.append("    nn_add_s8(&op%d, %s, %s, %s);" % (n, self.ptr(op.inputs[0]), self.ptr(op.inputs[1]),
                                                                 self.ptr(op.outputs[0], False)))

    def op_reshape(self, n, op, o):
        x = self.tensor(op.inputs[0], op.name)
        y = self.tensor(op.outputs[0], op.name)
        if x.element_count() != y.element_count():
            raise ConversionError("operator RESHAPE (operator %d): element counts differ" % n)
        self.calls.append("    nn_reshape_s8(%s, %s, %d);" % (self.ptr(op.inputs[0]), self.ptr(op.outputs[0], False),
                                                              y.element_count()))

    def op_softmax(self, n, op, o):
        x = self.tensor(op.inputs[0], op.name)
        y = self.tensor(op.outputs[0], op.name)
        self.check_int8(x, op.name)
        self.check_int8(y, op.name)
        if y.zero_point[0] != -128 or y.scale[0] != 1.0 / 256:
            raise ConversionError("operator SOFTMAX (operator %d): int8 output must have scale 1/256, zero point -128"
                                  % n)
        real = min(float(o["beta"]) * float(x.scale[0]) * float(1 << 26), float((1 << 31) - 1))
        multiplier, left_shift = quantize_multiplier(real)
        if left_shift < 0:
            raise ConversionError("operator SOFTMAX (operator %d): input scale too small" % n)
        diff_min = -math.floor(31.0 * (1 << 26) / (1 << left_shift))
        depth = x.shape[-1]
        self.decls.append(
            "static const nn_softmax_params op%d = {\n"
            "    .rows = %d, .depth = %d, .input_multiplier = %d, .input_left_shift = %d, .diff_min = %d,\n};"
            % (n, x.element_count() // depth, depth, multiplier, left_shift, diff_min))
        self.calls.append("    nn_softmax_s8(&op%d, %s, %s);" % (n, self.ptr(op.inputs[0]), self.ptr(op.outputs[0], False)))

    # ---- output ---------------------------------------------------------------------------

    def emit(self, out_dir):
        m, name = self.m, self.name
        inp, out = m.inputs[0], m.outputs[0]
        ti, to = m.tensors[inp], m.tensors[out]
        upper = name.upper()
        banner = ("/* Generated by firmware/tools/tflite2c.py from %s; do not edit. */\n" % self.source)
        header = banner + (
            "#ifndef %(U)s_MODEL_H\n#define %(U)s_MODEL_H\n\n#include \"nn.h\"\n\n"
            "#define %(U)s_ARENA_BYTES %(arena)d\n#define %(U)s_MACS %(macs)d\n#define %(U)s_PARAMS %(params)d\n"
            "#define %(U)s_INPUT_BYTES %(ib)d\n#define %(U)s_OUTPUT_BYTES %(ob)d\n"
            "/* input: scale %(isc).9g, zero point %(izp)d; output: scale %(osc).9g, zero point %(ozp)d */\n\n"
            "extern const nn_model %(n)s_model;\n\n#endif\n"
            % dict(U=upper, n=name, arena=self.arena_bytes, macs=self.macs, params=self.params,
                   ib=ti.element_count(), ob=to.element_count(), isc=ti.scale[0], izp=ti.zero_point[0],
                   osc=to.scale[0], ozp=to.zero_point[0]))
        lines = [banner, '#include "%s_model.h"\n' % name,
                 "/* %d operators, %d MACs, %d parameters (%d bytes), arena %d bytes. */\n"
                 % (len(m.operators), self.macs, self.params, self.weight_bytes, self.arena_bytes),
                 "static uint8_t %s_arena[%d] __attribute__((aligned(%d)));\n" % (name, self.arena_bytes, ALIGN)]
        lines += [d + "\n" for d in self.decls]
        lines.append("static void %s_invoke(void)\n{\n%s\n}\n" % (name, "\n".join(self.calls)))
        lines.append(
            "const nn_model %(n)s_model = {\n    .name = \"%(n)s\", .arena = %(n)s_arena, .arena_bytes = %(a)d,\n"
            "    .input_offset = %(io)d, .input_bytes = %(ib)d, .output_offset = %(oo)d, .output_bytes = %(ob)d,\n"
            "    .macs = %(macs)d, .params = %(params)d, .weight_bytes = %(wb)d, .invoke = %(n)s_invoke,\n};\n"
            % dict(n=name, a=self.arena_bytes, io=self.offsets[inp], ib=ti.element_count(), oo=self.offsets[out],
                   ob=to.element_count(), macs=self.macs, params=self.params, wb=self.weight_bytes))
        os.makedirs(out_dir, exist_ok=True)
        for suffix, text in (("_model.h", header), ("_model.c", "\n".join(lines))):
            path = os.path.join(out_dir, name + suffix)
            with open(path + ".tmp", "w") as f:
                f.write(text)
            os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tflite")
    parser.add_argument("--name", help="C identifier prefix (default: the file's stem)")
    parser.add_argument("--out-dir", default=".")
    args = parser.parse_args()
    name = args.name or os.path.splitext(os.path.basename(args.tflite))[0]
    if not name.isidentifier():
        sys.exit("tflite2c: name %r is not a C identifier (use --name)" % name)
    try:
        with open(args.tflite, "rb") as f:
            model = tflite_fb.Model(f.read())
        if len(model.inputs) != 1 or len(model.outputs) != 1:
            raise ConversionError("models with %d inputs and %d outputs are not supported (need 1 and 1)"
                                  % (len(model.inputs), len(model.outputs)))
        converter = Converter(model, name, os.path.basename(args.tflite))
        converter.convert()
        converter.emit(args.out_dir)
    except (ConversionError, tflite_fb.FlatbufferError, OSError) as error:
        sys.exit("tflite2c: %s: %s" % (args.tflite, error))


if __name__ == "__main__":
    main()
