#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The predecode cache of one executable region: for each halfword where a block of
/// decoded code starts, a pointer to that block's slots in the `BlockArena`.
///
/// A block is the straight-line code from its start to the first instruction that
/// always leaves it (B, BL, BX, POP {PC}, …), at most `maximumInstructions` long
/// (plus a `conditionCheck` slot before each IT-block instruction), followed by an
/// `endOfBlock` slot. Its slots are contiguous, so the run loop steps
/// from one instruction to the next by adding one to a pointer, with no lookup and no
/// dependence on the previous instruction's size.
final class PredecodeCache {
    static let maximumInstructions = 64

    let baseAddress: UInt32
    let byteCount: UInt32
    /// Whether the core can store into the region (RAM): its code can be overwritten.
    let isWritable: Bool
    /// The block starting at each halfword, nil until first executed. Zeroed by
    /// `calloc`, so the pages of code never executed cost no memory.
    let blocks: UnsafeMutablePointer<UnsafeMutablePointer<Slot>?>
    /// The addresses covered by decoded blocks.
    private(set) var decodedLow: UInt32 = .max
    private(set) var decodedHigh: UInt32 = 0

    init(baseAddress: UInt32, byteCount: UInt32, isWritable: Bool) {
        self.baseAddress = baseAddress
        self.byteCount = byteCount
        self.isWritable = isWritable
        let entries = Int(byteCount / 2) + 1
        guard let memory = calloc(entries, MemoryLayout<UnsafeMutablePointer<Slot>?>.stride) else {
            fatalError("armsim: out of memory for the predecode cache (\(entries) entries)")
        }
        blocks = memory.bindMemory(to: UnsafeMutablePointer<Slot>?.self, capacity: entries)
    }

    deinit { free(blocks) }

    /// Records a block decoded for `start ..< end`.
    func add(_ block: UnsafeMutablePointer<Slot>, start: UInt32, end: UInt32) {
        blocks[Int((start &- baseAddress) >> 1)] = block
        decodedLow = min(decodedLow, start)
        decodedHigh = max(decodedHigh, end)
    }

    /// Forgets every block (their slots stay allocated in the arena until it is reset).
    func removeAll() {
        guard decodedLow < decodedHigh else { return }
        let first = Int((decodedLow &- baseAddress) >> 1)
        let last = Int((decodedHigh &- 1 &- baseAddress) >> 1)
        (blocks + first).update(repeating: nil, count: last - first + 1)
        decodedLow = .max
        decodedHigh = 0
    }
}

/// Storage for the slots of decoded blocks: fixed-size chunks, never moved, so a
/// block's slots stay valid while the run loop executes them. When decoded code is
/// overwritten every cache forgets its blocks and the arena is reused from the start.
final class BlockArena {
    static let chunkSlots = 16_384
    private var chunks: [UnsafeMutablePointer<Slot>] = []
    private var chunkIndex = -1
    private var used = BlockArena.chunkSlots

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    /// Room for `count` contiguous slots (`count` ≤ `chunkSlots`).
    func reserve(_ count: Int) -> UnsafeMutablePointer<Slot> {
        if used + count > BlockArena.chunkSlots {
            chunkIndex += 1
            if chunkIndex == chunks.count {
                chunks.append(.allocate(capacity: BlockArena.chunkSlots))
            }
            used = 0
        }
        let slots = chunks[chunkIndex] + used
        used += count
        return slots
    }

    /// Makes all chunks free again; callers must hold no block pointers.
    func reset() {
        chunkIndex = -1
        used = BlockArena.chunkSlots
    }
}
