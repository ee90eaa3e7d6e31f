import CortexM

/// The human report of a run, printed on stderr.
public enum TextReport {
    /// The report as lines of text.
    /// - Parameters:
    ///   - result: the run.
    ///   - style: `.ansi` colours the stop reason (green on exit status 0, yellow for
    ///     another firmware status, red for a failed run), faults red and warnings yellow.
    public static func render(_ result: RunResult, style: TextStyle = .plain) -> String {
        let board = result.board
        var lines: [String] = []
        let clock = megahertz(board.clockHz)
        lines.append("armsim: \(result.file) on \(board.key) (\(board.mcu), \(board.core.displayName) @ \(clock) MHz)")
        if case .entryPoint(let entry) = result.resetSource {
            lines.append("  note: no vector table at \(hex(board.bootAddress)); started at the ELF entry point \(hex(entry))")
        }
        let stopColor: TextStyle.Color
        switch result.stopReason {
        case .exited(let status): stopColor = status == 0 ? .green : .yellow
        default: stopColor = .red
        }
        lines.append("  stop          " + style.paint(result.stopDescription, stopColor))
        lines.append("  instructions  \(grouped(result.instructions))")
        lines.append("  cycles        \(grouped(result.cycles))  (\(duration(result.seconds)) at \(clock) MHz)")
        if result.sleepCycles > 0 {
            lines.append("  asleep        \(grouped(result.sleepCycles)) cycles in WFI/WFE")
        }
        lines.append("  CPI           \(fixed(result.cyclesPerInstruction, decimals: 3))")
        if result.exceptionsTaken > 0 {
            lines.append("  exceptions    \(grouped(result.exceptionsTaken)) taken")
        }
        if let fault = result.fault {
            lines.append("  fault         " + style.paint("\(fault.kind.description) at \(result.location(fault.pc))", .red))
            lines.append("  registers     " + registerLine(fault.registers, range: 0..<8))
            lines.append("                " + registerLine(fault.registers, range: 8..<16) + "  xPSR=\(hex(fault.xpsr))")
        }
        if let statistics = result.inferences {
            let clock = Double(max(board.clockHz, 1))
            let names = Set(statistics.inferences.map(\.name)).sorted().joined(separator: ", ")
            lines.append("  inferences    \(statistics.inferences.count) (\(names))" + (statistics.skipped > 0 ? ", \(statistics.skipped) warm-up skipped" : ""))
            lines.append("  latency       median \(grouped(statistics.medianCycles)) cycles = \(duration(Double(statistics.medianCycles) / clock))"
                + "  (min \(grouped(statistics.minimumCycles)), max \(grouped(statistics.maximumCycles)))")
            if let energy = result.energyPerInference {
                lines.append("  energy/inf.   \(fixed(energy.microjoules, decimals: 1)) µJ at \(fixed(energy.averageMilliwatts, decimals: 2)) mW (estimate)")
            }
            if let used = statistics.maximumStackBytes {
                let start = result.measuredFunction == nil ? "SP at the begin marker" : "SP at the call"
                var line = "  stack/inf.    max \(bytes(used)) below \(start)"
                if let deepest = statistics.maximumPeakStackBytes, let lowest = statistics.inferences.compactMap(\.lowestStackAddress).min() {
                    line += ", at most \(bytes(deepest)) deep (down to \(hex(lowest)))"
                }
                lines.append(line)
            }
        }
        let memory = result.memory
        lines.append("  flash         \(bytes(memory.flashBytes)) of \(bytes(memory.flashCapacity))  (\(percent(memory.flashBytes, memory.flashCapacity)))")
        lines.append("  SRAM static   \(bytes(memory.ramBytes)) of \(bytes(memory.ramCapacity))  (\(percent(memory.ramBytes, memory.ramCapacity)))")
        let dynamic = result.dynamicMemory
        lines.append("  peak stack    \(bytes(dynamic.peakStackBytes))  (SP \(hex(dynamic.initialStackPointer)) down to \(hex(dynamic.lowestStackAddress)))")
        if let heap = dynamic.heapBytes {
            lines.append("  heap          \(bytes(heap)) high-water (from \(hex(dynamic.heapStartAddress)), newlib _sbrk)")
        }
        let ramNeed = memory.ramBytes + dynamic.peakStackBytes + (dynamic.heapBytes ?? 0)
        lines.append("  SRAM used     \(bytes(ramNeed)) of \(bytes(memory.ramCapacity))  (\(percent(ramNeed, memory.ramCapacity)); static + peak stack + heap)")
        if !memory.ramSectionsOutsideRAM.isEmpty {
            lines.append("  " + style.paint("warning", .yellow) + "       \(memory.ramSectionsOutsideRAM.joined(separator: ", ")) outside this board's RAM: the image is linked for another memory map")
        }
        if dynamic.stackOverflow {
            lines.append("  " + style.paint("warning", .yellow) + "       stack overflow: the stack reached \(hex(dynamic.lowestStackAddress)), below the end of static RAM/heap \(hex(max(dynamic.staticEndAddress, dynamic.heapStartAddress)))")
        }
        if let energy = result.energy {
            lines.append("  energy        \(fixed(energy.microjoules, decimals: 1)) µJ for the run, \(fixed(energy.averageMilliwatts, decimals: 2)) mW average (estimate from datasheet figures, docs/energy-model.md)")
        }
        if let first = result.uninitializedReads.first {
            lines.append("  " + style.paint("warning", .yellow) + "       \(grouped(result.uninitializedReadCount)) loads of never-written RAM (uninitialised memory) at \(result.uninitializedReads.count) PCs; first: "
                + "\(first.byteCount)-byte load at \(result.location(first.pc)) from \(hex(first.address))")
            for read in result.uninitializedReads.prefix(5) {
                lines.append("                \(result.location(read.pc)) read \(hex(read.address)) (\(grouped(read.count))×)")
            }
        }
        if let battery = result.battery {
            lines.append("  battery       \(fixed(battery.hours / 24, decimals: 1)) days on \(fixed(battery.capacityMilliampHours, decimals: 0)) mAh at \(fixed(battery.batteryVolts, decimals: 2)) V"
                + " (\(fixed(battery.ratePerSecond, decimals: 4))/s, \(fixed(battery.averageMilliamps * 1000, decimals: 1)) µA average, duty \(fixed(battery.dutyFraction * 100, decimals: 2)) %; estimate)")
        }
        if let profile = result.functions {
            lines.append(contentsOf: functionTable(profile, top: result.topFunctionCount))
        }
        if result.peripheralAccessCount > 0, let address = result.firstPeripheralAddress {
            lines.append("  " + style.paint("warning", .yellow) + "       \(grouped(result.peripheralAccessCount)) accesses to vendor peripherals armsim does not model (read as 0), first at \(hex(address))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The top-N functions by exclusive cycles, as an aligned table.
    static func functionTable(_ profile: FunctionProfile, top: Int) -> [String] {
        let total = max(profile.totalCycles, 1)
        var lines = ["  functions     top \(min(top, profile.rows.count)) of \(profile.rows.count) by exclusive cycles (inclusive counts callees)"]
        let header = ["exclusive", "%", "inclusive", "%", "calls", "function"]
        var table: [[String]] = [header]
        for row in profile.rows.prefix(top) {
            table.append([
                grouped(row.exclusiveCycles), fixed(Double(row.exclusiveCycles) * 100 / Double(total), decimals: 1),
                grouped(row.inclusiveCycles), fixed(Double(row.inclusiveCycles) * 100 / Double(total), decimals: 1),
                grouped(row.calls), row.name,
            ])
        }
        let widths = (0..<header.count).map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            var line = "   "
            for column in 0..<row.count {
                let cell = row[column]
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                line += " " + (column == row.count - 1 ? cell : pad + cell)
            }
            lines.append(line)
        }
        if profile.resynchronizations > 0 || profile.depthOverflows > 0 {
            lines.append("  note          call stack resynchronized \(profile.resynchronizations) times (longjmp, context switch, unmatched return); \(profile.depthOverflows) calls past the depth cap")
        }
        return lines
    }

    private static func registerLine(_ registers: [UInt32], range: Range<Int>) -> String {
        range.map { index -> String in
            let name = index == 13 ? "sp" : index == 14 ? "lr" : index == 15 ? "pc" : "r\(index)"
            return "\(name)=\(hex(registers[index]))"
        }.joined(separator: " ")
    }

    /// A byte count in B, KiB or MiB.
    static func bytes(_ count: UInt64) -> String {
        if count >= 1 << 20 { return fixed(Double(count) / Double(1 << 20), decimals: 2) + " MiB" }
        if count >= 1 << 10 { return fixed(Double(count) / Double(1 << 10), decimals: 1) + " KiB" }
        return "\(count) B"
    }

    static func percent(_ part: UInt64, _ whole: UInt64) -> String {
        whole == 0 ? "-" : fixed(Double(part) * 100 / Double(whole), decimals: 1) + " %"
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    static func megahertz(_ hz: UInt64) -> String {
        hz % 1_000_000 == 0 ? String(hz / 1_000_000) : fixed(Double(hz) / 1e6, decimals: 3)
    }

    /// Seconds with a unit that keeps 4 significant figures readable.
    static func duration(_ seconds: Double) -> String {
        if seconds >= 1 { return fixed(seconds, decimals: 3) + " s" }
        if seconds >= 1e-3 { return fixed(seconds * 1e3, decimals: 3) + " ms" }
        return fixed(seconds * 1e6, decimals: 3) + " µs"
    }

    /// Fixed-point formatting without Foundation's locale dependence.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let integerPart = UInt64(scaled / scale)
        let fraction = UInt64(scaled - Double(integerPart) * scale)
        var fractionText = String(fraction)
        fractionText = String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
        return (value < 0 && scaled != 0 ? "-" : "") + String(integerPart) + (decimals > 0 ? "." + fractionText : "")
    }
}
