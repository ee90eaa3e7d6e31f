import Boards
import CortexM
import ELFLoader
import Foundation
import Testing
@testable import Profiler

/// A hand-assembled microbit-v1 image: `Reset_Handler` calls `rec(depth)`, which pushes
/// {r4, lr}, reserves 64 bytes, stores into its frame and calls itself until depth is 0,
/// then exits through semihosting. 72 bytes of stack per level; 8 KiB of `.bss` at the
/// bottom of the 16 KiB SRAM leave 8 KiB of stack, so depth 150 (10,800 B) overflows
/// into `.bss` and depth 60 (4,320 B) fits.
enum RecursionImage {
    static let recAddress: UInt32 = 0x60

    /// BL from `from` to `to` (T1, DDI 0419 A6.7.13), as two halfwords.
    static func bl(from: UInt32, to: UInt32) -> [UInt16] {
        let offset = Int32(bitPattern: to &- (from &+ 4))
        let value = UInt32(bitPattern: offset)
        let s = (value >> 24) & 1
        let i1 = (value >> 23) & 1, i2 = (value >> 22) & 1
        let j1 = (~(i1 ^ s)) & 1, j2 = (~(i2 ^ s)) & 1
        let imm10 = (value >> 12) & 0x3FF, imm11 = (value >> 1) & 0x7FF
        return [UInt16(0xF000 | s << 10 | imm10), UInt16(0xD000 | j1 << 13 | j2 << 11 | imm11)]
    }

    /// - Parameter readsUninitialized: replace `str r0, [sp]` with `ldr r1, [sp, #4]`, a
    ///   load from the frame's never-written bytes.
    static func image(depth: UInt8, readsUninitialized: Bool = false) -> FirmwareImage {
        var halfwords = [UInt16](repeating: 0, count: 0x3A)
        func put(_ address: UInt32, _ values: [UInt16]) {
            for (index, value) in values.enumerated() { halfwords[Int(address / 2) + index] = value }
        }
        put(0x00, [0x4000, 0x2000])  // initial SP 0x20004000
        put(0x04, [0x0041, 0x0000])  // reset vector
        for vector in stride(from: UInt32(0x08), to: 0x40, by: 4) { put(vector, [0x004D, 0x0000]) }  // all to `b .` at 0x4C
        put(0x40, [0x2000 | UInt16(depth)])  // movs r0, #depth
        put(0x42, bl(from: 0x42, to: recAddress))
        put(0x46, [0x2018, 0x4901, 0xBEAB, 0xE7FE, 0xBF00])  // movs r0,#0x18; ldr r1,[pc,#4]; bkpt 0xab; b .; nop
        put(0x50, [0x0026, 0x0002])  // ADP_Stopped_ApplicationExit
        put(0x60, [0xB510, 0xB090, 0x9000, 0x3801, 0xD001])  // push {r4,lr}; sub sp,#64; str r0,[sp]; subs r0,#1; beq done
        if readsUninitialized { put(0x64, [0x9901]) }
        put(0x6A, bl(from: 0x6A, to: recAddress))
        put(0x6E, [0xB010, 0xBD10])  // done: add sp,#64; pop {r4,pc}
        let bytes = halfwords.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        return handAssembledImage(
            path: "recursion-\(depth)", bytes: bytes, bssBytes: 0x2000,
            symbols: [
                Symbol(name: "Reset_Handler", address: 0x40, byteCount: 0x14, kind: .function),
                Symbol(name: "rec", address: recAddress, byteCount: 0x12, kind: .function),
                Symbol(name: "end", address: 0x2000_2000, byteCount: 0, kind: .other),
            ])
    }

    static func run(depth: UInt8, readsUninitialized: Bool = false, options: RunOptions = .init()) throws -> RunResult {
        var options = options
        options.profilesFunctions = true
        let session = try Session(image: image(depth: depth, readsUninitialized: readsUninitialized), board: try BoardCatalog.board(key: "microbit-v1"), options: options, standardOutput: { _ in }, standardError: { _ in })
        return session.run()
    }
}


@Suite("Function profile")
struct FunctionProfileTests {
    @Test("a recursion of depth N counts N calls of rec and charges every cycle once")
    func recursionCallsAndCyclesAddUp() throws {
        let result = try RecursionImage.run(depth: 20)
        #expect(result.stopReason == .exited(status: 0))
        let profile = try #require(result.functions)
        let rec = try #require(profile.rows.first { $0.name == "rec" })
        #expect(rec.calls == 20)
        #expect(profile.totalCycles == result.cycles)
        #expect(profile.rows.reduce(0) { $0 + $1.exclusiveCycles } == result.cycles)
        // Outermost activations only: rec's inclusive time is at most the whole run.
        #expect(rec.inclusiveCycles <= result.cycles && rec.inclusiveCycles >= rec.exclusiveCycles)
        #expect(profile.resynchronizations == 0)
        // 20 levels of 72 bytes below the caller's SP, sampled at each call.
        #expect(result.dynamicMemory.peakStackBytes >= 19 * 72)
    }

    @Test("a load from never-written stack is reported with its PC; written RAM is not")
    func uninitializedReadsAreReported() throws {
        let clean = try RecursionImage.run(depth: 4)
        #expect(clean.uninitializedReads.isEmpty)
        let result = try RecursionImage.run(depth: 4, readsUninitialized: true)
        let first = try #require(result.uninitializedReads.first)
        #expect(first.pc == 0x64)
        #expect(first.count == 4)
        #expect(result.uninitializedReadCount == 4)
        #expect(TextReport.render(result).contains("loads of never-written RAM"))
    }

    @Test("profiling does not change the simulated cycles or instructions")
    func profilingIsInvisibleToTheRun() throws {
        let (plain, profiled) = try KWSOnNano33.runs.get()
        #expect(plain.cycles == profiled.cycles)
        #expect(plain.instructions == profiled.instructions)
        let profile = try #require(profiled.functions)
        #expect(profile.totalCycles == profiled.cycles)
        #expect(profile.rows.first?.name == "nn_conv2d_s8")
        #expect(profile.rows.contains { $0.name == "main" && $0.inclusiveCycles > profiled.cycles * 99 / 100 })
    }

    @Test("collapsed stacks are `frame;frame weight` lines whose weights sum to the profiled cycles")
    func foldedStacksGrammar() throws {
        let result = try RecursionImage.run(depth: 5)
        let text = FoldedStacks.render(try #require(result.functions))
        var sum: UInt64 = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            #expect(parts.count == 2, "line \(line)")
            #expect(!parts[0].isEmpty && !parts[0].split(separator: ";").contains { $0.isEmpty })
            sum += try #require(UInt64(parts[1]))
        }
        #expect(sum == result.cycles)
        #expect(text.contains("Reset_Handler;rec;rec;rec;rec;rec "))
    }

    @Test("the trace is Chrome trace-event JSON: X events nest, markers are instant events, times in microseconds")
    func traceIsValidJSON() throws {
        var options = RunOptions()
        options.recordsTrace = true
        options.profilesFunctions = true
        let session = try Session(image: try loadFirmware(board: "nano33", program: "kws"), board: try BoardCatalog.board(key: "nano33"), options: options, standardOutput: { _ in }, standardError: { _ in })
        let result = session.run()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(TraceReport.render(result).utf8)) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        let complete = events.filter { $0["ph"] as? String == "X" }
        let instants = events.filter { $0["ph"] as? String == "i" }
        #expect(complete.count >= 100_000)
        #expect(instants.count == result.markers.count && !instants.isEmpty)
        let main = try #require(complete.first { $0["name"] as? String == "main" })
        let duration = try #require(main["dur"] as? Double)
        #expect(abs(duration - Double(result.cycles) / 64.0) < Double(result.cycles) / 64.0 * 0.01)
    }

    @Test("--measure-function turns each outermost call into an inference")
    func measuredFunctionCallsAreInferences() throws {
        var options = RunOptions()
        options.measuredFunction = "kws_invoke"
        options.dutyRatePerSecond = 1
        options.batteryMilliampHours = 220
        let session = try Session(image: try loadFirmware(board: "nano33", program: "kws"), board: try BoardCatalog.board(key: "nano33"), options: options, standardOutput: { _ in }, standardError: { _ in })
        let result = session.run()
        let statistics = try #require(result.inferences)
        #expect(statistics.inferences.count == 2)
        // The markers wrap the call: the call is a little shorter than the marked window.
        #expect(statistics.medianCycles < 21_010_371 && statistics.medianCycles > 20_900_000)
        #expect(statistics.inferences.allSatisfy { ($0.stackBytes ?? 0) > 0 })
        // One ≈0.33 s inference per second: the battery estimate exists and the duty matches.
        let battery = try #require(result.battery)
        #expect(abs(battery.dutyFraction - Double(statistics.medianCycles) / 64e6) < 1e-9)
        #expect(battery.hours > 0 && battery.hours.isFinite)
    }

    @Test("an unknown --measure-function symbol is rejected with its name")
    func unknownMeasuredFunctionIsRejected() throws {
        var options = RunOptions()
        options.measuredFunction = "no_such_function"
        #expect(throws: ProfilerError.unknownFunction(file: "recursion-3", name: "no_such_function")) {
            _ = try Session(image: RecursionImage.image(depth: 3), board: try BoardCatalog.board(key: "microbit-v1"), options: options, standardOutput: { _ in }, standardError: { _ in })
        }
    }
}

@Suite("Fit")
struct FitTests {
    @Test("a shallow recursion fits microbit-v1 with its stack counted in SRAM")
    func shallowRecursionFits() throws {
        let report = FitReport.evaluate(image: RecursionImage.image(depth: 60), board: try BoardCatalog.board(key: "microbit-v1"))
        #expect(report.verdict == .fits, "\(report.reasons)")
        #expect(report.ramBytes >= 0x2000 + 59 * 72)
        #expect(report.ramMargin > 0)
    }

    @Test("a recursion that grows the stack into .bss does not fit and says stack overflow")
    func deepRecursionOverflowsIntoBSS() throws {
        let report = FitReport.evaluate(image: RecursionImage.image(depth: 150), board: try BoardCatalog.board(key: "microbit-v1"))
        #expect(report.verdict == .doesNotFit)
        #expect(report.reasons.contains { $0.hasPrefix("stack overflow") })
        #expect(report.result?.dynamicMemory.stackOverflow == true)
    }

    @Test("an ARMv7E-M image on a Cortex-M0 board is a core mismatch")
    func m4ImageOnM0IsACoreMismatch() throws {
        let report = FitReport.evaluate(image: try loadFirmware(board: "nano33", program: "kws"), board: try BoardCatalog.board(key: "microbit-v1"))
        #expect(report.verdict == .coreMismatch)
    }

    @Test("an image whose .data and .bss lie outside the board's RAM is not loadable there, however far it runs")
    func dataOutsideRAMIsNotLoadable() throws {
        // The nano33 build puts .data/.bss at 0x20000000; sparkfun-edge's SRAM is at
        // 0x10000000, while its flash at 0 holds the image's code.
        let report = FitReport.evaluate(image: try loadFirmware(board: "nano33", program: "kws"), board: try BoardCatalog.board(key: "sparkfun-edge"))
        #expect(report.verdict == .notLoadable)
        #expect(report.reasons.contains { $0.contains(".data") && $0.contains("linked for another memory map") })
        let result = try #require(report.result)
        #expect(TextReport.render(result).contains("outside this board's RAM"))
    }

    @Test("a writable section the linker placed in flash (.init_array of C++ constructors) is not a foreign memory map")
    func initArrayInFlashIsLoadable() throws {
        let base = RecursionImage.image(depth: 1)
        var image = base
        // Four bytes in the flash after the code, as GCC's linker scripts place the
        // constructor table: SHF_WRITE | SHF_ALLOC by the ELF ABI, read-only in practice.
        let end = base.sections.filter { $0.loadAddress < 0x2000_0000 }.map { $0.address + $0.byteCount }.max() ?? 0
        image.sections.append(
            Section(
                name: ".init_array", address: (end + 3) & ~3, byteCount: 4, loadAddress: (end + 3) & ~3, isAllocated: true,
                isExecutable: false, isWritable: true, occupiesFile: true))
        let report = FitReport.evaluate(image: image, board: try BoardCatalog.board(key: "microbit-v1"))
        #expect(report.verdict == .fits, "\(report.reasons)")
        #expect(report.result?.memory.ramSectionsOutsideRAM == [])
        #expect(report.result?.memory.flashSections.contains { $0.name == ".init_array" } == true)
    }

    @Test("the kws model fits nano33")
    func kwsFitsNano33() throws {
        let report = FitReport.evaluate(image: try loadFirmware(board: "nano33", program: "kws"), board: try BoardCatalog.board(key: "nano33"))
        #expect(report.verdict == .fits)
        #expect(report.result?.dynamicMemory.heapBytes != nil)
    }
}

@Suite("Battery life")
struct BatteryLifeTests {
    @Test("rates parse per second, minute and hour", arguments: [("1/s", 1.0), ("10/min", 10.0 / 60), ("2/h", 2.0 / 3600)])
    func ratesParse(text: String, perSecond: Double) {
        #expect(BatteryLife.parseRate(text) == perSecond)
    }

    @Test("battery capacity parses with and without volts")
    func batteryParses() {
        #expect(BatteryLife.parseBattery("220")?.milliampHours == 220)
        #expect(BatteryLife.parseBattery("220@3.0")?.volts == 3.0)
        #expect(BatteryLife.parseBattery("x") == nil)
    }

    /// nano33 figures: 3.3 V, I_sleep from the board preset. One 1,000 µJ inference per
    /// second lasting 0.1 s: P = 1 mW + 3.3 V × I_sleep × 0.9.
    @Test("average current is (E × rate + P_sleep × idle) / V")
    func formula() throws {
        let board = try BoardCatalog.board(key: "nano33")
        let life = try #require(BatteryLife(board: board, inferenceMicrojoules: 1000, inferenceSeconds: 0.1, ratePerSecond: 1, capacityMilliampHours: 100, batteryVolts: nil))
        let sleepWatts = board.power.supplyVolts * board.power.sleepCurrentMicroamps * 1e-6
        let expectedMilliamps = (1e-3 + sleepWatts * 0.9) / board.power.supplyVolts * 1e3
        #expect(abs(life.averageMilliamps - expectedMilliamps) < 1e-9)
        #expect(abs(life.hours - 100 / expectedMilliamps) < 1e-6)
        #expect(BatteryLife(board: board, inferenceMicrojoules: 1000, inferenceSeconds: 2, ratePerSecond: 1, capacityMilliampHours: 100, batteryVolts: nil) == nil)
    }
}
