import ArgumentParser
import Foundation
import Testing
@testable import ArmsimCLI

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs the built `armsim` (next to the test bundle, else .build/debug) and returns its
/// exit status and stdout.
private func runArmsim(_ arguments: [String]) throws -> (status: Int32, output: String) {
    var candidates = [root.appendingPathComponent(".build/debug/armsim")]
    if let bundle = Bundle.main.executableURL { candidates.insert(bundle.deletingLastPathComponent().appendingPathComponent("armsim"), at: 0) }
    let executable = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = root
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("Profiling commands")
struct ProfileCommandTests {
    @Test("armsim fit exits 0 with FITS when the model fits and 69 when the core cannot run it")
    func fitExitStatuses() throws {
        let fits = try runArmsim(["fit", "firmware/build/microbit-v1/hello.elf", "--board", "microbit-v1"])
        #expect(fits.status == 0)
        #expect(fits.output.hasPrefix("FITS: "))
        let mismatch = try runArmsim(["fit", "firmware/build/nano33/hello.elf", "--board", "microbit-v1"])
        #expect(mismatch.status == 69)
    }

    @Test("fit needs exactly one of --board and --all-boards")
    func fitValidatesItsTarget() {
        #expect(throws: (any Error).self) { try FitCommand.parse(["x.elf"]) }
        #expect(throws: (any Error).self) { try FitCommand.parse(["x.elf", "--board", "nano33", "--all-boards"]) }
    }

    @Test("run rejects a malformed --duty and --battery without --duty")
    func dutyAndBatteryAreValidated() {
        #expect(throws: (any Error).self) { try RunCommand.parse(["x.elf", "--board", "nano33", "--duty", "fast"]) }
        #expect(throws: (any Error).self) { try RunCommand.parse(["x.elf", "--board", "nano33", "--battery", "220"]) }
        #expect(throws: Never.self) { try RunCommand.parse(["x.elf", "--board", "nano33", "--duty", "10/min", "--battery", "220@3.0"]) }
    }

    @Test("run --flamegraph writes collapsed stacks summing to the run's cycles")
    func flamegraphFileIsWritten() throws {
        let folded = FileManager.default.temporaryDirectory.appendingPathComponent("armsim-\(UUID().uuidString).folded")
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("armsim-\(UUID().uuidString).json")
        defer {
            try? FileManager.default.removeItem(at: folded)
            try? FileManager.default.removeItem(at: json)
        }
        let result = try runArmsim(["run", "firmware/build/microbit-v1/hello.elf", "--board", "microbit-v1", "--quiet", "--flamegraph", folded.path, "--json", json.path])
        #expect(result.status == 0)
        let lines = try String(contentsOf: folded, encoding: .utf8).split(separator: "\n")
        let sum = lines.compactMap { $0.split(separator: " ").last.flatMap { UInt64($0) } }.reduce(0, +)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect(sum == (report["cycles"] as? UInt64))
        #expect((report["functions"] as? [[String: Any]])?.isEmpty == false)
    }
}
