import Boards
import CortexM
import ELFLoader
import Foundation
import Testing
@testable import Profiler

/// Replays the fuzzer's corpus (firmware/tools/fuzz/corpus/) through a whole run: load,
/// place on the board the corpus note names (`board:` line of NAME.txt), run a bounded
/// number of cycles. Loading or placing may fail with an error; nothing may trap.
/// The ELFLoader-only replay is Tests/ELFLoaderTests/FuzzRegressionTests.swift.
@Suite("Fuzz corpus regressions (Session run)")
struct FuzzRegressionSessionTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("firmware/tools/fuzz/corpus")

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".elf") && !$0.hasPrefix(".") }.sorted()
    }()

    /// The board of a corpus file: its note's `board:` line, else nano33.
    static func boardKey(of name: String) -> String {
        let note = corpus.appendingPathComponent(String(name.dropLast(4)) + ".txt").path
        guard let text = try? String(contentsOfFile: note, encoding: .utf8) else { return "nano33" }
        for line in text.split(separator: "\n") where line.hasPrefix("board:") {
            return line.dropFirst("board:".count).trimmingCharacters(in: .whitespaces)
        }
        return "nano33"
    }

    @Test("each corpus file is rejected with an error or runs to a stop reason", arguments: files)
    func runsOrIsRejected(name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.corpus.appendingPathComponent(name).path))
        let board = try BoardCatalog.board(key: Self.boardKey(of: name))
        let image: FirmwareImage
        do {
            image = try ELFLoader.load(bytes: [UInt8](bytes), path: name)
        } catch {
            return  // rejected by the loader: exit status 65 in the CLI
        }
        let session: Session
        do {
            session = try Session(
                image: image, board: board, options: RunOptions(maxCycles: 2_000_000),
                standardOutput: { _ in }, standardError: { _ in })
        } catch {
            return  // rejected when placed on the board
        }
        let result = session.run()
        #expect(result.cycles <= 2_000_000 + 100_000, "the cycle limit bounds the run")
    }
}
