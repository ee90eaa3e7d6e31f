/*
 * exceptions_m4: ARMv7-M exception model on the Cortex-M4.
 *
 * Scenarios, in order (expected log: reference/exceptions_m4.py):
 *  1. NVIC priority bits: 0xFF written to an IPR byte reads back with only
 *     the implemented top PRIO_BITS set (PRIO_BITS comes from the Makefile:
 *     nRF52840 3, STM32F4/L4 4, generic-m4 3; B3.4.9 NVIC_IPRn).
 *  2. BASEPRI masks exceptions whose priority value is >= BASEPRI; lowering
 *     the mask lets the pending one in. BASEPRI_MAX only ever raises the
 *     masking level (B5.2.3 MSR, B1.5.4).
 *  3. FAULTMASK (CPSID f) masks everything but NMI; CPSIE f takes the IRQ.
 *  4. AIRCR.PRIGROUP: with PRIGROUP = 0 an IRQ with a lower priority value
 *     preempts; with PRIGROUP = 5 both share group priority 1 (bits 7:6) and
 *     only the subpriority differs, so it waits (B1.5.4). IRQs are pended
 *     through STIR (0xE000EF00, B3.4.10).
 *  5. UsageFault enabled (SHCSR.USGFAULTENA): SDIV by zero with
 *     CCR.DIV_0_TRP -> CFSR.DIVBYZERO (bit 25); UDF -> UNDEFINSTR (bit 16);
 *     LDRD at an unaligned address -> UNALIGNED (bit 24) (B3.2.15).
 *  6. UsageFault disabled: the same divide escalates to HardFault with
 *     HFSR.FORCED (bit 30) (B1.5.8, B3.2.16).
 *  7. BusFault enabled: a load from 0xC0000000 (unmapped on every board in
 *     the table and on QEMU's mps2-an386) -> PRECISERR (CFSR bit 9) and
 *     BFARVALID (bit 15), BFAR = the address.
 *  8. Lazy FP stacking: thread code with live S0-S15/FPSCR is interrupted by
 *     an FP-using handler, with FPCCR.LSPEN = 1 and = 0; both preserve the
 *     thread's state; LR = EXC_RETURN 0xFFFFFFE9 (extended frame, CONTROL.
 *     FPCA = 1). With FPCA cleared first, LR = 0xFFFFFFF9 (B1.5.7, B1.5.8,
 *     B3.2.21 FPCCR).
 *  9. DWT CYCCNT (DEMCR.TRCENA, DWT_CTRL.CYCCNTENA; C1.8): it increases over
 *     a loop, and two identical loops measure the same number of cycles.
 * Handlers only record events; the log is printed at the end.
 * Exit status 0 when all checks pass, 1 otherwise.
 */
#include <stdint.h>
#include <stdio.h>

#ifndef PRIO_BITS
#error "PRIO_BITS (implemented NVIC priority bits) must be defined by the Makefile"
#endif

#define REG(address) (*(volatile uint32_t *)(address))
#define NVIC_ISER0 REG(0xE000E100u)
#define NVIC_ISPR0 REG(0xE000E200u)
#define NVIC_ICPR0 REG(0xE000E280u)
#define NVIC_IPR_BYTE(n) (*(volatile uint8_t *)(0xE000E400u + (n)))
#define STIR REG(0xE000EF00u)
#define AIRCR REG(0xE000ED0Cu)
#define CCR REG(0xE000ED14u)
#define SHCSR REG(0xE000ED24u)
#define CFSR REG(0xE000ED28u)
#define HFSR REG(0xE000ED2Cu)
#define BFAR REG(0xE000ED38u)
#define FPCCR REG(0xE000EF34u)
#define DEMCR REG(0xE000EDFCu)
#define DWT_CTRL REG(0xE0001000u)
#define DWT_CYCCNT REG(0xE0001004u)

#define IRQ_A 20u /* priority 0x80 / 0x40 */
#define IRQ_B 21u /* priority 0x40 / 0x60 */

uint32_t do_sdiv(int32_t a, int32_t b);
void do_udf(void);
uint32_t do_load(uint32_t address);
uint32_t do_ldrd(uint32_t address);
void fp_context_test(const uint32_t in[17], uint32_t out[17]);
void nofp_context_test(void);
void spin(uint32_t n);
void clobber_fp(void);

void hardfault_c(uint32_t *frame, uint32_t exc_return);
void usagefault_c(uint32_t *frame, uint32_t exc_return);
void busfault_c(uint32_t *frame, uint32_t exc_return);
void irq20_c(uint32_t exc_return);
void irq21_c(uint32_t exc_return);

/* ---- event log ---- */

typedef struct {
    const char *text;
    uint32_t value;
    int has_value;
} event_t;

static volatile event_t events[64];
static volatile int event_count;
static int failures;

static void log_event(const char *text)
{
    if (event_count < 64) {
        events[event_count].text = text;
        events[event_count].has_value = 0;
        event_count++;
    }
}

static void log_value(const char *text, uint32_t value)
{
    if (event_count < 64) {
        events[event_count].text = text;
        events[event_count].value = value;
        events[event_count].has_value = 1;
        event_count++;
    }
}

#define CHECK(condition) \
    do { \
        if (!(condition)) { \
            log_value("FAIL line", __LINE__); \
            failures++; \
        } \
    } while (0)

static void barrier(void)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

static uint32_t get_basepri(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, basepri" : "=r"(v));
    return v;
}

static void set_basepri(uint32_t v)
{
    __asm__ volatile("msr basepri, %0\n\tisb" ::"r"(v) : "memory");
}

static void set_basepri_max(uint32_t v)
{
    __asm__ volatile("msr basepri_max, %0\n\tisb" ::"r"(v) : "memory");
}

static uint32_t irq_pending(uint32_t irq)
{
    return (NVIC_ISPR0 >> irq) & 1u;
}

/* ---- handlers ---- */

enum { MODE_PLAIN, MODE_PRIGROUP, MODE_FP, MODE_NOFP };
static volatile int irq_mode;
static volatile uint32_t seen_exc_return;

void irq20_c(uint32_t exc_return)
{
    seen_exc_return = exc_return;
    if (irq_mode == MODE_FP) {
        clobber_fp();
    }
    log_event("irq20");
}

void irq21_c(uint32_t exc_return)
{
    (void)exc_return;
    if (irq_mode == MODE_PRIGROUP) {
        log_event("irq21 start");
        STIR = IRQ_A;
        barrier();
        log_event("irq21 end");
    } else {
        log_event("irq21");
    }
}

/* Steps the stacked PC over the faulting 16- or 32-bit instruction. */
static void skip_instruction(uint32_t *frame)
{
    uint16_t first = *(const uint16_t *)frame[6];
    frame[6] += ((first >> 11) >= 0x1Du) ? 4u : 2u;
}

void usagefault_c(uint32_t *frame, uint32_t exc_return)
{
    (void)exc_return;
    uint32_t cfsr = CFSR;
    log_value("usagefault cfsr", cfsr);
    CFSR = cfsr; /* write-one-to-clear */
    skip_instruction(frame);
}

void hardfault_c(uint32_t *frame, uint32_t exc_return)
{
    (void)exc_return;
    uint32_t hfsr = HFSR;
    uint32_t cfsr = CFSR;
    log_value("hardfault hfsr", hfsr);
    log_value("hardfault cfsr", cfsr);
    HFSR = hfsr;
    CFSR = cfsr;
    skip_instruction(frame);
}

void busfault_c(uint32_t *frame, uint32_t exc_return)
{
    (void)exc_return;
    uint32_t cfsr = CFSR;
    log_value("busfault cfsr", cfsr);
    if (cfsr & 0x8000u) {
        log_value("busfault bfar", BFAR);
    }
    CFSR = cfsr;
    skip_instruction(frame);
}

/* ---- scenarios ---- */

static void priority_bits(void)
{
    NVIC_IPR_BYTE(IRQ_A) = 0xFFu;
    uint32_t expected = (0xFFu << (8 - PRIO_BITS)) & 0xFFu;
    uint32_t got = NVIC_IPR_BYTE(IRQ_A);
    CHECK(got == expected);
    log_event(got == expected ? "ipr readback matches PRIO_BITS" : "ipr readback WRONG");
}

static void basepri(void)
{
    NVIC_IPR_BYTE(IRQ_A) = 0x80u;
    NVIC_IPR_BYTE(IRQ_B) = 0x40u;
    NVIC_ICPR0 = (1u << IRQ_A) | (1u << IRQ_B);
    NVIC_ISER0 = (1u << IRQ_A) | (1u << IRQ_B);
    irq_mode = MODE_PLAIN;

    set_basepri(0x80u);
    log_value("basepri", get_basepri());
    NVIC_ISPR0 = 1u << IRQ_A;
    barrier();
    log_value("irq20 pending under basepri 0x80", irq_pending(IRQ_A));
    NVIC_ISPR0 = 1u << IRQ_B;
    barrier();
    log_event("thread after pending irq21");
    set_basepri(0);
    barrier();
    log_event("thread after basepri 0");

    set_basepri(0x40u);
    set_basepri_max(0x80u);
    log_value("basepri_max 0x80 over 0x40", get_basepri());
    set_basepri_max(0x20u);
    log_value("basepri_max 0x20 over 0x40", get_basepri());
    set_basepri_max(0);
    log_value("basepri_max 0 over 0x20", get_basepri());
    set_basepri(0);
    log_value("basepri cleared", get_basepri());
}

static void faultmask(void)
{
    __asm__ volatile("cpsid f" ::: "memory");
    uint32_t fm;
    __asm__ volatile("mrs %0, faultmask" : "=r"(fm));
    log_value("faultmask", fm);
    NVIC_ISPR0 = 1u << IRQ_B;
    barrier();
    log_value("irq21 pending under faultmask", irq_pending(IRQ_B));
    __asm__ volatile("cpsie f\n\tisb" ::: "memory");
    log_event("thread after cpsie f");
}

static void prigroup(uint32_t group)
{
    AIRCR = (0x05FAu << 16) | (group << 8);
    barrier();
    log_value("prigroup", (AIRCR >> 8) & 7u);
    NVIC_IPR_BYTE(IRQ_A) = 0x40u;
    NVIC_IPR_BYTE(IRQ_B) = 0x60u;
    irq_mode = MODE_PRIGROUP;
    STIR = IRQ_B;
    barrier();
    irq_mode = MODE_PLAIN;
    AIRCR = (0x05FAu << 16);
    barrier();
}

static void usage_faults(void)
{
    SHCSR |= 1u << 18; /* USGFAULTENA */
    CCR |= 1u << 4;    /* DIV_0_TRP */
    barrier();
    /* The trapped SDIV does not write Rd (= Rn = r0 here): r0 still holds 7. */
    log_value("sdiv by zero trapped, r0 left", do_sdiv(7, 0));
    do_udf();
    uint32_t words[3] = {0x11111111u, 0x22222222u, 0x33333333u};
    (void)do_ldrd((uint32_t)(uintptr_t)words + 2u);

    SHCSR &= ~(1u << 18);
    barrier();
    (void)do_sdiv(-5, 0);
    CCR &= ~(1u << 4);
    barrier();
    log_value("sdiv by zero untrapped", do_sdiv(9, 0));
}

static void bus_fault(void)
{
    SHCSR |= 1u << 17; /* BUSFAULTENA */
    barrier();
    (void)do_load(0xC0000000u);
    SHCSR &= ~(1u << 17);
    barrier();
}

static void fp_contexts(void)
{
    static const uint32_t lspen_values[2] = {1, 0};
    uint32_t in[17], out[17];
    for (int k = 0; k < 2; k++) {
        uint32_t lspen = lspen_values[k];
        FPCCR = (1u << 31) | (lspen << 30);
        barrier();
        for (int i = 0; i < 16; i++) {
            in[i] = 0x3F800000u + (uint32_t)i * 0x00012345u;
        }
        in[16] = 0x01400010u; /* FZ, RP, IXC */
        irq_mode = MODE_FP;
        seen_exc_return = 0;
        fp_context_test(in, out);
        irq_mode = MODE_PLAIN;
        int same = 1;
        for (int i = 0; i < 16; i++) {
            same &= out[i] == in[i];
        }
        same &= (out[16] & 0xF7C0009Fu) == in[16];
        CHECK(same);
        log_value(lspen ? "lspen 1 exc_return" : "lspen 0 exc_return", seen_exc_return);
        log_value(lspen ? "lspen 1 thread fp state preserved" : "lspen 0 thread fp state preserved",
                  (uint32_t)same);
    }
    FPCCR = (1u << 31) | (1u << 30);
    barrier();
    irq_mode = MODE_NOFP;
    seen_exc_return = 0;
    nofp_context_test();
    irq_mode = MODE_PLAIN;
    log_value("no fp exc_return", seen_exc_return);
}

__attribute__((noinline)) static uint32_t measure(uint32_t n)
{
    uint32_t start = DWT_CYCCNT;
    spin(n);
    return DWT_CYCCNT - start;
}

static void cycle_counter(void)
{
    DEMCR |= 1u << 24;
    DWT_CYCCNT = 0;
    DWT_CTRL |= 1u;
    barrier();
    /* One out-of-line copy of the loop, and a warm-up pass first: on parts with a flash
       cache (the STM32 ART) the first pass pays the cache misses, so only later passes
       are identical. */
    (void)measure(1000);
    uint32_t first = measure(1000);
    uint32_t second = measure(1000);
    CHECK(first >= 1000u);
    CHECK(first == second);
    log_value("cyccnt increased", first >= 1000u ? 1u : 0u);
    log_value("cyccnt identical loops equal", first == second ? 1u : 0u);
}

int main(void)
{
    priority_bits();
    basepri();
    faultmask();
    prigroup(0);
    prigroup(5);
    usage_faults();
    bus_fault();
    fp_contexts();
    cycle_counter();

    for (int i = 0; i < event_count; i++) {
        if (events[i].has_value) {
            printf("event %s 0x%08lx\n", events[i].text, (unsigned long)events[i].value);
        } else {
            printf("event %s\n", events[i].text);
        }
    }
    if (failures != 0) {
        printf("exceptions_m4: %d checks FAILED\n", failures);
        return 1;
    }
    printf("exceptions_m4: ok\n");
    return 0;
}
