#if os(Linux)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Memory that holds the host code of translated blocks: one anonymous mapping, readable,
/// writable and executable, filled from the start and emptied all at once when decoded
/// code is discarded (as the block arena is). Offset 0 is never a block's code, so a
/// header slot's `imm` of 0 means "not translated".
final class ExecutableMemory {
    static let capacity = 16 << 20
    private let base: UnsafeMutableRawPointer
    private var used = ExecutableMemory.firstOffset
    private static let firstOffset = 16

    /// Maps the memory; nil where the host refuses an executable mapping.
    init?() {
        #if os(Linux) && arch(x86_64)
            let mapping = mmap(nil, Self.capacity, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            guard let mapping, mapping != MAP_FAILED else { return nil }
            base = mapping
        #else
            return nil
        #endif
    }

    deinit {
        #if os(Linux) && arch(x86_64)
            munmap(base, Self.capacity)
        #endif
    }

    /// Copies `code` in and returns its offset, or nil when the memory is full.
    func add(_ code: [UInt8]) -> UInt32? {
        let start = (used + 15) & ~15
        guard start + code.count <= Self.capacity else { return nil }
        code.withUnsafeBytes { (base + start).copyMemory(from: $0.baseAddress!, byteCount: code.count) }
        used = start + code.count
        return UInt32(start)
    }

    /// The address of the code at `offset`.
    @inline(__always) func address(_ offset: UInt32) -> UnsafeRawPointer { UnsafeRawPointer(base + Int(offset)) }

    /// Points the rel32 field at `site` (an offset) at the code at `target`.
    func patch(_ site: UInt32, to target: UInt32) {
        let displacement = Int32(Int(target) - (Int(site) + 4))
        (base + Int(site)).storeBytes(of: displacement.littleEndian, as: Int32.self)
    }

    /// Forgets all code (the block arena has been reset).
    func reset() { used = Self.firstOffset }
}
