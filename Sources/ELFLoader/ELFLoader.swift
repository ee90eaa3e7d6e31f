import Foundation

/// Reads Cortex-M firmware ELF files into ``FirmwareImage`` values.
///
/// It accepts exactly what a Cortex-M toolchain links: ELF32, little-endian,
/// `EM_ARM` (40), `ET_EXEC`. The ELF header and the bounds of both header tables are
/// checked from the raw bytes first, so that each fault gets its own error case
/// rather than libelf's generic "invalid ELF"; libelf then reads the tables.
/// Sources: System V ABI gABI 4.1, chapter 4 "Object Files"; ELF for the Arm
/// Architecture (IHI 0044), §5.
/// - Note: never traps on any input: file values are range-checked in 64-bit
///   arithmetic, and a segment's `p_memsz` is kept as a number, never allocated.
public enum ELFLoader {
    /// Size of an ELF32 file header (`sizeof(Elf32_Ehdr)`).
    static let fileHeaderByteCount = 52
    /// Size of an ELF32 program header entry (`sizeof(Elf32_Phdr)`).
    static let programHeaderByteCount = 32
    /// Size of an ELF32 section header entry (`sizeof(Elf32_Shdr)`).
    static let sectionHeaderByteCount = 40
    /// `EM_ARM`.
    static let machineARM: UInt16 = 40
    /// `ET_EXEC`.
    static let typeExecutable: UInt16 = 2

    /// Loads the firmware file at `path`.
    /// - Parameter path: a file system path to an ELF file.
    /// - Returns: the image.
    /// - Throws: ``ELFLoaderError/fileNotFound(path:)`` or
    ///   ``ELFLoaderError/unreadable(path:reason:)`` when the file cannot be read, and
    ///   any error of ``load(bytes:path:)``.
    public static func load(path: String) throws(ELFLoaderError) -> FirmwareImage {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try load(bytes: [UInt8](data), path: path)
    }

    /// Loads a firmware image from the bytes of an ELF file (through libelf's `elf_memory`).
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - path: the name to use in errors and in ``FirmwareImage/path``.
    /// - Returns: the image.
    /// - Throws: an ``ELFLoaderError`` naming the first fault found, in this order:
    ///   magic, byte order, machine, class, type, header sizes, table bounds, segments.
    public static func load(bytes: [UInt8], path: String) throws(ELFLoaderError) -> FirmwareImage {
        let header = try FileHeader.validated(bytes, path: path)

        let file: LibELFImage
        switch LibELFImage.open(bytes) {
        case .success(let opened): file = opened
        case .failure(let failure): throw .corrupt(path: path, detail: "libelf: \(failure.message)")
        }

        let rawSections: [RawSectionHeader]
        switch file.sectionHeaders() {
        case .success(let headers): rawSections = headers
        case .failure(let failure): throw .corrupt(path: path, detail: "section headers: libelf: \(failure.message)")
        }
        try checkSectionBounds(rawSections, fileByteCount: bytes.count, path: path)

        let rawSegments = try loadHeaders(file, header: header, path: path)
        let segments = try rawSegments.map { (index, raw) throws(ELFLoaderError) in
            try makeSegment(raw, index: index, bytes: bytes, sections: rawSections, path: path)
        }
        guard !segments.isEmpty else { throw .noLoadableSegments(path: path) }

        let sections = rawSections.map { makeSection($0, segments: rawSegments.map(\.1)) }
        let symbols = try makeSymbolTable(file, sections: rawSections, path: path)
        return FirmwareImage(
            path: path, entryAddress: header.entry, machineFlags: header.flags, segments: segments,
            sections: sections, symbols: symbols, buildAttributes: buildAttributes(file, sections: rawSections))
    }

    /// The `PT_LOAD` entries with bytes, with their program header index.
    static func loadHeaders(
        _ file: LibELFImage, header: FileHeader, path: String
    ) throws(ELFLoaderError) -> [(Int, RawProgramHeader)] {
        let count: Int
        switch file.programHeaderCount() {
        case .success(let value): count = value
        case .failure(let failure): throw .corrupt(path: path, detail: "program headers: libelf: \(failure.message)")
        }
        guard count == Int(header.programHeaderCount) else {
            throw .corrupt(path: path, detail: "extended program header numbering (e_phnum 0xFFFF) is not supported")
        }
        var loads: [(Int, RawProgramHeader)] = []
        for index in 0..<count {
            guard let raw = file.programHeader(at: index) else {
                throw .corrupt(path: path, detail: "program header \(index) cannot be read")
            }
            let ptLoad: UInt32 = 1
            if raw.type == ptLoad && (raw.fileByteCount > 0 || raw.memoryByteCount > 0) {
                loads.append((index, raw))
            }
        }
        return loads
    }

    /// Checks one `PT_LOAD` entry and copies its file bytes.
    static func makeSegment(
        _ raw: RawProgramHeader, index: Int, bytes: [UInt8], sections: [RawSectionHeader], path: String
    ) throws(ELFLoaderError) -> LoadSegment {
        let fourGiB: UInt64 = 1 << 32
        guard raw.fileByteCount <= raw.memoryByteCount else {
            throw .corrupt(
                path: path,
                detail: "segment \(index) has p_filesz \(raw.fileByteCount) larger than p_memsz \(raw.memoryByteCount)")
        }
        // ELF32 fields are 32-bit; libelf widens them, so these guards only fail on
        // a libelf surprise, and they keep the arithmetic below in range.
        guard raw.offset < fourGiB, raw.memoryByteCount < fourGiB, raw.virtualAddress < fourGiB,
            raw.physicalAddress < fourGiB
        else {
            throw .corrupt(path: path, detail: "segment \(index) has a field wider than 32 bits")
        }
        for (label, start) in [("virtual", raw.virtualAddress), ("physical", raw.physicalAddress)]
        where start + raw.memoryByteCount > fourGiB {
            throw .corrupt(
                path: path,
                detail: "segment \(index) \(label) range \(hex8(UInt32(start))) + \(raw.memoryByteCount) bytes wraps past 4 GiB")
        }
        guard raw.offset + raw.fileByteCount <= UInt64(bytes.count) else {
            throw .truncated(
                path: path,
                detail: "segment \(index) (offset \(raw.offset), \(raw.fileByteCount) bytes) extends past the end of the file (\(bytes.count) bytes)")
        }
        let start = Int(raw.offset)
        let fileBytes = Array(bytes[start..<(start + Int(raw.fileByteCount))])

        let vaddr = raw.virtualAddress
        let end = vaddr + raw.memoryByteCount
        let ptFlagX: UInt32 = 1
        let ptFlagW: UInt32 = 2
        let shfAlloc: UInt64 = 2
        let names = sections.filter { section in
            guard section.flags & shfAlloc != 0, let name = section.name, !name.isEmpty else { return false }
            return section.byteCount > 0 && section.address >= vaddr && section.address < end
        }.compactMap(\.name)
        return LoadSegment(
            index: index, physicalAddress: UInt32(raw.physicalAddress), virtualAddress: UInt32(vaddr),
            fileBytes: fileBytes, memoryByteCount: UInt32(raw.memoryByteCount),
            isExecutable: raw.flags & ptFlagX != 0, isWritable: raw.flags & ptFlagW != 0,
            name: names.isEmpty ? "segment \(index)" : names.joined(separator: " "))
    }

    /// Every section with file bytes must lie inside the file, so that libelf never
    /// reads past the buffer and a cut-short file is reported as truncated.
    static func checkSectionBounds(
        _ sections: [RawSectionHeader], fileByteCount: Int, path: String
    ) throws(ELFLoaderError) {
        let shtNoBits: UInt32 = 8
        for section in sections where section.type != shtNoBits && section.byteCount > 0 {
            let (end, overflow) = section.offset.addingReportingOverflow(section.byteCount)
            if overflow || end > UInt64(fileByteCount) {
                let name = section.name.map { "\($0) " } ?? ""
                throw .truncated(
                    path: path,
                    detail: "section \(section.index) \(name)(offset \(section.offset), \(section.byteCount) bytes) extends past the end of the file (\(fileByteCount) bytes)")
            }
        }
    }

    /// Converts a section header, finding its load address through the containing
    /// `PT_LOAD` (the linker's `AT>` placement: LMA = VMA + p_paddr - p_vaddr).
    static func makeSection(_ raw: RawSectionHeader, segments: [RawProgramHeader]) -> Section {
        let shfWrite: UInt64 = 1
        let shfAlloc: UInt64 = 2
        let shfExecInstr: UInt64 = 4
        let shtNoBits: UInt32 = 8
        let address = UInt32(truncatingIfNeeded: raw.address)
        let isAllocated = raw.flags & shfAlloc != 0
        var loadAddress = address
        if isAllocated,
            let segment = segments.first(where: {
                raw.address >= $0.virtualAddress && raw.address < $0.virtualAddress + max($0.memoryByteCount, 1)
            })
        {
            let delta = UInt32(truncatingIfNeeded: segment.physicalAddress)
                &- UInt32(truncatingIfNeeded: segment.virtualAddress)
            loadAddress = address &+ delta
        }
        return Section(
            name: raw.name ?? "", address: address, byteCount: UInt32(truncatingIfNeeded: raw.byteCount),
            loadAddress: loadAddress, isAllocated: isAllocated, isExecutable: raw.flags & shfExecInstr != 0,
            isWritable: raw.flags & shfWrite != 0, occupiesFile: raw.type != shtNoBits)
    }

    /// `SHT_ARM_ATTRIBUTES` (ELF for the Arm Architecture, IHI 0044, §5.3 "Section types").
    static let sectionTypeARMAttributes: UInt32 = 0x7000_0003

    /// The file-scope build attributes of the first `SHT_ARM_ATTRIBUTES` section, or
    /// `nil` when there is none or it is malformed: the attributes only refine the
    /// checks a board makes, so a damaged section is ignored rather than an error.
    static func buildAttributes(_ file: LibELFImage, sections: [RawSectionHeader]) -> BuildAttributes? {
        guard let section = sections.first(where: { $0.type == sectionTypeARMAttributes }),
            let bytes = file.sectionBytes(section)
        else { return nil }
        return BuildAttributes.parse(bytes)
    }

    /// Reads `.symtab` (or `.dynsym` if there is no `.symtab`) into a ``SymbolTable``.
    ///
    /// Kept: defined symbols with a name, of type `STT_FUNC`, `STT_OBJECT` or
    /// `STT_NOTYPE`. Dropped: section and file symbols, and the Arm mapping symbols
    /// `$a`, `$t`, `$d` (IHI 0044, §5.5.5), which mark code/data boundaries, not names.
    static func makeSymbolTable(
        _ file: LibELFImage, sections: [RawSectionHeader], path: String
    ) throws(ELFLoaderError) -> SymbolTable {
        let shtSymTab: UInt32 = 2
        let shtDynSym: UInt32 = 11
        let shfAlloc: UInt64 = 2
        let shfExecInstr: UInt64 = 4
        let codeRanges = sections.filter { $0.flags & (shfAlloc | shfExecInstr) == shfAlloc | shfExecInstr }
            .map { $0.address..<($0.address + $0.byteCount) }
        guard let table = sections.first(where: { $0.type == shtSymTab })
            ?? sections.first(where: { $0.type == shtDynSym })
        else {
            return SymbolTable(symbols: [], codeRanges: codeRanges)
        }
        let raws: [RawSymbol]
        switch file.symbols(in: table) {
        case .success(let entries): raws = entries
        case .failure(let failure): throw .corrupt(path: path, detail: "symbol table: libelf: \(failure.message)")
        }
        var symbols: [Symbol] = []
        symbols.reserveCapacity(raws.count)
        for raw in raws {
            let sttNoType: UInt8 = 0
            let sttObject: UInt8 = 1
            let sttFunc: UInt8 = 2
            let shnUndef: UInt16 = 0
            guard raw.sectionIndex != shnUndef, !raw.name.isEmpty, !raw.name.hasPrefix("$") else { continue }
            let kind: Symbol.Kind
            switch raw.info & 0xF {
            case sttFunc: kind = .function
            case sttObject: kind = .object
            case sttNoType: kind = .other
            default: continue
            }
            var address = UInt32(truncatingIfNeeded: raw.value)
            if kind == .function { address &= ~1 }
            symbols.append(
                Symbol(name: raw.name, address: address, byteCount: UInt32(truncatingIfNeeded: raw.byteCount), kind: kind))
        }
        return SymbolTable(symbols: symbols, codeRanges: codeRanges)
    }
}
