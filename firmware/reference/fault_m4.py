#!/usr/bin/env python3
"""Expected stdout of src/fault_m4.c (the `fault` program on Cortex-M4 boards).

LDRD needs a word-aligned address even when unaligned LDR is allowed
(ARMv7-M ARM A3.2.1), so the load raises UsageFault with CFSR.UNALIGNED
(bit 24, B3.2.15). UsageFault is disabled (SHCSR.USGFAULTENA = 0 at reset),
so it escalates to HardFault (exception 3) and HFSR.FORCED (bit 30) is set
(B1.5.8, B3.2.16). No address register is valid for a UsageFault.
"""
print("fault: LDRD from an address that is not word aligned")
print("unexpected exception 3")
print("CFSR 0x%08x HFSR 0x%08x MMFAR - BFAR -" % (1 << 24, 1 << 30))
