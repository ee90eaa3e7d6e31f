import Foundation

/// One firmware on one board to check: what to run, the baseline to compare with, and
/// the behaviour to expect. Built from the command line (`armsim check FILE --board KEY`)
/// or from one entry of a manifest (`CheckManifest`).
public struct CheckEntry: Sendable, Equatable {
    /// A name unique in its manifest, used in every report (`kws-nano33`).
    public var name: String
    /// The ELF to run.
    public var file: String
    /// The board key.
    public var board: String
    /// The baseline file (read, or written by `--update`).
    public var baselinePath: String
    /// The status `armsim run` would exit with: the firmware's own status (0–255) when it
    /// exits through semihosting, 70 when it fails, 124 at the cycle limit (docs/exit-codes.md).
    public var expectedExitStatus: Int32 = ExitStatus.success
    /// A file holding the exact stdout expected, byte for byte; nil to not check stdout.
    public var expectedStdoutPath: String?
    /// The run's cycle limit.
    public var maxCycles: UInt64 = RunOptions.defaultMaxCycles
    /// Warm-up inferences left out of the median.
    public var skipInferences: Int = 0
    /// The firmware's command line (SYS_GET_CMDLINE); the ELF's base name when nil.
    public var commandLine: String?
    /// Tolerances from the manifest and the command line; they override the baseline's.
    public var tolerances: [CheckMetric: CheckTolerance] = [:]

    public init(name: String, file: String, board: String, baselinePath: String) {
        self.name = name
        self.file = file
        self.board = board
        self.baselinePath = baselinePath
    }
}

/// A list of entries to check together (`armsim check --manifest ci/armsim.json`).
///
/// The file is JSON (format in docs/ci.md). Paths in it are relative to the manifest's
/// own directory, so the same file works from any working directory. Unknown keys are
/// rejected with their name, so that a misspelt `expect_stdout` cannot silently turn a
/// check off.
public struct CheckManifest: Sendable, Equatable {
    /// Bumped when a field changes meaning or disappears.
    public static let schemaVersion = 1

    public var path: String
    public var entries: [CheckEntry]

    static let topKeys: Set<String> = ["schema_version", "tolerances", "entries", "comment"]
    static let entryKeys: Set<String> = [
        "name", "file", "board", "baseline", "expect_exit", "expect_stdout", "max_cycles", "skip", "args",
        "tolerances", "comment",
    ]

    /// Reads a manifest.
    /// - Throws: `CheckError.fileUnreadable`, or `.malformed` naming the entry and the key.
    public static func load(path: String) throws(CheckError) -> CheckManifest {
        let object = try CheckJSON.readObject(path: path)
        func fail(_ detail: String) -> CheckError { .malformed(path: path, detail: detail) }
        if let unknown = Set(object.keys).subtracting(topKeys).sorted().first {
            throw fail("unknown key \"\(unknown)\" (known: \(topKeys.sorted().joined(separator: ", ")))")
        }
        if let version = object["schema_version"], (version as? Int) != schemaVersion {
            throw fail("schema_version \(version); this armsim reads version \(schemaVersion)")
        }
        var defaults: [CheckMetric: CheckTolerance] = [:]
        if let value = object["tolerances"] {
            do { defaults = try CheckJSON.tolerances(value) } catch { throw fail("tolerances: \(error.description)") }
        }
        guard let list = object["entries"] as? [Any], !list.isEmpty else {
            throw fail("missing \"entries\" (a non-empty array of {\"file\", \"board\", ...})")
        }
        let directory = (path as NSString).deletingLastPathComponent
        var entries: [CheckEntry] = []
        var names: Set<String> = []
        for (index, item) in list.enumerated() {
            guard let fields = item as? [String: Any] else { throw fail("entry \(index + 1) is not an object") }
            let label = (fields["name"] as? String).map { "entry \(index + 1) (\($0))" } ?? "entry \(index + 1)"
            if let unknown = Set(fields.keys).subtracting(entryKeys).sorted().first {
                throw fail("\(label): unknown key \"\(unknown)\" (known: \(entryKeys.sorted().joined(separator: ", ")))")
            }
            guard let file = fields["file"] as? String, !file.isEmpty else { throw fail("\(label): missing \"file\" (the ELF)") }
            guard let board = fields["board"] as? String, !board.isEmpty else { throw fail("\(label): missing \"board\" (a board key)") }
            let name = fields["name"] as? String ?? "\(((file as NSString).lastPathComponent as NSString).deletingPathExtension)-\(board)"
            guard names.insert(name).inserted else { throw fail("\(label): the name \"\(name)\" is used twice") }
            let baseline = fields["baseline"] as? String ?? "baselines/\(name).json"
            var entry = CheckEntry(
                name: name, file: resolve(file, against: directory), board: board,
                baselinePath: resolve(baseline, against: directory))
            if let value = fields["expect_exit"] {
                guard let status = CheckJSON.unsigned(value), status <= 255 else { throw fail("\(label): expect_exit must be 0-255, not \(value)") }
                entry.expectedExitStatus = Int32(status)
            }
            if let value = fields["expect_stdout"] {
                guard let stdoutPath = value as? String else { throw fail("\(label): expect_stdout must be a file name") }
                entry.expectedStdoutPath = resolve(stdoutPath, against: directory)
            }
            if let value = fields["max_cycles"] {
                guard let cycles = CheckJSON.unsigned(value), cycles > 0 else { throw fail("\(label): max_cycles must be at least 1, not \(value)") }
                entry.maxCycles = cycles
            }
            if let value = fields["skip"] {
                guard let skip = CheckJSON.unsigned(value), skip < 1 << 31 else { throw fail("\(label): skip must be a whole number of at least 0, not \(value)") }
                entry.skipInferences = Int(skip)
            }
            if let value = fields["args"] {
                guard let args = value as? String else { throw fail("\(label): args must be a string") }
                entry.commandLine = args
            }
            entry.tolerances = defaults
            if let value = fields["tolerances"] {
                do { entry.tolerances.merge(try CheckJSON.tolerances(value)) { $1 } } catch { throw fail("\(label): tolerances: \(error.description)") }
            }
            entries.append(entry)
        }
        return CheckManifest(path: path, entries: entries)
    }

    /// `path` relative to `directory` unless it is absolute, with `.` and `..` folded
    /// (`ci/../firmware/x.elf` → `firmware/x.elf`).
    static func resolve(_ path: String, against directory: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty { return normalize(path) }
        return normalize(directory + "/" + path)
    }

    /// Folds `.` and `..` components without touching the file system.
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", isAbsolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return isAbsolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
