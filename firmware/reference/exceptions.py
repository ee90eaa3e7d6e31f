#!/usr/bin/env python3
"""Expected stdout of src/exceptions.c, derived from the ARMv6-M exception
model (ARMv6-M Architecture Reference Manual, DDI 0419C):

* B1.5.2  exception numbers: SVCall 11, PendSV 14, SysTick 15, IRQn 16+n;
          IPSR holds the number of the active exception, 0 in Thread mode.
* B1.5.4  priorities: lower value = higher priority; a pending exception
          preempts only if its priority is higher than the current execution
          priority; PRIMASK (CPSID i) raises execution priority to 0, masking
          every configurable exception. Among pending exceptions, the highest
          priority (then the lowest number) is taken first.
* B1.5.6  exception entry pushes r0-r3, r12, lr, pc, xPSR on the current stack
          (SP_process when Thread mode uses PSP) and writes EXC_RETURN to LR.
* B1.5.8  EXC_RETURN: 0xFFFFFFF1 return to Handler mode (MSP), 0xFFFFFFF9
          return to Thread mode on MSP, 0xFFFFFFFD return to Thread mode on PSP.
* B1.5.11 (exception return) a pending exception whose priority is higher than
          the priority being returned to is taken straight away (tail-chaining);
          its EXC_RETURN is the one of the returning handler.
* B1.4.4  CONTROL.SPSEL selects PSP in Thread mode; IPSR=0, CONTROL reads 2.
* B3.3    SysTick: COUNTFLAG is set when the counter reaches 0 and cleared by a
          read of SYST_CSR; TICKINT pends SysTick (exception 15) on each wrap.
* B3.4    NVIC: ISER/ISPR read back enabled/pending bits; a taken interrupt
          is no longer pending.

Configured priorities (bits [7:6] only, B3.2.x SHPR2/SHPR3, B3.4 IPR):
SVCall 0x80, PendSV 0xC0, SysTick 0x40, IRQ20 0x80, IRQ21 0x40.
"""

SVCALL, PENDSV, SYSTICK = 11, 14, 15
IRQ_LOW, IRQ_HIGH = 20, 21
PRIORITY = {SVCALL: 0x80, PENDSV: 0xC0, SYSTICK: 0x40, 16 + IRQ_LOW: 0x80, 16 + IRQ_HIGH: 0x40}
THREAD_PRIORITY = 0x100  # Thread mode with no active exception: below every configurable priority


def exc_return(returning_to_handler, thread_uses_psp=False):
    """B1.5.8: the value written to LR on exception entry."""
    if returning_to_handler:
        return 0xFFFFFFF1
    return 0xFFFFFFFD if thread_uses_psp else 0xFFFFFFF9


def preempts(pending, current_priority):
    """B1.5.4: strictly higher priority (lower value) is required to preempt."""
    return PRIORITY[pending] < current_priority


def take_order(pending):
    """B1.5.4: highest priority first, ties broken by the lower exception number."""
    return sorted(pending, key=lambda number: (PRIORITY[number], number))


def main():
    out = []
    ev = out.append
    thread = exc_return(False)

    ev("event thread start ipsr=0 control=0x00000000")

    # SVC #5: r0 from the stacked frame, result = r0 + 1 written to stacked r0.
    ev("event svc 5 r0=0x12345678 exc_return=0x%08x stack=msp" % thread)
    ev("event thread svc returned 0x12345679")

    # PendSV set from Thread mode: 0xC0 beats the Thread priority -> taken at once.
    ev("event thread set pendsv")
    assert preempts(PENDSV, THREAD_PRIORITY)
    ev("event pendsv exc_return=0x%08x ipsr=%d" % (thread, PENDSV))
    ev("event thread after pendsv count=1")

    # SVC #7 sets PendSV: 0xC0 does not preempt SVCall 0x80 -> still pending;
    # on SVC return it tail-chains, so PendSV returns straight to Thread mode.
    assert not preempts(PENDSV, PRIORITY[SVCALL])
    ev("event svc 7 r0=0x00000007 exc_return=0x%08x stack=msp" % thread)
    ev("event svc 7 set pendsv: pending=1 ran=0")
    ev("event pendsv exc_return=0x%08x ipsr=%d" % (thread, PENDSV))
    ev("event thread after svc 7 count=2")

    # SysTick: polled COUNTFLAG (set, then cleared by the read), then 5 ticks.
    ev("event systick countflag=1 then 0 reload=0x%05x" % 0xFFFFF)
    ev("event systick first tick exc_return=0x%08x ipsr=%d" % (thread, SYSTICK))
    ev("event systick stopped after 5 ticks enable=0")

    # NVIC with PRIMASK set: both pending and enabled, none taken.
    pending = [16 + IRQ_LOW, 16 + IRQ_HIGH]
    mask = sum(1 << (n - 16) for n in pending)
    ev("event nvic primask pending=0x%08x enabled=0x%08x ran=0" % (mask, mask))
    # CPSIE i: taken in priority order; the second tail-chains (returns to Thread).
    for number in take_order(pending):
        ev("event irq %d exc_return=0x%08x ipsr=%d" % (number - 16, thread, number))
    ev("event thread after cpsie pending=0x00000000")

    # Nesting: IRQ20 (0x80) pends IRQ21 (0x40), which preempts it; IRQ21 sets
    # PendSV (0xC0), which must wait for both and then tail-chains to Thread.
    low, high = 16 + IRQ_LOW, 16 + IRQ_HIGH
    ev("event irq 20 enter exc_return=0x%08x ipsr=%d" % (thread, low))
    assert preempts(high, PRIORITY[low])
    ev("event irq 21 exc_return=0x%08x ipsr=%d" % (exc_return(True), high))
    ev("event irq 21 set pendsv")
    assert not preempts(PENDSV, PRIORITY[low])
    ev("event irq 20 exit: irq21 ran=1 pendsv ran=0")
    ev("event pendsv exc_return=0x%08x ipsr=%d" % (thread, PENDSV))
    ev("event thread after nesting pendsv ran=1")

    # Process stack: CONTROL.SPSEL = 1, SVC frame on PSP, EXC_RETURN 0xFFFFFFFD.
    ev("event thread on psp control=0x00000002")
    ev("event svc 9 r0=0xcafe0009 exc_return=0x%08x stack=psp" % exc_return(False, thread_uses_psp=True))
    ev("event thread back on msp control=0x00000000")

    ev("exceptions: ok")
    print("\n".join(out))


if __name__ == "__main__":
    main()
