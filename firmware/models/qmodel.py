"""A float network description, its float forward pass, and TFLite-style int8
post-training quantization into a graph for tflite_writer.py.

Quantization follows the TFLite int8 specification (tensorflow.org/lite/performance/
quantization_spec): activations asymmetric int8 (scale, zero point) from calibrated
ranges that always include 0; conv and depthwise weights symmetric per output channel
(zero point 0, values in [-127, 127]; quantized_dimension 0 for conv, 3 for depthwise);
fully-connected weights symmetric per tensor; biases int32 with scale
input_scale * weight_scale and zero point 0; softmax output scale 1/256, zero point -128;
pooling and reshape outputs keep their input's parameters.

Layouts are TFLite's: activations NHWC, conv filters OHWI, depthwise filters 1HWC,
fully-connected weights [out, in].
"""
import numpy as np

F32 = np.float32


def same_padding(size, kernel, stride):
    """TFLite SAME padding: (output size, padding before); the odd pixel goes after."""
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + kernel - size, 0)
    return out, total // 2, total - total // 2


def out_size(size, kernel, stride, padding):
    if padding == "SAME":
        return same_padding(size, kernel, stride)[0]
    return (size - kernel + stride) // stride


def _pad(x, kh, kw, sh, sw, padding, value=0.0):
    n, h, w, c = x.shape
    if padding == "SAME":
        oh, pt, pb = same_padding(h, kh, sh)
        ow, pl, pr = same_padding(w, kw, sw)
    else:
        oh, ow = out_size(h, kh, sh, "VALID"), out_size(w, kw, sw, "VALID")
        pt = pb = pl = pr = 0
    xp = np.full((n, h + pt + pb, w + pl + pr, c), value, dtype=x.dtype)
    xp[:, pt:pt + h, pl:pl + w, :] = x
    return xp, oh, ow


def _windows(xp, kh, kw, sh, sw, oh, ow):
    """Yields (ky, kx, slice of shape [n, oh, ow, c])."""
    for ky in range(kh):
        for kx in range(kw):
            yield ky, kx, xp[:, ky:ky + sh * (oh - 1) + 1:sh, kx:kx + sw * (ow - 1) + 1:sw, :]


def _act(x, act):
    if act == "RELU":
        return np.maximum(x, 0)
    if act == "RELU6":
        return np.clip(x, 0, 6)
    return x


class Net:
    """A sequence of float layers over numbered tensors."""

    def __init__(self, name):
        self.name = name
        self.layers = []
        self.shapes = []
        self.input_id = None
        self.input_quant = None

    def _tensor(self, shape):
        self.shapes.append(tuple(shape))
        return len(self.shapes) - 1

    def input(self, shape, scale, zero_point):
        self.input_id = self._tensor(shape)
        self.input_quant = (float(F32(scale)), int(zero_point))
        return self.input_id

    def conv(self, x, w, b, stride=1, padding="SAME", act="RELU"):
        h, wd, c = self.shapes[x]
        o, kh, kw, i = w.shape
        assert i == c, (i, c)
        y = self._tensor((out_size(h, kh, stride, padding), out_size(wd, kw, stride, padding), o))
        self.layers.append(dict(op="CONV_2D", x=x, y=y, w=w.astype(F32), b=b.astype(F32), stride=stride,
                                padding=padding, act=act))
        return y

    def dwconv(self, x, w, b, stride=1, padding="SAME", act="RELU"):
        h, wd, c = self.shapes[x]
        _, kh, kw, o = w.shape
        assert o == c
        y = self._tensor((out_size(h, kh, stride, padding), out_size(wd, kw, stride, padding), c))
        self.layers.append(dict(op="DEPTHWISE_CONV_2D", x=x, y=y, w=w.astype(F32), b=b.astype(F32),
                                stride=stride, padding=padding, act=act))
        return y

    def fc(self, x, w, b, act="NONE"):
        assert len(self.shapes[x]) == 1 and self.shapes[x][0] == w.shape[1]
        y = self._tensor((w.shape[0],))
        self.layers.append(dict(op="FULLY_CONNECTED", x=x, y=y, w=w.astype(F32), b=b.astype(F32), act=act))
        return y

    def pool(self, x, kind, k, stride=None, padding="VALID"):
        kh, kw = (k, k) if isinstance(k, int) else k
        sh, sw = (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
        h, wd, c = self.shapes[x]
        y = self._tensor((out_size(h, kh, sh, padding), out_size(wd, kw, sw, padding), c))
        self.layers.append(dict(op=kind, x=x, y=y, k=(kh, kw), s=(sh, sw), padding=padding))
        return y

    def avgpool(self, x, k, stride=None, padding="VALID"):
        return self.pool(x, "AVERAGE_POOL_2D", k, stride, padding)

    def maxpool(self, x, k, stride=None, padding="VALID"):
        return self.pool(x, "MAX_POOL_2D", k, stride, padding)

    def add(self, a, b, act="NONE"):
        assert self.shapes[a] == self.shapes[b]
        y = self._tensor(self.shapes[a])
        self.layers.append(dict(op="ADD", x=a, x2=b, y=y, act=act))
        return y

    def reshape(self, x, shape):
        y = self._tensor(shape)
        assert int(np.prod(shape)) == int(np.prod(self.shapes[x]))
        self.layers.append(dict(op="RESHAPE", x=x, y=y))
        return y

    def softmax(self, x):
        y = self._tensor(self.shapes[x])
        self.layers.append(dict(op="SOFTMAX", x=x, y=y))
        return y

    # ---- float forward -------------------------------------------------------------

    def forward(self, x):
        """Float forward over a batch; returns every tensor's value (list by id)."""
        values = [None] * len(self.shapes)
        values[self.input_id] = x.astype(F32)
        for L in self.layers:
            v = values[L["x"]]
            op = L["op"]
            if op == "CONV_2D":
                w = L["w"]
                o, kh, kw, _ = w.shape
                xp, oh, ow = _pad(v, kh, kw, L["stride"], L["stride"], L["padding"])
                acc = np.zeros((v.shape[0], oh, ow, o), F32)
                for ky, kx, win in _windows(xp, kh, kw, L["stride"], L["stride"], oh, ow):
                    acc += win @ w[:, ky, kx, :].T
                out = _act(acc + L["b"], L["act"])
            elif op == "DEPTHWISE_CONV_2D":
                w = L["w"]
                _, kh, kw, c = w.shape
                xp, oh, ow = _pad(v, kh, kw, L["stride"], L["stride"], L["padding"])
                acc = np.zeros((v.shape[0], oh, ow, c), F32)
                for ky, kx, win in _windows(xp, kh, kw, L["stride"], L["stride"], oh, ow):
                    acc += win * w[0, ky, kx, :]
                out = _act(acc + L["b"], L["act"])
            elif op == "FULLY_CONNECTED":
                out = _act(v @ L["w"].T + L["b"], L["act"])
            elif op in ("AVERAGE_POOL_2D", "MAX_POOL_2D"):
                (kh, kw), (sh, sw) = L["k"], L["s"]
                fill = -np.inf if op == "MAX_POOL_2D" else np.nan
                xp, oh, ow = _pad(v, kh, kw, sh, sw, L["padding"], fill)
                wins = np.stack([win for _, _, win in _windows(xp, kh, kw, sh, sw, oh, ow)])
                out = np.max(wins, 0) if op == "MAX_POOL_2D" else np.nanmean(wins, 0)
            elif op == "ADD":
                out = _act(v + values[L["x2"]], L["act"])
            elif op == "RESHAPE":
                out = v.reshape((v.shape[0],) + self.shapes[L["y"]])
            elif op == "SOFTMAX":
                e = np.exp(v - v.max(-1, keepdims=True))
                out = e / e.sum(-1, keepdims=True)
            values[L["y"]] = out.astype(F32)
        return values

    # ---- int8 quantization -------------------------------------------------------------

    def quantize(self, calibration):
        """TFLite-style int8 graph (for tflite_writer.write) calibrated on a float batch."""
        values = self.forward(calibration)
        quant = {self.input_id: self.input_quant}
        for L in self.layers:
            y, op = L["y"], L["op"]
            if op in ("AVERAGE_POOL_2D", "MAX_POOL_2D", "RESHAPE"):
                quant[y] = quant[L["x"]]
            elif op == "SOFTMAX":
                quant[y] = (float(F32(1.0 / 256)), -128)
            else:
                lo = min(0.0, float(values[y].min()))
                hi = max(0.0, float(values[y].max()))
                if hi - lo < 1e-6:
                    hi = lo + 1e-6
                scale = float(F32((hi - lo) / 255.0))
                zp = int(np.clip(np.round(-128 - lo / scale), -128, 127))
                quant[y] = (scale, zp)

        tensors = []
        tensor_of = {}

        def activation(i):
            if i not in tensor_of:
                shape = self.shapes[i]
                tshape = [1] + list(shape) if len(shape) == 3 else [1] + list(shape)
                tensors.append(dict(name="t%d" % i, shape=tshape, type="int8", data=None,
                                    scale=[quant[i][0]], zero_point=[quant[i][1]]))
                tensor_of[i] = len(tensors) - 1
            return tensor_of[i]

        def constant(name, data, dtype, scale, zp, qdim=0):
            tensors.append(dict(name=name, shape=list(data.shape), type=dtype, data=data,
                                scale=scale, zero_point=zp, quantized_dimension=qdim))
            return len(tensors) - 1

        operators = []
        activation(self.input_id)
        for n, L in enumerate(self.layers):
            op = L["op"]
            x = activation(L["x"])
            s_in = quant[L["x"]][0]
            if op in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED"):
                w = L["w"]
                if op == "FULLY_CONNECTED":
                    s_w = np.array([F32(max(np.abs(w).max(), 1e-8) / 127.0)], F32)
                    qw = np.clip(np.round(w / s_w[0]), -127, 127).astype(np.int8)
                    bias_scale = (F32(s_in) * s_w).astype(F32)
                    qb = np.round(L["b"].astype(np.float64) / float(bias_scale[0])).astype(np.int32)
                    qdim = 0
                else:
                    axis = 0 if op == "CONV_2D" else 3
                    red = tuple(a for a in range(4) if a != axis)
                    s_w = (np.maximum(np.abs(w).max(axis=red), 1e-8) / F32(127.0)).astype(F32)
                    shape = [1, 1, 1, 1]
                    shape[axis] = -1
                    qw = np.clip(np.round(w / s_w.reshape(shape)), -127, 127).astype(np.int8)
                    bias_scale = (F32(s_in) * s_w).astype(F32)
                    qb = np.round(L["b"].astype(np.float64) / bias_scale.astype(np.float64)).astype(np.int32)
                    qdim = axis
                wt = constant("w%d" % n, qw, "int8", [float(s) for s in s_w], [0] * len(s_w), qdim)
                bt = constant("b%d" % n, qb, "int32", [float(s) for s in bias_scale], [0] * len(s_w), 0)
                inputs = [x, wt, bt]
            elif op == "ADD":
                inputs = [x, activation(L["x2"])]
            elif op == "RESHAPE":
                shape_t = constant("shape%d" % n, np.array([1] + list(self.shapes[L["y"]]), np.int32),
                                   "int32", None, None)
                inputs = [x, shape_t]
            else:
                inputs = [x]
            y = activation(L["y"])
            if op == "CONV_2D":
                options = dict(padding=L["padding"], stride_w=L["stride"], stride_h=L["stride"], activation=L["act"])
            elif op == "DEPTHWISE_CONV_2D":
                options = dict(padding=L["padding"], stride_w=L["stride"], stride_h=L["stride"],
                               depth_multiplier=1, activation=L["act"])
            elif op == "FULLY_CONNECTED":
                options = dict(activation=L["act"])
            elif op in ("AVERAGE_POOL_2D", "MAX_POOL_2D"):
                options = dict(padding=L["padding"], stride_h=L["s"][0], stride_w=L["s"][1],
                               filter_h=L["k"][0], filter_w=L["k"][1])
            elif op == "ADD":
                options = dict(activation=L["act"])
            elif op == "RESHAPE":
                options = dict(new_shape=[1] + list(self.shapes[L["y"]]))
            else:
                options = dict(beta=1.0)
            operators.append(dict(op=op, inputs=inputs, outputs=[y], options=options))
        output = tensor_of[self.layers[-1]["y"]]
        return dict(tensors=tensors, operators=operators, inputs=[tensor_of[self.input_id]],
                    outputs=[output], description="armsim %s (int8, post-training quantized)" % self.name)
