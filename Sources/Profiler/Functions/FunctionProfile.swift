import CortexM
import ELFLoader

/// The per-function profile of a run: the call tree the `CallStackProbe` kept, with
/// names from the ELF symbol table, flattened into one row per function
/// (docs/profiling.md).
public struct FunctionProfile: Sendable {
    /// One function's totals over the run.
    public struct Row: Sendable, Equatable {
        /// The symbol name; `[Name]` for an exception handler frame; `<unknown>` for code
        /// in no function symbol.
        public var name: String
        public var calls: UInt64
        /// Cycles from entry to return, callees included; a recursive function counts
        /// only its outermost activations, so no cycle is counted twice.
        public var inclusiveCycles: UInt64
        /// Cycles in the function's own instructions.
        public var exclusiveCycles: UInt64
    }

    /// One path of the call tree and the cycles spent at its leaf (collapsed stacks).
    public struct Stack: Sendable, Equatable {
        public var frames: [String]
        public var cycles: UInt64
    }

    /// One completed call, for the trace.
    public struct Span: Sendable, Equatable {
        public var name: String
        public var startCycle: UInt64
        public var cycles: UInt64
        public var depth: Int
    }

    /// Functions by exclusive cycles, largest first.
    public var rows: [Row]
    /// Every tree path with its exclusive cycles, in depth-first order.
    public var stacks: [Stack]
    /// Completed calls, when a trace was asked for.
    public var spans: [Span]
    /// Spans left out after the trace's cap.
    public var droppedSpans: UInt64
    /// Cycles profiled: the sum of every node's exclusive cycles (the run's cycles).
    public var totalCycles: UInt64
    /// Returns that matched no frame (longjmp, context switches) and calls past the depth cap.
    public var resynchronizations: UInt64
    public var depthOverflows: UInt64

    /// Builds the profile from a finished probe.
    /// - Parameters:
    ///   - names: the function table the probe was built with, by index.
    public init(probe: CallStackProbe, names: [String]) {
        let nodes = probe.nodes
        func name(_ node: CallStackProbe.Node) -> String {
            let base = node.function >= 0 && Int(node.function) < names.count ? names[Int(node.function)] : (node.isException ? "exception" : "<unknown>")
            return node.isException ? "[\(base)]" : base
        }
        let nodeNames = nodes.map(name)
        // Children are created after their parent: one reverse pass sums the subtrees.
        var inclusive = nodes.map(\.exclusiveCycles)
        for index in stride(from: nodes.count - 1, through: 1, by: -1) {
            let parent = Int(nodes[index].parent)
            if parent >= 0 { inclusive[parent] &+= inclusive[index] }
        }
        var byName: [String: Row] = [:]
        var paths: [[String]] = Array(repeating: [], count: nodes.count)
        var stacks: [Stack] = []
        for index in 1..<max(nodes.count, 1) {
            let node = nodes[index]
            let label = nodeNames[index]
            let parent = Int(node.parent)
            paths[index] = (parent > 0 ? paths[parent] : []) + [label]
            var row = byName[label] ?? Row(name: label, calls: 0, inclusiveCycles: 0, exclusiveCycles: 0)
            row.calls &+= node.calls
            row.exclusiveCycles &+= node.exclusiveCycles
            // Count the inclusive time only where no ancestor is the same function.
            if !paths[index].dropLast().contains(label) { row.inclusiveCycles &+= inclusive[index] }
            byName[label] = row
            if node.exclusiveCycles > 0 { stacks.append(Stack(frames: paths[index], cycles: node.exclusiveCycles)) }
        }
        rows = byName.values.sorted { ($0.exclusiveCycles, $1.name) > ($1.exclusiveCycles, $0.name) }
        self.stacks = stacks
        spans = probe.spans.map {
            Span(name: nodeNames[Int($0.node)], startCycle: $0.startCycle, cycles: $0.cycles, depth: Int($0.depth))
        }
        droppedSpans = probe.droppedSpans
        totalCycles = nodes.reduce(0) { $0 &+ $1.exclusiveCycles }
        resynchronizations = probe.resynchronizations
        depthOverflows = probe.depthOverflows
    }
}
