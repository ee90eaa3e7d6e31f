/*
 * Startup code and vector table for the ARMv6-M example firmware.
 *
 * The vector table has the 16 architectural entries plus 32 external
 * interrupts (ARMv6-M ARM B1.5.2-B1.5.3: word 0 is the initial main stack
 * pointer, word n the handler address, Thumb bit set, of exception n).
 * Every handler is a weak alias of Default_Handler, so a program overrides
 * one by defining a function with the same name.
 */
#include <stdint.h>
#include <stdlib.h>

#include "semihost.h"

extern uint32_t __StackTop;
extern uint32_t __data_start__, __data_end__, __data_load__;
extern uint32_t __bss_start__, __bss_end__;

extern int main(void);
extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);

void Reset_Handler(void) __attribute__((noreturn));
void Default_Handler(void);

#include "irq_handlers.h"

WEAK_HANDLER(NMI_Handler);
WEAK_HANDLER(HardFault_Handler);
WEAK_HANDLER(SVC_Handler);
WEAK_HANDLER(PendSV_Handler);
WEAK_HANDLER(SysTick_Handler);

typedef void (*vector_t)(void);

/* 16 system entries + 32 IRQs; reserved entries are zero. */
__attribute__((section(".isr_vector"), used))
const vector_t vector_table[48] = {
    (vector_t)(uintptr_t)&__StackTop,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    0, 0, 0, 0, 0, 0, 0, /* 4-10 reserved on ARMv6-M */
    SVC_Handler,
    0, 0,                /* 12-13 reserved */
    PendSV_Handler,
    SysTick_Handler,
    IRQ0_Handler, IRQ1_Handler, IRQ2_Handler, IRQ3_Handler,
    IRQ4_Handler, IRQ5_Handler, IRQ6_Handler, IRQ7_Handler,
    IRQ8_Handler, IRQ9_Handler, IRQ10_Handler, IRQ11_Handler,
    IRQ12_Handler, IRQ13_Handler, IRQ14_Handler, IRQ15_Handler,
    IRQ16_Handler, IRQ17_Handler, IRQ18_Handler, IRQ19_Handler,
    IRQ20_Handler, IRQ21_Handler, IRQ22_Handler, IRQ23_Handler,
    IRQ24_Handler, IRQ25_Handler, IRQ26_Handler, IRQ27_Handler,
    IRQ28_Handler, IRQ29_Handler, IRQ30_Handler, IRQ31_Handler,
};

/*
 * Copies .data from its load address, zeroes .bss, opens the semihosting
 * console (librdimon), runs constructors and leaves through exit(), which
 * ends in a semihosting SYS_EXIT / SYS_EXIT_EXTENDED.
 */
void Reset_Handler(void)
{
    const uint32_t *src = &__data_load__;
    for (uint32_t *dst = &__data_start__; dst < &__data_end__;) {
        *dst++ = *src++;
    }
    for (uint32_t *dst = &__bss_start__; dst < &__bss_end__;) {
        *dst++ = 0;
    }
    initialise_monitor_handles();
    __libc_init_array();
    exit(main());
}

/*
 * Reports an exception nobody expected, then stops the run: writes
 * "unexpected exception <IPSR>\n" with SYS_WRITE0 and calls SYS_EXIT with
 * ADP_Stopped_RunTimeErrorUnknown. Uses no library code and only a small
 * stack buffer, so it works even when newlib's state is suspect.
 */
void Default_Handler(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x3Fu;

    static const char prefix[] = "unexpected exception ";
    char message[sizeof prefix + 4];
    unsigned length = 0;
    for (; prefix[length] != '\0'; length++) {
        message[length] = prefix[length];
    }
    if (ipsr >= 10u) {
        message[length++] = (char)('0' + ipsr / 10u);
    }
    message[length++] = (char)('0' + ipsr % 10u);
    message[length++] = '\n';
    message[length] = '\0';
    semihost_write0(message);
    semihost_exit(ADP_Stopped_RunTimeErrorUnknown);
}

/* __libc_init_array calls these; crti.o/crtn.o are not linked (-nostartfiles). */
void _init(void) {}
void _fini(void) {}
