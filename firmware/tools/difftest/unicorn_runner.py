#!/usr/bin/env python3
"""Runs differential-test cases on Unicorn (the oracle) and prints result lines in the
format of `armsim difftest-exec` (cases.py, docs/difftest.md).

Unicorn is QEMU's TCG in a library. The engine is opened in Thumb M-class mode with the
CPU model of the core under test (`ctl_set_cpu_model`, Unicorn >= 2.0): Cortex-M0 for
`core=m0` and `core=m0plus` (QEMU has no separate M0+ model; the two share ARMv6-M), and
Cortex-M4 for `core=m4`. The state is written straight into the registers (no
prologue), so the oracle does not depend on its own MSR.

One engine per core model serves a whole batch: each case rewrites flash and SRAM,
drops the translated-code cache for the body (`ctl_remove_cache`), sets the registers
and runs until a BKPT (caught by the interrupt hook) or an error.

    python3 unicorn_runner.py cases.txt > results.txt
"""
import sys

from unicorn import Uc, UcError, UC_ARCH_ARM, UC_MODE_MCLASS, UC_MODE_THUMB, UC_HOOK_INTR
from unicorn import arm_const as arm

import cases as fmt

#: QEMU's exception number for BKPT (target/arm/cpu.h EXCP_BKPT).
EXCP_BKPT = 7

CPU_MODELS = {
    "m0": arm.UC_CPU_ARM_CORTEX_M0,
    "m0plus": arm.UC_CPU_ARM_CORTEX_M0,
    "m4": arm.UC_CPU_ARM_CORTEX_M4,
}

GENERAL = [getattr(arm, "UC_ARM_REG_R%d" % i) for i in range(13)] + [arm.UC_ARM_REG_SP, arm.UC_ARM_REG_LR]


class UnicornMachine:
    """One Unicorn engine with the difftest memory map."""

    def __init__(self, core):
        self.core = core
        self.uc = Uc(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS)
        self.uc.ctl_set_cpu_model(CPU_MODELS[core])
        self.uc.mem_map(fmt.FLASH_BASE, fmt.FLASH_SIZE)
        self.uc.mem_map(fmt.SRAM_BASE, fmt.SRAM_SIZE)
        self.stop = None
        self.uc.hook_add(UC_HOOK_INTR, self._interrupt)
        table = bytearray(fmt.BODY_ADDRESS)
        table[0:4] = (fmt.SRAM_BASE + fmt.SRAM_SIZE).to_bytes(4, "little")
        table[4:8] = (fmt.BODY_ADDRESS | 1).to_bytes(4, "little")
        self.vectors = bytes(table)

    def _interrupt(self, uc, number, _data):
        pc = uc.reg_read(arm.UC_ARM_REG_PC)
        if number == EXCP_BKPT:
            immediate = uc.mem_read(pc, 1)[0]
            self.stop = "bkpt:%x:%d" % (pc, immediate)
        else:
            self.stop = "exception:%d:%x" % (number, pc)
        uc.emu_stop()

    def run(self, case, instruction_limit=100_000):
        uc = self.uc
        flash = bytearray(fmt.FLASH_SIZE)
        flash[:len(self.vectors)] = self.vectors
        flash[fmt.BODY_ADDRESS:fmt.BODY_ADDRESS + len(case.code)] = case.code
        uc.mem_write(fmt.FLASH_BASE, bytes(flash))
        uc.ctl_remove_cache(fmt.FLASH_BASE, fmt.FLASH_BASE + fmt.FLASH_SIZE)
        initial = case.initial_sram()
        uc.mem_write(fmt.SRAM_BASE, bytes(initial))
        for register, value in zip(GENERAL, case.regs):
            uc.reg_write(register, value)
        # Reset values of the special registers (DDI 0419 B1.4.3): a previous case may have changed them.
        uc.reg_write(arm.UC_ARM_REG_PRIMASK, 0)
        # With FP state, CONTROL.FPCA = 1 as after armsim's prologue (VMSR): with FPCA = 0 and
        # FPCCR.ASPEN = 1, the first FP instruction would load FPSCR from FPDSCR (DDI 0403
        # B1.5.6, ExecuteFPCheck) and lose the case's FPSCR. QEMU 5.0 also checks its
        # (ARMv8.1-M) CONTROL.SFPA bit 3 there, even on the M4, so both are set.
        uc.reg_write(arm.UC_ARM_REG_CONTROL, 0xC if case.fpscr is not None else 0)
        # T bit set, IPSR 0 (Thread mode), IT/ICI clear; the case's flags on top.
        uc.reg_write(arm.UC_ARM_REG_XPSR, (case.apsr & 0xF80F0000) | 0x01000000)
        # Writing XPSR drops GE[3:0] in Unicorn 2.1; the APSR_NZCVQG view keeps them.
        uc.reg_write(arm.UC_ARM_REG_APSR_NZCVQG, case.apsr & 0xF80F0000)
        if case.fpscr is not None:
            uc.reg_write(arm.UC_ARM_REG_FPSCR, case.fpscr)
        if case.singles is not None:
            for index, value in enumerate(case.singles):
                uc.reg_write(getattr(arm, "UC_ARM_REG_S%d" % index), value)
        self.stop = None
        try:
            uc.emu_start(fmt.BODY_ADDRESS | 1, fmt.FLASH_SIZE, count=instruction_limit)
            if self.stop is None:
                self.stop = "limit:%x" % uc.reg_read(arm.UC_ARM_REG_PC)
        except UcError as error:
            self.stop = "error:%s:%x" % (str(error).replace(" ", "_"), uc.reg_read(arm.UC_ARM_REG_PC))
        regs = [uc.reg_read(register) for register in GENERAL] + [uc.reg_read(arm.UC_ARM_REG_PC)]
        final = uc.mem_read(fmt.SRAM_BASE, fmt.SRAM_SIZE)
        fpscr = uc.reg_read(arm.UC_ARM_REG_FPSCR) if case.fpscr is not None else None
        singles = ([uc.reg_read(getattr(arm, "UC_ARM_REG_S%d" % i)) for i in range(32)]
                   if case.singles is not None else None)
        return fmt.Result(case.name, self.stop, -1, regs, uc.reg_read(arm.UC_ARM_REG_XPSR),
                          fmt.sram_changes(initial, final), fpscr, singles)


class UnicornRunner:
    """Keeps one machine per core model."""

    def __init__(self):
        self.machines = {}

    def run(self, case):
        machine = self.machines.get(case.core)
        if machine is None:
            machine = self.machines[case.core] = UnicornMachine(case.core)
        return machine.run(case)


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: unicorn_runner.py CASES")
    runner = UnicornRunner()
    with open(argv[1]) if argv[1] != "-" else sys.stdin as source:
        for line in source:
            line = line.strip()
            if line and not line.startswith("#"):
                print(runner.run(fmt.Case.parse(line)).line())


if __name__ == "__main__":
    main(sys.argv)
