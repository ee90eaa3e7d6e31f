import Boards
import CortexM
import ELFLoader

/// Whether an image fits a board: flash, and SRAM = static + measured peak stack + heap,
/// with the margin left, judged by running it (`armsim fit`, docs/profiling.md).
///
/// The run uses the call-stack probe, so the stack peak includes SP sampled at calls and
/// exception entries (a stack that overflows into `.bss` is seen), and the heap is
/// newlib's `_sbrk` high-water mark.
public struct FitReport: Sendable {
    public enum Verdict: String, Sendable {
        case fits = "FITS"
        case doesNotFit = "DOES NOT FIT"
        /// The board's core cannot execute the image (ARMv7E-M/FPU code on an M0/M0+):
        /// known from the image's build attributes before running, else from the
        /// undefined instruction or missing FPU the run hit.
        case coreMismatch = "CORE MISMATCH"
        /// The image is linked for another memory map.
        case notLoadable = "NOT LOADABLE"
    }

    /// The image's path.
    public var file: String
    public var board: Board
    public var verdict: Verdict
    /// Why it does not fit, one phrase each.
    public var reasons: [String]
    public var result: RunResult?
    public var flashBytes: UInt64 = 0
    public var flashCapacity: UInt64 = 0
    public var ramBytes: UInt64 = 0
    public var ramCapacity: UInt64 = 0

    public var fits: Bool { verdict == .fits }
    public var flashMargin: Int64 { Int64(flashCapacity) - Int64(flashBytes) }
    public var ramMargin: Int64 { Int64(ramCapacity) - Int64(ramBytes) }

    /// Runs `image` on `board` and judges the fit.
    public static func evaluate(image: FirmwareImage, board: Board, maxCycles: UInt64 = RunOptions.defaultMaxCycles) -> FitReport {
        var options = RunOptions(maxCycles: maxCycles)
        options.profilesFunctions = true
        options.semihosting.commandLine = image.path
        let session: Session
        do {
            session = try Session(image: image, board: board, options: options, standardOutput: { _ in }, standardError: { _ in })
        } catch {
            // A segment that starts in one of the board's regions but runs past its end
            // is a build for this memory map that is too big: it does not fit.
            if case .segmentOutsideMemory(_, _, let start, _, _, let regions) = error,
                regions.contains(where: { $0.contains(address: start, length: 1) })
            {
                return FitReport(file: image.path, board: board, verdict: .doesNotFit, reasons: [error.description], result: nil)
            }
            // The build attributes say the core cannot run it: no need to run it to find out.
            if case .coreCannotRunImage = error {
                return FitReport(file: image.path, board: board, verdict: .coreMismatch, reasons: [error.description], result: nil)
            }
            return FitReport(file: image.path, board: board, verdict: .notLoadable, reasons: [error.description], result: nil)
        }
        let result = session.run()
        return FitReport(board: board, result: result)
    }

    init(file: String, board: Board, verdict: Verdict, reasons: [String], result: RunResult?) {
        self.file = file
        self.board = board
        self.verdict = verdict
        self.reasons = reasons
        self.result = result
    }

    init(board: Board, result: RunResult) {
        file = result.file
        self.board = board
        self.result = result
        flashBytes = result.memory.flashBytes
        flashCapacity = result.memory.flashCapacity
        ramBytes = result.memory.ramBytes + result.dynamicMemory.peakStackBytes + (result.dynamicMemory.heapBytes ?? 0)
        ramCapacity = result.memory.ramCapacity
        var reasons: [String] = []
        if flashBytes == 0 || !result.memory.flashSections.contains(where: { $0.name.hasPrefix(".text") || $0.name.hasPrefix(".isr") || $0.name.hasPrefix(".vector") }) {
            // The image ran from wherever its segments happened to land (e.g. another
            // board's flash address that is SRAM here): not a build for this board.
            verdict = .notLoadable
            self.reasons = ["no code of the image lies in \(board.key)'s flash: it is linked for another memory map"]
            return
        }
        if !result.memory.ramSectionsOutsideRAM.isEmpty {
            verdict = .notLoadable
            self.reasons = [
                "\(result.memory.ramSectionsOutsideRAM.joined(separator: ", ")) lie outside \(board.key)'s RAM: it is linked for another memory map"
            ]
            return
        }
        if let fault = result.fault {
            switch fault.kind {
            case .undefinedInstruction, .noCoprocessor:
                self.verdict = .coreMismatch
                self.reasons = ["\(fault.kind.description) at \(result.location(fault.pc)): the \(board.core.displayName)\(board.hasFPU ? "F" : "") cannot run this image"]
                return
            default: break
            }
        }
        if flashBytes > flashCapacity { reasons.append("flash needs \(flashBytes) B of \(flashCapacity) B") }
        if ramBytes > ramCapacity { reasons.append("SRAM needs \(ramBytes) B of \(ramCapacity) B") }
        if result.dynamicMemory.stackOverflow {
            reasons.append("stack overflow: the stack reached \(hex(result.dynamicMemory.lowestStackAddress)), below the static data and heap ending at \(hex(max(result.dynamicMemory.staticEndAddress, result.dynamicMemory.heapStartAddress)))")
        }
        if ExitStatus.forStop(result.stopReason) != 0 { reasons.append("the run failed: \(result.stopDescription)") }
        self.reasons = reasons
        verdict = reasons.isEmpty ? .fits : .doesNotFit
    }
}
