/*
 * torture_fpu: FPv4-SP (single-precision VFP of the Cortex-M4F).
 *
 * Kernels in torture_fpu_asm.S; common/torture.h runs each over pairs of
 * single-precision bit patterns with a random FPSCR (rounding mode, FZ, DN,
 * and AHP for the half-precision group) and folds s0, s1 and FPSCR (NZCV,
 * control bits and the cumulative flags IOC DZC OFC UFC IXC IDC) into one
 * checksum per group. Values are only ever handled as bit patterns: the
 * program never formats a float. Expected checksums: build/gen/
 * torture_fpu_expected.h from reference/torture_fpu.py, whose IEEE model uses
 * exact rational arithmetic. Exit status 0 when every group matches.
 *
 * The same source is built twice: torture_fpu (hard-float ABI) and
 * torture_fpu_softfp (-mfloat-abi=softfp); the output is identical.
 */
#include <stdint.h>
#include <stdio.h>

#include "torture_fpu_expected.h"
#include "torture.h"

#define G_arith(X) \
    X(vadd) X(vsub) X(vmul) X(vnmul) X(vdiv) X(vdiv_ba) \
    X(chain3)

#define G_unary(X) \
    X(vsqrt) X(vabs) X(vneg) X(vmov_reg)

#define G_mac_chained(X) \
    X(vmla_sq) X(vmla_m) X(vmls_sq) X(vmls_m) X(vnmla_sq) X(vnmla_m) \
    X(vnmls_sq) X(vnmls_m)

#define G_mac_fused(X) \
    X(vfma_sq) X(vfma_m) X(vfms_sq) X(vfms_m) X(vfnma_sq) X(vfnma_m) \
    X(vfnms_sq) X(vfnms_m)

#define G_compare(X) \
    X(vcmp) X(vcmpe) X(vcmp0) X(vcmpe0)

#define G_convert_int(X) \
    X(cvt_s32) X(cvt_u32) X(cvtr_s32) X(cvtr_u32) X(cvt_f_s32) X(cvt_f_u32)

#define G_convert_fixed(X) \
    X(cvt_s16_8) X(cvt_u16_4) X(cvt_s16_16) X(cvt_s32_16) X(cvt_u32_1) X(cvt_s32_31) \
    X(cvt_f_s16_8) X(cvt_f_u16_15) X(cvt_f_s16_1)

#define G_convert_fixed32(X) \
    X(cvt_f_s32_16) X(cvt_f_u32_31) X(cvt_f_s32_1)

#define G_convert_half(X) \
    X(cvtb_f16) X(cvtt_f16) X(cvtb_f32) X(cvtt_f32)

#define G_moves_memory(X) \
    X(vmov_imm) X(vmov_imm2) X(vmov_pair) X(vmov_core) X(vldr_vstr) X(vstm_vldm) \
    X(vstmdb) X(vpush_vpop) X(vpush_d) X(fpscr_rw)

G_arith(KDECLARE)
G_unary(KDECLARE)
G_mac_chained(KDECLARE)
G_mac_fused(KDECLARE)
G_compare(KDECLARE)
G_convert_int(KDECLARE)
G_convert_fixed(KDECLARE)
G_convert_fixed32(KDECLARE)
G_convert_half(KDECLARE)
G_moves_memory(KDECLARE)

/* Special and edge single-precision values (see reference/torture_fpu.py). */
static const uint32_t fvalues[32] = {
    0x00000000u, 0x80000000u, 0x3F800000u, 0xBF800000u, 0x3FC00000u, 0x40400000u,
    0x3F800001u, 0x3EAAAAABu, 0x3DCCCCCDu, 0x7F7FFFFFu, 0xFF7FFFFFu, 0x00800000u,
    0x80800000u, 0x00000001u, 0x807FFFFFu, 0x00400000u, 0x7F800000u, 0xFF800000u,
    0x7FC00000u, 0xFFC12345u, 0x7F800001u, 0x7FA00005u, 0x4B000000u, 0x4F000000u,
    0xCF000000u, 0x4F800000u, 0x3F000000u, 0x3FFFFFFFu, 0x00FFFFFFu, 0x0C000000u,
    0x33800000u, 0x5F800000u,
};
/* Multiplicands whose exact products need more than 24 bits. */
static const uint32_t fmac_extra[4] = {0x3F800800u, 0x3FAAAAABu, 0x3F7FFFFFu, 0xBF800400u};
/* Values around the integer conversion boundaries. */
static const uint32_t fcvt_extra[16] = {
    0x40200000u, 0xC0200000u, 0x40600000u, 0x3F000000u, 0xBF000000u, 0xBF400000u,
    0x4EFFFFFFu, 0xCF000001u, 0x4F7FFFFFu, 0x3F7FFFFFu, 0x46FFFE00u, 0xC7000080u,
    0x477FFF80u, 0x47800000u, 0x3E800000u, 0xC6FFFFC0u,
};
/* Pairs of half-precision patterns (bottom and top halves) for VCVTB/VCVTT. */
static const uint32_t fhalf_extra[8] = {
    0x3C007E00u, 0x7C010001u, 0xFBFF7BFFu, 0x04008001u,
    0x7D00FE00u, 0x00007C00u, 0xFC0003FFu, 0x80003555u,
};
static const uint32_t zero[1] = {0};
static uint32_t fwide[48];
static uint32_t fmac[36];
static uint32_t fcvt[76];
static uint32_t fhalf[40];

#define COUNT_fvalues 32
#define COUNT_fwide 48
#define COUNT_fmac 36
#define COUNT_fcvt 76
#define COUNT_fhalf 40
#define COUNT_zero 1

#define GROUP(name, aset, bset, control_mask) \
    { \
        static const kernel_entry kernels[] = {G_##name(KENTRY)}; \
        begin_group(); \
        run_kernels(kernels, COUNT(kernels), aset, COUNT_##aset, bset, COUNT_##bset, \
                    control_mask, 0, 0xF7C0009Fu); \
        end_group(#name); \
    }

static const uint32_t int_edges[20] = {
    0x00000000u, 0x00000001u, 0x00000002u, 0x0000007Fu, 0x00000080u, 0x000000FFu,
    0x00007FFFu, 0x00008000u, 0x0000FFFFu, 0x7FFFFFFEu, 0x7FFFFFFFu, 0x80000000u,
    0x80000001u, 0xFFFFFFFEu, 0xFFFFFFFFu, 0x12345678u, 0x80008000u, 0x7FFF7FFFu,
    0x807F80FFu, 0x01800180u,
};

static void make_sets(void)
{
    uint32_t x = 0x2545F491u;
    for (int i = 0; i < 32; i++) {
        fwide[i] = fvalues[i];
        fmac[i] = fvalues[i];
        fcvt[i] = fvalues[i];
        fhalf[i] = fvalues[i];
    }
    for (int i = 0; i < 16; i++) {
        x = x * 1664525u + 1013904223u;
        fwide[32 + i] = x;
        fcvt[32 + i] = fcvt_extra[i];
    }
    for (int i = 0; i < 4; i++) {
        fmac[32 + i] = fmac_extra[i];
    }
    for (int i = 0; i < 20; i++) {
        fcvt[48 + i] = int_edges[i];
    }
    x = 0x2545F491u;
    for (int i = 0; i < 8; i++) {
        x = x * 1664525u + 1013904223u;
        fcvt[68 + i] = x;
        fhalf[32 + i] = fhalf_extra[i];
    }
}

int main(void)
{
    make_sets();
    GROUP(arith, fvalues, fvalues, 0x03C00000u)
    GROUP(unary, fwide, zero, 0x03C00000u)
    GROUP(mac_chained, fvalues, fmac, 0x03C00000u)
    GROUP(mac_fused, fvalues, fmac, 0x03C00000u)
    GROUP(compare, fvalues, fvalues, 0x03C00000u)
    GROUP(convert_int, fcvt, zero, 0x03C00000u)
    GROUP(convert_fixed, fcvt, zero, 0x03C00000u)
    GROUP(convert_fixed32, fcvt, zero, 0x03C00000u)
    GROUP(convert_half, fvalues, fhalf, 0x07C00000u)
    GROUP(moves_memory, fvalues, fvalues, 0x03C00000u)
    return finish("torture_fpu");
}
