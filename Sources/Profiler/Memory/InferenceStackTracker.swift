import CortexM
import ELFLoader
import Foundation
import MemoryBus

/// The peak stack of each marker-delimited inference (`armsim_inference_begin` …
/// `armsim_inference_end`), measured in every run, profiled or not.
///
/// Method (docs/profiling.md, "Peak stack per inference"): at the begin marker the
/// stack area below the current SP, down to the top of static data and heap, is
/// copied; at the end marker it is compared with the copy, and the lowest byte whose
/// value changed is the deepest the inference's stack reached. The lowest address is
/// the lower of that byte, SP at either marker, and, in a profiled run, the lowest SP
/// sampled at calls and exception entries between the markers (a stack window of the
/// ``CallStackProbe``).
///
/// Why at the markers: the semihosting hook runs only there (rare, outside the run
/// loop), so the plain loop pays nothing per instruction.
/// - Note: limits, as for the whole-run peak: a store that leaves a byte's value as it
///   was at the begin marker is invisible, and a second identical inference rewrites
///   much of the same bytes with the same values, so the copy alone can under-count the
///   deepest frame by the bytes it did not change. The sampled SP (with `--profile`)
///   bounds that from the other side. Heap growth between the markers is excluded by
///   scanning only above the heap break at the end marker.
final class InferenceStackTracker {
    /// An inference whose end marker has not been seen yet.
    private struct OpenInference {
        /// SP at the begin marker.
        var stackPointer: UInt32
        /// The first address of the copy.
        var floorAddress: UInt32
        /// The bytes from `floorAddress` up to `stackPointer` at the begin marker.
        var bytes: [UInt8]
    }

    private let bus: Bus
    private let image: FirmwareImage
    private let layout: DynamicMemory.StackLayout
    private let regions: [MemoryRegionSpec]
    private let initialStackPointer: UInt32
    private let probe: CallStackProbe?
    private var open: [OpenInference] = []

    /// The lowest stack address of each completed inference, by the index of its end
    /// marker in `Semihosting.markers` (markers pair as `InferenceStatistics` pairs them:
    /// an end closes the latest open begin).
    private(set) var lowestStackAddressByEndMarker: [Int: UInt32] = [:]

    init(bus: Bus, image: FirmwareImage, regions: [MemoryRegionSpec], initialStackPointer: UInt32, probe: CallStackProbe?) {
        self.bus = bus
        self.image = image
        self.regions = regions
        self.initialStackPointer = initialStackPointer
        self.probe = probe
        layout = DynamicMemory.StackLayout(image: image, regions: regions, initialStackPointer: initialStackPointer)
    }

    /// The semihosting marker hook (`Semihosting.markerObserver`).
    func observe(_ marker: Semihosting.Marker, index: Int) {
        switch marker.kind {
        case .inferenceBegin: begin(at: marker.stackPointer)
        case .inferenceEnd: end(at: marker.stackPointer, markerIndex: index)
        case .mark: break
        }
    }

    /// The heap break now: what the probe saw `_sbrk` hand out, else newlib's own record.
    private var heapBreak: UInt32? {
        if let probe, probe.heapBreakHighWater != 0 { return probe.heapBreakHighWater }
        return DynamicMemory.newlibHeapBreak(image: image, bus: bus)
    }

    /// The lowest address the stack below `stackPointer` may own now: above static data
    /// and heap when SP is in the main stack's region, else the base of SP's region (a
    /// thread stack of an RTOS, say).
    private func floorAddress(below stackPointer: UInt32) -> UInt32 {
        guard let region = regions.first(where: { $0.kind == .ram && $0.contains(address: stackPointer &- 1, length: 1) }) else {
            return stackPointer
        }
        guard region == layout.region else { return region.baseAddress }
        return min(max(layout.heapTop(heapBreak: heapBreak, below: stackPointer), region.baseAddress), stackPointer)
    }

    private func begin(at stackPointer: UInt32) {
        let floor = floorAddress(below: stackPointer)
        let bytes = bus.hostRead(address: floor, length: Int(stackPointer &- floor)) ?? []
        open.append(OpenInference(stackPointer: stackPointer, floorAddress: floor, bytes: bytes))
        probe?.beginStackWindow()
    }

    private func end(at stackPointer: UInt32, markerIndex: Int) {
        guard let inference = open.popLast() else { return }
        var lowest = min(inference.stackPointer, stackPointer)
        if let sampled = probe?.endStackWindow() { lowest = min(lowest, sampled) }
        if !inference.bytes.isEmpty, let now = bus.hostRead(address: inference.floorAddress, length: inference.bytes.count) {
            // Bytes below the heap break as it is now belong to the heap, however they changed.
            let heapTop = max(floorAddress(below: inference.stackPointer), inference.floorAddress)
            let offset = Self.firstDifference(inference.bytes, now, from: Int(heapTop &- inference.floorAddress))
            if offset < now.count { lowest = min(lowest, inference.floorAddress &+ UInt32(offset)) }
        }
        lowestStackAddressByEndMarker[markerIndex] = lowest
    }

    /// The first offset from `start` on at which `old` and `new` differ, or their common
    /// length when they do not. Compared 4 KiB at a time with `memcmp`: most of the area
    /// is untouched, and a firmware may mark hundreds of inferences.
    static func firstDifference(_ old: [UInt8], _ new: [UInt8], from start: Int) -> Int {
        let count = min(old.count, new.count)
        var offset = max(start, 0)
        old.withUnsafeBytes { a in
            new.withUnsafeBytes { b in
                while offset < count {
                    let block = min(4096, count - offset)
                    guard memcmp(a.baseAddress! + offset, b.baseAddress! + offset, block) != 0 else {
                        offset += block
                        continue
                    }
                    while a[offset] == b[offset] { offset += 1 }
                    return
                }
            }
        }
        return min(offset, count)
    }
}
