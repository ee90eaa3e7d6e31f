/*
 * torture_dsp: the ARMv7E-M DSP extension on the Cortex-M4.
 *
 * Kernels in torture_dsp_asm.S; common/torture.h runs each over every pair
 * of the input values and folds r0, r1 and APSR (N Z C V Q, GE[3:0]) into a
 * checksum per group, compared with build/gen/torture_dsp_expected.h from
 * reference/torture_dsp.py. Exit status 0 when every group matches.
 * Input values: 20 edge values (including halfword and byte edges such as
 * 0x80008000, 0x7FFF7FFF, 0x807F80FF) and 8 LCG values; c and d (accumulators)
 * come from the LCG; the APSR at entry is random in N Z C V Q GE.
 */
#include <stdint.h>
#include <stdio.h>

#include "torture_dsp_expected.h"
#include "torture.h"
#include "torture_values.h"

#define G_simd_signed(X) \
    X(sadd16) X(ssub16) X(sasx) X(ssax) X(sadd8) X(ssub8)

#define G_simd_unsigned(X) \
    X(uadd16) X(usub16) X(uasx) X(usax) X(uadd8) X(usub8)

#define G_simd_saturating(X) \
    X(qadd16) X(qsub16) X(qasx) X(qsax) X(qadd8) X(qsub8) \
    X(uqadd16) X(uqsub16) X(uqasx) X(uqsax) X(uqadd8) X(uqsub8)

#define G_simd_halving(X) \
    X(shadd16) X(shsub16) X(shasx) X(shsax) X(shadd8) X(shsub8) \
    X(uhadd16) X(uhsub16) X(uhasx) X(uhsax) X(uhadd8) X(uhsub8)

#define G_sel(X) \
    X(sel) X(sel_usub8) X(sel_ssub16) X(sel_sadd8) X(sel_uadd16)

#define G_usad(X) \
    X(usad8) X(usada8)

#define G_dual_mac(X) \
    X(smlad) X(smladx) X(smlsd) X(smlsdx) X(smuad) X(smuadx) \
    X(smusd) X(smusdx) X(smlald) X(smlaldx) X(smlsld) X(smlsldx)

#define G_mul16(X) \
    X(smulbb) X(smlabb) X(smlalbb) X(smulbt) X(smlabt) X(smlalbt) \
    X(smultb) X(smlatb) X(smlaltb) X(smultt) X(smlatt) X(smlaltt) \
    X(smulwb) X(smlawb) X(smulwt) X(smlawt)

#define G_mmul(X) \
    X(smmul) X(smmulr) X(smmla) X(smmlar) X(smmls) X(smmlsr) \
    X(umaal)

#define G_pack(X) \
    X(pkhbt_0) X(pkhbt_8) X(pkhbt_31) X(pkhtb_1) X(pkhtb_16) X(pkhtb_32)

#define G_extend(X) \
    X(sxtb16_0) X(sxtb16_8) X(sxtb16_16) X(sxtb16_24) X(uxtb16_0) X(uxtb16_8) \
    X(uxtb16_16) X(uxtb16_24) X(sxtab16_0) X(sxtab16_8) X(sxtab16_16) X(sxtab16_24) \
    X(uxtab16_0) X(uxtab16_8) X(uxtab16_16) X(uxtab16_24) X(sxtab_0) X(sxtab_8) \
    X(sxtab_16) X(sxtab_24) X(sxtah_0) X(sxtah_8) X(sxtah_16) X(sxtah_24) \
    X(uxtab_0) X(uxtab_8) X(uxtab_16) X(uxtab_24) X(uxtah_0) X(uxtah_8) \
    X(uxtah_16) X(uxtah_24)

#define G_saturate(X) \
    X(qadd) X(qsub) X(qdadd) X(qdsub) X(qsub_clear) X(ssat16_1) \
    X(ssat16_8) X(ssat16_16) X(usat16_0) X(usat16_7) X(usat16_15)

G_simd_signed(KDECLARE)
G_simd_unsigned(KDECLARE)
G_simd_saturating(KDECLARE)
G_simd_halving(KDECLARE)
G_sel(KDECLARE)
G_usad(KDECLARE)
G_dual_mac(KDECLARE)
G_mul16(KDECLARE)
G_mmul(KDECLARE)
G_pack(KDECLARE)
G_extend(KDECLARE)
G_saturate(KDECLARE)

#define GROUP(name) \
    { \
        static const kernel_entry kernels[] = {G_##name(KENTRY)}; \
        begin_group(); \
        run_kernels(kernels, COUNT(kernels), values, 28, values, 28, 0xF80F0000u, 0, 0xF80F0000u); \
        end_group(#name); \
    }

int main(void)
{
    init_values();
    GROUP(simd_signed)
    GROUP(simd_unsigned)
    GROUP(simd_saturating)
    GROUP(simd_halving)
    GROUP(sel)
    GROUP(usad)
    GROUP(dual_mac)
    GROUP(mul16)
    GROUP(mmul)
    GROUP(pack)
    GROUP(extend)
    GROUP(saturate)
    return finish("torture_dsp");
}
