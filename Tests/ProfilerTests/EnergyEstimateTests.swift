import Boards
import Testing
@testable import Profiler

@Suite("Energy estimate")
struct EnergyEstimateTests {
    @Test("nucleo-l4r5zi at 120 MHz implies 40-48 mW, the band MLPerf Tiny v0.5 measured for TFLM (tinyml-baselines.md)")
    func l4r5ziPowerMatchesMLPerfTiny() throws {
        let board = try BoardCatalog.board(key: "nucleo-l4r5zi")
        // KWS reference inference: 181.9 ms at 120 MHz ≈ 21.8 M cycles.
        let estimate = try #require(EnergyEstimate(board: board, cycles: 21_828_000, sleepCycles: 0))
        #expect(estimate.averageMilliwatts >= 40 && estimate.averageMilliwatts <= 48)
        // 7374 µJ measured; the estimate is within the band's ±10 %.
        #expect(abs(estimate.microjoules - 7374) / 7374 < 0.1)
    }

    @Test("E = V × I × t: one second of 3.3 V × 13.2 mA is 43,560 µJ; sleep uses the sleep current")
    func formulaSplitsActiveAndSleep() throws {
        let board = try BoardCatalog.board(key: "nucleo-l4r5zi")
        let estimate = try #require(EnergyEstimate(board: board, cycles: 240_000_000, sleepCycles: 120_000_000))
        #expect(abs(estimate.activeMicrojoules - 43_560) < 1e-6)
        #expect(abs(estimate.sleepMicrojoules - 3.3 * 2.8) < 1e-6)
        #expect(abs(estimate.averageMilliwatts - (43_560 + 3.3 * 2.8) / 2 / 1000) < 1e-9)
    }

    @Test("Generic boards have no power figures, so no energy is estimated")
    func genericBoardsHaveNoEstimate() {
        #expect(EnergyEstimate(board: BoardCatalog.generic(core: .m0), cycles: 1000, sleepCycles: 0) == nil)
    }
}
