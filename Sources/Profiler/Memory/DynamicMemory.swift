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
///   entries, and the lowest address any inference reached (``InferenceStackTracker``),
///   whichever is lower. Limits: a write that stores the byte's old value (often 0) is
///   invisible, so the deepest frame may be under-counted by the bytes it never changed;
///   a stack that grows into `.bss` is seen through the sampled SP only.
/// - Heap: the highest break newlib's `_sbrk` handed out (profiled runs), else the break
///   newlib keeps in `_sbrk`'s static `heap_end` at the end of the run, else nil.
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

    /// The highest index in `range` where `a` and `b` differ. Whole RAM regions are
    /// compared (4 MiB on some boards), so eight bytes at a time.
    static func lastDifference(_ a: [UInt8], _ b: [UInt8], in range: Range<Int>) -> Int? {
        a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                var end = range.upperBound
                while end - range.lowerBound >= 8 {
                    if a.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self)
                        != b.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self) { break }
                    end -= 8
                }
                return (range.lowerBound..<end).last { a[$0] != b[$0] }
            }
        }
    }

    /// The lowest index in `range` where `a` and `b` differ (see `lastDifference`).
    static func firstDifference(_ a: [UInt8], _ b: [UInt8], in range: Range<Int>) -> Int? {
        a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in
                var start = range.lowerBound
                while range.upperBound - start >= 8 {
                    if a.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                        != b.loadUnaligned(fromByteOffset: start, as: UInt64.self) { break }
                    start += 8
                }
                return (start..<range.upperBound).first { a[$0] != b[$0] }
            }
        }
    }

    /// Where the stack lives: the RAM region holding the initial SP, the end of the static
    /// sections in it and the start of the heap, the floor the stack may not cross.
    struct StackLayout {
        var region: MemoryRegionSpec?
        /// The end of the static RAM (`.data`, `.bss`, ...) in the stack's region.
        var staticEnd: UInt32
        /// `end`/`__end__`, else ``staticEnd``.
        var heapStart: UInt32

        init(image: FirmwareImage, regions: [MemoryRegionSpec], initialStackPointer: UInt32) {
            region = regions.first { $0.kind == .ram && $0.contains(address: initialStackPointer &- 1, length: 1) }
            var staticEnd: UInt32 = region?.baseAddress ?? 0
            if let region {
                for section in image.sections where section.isAllocated && section.byteCount > 0
                    && region.contains(address: section.address, length: 1)
                    && !section.name.contains("stack") && !section.name.contains("heap")
                {
                    staticEnd = max(staticEnd, section.address &+ section.byteCount)
                }
            }
            self.staticEnd = staticEnd
            heapStart = (image.symbols.symbol(named: "end") ?? image.symbols.symbol(named: "__end__"))?.address ?? staticEnd
        }

        /// The top of static data and heap: the lowest address a stack below `limit` may
        /// own, given the heap break (nil: unknown, the heap is taken as empty).
        func heapTop(heapBreak: UInt32?, below limit: UInt32) -> UInt32 {
            var top = max(heapStart, staticEnd)
            if let heapBreak, heapBreak > top, heapBreak < limit { top = heapBreak }
            return top
        }
    }

    /// The heap break newlib's `_sbrk` keeps in its function-local static `heap_end`
    /// (libgloss `syscalls.c`, libnosys `sbrk.c`; GCC names the symbol `heap_end.0` or
    /// `heap_end.<n>`), read from RAM now; nil when the image has no such symbol or
    /// `_sbrk` was never called (the word is still 0).
    ///
    /// A plain run has no call-stack probe to watch `_sbrk`, so without this a heap in
    /// use would read as stack written far below the initial SP.
    static func newlibHeapBreak(image: FirmwareImage, bus: Bus) -> UInt32? {
        guard let symbol = image.symbols.all.first(where: {
            $0.kind == .object && $0.byteCount == 4 && ($0.name == "heap_end" || $0.name.hasPrefix("heap_end."))
        }), let value = bus.hostRead32(symbol.address), value != 0 else { return nil }
        return value
    }

    init(
        before: Snapshot, bus: Bus, image: FirmwareImage, initialStackPointer: UInt32, sampledLowestStackPointer: UInt32?,
        heapBreak: UInt32?, inferenceLowestStackAddresses: [UInt32] = []
    ) {
        self.initialStackPointer = initialStackPointer
        var uses: [RegionUse] = []
        var lowest = initialStackPointer
        let layout = StackLayout(image: image, regions: before.regions.map(\.spec), initialStackPointer: initialStackPointer)
        let stackRegion = layout.region
        let staticEnd = layout.staticEnd
        let heapStart = layout.heapStart
        let heapTop = layout.heapTop(heapBreak: heapBreak, below: initialStackPointer)
        for (spec, old) in before.regions {
            let now = bus.hostRead(address: spec.baseAddress, length: Int(spec.byteCount)) ?? []
            let compared = min(old.count, now.count)
            let highest = Self.lastDifference(old, now, in: 0..<compared).map { spec.baseAddress &+ UInt32($0) }
            uses.append(RegionUse(name: spec.name, baseAddress: spec.baseAddress, byteCount: spec.byteCount, highestWrittenAddress: highest))
            if spec.contains(address: initialStackPointer &- 1, length: 1) {
                // The lowest written byte between the heap top and the initial SP (the SP
                // itself when none was written).
                var address = heapTop
                if heapTop < initialStackPointer {
                    let start = Int(max(heapTop, spec.baseAddress) &- spec.baseAddress)
                    let end = min(Int(initialStackPointer &- spec.baseAddress), compared)
                    address = Self.firstDifference(old, now, in: start..<max(start, end))
                        .map { spec.baseAddress &+ UInt32($0) } ?? initialStackPointer
                }
                lowest = min(lowest, address)
            }
        }
        var method = "lowest changed RAM byte below the initial SP"
        if let sampled = sampledLowestStackPointer, sampled < lowest {
            lowest = sampled
        }
        if sampledLowestStackPointer != nil { method += ", and SP sampled at calls and exception entries" }
        // A byte an inference changed may be back to its value from before the run, so an
        // inference's own lowest address can lie below what the whole-run compare sees.
        if let deepest = inferenceLowestStackAddresses.min() {
            lowest = min(lowest, deepest)
            method += ", and the stack compared at each inference's markers"
        }
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
