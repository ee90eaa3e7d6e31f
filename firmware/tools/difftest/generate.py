#!/usr/bin/env python3
"""Random but valid instruction sequences per instruction class, for differential testing
of armsim against Unicorn (docs/difftest.md).

Every case is a straight-line body with forward branches only, so it terminates, ending in
`BKPT #0` followed by a literal pool of random words. The generator never emits SVC, BKPT,
WFI/WFE, UDF or an UNPREDICTABLE form, and keeps every memory access inside SRAM and
aligned as ARMv6-M requires (DDI 0419 A3.2): it knows the exact value of every register it
uses as an address (the *tracked* registers: SP, base and index registers), and no
instruction that it cannot follow ever writes one of them. All other registers, the flags
and memory are random, and so are immediates.

Instruction classes are registered in CLASSES: name -> (core, unit emitters with weights).
A unit emits one instruction or a short idiom (e.g. `MOV Rx, PC; ADDS Rx, #d; BX Rx`). The
ARMv7-M/ARMv7E-M classes (Thumb-2 data processing, loads/stores, IT blocks, DSP, FPv4-SP)
plug in by adding emitters and a CLASSES entry; cases.py and the runners need no change.

    python3 generate.py --class v6m-alu --seed 1 --cases 10 > cases.txt
"""
import argparse
import random
import sys

import cases as fmt

MASK = 0xFFFFFFFF
SRAM_END = fmt.SRAM_BASE + fmt.SRAM_SIZE

#: Values that exercise carries, overflows, sign changes and shift amounts.
SPECIAL = [0, 1, 2, 3, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
           0x7FFFFFFF, 0x80000000, 0x80000001, 0x7FFFFFFE, 0xFFFFFFFF, 0xFFFFFFFE,
           0xFFFF8000, 0xFFFFFF80, 0xFFFFFF7F, 31, 32, 33, 63, 64, 255, 256, 0x55555555, 0xAAAAAAAA]


def random_word(rng):
    """A register or operand value: edge values, small numbers and shift amounts often."""
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(SPECIAL)
    if roll < 0.42:
        return rng.randrange(0, 40)
    if roll < 0.50:
        return (-rng.randrange(1, 40)) & MASK
    if roll < 0.55:
        return (rng.randrange(0, 40) | rng.getrandbits(24) << 8) & MASK  # shift amount in the low byte
    return rng.getrandbits(32)


# ---------------------------------------------------------------------------------------
# Encoders (DDI 0419 ARMv6-M ARM, A5.2 and A6.7). Each returns halfwords.
# ---------------------------------------------------------------------------------------

def t16(value):
    return [value & 0xFFFF]


def bl_encoding(offset):
    """BL (A6.7.13 T1): offset = target - (address + 4), even, within +-16 MiB."""
    imm = (offset >> 1) & 0xFFFFFF
    s = (offset >> 24) & 1
    i1 = (offset >> 23) & 1
    i2 = (offset >> 22) & 1
    j1 = (~(i1 ^ s)) & 1
    j2 = (~(i2 ^ s)) & 1
    imm10 = (imm >> 11) & 0x3FF
    imm11 = imm & 0x7FF
    return [0xF000 | s << 10 | imm10, 0xD000 | j1 << 13 | j2 << 11 | imm11]


class Item:
    """One instruction (or a padding/label marker) of a body before layout."""

    __slots__ = ("size", "encode", "label", "counts")

    def __init__(self, size, encode=None, label=None):
        self.size = size
        self.encode = encode   # function(address, program) -> halfwords
        self.label = label


class Program:
    """A body under construction: items, labels and the literal pool."""

    def __init__(self, rng, pool_words=32):
        self.rng = rng
        self.items = []
        self.labels = {}
        self.pool = [rng.getrandbits(32) if rng.random() < 0.6 else rng.choice(SPECIAL) for _ in range(pool_words)]
        self.pool_address = None
        self.next_label = 0

    def emit(self, *halfwords):
        fixed = list(halfwords)
        self.items.append(Item(2 * len(fixed), lambda address, program: fixed))

    def emit_fixup(self, size, encode):
        self.items.append(Item(size, encode))

    def new_label(self):
        self.next_label += 1
        return self.next_label

    def place(self, label):
        self.items.append(Item(0, label=label))

    def layout(self):
        """Returns (code bytes, address of the final BKPT)."""
        address = fmt.BODY_ADDRESS
        addresses = []
        for item in self.items:
            addresses.append(address)
            if item.label is not None:
                self.labels[item.label] = address
            address += item.size
        end = address
        self.pool_address = (end + 2 + 3) & ~3
        halfwords = []
        for item, at in zip(self.items, addresses):
            if item.encode is not None:
                words = item.encode(at, self)
                assert len(words) * 2 == item.size, (words, item.size)
                halfwords += words
        halfwords.append(0xBE00)  # BKPT #0
        if (fmt.BODY_ADDRESS + 2 * len(halfwords)) % 4:
            halfwords.append(0xBF00)  # NOP: padding before the pool, never executed
        code = bytearray()
        for halfword in halfwords:
            code += halfword.to_bytes(2, "little")
        for word in self.pool:
            code += word.to_bytes(4, "little")
        assert fmt.BODY_ADDRESS + len(code) <= fmt.BODY_LIMIT
        return bytes(code), end


class State:
    """What the generator knows about the machine while it emits a body."""

    def __init__(self, rng, core):
        self.rng = rng
        self.core = core
        self.sp = fmt.STACK_INITIAL
        self.tracked = {}  # register -> ("base" | "index", value)
        self.skipping = 0  # > 0 while emitting code that a branch may skip

    # Registers -------------------------------------------------------------------------
    def free_low(self):
        return [r for r in range(8) if r not in self.tracked]

    def free_any(self):
        return [r for r in list(range(13)) + [14] if r not in self.tracked]

    def bases(self, high=False):
        """Base registers; low ones only unless `high` (16-bit encodings have 3-bit fields)."""
        return [r for r, (kind, _) in self.tracked.items() if kind == "base" and (high or r < 8)]

    def indexes(self, high=False):
        return [r for r, (kind, _) in self.tracked.items() if kind == "index" and (high or r < 8)]

    def value(self, register):
        return self.sp if register == 13 else self.tracked[register][1]

    def set_base(self, register, value):
        self.tracked[register] = ("base", value)

    def untrack(self, register):
        self.tracked.pop(register, None)


# ---------------------------------------------------------------------------------------
# ARMv6-M units. Each takes (program, state, rng) and returns True when it emitted.
# ---------------------------------------------------------------------------------------

def unit_shift_immediate(p, s, rng):
    """LSLS/LSRS/ASRS (immediate) T1 (A6.7.35, A6.7.37, A6.7.10); LSLS #0 is MOVS (register) T2."""
    d = rng.choice(s.free_low())
    m = rng.randrange(8)
    op = rng.randrange(3)
    amount = rng.choice([0, 1, 31, rng.randrange(32)])
    p.emit(op << 11 | amount << 6 | m << 3 | d)
    return True


def unit_add_sub_3(p, s, rng):
    """ADDS/SUBS (register) T1 and ADDS/SUBS (immediate) T1 with imm3 (A6.7.2-3, A6.7.65-66)."""
    d = rng.choice(s.free_low())
    n = rng.randrange(8)
    op = rng.randrange(4)  # 00 ADD reg, 01 SUB reg, 10 ADD imm3, 11 SUB imm3
    p.emit(0x1800 | op << 9 | rng.randrange(8) << 6 | n << 3 | d)
    return True


def unit_immediate_8(p, s, rng):
    """MOVS/CMP/ADDS/SUBS (immediate) T1/T2 with imm8 (A6.7.39, A6.7.17, A6.7.2, A6.7.65)."""
    op = rng.randrange(4)
    imm = rng.choice([0, 1, 0x7F, 0x80, 0xFF, rng.randrange(256)])
    register = rng.randrange(8) if op == 1 else rng.choice(s.free_low())
    p.emit(0x2000 | op << 11 | register << 8 | imm)
    return True


#: Data-processing (register) opcodes (A5.2.2) that do not write Rdn.
COMPARE_OPS = {0b1000, 0b1010, 0b1011}


def unit_data_processing(p, s, rng):
    """AND EOR LSL LSR ASR ADC SBC ROR TST RSB CMP CMN ORR MUL BIC MVN, 16-bit (A5.2.2)."""
    op = rng.randrange(16)
    m = rng.randrange(8)
    dn = rng.randrange(8) if op in COMPARE_OPS else rng.choice(s.free_low())
    p.emit(0x4000 | op << 6 | m << 3 | dn)
    return True


def unit_special_add(p, s, rng):
    """ADD (register) T2 and ADD (SP plus register) T1 (A6.7.3, A6.7.6): high registers, PC and SP as operands."""
    d = rng.choice(s.free_any())
    m = rng.choice([r for r in range(16) if r != 13] + [13])
    if m == 13:
        p.emit(0x4468 | (d >> 3) << 7 | (d & 7))  # ADD Rdm, SP, Rdm
    else:
        p.emit(0x4400 | (d >> 3) << 7 | m << 3 | (d & 7))
    return True


def unit_add_sp_register(p, s, rng):
    """ADD (SP plus register) T2, `ADD SP, Rm` (A6.7.6), with Rm an index register of known value."""
    choices = [r for r in s.indexes() if s.value(r) % 4 == 0 and fmt.STACK_LOW <= s.sp + s.value(r) <= fmt.STACK_HIGH]
    if not choices or s.skipping:
        return False
    m = rng.choice(choices)
    p.emit(0x4485 | m << 3)
    s.sp += s.value(m)
    return True


def unit_special_compare(p, s, rng):
    """CMP (register) T2 (A6.7.17): at least one high register; neither is PC."""
    while True:
        n, m = rng.randrange(15), rng.randrange(15)
        if n >= 8 or m >= 8:
            break
    p.emit(0x4500 | (n >> 3) << 7 | m << 3 | (n & 7))
    return True


def unit_special_move(p, s, rng):
    """MOV (register) T1 (A6.7.40): any source including SP and PC; destination not SP/PC."""
    d = rng.choice(s.free_any())
    m = rng.randrange(16)
    p.emit(0x4600 | (d >> 3) << 7 | m << 3 | (d & 7))
    return True


def unit_extend_reverse(p, s, rng):
    """SXTH SXTB UXTH UXTB (A6.7.68-69, A6.7.73-74) and REV REV16 REVSH (A6.7.55-57)."""
    d = rng.choice(s.free_low())
    m = rng.randrange(8)
    if rng.random() < 0.5:
        p.emit(0xB200 | rng.randrange(4) << 6 | m << 3 | d)
    else:
        p.emit(0xBA00 | rng.choice([0, 1, 3]) << 6 | m << 3 | d)
    return True


def unit_hint_barrier(p, s, rng):
    """NOP, YIELD, SEV (A6.7.47, A6.7.76, A6.7.60) and DMB/DSB/ISB SY (A6.7.21-22, A6.7.29)."""
    choice = rng.randrange(6)
    if choice < 3:
        # YIELD is rare: Unicorn cannot run it (known_oracle_bugs.md OB-1), so its cases are skipped.
        p.emit([0xBF00, 0xBF10 if rng.random() < 0.05 else 0xBF00, 0xBF40][choice])
    else:
        p.emit(0xF3BF, [0x8F5F, 0x8F4F, 0x8F6F][choice - 3])
    return True


#: MRS SYSm values (DDI 0419 B4.2.2, B5.2.2): APSR, IAPSR, EAPSR, XPSR, IPSR, EPSR, IEPSR, MSP, PRIMASK, CONTROL.
MRS_SYSM = [0, 1, 2, 3, 5, 6, 7, 8, 16, 20]


def unit_system_register(p, s, rng):
    """MRS, MSR to APSR/IAPSR/EAPSR/XPSR or PRIMASK (A6.7.41-42, B5.2), CPSIE/CPSID i (B5.2.1)."""
    roll = rng.random()
    if roll < 0.45:
        d = rng.choice([r for r in s.free_any() if r != 14] or [0])
        if d in s.tracked:
            return False
        p.emit(0xF3EF, 0x8000 | d << 8 | rng.choice(MRS_SYSM))
    elif roll < 0.85:
        n = rng.choice([r for r in range(13)] + [14])
        p.emit(0xF380 | n, 0x8800 | rng.choice([0, 1, 2, 3, 16]))
    else:
        p.emit(rng.choice([0xB662, 0xB672]))
    return True


# Loads and stores -----------------------------------------------------------------------

def make_base(p, s, rng):
    """Makes a free low register a base: `ADD Rd, SP, #imm8*4` (A6.7.5) or `MOVS; LSLS; ADDS` into the data buffer."""
    free = s.free_low()
    if len(free) < 3 or s.skipping:
        return False
    d = rng.choice(free)
    if rng.random() < 0.4:
        imm8 = rng.randrange(0, 200)
        value = s.sp + 4 * imm8
        if value + 256 > SRAM_END:
            return False
        p.emit(0xA800 | d << 8 | imm8)
    else:
        offset = 4 * rng.randrange(0, 64)
        p.emit(0x2000 | d << 8 | 0x20, 0x0000 | 24 << 6 | d << 3 | d, 0x3000 | d << 8 | offset)  # MOVS, LSLS #24, ADDS
        value = fmt.SRAM_BASE + offset
    s.set_base(d, value)
    return True


def make_index(p, s, rng):
    """Makes a free low register an index of known value: `MOVS Rd, #imm8` (A6.7.39)."""
    free = s.free_low()
    if len(free) < 3 or s.skipping:
        return False
    d = rng.choice(free)
    value = rng.choice([0, 4 * rng.randrange(16), rng.randrange(64)])
    p.emit(0x2000 | d << 8 | value)
    s.tracked[d] = ("index", value)
    return True


def fits(address, size):
    return fmt.SRAM_BASE <= address and address + size <= SRAM_END and address % size == 0


#: Register-offset loads/stores (A5.2.4): opB -> (size, is_load).
REGISTER_FORMS = {0: (4, False), 1: (2, False), 2: (1, False), 3: (1, True),
                  4: (4, True), 5: (2, True), 6: (1, True), 7: (2, True)}


def unit_load_store_register(p, s, rng):
    """STR STRH STRB LDRSB LDR LDRH LDRB LDRSH (register) T1 (A6.7.27 ff.)."""
    if not s.bases():
        return make_base(p, s, rng)
    if not s.indexes():
        return make_index(p, s, rng)
    n = rng.choice(s.bases())
    m = rng.choice(s.indexes())
    op = rng.randrange(8)
    size, is_load = REGISTER_FORMS[op]
    if not fits((s.value(n) + s.value(m)) & MASK, size):
        return False
    t = rng.choice(s.free_low()) if is_load else rng.randrange(8)
    p.emit(0x5000 | op << 9 | m << 6 | n << 3 | t)
    return True


def unit_load_store_immediate(p, s, rng):
    """STR/LDR/STRB/LDRB/STRH/LDRH (immediate) T1 with a scaled imm5 (A6.7.26 ff.)."""
    if not s.bases():
        return make_base(p, s, rng)
    n = rng.choice(s.bases())
    form = rng.randrange(6)  # STR LDR STRB LDRB STRH LDRH
    size = [4, 4, 1, 1, 2, 2][form]
    imm5 = rng.choice([0, 31, rng.randrange(32)])
    if not fits(s.value(n) + imm5 * size, size):
        return False
    is_load = form % 2 == 1
    t = rng.choice(s.free_low()) if is_load else rng.randrange(8)
    opcode = [0x6000, 0x6800, 0x7000, 0x7800, 0x8000, 0x8800][form]
    p.emit(opcode | imm5 << 6 | n << 3 | t)
    return True


def unit_load_store_sp(p, s, rng):
    """STR/LDR (SP-relative) T2 with imm8*4 (A6.7.26, A6.7.28)."""
    imm8 = rng.choice([0, 255, rng.randrange(256)])
    if not fits(s.sp + 4 * imm8, 4):
        return False
    if rng.random() < 0.5:
        p.emit(0x9800 | rng.choice(s.free_low()) << 8 | imm8)
    else:
        p.emit(0x9000 | rng.randrange(8) << 8 | imm8)
    return True


def unit_load_literal(p, s, rng):
    """LDR (literal) T1 (A6.7.27): a word of the pool after the body."""
    t = rng.choice(s.free_low())
    k = rng.randrange(len(p.pool))

    def encode(address, program):
        offset = program.pool_address + 4 * k - ((address + 4) & ~3)
        assert 0 <= offset <= 1020 and offset % 4 == 0
        return [0x4800 | t << 8 | offset // 4]
    p.emit_fixup(2, encode)
    return True


def unit_adr(p, s, rng):
    """ADR T1 (A6.7.7): the address of a pool word."""
    d = rng.choice(s.free_low())
    k = rng.randrange(len(p.pool))

    def encode(address, program):
        offset = program.pool_address + 4 * k - ((address + 4) & ~3)
        assert 0 <= offset <= 1020
        return [0xA000 | d << 8 | offset // 4]
    p.emit_fixup(2, encode)
    return True


def unit_add_sp_to_register(p, s, rng):
    """ADD (SP plus immediate) T1, `ADD Rd, SP, #imm8*4` (A6.7.5); the result may become a base."""
    if rng.random() < 0.5 and not s.skipping:
        return make_base(p, s, rng)
    p.emit(0xA800 | rng.choice(s.free_low()) << 8 | rng.randrange(256))
    return True


def random_list(rng, registers, allow_empty=False):
    chosen = [r for r in registers if rng.random() < 0.4]
    if not chosen and registers and not allow_empty:
        chosen = [rng.choice(registers)]
    return chosen


def register_mask(registers):
    mask = 0
    for register in registers:
        mask |= 1 << register
    return mask


def unit_load_store_multiple(p, s, rng):
    """LDM/STM T1 (A6.7.25, A6.7.58): writeback except LDM with Rn in the list; STM stores Rn only as the lowest register."""
    if s.skipping:
        return False
    if not s.bases():
        return make_base(p, s, rng)
    n = rng.choice(s.bases())
    base = s.value(n)
    if rng.random() < 0.5:  # LDM
        registers = random_list(rng, s.free_low())
        include_base = rng.random() < 0.25
        if include_base:
            registers = sorted(set(registers) | {n})
        if not registers or not fits(base, 4) or base + 4 * len(registers) > SRAM_END:
            return False
        p.emit(0xC800 | n << 8 | register_mask(registers))
        if include_base:
            s.untrack(n)
        else:
            s.set_base(n, base + 4 * len(registers))
    else:  # STM
        registers = random_list(rng, [r for r in range(8) if r != n])
        if rng.random() < 0.25 and (not registers or n < min(registers)):
            registers = sorted(set(registers) | {n})
        if not registers or base + 4 * len(registers) > SRAM_END:
            return False
        p.emit(0xC000 | n << 8 | register_mask(registers))
        s.set_base(n, base + 4 * len(registers))
    return True


def unit_push_pop(p, s, rng):
    """PUSH/POP T1 without PC (A6.7.50, A6.7.49); SP stays inside the stack window."""
    if s.skipping:
        return False
    if rng.random() < 0.5:
        registers = random_list(rng, list(range(8)), allow_empty=True)
        with_lr = rng.random() < 0.3
        count = len(registers) + with_lr
        if count == 0 or s.sp - 4 * count < fmt.STACK_LOW:
            return False
        p.emit(0xB400 | with_lr << 8 | register_mask(registers))
        s.sp -= 4 * count
    else:
        registers = random_list(rng, s.free_low())
        if not registers or s.sp + 4 * len(registers) > fmt.STACK_HIGH:
            return False
        p.emit(0xBC00 | register_mask(registers))
        s.sp += 4 * len(registers)
    return True


def unit_adjust_sp(p, s, rng):
    """ADD/SUB (SP plus/minus immediate) T2/T1, imm7*4 (A6.7.5, A6.7.67)."""
    if s.skipping:
        return False
    imm7 = rng.randrange(128)
    if rng.random() < 0.5:
        if s.sp + 4 * imm7 > fmt.STACK_HIGH:
            return False
        p.emit(0xB000 | imm7)
        s.sp += 4 * imm7
    else:
        if s.sp - 4 * imm7 < fmt.STACK_LOW:
            return False
        p.emit(0xB080 | imm7)
        s.sp -= 4 * imm7
    return True


# Branches ---------------------------------------------------------------------------------

#: Units that are safe in code a branch may skip: they never change a tracked register.
FILLERS = [unit_shift_immediate, unit_add_sub_3, unit_immediate_8, unit_data_processing, unit_special_add,
           unit_special_move, unit_extend_reverse, unit_load_store_immediate, unit_load_store_register]


def emit_fillers(p, s, rng, count):
    s.skipping += 1
    emitted = 0
    while emitted < count:
        if rng.choice(FILLERS)(p, s, rng):
            emitted += 1
    s.skipping -= 1


def unit_conditional_branch(p, s, rng):
    """B<cond> T1 (A6.7.10) forward over 0-5 instructions; conditions EQ..LE (never AL/SVC)."""
    label = p.new_label()
    condition = rng.randrange(14)

    def encode(address, program):
        offset = program.labels[label] - (address + 4)
        assert -256 <= offset <= 254
        return [0xD000 | condition << 8 | (offset >> 1) & 0xFF]
    p.emit_fixup(2, encode)
    emit_fillers(p, s, rng, rng.randrange(6))
    p.place(label)
    return True


def unit_branch(p, s, rng):
    """B T2 (A6.7.10) or BL (A6.7.13) forward over 0-4 instructions."""
    label = p.new_label()
    is_link = rng.random() < 0.4

    def encode(address, program):
        offset = program.labels[label] - (address + 4)
        return bl_encoding(offset) if is_link else [0xE000 | (offset >> 1) & 0x7FF]
    p.emit_fixup(4 if is_link else 2, encode)
    emit_fillers(p, s, rng, rng.randrange(5))
    p.place(label)
    return True


def unit_register_branch(p, s, rng):
    """BX, BLX (register), MOV PC, ADD PC and POP {PC} (A6.7.15, A6.7.14, A6.7.40, A6.7.3, A6.7.49):
    the target, a few instructions ahead, is computed from PC (`MOV Rx, PC; ADDS Rx, #d`)."""
    if s.skipping:
        return False
    x = rng.choice(s.free_low())
    kind = rng.choice(["bx", "blx", "mov", "add", "pop"])
    if kind == "pop" and s.sp - 4 < fmt.STACK_LOW:
        return False
    label = p.new_label()
    odd = rng.random() < 0.5
    if kind == "add":
        # MOVS Rx, #d; ADD PC, Rx: PC = (address of ADD) + 4 + d, bit 0 ignored (BranchWritePC).
        def encode_movs(address, program):
            delta = program.labels[label] - (address + 2 + 4)
            assert 0 <= delta <= 254
            return [0x2000 | x << 8 | delta | odd]
        p.emit_fixup(2, encode_movs)
        p.emit(0x4487 | x << 3)
    else:
        p.emit(0x4678 | x)  # MOV Rx, PC  (Rx = this address + 4)
        thumb = 1 if kind != "mov" else odd

        def encode_adds(address, program):
            delta = program.labels[label] - address + thumb  # MOV was at address - 2: its PC is address + 2
            delta -= 2
            assert 0 <= delta <= 255
            return [0x3000 | x << 8 | delta]
        p.emit_fixup(2, encode_adds)
        if kind == "bx":
            p.emit(0x4700 | x << 3)
        elif kind == "blx":
            p.emit(0x4780 | x << 3)
        elif kind == "mov":
            p.emit(0x4687 | x << 3)
        else:
            p.emit(0xB400 | 1 << x, 0xBD00)  # PUSH {Rx}; POP {PC}
    emit_fillers(p, s, rng, rng.randrange(4))
    p.place(label)
    return True


# ---------------------------------------------------------------------------------------
# ARMv7-M units (DDI 0403 A5.3): Thumb-2 data processing and multiply/divide.
# Registers are never SP or PC (UNPREDICTABLE in these encodings).
# ---------------------------------------------------------------------------------------

def general(s, rng):
    """A register for a Thumb-2 operand: r0-r12 or LR."""
    return rng.choice(list(range(13)) + [14])


def modified_immediate(rng):
    """A 12-bit i:imm3:imm8 that ThumbExpandImm accepts (A5.3.2): never 00xx with imm8 = 0 and xx != 0."""
    while True:
        imm12 = rng.choice([rng.getrandbits(12), rng.getrandbits(8), rng.getrandbits(8) | rng.randrange(1, 4) << 8,
                            rng.getrandbits(12) | 0x800])
        if imm12 >> 10 == 0 and (imm12 >> 8) & 3 != 0 and imm12 & 0xFF == 0:
            continue
        return imm12


#: Data processing (modified immediate) ops (A5.3.1) and whether Rd=PC,S=1 is the compare form.
MODIFIED_OPS = [0b0000, 0b0001, 0b0010, 0b0011, 0b0100, 0b1000, 0b1010, 0b1011, 0b1101, 0b1110]


def unit_t2_modified_immediate(p, s, rng):
    """AND TST BIC ORR MOV ORN MVN EOR TEQ ADD CMN ADC SBC SUB CMP RSB (immediate), 32-bit (A5.3.1)."""
    op = rng.choice(MODIFIED_OPS)
    setflags = rng.getrandbits(1)
    d = rng.choice(s.free_any())
    n = general(s, rng)
    if op in (0b0010, 0b0011) and rng.random() < 0.3:
        n = 15  # MOV / MVN (immediate)
    if op in (0b0000, 0b0100, 0b1000, 0b1101) and rng.random() < 0.2:
        d, setflags = 15, 1  # TST / TEQ / CMN / CMP
    imm12 = modified_immediate(rng)
    i, imm3, imm8 = imm12 >> 11, (imm12 >> 8) & 7, imm12 & 0xFF
    p.emit(0xF000 | i << 10 | op << 5 | setflags << 4 | n, imm3 << 12 | d << 8 | imm8)
    return True


SHIFTED_OPS = [0b0000, 0b0001, 0b0010, 0b0011, 0b0100, 0b1000, 0b1010, 0b1011, 0b1101, 0b1110]


def unit_t2_shifted_register(p, s, rng):
    """AND TST BIC ORR MOV ORN MVN EOR TEQ ADD CMN ADC SBC SUB CMP RSB (register) with an
    immediate shift, 32-bit (A5.3.11), all four shift types incl. RRX (ROR #0)."""
    op = rng.choice(SHIFTED_OPS)
    setflags = rng.getrandbits(1)
    d = rng.choice(s.free_any())
    n = general(s, rng)
    m = general(s, rng)
    if op in (0b0010, 0b0011) and rng.random() < 0.3:
        n = 15
    if op in (0b0000, 0b0100, 0b1000, 0b1101) and rng.random() < 0.2:
        d, setflags = 15, 1
    shift_type = rng.randrange(4)
    amount = rng.choice([0, 1, 31, rng.randrange(32)])
    p.emit(0xEA00 | op << 5 | setflags << 4 | n, (amount >> 2) << 12 | d << 8 | (amount & 3) << 6 | shift_type << 4 | m)
    return True


def unit_t2_register_shift(p, s, rng):
    """LSL/LSR/ASR/ROR (register), 32-bit (A5.3.12)."""
    setflags = rng.getrandbits(1)
    p.emit(0xFA00 | rng.randrange(4) << 5 | setflags << 4 | general(s, rng),
           0xF000 | rng.choice(s.free_any()) << 8 | general(s, rng))
    return True


def unit_t2_plain_immediate(p, s, rng):
    """ADDW SUBW MOVW MOVT (A5.3.3) and SSAT USAT SBFX UBFX BFI BFC (A5.3.3, A7.7.*)."""
    d = rng.choice(s.free_any())
    n = general(s, rng)
    kind = rng.randrange(7)
    if kind < 4:
        imm = rng.getrandbits(16 if kind in (1, 3) else 12)
        op = [0b00000, 0b00100, 0b01010, 0b01100][kind]
        if kind in (1, 3):
            n, imm12 = imm >> 12, imm & 0xFFF
        else:
            imm12 = imm
        p.emit(0xF200 | (imm12 >> 11) << 10 | op << 4 | n, ((imm12 >> 8) & 7) << 12 | d << 8 | imm12 & 0xFF)
    elif kind == 4:  # SSAT / USAT, LSL or ASR #1-31
        unsigned = rng.getrandbits(1)
        asr = rng.getrandbits(1)
        amount = rng.randrange(1, 32) if asr else rng.choice([0, rng.randrange(32)])
        saturate = rng.randrange(32)
        op = (0b11000 if unsigned else 0b10000) | asr << 1
        p.emit(0xF300 | op << 4 | n, (amount >> 2) << 12 | d << 8 | (amount & 3) << 6 | saturate)
    elif kind == 5:  # SBFX / UBFX: lsb + width <= 32
        lsb = rng.randrange(32)
        width = rng.randrange(1, 33 - lsb)
        op = rng.choice([0b10100, 0b11100])
        p.emit(0xF300 | op << 4 | n, (lsb >> 2) << 12 | d << 8 | (lsb & 3) << 6 | width - 1)
    else:  # BFI / BFC: msb >= lsb
        lsb = rng.randrange(32)
        msb = rng.randrange(lsb, 32)
        if rng.random() < 0.25:
            n = 15
        p.emit(0xF360 | n, (lsb >> 2) << 12 | d << 8 | (lsb & 3) << 6 | msb)
    return True


def unit_t2_multiply(p, s, rng):
    """MUL MLA MLS (A5.3.16), SMULL UMULL SMLAL UMLAL SDIV UDIV (A5.3.17)."""
    n, m = general(s, rng), general(s, rng)
    kind = rng.randrange(4)
    if kind == 0:  # MLA/MUL (Ra = 1111), MLS
        a = 15 if rng.random() < 0.3 else general(s, rng)
        mls = rng.getrandbits(1) if a != 15 else 0
        p.emit(0xFB00 | n, a << 12 | rng.choice(s.free_any()) << 8 | mls << 4 | m)
    elif kind in (1, 2):  # long multiplies: RdLo != RdHi
        free = s.free_any()
        if len(free) < 2:
            return False
        low, high = rng.sample(free, 2)
        op = rng.choice([0b000, 0b010, 0b100, 0b110])
        p.emit(0xFB80 | op << 4 | n, low << 12 | high << 8 | m)
    else:  # SDIV / UDIV (divide by zero gives 0 with CCR.DIV_0_TRP clear)
        if rng.random() < 0.2:  # MOVS Rm, #0 first: a division by zero
            m = rng.choice(s.free_low())
            p.emit(0x2000 | m << 8)
        p.emit(0xFB90 | rng.getrandbits(1) << 5 | n, 0xF0F0 | rng.choice(s.free_any()) << 8 | m)
    return True


# ---------------------------------------------------------------------------------------
# ARMv7-M loads and stores (DDI 0403 A5.3.7-A5.3.10 single, A5.3.5 LDRD/STRD and LDM/STM).
# Unaligned LDR/STR/LDRH/STRH are allowed on ARMv7-M (A3.2, CCR.UNALIGN_TRP clear);
# LDRD/STRD, LDM/STM and the FP loads/stores must be word aligned.
# ---------------------------------------------------------------------------------------

def in_sram(address, size, align=1):
    return fmt.SRAM_BASE <= address and address + size <= SRAM_END and address % align == 0


def make_base_t2(p, s, rng):
    """Makes any free register (r0-r12, LR) a base: MOVW Rd, #lo; MOVT Rd, #0x2000 (A7.7.76, A7.7.79)."""
    free = [r for r in s.free_any()]
    if len(free) < 4 or s.skipping:
        return False
    d = rng.choice(free)
    value = fmt.SRAM_BASE + rng.choice([rng.randrange(0x100, 0x700), 4 * rng.randrange(0x40, 0x1C0),
                                        rng.randrange(0x1100, 0x1F00)])
    low = value & 0xFFFF
    p.emit(0xF240 | (low >> 11 & 1) << 10 | low >> 12, (low >> 8 & 7) << 12 | d << 8 | low & 0xFF)
    p.emit(0xF2C0 | 0x2000 >> 12, d << 8)
    s.set_base(d, value)
    return True


def make_index_t2(p, s, rng):
    """Makes a free register an index of known value: MOVW Rd, #imm16 (small, or negative via MVN)."""
    free = s.free_any()
    if len(free) < 4 or s.skipping:
        return False
    d = rng.choice(free)
    value = rng.choice([0, 1, 2, 3, rng.randrange(0, 0x200)])
    p.emit(0xF240 | (value >> 11 & 1) << 10, (value >> 8 & 7) << 12 | d << 8 | value & 0xFF)
    s.tracked[d] = ("index", value)
    return True


#: Single loads/stores (A5.3.7-A5.3.10): name -> (op1 field of the first halfword, size, is_load, signed).
T2_SINGLE = {"strb": (0x00, 1, False), "strh": (0x02, 2, False), "str": (0x04, 4, False),
             "ldrb": (0x01, 1, True), "ldrh": (0x03, 2, True), "ldr": (0x05, 4, True),
             "ldrsb": (0x11, 1, True), "ldrsh": (0x13, 2, True)}


def t2_destination(s, rng, is_load):
    """Rt: a free register to load into, or any register to store (never SP or PC)."""
    if is_load:
        return rng.choice(s.free_any())
    return general(s, rng)


def unit_t2_load_store_single(p, s, rng):
    """LDR/LDRB/LDRH/LDRSB/LDRSH/STR/STRB/STRH, 32-bit: imm12, negative imm8, pre/post-indexed with
    writeback, unprivileged (LDRT etc.), register offset with LSL #0-3, and SP as the base."""
    name = rng.choice(list(T2_SINGLE))
    op1, size, is_load = T2_SINGLE[name]
    bases = s.bases(high=True)
    use_sp = rng.random() < 0.12
    if not bases and not use_sp:
        return make_base_t2(p, s, rng) if rng.random() < 0.6 else make_base(p, s, rng)
    n = 13 if use_sp else rng.choice(bases)
    base = s.value(n)
    t = t2_destination(s, rng, is_load)
    if t == n:
        return False
    unaligned = rng.random() < 0.3
    form = rng.choice(["imm12", "imm12", "neg", "post", "pre", "unpriv", "reg", "reg"])
    if form in ("post", "pre") and (s.skipping or n == 13 or (is_load and t in s.tracked)):
        form = "imm12"
    if form == "reg":
        indexes = s.indexes(high=True)
        if not indexes:
            return make_index_t2(p, s, rng) if not s.skipping else False
        m = rng.choice(indexes)
        shift = rng.randrange(4)
        address = (base + (s.value(m) << shift)) & MASK
        if not in_sram(address, size, 1 if unaligned else size):
            return False
        p.emit(0xF800 | op1 << 4 | n, t << 12 | shift << 4 | m)
        return True
    if form == "imm12":
        imm = rng.choice([0, rng.randrange(256), rng.randrange(4096)])
        if not unaligned:
            imm -= (base + imm) % size
        if imm < 0 or not in_sram(base + imm, size, 1 if unaligned else size):
            return False
        p.emit(0xF880 | op1 << 4 | n, t << 12 | imm)
        return True
    imm = rng.choice([0, 255, rng.randrange(256)])
    if form == "neg":
        address, puw = base - imm, 0b100
    elif form == "unpriv":
        address, puw = base + imm, 0b110
    elif form == "pre":
        address, puw = base + (imm if rng.random() < 0.5 else -imm), 0b101
        puw |= (address > base) << 1
    else:  # post: the access uses the old base
        up = rng.getrandbits(1)
        address, puw = base, 0b001 | up << 1
        if not in_sram(base + (imm if up else -imm), 4):
            return False
    if not unaligned and address % size:
        return False
    if not in_sram(address, size, 1 if unaligned else size):
        return False
    p.emit(0xF800 | op1 << 4 | n, t << 12 | 0x800 | puw << 8 | imm)
    if form == "pre":
        s.set_base(n, address)
    elif form == "post":
        s.set_base(n, base + (imm if puw & 2 else -imm))
    return True


def unit_t2_load_literal(p, s, rng):
    """LDR/LDRB/LDRH/LDRSB/LDRSH (literal) T2 (A7.7.44 ff.), U = 1: a byte of the pool."""
    name = rng.choice(["ldr", "ldrb", "ldrh", "ldrsb", "ldrsh"])
    op1 = T2_SINGLE[name][0]
    t = rng.choice(s.free_any())
    k = rng.randrange(len(p.pool) - 1)
    extra = rng.randrange(4)

    def encode(address, program):
        offset = program.pool_address + 4 * k + extra - ((address + 4) & ~3)
        assert 0 <= offset < 4096
        return [0xF80F | op1 << 4 | 1 << 7, t << 12 | offset]
    p.emit_fixup(4, encode)
    return True


def unit_t2_load_store_dual(p, s, rng):
    """LDRD/STRD (immediate) T1, offset/pre/post-indexed (A7.7.50, A7.7.163), and LDRD (literal)."""
    is_load = rng.getrandbits(1)
    if is_load and rng.random() < 0.15:
        free = s.free_any()
        if len(free) < 2:
            return False
        t, t2 = rng.sample(free, 2)
        k = rng.randrange(len(p.pool) - 2)

        def encode(address, program):
            offset = program.pool_address + 4 * k - ((address + 4) & ~3)
            assert 0 <= offset <= 1020 and offset % 4 == 0
            return [0xE9DF, t << 12 | t2 << 8 | offset // 4]
        p.emit_fixup(4, encode)
        return True
    bases = s.bases(high=True)
    use_sp = rng.random() < 0.15
    if not bases and not use_sp:
        return make_base_t2(p, s, rng)
    n = 13 if use_sp else rng.choice(bases)
    base = s.value(n)
    if is_load:
        free = [r for r in s.free_any() if r != n]
        if len(free) < 2:
            return False
        t, t2 = rng.sample(free, 2)
    else:
        t, t2 = general(s, rng), general(s, rng)
    imm = 4 * rng.choice([0, 1, 2, rng.randrange(256)])
    up = rng.getrandbits(1)
    index, wback = rng.choice([(1, 0), (1, 1), (0, 1)])
    if wback and (s.skipping or n == 13 or n in (t, t2)):
        index, wback = 1, 0
    offset_address = base + imm if up else base - imm
    address = offset_address if index else base
    if not in_sram(address, 8, 4) or not in_sram(offset_address, 4):
        return False
    p.emit(0xE840 | index << 8 | up << 7 | wback << 5 | is_load << 4 | n, t << 12 | t2 << 8 | imm // 4)
    if wback:
        s.set_base(n, offset_address)
    return True


def unit_t2_load_store_multiple(p, s, rng):
    """LDM/STM (IA) and LDMDB/STMDB T2, with and without writeback (A7.7.40-41, A7.7.159-160)."""
    bases = s.bases(high=True)
    if not bases:
        return make_base_t2(p, s, rng)
    n = rng.choice(bases)
    base = s.value(n)
    is_load = rng.getrandbits(1)
    decrement = rng.getrandbits(1)
    wback = rng.getrandbits(1) and not s.skipping
    if is_load:
        candidates = [r for r in s.free_any()] + ([n] if not wback and not s.skipping else [])
    else:
        candidates = [r for r in list(range(13)) + [14] if not (wback and r == n)]
    registers = sorted(set(r for r in candidates if rng.random() < 0.3))
    while len(registers) < 2:
        if len(set(candidates)) < 2:
            return False
        registers = sorted(set(registers) | {rng.choice(candidates)})
    size = 4 * len(registers)
    start = base - size if decrement else base
    if not in_sram(start, size, 4):
        return False
    p.emit((0xE900 if decrement else 0xE880) | wback << 5 | is_load << 4 | n, register_mask(registers))
    if is_load and n in registers:
        s.untrack(n)
    elif wback:
        s.set_base(n, base - size if decrement else base + size)
    return True


# ---------------------------------------------------------------------------------------
# IT blocks (DDI 0403 A7.7.38): every condition and mask; 16-bit instructions inside do not
# set the flags, 32-bit ones with S do, CMP/CMN/TST always do, so later instructions of the
# block see flags changed inside it. A branch may end the block.
# ---------------------------------------------------------------------------------------

def single_instruction(unit, p, s, rng):
    """Runs `unit` and keeps its output only when it is one instruction (IT blocks)."""
    before = len(p.items)
    if not unit(p, s, rng):
        del p.items[before:]
        return False
    if len(p.items) - before != 1 or p.items[-1].label is not None:
        del p.items[before:]
        return False
    return True


def unit_in_it_shift(p, s, rng):
    """LSL/LSR/ASR (immediate) 16-bit, never `LSLS Rd, Rm, #0` (MOV T2 is UNPREDICTABLE in an IT block)."""
    d = rng.choice(s.free_low())
    op = rng.randrange(3)
    amount = rng.randrange(1 if op == 0 else 0, 32)
    p.emit(op << 11 | amount << 6 | rng.randrange(8) << 3 | d)
    return True


def unit_compare16(p, s, rng):
    """CMP/CMN/TST 16-bit (A5.2.2) and CMP imm8: set the flags even inside an IT block."""
    if rng.random() < 0.3:
        p.emit(0x2800 | rng.randrange(8) << 8 | rng.choice([0, 1, 0x80, 0xFF, rng.randrange(256)]))
    else:
        p.emit(0x4000 | rng.choice([0b1000, 0b1010, 0b1011]) << 6 | rng.randrange(8) << 3 | rng.randrange(8))
    return True


IN_IT = [(unit_in_it_shift, 2), (unit_add_sub_3, 2), (unit_immediate_8, 2), (unit_data_processing, 3),
         (unit_compare16, 3), (unit_special_add, 1), (unit_special_move, 1), (unit_extend_reverse, 1),
         (unit_load_store_immediate, 1), (unit_load_store_register, 1),
         (unit_t2_modified_immediate, 3), (unit_t2_shifted_register, 3), (unit_t2_register_shift, 1),
         (unit_t2_plain_immediate, 1), (unit_t2_load_store_single, 1)]


def it_mask(rng, firstcond, count):
    """The IT mask for `count` instructions; with AL, all of them must be T (A7.7.38)."""
    mask = 1 << (4 - count)
    for position in range(count - 1):
        bit = firstcond & 1 if firstcond == 0b1110 else rng.getrandbits(1)
        mask |= bit << (3 - position)
    return mask


def unit_it_block(p, s, rng):
    """IT<x<y<z>>> <firstcond> and 1-4 instructions; sometimes the last is a forward B."""
    firstcond = rng.randrange(15)
    count = rng.randrange(1, 5)
    mask = it_mask(rng, firstcond, count)
    p.emit(0xBF00 | firstcond << 4 | mask)
    s.skipping += 1
    functions = [unit for unit, _ in IN_IT]
    weights = [weight for _, weight in IN_IT]
    branch_last = rng.random() < 0.2
    for position in range(count):
        if branch_last and position == count - 1:
            break
        while not single_instruction(rng.choices(functions, weights)[0], p, s, rng):
            pass
    s.skipping -= 1
    if branch_last:
        label = p.new_label()
        wide = rng.getrandbits(1)

        def encode(address, program):
            offset = program.labels[label] - (address + 4)
            if wide:  # B.W T4
                return bl_encoding(offset)[:1] + [bl_encoding(offset)[1] & ~0x4000]
            return [0xE000 | (offset >> 1) & 0x7FF]
        p.emit_fixup(4 if wide else 2, encode)
        emit_fillers(p, s, rng, rng.randrange(4))
        p.place(label)
    return True


# ---------------------------------------------------------------------------------------
# DSP extension (ARMv7E-M, DDI 0403 A5.3.14-A5.3.17): parallel add/subtract, saturating,
# packing, extend-and-add, the halfword/dual/most-significant multiplies, SEL, USAD8.
# ---------------------------------------------------------------------------------------

def dsp_value_register(s, rng):
    return general(s, rng)


def unit_dsp_parallel(p, s, rng):
    """S/Q/SH/U/UQ/UH ADD8 ADD16 SUB8 SUB16 ASX SAX (A5.3.14, A5.3.15): set GE (S and U forms)."""
    op1 = rng.choice([0b000, 0b001, 0b010, 0b100, 0b101, 0b110])
    unsigned = rng.getrandbits(1)
    op2 = rng.randrange(3)
    p.emit(0xFA80 | op1 << 4 | dsp_value_register(s, rng),
           0xF000 | rng.choice(s.free_any()) << 8 | unsigned << 6 | op2 << 4 | dsp_value_register(s, rng))
    return True


def unit_dsp_misc(p, s, rng):
    """QADD QDADD QSUB QDSUB, REV REV16 RBIT REVSH, SEL, CLZ (A5.3.16)."""
    op1 = rng.randrange(4)
    op2 = rng.randrange(4) if op1 < 2 else 0
    n = dsp_value_register(s, rng)
    m = n if op1 in (1, 3) else dsp_value_register(s, rng)
    p.emit(0xFA80 | op1 << 4 | n, 0xF080 | rng.choice(s.free_any()) << 8 | op2 << 4 | m)
    return True


def unit_dsp_extend(p, s, rng):
    """SXTAH SXTAB16 SXTAB UXTAH UXTAB16 UXTAB and SXTH..UXTB (Rn = PC) 32-bit, with rotation (A5.3.12)."""
    op1 = rng.randrange(6)
    n = 15 if rng.random() < 0.35 else dsp_value_register(s, rng)
    p.emit(0xFA00 | op1 << 4 | n, 0xF080 | rng.choice(s.free_any()) << 8 | rng.randrange(4) << 4
           | dsp_value_register(s, rng))
    return True


def unit_dsp_multiply(p, s, rng):
    """SMLA<x><y> SMUL<x><y> SMLAD(X) SMUAD(X) SMLAW<y> SMULW<y> SMLSD(X) SMUSD(X) SMMLA(R) SMMUL(R)
    SMMLS(R) USADA8 USAD8 (A5.3.16): the accumulating forms set Q on overflow."""
    op1 = rng.randrange(1, 8)
    op2 = rng.randrange(4) if op1 == 1 else (rng.randrange(2) if op1 < 7 else 0)
    a = 15 if (op1 != 6 and rng.random() < 0.4) else dsp_value_register(s, rng)
    p.emit(0xFB00 | op1 << 4 | dsp_value_register(s, rng),
           a << 12 | rng.choice(s.free_any()) << 8 | op2 << 4 | dsp_value_register(s, rng))
    return True


def unit_dsp_long_multiply(p, s, rng):
    """SMLAL<x><y> SMLALD(X) SMLSLD(X) UMAAL (A5.3.17), plus SMULL/UMULL/SMLAL/UMLAL."""
    free = s.free_any()
    if len(free) < 2:
        return False
    low, high = rng.sample(free, 2)
    op1, op2 = rng.choice([(0b100, 0b1000), (0b100, 0b1001), (0b100, 0b1010), (0b100, 0b1011),
                           (0b100, 0b1100), (0b100, 0b1101), (0b101, 0b1100), (0b101, 0b1101),
                           (0b110, 0b0110), (0b000, 0), (0b010, 0), (0b100, 0), (0b110, 0)])
    p.emit(0xFB80 | op1 << 4 | dsp_value_register(s, rng), low << 12 | high << 8 | op2 << 4
           | dsp_value_register(s, rng))
    return True


def unit_dsp_saturate(p, s, rng):
    """SSAT16 USAT16 (A7.7.154, A7.7.203) and SSAT/USAT with shifts; PKHBT/PKHTB (A7.7.99)."""
    d = rng.choice(s.free_any())
    n = dsp_value_register(s, rng)
    roll = rng.random()
    if roll < 0.35:
        unsigned = rng.getrandbits(1)
        p.emit(0xF320 | unsigned << 7 | n, d << 8 | rng.randrange(16))
    elif roll < 0.6:
        unsigned = rng.getrandbits(1)
        asr = rng.getrandbits(1)
        amount = rng.randrange(1, 32) if asr else rng.randrange(32)
        p.emit(0xF300 | (0b11000 if unsigned else 0b10000 | 0) << 4 | asr << 5 | n,
               (amount >> 2) << 12 | d << 8 | (amount & 3) << 6 | rng.randrange(32))
    else:
        tb = rng.getrandbits(1)
        amount = rng.choice([0, 16, rng.randrange(32)])
        p.emit(0xEAC0 | n, (amount >> 2) << 12 | d << 8 | (amount & 3) << 6 | tb << 5 | dsp_value_register(s, rng))
    return True


def unit_apsr_access(p, s, rng):
    """MSR APSR_nzcvq / APSR_g / APSR_nzcvqg (A7.7.82, B5.2.3) and MRS APSR (A7.7.81)."""
    if rng.random() < 0.5:
        p.emit(0xF380 | general(s, rng), 0x8000 | rng.choice([1, 2, 3]) << 10)
    else:
        p.emit(0xF3EF, 0x8000 | rng.choice(s.free_any()) << 8)
    return True


# ---------------------------------------------------------------------------------------
# FPv4-SP (DDI 0403 A5.4, A7.7.222 ff.): the case carries FPSCR (random flags, AHP, DN, FZ,
# rounding mode and cumulative exception bits) and S0-S31 (zeros, infinities, quiet and
# signalling NaNs with payloads, denormals, boundary values, random bits).
# ---------------------------------------------------------------------------------------

SPECIAL_FLOATS = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000,
                  0xFFC00000, 0x7FC00001, 0xFFBFFFFF, 0x7F800001, 0x7FA00000, 0xFF8A5A5A, 0x00000001,
                  0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00400000, 0x00800000, 0x80800000, 0x00800001,
                  0x7F7FFFFF, 0xFF7FFFFF, 0x7F000000, 0x4F000000, 0xCF000000, 0x4F800000, 0xCF000001,
                  0x4EFFFFFF, 0x3F000000, 0x3FC00000, 0x40200000, 0xBFC00000, 0xC0200000, 0x3EFFFFFF,
                  0x47800000, 0x477FE000, 0x477FF000, 0x38800000, 0x387FC000, 0x33800000, 0x1F800000,
                  0x20000000, 0x5F800000, 0x3F800001, 0x34000000, 0x0C000000, 0x00000100]


def random_single(rng):
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(SPECIAL_FLOATS)
    if roll < 0.6:  # denormal
        return rng.getrandbits(1) << 31 | rng.randrange(1, 1 << 23)
    if roll < 0.7:  # near 1, exactly representable products likely
        return rng.getrandbits(1) << 31 | rng.randrange(120, 135) << 23 | rng.getrandbits(23) & ~0xFFF
    if roll < 0.75:  # small integers
        value = rng.randrange(-100, 100)
        return int.from_bytes(__import__("struct").pack("<f", float(value)), "little")
    return rng.getrandbits(32)


def random_fpscr(rng):
    """N Z C V, AHP, DN, FZ, RMode and the cumulative exception bits IDC IXC UFC OFC DZC IOC."""
    value = rng.getrandbits(4) << 28 | rng.getrandbits(3) << 24 | rng.randrange(4) << 22
    if rng.random() < 0.3:
        value |= rng.getrandbits(8) & 0x9F
    return value


def fp_reg(rng):
    return rng.randrange(32)


def vfp3(opcode, d, n, m):
    word = opcode | (d & 1) << 22 | (n >> 1) << 16 | (d >> 1) << 12 | (n & 1) << 7 | (m & 1) << 5 | m >> 1
    return [word >> 16, word & 0xFFFF]


#: Three-register data processing (A5.4.1 table A5-27): VMLA VMLS VNMLS VNMLA VMUL VNMUL VADD VSUB VDIV
#: VFNMS VFNMA VFMA VFMS.
VFP3 = [0xEE000A00, 0xEE000A40, 0xEE100A00, 0xEE100A40, 0xEE200A00, 0xEE200A40, 0xEE300A00, 0xEE300A40,
        0xEE800A00, 0xEE900A00, 0xEE900A40, 0xEEA00A00, 0xEEA00A40]

#: Two-register forms: VMOV VABS VNEG VSQRT, VCVTB/VCVTT both ways, VCMP(E) (reg and #0), VCVT(R) to and
#: from integers.
VFP2 = [0xEEB00A40, 0xEEB00AC0, 0xEEB10A40, 0xEEB10AC0, 0xEEB20A40, 0xEEB20AC0, 0xEEB30A40, 0xEEB30AC0,
        0xEEB40A40, 0xEEB40AC0, 0xEEB50A40, 0xEEB50AC0, 0xEEB80A40, 0xEEB80AC0, 0xEEBC0A40, 0xEEBC0AC0,
        0xEEBD0A40, 0xEEBD0AC0]


def unit_fp_arith(p, s, rng):
    p.emit(*vfp3(rng.choice(VFP3), fp_reg(rng), fp_reg(rng), fp_reg(rng)))
    return True


def unit_fp_unary(p, s, rng):
    opcode = rng.choice(VFP2)
    m = 0 if opcode & 0x10000 and (opcode >> 16) & 0xF == 5 else fp_reg(rng)
    p.emit(*vfp3(opcode, fp_reg(rng), 0, m))
    return True


def unit_fp_fixed(p, s, rng):
    """VCVT between single and 16/32-bit fixed point, signed/unsigned, both ways (A7.7.226)."""
    d = fp_reg(rng)
    to_fixed, unsigned, sx = rng.getrandbits(1), rng.getrandbits(1), rng.getrandbits(1)
    size = 32 if sx else 16
    frac = rng.choice([0, 1, size - 1, size, rng.randrange(size + 1)]) if sx else rng.randrange(17)
    if sx and frac == 0:
        frac = 1
    imm = size - frac
    word = (0xEEBA0A40 | (d & 1) << 22 | to_fixed << 18 | unsigned << 16 | (d >> 1) << 12 | sx << 7
            | (imm & 1) << 5 | imm >> 1)
    p.emit(word >> 16, word & 0xFFFF)
    return True


def unit_fp_move_immediate(p, s, rng):
    """VMOV.F32 Sd, #imm (A7.7.236): VFPExpandImm of imm8."""
    d, imm8 = fp_reg(rng), rng.getrandbits(8)
    word = 0xEEB00A00 | (d & 1) << 22 | (imm8 >> 4) << 16 | (d >> 1) << 12 | imm8 & 0xF
    p.emit(word >> 16, word & 0xFFFF)
    return True


def unit_fp_core_move(p, s, rng):
    """VMOV between a core register and S (A7.7.240), two core registers and two S (A7.7.242)."""
    roll = rng.random()
    if roll < 0.6:
        to_core = rng.getrandbits(1)
        n = fp_reg(rng)
        t = rng.choice(s.free_any()) if to_core else general(s, rng)
        word = 0xEE000A10 | to_core << 20 | (n >> 1) << 16 | t << 12 | (n & 1) << 7
    else:
        to_core = rng.getrandbits(1)
        m = rng.randrange(31)
        if to_core:
            free = s.free_any()
            if len(free) < 2:
                return False
            t, t2 = rng.sample(free, 2)
        else:
            t, t2 = general(s, rng), general(s, rng)
        word = 0xEC400A10 | to_core << 20 | t2 << 16 | t << 12 | (m & 1) << 5 | m >> 1
    p.emit(word >> 16, word & 0xFFFF)
    return True


def unit_fp_status(p, s, rng):
    """VMRS APSR_nzcv / Rt, FPSCR and VMSR FPSCR, Rt with a valid FPSCR value (A7.7.243-244)."""
    roll = rng.random()
    if roll < 0.5:
        p.emit(0xEEF1, 0xFA10)  # VMRS APSR_nzcv, FPSCR
    elif roll < 0.75:
        p.emit(0xEEF1, 0x0A10 | rng.choice(s.free_any()) << 12)
    else:
        if s.skipping:
            return False
        t = rng.choice(s.free_any())
        value = random_fpscr(rng)
        p.emit(0xF240 | (value >> 11 & 1) << 10 | value >> 12 & 0xF, (value >> 8 & 7) << 12 | t << 8 | value & 0xFF)
        high = value >> 16
        p.emit(0xF2C0 | (high >> 11 & 1) << 10 | high >> 12, (high >> 8 & 7) << 12 | t << 8 | high & 0xFF)
        p.emit(0xEEE1, 0x0A10 | t << 12)
    return True


def unit_fp_load_store(p, s, rng):
    """VLDR/VSTR (immediate, +-imm8*4, and literal), VLDM/VSTM IA and DB with writeback, VPUSH/VPOP (A7.7.*)."""
    roll = rng.random()
    d = fp_reg(rng)
    if roll < 0.1:
        k = rng.randrange(len(p.pool))

        def encode(address, program):
            offset = program.pool_address + 4 * k - ((address + 4) & ~3)
            return [0xED9F | (d & 1) << 6, (d >> 1) << 12 | 0x0A00 | offset // 4]
        p.emit_fixup(4, encode)
        return True
    bases = s.bases(high=True)
    use_sp = rng.random() < 0.15
    if not bases and not use_sp:
        return make_base_t2(p, s, rng)
    n = 13 if use_sp else rng.choice(bases)
    base = s.value(n)
    if roll < 0.6:
        load, up, imm = rng.getrandbits(1), rng.getrandbits(1), rng.randrange(256)
        address = base + 4 * imm if up else base - 4 * imm
        if not in_sram(address, 4, 4):
            return False
        p.emit(0xED00 | up << 7 | (d & 1) << 6 | load << 4 | n, (d >> 1) << 12 | 0x0A00 | imm)
        return True
    load, decrement = rng.getrandbits(1), rng.getrandbits(1)
    wback = 1 if decrement else rng.getrandbits(1)
    if wback and (s.skipping or (n == 13 and rng.random() < 0.5)):
        return False
    count = rng.randrange(1, 33 - d)
    start = base - 4 * count if decrement else base
    if n == 13 and wback and not (fmt.STACK_LOW <= start and start + 4 * count <= fmt.STACK_HIGH):
        return False
    if not in_sram(start, 4 * count, 4):
        return False
    p.emit(0xEC00 | decrement << 8 | (1 - decrement) << 7 | (d & 1) << 6 | wback << 5 | load << 4 | n,
           (d >> 1) << 12 | 0x0A00 | count)
    if wback:
        new = base - 4 * count if decrement else base + 4 * count
        if n == 13:
            s.sp = new
        else:
            s.set_base(n, new)
    return True


T2_LOADSTORE = [(unit_t2_load_store_single, 8), (unit_t2_load_literal, 1), (unit_t2_load_store_dual, 3),
                (unit_t2_load_store_multiple, 3), (unit_t2_modified_immediate, 1), (unit_load_store_immediate, 1)]
IT_CLASS = [(unit_it_block, 6), (unit_t2_modified_immediate, 1), (unit_data_processing, 1), (unit_compare16, 1)]
DSP_CLASS = [(unit_dsp_parallel, 5), (unit_dsp_misc, 3), (unit_dsp_extend, 2), (unit_dsp_multiply, 4),
             (unit_dsp_long_multiply, 2), (unit_dsp_saturate, 2), (unit_apsr_access, 1)]
FP_CLASS = [(unit_fp_arith, 8), (unit_fp_unary, 5), (unit_fp_fixed, 2), (unit_fp_move_immediate, 1),
            (unit_fp_core_move, 2), (unit_fp_status, 2), (unit_fp_load_store, 2)]
FP_UNITS = {unit for unit, _ in FP_CLASS}


# ---------------------------------------------------------------------------------------
# ARMv7-M branches (DDI 0403 A5.3.4, A6.7 CBZ, TBB): CBZ/CBNZ, B<c>.W, B.W, BL, TBB/TBH,
# all forward over code that never changes a tracked register.
# ---------------------------------------------------------------------------------------

def unit_t2_branch(p, s, rng):
    """CBZ/CBNZ (A7.7.21), B<cond>.W T3 and B.W T4 (A7.7.12), BL (A7.7.18), forward over 0-5 instructions."""
    label = p.new_label()
    kind = rng.choice(["cbz", "cbz", "bcond", "bcond", "bw", "bl"])
    if kind == "bl" and 14 in s.tracked:  # BL writes LR, which may be a base here
        kind = "bw"
    n = rng.randrange(8)
    nz = rng.getrandbits(1)
    condition = rng.randrange(14)

    def encode(address, program):
        offset = program.labels[label] - (address + 4)
        assert offset >= 0
        if kind == "cbz":
            assert offset <= 126
            return [0xB100 | nz << 11 | (offset >> 6) << 9 | ((offset >> 1) & 0x1F) << 3 | n]
        if kind == "bcond":
            return [0xF000 | condition << 6 | (offset >> 12) & 0x3F, 0x8000 | (offset >> 1) & 0x7FF]
        words = bl_encoding(offset)
        return words if kind == "bl" else [words[0], words[1] & ~0x4000]
    p.emit_fixup(2 if kind == "cbz" else 4, encode)
    emit_fillers(p, s, rng, rng.randrange(1 if kind == "cbz" else 0, 6))
    p.place(label)
    return True


def unit_table_branch(p, s, rng):
    """MOVS Rm, #k; TBB/TBH [PC, Rm] (A7.7.185) over an inline table of 4 entries, each to a label
    further ahead: entry k skips k blocks of fillers."""
    if s.skipping:
        return False
    m = rng.choice(s.free_low())
    k = rng.randrange(4)
    half = rng.getrandbits(1)
    labels = [p.new_label() for _ in range(4)]
    p.emit(0x2000 | m << 8 | k)
    p.emit(0xE8DF, 0xF000 | half << 4 | m)
    table_label = p.new_label()
    p.place(table_label)

    def encode_table(address, program):
        entries = [(program.labels[label] - address) // 2 for label in labels]
        if half:
            return entries
        return [entries[0] | entries[1] << 8, entries[2] | entries[3] << 8]
    p.emit_fixup(8 if half else 4, encode_table)
    for label in labels:
        p.place(label)
        emit_fillers(p, s, rng, rng.randrange(3))
    return True


T2_BRANCH = [(unit_t2_branch, 5), (unit_table_branch, 2), (unit_t2_modified_immediate, 2),
             (unit_data_processing, 2), (unit_compare16, 2)]


# ---------------------------------------------------------------------------------------
# Classes
# ---------------------------------------------------------------------------------------

V6M_ALU = [(unit_shift_immediate, 3), (unit_add_sub_3, 3), (unit_immediate_8, 3), (unit_data_processing, 6)]
V6M_SPECIAL = [(unit_special_add, 3), (unit_special_compare, 2), (unit_special_move, 3),
               (unit_add_sp_register, 1), (unit_data_processing, 1)]
V6M_LOAD_STORE = [(unit_load_store_register, 4), (unit_load_store_immediate, 4), (unit_load_store_sp, 2),
                  (unit_load_literal, 2), (unit_adr, 1), (unit_add_sp_to_register, 1), (unit_data_processing, 1)]
V6M_MULTIPLE = [(unit_load_store_multiple, 4), (unit_push_pop, 4), (unit_adjust_sp, 2),
                (unit_add_sp_to_register, 1), (unit_load_store_immediate, 1)]
V6M_MISC = [(unit_extend_reverse, 4), (unit_hint_barrier, 1), (unit_system_register, 3), (unit_data_processing, 2),
            (unit_immediate_8, 1)]
V6M_BRANCH = [(unit_conditional_branch, 4), (unit_branch, 2), (unit_register_branch, 2),
              (unit_data_processing, 2), (unit_immediate_8, 1)]

CLASSES = {
    # name: (core, [(unit, weight), ...])
    "v6m-alu": ("m0", V6M_ALU),
    "v6m-special": ("m0", V6M_SPECIAL),
    "v6m-loadstore": ("m0", V6M_LOAD_STORE),
    "v6m-multiple": ("m0", V6M_MULTIPLE),
    "v6m-misc": ("m0", V6M_MISC),
    "v6m-branch": ("m0", V6M_BRANCH),
    "v6m-mixed": ("m0", V6M_ALU + V6M_SPECIAL + V6M_LOAD_STORE + V6M_MULTIPLE + V6M_MISC + V6M_BRANCH),
    # ARMv7-M (Cortex-M4): first classes; loads/stores, IT blocks, DSP and FPv4-SP to come.
    "t2-dp": ("m4", [(unit_t2_modified_immediate, 3), (unit_t2_shifted_register, 3), (unit_t2_register_shift, 1),
                     (unit_t2_plain_immediate, 2), (unit_data_processing, 1)]),
    "t2-mul": ("m4", [(unit_t2_multiply, 4), (unit_t2_modified_immediate, 1), (unit_data_processing, 1)]),
    "t2-loadstore": ("m4", T2_LOADSTORE),
    "t2-it": ("m4", IT_CLASS),
    "t2-dsp": ("m4", DSP_CLASS),
    "t2-fp": ("m4", FP_CLASS),
    "t2-branch": ("m4", T2_BRANCH),
    "t2-mixed": ("m4", [(unit_t2_modified_immediate, 2), (unit_t2_shifted_register, 2), (unit_t2_plain_immediate, 1),
                        (unit_t2_multiply, 1)] + T2_LOADSTORE + IT_CLASS + DSP_CLASS + FP_CLASS + T2_BRANCH),
}


def generate_case(class_name, seed, index, units_range=(10, 44)):
    """One case of `class_name`; the same (class, seed, index) gives the same case."""
    core, units = CLASSES[class_name]
    rng = random.Random("%s/%d/%d" % (class_name, seed, index))
    state = State(rng, core)
    program = Program(rng)
    regs = [random_word(rng) for _ in range(13)] + [fmt.STACK_INITIAL, random_word(rng)]
    # Base and index registers: low registers of known value (0-2 bases, 0-1 index).
    low = list(range(8))
    rng.shuffle(low)
    for register in low[:rng.randrange(3)]:
        value = fmt.DATA_BASE + 4 * rng.randrange((fmt.DATA_SIZE - 256) // 4)
        state.set_base(register, value)
        regs[register] = value
    if rng.random() < 0.7:
        register = low[3]
        value = rng.choice([0, 4 * rng.randrange(16), rng.randrange(64)])
        state.tracked[register] = ("index", value)
        regs[register] = value
    functions = [unit for unit, _ in units]
    weights = [weight for _, weight in units]
    target = rng.randrange(*units_range)
    emitted = attempts = 0
    while emitted < target and attempts < target * 20:
        attempts += 1
        if rng.choices(functions, weights)[0](program, state, rng):
            emitted += 1
    try:
        code, end = program.layout()
    except AssertionError:  # a literal out of reach in a very long body: draw the case again
        return generate_case(class_name, seed, index + 1_000_000_000, units_range)
    apsr = rng.getrandbits(4) << 28
    if core == "m4":
        apsr |= rng.getrandbits(1) << 27 | rng.getrandbits(4) << 16
    name = "%s/%d/%d" % (class_name, seed, index)
    fpscr = singles = None
    if any(unit in FP_UNITS for unit, _ in units):
        fpscr = random_fpscr(rng)
        singles = [random_single(rng) for _ in range(32)]
    return fmt.Case(name, core, code, regs, apsr, end,
                    fills=[(fmt.SRAM_BASE, fmt.SRAM_SIZE, rng.getrandbits(32))], fpscr=fpscr, singles=singles)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--class", dest="class_name", choices=sorted(CLASSES), required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--first", type=int, default=0, help="index of the first case")
    args = parser.parse_args(argv)
    for index in range(args.first, args.first + args.cases):
        print(generate_case(args.class_name, args.seed, index).line())


if __name__ == "__main__":
    main(sys.argv[1:])
