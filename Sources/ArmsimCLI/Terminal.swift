#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to the process's standard streams. The firmware's output goes to
/// stdout as it is produced; armsim's own messages go to stderr.
enum Terminal {
    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }

    static func standardOutput(_ bytes: [UInt8]) { write(bytes, to: 1) }
    static func standardError(_ bytes: [UInt8]) { write(bytes, to: 2) }
    static func error(_ text: String) { write(Array(text.utf8), to: 2) }

    /// Reads up to `count` bytes of stdin for the firmware; empty at end of input.
    static func readInput(_ count: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(count, 0))
        let got = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
        return got > 0 ? Array(buffer.prefix(got)) : []
    }

    /// Prints `armsim: error: <message>` and returns the exit status to use.
    static func fail(_ message: String, status: Int32) -> ExitCode {
        error("armsim: " + style(for: 2).paint("error:", .red) + " \(message)\n")
        return ExitCode(status)
    }

    /// The style for human text written to `descriptor`: colours only when it is a
    /// terminal and the environment allows them (``usesColor(isTerminal:environment:)``).
    static func style(for descriptor: Int32) -> TextStyle {
        TextStyle(usesColor: usesColor(isTerminal: isatty(descriptor) == 1, environment: ProcessInfo.processInfo.environment))
    }

    /// Whether to colour: only on a terminal, never when `NO_COLOR` is set to a non-empty
    /// value (the no-color.org convention) or `TERM` is `dumb` (a terminal without escape
    /// sequences). Redirected output (files, pipes, CI logs) therefore stays plain.
    static func usesColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }
}

import ArgumentParser

import CortexM
import Foundation
import Profiler

extension Terminal {
    /// A progress line on stderr for runs longer than ~2 s, only when stderr is a
    /// terminal: simulated cycles, simulated time and host MIPS, rewritten in place.
    ///
    /// A host thread samples `core.cycles` and `core.instructions` twice a second while
    /// the run loop executes; the counters are aligned 64-bit words, so a sample may be
    /// stale but not torn on the hosts armsim supports, and the loop pays nothing.
    final class Progress: @unchecked Sendable {
        private let core: CortexMCore
        private let clockHz: UInt64
        private let lock = NSLock()
        private var done = false
        private var printed = false

        init(core: CortexMCore, clockHz: UInt64) {
            self.core = core
            self.clockHz = clockHz
            guard isatty(2) == 1 else {
                done = true
                return
            }
            let start = Date()
            Thread.detachNewThread { [self] in
                Thread.sleep(forTimeInterval: 2)
                while true {
                    lock.lock()
                    if done {
                        lock.unlock()
                        return
                    }
                    let cycles = self.core.cycles
                    let instructions = self.core.instructions
                    let seconds = Date().timeIntervalSince(start)
                    let simulated = Double(cycles) / Double(max(self.clockHz, 1))
                    let mips = Double(instructions) / max(seconds, 1e-9) / 1e6
                    Terminal.error("\r\u{1B}[2Karmsim: \(TextReportFormat.grouped(cycles)) cycles (\(TextReportFormat.seconds(simulated)) simulated), \(Int(mips)) MIPS")
                    printed = true
                    lock.unlock()
                    Thread.sleep(forTimeInterval: 0.5)
                }
            }
        }

        /// Stops the sampling and clears the line.
        func finish() {
            lock.lock()
            done = true
            if printed { Terminal.error("\r\u{1B}[2K") }
            lock.unlock()
        }
    }
}

/// Small formatting helpers for the progress line.
enum TextReportFormat {
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.3f s", value)
    }
}
