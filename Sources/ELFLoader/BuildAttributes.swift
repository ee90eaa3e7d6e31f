/// What the toolchain recorded about the target in the `.ARM.attributes` section: the
/// architecture the code was compiled for and whether it uses a floating-point unit.
///
/// A Cortex-M board can only run code for its own architecture or an older one, and a
/// hard-float image only on a core with an FPU. Reading this before the run lets armsim
/// say so in one line instead of running into an undefined-instruction fault.
///
/// Only the file-scope attributes of the `aeabi` vendor subsection are read (Addenda to,
/// and Errata in, the ABI for the Arm Architecture, IHI 0045, §2 "Build attributes";
/// the section type `SHT_ARM_ATTRIBUTES` is in ELF for the Arm Architecture, IHI 0044,
/// §5.3). Tags this type does not name are skipped by their encoding rule.
/// - Note: every field is `nil` when its tag is absent: the ABI's default for an absent
///   tag is 0, but "not recorded" and "recorded as 0" mean different things to a
///   compatibility check that must never reject an image on a guess.
public struct BuildAttributes: Sendable, Equatable {
    /// `Tag_CPU_arch` (6): 10 = v7, 11 = v6-M, 12 = v6S-M, 13 = v7E-M, 16 = v8-M.baseline, ...
    public var cpuArchitecture: UInt64?
    /// `Tag_CPU_arch_profile` (7): the profile letter as a character code, `'A'` (0x41),
    /// `'R'` (0x52), `'M'` (0x4D), `'S'` (0x53, A or R), or 0 for none.
    public var cpuProfile: UInt64?
    /// `Tag_CPU_name` (5): the name the compiler was given, e.g. `7E-M` or `cortex-m4`.
    public var cpuName: String?
    /// `Tag_FP_arch` (10): 0 = none, 2 = VFPv2, ..., 6 = VFPv4-D16 (FPv4-SP on a Cortex-M4F), 7/8 = Armv8 FP.
    public var fpArchitecture: UInt64?
    /// `Tag_ABI_VFP_args` (28): 1 when floating-point arguments are passed in VFP registers (hard-float).
    public var vfpArguments: UInt64?

    public init(
        cpuArchitecture: UInt64? = nil, cpuProfile: UInt64? = nil, cpuName: String? = nil, fpArchitecture: UInt64? = nil,
        vfpArguments: UInt64? = nil
    ) {
        self.cpuArchitecture = cpuArchitecture
        self.cpuProfile = cpuProfile
        self.cpuName = cpuName
        self.fpArchitecture = fpArchitecture
        self.vfpArguments = vfpArguments
    }

    // Tag numbers (IHI 0045, §2.5 "Attributes summary").
    static let tagFile: UInt64 = 1
    static let tagCPURawName: UInt64 = 4
    static let tagCPUName: UInt64 = 5
    static let tagCPUArch: UInt64 = 6
    static let tagCPUArchProfile: UInt64 = 7
    static let tagFPArch: UInt64 = 10
    static let tagABIVFPArgs: UInt64 = 28
    static let tagCompatibility: UInt64 = 32

    /// The architecture as Arm spells it (`ARMv7E-M`, `ARMv7-M`, `ARMv7-A`), from
    /// `Tag_CPU_arch` and, for plain v7, `Tag_CPU_arch_profile`; `nil` when not recorded.
    public var architectureName: String? {
        guard let cpuArchitecture else { return nil }
        let names: [UInt64: String] = [
            0: "pre-ARMv4", 1: "ARMv4", 2: "ARMv4T", 3: "ARMv5T", 4: "ARMv5TE", 5: "ARMv5TEJ", 6: "ARMv6", 7: "ARMv6KZ",
            8: "ARMv6T2", 9: "ARMv6K", 11: "ARMv6-M", 12: "ARMv6S-M", 13: "ARMv7E-M", 14: "ARMv8-A", 15: "ARMv8-R",
            16: "ARMv8-M.baseline", 17: "ARMv8-M.mainline", 18: "ARMv8.1-A", 19: "ARMv8.2-A", 20: "ARMv8.3-A",
            21: "ARMv8.1-M.mainline", 22: "ARMv9-A",
        ]
        if cpuArchitecture == 10 {
            switch cpuProfile {
            case 0x4D: return "ARMv7-M"
            case 0x41: return "ARMv7-A"
            case 0x52: return "ARMv7-R"
            default: return "ARMv7"
            }
        }
        return names[cpuArchitecture] ?? "Tag_CPU_arch \(cpuArchitecture)"
    }

    /// The floating-point architecture (`VFPv4-D16`), or `nil` when none is recorded or it is 0.
    public var fpArchitectureName: String? {
        guard let fpArchitecture, fpArchitecture != 0 else { return nil }
        let names: [UInt64: String] = [
            1: "VFPv1", 2: "VFPv2", 3: "VFPv3", 4: "VFPv3-D16", 5: "VFPv4", 6: "VFPv4-D16", 7: "ARMv8 FP", 8: "ARMv8 FP-D16",
        ]
        return names[fpArchitecture] ?? "Tag_FP_arch \(fpArchitecture)"
    }

    /// Parses the contents of an `.ARM.attributes` section.
    ///
    /// Layout (IHI 0045, §2.2): the format version `'A'`, then vendor subsections, each a
    /// little-endian `uint32` length (counting itself), a NUL-terminated vendor name and
    /// its data. The `aeabi` data holds sub-subsections, each a tag (`Tag_File` = 1,
    /// `Tag_Section` = 2, `Tag_Symbol` = 3), a `uint32` length (counting tag and length)
    /// and its attributes: a ULEB128 tag, then a ULEB128 or a NUL-terminated string.
    /// - Parameter bytes: the section's bytes.
    /// - Returns: the file-scope attributes, or `nil` when the bytes are not that format,
    ///   are cut short or contradict their own lengths, or hold no `aeabi` `Tag_File`
    ///   subsection: malformed attributes are ignored, never trusted in part.
    public static func parse(_ bytes: [UInt8]) -> BuildAttributes? {
        guard bytes.first == UInt8(ascii: "A") else { return nil }
        var reader = Reader(bytes: bytes[...].dropFirst())
        var found: BuildAttributes?
        while !reader.isAtEnd {
            guard var body = reader.subsection(), let name = body.string() else { return nil }
            guard name == "aeabi" else { continue }
            while !body.isAtEnd {
                guard let tag = body.byte(), var scope = body.subsection(lengthCountsBytesBefore: 1) else { return nil }
                guard UInt64(tag) == tagFile else { continue }
                var attributes = found ?? BuildAttributes()
                guard attributes.read(&scope) else { return nil }
                found = attributes
            }
        }
        return found
    }

    /// Reads the attributes of one `Tag_File` subsection into `self`.
    /// - Returns: false when they are malformed.
    private mutating func read(_ reader: inout Reader) -> Bool {
        while !reader.isAtEnd {
            guard let tag = reader.uleb128() else { return false }
            switch tag {
            case Self.tagCPURawName, Self.tagCPUName:
                guard let text = reader.string() else { return false }
                if tag == Self.tagCPUName { cpuName = text }
            case Self.tagCompatibility:
                // A flag, then a vendor name (IHI 0045, §2.5.7).
                guard reader.uleb128() != nil, reader.string() != nil else { return false }
            default:
                // Tags below 32 not listed above are ULEB128; from 32 on, odd tags are
                // strings and even ones ULEB128, so unknown tags can be skipped (§2.2.6).
                if tag >= 32 && tag % 2 == 1 {
                    guard reader.string() != nil else { return false }
                    continue
                }
                guard let value = reader.uleb128() else { return false }
                switch tag {
                case Self.tagCPUArch: cpuArchitecture = value
                case Self.tagCPUArchProfile: cpuProfile = value
                case Self.tagFPArch: fpArchitecture = value
                case Self.tagABIVFPArgs: vfpArguments = value
                default: break
                }
            }
        }
        return true
    }

    /// A cursor over attribute bytes; every read checks the bounds and returns `nil` past the end.
    private struct Reader {
        var bytes: ArraySlice<UInt8>

        var isAtEnd: Bool { bytes.isEmpty }

        mutating func byte() -> UInt8? { bytes.popFirst() }

        /// A little-endian `uint32` length, then that many bytes (less the
        /// `lengthCountsBytesBefore` bytes already read and the 4 of the length itself)
        /// as a reader of their own.
        mutating func subsection(lengthCountsBytesBefore before: Int = 0) -> Reader? {
            guard bytes.count >= 4 else { return nil }
            let start = bytes.startIndex
            let length = Int(bytes[start]) | Int(bytes[start + 1]) << 8 | Int(bytes[start + 2]) << 16 | Int(bytes[start + 3]) << 24
            let bodyCount = length - 4 - before
            guard bodyCount >= 0, bodyCount <= bytes.count - 4 else { return nil }
            let body = bytes[(start + 4)..<(start + 4 + bodyCount)]
            bytes = bytes[(start + 4 + bodyCount)...]
            return Reader(bytes: body)
        }

        /// An unsigned LEB128 number; `nil` when cut short or wider than 64 bits.
        mutating func uleb128() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = bytes.popFirst() {
                let bits = UInt64(byte & 0x7F)
                // The tenth group (shift 63) may only carry the top bit of a UInt64.
                guard shift < 63 || (shift == 63 && bits <= 1) else { return nil }
                value |= bits << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }

        /// A NUL-terminated string (NTBS); `nil` when no NUL follows.
        mutating func string() -> String? {
            guard let end = bytes.firstIndex(of: 0) else { return nil }
            let text = String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
            bytes = bytes[(end + 1)...]
            return text
        }
    }
}
