import Boards
import CortexM
import ELFLoader
import Foundation
import Testing
@testable import Profiler

/// A hand-assembled microbit-v1 image that runs two identical inferences: each is
/// `armsim_inference_begin(0)`, `rec(depth)`, `armsim_inference_end()`, where `rec` is
/// the recursion of ``RecursionImage`` (push {r4, lr}; sub sp, #64; str r0, [sp]; ...):
/// 72 bytes of stack per level. `Reset_Handler` pushes nothing, so SP at the begin
/// marker is the initial SP, 0x20004000.
///
/// Stack bytes by hand: the deepest level stores r0 = 1 at its lowest address, SP_begin −
/// depth × 72, so the first inference reaches exactly depth × 72 bytes. The second one
/// stores the same values at the same addresses (r4 stays 0, the return addresses and
/// depths repeat), so no byte changes between its markers.
enum MarkedRecursionImage {
    static let recAddress: UInt32 = 0x70

    static func image(depth: UInt8) -> FirmwareImage {
        var halfwords = [UInt16](repeating: 0, count: 0x44)
        func put(_ address: UInt32, _ values: [UInt16]) {
            for (index, value) in values.enumerated() { halfwords[Int(address / 2) + index] = value }
        }
        put(0x00, [0x4000, 0x2000])  // initial SP 0x20004000
        put(0x04, [0x0041, 0x0000])  // reset vector: 0x40, Thumb
        for vector in stride(from: UInt32(0x08), to: 0x40, by: 4) { put(vector, [0x0065, 0x0000]) }  // all to `b .` at 0x64
        put(0x40, [0x2502])  // movs r5, #2 (inferences left; rec never touches r5)
        put(0x42, [0x2001, 0x0200, 0x2100, 0xBEAB])  // loop: movs r0, #1; lsls r0, r0, #8; movs r1, #0; bkpt 0xab (begin, 0x100)
        put(0x4A, [0x2000 | UInt16(depth)])  // movs r0, #depth
        put(0x4C, RecursionImage.bl(from: 0x4C, to: recAddress))
        put(0x50, [0x2001, 0x0200, 0x3001, 0x2100, 0xBEAB])  // movs r0, #1; lsls r0, r0, #8; adds r0, #1; movs r1, #0; bkpt 0xab (end, 0x101)
        put(0x5A, [0x3D01, 0xD1F1])  // subs r5, #1; bne loop (0x42)
        put(0x5E, [0x2018, 0x4901, 0xBEAB, 0xE7FE, 0xBF00])  // movs r0, #0x18; ldr r1, [pc, #4]; bkpt 0xab; b .; nop
        put(0x68, [0x0026, 0x0002])  // ADP_Stopped_ApplicationExit
        put(recAddress, [0xB510, 0xB090, 0x9000, 0x3801, 0xD001])  // push {r4, lr}; sub sp, #64; str r0, [sp]; subs r0, #1; beq done
        put(recAddress + 0x0A, RecursionImage.bl(from: recAddress + 0x0A, to: recAddress))
        put(recAddress + 0x0E, [0xB010, 0xBD10])  // done: add sp, #64; pop {r4, pc}
        let bytes = halfwords.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        return handAssembledImage(
            path: "marked-recursion-\(depth)", bytes: bytes, bssBytes: 0x100,
            symbols: [
                Symbol(name: "Reset_Handler", address: 0x40, byteCount: 0x2C, kind: .function),
                Symbol(name: "rec", address: recAddress, byteCount: 0x12, kind: .function),
                Symbol(name: "end", address: 0x2000_0100, byteCount: 0, kind: .other),
            ])
    }

    static func run(depth: UInt8, profiled: Bool) throws -> RunResult {
        var options = RunOptions()
        options.profilesFunctions = profiled
        let session = try Session(
            image: image(depth: depth), board: try BoardCatalog.board(key: "microbit-v1"), options: options,
            standardOutput: { _ in }, standardError: { _ in })
        return session.run()
    }
}


@Suite("Peak stack per inference")
struct InferenceStackTests {
    @Test("a plain run measures depth × 72 bytes for the first marked recursion, and the report's maximum is that")
    func plainRunMeasuresTheFirstInferenceExactly() throws {
        let result = try MarkedRecursionImage.run(depth: 10, profiled: false)
        #expect(result.stopReason == .exited(status: 0))
        let statistics = try #require(result.inferences)
        #expect(statistics.inferences.count == 2)
        let first = statistics.inferences[0]
        #expect(first.stackBytes == 720)
        #expect(first.peakStackBytes == 720)
        #expect(first.lowestStackAddress == UInt32(0x2000_3D30))
        #expect(statistics.maximumStackBytes == 720)
        #expect(result.dynamicMemory.peakStackBytes == 720)
        #expect(TextReport.render(result).contains("stack/inf.    max 720 B below SP at the begin marker, at most 720 B deep (down to 0x20003D30)"))
    }

    @Test("the documented limit: a repeated inference that rewrites the same values shows no stack in a plain run")
    func identicalRewritesAreInvisibleWithoutTheProbe() throws {
        let result = try MarkedRecursionImage.run(depth: 10, profiled: false)
        let second = try #require(result.inferences?.inferences.last)
        #expect(second.stackBytes == 0)
    }

    @Test("with the probe, SP sampled at the calls inside the second inference gives (depth − 1) × 72 bytes")
    func sampledStackPointerBoundsTheRepeatedInference() throws {
        let result = try MarkedRecursionImage.run(depth: 10, profiled: true)
        let statistics = try #require(result.inferences)
        #expect(statistics.inferences.map(\.stackBytes) == [720, 648])
        // The windows at the markers do not lose the whole run's sampled minimum.
        #expect(result.dynamicMemory.peakStackBytes == 720)
    }

    @Test("kws on nano33, plain run: each inference has a peak stack above 0 and at most the run's peak")
    func kwsInferencesHaveAPeakStackInAPlainRun() throws {
        let result = try Session(
            image: try loadFirmware(board: "nano33", program: "kws"), board: try BoardCatalog.board(key: "nano33"),
            standardOutput: { _ in }, standardError: { _ in }
        ).run()
        #expect(result.functions == nil)
        let statistics = try #require(result.inferences)
        #expect(statistics.inferences.count == 2)
        for inference in statistics.inferences {
            let used = try #require(inference.stackBytes)
            let peak = try #require(inference.peakStackBytes)
            #expect(used > 0)
            #expect(peak >= used && peak <= result.dynamicMemory.peakStackBytes)
            #expect(try #require(inference.lowestStackAddress) >= result.dynamicMemory.lowestStackAddress)
        }
        // The heap newlib's printf allocated is not mistaken for stack (newlib's `heap_end`).
        #expect(result.dynamicMemory.heapBytes != nil)
        #expect(result.dynamicMemory.peakStackBytes < 4096)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReport.render(result, version: "test").utf8)) as? [String: Any])
        let inferences = try #require(json["inferences"] as? [String: Any])
        #expect(inferences["max_stack_bytes"] as? UInt64 == statistics.maximumStackBytes)
        let each = try #require(inferences["each"] as? [[String: Any]])
        #expect(each.allSatisfy { ($0["peak_stack_bytes"] as? Int ?? 0) > 0 && ($0["lowest_stack_address"] as? Int) != nil })
        #expect(MarkdownReport.render(result).contains("| stack / inference (max) |"))
    }

    @Test("profiling does not lower what the markers measured, and leaves cycles alone")
    func profiledInferenceStackIsAtLeastThePlainOne() throws {
        let (plain, profiled) = try KWSOnNano33.runs.get()
        #expect(plain.cycles == profiled.cycles)
        let plainBytes = try #require(plain.inferences).inferences.map { $0.stackBytes ?? 0 }
        let profiledBytes = try #require(profiled.inferences).inferences.map { $0.stackBytes ?? 0 }
        #expect(zip(plainBytes, profiledBytes).allSatisfy { $0 <= $1 })
    }

    @Test("the first difference is found across 4 KiB blocks, and equal buffers give their length")
    func firstDifferenceScansBlocks() {
        let old = [UInt8](repeating: 7, count: 10_000)
        var new = old
        new[9_001] = 8
        #expect(InferenceStackTracker.firstDifference(old, new, from: 0) == 9_001)
        #expect(InferenceStackTracker.firstDifference(old, new, from: 9_002) == 10_000)
        #expect(InferenceStackTracker.firstDifference(old, old, from: 5) == 10_000)
        #expect(InferenceStackTracker.firstDifference([], [], from: 0) == 0)
    }
}
