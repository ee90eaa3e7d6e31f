/*
 * Shared driver for the ARMv7E-M torture programs (torture_t2, torture_dsp,
 * torture_fpu). Same checksum style as torture_v6m: FNV-1a over 32-bit words
 * plus an xorshift, one checksum per group, "group <name> 0x%08x" lines,
 * compared with the values that reference/<program>.py --c-header generated.
 *
 * Kernel ABI (every kernel is assembly, so the exact encodings run):
 *   void kernel(uint32_t io[8])
 *   in:  io[0..3] -> r0..r3, io[4] = control word written before the body
 *        (APSR_nzcvqg for the integer tortures, FPSCR for the FPU one)
 *   out: io[5] = r0, io[6] = r1, io[7] = status read after the body
 *        (APSR through MRS, or FPSCR through VMRS)
 * The driver mixes io[5], io[6] and io[7] & status_mask for every input pair.
 *
 * Inputs of one call: a from set A, b from set B (every pair), c and d from
 * the LCG, the control word from control_word() (hash of a call counter,
 * masked and or-ed with fixed bits chosen per group). reference/m4common.py
 * mirrors all of it.
 *
 * Build with -DTRACE to print every call (compare with `<reference> --trace`).
 */
#ifndef ARMSIM_FIRMWARE_TORTURE_H
#define ARMSIM_FIRMWARE_TORTURE_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void (*kernel_t)(uint32_t io[8]);

typedef struct {
    const char *name;
    kernel_t fn;
} kernel_entry;

#define KENTRY(name) {#name, k_##name},
#define KDECLARE(name) void k_##name(uint32_t io[8]);
#define COUNT(array) ((int)(sizeof(array) / sizeof((array)[0])))

static uint32_t checksum;
static uint32_t lcg_state;
static uint32_t call_counter;
static int groups_run;
static int groups_failed;

static void mix(uint32_t word)
{
    checksum = (checksum ^ word) * 16777619u;
    checksum ^= checksum >> 15;
}

static uint32_t lcg_next(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state;
}

static uint32_t control_word(uint32_t mask, uint32_t fixed)
{
    uint32_t h = call_counter++ * 0x9E3779B9u;
    h ^= h >> 16;
    return (h & mask) | fixed;
}

static void begin_group(void)
{
    checksum = 2166136261u;
    call_counter = 0;
    lcg_state = 0x13579BDFu;
}

static void end_group(const char *name)
{
    printf("group %s 0x%08lx\n", name, (unsigned long)checksum);
    if (groups_run >= COUNT(expected_checksums) ||
        strcmp(expected_names[groups_run], name) != 0 ||
        expected_checksums[groups_run] != checksum) {
        printf("MISMATCH group %s\n", name);
        groups_failed++;
    }
    groups_run++;
}

/* Runs every kernel over A x B; see the header comment. */
static void run_kernels(const kernel_entry *kernels, int kernel_count,
                        const uint32_t *as, int a_count, const uint32_t *bs, int b_count,
                        uint32_t control_mask, uint32_t control_fixed, uint32_t status_mask)
{
    for (int k = 0; k < kernel_count; k++) {
        for (int i = 0; i < a_count; i++) {
            for (int j = 0; j < b_count; j++) {
                uint32_t io[8];
                io[0] = as[i];
                io[1] = bs[j];
                io[2] = lcg_next();
                io[3] = lcg_next();
                io[4] = control_word(control_mask, control_fixed);
                io[5] = io[6] = io[7] = 0;
                kernels[k].fn(io);
#ifdef TRACE
                printf("%s %08lx %08lx %08lx %08lx %08lx -> %08lx %08lx %08lx\n", kernels[k].name,
                       (unsigned long)io[0], (unsigned long)io[1], (unsigned long)io[2],
                       (unsigned long)io[3], (unsigned long)io[4], (unsigned long)io[5],
                       (unsigned long)io[6], (unsigned long)(io[7] & status_mask));
#endif
                mix(io[5]);
                mix(io[6]);
                mix(io[7] & status_mask);
            }
        }
    }
}

/* Prints the final line and returns the exit status. */
static int finish(const char *program)
{
    if (groups_failed != 0 || groups_run != COUNT(expected_checksums)) {
        printf("%s: %d of %d groups FAILED\n", program, groups_failed, groups_run);
        return 1;
    }
    printf("%s: %d groups\n", program, groups_run);
    return 0;
}

#endif
