/// The function profiler's probe: a shadow call stack kept at calls, returns and
/// exceptions, and a call tree whose nodes collect exclusive cycles and call counts.
///
/// Cycles are charged to the node on top of the stack at each transition
/// (`cycles - lastChargeCycle`), so ordinary instructions cost nothing; inclusive
/// cycles are derived afterwards (a node's exclusive plus its children's inclusive).
///
/// Return matching is robust to code that does not return the way it called (longjmp,
/// RTOS context switches, noreturn calls, tail calls through a register): an indirect
/// branch pops the frames up to the one whose return address is its target; failing
/// that it is a jump inside the current function, a tail call to a function entry, or
/// a resynchronization to the deepest frame of the function it lands in. The stack is
/// capped at `maximumDepth`; calls past it are counted, not pushed.
///
/// It lives in `CortexM`, not `Profiler`, because the loop is specialized for it: a
/// generic loop called from another module with a type the loop's module cannot see
/// would run unspecialized. It knows functions only as indices into a sorted address
/// table that the `Profiler` builds from the ELF symbols (docs/profiling.md).
public final class CallStackProbe: ExecutionProbe {
    /// A node of the call tree: one function reached through one path of callers.
    public struct Node: Sendable {
        /// Index into the function table; -1 for the root and for code in no function.
        public var function: Int32
        /// An exception handler frame (shown as `[Handler]`).
        public var isException: Bool
        /// The caller's node; -1 for the root.
        public var parent: Int32
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// Cycles spent in this node's own code.
        public var exclusiveCycles: UInt64 = 0
        /// Times this node was entered (calls, tail calls, exceptions).
        public var calls: UInt64 = 0
    }

    /// A completed call of one node, for traces and per-call latency.
    public struct Span: Sendable {
        public var node: Int32
        public var startCycle: UInt64
        public var cycles: UInt64
        public var depth: Int32
    }

    /// A completed call of the measured function (`--measure-function`).
    public struct MeasuredCall: Sendable {
        public var startCycle: UInt64
        public var cycles: UInt64
        public var instructions: UInt64
        /// SP at the call.
        public var stackPointer: UInt32
        /// SP at the call minus the lowest SP sampled at calls and exception entries inside it.
        public var stackBytes: UInt32
    }

    struct Frame {
        var node: Int32
        var returnAddress: UInt32
        var stackPointer: UInt32
        var startCycle: UInt64
        var startInstructions: UInt64
        /// A call of the measured function; stays set through its tail calls, whose
        /// return ends the measured call.
        var isMeasured: Bool
    }

    /// Function start addresses, sorted, and their ends (exclusive).
    let starts: [UInt32]
    let ends: [UInt64]
    /// The call tree; node 0 is the root.
    public var nodes: [Node] { _nodes }
    var _nodes: [Node]
    var frames: [Frame] = []
    var lastChargeCycle: UInt64 = 0
    /// Range of the function on top of the stack, for the cheap "still inside?" test.
    var currentStart: UInt32 = 0
    var currentSize: UInt32 = 0
    /// The core of the run, which gets a copy of the current function's range
    /// (`CortexMCore.branchScopeStart`) for the branches of translated code.
    private unowned(unsafe) var scopeCore: CortexMCore?

    /// The deepest the shadow stack may get.
    public let maximumDepth: Int
    /// Calls not pushed because the stack was at `maximumDepth`.
    public var depthOverflows: UInt64 { _depthOverflows }
    var _depthOverflows: UInt64 = 0
    /// Indirect branches that matched no frame and no function entry (longjmp, context switch).
    public var resynchronizations: UInt64 { _resynchronizations }
    var _resynchronizations: UInt64 = 0
    /// The lowest SP seen at a call or exception entry, over the whole run so far.
    public var lowestStackPointer: UInt32 { stackWindowFloors.reduce(_lowestStackPointer, min) }
    /// The lowest SP sampled since the innermost open stack window began (or since the
    /// start of the run when none is open).
    var _lowestStackPointer: UInt32 = .max
    /// For each open stack window, outermost first, `_lowestStackPointer` as it was when
    /// the window began.
    var stackWindowFloors: [UInt32] = []

    /// Function whose calls are measured, or -1.
    let measuredFunction: Int32
    public var measuredCalls: [MeasuredCall] { _measuredCalls }
    var _measuredCalls: [MeasuredCall] = []
    var measuredDepth = 0
    var measuredLowestStackPointer: UInt32 = .max

    /// `_sbrk`'s index, or -1: its calls track the heap break (newlib grows the heap
    /// from `end` by `_sbrk(increment)`, which returns the old break).
    let sbrkFunction: Int32
    var sbrkIncrement: UInt32 = 0
    /// The highest heap break `_sbrk` handed out (0 when it was never called).
    public var heapBreakHighWater: UInt32 { _heapBreakHighWater }
    var _heapBreakHighWater: UInt32 = 0

    /// Record spans for a trace: at most `spanLimit`, each at least `minimumSpanCycles` long.
    let recordsSpans: Bool
    let spanLimit: Int
    let minimumSpanCycles: UInt64
    public var spans: [Span] { _spans }
    var _spans: [Span] = []
    public var droppedSpans: UInt64 { _droppedSpans }
    var _droppedSpans: UInt64 = 0

    /// Starts a stack window: from now on the sampled SP minimum is kept for the window
    /// alone, until ``endStackWindow()``. Windows nest (an inference inside an inference).
    ///
    /// Used at the inference markers, which are rare, so the hooks keep their single
    /// compare: the window swaps the running minimum out instead of adding a second one.
    public func beginStackWindow() {
        stackWindowFloors.append(_lowestStackPointer)
        _lowestStackPointer = .max
    }

    /// Ends the innermost stack window.
    /// - Returns: the lowest SP sampled at calls and exception entries inside it
    ///   (`UInt32.max` when none was), or nil when no window is open.
    public func endStackWindow() -> UInt32? {
        guard let outer = stackWindowFloors.popLast() else { return nil }
        let inside = _lowestStackPointer
        _lowestStackPointer = min(outer, inside)
        return inside
    }

    /// - Parameters:
    ///   - functions: `start ..< end` of every function, sorted by start, not overlapping.
    ///   - maximumDepth: the cap of the shadow stack.
    ///   - measuredFunction: the index of the function whose calls are measured, or -1.
    ///   - sbrkFunction: the index of `_sbrk`, or -1.
    ///   - spanLimit: record at most this many spans for a trace (nil: none), each at
    ///     least `minimumSpanCycles` long.
    /// - Note: the configuration is fixed at creation (`let`), so that the hooks read it
    ///   without the dynamic exclusivity checks a public `var` of a class would cost on
    ///   every call.
    public init(
        functions: [(start: UInt32, end: UInt64)], maximumDepth: Int = 1024, measuredFunction: Int32 = -1,
        sbrkFunction: Int32 = -1, spanLimit: Int? = nil, minimumSpanCycles: UInt64 = 0
    ) {
        self.measuredFunction = measuredFunction
        self.sbrkFunction = sbrkFunction
        recordsSpans = spanLimit != nil
        self.spanLimit = spanLimit ?? 0
        self.minimumSpanCycles = minimumSpanCycles
        starts = functions.map(\.start)
        ends = functions.map(\.end)
        self.maximumDepth = max(maximumDepth, 2)
        _nodes = [Node(function: -1, isException: false, parent: -1)]
        frames.reserveCapacity(self.maximumDepth)
    }

    /// The function containing `address`, or -1.
    public func function(containing address: UInt32) -> Int32 {
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= address { low = mid + 1 } else { high = mid }
        }
        guard low > 0, UInt64(address) < ends[low - 1] else { return -1 }
        return Int32(low - 1)
    }

    /// Opens the first frame (the function holding the reset PC). Called by the run.
    func begin(_ core: CortexMCore) {
        scopeCore = core
        core.branchScopeStart = currentStart
        core.branchScopeSize = currentSize
        guard frames.isEmpty else { return }
        lastChargeCycle = core.cycles
        push(function(containing: core.pc), isException: false, returnAddress: 1, core)
    }

    /// Charges the time since the last transition and closes every open frame, so the
    /// tree's cycles add up to the profiled cycles. Called when the run ends.
    func finish(_ core: CortexMCore) {
        charge(core)
        while !frames.isEmpty { pop(core) }
    }

    // MARK: - Hooks

    @inline(__always)
    public func call(_ core: CortexMCore, target: UInt32, returnAddress: UInt32) {
        enterCall(core, target: target, returnAddress: returnAddress)
    }

    @inline(__always)
    public func directBranch(_ core: CortexMCore, target: UInt32) {
        // Loop edges stay inside the function: two compares, nothing else.
        if target &- currentStart >= currentSize { leaveByBranch(core, target: target) }
    }

    @inline(never)
    public func indirectBranch(_ core: CortexMCore, target: UInt32) {
        let address = target & ~1
        guard let top = frames.last else { return }
        if top.returnAddress == address {
            pop(core)
            return
        }
        if address &- currentStart < currentSize { return }  // a jump table, or a handler's own code
        // A return past frames that never returned (longjmp, noreturn callees): the
        // deepest frame whose return address matches, not crossing a handler frame.
        var index = frames.count - 2
        while index >= 0 && !_nodes[Int(frames[index + 1].node)].isException {
            if frames[index].returnAddress == address {
                _resynchronizations &+= 1
                while frames.count > index { pop(core) }
                return
            }
            index -= 1
        }
        let function = function(containing: address)
        if function >= 0 && starts[Int(function)] == address {
            replaceTop(with: function, core)  // a tail call through a register (BX r3)
            return
        }
        _resynchronizations &+= 1
        index = frames.count - 2
        while index >= 0 && !_nodes[Int(frames[index + 1].node)].isException {
            if _nodes[Int(frames[index].node)].function == function {
                while frames.count > index + 1 { pop(core) }
                return
            }
            index -= 1
        }
        replaceTop(with: function, core)
    }

    @inline(never)
    func enterCall(_ core: CortexMCore, target: UInt32, returnAddress: UInt32) {
        let stackPointer = core.r[13]
        if stackPointer < _lowestStackPointer { _lowestStackPointer = stackPointer }
        if stackPointer < measuredLowestStackPointer { measuredLowestStackPointer = stackPointer }
        let function = function(containing: target & ~1)
        if function == sbrkFunction && function >= 0 { sbrkIncrement = core.r[0] }
        push(function, isException: false, returnAddress: returnAddress & ~1, core)
    }

    @inline(never)
    func leaveByBranch(_ core: CortexMCore, target: UInt32) {
        let function = function(containing: target)
        guard function >= 0, !frames.isEmpty else { return }
        replaceTop(with: function, core)
    }

    /// Exception entry (and tail-chaining): the handler's frame goes on top of whatever ran.
    func exceptionEntered(_ core: CortexMCore) {
        let stackPointer = core.r[13]
        if stackPointer < _lowestStackPointer { _lowestStackPointer = stackPointer }
        if stackPointer < measuredLowestStackPointer { measuredLowestStackPointer = stackPointer }
        push(function(containing: core.pc), isException: true, returnAddress: 0xFFFF_FFFF, core)
    }

    /// Exception return: pops up to and including the innermost handler frame.
    func exceptionReturned(_ core: CortexMCore) {
        guard frames.contains(where: { _nodes[Int($0.node)].isException }) else { return }
        while let top = frames.last {
            let wasException = _nodes[Int(top.node)].isException
            pop(core)
            if wasException { break }
        }
    }

    // MARK: - Stack operations

    @inline(__always) func charge(_ core: CortexMCore) {
        let now = core.cycles
        if let top = frames.last {
            _nodes[Int(top.node)].exclusiveCycles &+= now &- lastChargeCycle
        } else {
            _nodes[0].exclusiveCycles &+= now &- lastChargeCycle
        }
        lastChargeCycle = now
    }

    /// The child of `parent` for `function`, created on first use.
    func child(of parent: Int32, function: Int32, isException: Bool) -> Int32 {
        var candidate = _nodes[Int(parent)].firstChild
        while candidate >= 0 {
            let node = _nodes[Int(candidate)]
            if node.function == function && node.isException == isException { return candidate }
            candidate = node.nextSibling
        }
        let index = Int32(_nodes.count)
        var node = Node(function: function, isException: isException, parent: parent)
        node.nextSibling = _nodes[Int(parent)].firstChild
        _nodes.append(node)
        _nodes[Int(parent)].firstChild = index
        return index
    }

    func push(_ function: Int32, isException: Bool, returnAddress: UInt32, _ core: CortexMCore) {
        charge(core)
        guard frames.count < maximumDepth else {
            _depthOverflows &+= 1
            return
        }
        let parent = frames.last?.node ?? 0
        let node = child(of: parent, function: function, isException: isException)
        _nodes[Int(node)].calls &+= 1
        frames.append(Frame(
            node: node, returnAddress: returnAddress, stackPointer: core.r[13], startCycle: core.cycles,
            startInstructions: core.instructions, isMeasured: function == measuredFunction && function >= 0))
        if function == measuredFunction && function >= 0 {
            if measuredDepth == 0 { measuredLowestStackPointer = core.r[13] }
            measuredDepth += 1
        }
        setCurrentRange(function)
    }

    func pop(_ core: CortexMCore) {
        charge(core)
        guard let frame = frames.popLast() else { return }
        let node = _nodes[Int(frame.node)]
        let cycles = core.cycles &- frame.startCycle
        if recordsSpans {
            // Past the cap only the outermost frames are still kept, so a trace always
            // shows main and its direct callees.
            if _spans.count < spanLimit || frames.count < 2 {
                if cycles >= minimumSpanCycles {
                    _spans.append(Span(node: frame.node, startCycle: frame.startCycle, cycles: cycles, depth: Int32(frames.count)))
                }
            } else {
                _droppedSpans &+= 1
            }
        }
        if frame.isMeasured && measuredDepth > 0 {
            measuredDepth -= 1
            if measuredDepth == 0 {
                let lowest = min(measuredLowestStackPointer, frame.stackPointer)
                _measuredCalls.append(MeasuredCall(
                    startCycle: frame.startCycle, cycles: cycles,
                    instructions: core.instructions &- frame.startInstructions, stackPointer: frame.stackPointer,
                    stackBytes: frame.stackPointer &- lowest))
                measuredLowestStackPointer = .max
            }
        }
        if node.function == sbrkFunction && node.function >= 0 && core.r[0] != 0xFFFF_FFFF {
            _heapBreakHighWater = max(_heapBreakHighWater, core.r[0] &+ sbrkIncrement)
        }
        setCurrentRange(frames.last.map { _nodes[Int($0.node)].function } ?? -1)
    }

    /// A tail call: the top frame now runs `function`, as a sibling under the same caller.
    func replaceTop(with function: Int32, _ core: CortexMCore) {
        charge(core)
        guard let top = frames.last else { return }
        let old = _nodes[Int(top.node)]
        if old.isException { return }  // a handler branching into shared code stays the handler
        let parent = old.parent
        let node = child(of: parent, function: function, isException: false)
        _nodes[Int(node)].calls &+= 1
        frames[frames.count - 1].node = node
        setCurrentRange(function)
    }

    @inline(__always) func setCurrentRange(_ function: Int32) {
        if function >= 0 {
            currentStart = starts[Int(function)]
            currentSize = UInt32(clamping: ends[Int(function)] &- UInt64(currentStart))
        } else {
            currentStart = 0
            currentSize = 0
        }
        scopeCore?.branchScopeStart = currentStart
        scopeCore?.branchScopeSize = currentSize
    }
}
