import Foundation
import Testing
@testable import Profiler

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The repository root, found from this file's path (Tests/ProfilerTests/CheckTests.swift).
private let checkRepositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A fresh temporary directory for one test.
private func scratchDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("armsim-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

/// An outcome built by hand, for the report tests.
private func outcome(_ name: String, rows: [CheckComparison], failures: [String] = [], output: String = "") -> CheckOutcome {
    var outcome = CheckOutcome(entry: CheckEntry(name: name, file: "fw/\(name).elf", board: "microbit-v1", baselinePath: "b/\(name).json"))
    outcome.comparisons = rows
    outcome.behaviourFailures = failures
    outcome.standardOutput = Array(output.utf8)
    outcome.runStatus = 0
    return outcome
}

@Suite("Check tolerances and comparisons")
struct CheckToleranceTests {
    @Test(
        "a tolerance parses from N or N% and allows that much growth",
        arguments: [
            ("0", 1000 as UInt64, 0 as UInt64), ("512", 1000, 512), ("2%", 1000, 20), ("2.5%", 1000, 25), ("0%", 5, 0),
            ("1%", 99, 0),
        ])
    func toleranceAllowance(text: String, baseline: UInt64, allowed: UInt64) throws {
        #expect(try CheckTolerance(parsing: text).allowance(over: baseline) == allowed)
    }

    @Test("a tolerance that is neither N nor N% is rejected with its text", arguments: ["-1", "2 %%", "abc", "-3%", "1.5"])
    func badToleranceIsRejected(text: String) {
        #expect(throws: CheckError.self) { try CheckTolerance(parsing: text) }
    }

    @Test("a tolerance list maps keys and aliases to metrics, and all= sets every metric")
    func toleranceList() throws {
        let list = try CheckTolerance.parseList("all=1%,cycles=2%,flash=0,stack=64")
        #expect(list[.cycles] == .percent(2))
        #expect(list[.flashBytes] == .exact)
        #expect(list[.peakStackBytes] == .absolute(64))
        #expect(list[.energyNanojoules] == .percent(1))
        #expect(throws: CheckError.unknownMetric("cycels")) { try CheckTolerance.parseList("cycels=2%") }
        #expect(throws: CheckError.self) { try CheckTolerance.parseList("cycles") }
    }

    @Test(
        "growth past the tolerance regresses, shrinkage past it improves, anything within is ok",
        arguments: [
            (100 as UInt64, 100 as UInt64, CheckTolerance.exact, CheckComparison.Verdict.ok),
            (100, 101, .exact, .regressed),
            (100, 99, .exact, .improved),
            (1000, 1020, .percent(2), .ok),
            (1000, 1021, .percent(2), .regressed),
            (1000, 979, .percent(2), .improved),
            (1000, 1512, .absolute(512), .ok),
        ])
    func comparisonVerdict(baseline: UInt64, now: UInt64, tolerance: CheckTolerance, verdict: CheckComparison.Verdict) {
        #expect(CheckComparison(metric: .cycles, baseline: baseline, now: now, tolerance: tolerance).verdict == verdict)
    }

    @Test("a metric the run did not measure is skipped with its reason, never given a number")
    func unmeasuredMetricIsSkipped() {
        let row = CheckComparison(metric: .peakStackBytes, baseline: nil, now: nil, tolerance: .exact, unavailableReason: "not measured yet")
        #expect(row.verdict == .skipped)
        #expect(row.note == "not measured yet")
        #expect(CheckComparison(metric: .cycles, baseline: nil, now: 5, tolerance: .exact).verdict == .new)
    }

    @Test("the change reads as a signed amount and percentage of the baseline")
    func changeText() {
        #expect(CheckComparison(metric: .cycles, baseline: 330_306, now: 380_291, tolerance: .exact).changeText == "+49,985 (+15.13%)")
        #expect(CheckComparison(metric: .flashBytes, baseline: 100, now: 90, tolerance: .exact).changeText == "-10 B (-10.00%)")
        #expect(CheckComparison(metric: .energyNanojoules, baseline: 1000, now: 1000, tolerance: .exact).changeText == "±0")
        #expect(CheckComparison(metric: .energyNanojoules, baseline: 272_502, now: 313_740, tolerance: .exact).changeText == "+41.238 µJ (+15.13%)")
    }
}

@Suite("Check baseline and manifest files")
struct CheckFileTests {
    @Test("a baseline written and read back is the same, tolerances included")
    func baselineRoundTrip() throws {
        let path = try scratchDirectory() + "/sub/baseline.json"
        let baseline = CheckBaseline(
            name: "kws \"quoted\"", board: "nano33", file: "fw/kws.elf", armsimVersion: "0.1.0",
            metrics: [.cycles: 42_087_880, .flashBytes: 43_476, .energyNanojoules: 6_510_469],
            tolerances: [.cycles: .percent(2), .flashBytes: .exact])
        try baseline.write(to: path)
        #expect(try CheckBaseline.load(path: path) == baseline)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\n    \"cycles\": 42087880,\n"))
    }

    @Test("a baseline with an unknown metric or a fractional value is rejected with its name")
    func malformedBaselineIsRejected() throws {
        let path = try scratchDirectory() + "/baseline.json"
        try #"{"schema_version": 1, "board": "pico", "metrics": {"cycle": 5}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CheckError.malformed(path: path, detail: "unknown metric \"cycle\" in \"metrics\"")) { try CheckBaseline.load(path: path) }
        try #"{"schema_version": 1, "board": "pico", "metrics": {"cycles": 5.5}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CheckError.self) { try CheckBaseline.load(path: path) }
        try #"{"schema_version": 1, "board": "pico", "metrics": {"cycles": true}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CheckError.self) { try CheckBaseline.load(path: path) }
    }

    @Test("manifest paths are relative to the manifest, and entry tolerances override its defaults")
    func manifestResolvesPaths() throws {
        let directory = try scratchDirectory()
        let path = directory + "/ci/armsim.json"
        try FileManager.default.createDirectory(atPath: directory + "/ci", withIntermediateDirectories: true)
        try """
            {"tolerances": {"all": "1%"}, "entries": [
              {"file": "../fw/kws.elf", "board": "nano33", "skip": 1, "expect_exit": 3, "expect_stdout": "expected/kws.txt",
               "tolerances": {"flash": 0}}
            ]}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let entry = try #require(try CheckManifest.load(path: path).entries.first)
        #expect(entry.name == "kws-nano33")
        #expect(entry.file == directory + "/fw/kws.elf")
        #expect(entry.baselinePath == directory + "/ci/baselines/kws-nano33.json")
        #expect(entry.expectedStdoutPath == directory + "/ci/expected/kws.txt")
        #expect(entry.expectedExitStatus == 3)
        #expect(entry.skipInferences == 1)
        #expect(entry.tolerances[.flashBytes] == .exact)
        #expect(entry.tolerances[.cycles] == .percent(1))
    }

    @Test("a misspelt manifest key is rejected with its name, so no check is silently off")
    func unknownManifestKeyIsRejected() throws {
        let path = try scratchDirectory() + "/armsim.json"
        try #"{"entries": [{"file": "a.elf", "board": "pico", "expect_stdot": "x"}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try CheckManifest.load(path: path)
        } throws: { error in
            "\(error)".contains("unknown key \"expect_stdot\"")
        }
    }

    @Test("the shipped manifest ci/armsim.json loads, and each entry has its committed baseline")
    func shippedManifestLoads() throws {
        let manifest = try CheckManifest.load(path: checkRepositoryRoot.appendingPathComponent("ci/armsim.json").path)
        #expect(manifest.entries.count >= 6)
        for entry in manifest.entries {
            let baseline = try CheckBaseline.load(path: entry.baselinePath)
            #expect(baseline.board == entry.board)
            #expect(baseline.metrics[.cycles] != nil)
        }
    }
}

@Suite("Check reports")
struct CheckReportTests {
    /// A run with a regression, an improvement, a skipped metric and a failed run, with
    /// names and output full of characters XML and Markdown must escape.
    static let outcomes: [CheckOutcome] = [
        outcome("ok & <fine>", rows: [CheckComparison(metric: .cycles, baseline: 10, now: 9, tolerance: .exact)]),
        outcome("slow \"one\" 'x'", rows: [
            CheckComparison(metric: .cycles, baseline: 100, now: 150, tolerance: .percent(2)),
            CheckComparison(metric: .heapBytes, baseline: nil, now: nil, tolerance: .exact, unavailableReason: "not <measured>"),
        ]),
        outcome("crash|pipe", rows: [], failures: ["exit status 70, expected 0: lockup & <fault>"], output: "bad\u{1}byte ]]> <tag>\n"),
    ]

    @Test("the JUnit report is well-formed XML with a failure per regression and per failed run")
    func junitIsWellFormed() throws {
        let xml = CheckJUnitReport.render(Self.outcomes)
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        #expect(root.attribute(forName: "skipped")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["ok & <fine>", "slow \"one\" 'x'", "crash|pipe"])
        let failures = try document.nodes(forXPath: "//testcase[failure]").compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        #expect(failures == ["cycles", "behaviour"])
        let message = try document.nodes(forXPath: "//failure[@type='run_failed']/@message").first?.stringValue
        #expect(message == "exit status 70, expected 0: lockup & <fault>")
        let output = try document.nodes(forXPath: "//testsuite[@name='crash|pipe']//system-out").first?.stringValue
        #expect(output == "bad\u{FFFD}byte ]]> <tag>\n")
    }

    @Test("the Markdown report lists regressions first, then failed runs, then improvements")
    func markdownPutsRegressionsFirst() {
        let markdown = CheckMarkdownReport.render(Self.outcomes)
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines[0] == "### armsim check: ❌ 1 run failed, 1 regressed, 1 improved (3 entries)")
        let rows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| verdict") }
        #expect(rows[0].hasPrefix("| ❌ regressed | `slow \"one\" 'x'` | microbit-v1 | total cycles | 100 | 150 | +50 (+50.00%) | 2% |"))
        #expect(rows[1] == "| ⛔ run failed | crash\\|pipe | microbit-v1 | behaviour |  |  | exit status 70, expected 0: lockup &amp; &lt;fault&gt; |  |")
        #expect(rows[2].hasPrefix("| 🟢 improved | ok &amp; &lt;fine&gt; |"))
    }

    @Test("the exit status: a failed run outranks a regression, which outranks an improvement")
    func exitStatusPrecedence() {
        #expect(ExitStatus.forCheck(Self.outcomes) == ExitStatus.checkRunFailed)
        #expect(ExitStatus.forCheck(Array(Self.outcomes.prefix(2))) == ExitStatus.checkRegressed)
        #expect(ExitStatus.forCheck(Array(Self.outcomes.prefix(1))) == ExitStatus.success)
        var missing = CheckOutcome(entry: CheckEntry(name: "m", file: "m.elf", board: "pico", baselinePath: "m.json"))
        missing.error = ("cannot read m.json", ExitStatus.noInput)
        #expect(ExitStatus.forCheck(Self.outcomes + [missing]) == ExitStatus.noInput)
    }

    @Test("the JSON report parses and carries the exit code and one object per metric")
    func jsonReportParses() throws {
        let text = CheckJSONReport.render(Self.outcomes, version: "test")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["exit_code"] as? Int == 1)
        let entries = try #require(object["entries"] as? [[String: Any]])
        #expect(entries.map { $0["verdict"] as? String } == ["improved", "regressed", "run_failed"])
    }
}

@Suite("Check runner")
struct CheckRunnerTests {
    /// bench-small on microbit-v1 and its deliberately slower variant (firmware/src/bench_slow.c).
    static func elf(_ program: String) throws -> String {
        let path = checkRepositoryRoot.appendingPathComponent("firmware/build/microbit-v1/\(program).elf").path
        try #require(FileManager.default.fileExists(atPath: path), "\(path) is missing: run `make -C firmware` first")
        return path
    }

    @Test("entries run in parallel keep their own stdout and their order, and a baseline round trip passes")
    func parallelRunsKeepTheirOutput() throws {
        let directory = try scratchDirectory()
        let entries = try ["bench-small", "exitcode", "hello"].map { program in
            var entry = CheckEntry(name: program, file: try Self.elf(program), board: "microbit-v1", baselinePath: "\(directory)/\(program).json")
            entry.expectedExitStatus = program == "exitcode" ? 3 : 0
            return entry
        }
        let recorded = CheckRunner.run(entries, options: .init(update: true, jobs: 3, armsimVersion: "test"))
        #expect(recorded.map(\.verdict) == [.passed, .passed, .passed])
        let everyBaselineWritten = recorded.allSatisfy(\.baselineWritten)
        #expect(everyBaselineWritten)
        #expect(String(decoding: recorded[0].standardOutput, as: UTF8.self).hasPrefix("bench: iterations=8"))
        #expect(String(decoding: recorded[1].standardOutput, as: UTF8.self) == "exitcode: returning 3\n")
        #expect(String(decoding: recorded[2].standardOutput, as: UTF8.self).hasPrefix("hello from armsim firmware\n"))
        let checked = CheckRunner.run(entries, options: .init(jobs: 3))
        #expect(checked.map(\.verdict) == [.passed, .passed, .passed])
        #expect(ExitStatus.forCheck(checked) == 0)
        let cycles = try #require(checked[0].comparisons.first { $0.metric == .cycles })
        #expect(cycles.verdict == .ok && cycles.delta == 0)
    }

    @Test("peak stack and heap come from the run's dynamic memory, or are skipped with a note, never faked")
    func dynamicMemoryIsMeasuredOrSkipped() throws {
        let directory = try scratchDirectory()
        let entry = CheckEntry(name: "bench", file: try Self.elf("bench-small"), board: "microbit-v1", baselinePath: "\(directory)/b.json")
        let result = CheckRunner.check(entry, options: .init(update: true))
        for metric in [CheckMetric.peakStackBytes, .heapBytes] {
            let row = try #require(result.comparisons.first { $0.metric == metric })
            if row.now == nil {
                #expect(row.verdict == .skipped)
                #expect(row.note?.isEmpty == false)
            } else {
                #expect(row.now! > 0)
            }
        }
    }
}
