import ELFLoader
import Foundation
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
