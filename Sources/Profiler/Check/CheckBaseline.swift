import Foundation

/// A committed baseline: the metrics of one firmware on one board, and optionally the
/// tolerances to compare them with (`armsim-baseline.json`, `ci/baselines/*.json`).
///
/// The file is written by `armsim check --update` with one metric per line in a fixed
/// order, so that a change to it reads well in review: a shift in cycles shows up as a
/// one-line diff that someone has to approve. Format in docs/ci.md.
public struct CheckBaseline: Sendable, Equatable {
    /// Bumped when a field changes meaning or disappears.
    public static let schemaVersion = 1

    /// The entry's name (its manifest name, or the ELF's base name).
    public var name: String
    /// The board key it was measured on.
    public var board: String
    /// The ELF, as the command line or manifest gave it (for the reader; not used to run).
    public var file: String
    /// The armsim that measured it.
    public var armsimVersion: String
    /// The measured values; a metric the run did not measure is absent.
    public var metrics: [CheckMetric: UInt64]
    /// Tolerances kept with the baseline (overridden by the manifest and `--tolerance`).
    public var tolerances: [CheckMetric: CheckTolerance]

    public init(
        name: String, board: String, file: String, armsimVersion: String, metrics: [CheckMetric: UInt64],
        tolerances: [CheckMetric: CheckTolerance] = [:]
    ) {
        self.name = name
        self.board = board
        self.file = file
        self.armsimVersion = armsimVersion
        self.metrics = metrics
        self.tolerances = tolerances
    }

    /// Reads a baseline file.
    /// - Throws: `CheckError.fileUnreadable` when it cannot be read, `.malformed` when it is
    ///   not a baseline (the message names the field).
    public static func load(path: String) throws(CheckError) -> CheckBaseline {
        let object = try CheckJSON.readObject(path: path)
        func fail(_ detail: String) -> CheckError { .malformed(path: path, detail: detail) }
        let version = object["schema_version"] as? Int ?? 0
        guard version == schemaVersion else {
            throw fail("schema_version \(object["schema_version"].map { "\($0)" } ?? "missing"); this armsim reads version \(schemaVersion)")
        }
        guard let board = object["board"] as? String else { throw fail("missing \"board\" (a board key)") }
        guard let metricObject = object["metrics"] as? [String: Any] else { throw fail("missing \"metrics\" object") }
        var metrics: [CheckMetric: UInt64] = [:]
        for (key, value) in metricObject {
            guard let metric = CheckMetric(rawValue: key) else { throw fail("unknown metric \"\(key)\" in \"metrics\"") }
            guard let number = CheckJSON.unsigned(value) else {
                throw fail("metric \"\(key)\" must be a whole number of at least 0, not \(value)")
            }
            metrics[metric] = number
        }
        var tolerances: [CheckMetric: CheckTolerance] = [:]
        if let value = object["tolerances"] {
            do { tolerances = try CheckJSON.tolerances(value) } catch { throw fail("tolerances: \(error.description)") }
        }
        return CheckBaseline(
            name: object["name"] as? String ?? "", board: board, file: object["file"] as? String ?? "",
            armsimVersion: object["armsim_version"] as? String ?? "", metrics: metrics, tolerances: tolerances)
    }

    /// The file's text: keys in a fixed order, metrics in `CheckMetric` order, one per line.
    public func render() -> String {
        var lines = [
            "{",
            "  \"schema_version\": \(Self.schemaVersion),",
            "  \"armsim_version\": \(CheckJSON.quote(armsimVersion)),",
            "  \"name\": \(CheckJSON.quote(name)),",
            "  \"board\": \(CheckJSON.quote(board)),",
            "  \"file\": \(CheckJSON.quote(file)),",
        ]
        let measured = CheckMetric.allCases.compactMap { metric in metrics[metric].map { (metric, $0) } }
        lines.append("  \"metrics\": {" + (measured.isEmpty ? "}" + (tolerances.isEmpty ? "" : ",") : ""))
        for (index, (metric, value)) in measured.enumerated() {
            lines.append("    \(CheckJSON.quote(metric.key)): \(value)" + (index < measured.count - 1 ? "," : ""))
        }
        if !measured.isEmpty { lines.append("  }" + (tolerances.isEmpty ? "" : ",")) }
        if !tolerances.isEmpty {
            let kept = CheckMetric.allCases.compactMap { metric in tolerances[metric].map { (metric, $0) } }
            lines.append("  \"tolerances\": {")
            for (index, (metric, tolerance)) in kept.enumerated() {
                lines.append("    \(CheckJSON.quote(metric.key)): \(CheckJSON.quote(tolerance.description))" + (index < kept.count - 1 ? "," : ""))
            }
            lines.append("  }")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `render()` to `path`, creating its directory.
    /// - Throws: `CheckError.cannotWrite`.
    public func write(to path: String) throws(CheckError) {
        try CheckJSON.write(render(), to: path)
    }
}

/// JSON helpers shared by the baseline, the manifest and the JSON report.
enum CheckJSON {
    /// A JSON string literal for `text`, escaped as RFC 8259 section 7 requires.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hexDigits = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hexDigits.count) + hexDigits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The top-level object of the JSON file at `path`.
    static func readObject(path: String) throws(CheckError) -> [String: Any] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file"
            throw .fileUnreadable(path: path, reason: reason)
        }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            throw .malformed(path: path, detail: "not valid JSON (\(error.localizedDescription))")
        }
        guard let object = parsed as? [String: Any] else { throw .malformed(path: path, detail: "the top level must be a JSON object") }
        return object
    }

    /// A whole number of at least 0 from a parsed JSON value, or nil.
    static func unsigned(_ value: Any) -> UInt64? {
        // JSON `true` is an NSNumber too; its Objective-C type is `c` (char), on Linux and Darwin.
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        let double = number.doubleValue
        guard double >= 0, double == double.rounded(), double < 1.8e19 else { return nil }
        return number.uint64Value
    }

    /// A tolerance table from a parsed JSON object: `{"cycles": "2%", "flash": 0}`.
    static func tolerances(_ value: Any) throws(CheckError) -> [CheckMetric: CheckTolerance] {
        guard let object = value as? [String: Any] else { throw .badTolerance("\(value)", reason: "expected an object such as {\"cycles\": \"2%\"}") }
        var tolerances: [CheckMetric: CheckTolerance] = [:]
        for key in object.keys.sorted() {
            let raw = object[key]!
            let text: String
            if let string = raw as? String { text = string } else if let number = unsigned(raw) { text = String(number) } else {
                throw .badTolerance("\(raw)", reason: "give a string such as \"2%\" or a whole number")
            }
            let tolerance = try CheckTolerance(parsing: text)
            if key == "all" {
                for metric in CheckMetric.allCases where tolerances[metric] == nil { tolerances[metric] = tolerance }
            } else if let metric = CheckMetric(key: key) {
                tolerances[metric] = tolerance
            } else {
                throw .unknownMetric(key)
            }
        }
        return tolerances
    }

    /// Writes `text` to `path` atomically, creating the directory.
    static func write(_ text: String, to path: String) throws(CheckError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
