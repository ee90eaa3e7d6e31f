/// The ELF32 file header fields the loader checks, read from the raw bytes.
///
/// Read here rather than through libelf so that every fault (wrong class, byte
/// order, machine, type, or a header table outside the file) is found before libelf
/// opens the file and gets a precise ``ELFLoaderError``. Offsets are from the gABI,
/// "ELF Header" (`Elf32_Ehdr`).
struct FileHeader {
    var type: UInt16
    var machine: UInt16
    var entry: UInt32
    var programHeaderOffset: UInt32
    var sectionHeaderOffset: UInt32
    var flags: UInt32
    var programHeaderEntryByteCount: UInt16
    var programHeaderCount: UInt16
    var sectionHeaderEntryByteCount: UInt16
    var sectionHeaderCount: UInt16

    /// The ELF magic, `EI_MAG0` to `EI_MAG3`.
    static let magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]

    /// Reads and checks the header of `bytes`.
    /// - Throws: the first fault, in the order magic, byte order, machine, class,
    ///   type, size, header tables. Byte order comes before machine because
    ///   `e_machine` can only be read once the byte order is known; machine comes
    ///   before class because it sits at the same offset in ELF32 and ELF64, and
    ///   "this is an x86-64 program" is the more useful message.
    static func validated(_ bytes: [UInt8], path: String) throws(ELFLoaderError) -> FileHeader {
        guard bytes.count >= 4, Array(bytes[0..<4]) == magic else {
            if bytes.count < 4 && Array(magic.prefix(bytes.count)) == bytes {
                throw .truncated(path: path, detail: "\(bytes.count) bytes, shorter than the ELF magic")
            }
            throw .notELF(path: path)
        }
        guard bytes.count >= 20 else {
            throw .truncated(path: path, detail: "\(bytes.count) bytes, an ELF32 header needs \(ELFLoader.fileHeaderByteCount)")
        }
        let elfClass = bytes[4]
        let dataEncoding = bytes[5]
        switch dataEncoding {
        case 1: break
        case 2: throw .bigEndian(path: path)
        default: throw .corrupt(path: path, detail: "EI_DATA \(dataEncoding) is neither little-endian (1) nor big-endian (2)")
        }
        let machine = readUInt16(bytes, at: 18)
        guard machine == ELFLoader.machineARM else { throw .wrongMachine(path: path, machine: machine) }
        switch elfClass {
        case 1: break
        case 2: throw .notELF32(path: path)
        default: throw .corrupt(path: path, detail: "EI_CLASS \(elfClass) is neither ELF32 (1) nor ELF64 (2)")
        }
        let type = readUInt16(bytes, at: 16)
        guard type == ELFLoader.typeExecutable else { throw .notExecutable(path: path, type: type) }
        guard bytes.count >= ELFLoader.fileHeaderByteCount else {
            throw .truncated(path: path, detail: "\(bytes.count) bytes, an ELF32 header needs \(ELFLoader.fileHeaderByteCount)")
        }
        let header = FileHeader(
            type: type, machine: machine, entry: readUInt32(bytes, at: 24),
            programHeaderOffset: readUInt32(bytes, at: 28), sectionHeaderOffset: readUInt32(bytes, at: 32),
            flags: readUInt32(bytes, at: 36), programHeaderEntryByteCount: readUInt16(bytes, at: 42),
            programHeaderCount: readUInt16(bytes, at: 44), sectionHeaderEntryByteCount: readUInt16(bytes, at: 46),
            sectionHeaderCount: readUInt16(bytes, at: 48))
        try header.checkTables(fileByteCount: bytes.count, path: path)
        return header
    }

    /// Both header tables must have the ELF32 entry size and lie inside the file.
    func checkTables(fileByteCount: Int, path: String) throws(ELFLoaderError) {
        guard programHeaderCount > 0 else { throw .noLoadableSegments(path: path) }
        guard programHeaderCount != 0xFFFF else {
            throw .corrupt(path: path, detail: "extended program header numbering (e_phnum 0xFFFF) is not supported")
        }
        guard Int(programHeaderEntryByteCount) == ELFLoader.programHeaderByteCount else {
            throw .corrupt(
                path: path,
                detail: "e_phentsize is \(programHeaderEntryByteCount), an ELF32 program header is \(ELFLoader.programHeaderByteCount)")
        }
        try Self.checkTable(
            "program header table", offset: programHeaderOffset, count: programHeaderCount,
            entryByteCount: ELFLoader.programHeaderByteCount, fileByteCount: fileByteCount, path: path)
        if sectionHeaderCount > 0 {
            guard Int(sectionHeaderEntryByteCount) == ELFLoader.sectionHeaderByteCount else {
                throw .corrupt(
                    path: path,
                    detail: "e_shentsize is \(sectionHeaderEntryByteCount), an ELF32 section header is \(ELFLoader.sectionHeaderByteCount)")
            }
            try Self.checkTable(
                "section header table", offset: sectionHeaderOffset, count: sectionHeaderCount,
                entryByteCount: ELFLoader.sectionHeaderByteCount, fileByteCount: fileByteCount, path: path)
        } else if sectionHeaderOffset != 0 {
            // e_shnum 0 with a non-zero e_shoff means the count is in section 0's
            // sh_size (gABI extended section numbering); section 0 must be readable.
            try Self.checkTable(
                "section header table", offset: sectionHeaderOffset, count: 1,
                entryByteCount: ELFLoader.sectionHeaderByteCount, fileByteCount: fileByteCount, path: path)
        }
    }

    /// `offset + count × entryByteCount` must not pass the end of the file.
    static func checkTable(
        _ label: String, offset: UInt32, count: UInt16, entryByteCount: Int, fileByteCount: Int, path: String
    ) throws(ELFLoaderError) {
        let end = UInt64(offset) + UInt64(count) * UInt64(entryByteCount)
        guard offset > 0 || count == 0 else {
            throw .corrupt(path: path, detail: "\(label) with \(count) entries is at offset 0, over the ELF header")
        }
        guard end <= UInt64(fileByteCount) else {
            throw .truncated(
                path: path,
                detail: "\(label) (offset \(offset), \(count) entries) ends at byte \(end), past the end of the file (\(fileByteCount) bytes)")
        }
    }
}

/// A little-endian `UInt16` at `offset`; the caller has checked the bounds.
private func readUInt16(_ bytes: [UInt8], at offset: Int) -> UInt16 {
    UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
}

/// A little-endian `UInt32` at `offset`; the caller has checked the bounds.
private func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(readUInt16(bytes, at: offset)) | UInt32(readUInt16(bytes, at: offset + 2)) << 16
}
