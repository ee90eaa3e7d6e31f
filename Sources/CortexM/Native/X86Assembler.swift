/// The x86-64 instructions the block translator emits (Intel SDM Vol. 2 encodings), into a
/// byte array. Only what `NativeBlockTranslator` needs: 32-bit operations on the scratch
/// registers EAX, ECX, EDX, and memory operands `[base + disp32]` (base RSI, RDI, RDX) or
/// `[RDX + RCX]`; no REX prefix except REX.W. Forward jumps take a `Label` patched by `bind`.
struct X86Assembler {
    /// A general-purpose register number (ModRM encoding); only registers 0–7 are used.
    enum Register: UInt8 {
        case rax = 0, rcx = 1, rdx = 2, rsi = 6, rdi = 7
    }

    /// Condition codes of Jcc and SETcc (the low nibble of their opcodes).
    enum Condition: UInt8 {
        case overflow = 0x0, below = 0x2, aboveOrEqual = 0x3, equal = 0x4, notEqual = 0x5
        case belowOrEqual = 0x6, sign = 0x8, notSign = 0x9
    }

    /// The ALU operations with their `op r32, r/m32` opcode and their group-1 (`81 /n`) digit.
    enum Operation {
        case add, or, adc, sbb, and, sub, xor, cmp

        var registerOpcode: UInt8 {
            switch self {
            case .add: 0x03
            case .or: 0x0B
            case .adc: 0x13
            case .sbb: 0x1B
            case .and: 0x23
            case .sub: 0x2B
            case .xor: 0x33
            case .cmp: 0x3B
            }
        }

        var immediateDigit: UInt8 {
            switch self {
            case .add: 0
            case .or: 1
            case .adc: 2
            case .sbb: 3
            case .and: 4
            case .sub: 5
            case .xor: 6
            case .cmp: 7
            }
        }
    }

    /// Shift and rotate operations (`C1 /n ib`).
    enum Shift: UInt8 {
        case ror = 1, shl = 4, shr = 5, sar = 7
    }

    /// A jump whose rel32 is patched when its target is bound, or a bound position
    /// (`here`) that later jumps go back to.
    struct Label {
        /// Where the rel32 fields of the jumps to it are.
        private(set) var patchPositions: [Int] = []
        fileprivate var position: Int?

        init() {}

        /// The start of the code, for backward jumps.
        static let start: Label = {
            var label = Label()
            label.position = 0
            return label
        }()

        /// No jump leads to it.
        var isUnused: Bool { patchPositions.isEmpty }

        fileprivate mutating func addPatch(_ position: Int) { patchPositions.append(position) }
    }

    private(set) var bytes: [UInt8] = []

    var count: Int { bytes.count }

    // MARK: - Encoding helpers

    private mutating func emit(_ values: UInt8...) { bytes.append(contentsOf: values) }

    private mutating func emit32(_ value: UInt32) {
        bytes.append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)])
    }

    /// ModRM (and disp32) for `[base + displacement]`: mod 10 always, so RBP-relative
    /// forms never arise and no base here needs a SIB byte.
    private mutating func memory(_ reg: UInt8, _ base: Register, _ displacement: Int32) {
        emit(0x80 | (reg & 7) << 3 | base.rawValue)
        emit32(UInt32(bitPattern: displacement))
    }

    /// ModRM and SIB for `[base + RCX]` (base RAX or RDX).
    private mutating func indexed(_ reg: UInt8, base: Register = .rdx) {
        emit(0x04 | (reg & 7) << 3, Register.rcx.rawValue << 3 | base.rawValue)
    }

    /// ModRM, SIB and disp8 for `[base + RCX + disp8]`.
    private mutating func indexed(_ reg: UInt8, base: Register, displacement: UInt8) {
        emit(0x44 | (reg & 7) << 3, Register.rcx.rawValue << 3 | base.rawValue, displacement)
    }

    private mutating func registers(_ reg: UInt8, _ rm: Register) {
        emit(0xC0 | (reg & 7) << 3 | rm.rawValue)
    }

    // MARK: - Moves

    /// `mov r32, [base + disp]`
    mutating func load32(_ destination: Register, _ base: Register, _ displacement: Int32) {
        emit(0x8B)
        memory(destination.rawValue, base, displacement)
    }

    /// `mov r64, [base + disp]`
    mutating func load64(_ destination: Register, _ base: Register, _ displacement: Int32) {
        emit(0x48, 0x8B)
        memory(destination.rawValue, base, displacement)
    }

    /// `movzx r32, byte [base + disp]`
    mutating func loadByte(_ destination: Register, _ base: Register, _ displacement: Int32) {
        emit(0x0F, 0xB6)
        memory(destination.rawValue, base, displacement)
    }

    /// `mov [base + disp], r32`
    mutating func store32(_ base: Register, _ displacement: Int32, _ source: Register) {
        emit(0x89)
        memory(source.rawValue, base, displacement)
    }

    /// `mov [base + disp], r64`
    mutating func store64(_ base: Register, _ displacement: Int32, _ source: Register) {
        emit(0x48, 0x89)
        memory(source.rawValue, base, displacement)
    }

    /// `mov dword [base + disp], imm32`
    mutating func store32(_ base: Register, _ displacement: Int32, immediate: UInt32) {
        emit(0xC7)
        memory(0, base, displacement)
        emit32(immediate)
    }

    /// `mov qword [base + disp], imm32` (sign-extended to 64 bits)
    mutating func store64(_ base: Register, _ displacement: Int32, signExtending immediate: UInt32) {
        emit(0x48, 0xC7)
        memory(0, base, displacement)
        emit32(immediate)
    }

    /// `mov byte [base + disp], imm8`
    mutating func storeByte(_ base: Register, _ displacement: Int32, immediate: UInt8) {
        emit(0xC6)
        memory(0, base, displacement)
        emit(immediate)
    }

    /// `mov byte [base + disp], r8` (AL, CL or DL)
    mutating func storeByte(_ base: Register, _ displacement: Int32, _ source: Register) {
        emit(0x88)
        memory(source.rawValue, base, displacement)
    }

    /// `mov r32, imm32`
    mutating func move(_ destination: Register, immediate: UInt32) {
        emit(0xB8 + destination.rawValue)
        emit32(immediate)
    }

    /// `mov r64, imm64`
    mutating func move64(_ destination: Register, immediate: UInt64) {
        emit(0x48, 0xB8 + destination.rawValue)
        emit32(UInt32(truncatingIfNeeded: immediate))
        emit32(UInt32(truncatingIfNeeded: immediate >> 32))
    }

    /// `mov r32, r32`
    mutating func move(_ destination: Register, _ source: Register) {
        emit(0x89)
        registers(source.rawValue, destination)
    }

    /// `movsxd r64, r32`
    mutating func signExtend64(_ destination: Register, _ source: Register) {
        emit(0x48, 0x63)
        registers(destination.rawValue, source)
    }

    /// `movsx r32, r8` (byte) or `movsx r32, r16` (halfword); the source is AL, CL or DL.
    mutating func signExtend(_ destination: Register, _ source: Register, size: Int) {
        emit(0x0F, size == 1 ? 0xBE : 0xBF)
        registers(destination.rawValue, source)
    }

    /// `lea r32, [base + disp]`
    mutating func loadAddress32(_ destination: Register, _ base: Register, _ displacement: Int32) {
        emit(0x8D)
        memory(destination.rawValue, base, displacement)
    }

    // MARK: - Memory through [RDX + RCX]

    /// A zero- or sign-extending load of `size` bytes from `[RDX + RCX]` into a 32-bit register.
    mutating func loadIndexed(_ destination: Register, size: Int, signed: Bool) {
        switch (size, signed) {
        case (1, false): emit(0x0F, 0xB6)
        case (1, true): emit(0x0F, 0xBE)
        case (2, false): emit(0x0F, 0xB7)
        case (2, true): emit(0x0F, 0xBF)
        default: emit(0x8B)
        }
        indexed(destination.rawValue)
    }

    /// `mov r32, [RDX + RCX + disp8]`
    mutating func loadIndexed32(_ destination: Register, displacement: UInt8) {
        emit(0x8B)
        indexed(destination.rawValue, base: .rdx, displacement: displacement)
    }

    /// `mov [RDX + RCX + disp8], r32`
    mutating func storeIndexed32(_ source: Register, displacement: UInt8) {
        emit(0x89)
        indexed(source.rawValue, base: .rdx, displacement: displacement)
    }

    /// `cmp byte/word/dword [base + RCX + disp8], 0` for a `size` of 1, 2 or 4.
    mutating func compareIndexedWithZero(base: Register, size: Int, displacement: UInt8) {
        switch size {
        case 1: emit(0x80)
        case 2: emit(0x66, 0x83)
        default: emit(0x83)
        }
        indexed(7, base: base, displacement: displacement)
        emit(0)
    }

    /// `mov byte/word/dword [base + RCX + disp8], 0x01…01`: `size` bytes of 1.
    mutating func storeIndexedOnes(base: Register, size: Int, displacement: UInt8) {
        switch size {
        case 1:
            emit(0xC6)
            indexed(0, base: base, displacement: displacement)
            emit(0x01)
        case 2:
            emit(0x66, 0xC7)
            indexed(0, base: base, displacement: displacement)
            emit(0x01, 0x01)
        default:
            emit(0xC7)
            indexed(0, base: base, displacement: displacement)
            emit32(0x0101_0101)
        }
    }

    /// A store of the low `size` bytes of a register (EAX, ECX or EDX) to `[RDX + RCX]`.
    mutating func storeIndexed(_ source: Register, size: Int) {
        switch size {
        case 1: emit(0x88)
        case 2: emit(0x66, 0x89)
        default: emit(0x89)
        }
        indexed(source.rawValue)
    }

    // MARK: - Arithmetic

    /// `op r32, [base + disp]`
    mutating func operate(_ operation: Operation, _ destination: Register, _ base: Register, _ displacement: Int32) {
        emit(operation.registerOpcode)
        memory(destination.rawValue, base, displacement)
    }

    /// `op r32, r32`
    mutating func operate(_ operation: Operation, _ destination: Register, _ source: Register) {
        emit(operation.registerOpcode)
        registers(destination.rawValue, source)
    }

    /// `op r32, imm32`
    mutating func operate(_ operation: Operation, _ destination: Register, immediate: UInt32) {
        emit(0x81)
        registers(operation.immediateDigit, destination)
        emit32(immediate)
    }

    /// `op dword [base + disp], imm32`
    mutating func operate32(_ operation: Operation, _ base: Register, _ displacement: Int32, immediate: UInt32) {
        emit(0x81)
        memory(operation.immediateDigit, base, displacement)
        emit32(immediate)
    }

    /// `op qword [base + disp], imm32` (sign-extended)
    mutating func operate64(_ operation: Operation, _ base: Register, _ displacement: Int32, immediate: Int32) {
        emit(0x48, 0x81)
        memory(operation.immediateDigit, base, displacement)
        emit32(UInt32(bitPattern: immediate))
    }

    /// `cmp byte [base + disp], imm8`
    mutating func compareByte(_ base: Register, _ displacement: Int32, immediate: UInt8) {
        emit(0x80)
        memory(7, base, displacement)
        emit(immediate)
    }

    /// `test r64, r64`
    mutating func test64(_ register: Register) {
        emit(0x48, 0x85)
        registers(register.rawValue, register)
    }

    /// `add r64, r64`
    mutating func add64(_ destination: Register, _ source: Register) {
        emit(0x48, 0x01)
        registers(source.rawValue, destination)
    }

    /// `add r64, imm32` (sign-extended)
    mutating func add64(_ destination: Register, immediate: Int32) {
        emit(0x48, 0x81)
        registers(0, destination)
        emit32(UInt32(bitPattern: immediate))
    }

    /// `cmp r64, [base + disp]`
    mutating func compare64(_ register: Register, _ base: Register, _ displacement: Int32) {
        emit(0x48, 0x3B)
        memory(register.rawValue, base, displacement)
    }

    /// `imul r32, [base + disp]`
    mutating func multiply(_ destination: Register, _ base: Register, _ displacement: Int32) {
        emit(0x0F, 0xAF)
        memory(destination.rawValue, base, displacement)
    }

    /// `shift r32, imm8`
    mutating func shift(_ shift: Shift, _ register: Register, by amount: UInt8) {
        emit(0xC1)
        registers(shift.rawValue, register)
        emit(amount)
    }

    /// `bt r32, imm8`: CF = the bit.
    mutating func bitTest(_ register: Register, bit: UInt8) {
        emit(0x0F, 0xBA)
        registers(4, register)
        emit(bit)
    }

    /// `test al, imm8`
    mutating func testLowByte(immediate: UInt8) {
        emit(0xA8, immediate)
    }

    /// `setcc byte [base + disp]`
    mutating func set(_ condition: Condition, _ base: Register, _ displacement: Int32) {
        emit(0x0F, 0x90 | condition.rawValue)
        memory(0, base, displacement)
    }

    // MARK: - Control

    /// `jcc rel32` to `label`.
    mutating func jump(if condition: Condition, to label: inout Label) {
        emit(0x0F, 0x80 | condition.rawValue)
        label.addPatch(bytes.count)
        emit32(0)
    }

    /// `jmp rel32` to `label`.
    mutating func jump(to label: inout Label) {
        emit(0xE9)
        label.addPatch(bytes.count)
        emit32(0)
    }

    /// `jmp rel32` back to a position taken with `Label.here`.
    mutating func jump(back label: Label) {
        emit(0xE9)
        emit32(UInt32(bitPattern: Int32(label.position! - (bytes.count + 4))))
    }

    /// Makes the jumps to `label` land here.
    mutating func bind(_ label: Label) {
        for offset in label.patchPositions {
            let displacement = UInt32(bitPattern: Int32(bytes.count - (offset + 4)))
            for index in 0..<4 { bytes[offset + index] = UInt8(displacement >> (8 * UInt32(index)) & 0xFF) }
        }
    }

    /// `ret`
    mutating func ret() { emit(0xC3) }
}
