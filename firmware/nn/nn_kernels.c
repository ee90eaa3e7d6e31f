/*
 * nn_kernels.c — int8 kernels with TensorFlow Lite's quantization semantics (see nn.h).
 *
 * The arithmetic follows the TFLite int8 quantization specification and the fixed-point
 * definitions it builds on (gemmlowp: SaturatingRoundingDoublingHighMul,
 * RoundingDivideByPOT; the softmax's exp and reciprocal). Accumulation is exact int32,
 * so the portable loops and the Cortex-M4 SIMD loops give the same bits.
 *
 * Cortex-M4 (__ARM_FEATURE_DSP): the channel dot products of conv and fully connected
 * layers load four int8 inputs and four weights per step, widen them to two int16 pairs
 * each with SXTAB16 (adding the input offset in the same instruction) and SXTB16, and
 * multiply-accumulate both pairs with two SMLADs: four MACs in about six instructions,
 * against about five instructions per MAC on the Cortex-M0. Depthwise convolution keeps
 * the portable loop (its sums run over the kernel window, not over packed channels).
 */
#include "nn.h"

#include <string.h>

#if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32)
#include <arm_acle.h>
#define NN_USE_DSP 1
#else
#define NN_USE_DSP 0
#endif

/* ---- fixed point ----------------------------------------------------------------- */

int32_t nn_saturating_rounding_doubling_high_mul(int32_t a, int32_t b)
{
    if (a == b && a == INT32_MIN) {
        return INT32_MAX;
    }
    int64_t ab = (int64_t)a * b;
    int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

int32_t nn_rounding_divide_by_pot(int32_t x, int exponent)
{
    int32_t mask = (int32_t)((1u << exponent) - 1u);
    int32_t remainder = x & mask;
    int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

int32_t nn_multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift)
{
    int left = shift > 0 ? shift : 0;
    int right = shift > 0 ? 0 : -shift;
    /* x << left wraps like the two's-complement multiply TFLite performs. */
    int32_t shifted = (int32_t)((uint32_t)x << left);
    return nn_rounding_divide_by_pot(nn_saturating_rounding_doubling_high_mul(shifted, multiplier), right);
}

static inline int8_t clamp_s8(int32_t v, int32_t lo, int32_t hi)
{
    if (v < lo) {
        v = lo;
    }
    if (v > hi) {
        v = hi;
    }
    return (int8_t)v;
}

/* ---- dot products ------------------------------------------------------------------- */

/* acc + sum_i (x[i] + offset) * w[i]. */
static inline int32_t dot_s8(const int8_t *x, const int8_t *w, int n, int32_t offset, int32_t acc)
{
#if NN_USE_DSP
    const int16x2_t offset2 = (int16x2_t)(((uint32_t)offset & 0xFFFFu) * 0x10001u);
    while (n >= 4) {
        uint32_t xv, wv;
        memcpy(&xv, x, 4);
        memcpy(&wv, w, 4);
        int16x2_t x02 = __sxtab16(offset2, (int8x4_t)xv);
        int16x2_t x13 = __sxtab16(offset2, (int8x4_t)((xv >> 8) | (xv << 24)));
        int16x2_t w02 = __sxtb16((int8x4_t)wv);
        int16x2_t w13 = __sxtb16((int8x4_t)((wv >> 8) | (wv << 24)));
        acc = __smlad(x02, w02, acc);
        acc = __smlad(x13, w13, acc);
        x += 4;
        w += 4;
        n -= 4;
    }
#else
    while (n >= 4) {
        acc += (x[0] + offset) * w[0] + (x[1] + offset) * w[1] + (x[2] + offset) * w[2] + (x[3] + offset) * w[3];
        x += 4;
        w += 4;
        n -= 4;
    }
#endif
    while (n > 0) {
        acc += (*x++ + offset) * *w++;
        n--;
    }
    return acc;
}

/* Two output channels over one input vector: the input is loaded once for both. */
static inline void dot2_s8(const int8_t *x, const int8_t *w0, const int8_t *w1, int n, int32_t offset,
                           int32_t *acc0, int32_t *acc1)
{
    int32_t a0 = *acc0, a1 = *acc1;
#if NN_USE_DSP
    const int16x2_t offset2 = (int16x2_t)(((uint32_t)offset & 0xFFFFu) * 0x10001u);
    while (n >= 4) {
        uint32_t xv, v0, v1;
        memcpy(&xv, x, 4);
        memcpy(&v0, w0, 4);
        memcpy(&v1, w1, 4);
        int16x2_t x02 = __sxtab16(offset2, (int8x4_t)xv);
        int16x2_t x13 = __sxtab16(offset2, (int8x4_t)((xv >> 8) | (xv << 24)));
        a0 = __smlad(x02, __sxtb16((int8x4_t)v0), a0);
        a0 = __smlad(x13, __sxtb16((int8x4_t)((v0 >> 8) | (v0 << 24))), a0);
        a1 = __smlad(x02, __sxtb16((int8x4_t)v1), a1);
        a1 = __smlad(x13, __sxtb16((int8x4_t)((v1 >> 8) | (v1 << 24))), a1);
        x += 4;
        w0 += 4;
        w1 += 4;
        n -= 4;
    }
#endif
    while (n > 0) {
        int32_t v = *x++ + offset;
        a0 += v * *w0++;
        a1 += v * *w1++;
        n--;
    }
    *acc0 = a0;
    *acc1 = a1;
}

/* ---- convolution -------------------------------------------------------------------- */

static inline int8_t requantize(const nn_conv_params *p, int32_t acc, int oc)
{
    if (p->bias) {
        acc += p->bias[oc];
    }
    acc = nn_multiply_by_quantized_multiplier(acc, p->multiplier[oc], p->shift[oc]);
    return clamp_s8(acc + p->output_offset, p->act_min, p->act_max);
}

void nn_conv2d_s8(const nn_conv_params *p, const int8_t *input, int8_t *output)
{
    const int in_c = p->in_c, in_w = p->in_w, in_h = p->in_h;
    const int k_h = p->k_h, k_w = p->k_w;
    const int filter_stride = k_h * k_w * in_c;
    const int32_t offset = p->input_offset;
    for (int oy = 0; oy < p->out_h; oy++) {
        const int iy0 = oy * p->stride_h - p->pad_h;
        const int ky0 = iy0 < 0 ? -iy0 : 0;
        const int ky1 = iy0 + k_h > in_h ? in_h - iy0 : k_h;
        for (int ox = 0; ox < p->out_w; ox++) {
            const int ix0 = ox * p->stride_w - p->pad_w;
            const int kx0 = ix0 < 0 ? -ix0 : 0;
            const int kx1 = ix0 + k_w > in_w ? in_w - ix0 : k_w;
            /* The valid part of a kernel row is contiguous in both input and filter. */
            const int row_len = (kx1 - kx0) * in_c;
            int oc = 0;
            for (; oc + 1 < p->out_c; oc += 2) {
                const int8_t *w0 = p->weights + oc * filter_stride;
                const int8_t *w1 = w0 + filter_stride;
                int32_t acc0 = 0, acc1 = 0;
                for (int ky = ky0; ky < ky1; ky++) {
                    const int8_t *x = input + ((iy0 + ky) * in_w + ix0 + kx0) * in_c;
                    const int k = (ky * k_w + kx0) * in_c;
                    dot2_s8(x, w0 + k, w1 + k, row_len, offset, &acc0, &acc1);
                }
                *output++ = requantize(p, acc0, oc);
                *output++ = requantize(p, acc1, oc + 1);
            }
            for (; oc < p->out_c; oc++) {
                const int8_t *w = p->weights + oc * filter_stride;
                int32_t acc = 0;
                for (int ky = ky0; ky < ky1; ky++) {
                    const int8_t *x = input + ((iy0 + ky) * in_w + ix0 + kx0) * in_c;
                    acc = dot_s8(x, w + (ky * k_w + kx0) * in_c, row_len, offset, acc);
                }
                *output++ = requantize(p, acc, oc);
            }
        }
    }
}

void nn_depthwise_conv2d_s8(const nn_conv_params *p, const int8_t *input, int8_t *output)
{
    const int in_c = p->in_c, in_w = p->in_w, in_h = p->in_h, out_c = p->out_c;
    const int k_h = p->k_h, k_w = p->k_w, mult = p->depth_multiplier;
    const int32_t offset = p->input_offset;
    for (int oy = 0; oy < p->out_h; oy++) {
        const int iy0 = oy * p->stride_h - p->pad_h;
        const int ky0 = iy0 < 0 ? -iy0 : 0;
        const int ky1 = iy0 + k_h > in_h ? in_h - iy0 : k_h;
        for (int ox = 0; ox < p->out_w; ox++) {
            const int ix0 = ox * p->stride_w - p->pad_w;
            const int kx0 = ix0 < 0 ? -ix0 : 0;
            const int kx1 = ix0 + k_w > in_w ? in_w - ix0 : k_w;
            for (int oc = 0; oc < out_c; oc++) {
                const int ic = oc / mult;
                int32_t acc = 0;
                for (int ky = ky0; ky < ky1; ky++) {
                    const int8_t *x = input + ((iy0 + ky) * in_w + ix0) * in_c + ic;
                    const int8_t *w = p->weights + (ky * k_w) * out_c + oc;
                    for (int kx = kx0; kx < kx1; kx++) {
                        acc += (x[kx * in_c] + offset) * w[kx * out_c];
                    }
                }
                *output++ = requantize(p, acc, oc);
            }
        }
    }
}

/* ---- fully connected ----------------------------------------------------------------- */

void nn_fully_connected_s8(const nn_fc_params *p, const int8_t *input, int8_t *output)
{
    const int n = p->in_n;
    int o = 0;
    for (; o + 1 < p->out_n; o += 2) {
        int32_t acc0 = p->bias ? p->bias[o] : 0;
        int32_t acc1 = p->bias ? p->bias[o + 1] : 0;
        dot2_s8(input, p->weights + o * n, p->weights + (o + 1) * n, n, p->input_offset, &acc0, &acc1);
        acc0 = nn_multiply_by_quantized_multiplier(acc0, p->multiplier, p->shift) + p->output_offset;
        acc1 = nn_multiply_by_quantized_multiplier(acc1, p->multiplier, p->shift) + p->output_offset;
        output[o] = clamp_s8(acc0, p->act_min, p->act_max);
        output[o + 1] = clamp_s8(acc1, p->act_min, p->act_max);
    }
    for (; o < p->out_n; o++) {
        int32_t acc = dot_s8(input, p->weights + o * n, n, p->input_offset, p->bias ? p->bias[o] : 0);
        acc = nn_multiply_by_quantized_multiplier(acc, p->multiplier, p->shift) + p->output_offset;
        output[o] = clamp_s8(acc, p->act_min, p->act_max);
    }
}

/* ---- pooling -------------------------------------------------------------------------- */

static void pool_s8(const nn_pool_params *p, const int8_t *input, int8_t *output, int is_max)
{
    const int c = p->c;
    for (int oy = 0; oy < p->out_h; oy++) {
        const int iy0 = oy * p->stride_h - p->pad_h;
        const int ky0 = iy0 < 0 ? -iy0 : 0;
        const int ky1 = iy0 + p->k_h > p->in_h ? p->in_h - iy0 : p->k_h;
        for (int ox = 0; ox < p->out_w; ox++) {
            const int ix0 = ox * p->stride_w - p->pad_w;
            const int kx0 = ix0 < 0 ? -ix0 : 0;
            const int kx1 = ix0 + p->k_w > p->in_w ? p->in_w - ix0 : p->k_w;
            const int32_t count = (ky1 - ky0) * (kx1 - kx0);
            for (int ch = 0; ch < c; ch++) {
                int32_t acc = is_max ? -128 : 0;
                for (int ky = ky0; ky < ky1; ky++) {
                    const int8_t *x = input + ((iy0 + ky) * p->in_w + ix0) * c + ch;
                    for (int kx = kx0; kx < kx1; kx++) {
                        int32_t v = x[kx * c];
                        if (is_max) {
                            acc = v > acc ? v : acc;
                        } else {
                            acc += v;
                        }
                    }
                }
                if (!is_max) {
                    /* Round half away from zero; C division truncates. */
                    acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                }
                *output++ = clamp_s8(acc, p->act_min, p->act_max);
            }
        }
    }
}

void nn_avg_pool_s8(const nn_pool_params *p, const int8_t *input, int8_t *output)
{
    pool_s8(p, input, output, 0);
}

void nn_max_pool_s8(const nn_pool_params *p, const int8_t *input, int8_t *output)
{
    pool_s8(p, input, output, 1);
}

/* ---- add ------------------------------------------------------------------------------ */

void nn_add_s8(const nn_add_params *p, const int8_t *input1, const int8_t *input2, int8_t *output)
{
    for (uint32_t i = 0; i < p->count; i++) {
        const int32_t a = (input1[i] + p->input1_offset) * (1 << 20);
        const int32_t b = (input2[i] + p->input2_offset) * (1 << 20);
        const int32_t sa = nn_multiply_by_quantized_multiplier(a, p->input1_multiplier, p->input1_shift);
        const int32_t sb = nn_multiply_by_quantized_multiplier(b, p->input2_multiplier, p->input2_shift);
        const int32_t sum = nn_multiply_by_quantized_multiplier(sa + sb, p->output_multiplier, p->output_shift);
        output[i] = clamp_s8(sum + p->output_offset, p->act_min, p->act_max);
    }
}

/* ---- reshape -------------------------------------------------------------------------- */

void nn_reshape_s8(const int8_t *input, int8_t *output, uint32_t count)
{
    if (input != output) {
        memmove(output, input, count);
    }
}

/* ---- softmax (gemmlowp fixed point) ----------------------------------------------------- */

static inline int32_t fx_mul(int32_t a, int32_t b)
{
    return nn_saturating_rounding_doubling_high_mul(a, b);
}

/* x * 2^exponent, saturating for exponent > 0, rounding for exponent < 0. */
static int32_t saturating_rounding_mul_by_pot(int32_t x, int exponent)
{
    if (exponent < 0) {
        return nn_rounding_divide_by_pot(x, -exponent);
    }
    const int32_t threshold = (int32_t)((1u << (31 - exponent)) - 1u);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return (int32_t)((uint32_t)x << exponent);
}

/* exp(a) for a in [-1/4, 0), Q0.31: Taylor expansion around -1/8 to the 4th order. */
static int32_t exp_on_interval_quarter(int32_t a)
{
    const int32_t exp_minus_one_eighth = 1895147668; /* exp(-1/8) in Q0.31 */
    const int32_t one_third = 715827883;             /* 1/3 in Q0.31 */
    const int32_t x = a + (1 << 28);                 /* a + 1/8 */
    const int32_t x2 = fx_mul(x, x);
    const int32_t x3 = fx_mul(x2, x);
    const int32_t x4 = fx_mul(x2, x2);
    const int32_t x4_over_4 = nn_rounding_divide_by_pot(x4, 2);
    const int32_t poly = nn_rounding_divide_by_pot(fx_mul(x4_over_4 + x3, one_third) + x2, 1);
    return exp_minus_one_eighth + fx_mul(exp_minus_one_eighth, x + poly);
}

/* exp(a) for a <= 0 given in Q5.26; result Q0.31. */
static int32_t exp_on_negative_values(int32_t a)
{
    /* exp(-2^k) in Q0.31 for k = -2 .. 4. */
    static const int32_t multipliers[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    const int32_t one_quarter = 1 << 24;
    const int32_t a_mod = (a & (one_quarter - 1)) - one_quarter;
    int32_t result = exp_on_interval_quarter(saturating_rounding_mul_by_pot(a_mod, 5));
    const int32_t remainder = a_mod - a;
    for (int k = 0; k < 7; k++) {
        if (remainder & (1 << (24 + k))) {
            result = fx_mul(result, multipliers[k]);
        }
    }
    return a == 0 ? INT32_MAX : result;
}

/* 1 / (1 + a) for a in [0, 1) Q0.31 (Newton-Raphson on the half denominator, Q2.29). */
static int32_t one_over_one_plus_x(int32_t a)
{
    const int64_t sum = (int64_t)a + INT32_MAX;
    const int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
    int32_t x = 1515870810 + fx_mul(half_denominator, -1010580540); /* 48/17 - 32/17 d */
    for (int i = 0; i < 3; i++) {
        const int32_t one_minus = (1 << 29) - fx_mul(half_denominator, x);
        x = x + saturating_rounding_mul_by_pot(fx_mul(x, one_minus), 2);
    }
    return saturating_rounding_mul_by_pot(x, 1);
}

void nn_softmax_s8(const nn_softmax_params *p, const int8_t *input, int8_t *output)
{
    const int depth = p->depth;
    for (int r = 0; r < p->rows; r++) {
        const int8_t *in = input + r * depth;
        int8_t *out = output + r * depth;
        int32_t top = -128;
        for (int i = 0; i < depth; i++) {
            top = in[i] > top ? in[i] : top;
        }
        int32_t sum_of_exps = 0; /* Q12.19 */
        for (int i = 0; i < depth; i++) {
            const int32_t diff = in[i] - top;
            if (diff >= p->diff_min) {
                const int32_t scaled = fx_mul(diff * (1 << p->input_left_shift), p->input_multiplier);
                sum_of_exps += nn_rounding_divide_by_pot(exp_on_negative_values(scaled), 12);
            }
        }
        const int headroom = __builtin_clz((uint32_t)sum_of_exps);
        const int bits_over_unit = 12 - headroom;
        const int32_t shifted_sum_minus_one = (int32_t)(((uint32_t)sum_of_exps << headroom) - (1u << 31));
        const int32_t shifted_scale = one_over_one_plus_x(shifted_sum_minus_one);
        for (int i = 0; i < depth; i++) {
            const int32_t diff = in[i] - top;
            if (diff >= p->diff_min) {
                const int32_t scaled = fx_mul(diff * (1 << p->input_left_shift), p->input_multiplier);
                const int32_t e = exp_on_negative_values(scaled);
                const int32_t v = nn_rounding_divide_by_pot(fx_mul(shifted_scale, e), bits_over_unit + 23);
                out[i] = clamp_s8(v - 128, -128, 127);
            } else {
                out[i] = -128;
            }
        }
    }
}
