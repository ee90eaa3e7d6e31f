/*
 * Assembly helpers of exceptions_m4.c: handler entry stubs that pass the
 * stacked frame and EXC_RETURN to C, the faulting instructions, and the
 * FP-context test whose S0-S15 and FPSCR must stay live across an interrupt.
 */
    .syntax unified
    .thumb
    .text

/* Fault entry: r0 = frame (MSP or PSP per EXC_RETURN bit 2), r1 = EXC_RETURN. */
.macro FAULT_STUB name, target
    .global \name
    .type \name, %function
    .thumb_func
\name:
    tst lr, #4
    ite eq
    mrseq r0, msp
    mrsne r0, psp
    mov r1, lr
    b \target
    .size \name, . - \name
.endm

FAULT_STUB HardFault_Handler, hardfault_c
FAULT_STUB UsageFault_Handler, usagefault_c
FAULT_STUB BusFault_Handler, busfault_c

/* IRQ entry: r0 = EXC_RETURN as found in LR. */
.macro IRQ_STUB name, target
    .global \name
    .type \name, %function
    .thumb_func
\name:
    mov r0, lr
    b \target
    .size \name, . - \name
.endm

IRQ_STUB IRQ20_Handler, irq20_c
IRQ_STUB IRQ21_Handler, irq21_c

.macro FUNC name
    .global \name
    .type \name, %function
    .thumb_func
\name:
.endm

/* uint32_t do_sdiv(int32_t a, int32_t b) */
FUNC do_sdiv
    sdiv r0, r0, r1
    bx lr

/* void do_udf(void): permanently undefined (UDF #0, 16-bit). */
FUNC do_udf
    udf #0
    bx lr

/* uint32_t do_load(uint32_t address) */
FUNC do_load
    ldr r0, [r0]
    bx lr

/* uint32_t do_ldrd(uint32_t address): LDRD needs word alignment. */
FUNC do_ldrd
    ldrd r0, r1, [r0]
    eor r0, r0, r1
    bx lr

/*
 * void fp_context_test(const uint32_t in[17], uint32_t out[17])
 * Loads S0-S15 and FPSCR from in[], pends IRQ20 through STIR, and stores
 * S0-S15 and FPSCR to out[] after the handler (which overwrites them) ran.
 */
FUNC fp_context_test
    vldm r0, {s0-s15}
    ldr r2, [r0, #64]
    vmsr fpscr, r2
    ldr r3, =0xE000EF00
    movs r2, #20
    str r2, [r3]
    dsb
    isb
    nop
    nop
    vstm r1, {s0-s15}
    vmrs r2, fpscr
    str r2, [r1, #64]
    bx lr
    .ltorg

/*
 * void nofp_context_test(void): clears CONTROL.FPCA and pends IRQ20 before
 * any FP instruction runs, so the exception frame is the basic one.
 */
FUNC nofp_context_test
    mrs r0, control
    bic r0, r0, #4
    msr control, r0
    isb
    ldr r3, =0xE000EF00
    movs r2, #20
    str r2, [r3]
    dsb
    isb
    nop
    nop
    bx lr
    .ltorg

/* void spin(uint32_t n): a fixed loop of n iterations. */
FUNC spin
1:  subs r0, r0, #1
    bne 1b
    bx lr

/* void clobber_fp(void): overwrites S0-S15 and FPSCR (runs inside the handler). */
FUNC clobber_fp
    vmov.f32 s0, #-1.0
    vmov.f32 s1, s0
    vmov.f32 s2, #2.0
    vmov.f32 s3, s2
    vmov.f32 s4, s0
    vmov.f32 s5, s2
    vmov.f32 s6, s0
    vmov.f32 s7, s2
    vmov.f32 s8, s0
    vmov.f32 s9, s2
    vmov.f32 s10, s0
    vmov.f32 s11, s2
    vmov.f32 s12, s0
    vmov.f32 s13, s2
    vmov.f32 s14, s0
    vmov.f32 s15, s2
    ldr r0, =0x03C0009F
    vmsr fpscr, r0
    bx lr
    .ltorg
