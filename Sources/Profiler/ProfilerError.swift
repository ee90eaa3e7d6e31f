import Boards
import CortexM
import ELFLoader
import MemoryBus

/// Why a firmware image cannot run on the chosen board.
public enum ProfilerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A loadable segment does not lie inside any one memory region of the board.
    case segmentOutsideMemory(file: String, segment: String, start: UInt32, byteCount: UInt64, board: String, regions: [MemoryRegionSpec])
    /// The image has no vector table at the boot address and its ELF entry point is not a Thumb address.
    case entryNotThumb(file: String, entry: UInt32)
    /// `--measure-function` names no function symbol of the image.
    case unknownFunction(file: String, name: String)
    /// The image's build attributes or float ABI need more than the board's core has
    /// (``CoreRequirement``): `image` and `core` are the two as phrases.
    case coreCannotRunImage(file: String, image: String, board: String, core: String)

    /// One line, lower case, naming the offending value.
    public var description: String {
        switch self {
        case .segmentOutsideMemory(let file, let segment, let start, let byteCount, let board, let regions):
            let end = UInt64(start) + max(byteCount, 1) - 1
            let map = regions.map { "\($0.name) \(hex($0.baseAddress))-\(hex($0.lastAddress))" }.joined(separator: ", ")
            return "\(file): segment \(segment) at \(hex(start))-\(hex(UInt32(truncatingIfNeeded: end))) (\(ProfilerError.size(byteCount))) lies outside \(board) memory (\(map))"
        case .entryNotThumb(let file, let entry):
            return "\(file): no vector table at the boot address and the entry point \(hex(entry)) is not a Thumb address (bit 0 clear)"
        case .unknownFunction(let file, let name):
            return "\(file): no function named \(name) in the symbol table"
        case .coreCannotRunImage(let file, let image, let board, let core):
            return "\(file) is built for \(image), which the \(core) of \(board) cannot run"
        }
    }

    /// A byte count in B/KiB/MiB for messages.
    static func size(_ byteCount: UInt64) -> String {
        if byteCount >= 1 << 20 && byteCount % (1 << 20) == 0 { return "\(byteCount >> 20) MiB" }
        if byteCount >= 1 << 10 && byteCount % (1 << 10) == 0 { return "\(byteCount >> 10) KiB" }
        return "\(byteCount) bytes"
    }
}
