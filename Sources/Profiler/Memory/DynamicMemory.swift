import Boards
import ELFLoader
import MemoryBus

/// RAM the firmware used while running: peak stack, heap high-water mark, and the
/// highest address written in each RAM region (the dynamic half of "does it fit?").
///
/// Method (docs/profiling.md, "Dynamic memory"): every RAM region is copied before the
/// run and compared with its contents after it, so the plain run pays nothing per
/// instruction. A byte counts as written when its value changed.
/// - Stack: the initial SP minus the lowest written byte between the heap top and the
///   initial SP; with `--profile` also the lowest SP sampled at calls and exception
///   entries, whichever is lower. Limits: a write that stores the byte's old value (often
///   0) is invisible, so the deepest frame may be under-counted by the bytes it never
///   changed; a stack that grows into `.bss` is seen through the sampled SP only.
/// - Heap: the highest break newlib's `_sbrk` handed out (profiled runs), else nil.
public struct DynamicMemory: Sendable, Equatable {
    /// One RAM region and its highest written address (nil: never written).
    public struct RegionUse: Sendable, Equatable {
        public var name: String
        public var baseAddress: UInt32
        public var byteCount: UInt32
        public var highestWrittenAddress: UInt32?
    }

    /// SP at reset.
    public var initialStackPointer: UInt32
    /// The lowest stack address reached (by a write or a sampled SP).
    public var lowestStackAddress: UInt32
    /// `initialStackPointer - lowestStackAddress`.
    public var peakStackBytes: UInt64
    /// Where the heap starts (`end`/`__end__`, else the end of the static RAM sections).
    public var heapStartAddress: UInt32
    /// Bytes of heap `_sbrk` handed out at most; nil when unknown (not profiled) or unused.
    public var heapBytes: UInt64?
    /// The end of the static RAM (`.data`, `.bss`, ...) in the stack's region.
    public var staticEndAddress: UInt32
    /// The stack went below the end of the static data (or below the heap top).
    public var stackOverflow: Bool
    public var regions: [RegionUse]
    /// How the stack peak was found, for the report.
    public var method: String

    /// A copy of RAM before the run, to compare with afterwards.
    struct Snapshot {
        var regions: [(spec: MemoryRegionSpec, bytes: [UInt8])]
    }

    static func snapshot(bus: Bus, board: Board) -> Snapshot {
        Snapshot(regions: board.regions.filter { $0.kind == .ram }.map { region in
            (spec: region, bytes: bus.hostRead(address: region.baseAddress, length: Int(region.byteCount)) ?? [])
        })
    }

    init(
        before: Snapshot, bus: Bus, image: FirmwareImage, initialStackPointer: UInt32, sampledLowestStackPointer: UInt32?,
        heapBreak: UInt32?
    ) {
        self.initialStackPointer = initialStackPointer
        var uses: [RegionUse] = []
        var lowest = initialStackPointer
        let stackRegion = before.regions.first { $0.spec.contains(address: initialStackPointer &- 1, length: 1) }
        var staticEnd: UInt32 = stackRegion?.spec.baseAddress ?? 0
        if let stackRegion {
            for section in image.sections where section.isAllocated && section.byteCount > 0
                && stackRegion.spec.contains(address: section.address, length: 1)
                && !section.name.contains("stack") && !section.name.contains("heap")
            {
                staticEnd = max(staticEnd, section.address &+ section.byteCount)
            }
        }
        let heapStart = (image.symbols.symbol(named: "end") ?? image.symbols.symbol(named: "__end__"))?.address ?? staticEnd
        var heapTop = max(heapStart, staticEnd)
        if let heapBreak, heapBreak > heapTop, heapBreak < initialStackPointer { heapTop = heapBreak }
        for (spec, old) in before.regions {
            let now = bus.hostRead(address: spec.baseAddress, length: Int(spec.byteCount)) ?? []
            var highest: UInt32?
            var index = min(old.count, now.count) - 1
            while index >= 0 {
                if old[index] != now[index] {
                    highest = spec.baseAddress &+ UInt32(index)
                    break
                }
                index -= 1
            }
            uses.append(RegionUse(name: spec.name, baseAddress: spec.baseAddress, byteCount: spec.byteCount, highestWrittenAddress: highest))
            if spec.contains(address: initialStackPointer &- 1, length: 1) {
                // The lowest written byte between the heap top and the initial SP.
                var address = heapTop
                while address < initialStackPointer {
                    let offset = Int(address &- spec.baseAddress)
                    if offset < old.count && offset < now.count && old[offset] != now[offset] { break }
                    address &+= 1
                }
                lowest = min(lowest, address)
            }
        }
        var method = "lowest changed RAM byte below the initial SP"
        if let sampled = sampledLowestStackPointer, sampled < lowest {
            lowest = sampled
        }
        if sampledLowestStackPointer != nil { method += ", and SP sampled at calls and exception entries" }
        lowestStackAddress = lowest
        peakStackBytes = UInt64(initialStackPointer &- min(lowest, initialStackPointer))
        heapStartAddress = heapStart
        heapBytes = heapBreak.flatMap { $0 > heapStart ? UInt64($0 &- heapStart) : nil }
        staticEndAddress = staticEnd
        stackOverflow = lowest < heapTop && stackRegion != nil
        regions = uses
        self.method = method
    }
}
