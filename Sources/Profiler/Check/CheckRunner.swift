import Boards
import Dispatch
import ELFLoader
import Foundation

/// Runs check entries through `Session`, in this process and in parallel, and compares
/// each run with its baseline.
///
/// Each entry gets its own `Session` (image, bus, core), so entries share nothing and run
/// on as many threads as `jobs` allows. The firmware's stdout and stderr are captured per
/// entry rather than written to the terminal, so outputs of parallel runs never
/// interleave; the reports show them where they matter (a failed run).
public enum CheckRunner {
    /// What to do besides comparing.
    public struct Options: Sendable {
        /// Write each passing run's metrics as its new baseline (keeping its tolerances).
        public var update = false
        /// Threads to use; at most one per entry.
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// Written into updated baselines.
        public var armsimVersion = ""

        public init(update: Bool = false, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, armsimVersion: String = "") {
            self.update = update
            self.jobs = jobs
            self.armsimVersion = armsimVersion
        }
    }

    /// Checks every entry; the outcomes are in the entries' order.
    public static func run(_ entries: [CheckEntry], options: Options) -> [CheckOutcome] {
        let results = OutcomeSlots(count: entries.count)
        let workers = max(1, min(options.jobs, entries.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.claimNext() {
                results.store(check(entries[index], options: options), at: index)
            }
        }
        return results.outcomes(defaults: entries)
    }

    /// Checks one entry: reads its baseline and expected stdout, runs the firmware,
    /// asserts its behaviour, compares the metrics, and writes the baseline on `--update`.
    public static func check(_ entry: CheckEntry, options: Options) -> CheckOutcome {
        var outcome = CheckOutcome(entry: entry)
        // Inputs first, so a missing baseline fails before a long run.
        var baseline: CheckBaseline?
        do {
            baseline = try CheckBaseline.load(path: entry.baselinePath)
        } catch {
            if case .fileUnreadable(_, "no such file") = error, options.update {
                baseline = nil
            } else if case .fileUnreadable = error {
                outcome.error = (error.description + " (record it with --update)", ExitStatus.noInput)
                return outcome
            } else {
                outcome.error = (error.description, ExitStatus.inputRejected)
                return outcome
            }
        }
        if let recorded = baseline?.board, recorded != entry.board, !options.update {
            outcome.error = (CheckError.boardMismatch(baseline: entry.baselinePath, recorded: recorded, requested: entry.board).description, ExitStatus.inputRejected)
            return outcome
        }
        var expectedStdout: [UInt8]?
        if let path = entry.expectedStdoutPath {
            guard let data = FileManager.default.contents(atPath: path) else {
                outcome.error = (CheckError.fileUnreadable(path: path, reason: "no such file or not readable").description, ExitStatus.noInput)
                return outcome
            }
            expectedStdout = Array(data)
        }
        let board: Board
        do { board = try BoardCatalog.board(key: entry.board) } catch {
            outcome.error = (error.description, ExitStatus.inputRejected)
            return outcome
        }
        let image: FirmwareImage
        do { image = try ELFLoader.load(path: entry.file) } catch {
            switch error {
            case .fileNotFound, .unreadable: outcome.error = (error.description, ExitStatus.noInput)
            default: outcome.error = (error.description, ExitStatus.inputRejected)
            }
            return outcome
        }

        var runOptions = RunOptions(maxCycles: entry.maxCycles)
        runOptions.skipInferences = entry.skipInferences
        // The call-stack probe tracks `_sbrk`, which the heap metric needs; it does not change cycles.
        runOptions.profilesFunctions = true
        runOptions.semihosting.commandLine = entry.commandLine ?? (entry.file as NSString).lastPathComponent
        let output = Capture()
        let errorOutput = Capture()
        let session: Session
        do {
            session = try Session(
                image: image, board: board, options: runOptions,
                standardOutput: { output.bytes.append(contentsOf: $0) },
                standardError: { errorOutput.bytes.append(contentsOf: $0) })
        } catch {
            outcome.error = (error.description, ExitStatus.inputRejected)
            return outcome
        }
        let result = session.run()
        outcome.standardOutput = output.bytes
        outcome.standardError = errorOutput.bytes
        outcome.instructions = result.instructions
        let status = ExitStatus.forStop(result.stopReason)
        outcome.runStatus = status
        outcome.stopDescription = result.stopDescription
        if status != entry.expectedExitStatus {
            outcome.behaviourFailures.append("exit status \(status), expected \(entry.expectedExitStatus): \(result.stopDescription)")
        }
        if let expectedStdout, let difference = firstDifference(expected: expectedStdout, actual: output.bytes) {
            outcome.behaviourFailures.append("stdout differs from \(entry.expectedStdoutPath ?? "") \(difference)")
        }

        let measurement = CheckMeasurement(result: result)
        let runFailed = !outcome.behaviourFailures.isEmpty
        let tolerances = (baseline?.tolerances ?? [:]).merging(entry.tolerances) { $1 }
        outcome.comparisons = CheckMetric.allCases.map { metric in
            let tolerance = tolerances[metric] ?? .exact
            if runFailed {
                var row = CheckComparison(metric: metric, baseline: baseline?.metrics[metric], now: measurement.values[metric], tolerance: tolerance)
                row.verdict = .skipped
                row.note = "not compared: the run failed"
                return row
            }
            return CheckComparison(
                metric: metric, baseline: baseline?.metrics[metric], now: measurement.values[metric], tolerance: tolerance,
                unavailableReason: measurement.unavailable[metric])
        }
        if options.update && !runFailed {
            let updated = CheckBaseline(
                name: entry.name, board: entry.board, file: entry.file, armsimVersion: options.armsimVersion,
                metrics: measurement.values, tolerances: baseline?.tolerances ?? [:])
            do {
                try updated.write(to: entry.baselinePath)
                outcome.baselineWritten = true
                for index in outcome.comparisons.indices where outcome.comparisons[index].verdict == .new {
                    outcome.comparisons[index].note = "recorded in the new baseline"
                }
            } catch {
                outcome.error = (error.description, ExitStatus.noInput)
            }
        }
        return outcome
    }

    /// Where two outputs first differ, as `at line N: expected "…", got "…"`; nil when equal.
    static func firstDifference(expected: [UInt8], actual: [UInt8]) -> String? {
        guard expected != actual else { return nil }
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : nil
            let got = index < actualLines.count ? String(actualLines[index]) : nil
            if want != got {
                func show(_ line: String?) -> String { line.map { CheckJSON.quote(String($0.prefix(120))) } ?? "end of output" }
                return "at line \(index + 1): expected \(show(want)), got \(show(got))"
            }
        }
        return "in bytes that do not decode as UTF-8"
    }
}

/// Bytes a firmware wrote, captured on the thread that runs it.
private final class Capture {
    var bytes: [UInt8] = []
}

/// The outcomes of a parallel run, one slot per entry, and the next entry to claim.
///
/// - Note: `@unchecked Sendable` because every access goes through `lock`.
private final class OutcomeSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [CheckOutcome?]
    private var next = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claimNext() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ outcome: CheckOutcome, at index: Int) {
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    func outcomes(defaults: [CheckEntry]) -> [CheckOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return slots.enumerated().map { $0.element ?? CheckOutcome(entry: defaults[$0.offset]) }
    }
}
