/*
 * Instruction kernels for torture_t2.c (ARMv7-M Thumb-2 integer instructions).
 *
 * Every kernel follows the ABI of common/torture.h:
 *   void k_<name>(uint32_t io[8])
 * r0-r3 = io[0..3], APSR_nzcvqg = io[4] (MSR), then the body, then
 * io[5] = r0, io[6] = r1, io[7] = APSR (MRS). The body may use r4-r12 and lr
 * freely; it must leave SP as it found it. `.w` forces the 32-bit encodings
 * wherever a 16-bit one exists. reference/torture_t2.py models each body
 * from the ARMv7-M ARM (DDI 0403E) pseudocode.
 */
    .syntax unified
    .thumb
    .text

#include "torture_kernel.inc"

/* ---- modified immediates (A5.3.2 ThumbExpandImm_C; A7.7 per instruction) ----
 * Constants: one per ThumbExpandImm form: 00XY, 00XY00XY, XY00XY00, XYXYXYXY,
 * and rotated 8-bit values with bit 31 set (carry out 1) and clear (0). */
.macro MODIMM op, suffix, args:vararg
K \op\()_c0, "\op\suffix \args #0x000000A5"
K \op\()_c1, "\op\suffix \args #0x00A500A5"
K \op\()_c2, "\op\suffix \args #0xA500A500"
K \op\()_c3, "\op\suffix \args #0xA5A5A5A5"
K \op\()_c4, "\op\suffix \args #0x80000000"
K \op\()_c5, "\op\suffix \args #0xFF000000"
K \op\()_c6, "\op\suffix \args #0x7F800000"
K \op\()_c7, "\op\suffix \args #0x000001FE"
K \op\()_c8, "\op\suffix \args #0x00000100"
K \op\()_c9, "\op\suffix \args #0x0003FC00"
.endm

MODIMM ands, .w, r0, r0,
MODIMM orrs, .w, r0, r0,
MODIMM eors, .w, r0, r0,
MODIMM bics, .w, r0, r0,
MODIMM orns, , r0, r0,
MODIMM movs, .w, r0,
MODIMM mvns, .w, r0,
MODIMM tst, .w, r0,
MODIMM teq, , r0,
MODIMM and, .w, r0, r0,
MODIMM adds, .w, r0, r0,
MODIMM adcs, .w, r0, r0,
MODIMM subs, .w, r0, r0,
MODIMM sbcs, .w, r0, r0,
MODIMM rsbs, .w, r0, r0,
MODIMM cmp, .w, r0,
MODIMM cmn, .w, r0,
MODIMM add, .w, r0, r0,

/* ---- shifted register operands (DecodeImmShift A7.4.2, Shift_C A7.4.2) ---- */
.macro SHIFTED op, suffix, post, args:vararg
K \op\()_s0, "\op\suffix \args r1; \post"
K \op\()_s1, "\op\suffix \args r1, lsl #1; \post"
K \op\()_s2, "\op\suffix \args r1, lsl #31; \post"
K \op\()_s3, "\op\suffix \args r1, lsr #1; \post"
K \op\()_s4, "\op\suffix \args r1, lsr #32; \post"
K \op\()_s5, "\op\suffix \args r1, asr #7; \post"
K \op\()_s6, "\op\suffix \args r1, asr #32; \post"
K \op\()_s7, "\op\suffix \args r1, ror #1; \post"
K \op\()_s8, "\op\suffix \args r1, ror #16; \post"
K \op\()_s9, "\op\suffix \args r1, rrx; \post"
.endm

SHIFTED ands, .w, , r0, r0,
SHIFTED orrs, .w, , r0, r0,
SHIFTED eors, .w, , r0, r0,
SHIFTED bics, .w, , r0, r0,
SHIFTED orns, , , r0, r0,
SHIFTED movs, , "mov r0, r8", r8,
SHIFTED mvns, .w, , r0,
SHIFTED tst, .w, , r0,
SHIFTED teq, , , r0,
SHIFTED adds, .w, , r0, r0,
SHIFTED adcs, .w, , r0, r0,
SHIFTED subs, .w, , r0, r0,
SHIFTED sbcs, .w, , r0, r0,
SHIFTED rsbs, , , r0, r0,
SHIFTED cmp, .w, , r0,
SHIFTED cmn, .w, , r0,
SHIFTED add, .w, , r0, r0,
SHIFTED orr, .w, , r0, r0,

/* ---- shifts by register (LSL (register) etc.: amount = Rm<7:0>) ---- */
K lsls_r, "lsls.w r0, r0, r1"
K lsrs_r, "lsrs.w r0, r0, r1"
K asrs_r, "asrs.w r0, r0, r1"
K rors_r, "rors.w r0, r0, r1"
K lsl_r, "lsl.w r0, r0, r1"
K ror_r, "ror.w r0, r0, r1"

/* ---- wide immediates: ADDW/SUBW (T4), MOVW/MOVT, ADR ---- */
K addw, "addw r0, r0, #4095"
K subw, "subw r0, r0, #0xABC"
K addw1, "addw r0, r1, #1"
K movw, "movw r0, #0xBEEF"
K movt, "movt r0, #0xCAFE"
K movwt, "movw r1, #0x1234; movt r1, #0x8765; add r0, r0, r1"
K adrw, "adr.w r0, 1f; adr.w r4, 2f; sub r0, r4, r0; b 2f; .align 2; 1: .space 16; 2:"

/* ---- bit fields (BFC, BFI, SBFX, UBFX) ---- */
.macro BITFIELD lsb, width, tag
K bfi_\tag, "bfi r0, r1, #\lsb, #\width"
K bfc_\tag, "bfc r0, #\lsb, #\width"
K ubfx_\tag, "ubfx r0, r1, #\lsb, #\width"
K sbfx_\tag, "sbfx r0, r1, #\lsb, #\width"
.endm
BITFIELD 0, 1, 0_1
BITFIELD 0, 32, 0_32
BITFIELD 4, 8, 4_8
BITFIELD 31, 1, 31_1
BITFIELD 12, 20, 12_20
BITFIELD 16, 16, 16_16
BITFIELD 7, 9, 7_9

/* ---- counting, reversing, extending ---- */
K clz, "clz r0, r1"
K rbit, "rbit r0, r1"
K rev, "rev.w r0, r1"
K rev16, "rev16.w r0, r1"
K revsh, "revsh.w r0, r1"
K sxtb_0, "sxtb.w r0, r1"
K sxtb_8, "sxtb.w r0, r1, ror #8"
K sxtb_16, "sxtb.w r0, r1, ror #16"
K sxtb_24, "sxtb.w r0, r1, ror #24"
K sxth_0, "sxth.w r0, r1"
K sxth_8, "sxth.w r0, r1, ror #8"
K sxth_16, "sxth.w r0, r1, ror #16"
K sxth_24, "sxth.w r0, r1, ror #24"
K uxtb_0, "uxtb.w r0, r1"
K uxtb_8, "uxtb.w r0, r1, ror #8"
K uxtb_16, "uxtb.w r0, r1, ror #16"
K uxtb_24, "uxtb.w r0, r1, ror #24"
K uxth_0, "uxth.w r0, r1"
K uxth_8, "uxth.w r0, r1, ror #8"
K uxth_16, "uxth.w r0, r1, ror #16"
K uxth_24, "uxth.w r0, r1, ror #24"

/* ---- multiply (MUL, MLA, MLS, UMULL, SMULL, UMLAL, SMLAL) ---- */
K mul, "mul.w r0, r0, r1"
K muls, "muls r0, r1, r0"
K mla, "mla r0, r0, r1, r2"
K mls, "mls r0, r0, r1, r2"
K umull, "umull r0, r1, r0, r1"
K smull, "smull r0, r1, r0, r1"
K umlal, "umlal r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K smlal, "smlal r2, r3, r0, r1; mov r0, r2; mov r1, r3"
K umull_same, "umull r4, r5, r0, r0; mov r0, r4; mov r1, r5"

/* ---- divide (SDIV, UDIV; CCR.DIV_0_TRP = 0 so x/0 = 0) ---- */
K sdiv, "sdiv r0, r0, r1"
K udiv, "udiv r0, r0, r1"
K sdiv_ba, "sdiv r0, r1, r0"

/* ---- saturate (SSAT, USAT; Q is sticky) ---- */
K ssat_1, "ssat r0, #1, r0"
K ssat_8, "ssat r0, #8, r0"
K ssat_16_l4, "ssat r0, #16, r0, lsl #4"
K ssat_32_a8, "ssat r0, #32, r0, asr #8"
K ssat_24_a31, "ssat r0, #24, r0, asr #31"
K ssat_12_l31, "ssat r0, #12, r0, lsl #31"
K usat_0, "usat r0, #0, r0"
K usat_8, "usat r0, #8, r0"
K usat_31_l1, "usat r0, #31, r0, lsl #1"
K usat_16_a4, "usat r0, #16, r0, asr #4"
K usat_15_a1, "usat r0, #15, r0, asr #1"

/* ---- loads and stores: every addressing form ----
 * kbuf (64 bytes, word aligned) is filled from r0-r3 first: words 0-3 = a, b,
 * c, d and words 4-7 = ~a, ~b, ~c, ~d (with STRD/STM, whose own behaviour is
 * checked by the store kernels). r4 = kbuf. Loads return the value in r0 and,
 * where Rn is written back, Rn - kbuf in r1. */
.macro FILL
    ldr r4, =kbuf
    mvn r5, r0
    mvn r6, r1
    mvn r7, r2
    mvn r8, r3
    stm r4, {r0-r3, r5-r8}
.endm
K ldr_imm12, "FILL; ldr.w r0, [r4, #8]"
K ldr_imm12b, "FILL; ldr.w r0, [r4, #28]"
K ldr_neg, "FILL; add r5, r4, #16; ldr r0, [r5, #-12]"
K ldr_pre, "FILL; ldr r0, [r4, #4]!; sub r1, r4, #0; ldr r5, =kbuf; sub r1, r4, r5"
K ldr_pre_neg, "FILL; add r4, r4, #32; ldr r0, [r4, #-8]!; ldr r5, =kbuf; sub r1, r4, r5"
K ldr_post, "FILL; ldr r0, [r4], #12; ldr r5, =kbuf; sub r1, r4, r5"
K ldr_post_neg, "FILL; add r4, r4, #28; ldr r0, [r4], #-20; ldr r5, =kbuf; sub r1, r4, r5"
K ldr_reg0, "FILL; mov r6, #12; ldr.w r0, [r4, r6]"
K ldr_reg1, "FILL; mov r6, #6; ldr.w r0, [r4, r6, lsl #1]"
K ldr_reg2, "FILL; mov r6, #5; ldr.w r0, [r4, r6, lsl #2]"
K ldr_reg3, "FILL; mov r6, #3; ldr.w r0, [r4, r6, lsl #3]"
K ldr_unal, "FILL; ldr.w r0, [r4, #5]; ldr r1, [r4, #7]"
K ldrb_imm12, "FILL; ldrb.w r0, [r4, #13]"
K ldrb_neg, "FILL; add r5, r4, #20; ldrb r0, [r5, #-3]"
K ldrb_post, "FILL; ldrb r0, [r4], #3; ldr r5, =kbuf; sub r1, r4, r5"
K ldrb_reg, "FILL; mov r6, #3; ldrb.w r0, [r4, r6, lsl #2]"
K ldrsb_imm12, "FILL; ldrsb.w r0, [r4, #7]"
K ldrsb_neg, "FILL; add r5, r4, #16; ldrsb r0, [r5, #-1]"
K ldrsb_pre, "FILL; ldrsb r0, [r4, #11]!; ldr r5, =kbuf; sub r1, r4, r5"
K ldrsb_reg, "FILL; mov r6, #9; ldrsb.w r0, [r4, r6]"
K ldrh_imm12, "FILL; ldrh.w r0, [r4, #10]"
K ldrh_neg, "FILL; add r5, r4, #32; ldrh r0, [r5, #-6]"
K ldrh_unal, "FILL; ldrh.w r0, [r4, #3]"
K ldrh_reg, "FILL; mov r6, #7; ldrh.w r0, [r4, r6, lsl #1]"
K ldrsh_imm12, "FILL; ldrsh.w r0, [r4, #2]"
K ldrsh_neg, "FILL; add r5, r4, #8; ldrsh r0, [r5, #-2]"
K ldrsh_post, "FILL; ldrsh r0, [r4], #6; ldr r5, =kbuf; sub r1, r4, r5"
K ldrsh_reg, "FILL; mov r6, #3; ldrsh.w r0, [r4, r6, lsl #2]"
K ldrsh_unal, "FILL; ldrsh.w r0, [r4, #9]"
K ldrd_imm, "FILL; ldrd r0, r1, [r4, #8]"
K ldrd_neg, "FILL; add r5, r4, #32; ldrd r0, r1, [r5, #-16]"
K ldrd_pre, "FILL; ldrd r0, r1, [r4, #16]!; ldr r5, =kbuf; sub r2, r4, r5; add r0, r0, r2"
K ldrd_post, "FILL; add r4, r4, #24; ldrd r0, r1, [r4], #-24; ldr r5, =kbuf; sub r2, r4, r5; add r0, r0, r2"
K ldrt, "FILL; ldrt r0, [r4, #12]"
K ldrbt, "FILL; ldrbt r0, [r4, #6]"
K ldrsht, "FILL; ldrsht r0, [r4, #14]"
K ldr_lit_neg, "b 1f; .align 2; 2: .word 0xC0FFEE11; .hword 0x8001; .byte 0x80, 0x7F; 1: ldr.w r0, 2b; ldrsh.w r1, 2b + 4; ldrsb.w r5, 2b + 6; add r1, r1, r5"
K ldr_lit_pos, "ldr.w r0, 3f; ldrh.w r1, 3f + 2; ldrb.w r5, 3f + 7; add r1, r1, r5; b 4f; .align 2; 3: .word 0x89ABCDEF, 0x01234567; 4:"
/* Stores: r0 = word 0 of kbuf afterwards, r1 = word 1 (or the written-back offset). */
K str_imm12, "FILL; str.w r2, [r4, #4]; ldm r4, {r0, r1}"
K str_neg, "FILL; add r5, r4, #8; str r2, [r5, #-8]; ldm r4, {r0, r1}"
K str_pre, "FILL; str r2, [r4, #4]!; ldr r0, [r4]; ldr r5, =kbuf; sub r1, r4, r5"
K str_post, "FILL; str r3, [r4], #-4; ldr r5, =kbuf; ldr r0, [r5]; sub r1, r4, r5"
K str_reg, "FILL; mov r6, #1; str.w r2, [r4, r6, lsl #2]; ldm r4, {r0, r1}"
K str_unal, "FILL; str.w r2, [r4, #1]; ldm r4, {r0, r1}"
K strb_imm12, "FILL; strb.w r2, [r4, #5]; ldm r4, {r0, r1}"
K strb_neg, "FILL; add r5, r4, #4; strb r2, [r5, #-2]; ldm r4, {r0, r1}"
K strb_post, "FILL; strb r3, [r4], #7; ldr r5, =kbuf; ldr r0, [r5]; sub r1, r4, r5"
K strb_reg, "FILL; mov r6, #3; strb.w r2, [r4, r6]; ldm r4, {r0, r1}"
K strh_imm12, "FILL; strh.w r2, [r4, #6]; ldm r4, {r0, r1}"
K strh_neg, "FILL; add r5, r4, #4; strh r2, [r5, #-4]; ldm r4, {r0, r1}"
K strh_pre, "FILL; strh r3, [r4, #2]!; ldr r0, [r4, #-2]; ldr r5, =kbuf; sub r1, r4, r5"
K strh_reg, "FILL; mov r6, #1; strh.w r2, [r4, r6, lsl #1]; ldm r4, {r0, r1}"
K strh_unal, "FILL; strh.w r2, [r4, #3]; ldm r4, {r0, r1}"
K strd_imm, "FILL; strd r3, r2, [r4]; ldm r4, {r0, r1}"
K strd_pre, "FILL; add r4, r4, #8; strd r2, r3, [r4, #-8]!; ldr r5, =kbuf; ldm r5, {r0, r1}; sub r5, r4, r5; add r0, r0, r5"
K strd_post, "FILL; strd r3, r2, [r4], #12; ldr r5, =kbuf; ldm r5, {r0, r1}; sub r5, r4, r5; add r0, r0, r5"
K strt, "FILL; strt r2, [r4, #4]; ldm r4, {r0, r1}"
K strbt, "FILL; strbt r2, [r4, #2]; ldm r4, {r0, r1}"
K strht, "FILL; strht r2, [r4, #0]; ldm r4, {r0, r1}"

/* ---- load/store multiple (LDM/LDMDB, STM/STMDB, PUSH/POP) ----
 * Results are folded into r0 (sum of the loaded words times their position)
 * and r1 (written-back offset). */
K stmia_wb, "ldr r4, =kbuf; stmia r4!, {r0-r3}; ldr r5, =kbuf; sub r1, r4, r5; ldr r0, [r5, #8]"
K stmdb_wb, "ldr r4, =kbuf + 32; stmdb r4!, {r0, r2, r3}; ldr r5, =kbuf; sub r1, r4, r5; ldr r0, [r5, #24]; ldr r6, [r5, #20]; eor r0, r0, r6, ror #3"
K ldmia_wb, "FILL; ldmia r4!, {r0, r1, r5, r6, r7}; eor r0, r0, r7, ror #5; ldr r5, =kbuf; sub r1, r4, r5"
K ldmdb_wb, "FILL; add r4, r4, #32; ldmdb r4!, {r6-r9}; ldr r5, =kbuf; sub r1, r4, r5; add r0, r6, r9, ror #9"
K ldmdb, "FILL; add r4, r4, #20; ldmdb r4, {r0, r1}"
K ldm_nowb, "FILL; ldm.w r4, {r1, r8, r12}; add r0, r8, r12, lsl #1; add r1, r1, #0"
K push_pop, "mov r8, #0x88; push.w {r0-r3, r8, lr}; pop.w {r5-r9, lr}; eor r0, r5, r8; mov r1, r9"
K push_one, "mov r8, r0; push.w {r8}; pop.w {r9}; mov r0, r9"
K push_ldr, "push.w {r0-r3}; ldr r0, [sp, #12]; ldr r1, [sp, #4]; add sp, sp, #16"

/* ---- branches: TBB, TBH, CBZ, CBNZ ----
 * r0 = a; the table index is a & 7 (TBB), a & 3 (TBH), a & 1 (TBH with the
 * table addressed through a register: targets are PC-relative to the
 * instruction after the TBH, whatever register holds the table). */
K tbb, "and r5, r0, #7; mov r0, #0; tbb [pc, r5]; 1: .byte (10f-1b)/2, (11f-1b)/2, (12f-1b)/2, (13f-1b)/2, (14f-1b)/2, (15f-1b)/2, (16f-1b)/2, (17f-1b)/2; 10: add r0, #1; 11: add r0, #2; 12: add r0, #4; 13: add r0, #8; 14: add r0, #16; 15: add r0, #32; 16: add r0, #64; 17: add r0, #128"
K tbh, "and r5, r0, #3; mov r0, #0; tbh [pc, r5, lsl #1]; 1: .hword (10f-1b)/2, (11f-1b)/2, (12f-1b)/2, (13f-1b)/2; 10: add r0, #3; b 19f; 11: add r0, #30; b 19f; .space 600; 12: add r0, #300; b 19f; 13: add r0, #3000; 19:"
K tbh_reg, "and r5, r0, #1; adr.w r6, 1f; mov r0, #0; tbh [r6, r5, lsl #1]; 3: .align 2; 1: .hword (10f-3b)/2, (11f-3b)/2; 10: add r0, #5; b 19f; 11: add r0, #50; 19:"
K cbz, "mov r5, r0; mov r0, #0; cbz r5, 1f; add r0, r0, #1; 1: cbnz r5, 2f; add r0, r0, #2; 2: and r6, r5, #1; cbnz r6, 3f; add r0, r0, #4; 3: cbz r6, 4f; add r0, r0, #8; 4:"

/* ---- IT blocks (A7.7 IT; ConditionPassed A7.3.1) ----
 * For every condition: ITTEE and ITETE writing one bit per slot (32-bit ORR
 * inside the block) and ITE with 16-bit ADDs, which set no flags inside an IT
 * block (: setflags = !InITBlock()). */
.macro ITCOND cond, inv
K it_\cond\()_ttee, "mov r0, #0; ittee \cond; orr\cond r0, r0, #1; orr\cond r0, r0, #2; orr\inv r0, r0, #4; orr\inv r0, r0, #8"
K it_\cond\()_tete, "mov r0, #0; itete \cond; orr\cond r0, r0, #1; orr\inv r0, r0, #2; orr\cond r0, r0, #4; orr\inv r0, r0, #8"
K it_\cond\()_e16, "mov r5, #0; ite \cond; add\cond r0, r0, r1; sub\inv r0, r0, r1"
.endm
ITCOND eq, ne
ITCOND ne, eq
ITCOND cs, cc
ITCOND cc, cs
ITCOND mi, pl
ITCOND pl, mi
ITCOND vs, vc
ITCOND vc, vs
ITCOND hi, ls
ITCOND ls, hi
ITCOND ge, lt
ITCOND lt, ge
ITCOND gt, le
ITCOND le, gt
/* A CMP inside the block changes the flags that the later slots test. */
K it_cmp_eq, "mov r5, #0; itttt eq; cmpeq r0, r1; orreq r5, r5, #1; orreq r5, r5, #2; orreq r5, r5, #4; mov r0, r5"
K it_cmp_ge, "mov r5, #0; ittet ge; cmpge r0, r1; orrge r5, r5, #1; orrlt r5, r5, #2; orrge r5, r5, #4; mov r0, r5"
K it_adds_hi, "mov r5, #0; ittee hi; addshi r0, r0, r1; orrhi r5, r5, #1; orrls r5, r5, #2; orrls r5, r5, #4; add r0, r0, r5"

/* ---- exclusives (LDREX*, STREX*, CLREX) ----
 * r0 gets the loaded values folded, r1 the STREX status bits. */
K strex_ok, "FILL; ldrex r5, [r4]; strex r6, r2, [r4]; ldr r0, [r4]; eor r0, r0, r5; mov r1, r6"
K strex_clrex, "FILL; ldrex r5, [r4, #4]; clrex; strex r6, r2, [r4, #4]; ldr r0, [r4, #4]; eor r0, r0, r5, ror #8; mov r1, r6"
K strex_none, "FILL; clrex; strex r6, r2, [r4]; ldr r0, [r4]; mov r1, r6"
K strexb, "FILL; add r5, r4, #5; ldrexb r7, [r5]; strexb r6, r2, [r5]; ldrexb r8, [r5]; clrex; ldr r0, [r4, #4]; add r0, r0, r7, lsl #8; add r0, r0, r8; mov r1, r6"
K strexh, "FILL; add r5, r4, #6; ldrexh r7, [r5]; strexh r6, r3, [r5]; ldrexh r8, [r5]; clrex; ldr r0, [r4, #4]; add r0, r0, r7, lsl #4; add r0, r0, r8; mov r1, r6"
K strex_twice, "FILL; ldrex r5, [r4, #8]; strex r6, r2, [r4, #8]; strex r7, r3, [r4, #8]; ldr r0, [r4, #8]; orr r1, r6, r7, lsl #1"
K strex_imm, "FILL; ldrex r5, [r4, #12]; strex r6, r1, [r4, #12]; ldr r0, [r4, #12]; eor r0, r0, r5; mov r1, r6"

/* ---- special registers (MRS, MSR; B5.2.3 APSR masks) ---- */
K msr_nzcvq, "msr APSR_nzcvq, r0; mrs r0, APSR"
K msr_g, "msr APSR_g, r0; mrs r0, APSR"
K msr_both, "msr APSR_nzcvqg, r1; mrs r0, APSR; msr APSR_nzcvq, r0"
K mrs_flags, "cmp r0, r1; mrs r0, APSR; adds r1, r0, r1"

    .bss
    .align 3
    .global kbuf
kbuf:
    .space 64
