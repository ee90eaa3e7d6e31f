/*
 * fault (ARMv7-M version): a doubleword load from an address that is not word
 * aligned. ARMv7-M allows unaligned LDR/LDRH/STR/STRH (CCR.UNALIGN_TRP = 0 at
 * reset), so the ARMv6-M program's unaligned LDR would not fault here, but
 * LDRD/STRD/LDM/STM always need word alignment (ARMv7-M ARM A3.2.1): the
 * access raises a UsageFault with CFSR.UNALIGNED (bit 24). UsageFault is not
 * enabled in SHCSR, so it escalates to HardFault with HFSR.FORCED (bit 30)
 * (B1.5.8). This program leaves CCR.UNALIGN_TRP clear and relies on LDRD.
 * No handler is installed: the startup's Default_Handler prints the
 * exception number and the fault status registers and stops with SYS_EXIT
 * ADP_Stopped_RunTimeErrorUnknown. Reaching the end of main is a failure.
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t words[4] = {0x11223344u, 0x55667788u, 0x99AABBCCu, 0xDDEEFF00u};

int main(void)
{
    printf("fault: LDRD from an address that is not word aligned\n");
    fflush(stdout);
    const uint8_t *unaligned = (const uint8_t *)words + 2;
    uint32_t low, high;
    __asm__ volatile("ldrd %0, %1, [%2]" : "=r"(low), "=r"(high) : "r"(unaligned) : "memory");
    printf("fault: no fault, read 0x%08lx 0x%08lx\n", (unsigned long)low, (unsigned long)high);
    return 1;
}
