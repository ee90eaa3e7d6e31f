/*
 * Instruction kernels for torture_fpu.c (FPv4-SP, ARMv7-M ARM DDI 0403E
 * A2.5 and A7.7 "V*" instructions).
 *
 * ABI of common/torture.h with FPSCR as the control and status word:
 *   FPSCR = io[4] (VMSR), s0-s3 = r0-r3 = io[0..3] (VMOV core to S), the body,
 *   io[5] = s0, io[6] = s1 (VMOV S to core), io[7] = FPSCR (VMRS).
 * Bodies use s0-s7 freely; anything else they must save (VPUSH/VPOP).
 * Works with either float ABI: nothing is passed in FP registers.
 */
    .syntax unified
    .thumb
    .text

.macro F name, body
    .align 2
    .global k_\name
    .type k_\name, %function
    .thumb_func
k_\name:
    push {r0, r4-r11, lr}
    ldr r4, [r0, #16]
    ldm r0, {r0-r3}
    vmsr fpscr, r4
    vmov s0, r0
    vmov s1, r1
    vmov s2, r2
    vmov s3, r3
    \body
    vmrs r4, fpscr
    ldr r5, [sp]
    vmov r0, s0
    vmov r1, s1
    str r0, [r5, #20]
    str r1, [r5, #24]
    str r4, [r5, #28]
    add sp, sp, #4
    pop {r4-r11, pc}
    .ltorg
    .size k_\name, . - k_\name
.endm

/* s3 = a value in [0.5, 1) with the sign and fraction bits of d: a second
 * multiplicand that keeps products in range (the model does the same). */
.macro MKS3
    ldr r5, =0x807FFFFF
    and r3, r3, r5
    orr r3, r3, #0x3F000000
    vmov s3, r3
.endm

/* Two-operand arithmetic (FPAdd, FPSub, FPMul, FPDiv; VNMUL = FPNeg(FPMul)). */
F vadd,  "vadd.f32 s0, s0, s1"
F vsub,  "vsub.f32 s0, s0, s1"
F vmul,  "vmul.f32 s0, s0, s1"
F vnmul, "vnmul.f32 s0, s0, s1"
F vdiv,  "vdiv.f32 s0, s0, s1"
F vdiv_ba, "vdiv.f32 s0, s1, s0"
/* Three dependent operations: the cumulative flags add up. */
F chain3, "vadd.f32 s4, s0, s1; vmul.f32 s5, s4, s1; vdiv.f32 s0, s5, s0; vmov.f32 s1, s4"

/* One-operand: VSQRT (FPSqrt), VABS/VNEG/VMOV (no NaN processing, no flags, no flush). */
F vsqrt, "vsqrt.f32 s0, s0"
F vabs,  "vabs.f32 s0, s0"
F vneg,  "vneg.f32 s0, s0"
F vmov_reg, "vmov.f32 s1, s0; vmov.f32 s0, s2"

/* Multiply-accumulate: chained (VMLA family: FPMul, then FPAdd: two roundings)
 * and fused (VFMA family: FPMulAdd: one rounding). _sq: Sm = Sn; _m: Sm = s3. */
F vmla_sq, "vmla.f32 s0, s1, s1"
F vmla_m,  "MKS3; vmla.f32 s0, s1, s3"
F vmls_sq, "vmls.f32 s0, s1, s1"
F vmls_m,  "MKS3; vmls.f32 s0, s1, s3"
F vnmla_sq, "vnmla.f32 s0, s1, s1"
F vnmla_m,  "MKS3; vnmla.f32 s0, s1, s3"
F vnmls_sq, "vnmls.f32 s0, s1, s1"
F vnmls_m,  "MKS3; vnmls.f32 s0, s1, s3"
F vfma_sq, "vfma.f32 s0, s1, s1"
F vfma_m,  "MKS3; vfma.f32 s0, s1, s3"
F vfms_sq, "vfms.f32 s0, s1, s1"
F vfms_m,  "MKS3; vfms.f32 s0, s1, s3"
F vfnma_sq, "vfnma.f32 s0, s1, s1"
F vfnma_m,  "MKS3; vfnma.f32 s0, s1, s3"
F vfnms_sq, "vfnms.f32 s0, s1, s1"
F vfnms_m,  "MKS3; vfnms.f32 s0, s1, s3"

/* Comparisons: FPSCR.NZCV, copied to APSR by VMRS APSR_nzcv; r1 = APSR. */
F vcmp,   "vcmp.f32 s0, s1; vmrs APSR_nzcv, fpscr; mrs r5, APSR; and r5, r5, #0xF0000000; vmov s1, r5"
F vcmpe,  "vcmpe.f32 s0, s1; vmrs APSR_nzcv, fpscr; mrs r5, APSR; and r5, r5, #0xF0000000; vmov s1, r5"
F vcmp0,  "vcmp.f32 s0, #0; vmrs APSR_nzcv, fpscr; mrs r5, APSR; and r5, r5, #0xF0000000; vmov s1, r5"
F vcmpe0, "vcmpe.f32 s0, #0; vmrs APSR_nzcv, fpscr; mrs r5, APSR; and r5, r5, #0xF0000000; vmov s1, r5"

/* Float <-> integer: VCVT rounds toward zero, VCVTR uses FPSCR.RMode. */
F cvt_s32,  "vcvt.s32.f32 s0, s0"
F cvt_u32,  "vcvt.u32.f32 s0, s0"
F cvtr_s32, "vcvtr.s32.f32 s0, s0"
F cvtr_u32, "vcvtr.u32.f32 s0, s0"
F cvt_f_s32, "vcvt.f32.s32 s0, s0"
F cvt_f_u32, "vcvt.f32.u32 s0, s0"

/* Float -> fixed point (round toward zero, saturating; 16-bit results are
 * sign- or zero-extended to 32 bits). */
F cvt_s16_8,  "vcvt.s16.f32 s0, s0, #8"
F cvt_u16_4,  "vcvt.u16.f32 s0, s0, #4"
F cvt_s16_16, "vcvt.s16.f32 s0, s0, #16"
F cvt_s32_16, "vcvt.s32.f32 s0, s0, #16"
F cvt_u32_1,  "vcvt.u32.f32 s0, s0, #1"
F cvt_s32_31, "vcvt.s32.f32 s0, s0, #31"
/* Fixed point -> float, 16-bit sources (always exact). */
F cvt_f_s16_8,  "vcvt.f32.s16 s0, s0, #8"
F cvt_f_u16_15, "vcvt.f32.u16 s0, s0, #15"
F cvt_f_s16_1,  "vcvt.f32.s16 s0, s0, #1"
/* Fixed point -> float, 32-bit sources (can be inexact: round to nearest). */
F cvt_f_s32_16, "vcvt.f32.s32 s0, s0, #16"
F cvt_f_u32_31, "vcvt.f32.u32 s0, s0, #31"
F cvt_f_s32_1,  "vcvt.f32.s32 s0, s0, #1"

/* Half precision (FPSingleToHalf / FPHalfToSingle; AHP selects the alternative
 * format). B = bottom half, T = top half; the other half of Sd is kept. */
F cvtb_f16, "vcvtb.f16.f32 s0, s1"
F cvtt_f16, "vcvtt.f16.f32 s0, s1"
F cvtb_f32, "vcvtb.f32.f16 s0, s1"
F cvtt_f32, "vcvtt.f32.f16 s0, s1"

/* Moves: immediate (VFPExpandImm), core <-> S pairs. */
F vmov_imm, "vmov.f32 s0, #1.0; vmov.f32 s1, #-0.1875; vadd.f32 s0, s0, s1; vmov.f32 s1, #31.0"
F vmov_imm2, "vmov.f32 s0, #0.125; vmov.f32 s1, #-2.5"
F vmov_pair, "vmov s4, s5, r2, r3; vmov r6, r7, s4, s5; vmov s0, r7; vmov s1, r6"
F vmov_core, "vmov r6, s2; vmov r7, s3; eor r6, r6, r7; vmov s0, r6; vmov r7, s0; add r7, r7, #1; vmov s1, r7"

/* Loads and stores: VLDR/VSTR (+/- offsets), VLDM/VSTM (IA with writeback, DB),
 * VPUSH/VPOP (including callee-saved s16-s19, restored). */
F vldr_vstr, "ldr r4, =fbuf; vstr s0, [r4]; vstr s1, [r4, #4]; vstr s2, [r4, #8]; add r5, r4, #12; vstr s3, [r5]; vldr s0, [r5, #-4]; vldr s1, [r4, #12]"
F vstm_vldm, "ldr r4, =fbuf; mov r6, r4; vstmia r4!, {s0-s3}; sub r7, r4, r6; vldmdb r4!, {s4-s7}; vldmia r6, {s0}; vadd.f32 s0, s7, s4; vmov s1, r7"
F vstmdb,    "ldr r4, =fbuf + 16; vstmdb r4!, {s1-s3}; ldr r6, [r4]; ldr r7, [r4, #8]; vmov s0, r6; vmov s1, r7"
F vpush_vpop, "vpush {s16-s19}; vmov s16, s3; vmov s19, s2; vpush {s16-s19}; vpop {s4-s7}; vpop {s16-s19}; vmov.f32 s0, s4; vmov.f32 s1, s7"
F vpush_d,   "vpush {d0-d1}; vpop {d2}; vpop {d3}; vmov.f32 s0, s7; vmov.f32 s1, s4"

/* FPSCR itself: VMSR then VMRS of the defined bits. */
F fpscr_rw, "ldr r5, =0xF7C0009F; and r6, r0, r5; vmsr fpscr, r6; vmrs r7, fpscr; vmov s0, r7; vmov s1, r6"

    .bss
    .align 3
    .global fbuf
fbuf:
    .space 32
