import CortexM
import Foundation

/// A Chrome trace-event / Perfetto JSON trace (`--trace OUT`), loadable in
/// ui.perfetto.dev and chrome://tracing: one complete event (`"ph": "X"`) per function
/// call and one instant event (`"ph": "i"`) per semihosting marker, on one track.
/// Timestamps are simulated microseconds at the board clock.
///
/// - Note: the trace keeps at most `RunOptions.traceSpanLimit` calls (100,000 by default)
///   of at least `traceMinimumCycles` each, in the order they return; later calls are
///   counted in `otherData.dropped_spans`. Calls still open at the end (the outer frames)
///   are included since they return when the run ends.
public enum TraceReport {
    public static func render(_ result: RunResult) -> String {
        let microsecondsPerCycle = 1e6 / Double(max(result.board.clockHz, 1))
        var events: [[String: Any]] = []
        if let profile = result.functions {
            for span in profile.spans {
                events.append([
                    "name": span.name, "ph": "X", "pid": 1, "tid": 1, "cat": span.name.hasPrefix("[") ? "exception" : "function",
                    "ts": Double(span.startCycle) * microsecondsPerCycle, "dur": Double(span.cycles) * microsecondsPerCycle,
                    "args": ["cycles": span.cycles, "start_cycle": span.startCycle, "depth": span.depth],
                ])
            }
        }
        for marker in result.markers {
            let kind: String
            switch marker.kind {
            case .inferenceBegin: kind = "begin"
            case .inferenceEnd: kind = "end"
            case .mark: kind = "mark"
            }
            events.append([
                "name": marker.name.isEmpty ? kind : "\(kind) \(marker.name)", "ph": "i", "s": "g", "pid": 1, "tid": 1,
                "cat": "marker", "ts": Double(marker.cycle) * microsecondsPerCycle, "args": ["cycle": marker.cycle],
            ])
        }
        let object: [String: Any] = [
            "traceEvents": events,
            "displayTimeUnit": "ns",
            "otherData": [
                "file": result.file, "board": result.board.key, "clock_hz": result.board.clockHz,
                "dropped_spans": result.functions?.droppedSpans ?? 0, "time_unit": "simulated microseconds",
            ] as [String: Any],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
