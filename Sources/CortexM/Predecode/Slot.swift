import ThumbDecoder

/// A predecoded instruction as the run loop executes it: the decoded fields, its
/// address and the static part of its cost on this core and board. 24 bytes, trivially
/// copyable.
///
/// - Note: `cycles` already includes the TRM base cost and the flash wait states of
///   the fetch words the instruction starts; the loop adds only dynamic costs
///   (taken-branch refill, data wait states, exception entry). The loop does not add
///   `cycles` itself either: `prefixCycles` and `ordinal` count the block up to this
///   slot, so the core's counters are its base plus the running slot's prefix
///   (`CortexMCore.cycles`).
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
    /// B<cond> checks it itself; an IT-block instruction's is checked by the
    /// `conditionCheck` slot before it, which holds it too.
    public var condition: Condition
    public var setsFlags: Bool
    /// Size in bytes (2 or 4).
    public var byteCount: UInt8
    /// Static cycle cost when executed: TRM base cycles plus fetch wait states.
    public var cycles: UInt8
    /// Cost when `condition` fails: one issue cycle plus fetch wait states.
    public var skippedCycles: UInt8
    /// The number of instructions of the block up to and including this one (the
    /// block's instruction count in its end slot).
    public var ordinal: UInt8 = 0
    /// For a direct branch to the first slot of its own block (a loop that fits in one
    /// block): how many slots back that slot is, so the run loop goes round without the
    /// cache lookup; 0 for every other slot.
    public var loopBack: UInt8 = 0
    /// The sum of `cycles` of the block's slots up to and including this one (all of
    /// them in the end slot).
    public var prefixCycles: UInt16 = 0
    /// The expanded immediate of the instruction.
    public var imm: UInt32
    /// The instruction's address (the address after the block in its end slot): the
    /// core's `pc` while the slot runs, so the loop never stores the PC.
    public var address: UInt32 = 0

    /// The slot after the last instruction of a block: executing it returns to the run
    /// loop's block lookup at its address (it is not an instruction and costs nothing).
    static let endOfBlock = Slot(
        op: .undecoded, d: 0, n: 0, m: 0, a: 0, options: 0, condition: .al, setsFlags: false, byteCount: 0,
        cycles: 0, skippedCycles: 0, imm: 0)

    /// The check before an instruction of an IT block: when `condition` fails the run
    /// loop skips the next slot at that slot's `skippedCycles`. It is not an instruction:
    /// no size, no cost, not counted.
    static func conditionCheck(_ condition: Condition) -> Slot {
        Slot(
            op: .conditionCheck, d: 0, n: 0, m: 0, a: 0, options: 0, condition: condition, setsFlags: false,
            byteCount: 0, cycles: 0, skippedCycles: 0, imm: 0)
    }

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

/// A slot read in place in its predecode cache. The run loop and its handlers read
/// only the fields they use: copying the whole `Slot` first would make the compiler
/// load all its fields before every instruction (a handler's store might alias
/// the cache), which costs more than the instruction itself.
struct SlotPointer {
    let pointer: UnsafeMutablePointer<Slot>

    init(_ pointer: UnsafeMutablePointer<Slot>) { self.pointer = pointer }

    var op: Op { @inline(__always) get { pointer.pointee.op } }
    var d: UInt8 { @inline(__always) get { pointer.pointee.d } }
    var n: UInt8 { @inline(__always) get { pointer.pointee.n } }
    var m: UInt8 { @inline(__always) get { pointer.pointee.m } }
    var a: UInt8 { @inline(__always) get { pointer.pointee.a } }
    var options: UInt8 { @inline(__always) get { pointer.pointee.options } }
    var condition: Condition { @inline(__always) get { pointer.pointee.condition } }
    var setsFlags: Bool { @inline(__always) get { pointer.pointee.setsFlags } }
    var byteCount: UInt8 { @inline(__always) get { pointer.pointee.byteCount } }
    var cycles: UInt8 { @inline(__always) get { pointer.pointee.cycles } }
    var skippedCycles: UInt8 { @inline(__always) get { pointer.pointee.skippedCycles } }
    var prefixCycles: UInt16 { @inline(__always) get { pointer.pointee.prefixCycles } }
    var ordinal: UInt8 { @inline(__always) get { pointer.pointee.ordinal } }
    var loopBack: UInt8 { @inline(__always) get { pointer.pointee.loopBack } }
    var imm: UInt32 { @inline(__always) get { pointer.pointee.imm } }
    var address: UInt32 { @inline(__always) get { pointer.pointee.address } }
    /// The address of the next instruction.
    var nextAddress: UInt32 { @inline(__always) get { pointer.pointee.address &+ UInt32(pointer.pointee.byteCount) } }
}
