#!/usr/bin/env python3
"""Expected stdout of src/exceptions_m4.c, derived from the ARMv7-M ARM
(DDI 0403E), not from the firmware:

* priorities: B1.5.4 (lower value = higher priority; BASEPRI masks values
  >= BASEPRI; BASEPRI_MAX writes only when the new value raises the mask,
  B5.2.3 MSR; FAULTMASK raises the execution priority to -1);
  PRIGROUP splits a priority byte into group priority bits [7:PRIGROUP+1]
  and subpriority; only group priority preempts.
* fault status: B3.2.15 CFSR (UNDEFINSTR bit 16, UNALIGNED 24, DIVBYZERO 25,
  PRECISERR 9, BFARVALID 15), B3.2.16 HFSR (FORCED bit 30), escalation of a
  disabled configurable fault to HardFault: B1.5.8.
* EXC_RETURN: B1.5.8 (0xFFFFFFE9: thread, MSP, extended FP frame;
  0xFFFFFFF9: thread, MSP, basic frame); lazy stacking: B1.5.7 / FPCCR B3.2.21.
* DWT CYCCNT: C1.8.
"""

ADDRESS = 0xC0000000


def hex_event(text, value):
    return "event %s 0x%08x" % (text, value)


lines = [
    "event ipr readback matches PRIO_BITS",
    # BASEPRI 0x80: IRQ20 (0x80) stays pending, IRQ21 (0x40) runs at once.
    hex_event("basepri", 0x80),
    hex_event("irq20 pending under basepri 0x80", 1),
    "event irq21",
    "event thread after pending irq21",
    "event irq20",
    "event thread after basepri 0",
    hex_event("basepri_max 0x80 over 0x40", 0x40),
    hex_event("basepri_max 0x20 over 0x40", 0x20),
    hex_event("basepri_max 0 over 0x20", 0x20),
    hex_event("basepri cleared", 0),
    # FAULTMASK
    hex_event("faultmask", 1),
    hex_event("irq21 pending under faultmask", 1),
    "event irq21",
    "event thread after cpsie f",
    # PRIGROUP 0: IRQ20 (0x40) preempts IRQ21 (0x60).
    hex_event("prigroup", 0),
    "event irq21 start",
    "event irq20",
    "event irq21 end",
    # PRIGROUP 5: same group priority (bits 7:6 = 01): no preemption, tail-chain.
    hex_event("prigroup", 5),
    "event irq21 start",
    "event irq21 end",
    "event irq20",
    # UsageFault enabled
    hex_event("usagefault cfsr", 1 << 25),
    # the trapped SDIV never writes Rd, so r0 keeps its input 7
    hex_event("sdiv by zero trapped, r0 left", 7),
    hex_event("usagefault cfsr", 1 << 16),
    hex_event("usagefault cfsr", 1 << 24),
    # UsageFault disabled: escalation
    hex_event("hardfault hfsr", 1 << 30),
    hex_event("hardfault cfsr", 1 << 25),
    hex_event("sdiv by zero untrapped", 0),
    # BusFault
    hex_event("busfault cfsr", (1 << 15) | (1 << 9)),
    hex_event("busfault bfar", ADDRESS),
    # Lazy FP stacking, LSPEN = 1 then 0; then a thread without FP context.
    "event irq20",
    hex_event("lspen 1 exc_return", 0xFFFFFFE9),
    hex_event("lspen 1 thread fp state preserved", 1),
    "event irq20",
    hex_event("lspen 0 exc_return", 0xFFFFFFE9),
    hex_event("lspen 0 thread fp state preserved", 1),
    "event irq20",
    hex_event("no fp exc_return", 0xFFFFFFF9),
    hex_event("cyccnt increased", 1),
    hex_event("cyccnt identical loops equal", 1),
    "exceptions_m4: ok",
]
print("\n".join(lines))
