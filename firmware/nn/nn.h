/*
 * nn.h — int8 neural-network kernels with TensorFlow Lite's quantization semantics.
 *
 * Tensors are NHWC int8 (batch 1). Real value = scale * (q - zero_point). Conv filters
 * are OHWI, depthwise filters 1HWC (C = in_c * depth_multiplier), fully-connected
 * weights [out][in]; weights are symmetric (zero point 0), biases int32 with scale
 * input_scale * weight_scale. Each output channel c is requantized with
 * MultiplyByQuantizedMultiplier(acc, multiplier[c], shift[c]): a saturating rounding
 * doubling high multiply by the Q31 multiplier and a rounding divide by 2^-shift
 * (shift > 0 shifts left first), then the output zero point is added and the result is
 * clamped to [act_min, act_max], which encodes a fused ReLU/ReLU6.
 *
 * Two builds of one source, bit-identical: portable C (Cortex-M0/M0+) and, when the
 * compiler defines __ARM_FEATURE_DSP (Cortex-M4), dot products with SXTB16/SXTAB16 and
 * SMLAD from <arm_acle.h>. Integer sums are exact in both, so the order does not matter.
 *
 * The parameters are produced by tools/tflite2c.py from a .tflite file.
 */
#ifndef NN_H
#define NN_H

#include <stdint.h>

/* CONV_2D and DEPTHWISE_CONV_2D. */
typedef struct {
    uint16_t in_h, in_w, in_c;
    uint16_t out_h, out_w, out_c;
    uint8_t k_h, k_w, stride_h, stride_w;
    uint8_t pad_h, pad_w;          /* padding before (top, left); TFLite SAME puts the odd pixel after */
    uint8_t depth_multiplier;      /* depthwise only */
    int16_t input_offset;          /* -input zero point */
    int16_t output_offset;         /* output zero point */
    int8_t act_min, act_max;
    const int8_t *weights;
    const int32_t *bias;           /* may be 0 */
    const int32_t *multiplier;     /* per output channel */
    const int8_t *shift;           /* per output channel */
} nn_conv_params;

/* FULLY_CONNECTED with per-tensor weights: out[o] = sum_i w[o][i] * (in[i] - zp_in) + bias[o]. */
typedef struct {
    uint16_t in_n, out_n;          /* input features, output features (batch 1) */
    int16_t input_offset, output_offset;
    int8_t act_min, act_max;
    int32_t multiplier;
    int8_t shift;
    const int8_t *weights;
    const int32_t *bias;           /* may be 0 */
} nn_fc_params;

/* AVERAGE_POOL_2D and MAX_POOL_2D (input and output share scale and zero point). */
typedef struct {
    uint16_t in_h, in_w, c, out_h, out_w;
    uint8_t k_h, k_w, stride_h, stride_w, pad_h, pad_w;
    int8_t act_min, act_max;
} nn_pool_params;

/* ADD of two int8 tensors of the same shape (TFLite's left shift of 20 bits). */
typedef struct {
    uint32_t count;
    int16_t input1_offset, input2_offset, output_offset;
    int8_t act_min, act_max;
    int32_t input1_multiplier, input2_multiplier, output_multiplier;
    int8_t input1_shift, input2_shift, output_shift;
} nn_add_params;

/* SOFTMAX, int8 in, int8 out (scale 1/256, zero point -128), gemmlowp fixed point. */
typedef struct {
    uint16_t rows, depth;
    int32_t input_multiplier;
    int8_t input_left_shift;
    int32_t diff_min;
} nn_softmax_params;

void nn_conv2d_s8(const nn_conv_params *p, const int8_t *input, int8_t *output);
void nn_depthwise_conv2d_s8(const nn_conv_params *p, const int8_t *input, int8_t *output);
void nn_fully_connected_s8(const nn_fc_params *p, const int8_t *input, int8_t *output);
void nn_avg_pool_s8(const nn_pool_params *p, const int8_t *input, int8_t *output);
void nn_max_pool_s8(const nn_pool_params *p, const int8_t *input, int8_t *output);
void nn_add_s8(const nn_add_params *p, const int8_t *input1, const int8_t *input2, int8_t *output);
void nn_softmax_s8(const nn_softmax_params *p, const int8_t *input, int8_t *output);
/* RESHAPE: the bytes do not change; copies when input and output differ (memmove). */
void nn_reshape_s8(const int8_t *input, int8_t *output, uint32_t count);

/* The fixed-point primitives, exposed for tests. */
int32_t nn_saturating_rounding_doubling_high_mul(int32_t a, int32_t b);
int32_t nn_rounding_divide_by_pot(int32_t x, int exponent);
int32_t nn_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift);

/* What tflite2c.py emits for each model. */
typedef struct {
    const char *name;
    uint8_t *arena;                /* static, arena_bytes long, 16-byte aligned */
    uint32_t arena_bytes;
    uint32_t input_offset, input_bytes;    /* the input tensor's place in the arena */
    uint32_t output_offset, output_bytes;
    uint32_t macs, params, weight_bytes;   /* weight_bytes: int8 weights + int32 biases */
    void (*invoke)(void);
} nn_model;

#endif /* NN_H */
