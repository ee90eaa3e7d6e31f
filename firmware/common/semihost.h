/*
 * Raw Arm semihosting calls for M-profile: BKPT #0xAB with the operation in r0
 * and the parameter in r1; the result comes back in r0.
 * Source: Arm "Semihosting for AArch32 and AArch64" (2020Q4), "Semihosting
 * Trap Instructions and Encodings" and the operation list.
 */
#ifndef ARMSIM_FIRMWARE_SEMIHOST_H
#define ARMSIM_FIRMWARE_SEMIHOST_H

#include <stdint.h>

#define SH_SYS_WRITEC 0x03u
#define SH_SYS_WRITE0 0x04u
#define SH_SYS_WRITE  0x05u
#define SH_SYS_CLOCK  0x10u
#define SH_SYS_EXIT   0x18u

/* SYS_EXIT reason codes (passed directly in r1 on AArch32). */
#define ADP_Stopped_RunTimeErrorUnknown 0x20023u
#define ADP_Stopped_ApplicationExit     0x20026u

/* Performs semihosting operation `op` with parameter `arg`; returns r0. */
static inline uint32_t semihost_call(uint32_t op, uintptr_t arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register uintptr_t r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

/* Writes a NUL-terminated string to the host console (SYS_WRITE0). */
static inline void semihost_write0(const char *text)
{
    semihost_call(SH_SYS_WRITE0, (uintptr_t)text);
}

/* Stops the program with an ADP_Stopped_* reason (SYS_EXIT); never returns. */
static inline __attribute__((noreturn)) void semihost_exit(uint32_t reason)
{
    semihost_call(SH_SYS_EXIT, reason);
    for (;;) {
    }
}

#endif
