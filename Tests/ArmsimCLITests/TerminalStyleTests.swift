import Boards
import Foundation
import Profiler
import Testing
@testable import ArmsimCLI

/// When the human output is coloured: the CLI's decision, tested without a terminal.
@Suite("Terminal colours")
struct TerminalStyleTests {
    @Test(
        "colour only on a terminal, never with NO_COLOR set or TERM=dumb",
        arguments: [
            (false, [:], false),
            (false, ["TERM": "xterm-256color"], false),
            (true, ["TERM": "xterm-256color"], true),
            (true, [:], true),
            (true, ["NO_COLOR": "1"], false),
            (true, ["NO_COLOR": ""], true),
            (true, ["TERM": "dumb"], false),
        ] as [(Bool, [String: String], Bool)])
    func colourDecision(isTerminal: Bool, environment: [String: String], expected: Bool) {
        #expect(Terminal.usesColor(isTerminal: isTerminal, environment: environment) == expected)
    }

    @Test("fit paints FITS green and a core mismatch yellow only when asked, and pads before painting")
    func fitVerdictColours() throws {
        let fits = FitReport.evaluate(image: try CLIInput.loadImage(path("microbit-v1", "hello")), board: try BoardCatalog.board(key: "microbit-v1"))
        #expect(FitCommand.verdict(fits).hasPrefix("FITS: "))
        #expect(FitCommand.verdict(fits, style: .ansi).hasPrefix("\u{1B}[32mFITS\u{1B}[0m: "))
        let mismatch = FitReport.evaluate(image: try CLIInput.loadImage(path("nano33", "hello")), board: try BoardCatalog.board(key: "microbit-v1"))
        let plain = FitCommand.matrix([fits, mismatch])
        #expect(!plain.contains("\u{1B}"))
        let colored = FitCommand.matrix([fits, mismatch], style: .ansi)
        #expect(colored.contains("\u{1B}[33mCORE MISMATCH\u{1B}[0m"))
        // Stripping the escapes gives back the plain table: the columns stay aligned.
        let stripped = ["\u{1B}[32m", "\u{1B}[33m", "\u{1B}[0m"].reduce(colored) { $0.replacingOccurrences(of: $1, with: "") }
        #expect(stripped == plain)
    }

    private func path(_ board: String, _ program: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("firmware/build/\(board)/\(program).elf").path
    }
}
