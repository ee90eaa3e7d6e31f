import Testing
@testable import Profiler

/// The RAM compare behind peak stack and written regions (DynamicMemory.swift): eight
/// bytes at a time, so every position of a difference in and around a word matters.
@Suite("Dynamic memory compare")
struct DynamicMemoryTests {
    static let size = 61

    /// Two buffers of `size` bytes that differ exactly at `positions`.
    static func buffers(differingAt positions: [Int]) -> ([UInt8], [UInt8]) {
        let before = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var after = before
        for position in positions { after[position] ^= 0x5A }
        return (before, after)
    }

    @Test("The first and last differences are found wherever they lie, in any sub-range")
    func differencesMatchAByteByByteScan() {
        let patterns: [[Int]] = [[]] + (0..<Self.size).map { [$0] } + [[0, 60], [7, 8], [15, 16, 17], [3, 40, 41]]
        for positions in patterns {
            let (before, after) = Self.buffers(differingAt: positions)
            for lower in [0, 1, 7, 8, 9, 30] {
                for upper in [lower, lower + 1, lower + 8, 53, 60, 61] where upper >= lower && upper <= Self.size {
                    let inRange = positions.filter { $0 >= lower && $0 < upper }.sorted()
                    #expect(DynamicMemory.firstDifference(before, after, in: lower..<upper) == inRange.first)
                    #expect(DynamicMemory.lastDifference(before, after, in: lower..<upper) == inRange.last)
                }
            }
        }
    }
}
