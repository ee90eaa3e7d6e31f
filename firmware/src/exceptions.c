/*
 * exceptions: the ARMv6-M exception model, checked from the firmware side.
 *
 * SVC (number read from the stacked PC, argument from the stacked r0, result
 * written back to the stacked r0), PendSV from Thread mode and from handlers
 * (tail-chained, never nested under the lower-priority setter), SysTick
 * (polled COUNTFLAG, then TICKINT interrupts), NVIC priorities with PRIMASK,
 * preemption by a higher-priority IRQ, EXC_RETURN values and the process
 * stack. Handlers only record events; Thread mode prints them at the end.
 *
 * Expected stdout: reference/exceptions.py. Exit status 0 when every check
 * in this file passed, 1 otherwise.
 */
#include <stdint.h>
#include <stdio.h>

#define REG(address) (*(volatile uint32_t *)(address))
#define SYST_CSR  REG(0xE000E010u)
#define SYST_RVR  REG(0xE000E014u)
#define SYST_CVR  REG(0xE000E018u)
#define NVIC_ISER REG(0xE000E100u)
#define NVIC_ICER REG(0xE000E180u)
#define NVIC_ISPR REG(0xE000E200u)
#define NVIC_ICPR REG(0xE000E280u)
#define NVIC_IPR5 REG(0xE000E414u) /* IRQ20 bits [7:0], IRQ21 bits [15:8] */
#define SCB_ICSR  REG(0xE000ED04u)
#define SCB_SHPR2 REG(0xE000ED1Cu)
#define SCB_SHPR3 REG(0xE000ED20u)

#define ICSR_PENDSVSET (1u << 28)
#define ICSR_PENDSTCLR (1u << 25)
#define CSR_ENABLE     (1u << 0)
#define CSR_TICKINT    (1u << 1)
#define CSR_CLKSOURCE  (1u << 2)
#define CSR_COUNTFLAG  (1u << 16)

#define EXC_RETURN_HANDLER_MSP 0xFFFFFFF1u
#define EXC_RETURN_THREAD_MSP  0xFFFFFFF9u
#define EXC_RETURN_THREAD_PSP  0xFFFFFFFDu

#define IRQ_LOW  20 /* priority 0x80 */
#define IRQ_HIGH 21 /* priority 0x40 */

void run_on_psp(void (*fn)(void), uint32_t *psp_top);

/* ---- event log ---- */

struct event {
    const char *format; /* printf format taking three uint32_t */
    uint32_t values[3];
};

#define MAX_EVENTS 48
static struct event events[MAX_EVENTS];
static volatile uint32_t event_count;
static volatile uint32_t failures;

static void log_event(const char *format, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t index = event_count;
    if (index < MAX_EVENTS) {
        events[index].format = format;
        events[index].values[0] = a;
        events[index].values[1] = b;
        events[index].values[2] = c;
    }
    event_count = index + 1;
}

#define CHECK(condition) \
    do { \
        if (!(condition)) { \
            failures++; \
            log_event("event FAIL line %lu\n", __LINE__, 0, 0); \
        } \
    } while (0)

static inline uint32_t read_ipsr(void)
{
    uint32_t value;
    __asm__ volatile("mrs %0, ipsr" : "=r"(value));
    return value;
}

static inline uint32_t read_control(void)
{
    uint32_t value;
    __asm__ volatile("mrs %0, control" : "=r"(value));
    return value;
}

static inline void barrier(void)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* ---- handlers (entered through exceptions_asm.S) ---- */

static uint64_t process_stack[128];
static volatile uint32_t pendsv_count;
static volatile uint32_t systick_count;
static volatile uint32_t irq_low_count;
static volatile uint32_t irq_high_count;
static volatile uint32_t sequence;
static volatile uint32_t irq_low_sequence;
static volatile uint32_t irq_high_sequence;
static volatile int nesting_phase;

static int frame_is_on_psp(const uint32_t *frame)
{
    return (uintptr_t)frame >= (uintptr_t)process_stack &&
           (uintptr_t)frame < (uintptr_t)(process_stack + 128);
}

void svc_handler(uint32_t *frame, uint32_t exc_return)
{
    /* Stacked frame: r0 r1 r2 r3 r12 lr pc xpsr (B1.5.6). */
    const uint16_t *return_address = (const uint16_t *)frame[6];
    uint16_t instruction = return_address[-1];
    uint32_t number = instruction & 0xFFu;
    CHECK((instruction & 0xFF00u) == 0xDF00u); /* SVC T1 encoding */
    CHECK((frame[7] & (1u << 24)) != 0);       /* stacked T bit */
    if (frame_is_on_psp(frame)) {
        log_event("event svc %lu r0=0x%08lx exc_return=0x%08lx stack=psp\n", number, frame[0], exc_return);
    } else {
        log_event("event svc %lu r0=0x%08lx exc_return=0x%08lx stack=msp\n", number, frame[0], exc_return);
    }
    CHECK(read_ipsr() == 11);
    if (number == 7) {
        uint32_t before = pendsv_count;
        SCB_ICSR = ICSR_PENDSVSET;
        barrier();
        /* PendSV (0xC0) cannot preempt SVCall (0x80): still pending. */
        log_event("event svc 7 set pendsv: pending=%lu ran=%lu\n",
                  (SCB_ICSR & ICSR_PENDSVSET) ? 1u : 0u, pendsv_count - before, 0);
    }
    frame[0] += 1;
}

void pendsv_handler(uint32_t *frame, uint32_t exc_return)
{
    (void)frame;
    pendsv_count++;
    log_event("event pendsv exc_return=0x%08lx ipsr=%lu\n", exc_return, read_ipsr(), 0);
}

void systick_handler(uint32_t *frame, uint32_t exc_return)
{
    (void)frame;
    if (systick_count >= 5) {
        return;
    }
    systick_count++;
    if (systick_count == 1) {
        log_event("event systick first tick exc_return=0x%08lx ipsr=%lu\n", exc_return, read_ipsr(), 0);
    }
    if (systick_count == 5) {
        SYST_CSR = 0;
        SCB_ICSR = ICSR_PENDSTCLR;
    }
}

void irq20_handler(uint32_t *frame, uint32_t exc_return)
{
    (void)frame;
    irq_low_count++;
    irq_low_sequence = ++sequence;
    if (nesting_phase) {
        log_event("event irq 20 enter exc_return=0x%08lx ipsr=%lu\n", exc_return, read_ipsr(), 0);
        uint32_t high_before = irq_high_count;
        uint32_t pendsv_before = pendsv_count;
        NVIC_ISPR = 1u << IRQ_HIGH;
        barrier();
        /* IRQ21 (0x40) preempted us; the PendSV it set (0xC0) must wait. */
        log_event("event irq 20 exit: irq21 ran=%lu pendsv ran=%lu\n",
                  irq_high_count - high_before, pendsv_count - pendsv_before, 0);
    } else {
        log_event("event irq 20 exc_return=0x%08lx ipsr=%lu\n", exc_return, read_ipsr(), 0);
    }
}

void irq21_handler(uint32_t *frame, uint32_t exc_return)
{
    (void)frame;
    irq_high_count++;
    irq_high_sequence = ++sequence;
    log_event("event irq 21 exc_return=0x%08lx ipsr=%lu\n", exc_return, read_ipsr(), 0);
    if (nesting_phase) {
        SCB_ICSR = ICSR_PENDSVSET;
        barrier();
        log_event("event irq 21 set pendsv\n", 0, 0, 0);
    }
}

/* ---- thread-mode scenarios ---- */

static uint32_t svc5(uint32_t argument)
{
    register uint32_t r0 __asm__("r0") = argument;
    __asm__ volatile("svc #5" : "+r"(r0) : : "memory");
    return r0;
}

static uint32_t svc7(uint32_t argument)
{
    register uint32_t r0 __asm__("r0") = argument;
    __asm__ volatile("svc #7" : "+r"(r0) : : "memory");
    return r0;
}

static uint32_t svc9(uint32_t argument)
{
    register uint32_t r0 __asm__("r0") = argument;
    __asm__ volatile("svc #9" : "+r"(r0) : : "memory");
    return r0;
}

static void scenario_svc(void)
{
    uint32_t result = svc5(0x12345678u);
    log_event("event thread svc returned 0x%08lx\n", result, 0, 0);
    CHECK(result == 0x12345679u);
}

static void scenario_pendsv(void)
{
    log_event("event thread set pendsv\n", 0, 0, 0);
    SCB_ICSR = ICSR_PENDSVSET;
    barrier();
    CHECK(pendsv_count == 1);
    log_event("event thread after pendsv count=%lu\n", pendsv_count, 0, 0);

    uint32_t result = svc7(7);
    CHECK(result == 8);
    CHECK(pendsv_count == 2);
    log_event("event thread after svc 7 count=%lu\n", pendsv_count, 0, 0);
}

static void scenario_systick(void)
{
    /* Polled: COUNTFLAG is set when the counter steps from 1 to 0 and is
     * cleared by a read of SYST_CSR (B3.3.3). The long period (2^20 cycles)
     * makes sure no second wrap falls between the two reads below, even on a
     * host-timed model such as QEMU. */
    SYST_CSR = 0;
    SYST_RVR = 0xFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = CSR_ENABLE | CSR_CLKSOURCE;
    uint32_t spins = 0;
    uint32_t csr;
    do {
        csr = SYST_CSR;
    } while ((csr & CSR_COUNTFLAG) == 0 && ++spins < 100000000u);
    uint32_t again = SYST_CSR;
    uint32_t current = SYST_CVR;
    SYST_CSR = 0;
    log_event("event systick countflag=%lu then %lu reload=0x%05lx\n",
              (csr >> 16) & 1u, (again >> 16) & 1u, SYST_RVR);
    CHECK(current <= 0xFFFFFu);

    /* Interrupts: 5 ticks, the handler disables the timer. */
    SYST_RVR = 999;
    SYST_CVR = 0;
    SYST_CSR = CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE;
    spins = 0;
    while (systick_count < 5 && ++spins < 10000000u) {
    }
    for (volatile int i = 0; i < 20000; i++) {
    }
    log_event("event systick stopped after %lu ticks enable=%lu\n", systick_count, SYST_CSR & CSR_ENABLE, 0);
    CHECK(systick_count == 5);
}

static void scenario_nvic_priority(void)
{
    NVIC_IPR5 = (0x40u << 8) | 0x80u;
    __asm__ volatile("cpsid i" ::: "memory");
    NVIC_ISER = (1u << IRQ_LOW) | (1u << IRQ_HIGH);
    NVIC_ISPR = (1u << IRQ_LOW) | (1u << IRQ_HIGH);
    barrier();
    log_event("event nvic primask pending=0x%08lx enabled=0x%08lx ran=%lu\n",
              NVIC_ISPR & 0x00300000u, NVIC_ISER & 0x00300000u, irq_low_count + irq_high_count);
    __asm__ volatile("cpsie i\n\tisb" ::: "memory");
    log_event("event thread after cpsie pending=0x%08lx\n", NVIC_ISPR & 0x00300000u, 0, 0);
    CHECK(irq_low_count == 1 && irq_high_count == 1);
    CHECK(irq_high_sequence < irq_low_sequence);
}

static void scenario_nesting(void)
{
    nesting_phase = 1;
    uint32_t pendsv_before = pendsv_count;
    NVIC_ISPR = 1u << IRQ_LOW;
    barrier();
    nesting_phase = 0;
    log_event("event thread after nesting pendsv ran=%lu\n", pendsv_count - pendsv_before, 0, 0);
    CHECK(irq_low_count == 2 && irq_high_count == 2);
    NVIC_ICER = (1u << IRQ_LOW) | (1u << IRQ_HIGH);
}

static void on_process_stack(void)
{
    uint32_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    CHECK(sp >= (uintptr_t)process_stack && sp < (uintptr_t)(process_stack + 128));
    log_event("event thread on psp control=0x%08lx\n", read_control(), 0, 0);
    uint32_t result = svc9(0xCAFE0009u);
    CHECK(result == 0xCAFE000Au);
}

static void scenario_psp(void)
{
    run_on_psp(on_process_stack, (uint32_t *)(process_stack + 128));
    log_event("event thread back on msp control=0x%08lx\n", read_control(), 0, 0);
}

int main(void)
{
    /* Priorities: SVCall 0x80 (SHPR2[31:24]), PendSV 0xC0 (SHPR3[23:16]),
     * SysTick 0x40 (SHPR3[31:24]); only bits [7:6] exist on ARMv6-M. */
    SCB_SHPR2 = 0x80u << 24;
    SCB_SHPR3 = (0x40u << 24) | (0xC0u << 16);
    log_event("event thread start ipsr=%lu control=0x%08lx\n", read_ipsr(), read_control(), 0);

    scenario_svc();
    scenario_pendsv();
    scenario_systick();
    scenario_nvic_priority();
    scenario_nesting();
    scenario_psp();

    uint32_t count = event_count;
    for (uint32_t i = 0; i < count && i < MAX_EVENTS; i++) {
        printf(events[i].format, events[i].values[0], events[i].values[1], events[i].values[2]);
    }
    if (count > MAX_EVENTS) {
        printf("event log overflow (%lu events)\n", (unsigned long)count);
        failures++;
    }
    if (failures != 0) {
        printf("exceptions: %lu checks FAILED\n", (unsigned long)failures);
        return 1;
    }
    printf("exceptions: ok\n");
    return 0;
}
