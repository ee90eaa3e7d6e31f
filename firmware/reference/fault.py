#!/usr/bin/env python3
"""Expected stdout of src/fault.c.

The unaligned LDR HardFaults (ARMv6-M ARM A3.2.1); exception number 3 is
HardFault (B1.5.2). No handler is installed, so the startup's Default_Handler
prints the IPSR value and stops with ADP_Stopped_RunTimeErrorUnknown.
"""
print("fault: loading a word from an odd address")
print("unexpected exception 3")
