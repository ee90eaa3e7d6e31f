import MemoryBus

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Arm semihosting for the simulated firmware: BKPT 0xAB with the operation in R0 and
/// its parameter in R1 ("Semihosting for AArch32 and AArch64", 2020Q4; operation table
/// in ../shared/reference/semihosting-and-debug.md).
///
/// Everything newlib's `rdimon.specs` needs is here. Time-related calls return
/// simulated time, so a run is deterministic: SYS_CLOCK and SYS_ELAPSED count modeled
/// cycles, SYS_TIME counts simulated seconds from `epochSeconds`.
public final class Semihosting {
    /// What the firmware may do on the host.
    public struct Options: Sendable {
        /// Allow SYS_OPEN of host files other than `:tt` (off by default).
        public var allowHostFiles: Bool
        /// The string returned by SYS_GET_CMDLINE.
        public var commandLine: String
        /// Value of SYS_TIME at cycle 0 (seconds since 1970).
        public var epochSeconds: UInt32

        public init(allowHostFiles: Bool = false, commandLine: String = "firmware", epochSeconds: UInt32 = 0) {
            self.allowHostFiles = allowHostFiles
            self.commandLine = commandLine
            self.epochSeconds = epochSeconds
        }
    }

    /// Receives bytes the firmware writes to its standard output and standard error.
    public typealias Sink = ([UInt8]) -> Void

    public let options: Options
    let clockHz: UInt64
    let standardOutput: Sink
    let standardError: Sink
    /// Reads up to n bytes of the firmware's standard input; empty at end of input.
    let standardInput: (Int) -> [UInt8]

    /// Open handles. Semihosting handles are non-zero positive integers.
    private var handles: [UInt32: OpenFile] = [:]
    private var nextHandle: UInt32 = 1
    /// Host errno of the last failed call, returned by SYS_ERRNO.
    private var lastErrno: UInt32 = 0
    /// Operations seen, by number (for reports and tests).
    public private(set) var callCounts: [UInt32: Int] = [:]

    /// The feature bytes of `:semihosting-features`: magic "SHFB" then byte 0 with
    /// SH_EXT_EXIT_EXTENDED (bit 0) and SH_EXT_STDOUT_STDERR (bit 1).
    static let featureBytes: [UInt8] = [0x53, 0x48, 0x46, 0x42, 0x03]

    private enum OpenFile {
        case consoleIn
        case consoleOut
        case consoleError
        case features(position: Int)
        case host(descriptor: Int32)
    }

    public init(
        options: Options, clockHz: UInt64, standardOutput: @escaping Sink, standardError: @escaping Sink,
        standardInput: @escaping (Int) -> [UInt8] = { _ in [] }
    ) {
        self.options = options
        self.clockHz = max(clockHz, 1)
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.standardInput = standardInput
    }

    deinit {
        for case .host(let descriptor) in handles.values { close(descriptor) }
    }

    // Operation numbers ([SH] "Semihosting operations").
    static let open: UInt32 = 0x01, close_: UInt32 = 0x02, writeC: UInt32 = 0x03, write0: UInt32 = 0x04
    static let write_: UInt32 = 0x05, read_: UInt32 = 0x06, readC: UInt32 = 0x07, isError: UInt32 = 0x08
    static let isTTY: UInt32 = 0x09, seek: UInt32 = 0x0A, flen: UInt32 = 0x0C, tmpnam: UInt32 = 0x0D
    static let remove_: UInt32 = 0x0E, rename_: UInt32 = 0x0F, clock_: UInt32 = 0x10, time_: UInt32 = 0x11
    static let system_: UInt32 = 0x12, errno_: UInt32 = 0x13, getCommandLine: UInt32 = 0x15
    static let heapInfo: UInt32 = 0x16, exit_: UInt32 = 0x18, exitExtended: UInt32 = 0x20
    static let elapsed: UInt32 = 0x30, tickFrequency: UInt32 = 0x31
    /// armsim's own operations, in the range the specification reserves for applications
    /// (0x100–0x1FF): inference and region markers (firmware/include/armsim.h, docs/semihosting.md).
    public static let inferenceBegin: UInt32 = 0x100
    public static let inferenceEnd: UInt32 = 0x101
    public static let mark: UInt32 = 0x102

    /// A point in the run the firmware named through `armsim.h`.
    public struct Marker: Sendable, Equatable {
        public enum Kind: String, Sendable { case inferenceBegin, inferenceEnd, mark }
        public var kind: Kind
        /// The name given (empty for an inference end, or when the pointer was 0).
        public var name: String
        /// Core cycles and instructions when the marker executed.
        public var cycle: UInt64
        public var instruction: UInt64
        /// SP at the marker, for per-inference stack depth.
        public var stackPointer: UInt32

        public init(kind: Kind, name: String, cycle: UInt64, instruction: UInt64, stackPointer: UInt32) {
            self.kind = kind
            self.name = name
            self.cycle = cycle
            self.instruction = instruction
            self.stackPointer = stackPointer
        }
    }

    /// Markers in the order the firmware executed them.
    public private(set) var markers: [Marker] = []

    /// Called right after each marker is recorded, with the marker and its index in
    /// ``markers``, while the core is stopped at the BKPT: the profiler snapshots the
    /// stack there for the per-inference peak stack (docs/profiling.md).
    ///
    /// A hook here rather than in the run loop because markers are rare: the loop pays
    /// nothing, and a run without an observer does exactly what it did before.
    public var markerObserver: ((_ marker: Marker, _ index: Int) -> Void)?

    /// ADP_Stopped_ApplicationExit: the reason code of a normal exit.
    public static let applicationExit: UInt32 = 0x20026

    /// Services the call at the core's current BKPT 0xAB; sets R0 (and memory) or
    /// stops the run on exit.
    func service(_ core: CortexMCore) {
        let operation = core.r[0]
        let parameter = core.r[1]
        callCounts[operation, default: 0] += 1
        let bus = core.bus
        func word(_ index: UInt32) -> UInt32? { bus.hostRead32(parameter &+ index * 4) }
        func result(_ value: UInt32) { core.r[0] = value }
        func failure(_ error: Int32 = EINVAL) {
            lastErrno = UInt32(bitPattern: error)
            core.r[0] = 0xFFFF_FFFF
        }

        switch operation {
        case Semihosting.open:
            guard let pathAddress = word(0), let mode = word(1), let length = word(2),
                let pathBytes = bus.hostRead(address: pathAddress, length: Int(min(length, 4096)))
            else { return failure() }
            let path = String(decoding: pathBytes, as: UTF8.self)
            guard let file = openFile(path: path, mode: mode) else { return failure(lastErrnoValue) }
            let handle = nextHandle
            nextHandle += 1
            handles[handle] = file
            result(handle)
        case Semihosting.close_:
            guard let handle = word(0), let file = handles.removeValue(forKey: handle) else { return failure(EBADF) }
            if case .host(let descriptor) = file { close(descriptor) }
            result(0)
        case Semihosting.writeC:
            guard let bytes = bus.hostRead(address: parameter, length: 1) else { return }
            standardOutput(bytes)
        case Semihosting.write0:
            var bytes: [UInt8] = []
            var address = parameter
            while bytes.count < 1 << 20, let byte = bus.hostRead(address: address, length: 1)?.first, byte != 0 {
                bytes.append(byte)
                address &+= 1
            }
            standardOutput(bytes)
        case Semihosting.write_:
            guard let handle = word(0), let buffer = word(1), let length = word(2) else { return failure() }
            guard let bytes = bus.hostRead(address: buffer, length: Int(length)) else { return result(length) }
            switch handles[handle] {
            case .consoleOut: standardOutput(bytes); result(0)
            case .consoleError: standardError(bytes); result(0)
            case .host(let descriptor):
                let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 { lastErrno = UInt32(bitPattern: errno) }
                result(length &- UInt32(max(written, 0)))
            default:
                lastErrno = UInt32(bitPattern: EBADF)
                result(length)
            }
        case Semihosting.read_:
            guard let handle = word(0), let buffer = word(1), let length = word(2) else { return failure() }
            let count = Int(min(length, 1 << 20))
            var bytes: [UInt8]
            switch handles[handle] {
            case .consoleIn: bytes = standardInput(count)
            case .features(let position):
                bytes = Array(Semihosting.featureBytes.dropFirst(position).prefix(count))
                handles[handle] = .features(position: position + bytes.count)
            case .host(let descriptor):
                bytes = [UInt8](repeating: 0, count: count)
                let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
                bytes = got > 0 ? Array(bytes.prefix(got)) : []
            default:
                lastErrno = UInt32(bitPattern: EBADF)
                return result(length)
            }
            guard bus.hostWrite(bytes, at: buffer) else { return result(length) }
            result(length &- UInt32(bytes.count))
        case Semihosting.readC:
            result(UInt32(standardInput(1).first ?? 0xFF))
        case Semihosting.isError:
            guard let status = word(0) else { return failure() }
            result(Int32(bitPattern: status) < 0 ? 1 : 0)
        case Semihosting.isTTY:
            guard let handle = word(0), let file = handles[handle] else { return failure(EBADF) }
            switch file {
            case .consoleIn, .consoleOut, .consoleError: result(1)
            default: result(0)
            }
        case Semihosting.seek:
            guard let handle = word(0), let position = word(1), let file = handles[handle] else { return failure(EBADF) }
            switch file {
            case .features:
                handles[handle] = .features(position: Int(position))
                result(0)
            case .host(let descriptor):
                result(lseek(descriptor, off_t(position), SEEK_SET) < 0 ? 0xFFFF_FFFF : 0)
            default: failure(ESPIPE)
            }
        case Semihosting.flen:
            guard let handle = word(0), let file = handles[handle] else { return failure(EBADF) }
            switch file {
            case .features: result(UInt32(Semihosting.featureBytes.count))
            case .host(let descriptor):
                var status = stat()
                result(fstat(descriptor, &status) == 0 ? UInt32(truncatingIfNeeded: status.st_size) : 0xFFFF_FFFF)
            default: result(0)
            }
        case Semihosting.clock_:
            result(UInt32(truncatingIfNeeded: core.cycles / max(clockHz / 100, 1)))
        case Semihosting.time_:
            result(options.epochSeconds &+ UInt32(truncatingIfNeeded: core.cycles / clockHz))
        case Semihosting.errno_:
            result(lastErrno)
        case Semihosting.getCommandLine:
            guard let buffer = word(0), let capacity = word(1) else { return failure() }
            let bytes = Array(options.commandLine.utf8)
            guard UInt32(bytes.count) < capacity, bus.hostWrite(bytes + [0], at: buffer) else { return failure() }
            _ = bus.hostWrite(littleEndianBytes(UInt32(bytes.count)), at: parameter &+ 4)
            result(0)
        case Semihosting.heapInfo:
            // Four zero words keep the linker script's heap and stack (newlib crt0 then
            // uses its own symbols).
            guard let block = bus.hostRead32(parameter) else { return failure() }
            _ = bus.hostWrite([UInt8](repeating: 0, count: 16), at: block)
        case Semihosting.exit_:
            if parameter == Semihosting.applicationExit {
                core.requestStop(.exited(status: 0))
            } else {
                core.requestStop(.abnormalExit(reason: parameter, subcode: 0))
            }
        case Semihosting.exitExtended:
            guard let reason = word(0), let subcode = word(1) else { return failure() }
            if reason == Semihosting.applicationExit {
                core.requestStop(.exited(status: subcode))
            } else {
                core.requestStop(.abnormalExit(reason: reason, subcode: subcode))
            }
        case Semihosting.elapsed:
            let ticks = core.cycles
            guard bus.hostWrite(littleEndianBytes(UInt32(truncatingIfNeeded: ticks)) + littleEndianBytes(UInt32(truncatingIfNeeded: ticks >> 32)), at: parameter)
            else { return failure() }
            result(0)
        case Semihosting.tickFrequency:
            result(UInt32(truncatingIfNeeded: clockHz))
        case Semihosting.system_, Semihosting.remove_, Semihosting.rename_, Semihosting.tmpnam:
            // Running host commands or changing host files is never allowed.
            failure(EPERM)
        case Semihosting.inferenceBegin, Semihosting.inferenceEnd, Semihosting.mark:
            let kind: Marker.Kind = operation == Semihosting.inferenceBegin ? .inferenceBegin : operation == Semihosting.inferenceEnd ? .inferenceEnd : .mark
            let name = kind == .inferenceEnd ? "" : readString(at: parameter, bus: bus, limit: 256)
            markers.append(Marker(kind: kind, name: name, cycle: core.cycles, instruction: core.instructions, stackPointer: core.r[13]))
            markerObserver?(markers[markers.count - 1], markers.count - 1)
            result(0)
        default:
            // Unallocated and application-range (0x100–0x1FF) numbers not handled elsewhere.
            failure(ENOSYS)
        }
    }

    private var lastErrnoValue: Int32 { Int32(bitPattern: lastErrno) }

    /// A NUL-terminated string at `address`, at most `limit` bytes; empty for address 0.
    private func readString(at address: UInt32, bus: Bus, limit: Int) -> String {
        guard address != 0 else { return "" }
        var bytes: [UInt8] = []
        var cursor = address
        while bytes.count < limit, let byte = bus.hostRead(address: cursor, length: 1)?.first, byte != 0 {
            bytes.append(byte)
            cursor &+= 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func openFile(path: String, mode: UInt32) -> OpenFile? {
        if path == ":tt" {
            switch mode {
            case 0...3: return .consoleIn
            case 4...7: return .consoleOut
            default: return .consoleError
            }
        }
        if path == ":semihosting-features" {
            guard mode <= 1 else { lastErrno = UInt32(EACCES); return nil }
            return .features(position: 0)
        }
        guard options.allowHostFiles, mode <= 11 else {
            lastErrno = UInt32(EACCES)
            return nil
        }
        let flags: [Int32] = [
            O_RDONLY, O_RDONLY, O_RDWR, O_RDWR,
            O_WRONLY | O_CREAT | O_TRUNC, O_WRONLY | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC,
            O_WRONLY | O_CREAT | O_APPEND, O_WRONLY | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND,
        ]
        let descriptor = Glibc.open(path, flags[Int(mode)], 0o644)
        guard descriptor >= 0 else {
            lastErrno = UInt32(bitPattern: errno)
            return nil
        }
        return .host(descriptor: descriptor)
    }

    private func littleEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
}
