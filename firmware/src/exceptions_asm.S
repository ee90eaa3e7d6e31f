/*
 * Exception entry stubs for exceptions.c.
 *
 * Each stub finds the stacked frame (EXC_RETURN bit 2 selects PSP or MSP,
 * ARMv6-M ARM B1.5.8) and tail-calls a C function
 *     void f(uint32_t *frame, uint32_t exc_return)
 * with LR still holding EXC_RETURN, so the C function's own return performs
 * the exception return.
 */
    .syntax unified
    .thumb
    .text

.macro HANDLER name, target
    .align 2
    .global \name
    .type \name, %function
    .thumb_func
\name:
    movs r0, #4
    mov r1, lr
    tst r0, r1
    beq 1f
    mrs r0, psp
    b 2f
1:  mrs r0, msp
2:  ldr r2, =\target
    bx r2
    .ltorg
    .size \name, . - \name
.endm

HANDLER SVC_Handler,     svc_handler
HANDLER PendSV_Handler,  pendsv_handler
HANDLER SysTick_Handler, systick_handler
HANDLER IRQ20_Handler,   irq20_handler
HANDLER IRQ21_Handler,   irq21_handler

/*
 * void run_on_psp(void (*fn)(void), uint32_t *psp_top)
 * Runs fn in Thread mode on the process stack: PSP = psp_top, CONTROL.SPSEL = 1,
 * ISB (B1.4.4: CONTROL writes need an ISB), call, then back to MSP.
 */
    .align 1
    .global run_on_psp
    .type run_on_psp, %function
    .thumb_func
run_on_psp:
    push {r4, lr}
    msr psp, r1
    movs r2, #2
    msr control, r2
    isb
    blx r0
    movs r2, #0
    msr control, r2
    isb
    pop {r4, pc}
    .size run_on_psp, . - run_on_psp
