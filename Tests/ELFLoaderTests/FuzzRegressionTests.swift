import Foundation
import Testing

@testable import ELFLoader

/// Replays the fuzzer's corpus (firmware/tools/fuzz/corpus/, written by
/// firmware/tools/fuzz/fuzz.py): every seed and every input that once crashed, hung or
/// misreported must load or be rejected with an `ELFLoaderError`, never trap.
///
/// The same files run through a whole `Session` in
/// Tests/ProfilerTests/FuzzRegressionSessionTests.swift (this target depends on
/// `ELFLoader` only).
@Suite("Fuzz corpus regressions (ELFLoader)")
struct FuzzRegressionTests {
    /// firmware/tools/fuzz/corpus, found from this file's path.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("firmware/tools/fuzz/corpus")

    /// The corpus files, sorted; crash-*.elf are the fuzzer's findings, seed-*.elf its seeds.
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { $0.hasSuffix(".elf") && !$0.hasPrefix(".") }.sorted()
    }()

    @Test("the corpus is there (seeds at least)")
    func corpusIsPresent() {
        #expect(Self.files.contains { $0.hasPrefix("seed-") }, "no seed-*.elf under \(Self.corpus.path)")
    }

    @Test("each corpus file loads or is rejected with an ELFLoaderError", arguments: files)
    func loadsOrIsRejected(name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.corpus.appendingPathComponent(name).path))
        do {
            let image = try ELFLoader.load(bytes: [UInt8](bytes), path: name)
            // What the loader accepted must be self-consistent: no segment claims more file bytes than it has.
            for segment in image.segments {
                #expect(UInt64(segment.fileBytes.count) <= UInt64(bytes.count))
            }
        } catch {
            // The error's description is the one-line message the CLI prints.
            #expect(!String(describing: error).isEmpty)
        }
    }
}
