import CLibELF

// Every call into the system libelf lives in this file, so that the unsafe C surface
// is in one place (the pattern of swift-system's Internals/Syscalls.swift). The rest of
// ELFLoader sees only the plain values below.

/// A program header widened to host integers (`GElf_Phdr`).
struct RawProgramHeader {
    var type: UInt32
    var offset: UInt64
    var virtualAddress: UInt64
    var physicalAddress: UInt64
    var fileByteCount: UInt64
    var memoryByteCount: UInt64
    var flags: UInt32
}

/// A section header widened to host integers (`GElf_Shdr`), with its name resolved.
struct RawSectionHeader {
    /// Index in the section header table (0 is the null section and never reported).
    var index: Int
    /// The name, or `nil` when `sh_name` does not point into the string table.
    var name: String?
    var type: UInt32
    var flags: UInt64
    var address: UInt64
    var offset: UInt64
    var byteCount: UInt64
    var link: UInt32
}

/// A symbol-table entry widened to host integers (`GElf_Sym`), with its name resolved.
struct RawSymbol {
    var name: String
    var value: UInt64
    var byteCount: UInt64
    /// `st_info`: binding in the high nibble, type in the low nibble.
    var info: UInt8
    var sectionIndex: UInt16
}

/// libelf refused the image; `message` is `elf_errmsg` for the failing call.
struct LibELFFailure: Error {
    var message: String
}

/// Whether libelf accepted our ELF version. `elf_version` must be called once before
/// any other libelf function (libelf(3)); a global `let` runs it once, thread-safely.
private let libelfIsReady: Bool = elf_version(UInt32(EV_CURRENT)) != UInt32(EV_NONE)

/// One ELF image opened with `elf_memory` over a private copy of the bytes.
///
/// The copy is needed because `elf_memory` opens the buffer as
/// `ELF_C_READ_MMAP_PRIVATE` and may write into it; a Swift array must not be
/// written through a pointer that outlives `withUnsafeBytes`.
/// - Note: callers validate the header and table bounds before opening, so libelf
///   only reads tables that lie inside the buffer.
final class LibELFImage {
    private let buffer: UnsafeMutableRawBufferPointer
    private let elf: OpaquePointer

    private init(buffer: UnsafeMutableRawBufferPointer, elf: OpaquePointer) {
        self.buffer = buffer
        self.elf = elf
    }

    deinit {
        elf_end(elf)
        buffer.deallocate()
    }

    /// Opens `bytes` with `elf_memory` and checks that libelf sees an ELF (`elf_kind`).
    static func open(_ bytes: [UInt8]) -> Result<LibELFImage, LibELFFailure> {
        guard libelfIsReady else { return .failure(LibELFFailure(message: lastError())) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        guard let base = buffer.baseAddress,
            let elf = elf_memory(base.assumingMemoryBound(to: CChar.self), bytes.count)
        else {
            let failure = LibELFFailure(message: lastError())
            buffer.deallocate()
            return .failure(failure)
        }
        let image = LibELFImage(buffer: buffer, elf: elf)
        guard elf_kind(elf) == ELF_K_ELF else {
            return .failure(LibELFFailure(message: "not an ELF object"))
        }
        return .success(image)
    }

    /// The message for the last libelf error on this thread (`elf_errmsg(-1)`).
    private static func lastError() -> String {
        guard let message = elf_errmsg(-1) else { return "unknown libelf error" }
        return String(cString: message)
    }

    /// The number of program headers (`elf_getphdrnum`, which resolves `PN_XNUM`).
    func programHeaderCount() -> Result<Int, LibELFFailure> {
        var count = 0
        guard elf_getphdrnum(elf, &count) == 0 else { return .failure(LibELFFailure(message: Self.lastError())) }
        return .success(count)
    }

    /// Program header `index` (`gelf_getphdr`), or `nil` if libelf cannot read it.
    func programHeader(at index: Int) -> RawProgramHeader? {
        guard let index = Int32(exactly: index) else { return nil }
        var header = GElf_Phdr()
        guard gelf_getphdr(elf, index, &header) != nil else { return nil }
        return RawProgramHeader(
            type: header.p_type, offset: header.p_offset, virtualAddress: header.p_vaddr,
            physicalAddress: header.p_paddr, fileByteCount: header.p_filesz,
            memoryByteCount: header.p_memsz, flags: header.p_flags)
    }

    /// Every section header but the null one (`elf_getshdrnum`, `elf_getscn`,
    /// `gelf_getshdr`), names resolved through `elf_getshdrstrndx` and `elf_strptr`.
    /// Headers libelf cannot read are skipped.
    func sectionHeaders() -> Result<[RawSectionHeader], LibELFFailure> {
        var count = 0
        guard elf_getshdrnum(elf, &count) == 0 else { return .failure(LibELFFailure(message: Self.lastError())) }
        var namesIndex = 0
        let hasNames = elf_getshdrstrndx(elf, &namesIndex) == 0
        var headers: [RawSectionHeader] = []
        guard count > 1 else { return .success(headers) }
        headers.reserveCapacity(count - 1)
        for index in 1..<count {
            var header = GElf_Shdr()
            guard let section = elf_getscn(elf, index), gelf_getshdr(section, &header) != nil else { continue }
            let name = hasNames ? string(inSection: namesIndex, at: UInt64(header.sh_name)) : nil
            headers.append(
                RawSectionHeader(
                    index: index, name: name, type: header.sh_type, flags: header.sh_flags,
                    address: header.sh_addr, offset: header.sh_offset, byteCount: header.sh_size,
                    link: header.sh_link))
        }
        return .success(headers)
    }

    /// The entries of symbol-table section `table` (`elf_getdata`, `gelf_getsym`),
    /// names looked up in section `table.link`. Entries whose name cannot be read are
    /// skipped, so a damaged table yields fewer symbols rather than an error.
    func symbols(in table: RawSectionHeader) -> Result<[RawSymbol], LibELFFailure> {
        guard let section = elf_getscn(elf, table.index) else {
            return .failure(LibELFFailure(message: Self.lastError()))
        }
        guard let data = elf_getdata(section, nil) else {
            return .failure(LibELFFailure(message: Self.lastError()))
        }
        // A table whose data libelf did not convert to symbols (d_type) is unreadable.
        guard data.pointee.d_type == ELF_T_SYM, data.pointee.d_buf != nil || data.pointee.d_size == 0 else {
            return .success([])
        }
        let entryByteCount = max(gelf_fsize(elf, ELF_T_SYM, 1, UInt32(EV_CURRENT)), 1)
        let count = min(data.pointee.d_size / entryByteCount, Int(Int32.max))
        var symbols: [RawSymbol] = []
        symbols.reserveCapacity(count)
        for index in 0..<count {
            var entry = GElf_Sym()
            guard gelf_getsym(data, Int32(index), &entry) != nil else { continue }
            guard let name = string(inSection: Int(table.link), at: UInt64(entry.st_name)) else { continue }
            symbols.append(
                RawSymbol(
                    name: name, value: entry.st_value, byteCount: entry.st_size, info: entry.st_info,
                    sectionIndex: entry.st_shndx))
        }
        return .success(symbols)
    }

    /// The bytes of section `header` as libelf hands them out untranslated
    /// (`elf_getdata`; `ELF_T_BYTE` for types libelf does not convert, such as
    /// `SHT_ARM_ATTRIBUTES`), or `nil` when libelf cannot read the section.
    /// - Note: the caller has checked that the section lies inside the file.
    func sectionBytes(_ header: RawSectionHeader) -> [UInt8]? {
        guard let section = elf_getscn(elf, header.index), let data = elf_getdata(section, nil) else { return nil }
        guard data.pointee.d_type == ELF_T_BYTE, let base = data.pointee.d_buf else { return nil }
        return [UInt8](UnsafeRawBufferPointer(start: base, count: data.pointee.d_size))
    }

    /// The NUL-terminated string at `offset` in string-table section `index`
    /// (`elf_strptr`, which checks the offset and the terminator), or `nil`.
    private func string(inSection index: Int, at offset: UInt64) -> String? {
        guard index > 0, let offset = Int(exactly: offset), let pointer = elf_strptr(elf, index, offset) else {
            return nil
        }
        return String(cString: pointer)
    }
}
