/// The instruction-set extensions a core implements; rows of other levels decode
/// as undefined, as on the real core.
public struct InstructionSet: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let v6M = InstructionSet(rawValue: 1 << 0)
    public static let v7M = InstructionSet(rawValue: 1 << 1)
    public static let v7EMDSP = InstructionSet(rawValue: 1 << 2)
    public static let fpv4SP = InstructionSet(rawValue: 1 << 3)

    /// Cortex-M0 and M0+.
    public static let armv6M: InstructionSet = [.v6M]

    /// Whether encodings introduced at `level` belong to this set.
    public func includes(_ level: ArchitectureLevel) -> Bool {
        switch level {
        case .v6M: return contains(.v6M)
        case .v7M: return contains(.v7M)
        case .v7EMDSP: return contains(.v7EMDSP)
        case .fpv4SP: return contains(.fpv4SP)
        }
    }
}

/// Decodes Thumb instructions for one instruction set. Pure and stateless after
/// construction; the tables are built once per process.
public struct ThumbDecoder: Sendable {
    /// What the decoded core implements.
    public let instructionSet: InstructionSet

    public init(instructionSet: InstructionSet) {
        self.instructionSet = instructionSet
    }

    /// Index of the first matching 16-bit row for every halfword, or `noRow`.
    /// 65,536 entries × 2 bytes, built on first use (Swift statics are lazy and thread-safe).
    /// Built row by row, each writing the halfwords it matches that no earlier row took:
    /// every assignment of its free bits, rather than every row tried on every halfword,
    /// which cost about 5 ms of each run's start-up.
    static let table16: [UInt16] = {
        var table = [UInt16](repeating: noRow, count: 65_536)
        for (index, row) in Encodings16.rows.enumerated() where row.value & ~row.mask == 0 {
            let free = ~row.mask & 0xFFFF
            var bits: UInt32 = 0
            repeat {
                let halfword = Int(row.value | bits)
                if table[halfword] == noRow && !isThumb32(UInt16(halfword)) { table[halfword] = UInt16(index) }
                bits = (bits &- free) & free
            } while bits != 0
        }
        return table
    }()

    static let noRow: UInt16 = 0xFFFF

    /// Whether a first halfword starts a 32-bit encoding: bits [15:11] are 0b11101,
    /// 0b11110 or 0b11111 (DDI 0419 A5.1, DDI 0403 A5.1).
    @inline(__always) public static func isThumb32(_ firstHalfword: UInt16) -> Bool {
        firstHalfword >= 0xE800
    }

    /// The row that decodes a 16-bit `halfword`, if any is in this instruction set.
    public func row16(for halfword: UInt16) -> EncodingRow? {
        let index = ThumbDecoder.table16[Int(halfword)]
        guard index != ThumbDecoder.noRow else { return nil }
        let row = Encodings16.rows[Int(index)]
        return instructionSet.includes(row.level) ? row : nil
    }

    /// The row that decodes a 32-bit instruction (`first << 16 | second`), if any.
    public func row32(for raw: UInt32) -> EncodingRow? {
        for row in Encodings32.rows where row.matches(raw) {
            return instructionSet.includes(row.level) ? row : nil
        }
        return nil
    }

    /// Decodes the instruction at `address` whose first halfword is `first`;
    /// `second` is the following halfword (ignored for 16-bit instructions).
    /// Unknown encodings decode to `.undefined`; this never fails.
    public func decode(first: UInt16, second: UInt16, address: UInt32) -> Instruction {
        if ThumbDecoder.isThumb32(first) {
            let raw = UInt32(first) << 16 | UInt32(second)
            guard let row = row32(for: raw) else { return .undefined(raw: raw, byteCount: 4) }
            return row.decode(raw, address)
        }
        guard let row = row16(for: first) else { return .undefined(raw: UInt32(first), byteCount: 2) }
        return row.decode(UInt32(first), address)
    }

    /// Decodes an instruction inside an IT block: it executes only if `condition`
    /// passes, and the 16-bit data-processing forms that set flags outside an IT block
    /// do not set them inside one ("setflags = !InITBlock()", DDI 0403 A7.7).
    public func decode(first: UInt16, second: UInt16, address: UInt32, itCondition: Condition) -> Instruction {
        var instruction = decode(first: first, second: second, address: address)
        guard instruction.op != .undefined else { return instruction }
        instruction.condition = itCondition
        if instruction.byteCount == 2 && ThumbDecoder.setsFlagsOnlyOutsideITBlock.contains(instruction.op) {
            instruction.setsFlags = false
        }
        return instruction
    }

    /// The 16-bit encodings whose `S` depends on being outside an IT block.
    static let setsFlagsOnlyOutsideITBlock: Set<Op> = [
        .lslImmediate, .lsrImmediate, .asrImmediate, .addsRegister, .subsRegister, .addsImmediate,
        .subsImmediate, .movsImmediate, .andsRegister, .eorsRegister, .lslsRegister, .lsrsRegister,
        .asrsRegister, .adcsRegister, .sbcsRegister, .rorsRegister, .rsbsImmediate, .orrsRegister,
        .mulsRegister, .bicsRegister, .mvnsRegister,
    ]

    /// The conditions of the instructions of the IT block that `itInstruction` opens
    /// (DDI 0403 A7.7.38: ITSTATE = firstcond[3:1] : mask bits shifted in). firstcond
    /// 0b1111 and AL with an "else" slot are UNPREDICTABLE; armsim executes those
    /// slots unconditionally.
    public static func itBlockConditions(_ itInstruction: Instruction) -> [Condition] {
        let firstCondition = UInt8(truncatingIfNeeded: itInstruction.imm >> 4) & 0xF
        let mask = UInt8(truncatingIfNeeded: itInstruction.imm) & 0xF
        guard mask != 0 else { return [] }
        let count = 4 - mask.trailingZeroBitCount
        var conditions: [Condition] = []
        for index in 0..<count {
            let low = index == 0 ? firstCondition & 1 : (mask >> (4 - index)) & 1
            let value = (firstCondition & 0xE) | low
            conditions.append(firstCondition >= 0xE ? .al : Condition(rawValue: value) ?? .al)
        }
        return conditions
    }
}
