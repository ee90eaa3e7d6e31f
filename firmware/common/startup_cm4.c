/*
 * Startup code and vector table for the ARMv7E-M (Cortex-M4/M4F) firmware.
 *
 * Same contract as startup_cm0.c (weak handlers aliased to Default_Handler,
 * .data/.bss set-up, semihosting console, exit(main())), plus what ARMv7-M
 * adds:
 *
 * - The vector table has 16 system entries, including MemManage (4),
 *   BusFault (5), UsageFault (6) and DebugMonitor (12), then 96
 *   external interrupts (ARMv7-M ARM B1.5.2-B1.5.3). 96 covers every M4
 *   board in the table (the STM32L4R5 has 95 interrupt lines).
 * - Reset_Handler is written in assembly up to the point where the FPU is
 *   enabled: CPACR (0xE000ED88) bits 23:20 = CP11:CP10 = 0b1111, full access
 *   (ARMv7-M ARM B3.2.20), then DSB and ISB so that the next instruction sees
 *   it. Only then does C code run: with -mfloat-abi=hard the compiler and
 *   newlib (printf, memcpy) may use the FP registers anywhere.
 * - Default_Handler also prints the fault status registers (B3.2.15-B3.2.18):
 *   CFSR 0xE000ED28, HFSR 0xE000ED2C, and MMFAR 0xE000ED34 / BFAR 0xE000ED38
 *   only when CFSR.MMARVALID (bit 7) / CFSR.BFARVALID (bit 15) say they hold
 *   an address (otherwise their content is UNKNOWN, so "-" is printed).
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

void Reset_Handler(void) __attribute__((naked, noreturn));
void reset_continue(void) __attribute__((noreturn, used));
void Default_Handler(void);

#include "irq_handlers.h"

WEAK_HANDLER(NMI_Handler);
WEAK_HANDLER(HardFault_Handler);
WEAK_HANDLER(MemManage_Handler);
WEAK_HANDLER(BusFault_Handler);
WEAK_HANDLER(UsageFault_Handler);
WEAK_HANDLER(SVC_Handler);
WEAK_HANDLER(DebugMon_Handler);
WEAK_HANDLER(PendSV_Handler);
WEAK_HANDLER(SysTick_Handler);
WEAK_HANDLER(IRQ32_Handler);
WEAK_HANDLER(IRQ33_Handler);
WEAK_HANDLER(IRQ34_Handler);
WEAK_HANDLER(IRQ35_Handler);
WEAK_HANDLER(IRQ36_Handler);
WEAK_HANDLER(IRQ37_Handler);
WEAK_HANDLER(IRQ38_Handler);
WEAK_HANDLER(IRQ39_Handler);
WEAK_HANDLER(IRQ40_Handler);
WEAK_HANDLER(IRQ41_Handler);
WEAK_HANDLER(IRQ42_Handler);
WEAK_HANDLER(IRQ43_Handler);
WEAK_HANDLER(IRQ44_Handler);
WEAK_HANDLER(IRQ45_Handler);
WEAK_HANDLER(IRQ46_Handler);
WEAK_HANDLER(IRQ47_Handler);
WEAK_HANDLER(IRQ48_Handler);
WEAK_HANDLER(IRQ49_Handler);
WEAK_HANDLER(IRQ50_Handler);
WEAK_HANDLER(IRQ51_Handler);
WEAK_HANDLER(IRQ52_Handler);
WEAK_HANDLER(IRQ53_Handler);
WEAK_HANDLER(IRQ54_Handler);
WEAK_HANDLER(IRQ55_Handler);
WEAK_HANDLER(IRQ56_Handler);
WEAK_HANDLER(IRQ57_Handler);
WEAK_HANDLER(IRQ58_Handler);
WEAK_HANDLER(IRQ59_Handler);
WEAK_HANDLER(IRQ60_Handler);
WEAK_HANDLER(IRQ61_Handler);
WEAK_HANDLER(IRQ62_Handler);
WEAK_HANDLER(IRQ63_Handler);
WEAK_HANDLER(IRQ64_Handler);
WEAK_HANDLER(IRQ65_Handler);
WEAK_HANDLER(IRQ66_Handler);
WEAK_HANDLER(IRQ67_Handler);
WEAK_HANDLER(IRQ68_Handler);
WEAK_HANDLER(IRQ69_Handler);
WEAK_HANDLER(IRQ70_Handler);
WEAK_HANDLER(IRQ71_Handler);
WEAK_HANDLER(IRQ72_Handler);
WEAK_HANDLER(IRQ73_Handler);
WEAK_HANDLER(IRQ74_Handler);
WEAK_HANDLER(IRQ75_Handler);
WEAK_HANDLER(IRQ76_Handler);
WEAK_HANDLER(IRQ77_Handler);
WEAK_HANDLER(IRQ78_Handler);
WEAK_HANDLER(IRQ79_Handler);
WEAK_HANDLER(IRQ80_Handler);
WEAK_HANDLER(IRQ81_Handler);
WEAK_HANDLER(IRQ82_Handler);
WEAK_HANDLER(IRQ83_Handler);
WEAK_HANDLER(IRQ84_Handler);
WEAK_HANDLER(IRQ85_Handler);
WEAK_HANDLER(IRQ86_Handler);
WEAK_HANDLER(IRQ87_Handler);
WEAK_HANDLER(IRQ88_Handler);
WEAK_HANDLER(IRQ89_Handler);
WEAK_HANDLER(IRQ90_Handler);
WEAK_HANDLER(IRQ91_Handler);
WEAK_HANDLER(IRQ92_Handler);
WEAK_HANDLER(IRQ93_Handler);
WEAK_HANDLER(IRQ94_Handler);
WEAK_HANDLER(IRQ95_Handler);

typedef void (*vector_t)(void);

/* 16 system entries + 96 IRQs; reserved entries are zero. */
__attribute__((section(".isr_vector"), used))
const vector_t vector_table[16 + 96] = {
    (vector_t)(uintptr_t)&__StackTop,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0, 0, 0, 0,          /* 7-10 reserved */
    SVC_Handler,
    DebugMon_Handler,
    0,                   /* 13 reserved */
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
    IRQ32_Handler, IRQ33_Handler, IRQ34_Handler, IRQ35_Handler,
    IRQ36_Handler, IRQ37_Handler, IRQ38_Handler, IRQ39_Handler,
    IRQ40_Handler, IRQ41_Handler, IRQ42_Handler, IRQ43_Handler,
    IRQ44_Handler, IRQ45_Handler, IRQ46_Handler, IRQ47_Handler,
    IRQ48_Handler, IRQ49_Handler, IRQ50_Handler, IRQ51_Handler,
    IRQ52_Handler, IRQ53_Handler, IRQ54_Handler, IRQ55_Handler,
    IRQ56_Handler, IRQ57_Handler, IRQ58_Handler, IRQ59_Handler,
    IRQ60_Handler, IRQ61_Handler, IRQ62_Handler, IRQ63_Handler,
    IRQ64_Handler, IRQ65_Handler, IRQ66_Handler, IRQ67_Handler,
    IRQ68_Handler, IRQ69_Handler, IRQ70_Handler, IRQ71_Handler,
    IRQ72_Handler, IRQ73_Handler, IRQ74_Handler, IRQ75_Handler,
    IRQ76_Handler, IRQ77_Handler, IRQ78_Handler, IRQ79_Handler,
    IRQ80_Handler, IRQ81_Handler, IRQ82_Handler, IRQ83_Handler,
    IRQ84_Handler, IRQ85_Handler, IRQ86_Handler, IRQ87_Handler,
    IRQ88_Handler, IRQ89_Handler, IRQ90_Handler, IRQ91_Handler,
    IRQ92_Handler, IRQ93_Handler, IRQ94_Handler, IRQ95_Handler,
};

/*
 * Enables CP10/CP11 before any FP instruction can run, then continues in C.
 * Naked: the compiler emits no prologue, so nothing touches the FP registers
 * before the CPACR write has taken effect.
 */
void Reset_Handler(void)
{
    __asm__ volatile(
        "ldr r0, =0xE000ED88\n"
        "ldr r1, [r0]\n"
        "orr r1, r1, #0x00F00000\n"
        "str r1, [r0]\n"
        "dsb\n"
        "isb\n"
        "b reset_continue\n"
        ".ltorg\n");
}

/* Copies .data, zeroes .bss, opens the semihosting console and runs main. */
void reset_continue(void)
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

static unsigned append_text(char *buffer, unsigned length, const char *text)
{
    while (*text != '\0') {
        buffer[length++] = *text++;
    }
    return length;
}

static unsigned append_hex(char *buffer, unsigned length, uint32_t value)
{
    length = append_text(buffer, length, "0x");
    for (int shift = 28; shift >= 0; shift -= 4) {
        buffer[length++] = "0123456789abcdef"[(value >> shift) & 0xFu];
    }
    return length;
}

/*
 * Reports an exception nobody expected, then stops the run:
 *   unexpected exception <IPSR>
 *   CFSR 0x........ HFSR 0x........ MMFAR <0x........|-> BFAR <0x........|->
 * through SYS_WRITE0, then SYS_EXIT with ADP_Stopped_RunTimeErrorUnknown.
 * Uses no library code and no FP register.
 */
void Default_Handler(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x1FFu;
    volatile const uint32_t *scb = (volatile const uint32_t *)0xE000ED00u;
    uint32_t cfsr = scb[0x28 / 4];
    uint32_t hfsr = scb[0x2C / 4];
    uint32_t mmfar = scb[0x34 / 4];
    uint32_t bfar = scb[0x38 / 4];

    char message[128];
    unsigned length = append_text(message, 0, "unexpected exception ");
    char digits[4];
    unsigned count = 0;
    do {
        digits[count++] = (char)('0' + ipsr % 10u);
        ipsr /= 10u;
    } while (ipsr != 0u);
    while (count > 0u) {
        message[length++] = digits[--count];
    }
    length = append_text(message, length, "\nCFSR ");
    length = append_hex(message, length, cfsr);
    length = append_text(message, length, " HFSR ");
    length = append_hex(message, length, hfsr);
    length = append_text(message, length, " MMFAR ");
    length = (cfsr & 0x80u) ? append_hex(message, length, mmfar) : append_text(message, length, "-");
    length = append_text(message, length, " BFAR ");
    length = (cfsr & 0x8000u) ? append_hex(message, length, bfar) : append_text(message, length, "-");
    message[length++] = '\n';
    message[length] = '\0';
    semihost_write0(message);
    semihost_exit(ADP_Stopped_RunTimeErrorUnknown);
}

/* __libc_init_array calls these; crti.o/crtn.o are not linked (-nostartfiles). */
void _init(void) {}
void _fini(void) {}
