/*
 * fault: a word load from an odd address. ARMv6-M has no unaligned word
 * access (ARMv6-M ARM A3.2.1: an unaligned LDR causes a HardFault), and this
 * program installs no HardFault handler, so the startup's Default_Handler
 * prints "unexpected exception 3" and stops with SYS_EXIT
 * ADP_Stopped_RunTimeErrorUnknown. Reaching the end of main is a failure.
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t words[2] = {0x11223344u, 0x55667788u};

int main(void)
{
    printf("fault: loading a word from an odd address\n");
    fflush(stdout);
    const uint8_t *odd = (const uint8_t *)words + 1;
    uint32_t value;
    __asm__ volatile("ldr %0, [%1]" : "=l"(value) : "l"(odd) : "memory");
    printf("fault: no fault, read 0x%08lx\n", (unsigned long)value);
    return 1;
}
