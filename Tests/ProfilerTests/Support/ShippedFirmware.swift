import Boards
import ELFLoader
import Foundation
import Profiler
import Testing

/// The repository root, found from this file's path (Tests/ProfilerTests/Support/ShippedFirmware.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// firmware/build/<board>/<program>.elf as `make -C firmware` builds it, loaded; records a
/// clear issue when it is missing.
func loadFirmware(board: String, program: String) throws -> FirmwareImage {
    let path = repositoryRoot.appendingPathComponent("firmware/build/\(board)/\(program).elf").path
    try #require(
        FileManager.default.fileExists(atPath: path),
        "\(path) is missing: run `make -C firmware` from the repository root first")
    return try ELFLoader.load(path: path)
}

/// kws on nano33 run once plainly and once with `--profile`, shared by the suites that
/// compare the two (each run takes seconds in a debug build).
enum KWSOnNano33 {
    static let runs: Result<(plain: RunResult, profiled: RunResult), any Error> = Result {
        let image = try loadFirmware(board: "nano33", program: "kws")
        let board = try BoardCatalog.board(key: "nano33")
        let plain = try Session(image: image, board: board, standardOutput: { _ in }, standardError: { _ in }).run()
        var options = RunOptions()
        options.profilesFunctions = true
        let profiled = try Session(image: image, board: board, options: options, standardOutput: { _ in }, standardError: { _ in }).run()
        return (plain, profiled)
    }
}
