/*
 * nn_f32.h — float32 kernels for the float variant of the digits model (NHWC, OHWI).
 *
 * Every sum starts from the bias and adds the kernel taps in (ky, kx, ic) order,
 * skipping taps outside the input (SAME padding); build with -ffp-contract=off so no
 * multiply-add is fused. The result then depends only on IEEE-754 single precision,
 * the same with the M4's FPU and the M0's soft-float library, and the numpy reference
 * (reference/nn_digits.py) repeats the order exactly.
 */
#ifndef NN_F32_H
#define NN_F32_H

#include <stdint.h>

/* SAME convolution, stride 1, square kernel k, followed by ReLU. */
void nn_conv2d_same_relu_f32(const float *input, int h, int w, int in_c, const float *weights,
                             const float *bias, int out_c, int k, float *output);
/* 2x2 pooling, stride 2 (h and w even). */
void nn_max_pool2_f32(const float *input, int h, int w, int c, float *output);
void nn_avg_pool2_f32(const float *input, int h, int w, int c, float *output);
void nn_fully_connected_f32(const float *input, int in_n, const float *weights, const float *bias, int out_n,
                            float *output);

#endif
