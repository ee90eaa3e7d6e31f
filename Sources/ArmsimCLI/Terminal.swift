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
        error("armsim: error: \(message)\n")
        return ExitCode(status)
    }
}

import ArgumentParser
