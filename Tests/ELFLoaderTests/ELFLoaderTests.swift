import Foundation
import Testing

@testable import ELFLoader

/// The valid fixture, built from Fixtures/tiny.c.txt. Expected values were read with
/// `arm-none-eabi-readelf -hlS` and `arm-none-eabi-nm -nS` (see Fixtures/README.md);
/// if the fixture is rebuilt they must be re-read from those tools, not from armsim.
@Suite("Loading a valid firmware ELF")
struct ValidImageTests {
    let image: FirmwareImage

    init() throws {
        image = try ELFLoader.load(path: Fixture.tinyPath)
    }

    @Test func headerFieldsAreCopiedFromTheFile() {
        #expect(image.entryAddress == 0x55)
        #expect(image.machineFlags == 0x0500_0200)
        #expect(image.path == Fixture.tinyPath)
    }

    @Test func eachLoadSegmentKeepsItsAddressesSizesAndSectionNames() throws {
        #expect(image.segments.count == 2)
        let code = image.segments[0]
        #expect(code.index == 0)
        #expect(code.physicalAddress == 0 && code.virtualAddress == 0)
        #expect(code.fileBytes.count == 0x9C && code.memoryByteCount == 0x9C)
        #expect(code.isExecutable && !code.isWritable)
        #expect(code.name == ".isr_vector .text")

        let data = image.segments[1]
        #expect(data.physicalAddress == 0x9C)
        #expect(data.virtualAddress == 0x2000_0000)
        #expect(data.fileBytes.count == 4 && data.memoryByteCount == 0x14)
        #expect(!data.isExecutable && data.isWritable)
        #expect(data.name == ".data .bss")
    }

    @Test func segmentBytesAreTheFileBytesAtTheSegmentOffset() {
        let bytes = Fixture.tinyBytes
        let offset = Int(bytes.u32(bytes.programHeader(0) + PH.offset))
        #expect(image.segments[0].fileBytes == Array(bytes[offset..<(offset + 0x9C)]))
        // The vector table's second word is the reset handler with the Thumb bit.
        let reset = image.segments[0].fileBytes[4..<8].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(reset == 0x55)
    }

    @Test func dataSectionLoadAddressIsItsCopyInFlash() throws {
        let data = try #require(image.section(named: ".data"))
        #expect(data.address == 0x2000_0000)
        #expect(data.loadAddress == 0x9C)
        #expect(data.occupiesFile && data.isWritable && data.isAllocated && !data.isExecutable)
        let text = try #require(image.section(named: ".text"))
        #expect(text.address == 0x10 && text.loadAddress == 0x10 && text.byteCount == 0x8C)
        #expect(text.isExecutable && !text.isWritable)
    }

    @Test func bssOccupiesNoFileBytesAndCommentIsNotAllocated() throws {
        let bss = try #require(image.section(named: ".bss"))
        #expect(!bss.occupiesFile && bss.byteCount == 0x10)
        let comment = try #require(image.section(named: ".comment"))
        #expect(!comment.isAllocated)
        #expect(image.sections.count == 9)
    }

    @Test func functionSymbolsHaveTheThumbBitCleared() throws {
        let square = try #require(image.symbols.symbol(named: "square"))
        #expect(square == Symbol(name: "square", address: 0x12, byteCount: 4, kind: .function))
        #expect(image.symbols.symbol(named: "Reset_Handler")?.address == 0x54)
        #expect(image.symbols.symbol(named: "counter")?.kind == .object)
        #expect(image.symbols.symbol(named: "_estack")?.kind == .other)
        #expect(image.symbols.symbol(named: "_estack")?.address == 0x2000_4000)
    }

    @Test func mappingSectionAndFileSymbolsAreDropped() {
        #expect(!image.symbols.all.contains { $0.name.hasPrefix("$") })
        #expect(image.symbols.symbol(named: "tiny.c") == nil)
        #expect(image.symbols.symbol(named: "") == nil)
    }

    @Test func addressesInsideAFunctionFindThatFunction() {
        #expect(image.symbols.function(containing: 0x12)?.name == "square")
        #expect(image.symbols.function(containing: 0x15)?.name == "square")
        #expect(image.symbols.function(containing: 0x16)?.name == "accumulate")
        #expect(image.symbols.function(containing: 0x9B)?.name == "Reset_Handler")
        #expect(image.symbols.function(containing: 0x9C) == nil)
        #expect(image.symbols.function(containing: 0x0) == nil)
    }

    @Test func describeNamesFunctionPlusOffsetOrTheBareAddress() {
        #expect(image.symbols.describe(address: 0x16) == "accumulate")
        #expect(image.symbols.describe(address: 0x28) == "accumulate+0x12")
        #expect(image.symbols.describe(address: 0x2000_0008) == "scratch+0x4")
        #expect(image.symbols.describe(address: 0x3000_0000) == "0x30000000")
        #expect(image.symbols.describe(address: 0x1234) == "0x00001234")
    }
}

@Suite("Symbol table lookups")
struct SymbolTableTests {
    @Test func aSizeZeroFunctionReachesUpToTheNextFunction() {
        let table = SymbolTable(symbols: [
            Symbol(name: "label", address: 0x100, byteCount: 0, kind: .function),
            Symbol(name: "next", address: 0x140, byteCount: 8, kind: .function),
        ])
        #expect(table.function(containing: 0x13F)?.name == "label")
        #expect(table.function(containing: 0x140)?.name == "next")
        #expect(table.function(containing: 0x148) == nil)
    }

    @Test func aLastSizeZeroFunctionEndsWithItsCodeSection() {
        let table = SymbolTable(
            symbols: [Symbol(name: "tail", address: 0x200, byteCount: 0, kind: .function)],
            codeRanges: [0x100..<0x280])
        #expect(table.function(containing: 0x27F)?.name == "tail")
        #expect(table.function(containing: 0x280) == nil)
    }

    @Test func aliasesAtOneAddressPreferTheSizedSymbol() {
        let table = SymbolTable(symbols: [
            Symbol(name: "alias", address: 0x100, byteCount: 0, kind: .function),
            Symbol(name: "real", address: 0x100, byteCount: 4, kind: .function),
        ])
        #expect(table.function(containing: 0x102)?.name == "real")
    }

    @Test func aFunctionEndingAtFourGiBDoesNotWrap() {
        let table = SymbolTable(symbols: [
            Symbol(name: "top", address: 0xFFFF_FFF0, byteCount: 0x10, kind: .function)
        ])
        #expect(table.describe(address: 0xFFFF_FFFF) == "top+0xf")
        #expect(table.function(containing: 0) == nil)
    }

    @Test func anEmptyTableDescribesEveryAddressAsHex() {
        #expect(SymbolTable(symbols: []).describe(address: 0xABC) == "0x00000ABC")
    }
}
