/*
 * digits_float: the float32 digits CNN (weights models/digits_float_weights.c) on the
 * held-out images of models/digits_testset.c (input pixel / 16). Hardware FPU on the
 * Cortex-M4 build, soft-float (libgcc) on the M0/M0+ builds; built with
 * -ffp-contract=off. Prints the predicted class per image and the accuracy (the class is
 * the arg max of the logits; softmax does not change it).
 * Expected stdout: reference/nn_digits.py --variant float.
 */
#include <stdint.h>
#include <stdio.h>

#include "armsim.h"
#include "nn_f32.h"

extern const uint32_t digits_test_count;
extern const uint8_t digits_test_labels[];
extern const uint8_t digits_test_pixels[];
extern const float digits_float_w1[], digits_float_b1[], digits_float_w2[], digits_float_b2[];
extern const float digits_float_w3[], digits_float_b3[];

#define MACS (8 * 8 * 8 * 9 + 4 * 4 * 16 * 72 + 64 * 10)
#define PARAMS (8 * 9 + 8 + 16 * 72 + 16 + 640 + 10)

static float input[8 * 8], conv1[8 * 8 * 8], pool1[4 * 4 * 8], conv2[4 * 4 * 16], pool2[2 * 2 * 16], logits[10];

static void invoke(void)
{
    nn_conv2d_same_relu_f32(input, 8, 8, 1, digits_float_w1, digits_float_b1, 8, 3, conv1);
    nn_max_pool2_f32(conv1, 8, 8, 8, pool1);
    nn_conv2d_same_relu_f32(pool1, 4, 4, 8, digits_float_w2, digits_float_b2, 16, 3, conv2);
    nn_avg_pool2_f32(conv2, 4, 4, 16, pool2);
    nn_fully_connected_f32(pool2, 64, digits_float_w3, digits_float_b3, 10, logits);
}

int main(void)
{
    uint32_t correct = 0;
    printf("model digits_float float32\n");
    printf("macs %lu params %lu weight_bytes %lu\n", (unsigned long)MACS, (unsigned long)PARAMS,
           (unsigned long)(4 * PARAMS));
    printf("images %lu\n", (unsigned long)digits_test_count);
    for (uint32_t n = 0; n < digits_test_count; n++) {
        for (int i = 0; i < 64; i++) {
            input[i] = (float)digits_test_pixels[64 * n + i] * 0.0625f;
        }
        armsim_inference_begin("digits_float");
        invoke();
        armsim_inference_end();
        uint32_t best = 0;
        for (uint32_t i = 1; i < 10; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        correct += best == digits_test_labels[n];
        if (n % 50 == 0) {
            printf("pred %3lu:", (unsigned long)n);
        }
        printf("%lu", (unsigned long)best);
        if (n % 50 == 49 || n + 1 == digits_test_count) {
            printf("\n");
        }
    }
    uint32_t basis = correct * 10000u / digits_test_count;
    printf("correct %lu/%lu accuracy %lu.%02lu%%\n", (unsigned long)correct, (unsigned long)digits_test_count,
           (unsigned long)(basis / 100), (unsigned long)(basis % 100));
    return 0;
}
