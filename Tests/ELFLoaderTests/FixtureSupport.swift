import Foundation

@testable import ELFLoader

/// The valid fixture and helpers to damage copies of it at named ELF32 offsets
/// (gABI `Elf32_Ehdr`, `Elf32_Phdr`, `Elf32_Shdr`, `Elf32_Sym` layouts).
enum Fixture {
    /// Path of `Fixtures/tiny.elf` in the test bundle (see Fixtures/README.md).
    static var tinyPath: String {
        guard let url = Bundle.module.url(forResource: "tiny", withExtension: "elf", subdirectory: "Fixtures") else {
            fatalError("Fixtures/tiny.elf is missing from the test bundle")
        }
        return url.path
    }

    /// The bytes of `tiny.elf`.
    static var tinyBytes: [UInt8] {
        guard let data = FileManager.default.contents(atPath: tinyPath) else {
            fatalError("cannot read \(tinyPath)")
        }
        return [UInt8](data)
    }
}

/// ELF32 header field offsets.
enum EH {
    static let eiClass = 4, eiData = 5, type = 16, machine = 18, entry = 24, phoff = 28, shoff = 32
    static let phentsize = 42, phnum = 44, shentsize = 46, shnum = 48, shstrndx = 50
}

/// ELF32 program header field offsets within one entry.
enum PH {
    static let type = 0, offset = 4, vaddr = 8, paddr = 12, filesz = 16, memsz = 20, flags = 24
}

/// ELF32 section header field offsets within one entry.
enum SH {
    static let name = 0, type = 4, offset = 16, size = 20, link = 24
}

extension Array where Element == UInt8 {
    func u16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func u32(_ offset: Int) -> UInt32 { UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16 }

    mutating func put16(_ offset: Int, _ value: UInt16) {
        self[offset] = UInt8(value & 0xFF)
        self[offset + 1] = UInt8(value >> 8)
    }

    mutating func put32(_ offset: Int, _ value: UInt32) {
        put16(offset, UInt16(value & 0xFFFF))
        put16(offset + 2, UInt16(value >> 16))
    }

    /// File offset of program header `index`.
    func programHeader(_ index: Int) -> Int { Int(u32(EH.phoff)) + index * 32 }

    /// File offset of section header `index`.
    func sectionHeader(_ index: Int) -> Int { Int(u32(EH.shoff)) + index * 40 }

    /// Index of the first section header of type `type` (2 = SHT_SYMTAB).
    func sectionIndex(ofType type: UInt32) -> Int? {
        (1..<Int(u16(EH.shnum))).first { u32(sectionHeader($0) + SH.type) == type }
    }

    /// A copy with `change` applied.
    func patched(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
        var copy = self
        change(&copy)
        return copy
    }
}

/// The error `body` throws, or `nil` if it returns.
func loadError(_ bytes: [UInt8], path: String = "firmware.elf") -> ELFLoaderError? {
    do {
        _ = try ELFLoader.load(bytes: bytes, path: path)
        return nil
    } catch {
        return error
    }
}

/// A small deterministic generator (SplitMix64), so fuzz failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
