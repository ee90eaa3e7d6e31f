/*
 * Instruction kernels for torture_v6m.c. Each kernel executes exactly the
 * named ARMv6-M instruction(s), so the compiler cannot substitute others.
 *
 * Binary-op kernels share one ABI:
 *   uint32_t t_<name>(uint32_t a, uint32_t b, uint32_t flags_in, uint32_t *flags_out)
 * They write flags_in to APSR (MSR), run the instruction(s), read APSR (MRS)
 * into *flags_out and return r0. "pre" code runs before the MSR so it cannot
 * disturb the flags under test.
 */
    .syntax unified
    .thumb
    .text

.macro KERNEL name
    .global t_\name
    .type t_\name, %function
    .thumb_func
t_\name:
.endm

.macro BINOP name, pre, body
    .align 1
    KERNEL \name
    \pre
    msr APSR_nzcvq, r2
    \body
    mrs r2, APSR
    str r2, [r3]
    bx lr
    .size t_\name, . - t_\name
.endm

/* Add / subtract / compare (ARMv6-M ARM A6.7.2-A6.7.3, A6.7.1, A6.7.65-66, A6.7.53, A6.7.17-18) */
BINOP adds_rr,  "",            "adds r0, r0, r1"
BINOP adds_i3,  "",            "adds r0, r1, #7"
BINOP adds_i8,  "",            "adds r0, #255"
BINOP adds_i8_1, "",           "adds r0, #1"
BINOP add_hi,   "mov r12, r1", "add r0, r12"
BINOP adcs,     "",            "adcs r0, r1"
BINOP subs_rr,  "",            "subs r0, r0, r1"
BINOP subs_i3,  "",            "subs r0, r1, #5"
BINOP subs_i8,  "",            "subs r0, #200"
BINOP sbcs,     "",            "sbcs r0, r1"
BINOP rsbs,     "",            "rsbs r0, r0, #0"
BINOP cmp_rr,   "",            "cmp r0, r1"
BINOP cmp_i8,   "",            "cmp r0, #128"
BINOP cmp_hi,   "mov r12, r1", "cmp r0, r12"
BINOP cmn,      "",            "cmn r0, r1"

/* Moves (A6.7.39-40) */
BINOP movs_i8,  "",            "movs r0, #0xA5"
BINOP movs_rr,  "",            "movs r0, r1"
BINOP mov_hi,   "",            "mov r12, r1; mov r0, r12"

/* Shifts by register (A6.7.35, A6.7.37, A6.7.10, A6.7.55) */
BINOP lsls_r,   "",            "lsls r0, r1"
BINOP lsrs_r,   "",            "lsrs r0, r1"
BINOP asrs_r,   "",            "asrs r0, r1"
BINOP rors_r,   "",            "rors r0, r1"

/* Multiply (A6.7.44) */
BINOP muls,     "",            "muls r0, r1, r0"

/* Logical (A6.7.9, A6.7.48, A6.7.26, A6.7.12, A6.7.46, A6.7.70) */
BINOP ands,     "",            "ands r0, r1"
BINOP orrs,     "",            "orrs r0, r1"
BINOP eors,     "",            "eors r0, r1"
BINOP bics,     "",            "bics r0, r1"
BINOP mvns,     "",            "mvns r0, r1"
BINOP tst,      "",            "tst r0, r1"

/* Reverse and extend (A6.7.50-52, A6.7.67-68, A6.7.73-74) */
BINOP rev,      "",            "rev r0, r0"
BINOP rev16,    "",            "rev16 r0, r0"
BINOP revsh,    "",            "revsh r0, r0"
BINOP sxtb,     "",            "sxtb r0, r1"
BINOP sxth,     "",            "sxth r0, r1"
BINOP uxtb,     "",            "uxtb r0, r1"
BINOP uxth,     "",            "uxth r0, r1"

/*
 * Shifts by immediate: uint32_t t_<op>_imm(a, index, flags_in, *flags_out).
 * A jump table of 32 entries (4 bytes each: the shift and a branch out).
 * LSLS uses shift = index (0..31, #0 is the MOVS encoding), LSRS/ASRS use
 * shift = index + 1 (1..32; #32 is encoded as imm5 = 0, A6.4.2 DecodeImmShift).
 */
.macro SHIFT_IMM op, first
    .align 2
    KERNEL \op\()_imm
    push {r4, lr}
    lsls r1, r1, #2
    adr r4, 1f
    adds r4, r4, r1
    adds r4, #1
    msr APSR_nzcvq, r2
    bx r4
    .align 2
1:
    .set n, \first
    .rept 32
    \op r0, r0, #n
    b 2f
    .set n, n + 1
    .endr
2:
    mrs r2, APSR
    str r2, [r3]
    pop {r4, pc}
    .size t_\op\()_imm, . - t_\op\()_imm
.endm

SHIFT_IMM lsls, 0
SHIFT_IMM lsrs, 1
SHIFT_IMM asrs, 1

/*
 * Loads with immediate offsets: void t_ld_imm(const void *base, uint32_t out[13]).
 * base must be word aligned.
 */
    .align 1
KERNEL ld_imm
    ldr r2, [r0, #0]
    str r2, [r1, #0]
    ldr r2, [r0, #4]
    str r2, [r1, #4]
    ldr r2, [r0, #8]
    str r2, [r1, #8]
    ldr r2, [r0, #60]
    str r2, [r1, #12]
    ldr r2, [r0, #124]
    str r2, [r1, #16]
    ldrh r2, [r0, #0]
    str r2, [r1, #20]
    ldrh r2, [r0, #2]
    str r2, [r1, #24]
    ldrh r2, [r0, #30]
    str r2, [r1, #28]
    ldrh r2, [r0, #62]
    str r2, [r1, #32]
    ldrb r2, [r0, #0]
    str r2, [r1, #36]
    ldrb r2, [r0, #1]
    str r2, [r1, #40]
    ldrb r2, [r0, #17]
    str r2, [r1, #44]
    ldrb r2, [r0, #31]
    str r2, [r1, #48]
    bx lr
    .size t_ld_imm, . - t_ld_imm

/* Stores with immediate offsets: void t_st_imm(void *base, uint32_t value), in this order. */
    .align 1
KERNEL st_imm
    str r1, [r0, #0]
    str r1, [r0, #124]
    strh r1, [r0, #2]
    strh r1, [r0, #62]
    strb r1, [r0, #1]
    strb r1, [r0, #31]
    bx lr
    .size t_st_imm, . - t_st_imm

/* Register-offset loads: uint32_t t_<op>_rr(const void *base, uint32_t offset). */
.macro LOAD_RR op
    .align 1
    KERNEL \op\()_rr
    \op r0, [r0, r1]
    bx lr
    .size t_\op\()_rr, . - t_\op\()_rr
.endm
LOAD_RR ldr
LOAD_RR ldrh
LOAD_RR ldrb
LOAD_RR ldrsh
LOAD_RR ldrsb

/* Register-offset stores: void t_<op>_rr(void *base, uint32_t offset, uint32_t value). */
.macro STORE_RR op
    .align 1
    KERNEL \op\()_rr
    \op r2, [r0, r1]
    bx lr
    .size t_\op\()_rr, . - t_\op\()_rr
.endm
STORE_RR str
STORE_RR strh
STORE_RR strb

/*
 * SP-relative, literal and ADR: void t_sp_lit(uint32_t out[8], uint32_t value).
 *   out[0] = 16 (SUB SP,#16)         out[1] = value (STR/LDR [SP,#8])
 *   out[2] = -4 (ADD Rd,SP,#12 - old SP)  out[3] = 0 (ADD SP,#16 restores SP)
 *   out[4] = 0xCAFEF00D (literal pool)    out[5] = 0x5EED1234 (LDR label)
 *   out[6] = 0 (ADR == absolute address)  out[7] = value + 0x5EED1234 (ADD SP-relative sum)
 */
    .align 2
KERNEL sp_lit
    push {r4, lr}
    mov r4, sp
    sub sp, #16
    mov r2, sp
    subs r2, r4, r2
    str r2, [r0, #0]
    str r1, [sp, #8]
    ldr r3, [sp, #8]
    str r3, [r0, #4]
    add r3, sp, #12
    subs r3, r3, r4
    str r3, [r0, #8]
    ldr r2, 3f
    str r2, [sp, #4]
    ldr r2, [sp, #4]
    ldr r3, [sp, #8]
    adds r2, r2, r3
    str r2, [r0, #28]
    add sp, #16
    mov r2, sp
    subs r2, r2, r4
    str r2, [r0, #12]
    ldr r2, =0xCAFEF00D
    str r2, [r0, #16]
    ldr r2, 3f
    str r2, [r0, #20]
    adr r2, 3f
    ldr r3, =3f
    subs r2, r2, r3
    str r2, [r0, #24]
    pop {r4, pc}
    .align 2
3:  .word 0x5EED1234
    .ltorg
    .size t_sp_lit, . - t_sp_lit

/*
 * LDM/STM/PUSH/POP: void t_multi(const uint32_t src[8], uint32_t dst[8], uint32_t out[8]).
 *   dst[0..4] = src[0..4] (LDM r0!, STM r1!)
 *   out[0] = 20 (LDM writeback)  out[1] = 20 (STM writeback)
 *   out[2] = src[0], out[3] = src[1] (LDM with Rn in the list: no writeback, A6.7.30)
 *   out[4] = 12 (PUSH of 3 registers), out[5..7] = the pushed r0, r1, r3 popped
 *   into r3, r4, r7 (lowest register <-> lowest address, A6.7.49-50)
 *   dst[5] = 0 (SP back after POP)
 */
    .align 1
KERNEL multi
    push {r4-r7, lr}
    mov r12, r2
    movs r7, r0
    mov lr, r1
    ldm r0!, {r2-r6}
    stm r1!, {r2-r6}
    subs r0, r0, r7
    mov r3, lr
    subs r1, r1, r3
    mov r2, r12
    str r0, [r2, #0]
    str r1, [r2, #4]
    ldm r7, {r3, r7}
    str r3, [r2, #8]
    str r7, [r2, #12]
    ldr r0, =0x0A0A0A0A
    ldr r1, =0x1B1B1B1B
    ldr r3, =0x3D3D3D3D
    mov r6, sp
    push {r0, r1, r3}
    mov r5, sp
    subs r5, r6, r5
    str r5, [r2, #16]
    pop {r3, r4, r7}
    str r3, [r2, #20]
    str r4, [r2, #24]
    str r7, [r2, #28]
    mov r5, sp
    subs r5, r5, r6
    mov r1, lr
    str r5, [r1, #20]
    pop {r4-r7, pc}
    .ltorg
    .size t_multi, . - t_multi

/*
 * Branches: void t_branch(uint32_t x, uint32_t (*f)(uint32_t), uint32_t out[6]).
 *   out[0] = 1        (BL sets LR = return address | 1, A6.7.13)
 *   out[1] = f(x)     (BLX register to a C function)
 *   out[2] = 0x77     (BX to an ADR target + 1)
 *   out[3] = 0x66     (MOV PC, Rm: bit 0 ignored by BranchWritePC)
 *   out[4] = sum of 1..(x & 15) (backward BNE loop)
 *   out[5] = x + 0x100 (BL to a leaf that pushes/pops LR and PC)
 */
    .align 2
KERNEL branch
    push {r4-r6, lr}
    movs r4, r0
    movs r6, r1
    movs r5, r2
    bl 10f
11: ldr r1, =11b
    subs r0, r0, r1
    str r0, [r5, #0]
    movs r0, r4
    blx r6
    str r0, [r5, #4]
    adr r1, 12f
    adds r1, #1
    movs r0, #0xEE
    bx r1
    movs r0, #0xEF
    .align 2
12: movs r0, #0x77
    str r0, [r5, #8]
    adr r1, 13f
    movs r0, #0xEE
    mov pc, r1
    movs r0, #0xEF
    .align 2
13: movs r0, #0x66
    str r0, [r5, #12]
    movs r1, #15
    ands r1, r4
    movs r0, #0
    cmp r1, #0
    beq 15f
14: adds r0, r0, r1
    subs r1, #1
    bne 14b
15: str r0, [r5, #16]
    movs r0, r4
    bl 16f
    str r0, [r5, #20]
    pop {r4-r6, pc}
10: mov r0, lr
    bx lr
16: push {r4, lr}
    movs r4, #1
    lsls r4, r4, #8
    adds r0, r0, r4
    pop {r4, pc}
    .ltorg
    .size t_branch, . - t_branch

/*
 * Conditional branches: uint32_t t_cond(uint32_t flags) returns a mask with
 * bit k set when condition k (EQ NE CS CC MI PL VS VC HI LS GE LT GT LE)
 * branched with APSR = flags (ARMv6-M ARM A6.3.1, ConditionPassed).
 */
.macro COND cc, bit
    msr APSR_nzcvq, r1
    b\cc 1f
    b 2f
1:  movs r2, #1
    lsls r2, r2, #\bit
    orrs r0, r2
2:
.endm
    .align 1
KERNEL cond
    movs r1, r0
    movs r0, #0
    COND eq, 0
    COND ne, 1
    COND cs, 2
    COND cc, 3
    COND mi, 4
    COND pl, 5
    COND vs, 6
    COND vc, 7
    COND hi, 8
    COND ls, 9
    COND ge, 10
    COND lt, 11
    COND gt, 12
    COND le, 13
    bx lr
    .size t_cond, . - t_cond
