import ELFLoader

/// A microbit-v1 image from hand-assembled bytes: the vector table at 0, code from 0x40
/// (`Reset_Handler`, entered at 0x41), and `bssBytes` of `.bss` at the base of SRAM.
func handAssembledImage(path: String, bytes: [UInt8], bssBytes: UInt32, symbols: [Symbol]) -> FirmwareImage {
    FirmwareImage(
        path: path, entryAddress: 0x41, machineFlags: 0x0500_0000,
        segments: [
            LoadSegment(
                index: 0, physicalAddress: 0, virtualAddress: 0, fileBytes: bytes, memoryByteCount: UInt32(bytes.count),
                isExecutable: true, isWritable: false, name: ".text")
        ],
        sections: [
            Section(
                name: ".isr_vector", address: 0, byteCount: 0x40, loadAddress: 0, isAllocated: true, isExecutable: false,
                isWritable: false, occupiesFile: true),
            Section(
                name: ".text", address: 0x40, byteCount: UInt32(bytes.count) - 0x40, loadAddress: 0x40, isAllocated: true,
                isExecutable: true, isWritable: false, occupiesFile: true),
            Section(
                name: ".bss", address: 0x2000_0000, byteCount: bssBytes, loadAddress: 0x2000_0000, isAllocated: true,
                isExecutable: false, isWritable: true, occupiesFile: false),
        ],
        symbols: SymbolTable(symbols: symbols))
}
