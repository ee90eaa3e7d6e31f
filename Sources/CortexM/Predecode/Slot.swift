import ThumbDecoder

/// A predecoded instruction as the run loop executes it: the decoded fields plus the
/// static part of its cost on this core and board. 16 bytes, trivially copyable.
///
/// - Note: `cycles` already includes the TRM base cost and the flash wait states of
///   the fetch words the instruction starts; the loop adds only dynamic costs
///   (taken-branch refill, data wait states, exception entry).
public struct Slot: Sendable {
    /// The handler.
    public var op: Op
    public var d: UInt8
    public var n: UInt8
    public var m: UInt8
    /// Fourth register (see `Instruction.a`).
    public var a: UInt8
    /// Per-op option bits (see `Instruction.options`).
    public var options: UInt8
    /// The instruction executes only when this condition passes: B<cond>, and every
    /// instruction of an IT block (its condition is fixed by its position in the block).
    public var condition: Condition
    public var setsFlags: Bool
    /// Size in bytes (2 or 4).
    public var byteCount: UInt8
    /// Static cycle cost when executed: TRM base cycles plus fetch wait states.
    public var cycles: UInt8
    /// Cost when `condition` fails: one issue cycle plus fetch wait states.
    public var skippedCycles: UInt8
    /// The expanded immediate of the instruction.
    public var imm: UInt32

    /// The slot every cache entry starts as.
    public static let undecoded = Slot(
        op: .undecoded, d: 0, n: 0, m: 0, a: 0, options: 0, condition: .al, setsFlags: false, byteCount: 2,
        cycles: 0, skippedCycles: 0, imm: 0)

    init(
        op: Op, d: UInt8, n: UInt8, m: UInt8, a: UInt8, options: UInt8, condition: Condition, setsFlags: Bool,
        byteCount: UInt8, cycles: UInt8, skippedCycles: UInt8, imm: UInt32
    ) {
        self.op = op
        self.d = d
        self.n = n
        self.m = m
        self.a = a
        self.options = options
        self.condition = condition
        self.setsFlags = setsFlags
        self.byteCount = byteCount
        self.cycles = cycles
        self.skippedCycles = skippedCycles
        self.imm = imm
    }

    /// Lowers a decoded instruction with its static costs.
    init(_ instruction: Instruction, cycles: Int, skippedCycles: Int) {
        self.init(
            op: instruction.op, d: instruction.d, n: instruction.n, m: instruction.m, a: instruction.a,
            options: instruction.options, condition: instruction.condition, setsFlags: instruction.setsFlags,
            byteCount: instruction.byteCount, cycles: UInt8(clamping: cycles),
            skippedCycles: UInt8(clamping: skippedCycles), imm: instruction.imm)
    }
}

/// The predecode cache of one executable region: one slot per halfword, allocated
/// once when the core is built and freed with it.
final class PredecodeCache {
    let baseAddress: UInt32
    let byteCount: UInt32
    let slots: UnsafeMutableBufferPointer<Slot>
    /// Whether any slot has been decoded; stores to RAM skip invalidation while false.
    var hasDecodedSlots = false

    init(baseAddress: UInt32, byteCount: UInt32) {
        self.baseAddress = baseAddress
        self.byteCount = byteCount
        slots = .allocate(capacity: Int(byteCount / 2) + 1)
        slots.initialize(repeating: .undecoded)
    }

    deinit { slots.deallocate() }

    /// Resets the slots that an instruction overlapping `address ..< address+length`
    /// may have decoded: a 32-bit instruction starting one halfword earlier covers it too.
    @inline(__always) func invalidate(address: UInt32, length: UInt32) {
        let offset = address &- baseAddress
        guard offset < byteCount else { return }
        var index = Int(offset >> 1)
        let last = Int((offset &+ length &- 1) >> 1)
        if index > 0 { index -= 1 }
        while index <= last && index < slots.count {
            slots[index] = .undecoded
            index += 1
        }
    }
}
