/// JUnit XML for CI test views (`--junit OUT`): one `<testsuite>` per entry, one
/// `<testcase>` per metric plus one for the run's behaviour.
///
/// The shape is the one Jenkins, GitLab and the GitHub test-report actions read
/// (`testsuites` › `testsuite` › `testcase` › `failure` | `error` | `skipped`,
/// `system-out`): a regression is a `<failure type="regression">`, a failed run a
/// `<failure type="run_failed">` on the `behaviour` case, an entry that could not be
/// checked an `<error>`, and a metric that was not measured `<skipped>`.
public enum CheckJUnitReport {
    public static func render(_ outcomes: [CheckOutcome]) -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for outcome in outcomes {
            let entry = outcome.entry
            let className = "armsim.check." + entry.name
            var cases: [String] = []
            var counts = (tests: 0, failures: 0, errors: 0, skipped: 0)
            func testcase(_ name: String, _ body: String) {
                counts.tests += 1
                let open = "    <testcase classname=\"\(escape(className))\" name=\"\(escape(name))\""
                cases.append(body.isEmpty ? open + "/>" : open + ">\n" + body + "    </testcase>")
            }
            if let error = outcome.error {
                counts.errors += 1
                testcase("setup", "      <error type=\"error\" message=\"\(escape(error.message))\"/>\n")
            } else {
                var body = ""
                if !outcome.behaviourFailures.isEmpty {
                    counts.failures += 1
                    let message = outcome.behaviourFailures.joined(separator: "; ")
                    body += "      <failure type=\"run_failed\" message=\"\(escape(message))\">\(escape(outcome.behaviourFailures.joined(separator: "\n"), isAttribute: false))</failure>\n"
                }
                if !outcome.standardOutput.isEmpty {
                    body += "      <system-out>\(escape(String(decoding: outcome.standardOutput, as: UTF8.self), isAttribute: false))</system-out>\n"
                }
                if !outcome.standardError.isEmpty {
                    body += "      <system-err>\(escape(String(decoding: outcome.standardError, as: UTF8.self), isAttribute: false))</system-err>\n"
                }
                testcase("behaviour", body)
                for row in outcome.comparisons {
                    switch row.verdict {
                    case .regressed:
                        counts.failures += 1
                        testcase(row.metric.key, "      <failure type=\"regression\" message=\"\(escape(row.sentence))\"/>\n")
                    case .skipped:
                        counts.skipped += 1
                        testcase(row.metric.key, "      <skipped message=\"\(escape(row.note ?? "not measured"))\"/>\n")
                    case .ok, .improved, .new:
                        testcase(row.metric.key, "      <system-out>\(escape(row.sentence, isAttribute: false))</system-out>\n")
                    }
                }
            }
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.errors += counts.errors
            totals.skipped += counts.skipped
            let properties = [("board", entry.board), ("file", entry.file), ("baseline", entry.baselinePath), ("verdict", outcome.verdict.rawValue)]
                .map { "      <property name=\"\($0.0)\" value=\"\(escape($0.1))\"/>" }.joined(separator: "\n")
            suites.append(
                "  <testsuite name=\"\(escape(entry.name))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\">\n"
                    + "    <properties>\n\(properties)\n    </properties>\n"
                    + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"armsim check\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\">\n"
            + suites.map { $0 + "\n" }.joined() + "</testsuites>\n"
    }

    /// Text safe in XML 1.0 attribute values and element content: the five predefined
    /// entities, tab/newline/CR as character references in attributes (attribute-value
    /// normalization would turn them into spaces; section 3.3.3), and
    /// characters XML 1.0 does not allow at all (other C0 controls, U+FFFE, U+FFFF)
    /// replaced by U+FFFD. XML 1.0 (Fifth Edition) section 2.2, production [2] Char.
    static func escape(_ text: String, isAttribute: Bool = true) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r":
                out += isAttribute ? "&#\(scalar.value);" : String(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
