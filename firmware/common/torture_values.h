/*
 * The integer input set of the ARMv7E-M tortures (torture_t2, torture_dsp): 20 edge
 * values (0, 1, sign and carry boundaries of bytes, halfwords and words, mixed
 * halfword patterns) then 8 values of an LCG. reference/m4common.py (VALUES) mirrors it.
 */
#ifndef ARMSIM_FIRMWARE_TORTURE_VALUES_H
#define ARMSIM_FIRMWARE_TORTURE_VALUES_H

#include <stdint.h>

static const uint32_t edge_values[20] = {
    0x00000000u, 0x00000001u, 0x00000002u, 0x0000007Fu, 0x00000080u, 0x000000FFu,
    0x00007FFFu, 0x00008000u, 0x0000FFFFu, 0x7FFFFFFEu, 0x7FFFFFFFu, 0x80000000u,
    0x80000001u, 0xFFFFFFFEu, 0xFFFFFFFFu, 0x12345678u, 0x80008000u, 0x7FFF7FFFu,
    0x807F80FFu, 0x01800180u,
};
static uint32_t values[28];

/* Fills `values`: the edge values, then the LCG from seed 0x2545F491. */
static void init_values(void)
{
    uint32_t x = 0x2545F491u;
    for (int i = 0; i < 20; i++) {
        values[i] = edge_values[i];
    }
    for (int i = 20; i < 28; i++) {
        x = x * 1664525u + 1013904223u;
        values[i] = x;
    }
}

#endif
