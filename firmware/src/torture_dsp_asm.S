/*
 * Instruction kernels for torture_dsp.c: every ARMv7E-M DSP-extension
 * instruction (ARMv7-M ARM DDI 0403E, A7.7; the "DSP extension" rows of
 * A5.3). ABI and macro: common/torture_kernel.inc. The APSR written before
 * each body has random GE and Q bits, so SEL sees GE from the MSR or from the
 * SIMD instruction right before it, and the sticky Q bit is checked both ways
 * (saturating instructions only ever set it; the MSR at entry clears it half
 * of the time). reference/torture_dsp.py models each body.
 */
    .syntax unified
    .thumb
    .text

#include "torture_kernel.inc"

/* Parallel add/subtract: signed/unsigned (GE), saturating, halving. */
K sadd16, "sadd16 r0, r0, r1"
K ssub16, "ssub16 r0, r0, r1"
K sasx, "sasx r0, r0, r1"
K ssax, "ssax r0, r0, r1"
K sadd8, "sadd8 r0, r0, r1"
K ssub8, "ssub8 r0, r0, r1"
K qadd16, "qadd16 r0, r0, r1"
K qsub16, "qsub16 r0, r0, r1"
K qasx, "qasx r0, r0, r1"
K qsax, "qsax r0, r0, r1"
K qadd8, "qadd8 r0, r0, r1"
K qsub8, "qsub8 r0, r0, r1"
K shadd16, "shadd16 r0, r0, r1"
K shsub16, "shsub16 r0, r0, r1"
K shasx, "shasx r0, r0, r1"
K shsax, "shsax r0, r0, r1"
K shadd8, "shadd8 r0, r0, r1"
K shsub8, "shsub8 r0, r0, r1"
K uadd16, "uadd16 r0, r0, r1"
K usub16, "usub16 r0, r0, r1"
K uasx, "uasx r0, r0, r1"
K usax, "usax r0, r0, r1"
K uadd8, "uadd8 r0, r0, r1"
K usub8, "usub8 r0, r0, r1"
K uqadd16, "uqadd16 r0, r0, r1"
K uqsub16, "uqsub16 r0, r0, r1"
K uqasx, "uqasx r0, r0, r1"
K uqsax, "uqsax r0, r0, r1"
K uqadd8, "uqadd8 r0, r0, r1"
K uqsub8, "uqsub8 r0, r0, r1"
K uhadd16, "uhadd16 r0, r0, r1"
K uhsub16, "uhsub16 r0, r0, r1"
K uhasx, "uhasx r0, r0, r1"
K uhsax, "uhsax r0, r0, r1"
K uhadd8, "uhadd8 r0, r0, r1"
K uhsub8, "uhsub8 r0, r0, r1"

/* SEL with GE from the entry MSR, then with GE from the SIMD op before it. */
K sel,        "sel r0, r0, r1"
K sel_usub8,  "usub8 r4, r0, r1; sel r0, r0, r1; mov r1, r4"
K sel_ssub16, "ssub16 r4, r0, r1; sel r0, r1, r0; mov r1, r4"
K sel_sadd8,  "sadd8 r4, r0, r1; sel r0, r2, r3; mov r1, r4"
K sel_uadd16, "uadd16 r4, r0, r1; sel r0, r0, r1; mov r1, r4"

/* Sum of absolute differences. */
K usad8,  "usad8 r0, r0, r1"
K usada8, "usada8 r0, r0, r1, r2"

/* Dual 16-bit multiply-accumulate (Q on 32-bit overflow of the accumulations). */
K smlad,   "smlad r0, r0, r1, r2"
K smladx,  "smladx r0, r0, r1, r2"
K smlsd,   "smlsd r0, r0, r1, r2"
K smlsdx,  "smlsdx r0, r0, r1, r2"
K smuad,   "smuad r0, r0, r1"
K smuadx,  "smuadx r0, r0, r1"
K smusd,   "smusd r0, r0, r1"
K smusdx,  "smusdx r0, r0, r1"
K smlald,  "smlald r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K smlaldx, "smlaldx r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K smlsld,  "smlsld r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K smlsldx, "smlsldx r2, r3, r0, r1; mov r0, r2; mov r1, r3"

/* 16 x 16 and 32 x 16 multiplies. */
K smulbb,  "smulbb r0, r0, r1"
K smlabb,  "smlabb r0, r0, r1, r2"
K smlalbb, "smlalbb r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K smulbt,  "smulbt r0, r0, r1"
K smlabt,  "smlabt r0, r0, r1, r2"
K smlalbt, "smlalbt r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K smultb,  "smultb r0, r0, r1"
K smlatb,  "smlatb r0, r0, r1, r2"
K smlaltb, "smlaltb r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K smultt,  "smultt r0, r0, r1"
K smlatt,  "smlatt r0, r0, r1, r2"
K smlaltt, "smlaltt r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K smulwb, "smulwb r0, r0, r1"
K smlawb, "smlawb r0, r0, r1, r2"
K smulwt, "smulwt r0, r0, r1"
K smlawt, "smlawt r0, r0, r1, r2"

/* Most-significant-word multiplies (R = round: add 0x80000000 first). */
K smmul,  "smmul r0, r0, r1"
K smmulr, "smmulr r0, r0, r1"
K smmla,  "smmla r0, r0, r1, r2"
K smmlar, "smmlar r0, r0, r1, r2"
K smmls,  "smmls r0, r0, r1, r2"
K smmlsr, "smmlsr r0, r0, r1, r2"
K umaal,  "umaal r2, r3, r0, r1; mov r0, r2; mov r1, r3"

/* Pack halfwords. */
K pkhbt_0,  "pkhbt r0, r0, r1"
K pkhbt_8,  "pkhbt r0, r0, r1, lsl #8"
K pkhbt_31, "pkhbt r0, r0, r1, lsl #31"
K pkhtb_1,  "pkhtb r0, r0, r1, asr #1"
K pkhtb_16, "pkhtb r0, r0, r1, asr #16"
K pkhtb_32, "pkhtb r0, r0, r1, asr #32"

/* Dual and add-extends. */
K sxtb16_0, "sxtb16 r0, r1"
K sxtb16_8, "sxtb16 r0, r1, ror #8"
K sxtb16_16, "sxtb16 r0, r1, ror #16"
K sxtb16_24, "sxtb16 r0, r1, ror #24"
K uxtb16_0, "uxtb16 r0, r1"
K uxtb16_8, "uxtb16 r0, r1, ror #8"
K uxtb16_16, "uxtb16 r0, r1, ror #16"
K uxtb16_24, "uxtb16 r0, r1, ror #24"
K sxtab16_0, "sxtab16 r0, r0, r1"
K sxtab16_8, "sxtab16 r0, r0, r1, ror #8"
K sxtab16_16, "sxtab16 r0, r0, r1, ror #16"
K sxtab16_24, "sxtab16 r0, r0, r1, ror #24"
K uxtab16_0, "uxtab16 r0, r0, r1"
K uxtab16_8, "uxtab16 r0, r0, r1, ror #8"
K uxtab16_16, "uxtab16 r0, r0, r1, ror #16"
K uxtab16_24, "uxtab16 r0, r0, r1, ror #24"
K sxtab_0, "sxtab r0, r0, r1"
K sxtab_8, "sxtab r0, r0, r1, ror #8"
K sxtab_16, "sxtab r0, r0, r1, ror #16"
K sxtab_24, "sxtab r0, r0, r1, ror #24"
K sxtah_0, "sxtah r0, r0, r1"
K sxtah_8, "sxtah r0, r0, r1, ror #8"
K sxtah_16, "sxtah r0, r0, r1, ror #16"
K sxtah_24, "sxtah r0, r0, r1, ror #24"
K uxtab_0, "uxtab r0, r0, r1"
K uxtab_8, "uxtab r0, r0, r1, ror #8"
K uxtab_16, "uxtab r0, r0, r1, ror #16"
K uxtab_24, "uxtab r0, r0, r1, ror #24"
K uxtah_0, "uxtah r0, r0, r1"
K uxtah_8, "uxtah r0, r0, r1, ror #8"
K uxtah_16, "uxtah r0, r0, r1, ror #16"
K uxtah_24, "uxtah r0, r0, r1, ror #24"

/* Saturating arithmetic (Q sticky). */
K qadd,  "qadd r0, r0, r1"
K qsub,  "qsub r0, r0, r1"
K qdadd, "qdadd r0, r0, r1"
K qdsub, "qdsub r0, r0, r1"
K qsub_clear, "qsub r0, r0, r1; mrs r4, APSR; bic r4, r4, #0x08000000; msr APSR_nzcvq, r4; qadd r1, r1, r1"
K ssat16_1,  "ssat16 r0, #1, r0"
K ssat16_8,  "ssat16 r0, #8, r0"
K ssat16_16, "ssat16 r0, #16, r0"
K usat16_0,  "usat16 r0, #0, r0"
K usat16_7,  "usat16 r0, #7, r0"
K usat16_15, "usat16 r0, #15, r0"
