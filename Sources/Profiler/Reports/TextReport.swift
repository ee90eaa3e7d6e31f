import CortexM

/// The human report of a run, printed on stderr.
public enum TextReport {
    /// The report as lines of text.
    public static func render(_ result: RunResult) -> String {
        let board = result.board
        var lines: [String] = []
        let clock = megahertz(board.clockHz)
        lines.append("armsim: \(result.file) on \(board.key) (\(board.mcu), \(board.core.displayName) @ \(clock) MHz)")
        if case .entryPoint(let entry) = result.resetSource {
            lines.append("  note: no vector table at \(hex(board.bootAddress)); started at the ELF entry point \(hex(entry))")
        }
        lines.append("  stop          \(result.stopDescription)")
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
            lines.append("  fault         \(fault.kind.description) at \(result.location(fault.pc))")
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
        }
        let memory = result.memory
        lines.append("  flash         \(bytes(memory.flashBytes)) of \(bytes(memory.flashCapacity))  (\(percent(memory.flashBytes, memory.flashCapacity)))")
        lines.append("  SRAM static   \(bytes(memory.ramBytes)) of \(bytes(memory.ramCapacity))  (\(percent(memory.ramBytes, memory.ramCapacity)))")
        if let energy = result.energy {
            lines.append("  energy        \(fixed(energy.microjoules, decimals: 1)) µJ for the run, \(fixed(energy.averageMilliwatts, decimals: 2)) mW average (estimate from datasheet figures, docs/energy-model.md)")
        }
        if result.peripheralAccessCount > 0, let address = result.firstPeripheralAddress {
            lines.append("  warning       \(grouped(result.peripheralAccessCount)) accesses to vendor peripherals armsim does not model (read as 0), first at \(hex(address))")
        }
        return lines.joined(separator: "\n") + "\n"
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
