/* nn_f32.c — float32 kernels (see nn_f32.h for the summation order). */
#include "nn_f32.h"

void nn_conv2d_same_relu_f32(const float *input, int h, int w, int in_c, const float *weights,
                             const float *bias, int out_c, int k, float *output)
{
    const int pad = k / 2;
    for (int oy = 0; oy < h; oy++) {
        for (int ox = 0; ox < w; ox++) {
            for (int oc = 0; oc < out_c; oc++) {
                float acc = bias[oc];
                const float *wk = weights + oc * k * k * in_c;
                for (int ky = 0; ky < k; ky++) {
                    const int iy = oy + ky - pad;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < k; kx++) {
                        const int ix = ox + kx - pad;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        const float *x = input + (iy * w + ix) * in_c;
                        const float *wt = wk + (ky * k + kx) * in_c;
                        for (int ic = 0; ic < in_c; ic++) {
                            acc = acc + x[ic] * wt[ic];
                        }
                    }
                }
                *output++ = acc > 0.0f ? acc : 0.0f;
            }
        }
    }
}

static void pool2(const float *input, int h, int w, int c, float *output, int is_max)
{
    for (int oy = 0; oy < h / 2; oy++) {
        for (int ox = 0; ox < w / 2; ox++) {
            for (int ch = 0; ch < c; ch++) {
                const float *x = input + ((2 * oy) * w + 2 * ox) * c + ch;
                const float a = x[0], b = x[c], d = x[w * c], e = x[w * c + c];
                if (is_max) {
                    float m = a;
                    m = b > m ? b : m;
                    m = d > m ? d : m;
                    m = e > m ? e : m;
                    *output++ = m;
                } else {
                    *output++ = (((a + b) + d) + e) * 0.25f;
                }
            }
        }
    }
}

void nn_max_pool2_f32(const float *input, int h, int w, int c, float *output)
{
    pool2(input, h, w, c, output, 1);
}

void nn_avg_pool2_f32(const float *input, int h, int w, int c, float *output)
{
    pool2(input, h, w, c, output, 0);
}

void nn_fully_connected_f32(const float *input, int in_n, const float *weights, const float *bias, int out_n,
                            float *output)
{
    for (int o = 0; o < out_n; o++) {
        float acc = bias[o];
        for (int i = 0; i < in_n; i++) {
            acc = acc + input[i] * weights[o * in_n + i];
        }
        output[o] = acc;
    }
}
