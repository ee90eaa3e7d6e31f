/// Why a file could not be loaded as Cortex-M firmware.
///
/// Every case carries the path as the caller gave it and the offending value, so
/// the CLI can print ``description`` as is (one line, lower case, no trailing
/// period; see docs/exit-codes.md: all of these map to exit code 65, input rejected).
public enum ELFLoaderError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Nothing exists at `path`.
    case fileNotFound(path: String)
    /// The file exists but could not be read (a directory, no permission, I/O error).
    case unreadable(path: String, reason: String)
    /// The file does not start with the ELF magic `0x7F 'E' 'L' 'F'`.
    case notELF(path: String)
    /// The file is an ELF64 (`EI_CLASS` 2); Cortex-M firmware is always ELF32.
    case notELF32(path: String)
    /// The file is big-endian (`EI_DATA` 2); armsim models little-endian cores only.
    case bigEndian(path: String)
    /// `e_machine` is not `EM_ARM` (40).
    case wrongMachine(path: String, machine: UInt16)
    /// `e_type` is not `ET_EXEC` (2): a relocatable object, shared object or core dump.
    case notExecutable(path: String, type: UInt16)
    /// A header, table or segment extends past the end of the file: the file was cut
    /// short, or an offset in a header is wrong.
    case truncated(path: String, detail: String)
    /// Header values contradict each other or the ELF specification.
    case corrupt(path: String, detail: String)
    /// The program header table has no `PT_LOAD` entry with any bytes.
    case noLoadableSegments(path: String)

    /// One line naming the file and the value, e.g.
    /// `firmware.elf is an ELF for x86-64 (e_machine 62), not Arm (40)`.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path) does not exist"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .notELF(let path):
            return "\(path) is not an ELF file (no 0x7F 'ELF' magic)"
        case .notELF32(let path):
            return "\(path) is a 64-bit ELF (EI_CLASS 2), not a 32-bit Arm ELF (EI_CLASS 1)"
        case .bigEndian(let path):
            return "\(path) is a big-endian ELF (EI_DATA 2); armsim runs little-endian Arm only"
        case .wrongMachine(let path, let machine):
            if let name = Self.machineName(machine) {
                return "\(path) is an ELF for \(name) (e_machine \(machine)), not Arm (40)"
            }
            return "\(path) is an ELF for e_machine \(machine), not Arm (40)"
        case .notExecutable(let path, let type):
            let (phrase, symbol) = Self.typeName(type)
            let tag = symbol.map { "\($0), e_type \(type)" } ?? "e_type \(type)"
            return "\(path) is \(phrase) (\(tag)), not an executable (ET_EXEC, e_type 2); link it first"
        case .truncated(let path, let detail):
            return "\(path) is truncated: \(detail)"
        case .corrupt(let path, let detail):
            return "\(path) is corrupt: \(detail)"
        case .noLoadableSegments(let path):
            return "\(path) has no loadable segment (no PT_LOAD with bytes)"
        }
    }

    /// Names for the `e_machine` values people most often pass by mistake.
    ///
    /// Values from the System V ABI `EM_*` list as kept in glibc `elf.h`.
    static func machineName(_ machine: UInt16) -> String? {
        switch machine {
        case 0: return "no machine"
        case 2: return "SPARC"
        case 3: return "x86 (i386)"
        case 8: return "MIPS"
        case 20: return "PowerPC"
        case 21: return "PowerPC64"
        case 22: return "s390"
        case 40: return "Arm"
        case 43: return "SPARC V9"
        case 62: return "x86-64"
        case 83: return "AVR"
        case 94: return "Xtensa"
        case 105: return "MSP430"
        case 183: return "AArch64"
        case 243: return "RISC-V"
        case 258: return "LoongArch"
        default: return nil
        }
    }

    /// A readable name for an `e_type` value (System V ABI, "ELF Header").
    static func typeName(_ type: UInt16) -> (phrase: String, symbol: String?) {
        switch type {
        case 0: return ("an ELF of no type", "ET_NONE")
        case 1: return ("a relocatable object", "ET_REL")
        case 3: return ("a shared object or position-independent executable", "ET_DYN")
        case 4: return ("a core dump", "ET_CORE")
        default: return ("an ELF of unknown type", nil)
        }
    }
}
