import Foundation
import Testing

@testable import ELFLoader

/// Damaged copies of the valid fixture, each made at a named field, must be rejected
/// with the error case for that fault, and no input may crash the loader.
@Suite("Rejecting malformed ELF files")
struct MalformedELFTests {
    let valid = Fixture.tinyBytes

    @Test func everyTruncationIsReportedAsTruncated() {
        for length in 0..<valid.count {
            let error = loadError(Array(valid.prefix(length)))
            guard case .truncated = error else {
                Issue.record("length \(length): expected truncated, got \(String(describing: error))")
                continue
            }
        }
    }

    @Test func wrongMagicIsNotELF() {
        #expect(loadError(valid.patched { $0[1] = 0x45 + 1 }) == .notELF(path: "firmware.elf"))
        #expect(loadError(Array("#!/bin/sh\necho hi\n".utf8)) == .notELF(path: "firmware.elf"))
    }

    @Test func elf64ClassIsNotELF32() {
        #expect(loadError(valid.patched { $0[EH.eiClass] = 2 }) == .notELF32(path: "firmware.elf"))
    }

    @Test func unknownClassOrByteOrderIsCorrupt() {
        guard case .corrupt = loadError(valid.patched { $0[EH.eiClass] = 7 }) else {
            Issue.record("EI_CLASS 7 was not reported as corrupt")
            return
        }
        guard case .corrupt = loadError(valid.patched { $0[EH.eiData] = 0 }) else {
            Issue.record("EI_DATA 0 was not reported as corrupt")
            return
        }
    }

    @Test func bigEndianDataEncodingIsBigEndian() {
        #expect(loadError(valid.patched { $0[EH.eiData] = 2 }) == .bigEndian(path: "firmware.elf"))
    }

    @Test(arguments: [UInt16(62), 183, 243, 3, 0, 999])
    func aNonArmMachineIsWrongMachine(machine: UInt16) {
        #expect(loadError(valid.patched { $0.put16(EH.machine, machine) }) == .wrongMachine(path: "firmware.elf", machine: machine))
    }

    @Test(arguments: [UInt16(0), 1, 3, 4, 0xFE00])
    func aNonExecutableTypeIsNotExecutable(type: UInt16) {
        #expect(loadError(valid.patched { $0.put16(EH.type, type) }) == .notExecutable(path: "firmware.elf", type: type))
    }

    @Test func theHostsOwnExecutableIsAWrongMachine() throws {
        let host = try #require(FileManager.default.contents(atPath: "/bin/true"), "no /bin/true on this host")
        let error = loadError([UInt8](host), path: "/bin/true")
        guard case .wrongMachine(let path, let machine) = error else {
            Issue.record("expected wrongMachine, got \(String(describing: error))")
            return
        }
        #expect(path == "/bin/true" && machine != 40)
        #if arch(x86_64)
            #expect(machine == 62)
            #expect(error?.description == "/bin/true is an ELF for x86-64 (e_machine 62), not Arm (40)")
        #elseif arch(arm64)
            #expect(machine == 183)
        #endif
    }

    @Test func programHeaderTableOutsideTheFileIsTruncated() {
        let error = loadError(valid.patched { $0.put32(EH.phoff, 0xFFFF_FFF0) })
        guard case .truncated = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        guard case .truncated = loadError(valid.patched { $0.put16(EH.phnum, 500) }) else {
            Issue.record("e_phnum 500 was not reported as truncated")
            return
        }
    }

    @Test func programHeaderTableAtOffsetZeroIsCorrupt() {
        guard case .corrupt = loadError(valid.patched { $0.put32(EH.phoff, 0) }) else {
            Issue.record("e_phoff 0 was not reported as corrupt")
            return
        }
    }

    @Test func noProgramHeadersMeansNoLoadableSegments() {
        #expect(loadError(valid.patched { $0.put16(EH.phnum, 0) }) == .noLoadableSegments(path: "firmware.elf"))
    }

    @Test func noPTLoadEntryMeansNoLoadableSegments() {
        let bytes = valid.patched {
            for index in 0..<Int($0.u16(EH.phnum)) { $0.put32($0.programHeader(index) + PH.type, 6) }
        }
        #expect(loadError(bytes) == .noLoadableSegments(path: "firmware.elf"))
    }

    @Test func wrongEntrySizesAreCorrupt() {
        for change in [{ (b: inout [UInt8]) in b.put16(EH.phentsize, 56) }, { b in b.put16(EH.shentsize, 64) }] {
            guard case .corrupt = loadError(valid.patched(change)) else {
                Issue.record("a wrong entry size was not reported as corrupt")
                continue
            }
        }
    }

    @Test func sectionHeaderTableOutsideTheFileIsTruncated() {
        for offset: UInt32 in [0xFFFF_FFFF, UInt32(valid.count) - 8, 0x8000_0000] {
            guard case .truncated = loadError(valid.patched { $0.put32(EH.shoff, offset) }) else {
                Issue.record("e_shoff \(offset) was not reported as truncated")
                continue
            }
        }
    }

    @Test func aFileWithoutSectionHeadersStillLoadsItsSegments() throws {
        let stripped = valid.patched {
            $0.put32(EH.shoff, 0)
            $0.put16(EH.shnum, 0)
            $0.put16(EH.shstrndx, 0)
        }
        let image = try ELFLoader.load(bytes: stripped, path: "stripped.elf")
        #expect(image.segments.count == 2)
        #expect(image.segments[0].name == "segment 0")
        #expect(image.sections.isEmpty && image.symbols.all.isEmpty)
    }

    @Test func fileSizeLargerThanMemorySizeIsCorrupt() {
        let error = loadError(valid.patched { $0.put32($0.programHeader(1) + PH.filesz, 0x20) })
        guard case .corrupt(_, let detail) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(detail.contains("p_filesz 32 larger than p_memsz 20"))
    }

    @Test func segmentBytesOutsideTheFileAreTruncated() {
        guard case .truncated = loadError(valid.patched { $0.put32($0.programHeader(0) + PH.offset, 0xFFFF_FF00) })
        else {
            Issue.record("a p_offset past the end was not reported as truncated")
            return
        }
    }

    @Test func aSegmentWrappingPastFourGiBIsCorrupt() {
        let virtualWrap = valid.patched { $0.put32($0.programHeader(0) + PH.vaddr, 0xFFFF_FFF0) }
        let physicalWrap = valid.patched { $0.put32($0.programHeader(1) + PH.paddr, 0xFFFF_FFFE) }
        let hugeMemory = valid.patched { $0.put32($0.programHeader(1) + PH.memsz, 0xFFFF_FFFF) }
        for bytes in [virtualWrap, physicalWrap, hugeMemory] {
            guard case .corrupt(_, let detail) = loadError(bytes) else {
                Issue.record("a wrapping segment was not reported as corrupt")
                continue
            }
            #expect(detail.contains("wraps past 4 GiB"))
        }
    }

    /// A 4 GiB `p_memsz` from address 0 is legal and must stay a number: building the
    /// zero fill would allocate 4 GiB.
    @Test func aHugeMemorySizeIsKeptAsANumberNotAllocated() throws {
        let bytes = valid.patched { $0.put32($0.programHeader(0) + PH.memsz, 0xFFFF_FFFF) }
        let image = try ELFLoader.load(bytes: bytes, path: "huge.elf")
        #expect(image.segments[0].memoryByteCount == 0xFFFF_FFFF)
        #expect(image.segments[0].fileBytes.count == 0x9C)
    }

    @Test func symbolsWithUnreadableNamesAreSkipped() throws {
        let symtab = try #require(valid.sectionIndex(ofType: 2))
        let bytes = valid.patched {
            let header = $0.sectionHeader(symtab)
            let start = Int($0.u32(header + SH.offset))
            let count = Int($0.u32(header + SH.size)) / 16
            for index in 0..<count where index % 2 == 0 { $0.put32(start + index * 16, 0xFFFF_FF00) }
        }
        let image = try ELFLoader.load(bytes: bytes, path: "names.elf")
        let complete = try ELFLoader.load(bytes: valid, path: "tiny.elf")
        #expect(image.symbols.all.count < complete.symbols.all.count)
        #expect(image.symbols.all.allSatisfy { complete.symbols.symbol(named: $0.name) != nil })
    }

    @Test(arguments: [UInt32(0), 1, 99, 0xFFFF_FFFF])
    func aSymbolTableLinkedToAMissingStringTableGivesNoSymbols(link: UInt32) throws {
        let symtab = try #require(valid.sectionIndex(ofType: 2))
        let image = try ELFLoader.load(
            bytes: valid.patched { $0.put32($0.sectionHeader(symtab) + SH.link, link) }, path: "link.elf")
        #expect(image.symbols.all.isEmpty)
        #expect(image.segments.count == 2)
    }

    @Test func aBadSectionNameTableLeavesNamesEmpty() throws {
        let image = try ELFLoader.load(bytes: valid.patched { $0.put16(EH.shstrndx, 99) }, path: "names.elf")
        #expect(image.sections.allSatisfy { $0.name.isEmpty })
        #expect(image.segments[0].name == "segment 0")
    }

    @Test func sectionBytesOutsideTheFileAreTruncated() throws {
        let symtab = try #require(valid.sectionIndex(ofType: 2))
        for change in [
            { (b: inout [UInt8]) in b.put32(b.sectionHeader(symtab) + SH.offset, 0xFFFF_FFF0) },
            { b in b.put32(b.sectionHeader(symtab) + SH.size, 0x7FFF_FFFF) },
        ] {
            guard case .truncated = loadError(valid.patched(change)) else {
                Issue.record("a section past the end was not reported as truncated")
                continue
            }
        }
    }

    /// Random byte damage anywhere in the file: any result is fine except a crash.
    @Test func randomlyDamagedFilesNeverCrashTheLoader() {
        var random = SplitMix64(state: 0xA5A5_2024)
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if loadError(bytes) == nil { accepted += 1 }
        }
        #expect(accepted > 0)
    }

    /// Random damage confined to the header tables and the symbol table, where the
    /// loader's own arithmetic on file values happens.
    @Test func randomHeaderTableValuesNeverCrashTheLoader() throws {
        var random = SplitMix64(state: 7)
        let tables = [
            valid.programHeader(0)..<valid.programHeader(2),
            valid.sectionHeader(1)..<valid.count,
            Int(valid.u32(valid.sectionHeader(7) + SH.offset))..<Int(valid.u32(valid.sectionHeader(8) + SH.offset)),
        ]
        for _ in 0..<3000 {
            var bytes = valid
            let table = tables[Int.random(in: 0..<tables.count, using: &random)]
            let offset = Int.random(in: table.lowerBound..<(table.upperBound - 3), using: &random)
            let value: UInt32 = [0, 1, 0xFFFF_FFFF, 0x8000_0000, UInt32.random(in: 0...UInt32.max, using: &random)]
                .randomElement(using: &random) ?? 0
            bytes.put32(offset, value)
            _ = loadError(bytes)
        }
    }
}

@Suite("Reading files from disk")
struct FileAccessTests {
    @Test func aMissingFileIsFileNotFound() {
        #expect(throws: ELFLoaderError.fileNotFound(path: "/no/such/firmware.elf")) {
            try ELFLoader.load(path: "/no/such/firmware.elf")
        }
    }

    @Test func aDirectoryIsUnreadable() {
        #expect(throws: ELFLoaderError.unreadable(path: "/tmp", reason: "it is a directory")) {
            try ELFLoader.load(path: "/tmp")
        }
    }

    @Test func anEmptyFileIsTruncated() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("armsim-empty-\(UUID()).elf").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ELFLoaderError.truncated(path: path, detail: "0 bytes, shorter than the ELF magic")) {
            try ELFLoader.load(path: path)
        }
    }
}

@Suite("Error descriptions")
struct ELFLoaderErrorTests {
    @Test(arguments: [
        (ELFLoaderError.fileNotFound(path: "fw.elf"), "fw.elf does not exist"),
        (.unreadable(path: "fw.elf", reason: "permission denied"), "cannot read fw.elf: permission denied"),
        (.notELF(path: "fw.bin"), "fw.bin is not an ELF file (no 0x7F 'ELF' magic)"),
        (.notELF32(path: "fw.elf"), "fw.elf is a 64-bit ELF (EI_CLASS 2), not a 32-bit Arm ELF (EI_CLASS 1)"),
        (.bigEndian(path: "fw.elf"), "fw.elf is a big-endian ELF (EI_DATA 2); armsim runs little-endian Arm only"),
        (.wrongMachine(path: "firmware.elf", machine: 62), "firmware.elf is an ELF for x86-64 (e_machine 62), not Arm (40)"),
        (.wrongMachine(path: "fw.elf", machine: 183), "fw.elf is an ELF for AArch64 (e_machine 183), not Arm (40)"),
        (.wrongMachine(path: "fw.elf", machine: 243), "fw.elf is an ELF for RISC-V (e_machine 243), not Arm (40)"),
        (.wrongMachine(path: "fw.elf", machine: 4242), "fw.elf is an ELF for e_machine 4242, not Arm (40)"),
        (.notExecutable(path: "main.o", type: 1),
            "main.o is a relocatable object (ET_REL, e_type 1), not an executable (ET_EXEC, e_type 2); link it first"),
        (.notExecutable(path: "fw.elf", type: 0xFE00),
            "fw.elf is an ELF of unknown type (e_type 65024), not an executable (ET_EXEC, e_type 2); link it first"),
        (.truncated(path: "fw.elf", detail: "10 bytes"), "fw.elf is truncated: 10 bytes"),
        (.corrupt(path: "fw.elf", detail: "bad"), "fw.elf is corrupt: bad"),
        (.noLoadableSegments(path: "fw.elf"), "fw.elf has no loadable segment (no PT_LOAD with bytes)"),
    ])
    func descriptionNamesTheFileAndTheValue(error: ELFLoaderError, expected: String) {
        #expect(error.description == expected)
    }

    @Test func everyDescriptionIsOneLowerCaseLineWithoutATrailingPeriod() {
        let errors: [ELFLoaderError] = [
            .fileNotFound(path: "a"), .unreadable(path: "a", reason: "r"), .notELF(path: "a"), .notELF32(path: "a"),
            .bigEndian(path: "a"), .wrongMachine(path: "a", machine: 1), .notExecutable(path: "a", type: 9),
            .truncated(path: "a", detail: "d"), .corrupt(path: "a", detail: "d"), .noLoadableSegments(path: "a"),
        ]
        for error in errors {
            let text = error.description
            #expect(!text.contains("\n") && !text.hasSuffix("."))
            #expect(text.first.map { !$0.isUppercase } ?? false, "\(text)")
        }
    }
}
