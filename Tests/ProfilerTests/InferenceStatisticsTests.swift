import CortexM
import Testing
@testable import Profiler

@Suite("Inference statistics")
struct InferenceStatisticsTests {
    static func marker(_ kind: Semihosting.Marker.Kind, _ cycle: UInt64, _ name: String = "kws") -> Semihosting.Marker {
        Semihosting.Marker(kind: kind, name: name, cycle: cycle, instruction: cycle / 2, stackPointer: 0)
    }

    @Test("Begin/end pairs become inferences; min, lower median, max and mean are over the kept ones")
    func pairsMarkersAndComputesStatistics() throws {
        let markers = [
            Self.marker(.inferenceBegin, 100), Self.marker(.inferenceEnd, 400),  // 300, warm-up
            Self.marker(.mark, 450, "x"),
            Self.marker(.inferenceBegin, 500), Self.marker(.inferenceEnd, 700),  // 200
            Self.marker(.inferenceBegin, 800), Self.marker(.inferenceEnd, 1050),  // 250
            Self.marker(.inferenceBegin, 1100), Self.marker(.inferenceEnd, 1310),  // 210
        ]
        let statistics = try #require(InferenceStatistics(markers: markers, skip: 1))
        #expect(statistics.skipped == 1)
        #expect(statistics.inferences.map(\.cycles) == [200, 250, 210])
        #expect(statistics.minimumCycles == 200)
        #expect(statistics.medianCycles == 210)
        #expect(statistics.maximumCycles == 250)
        #expect(statistics.meanCycles == 220)
        #expect(statistics.inferences[0].instructions == 100)
    }

    @Test("Nested begin/end pairs close innermost first; an unmatched end is ignored")
    func nestedAndUnmatchedMarkers() throws {
        let markers = [
            Self.marker(.inferenceEnd, 10),
            Self.marker(.inferenceBegin, 100, "outer"), Self.marker(.inferenceBegin, 150, "inner"),
            Self.marker(.inferenceEnd, 170), Self.marker(.inferenceEnd, 300),
        ]
        let statistics = try #require(InferenceStatistics(markers: markers))
        #expect(statistics.inferences.map(\.name) == ["outer", "inner"])
        #expect(statistics.inferences.map(\.cycles) == [200, 20])
    }

    @Test("Each inference takes the lowest stack address recorded at its own end marker, measured from its begin SP")
    func stackAddressesPairWithTheirEndMarkers() throws {
        func marker(_ kind: Semihosting.Marker.Kind, _ cycle: UInt64, sp: UInt32) -> Semihosting.Marker {
            Semihosting.Marker(kind: kind, name: "", cycle: cycle, instruction: cycle, stackPointer: sp)
        }
        let markers = [
            marker(.inferenceBegin, 100, sp: 0x2000_1000), marker(.inferenceBegin, 150, sp: 0x2000_0F00),
            marker(.inferenceEnd, 170, sp: 0x2000_0F00), marker(.inferenceEnd, 300, sp: 0x2000_1000),
            marker(.inferenceBegin, 400, sp: 0x2000_1000), marker(.inferenceEnd, 500, sp: 0x2000_1000),
        ]
        // Index 2 ends the inner inference, 3 the outer one; index 5's inference has no record.
        let statistics = try #require(InferenceStatistics(
            markers: markers, lowestStackAddresses: [2: 0x2000_0E00, 3: 0x2000_0D00], initialStackPointer: 0x2000_2000))
        #expect(statistics.inferences.map(\.stackBytes) == [0x300, 0x100, nil])
        #expect(statistics.inferences.map(\.peakStackBytes) == [0x1300, 0x1200, nil])
        #expect(statistics.maximumStackBytes == 0x300)
        #expect(statistics.maximumPeakStackBytes == 0x1300)
    }

    @Test("No complete inference gives no statistics")
    func noInferences() {
        #expect(InferenceStatistics(markers: [Self.marker(.inferenceBegin, 1)]) == nil)
        #expect(InferenceStatistics(markers: [Self.marker(.inferenceBegin, 1), Self.marker(.inferenceEnd, 2)], skip: 1) == nil)
    }
}
