/// A linked Cortex-M firmware file, read into plain values.
///
/// This is what the rest of armsim knows about an ELF: the bytes to place in memory
/// (``segments``), the named ranges for reports and error messages (``sections``) and
/// the symbols for profiles and disassembly (``symbols``). It knows nothing about
/// boards; whether the segments fit a memory map is the profiler's question.
public struct FirmwareImage: Sendable {
    /// The path the image was loaded from, as the caller gave it.
    public var path: String
    /// `e_entry` as recorded in the file. For Thumb code bit 0 is set (the Thumb bit);
    /// a Cortex-M core boots from the reset vector, so this is informational.
    public var entryAddress: UInt32
    /// `e_flags`: for Arm, the EABI version and float ABI
    /// (ELF for the Arm Architecture, IHI 0044, §5.2 "ELF header").
    public var machineFlags: UInt32
    /// Every `PT_LOAD` entry with a non-zero file or memory size, in program header order.
    public var segments: [LoadSegment]
    /// Every section except the null section 0, in section header order.
    public var sections: [Section]
    /// Function, object and other named symbols from `.symtab`.
    public var symbols: SymbolTable
    /// The `.ARM.attributes` the toolchain recorded (architecture, FPU), or `nil` when
    /// the file has none or they are malformed.
    public var buildAttributes: BuildAttributes?

    public init(
        path: String, entryAddress: UInt32, machineFlags: UInt32, segments: [LoadSegment],
        sections: [Section], symbols: SymbolTable, buildAttributes: BuildAttributes? = nil
    ) {
        self.path = path
        self.entryAddress = entryAddress
        self.machineFlags = machineFlags
        self.segments = segments
        self.sections = sections
        self.symbols = symbols
        self.buildAttributes = buildAttributes
    }

    /// `EF_ARM_ABI_FLOAT_HARD` (0x400) is set in ``machineFlags`` of an EABI version 5 (or
    /// later) file: floating-point values are passed in FPU registers, so the image needs
    /// a core with an FPU (IHI 0044, §5.2 "ELF header"; the bit means this from EABI 5 on).
    public var usesHardFloatABI: Bool { machineFlags >> 24 >= 5 && machineFlags & 0x400 != 0 }

    /// The first section called `name`, e.g. `.text`.
    /// - Parameter name: the section name including its leading dot.
    /// - Returns: the section, or `nil` if the file has none of that name.
    public func section(named name: String) -> Section? {
        sections.first { $0.name == name }
    }
}

/// One `PT_LOAD` program header and the bytes it places in memory.
///
/// Flash programmers write ``fileBytes`` at ``physicalAddress`` (the load memory
/// address, LMA); start-up code later copies `.data` to ``virtualAddress``. A
/// simulator that only "programs flash" therefore loads at the physical address.
/// - Note: ``memoryByteCount`` ≥ `fileBytes.count`; the rest is zero-filled by the
///   loader of the bus, never materialised here, so a huge `p_memsz` costs nothing.
public struct LoadSegment: Sendable, Equatable {
    /// The index of the entry in the program header table.
    public var index: Int
    /// `p_paddr`: where the bytes are programmed (LMA).
    public var physicalAddress: UInt32
    /// `p_vaddr`: where the code or data lives while running (VMA).
    public var virtualAddress: UInt32
    /// The `p_filesz` bytes of the segment, copied from the file.
    public var fileBytes: [UInt8]
    /// `p_memsz`: the size in memory, including zero-filled bytes (`.bss`).
    public var memoryByteCount: UInt32
    /// `PF_X` is set.
    public var isExecutable: Bool
    /// `PF_W` is set.
    public var isWritable: Bool
    /// The names of the allocated sections inside the segment, space-separated
    /// (`.isr_vector .text`), or `segment N` when there are no section headers.
    public var name: String

    public init(
        index: Int, physicalAddress: UInt32, virtualAddress: UInt32, fileBytes: [UInt8],
        memoryByteCount: UInt32, isExecutable: Bool, isWritable: Bool, name: String
    ) {
        self.index = index
        self.physicalAddress = physicalAddress
        self.virtualAddress = virtualAddress
        self.fileBytes = fileBytes
        self.memoryByteCount = memoryByteCount
        self.isExecutable = isExecutable
        self.isWritable = isWritable
        self.name = name
    }
}

/// One section header: a named address range, for reports (code and data size per
/// section) and for error messages.
public struct Section: Sendable, Equatable {
    /// The name from the section header string table; empty when it cannot be read.
    public var name: String
    /// `sh_addr`: the run-time address (VMA).
    public var address: UInt32
    /// `sh_size`.
    public var byteCount: UInt32
    /// Where the section's bytes are programmed (LMA): ``address`` moved by the
    /// containing `PT_LOAD`'s `p_paddr - p_vaddr`; equal to ``address`` when no load
    /// segment contains the section. For `.data` this is its copy in flash.
    public var loadAddress: UInt32
    /// `SHF_ALLOC`: the section occupies memory at run time.
    public var isAllocated: Bool
    /// `SHF_EXECINSTR`.
    public var isExecutable: Bool
    /// `SHF_WRITE`.
    public var isWritable: Bool
    /// The section has bytes in the file (its type is not `SHT_NOBITS`, as `.bss` is).
    public var occupiesFile: Bool

    public init(
        name: String, address: UInt32, byteCount: UInt32, loadAddress: UInt32, isAllocated: Bool,
        isExecutable: Bool, isWritable: Bool, occupiesFile: Bool
    ) {
        self.name = name
        self.address = address
        self.byteCount = byteCount
        self.loadAddress = loadAddress
        self.isAllocated = isAllocated
        self.isExecutable = isExecutable
        self.isWritable = isWritable
        self.occupiesFile = occupiesFile
    }
}
