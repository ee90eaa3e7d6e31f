import ArgumentParser
import Boards
import CortexM
import ELFLoader
import Profiler
import ThumbDecoder

/// `armsim disasm FILE`: the executable sections as armsim decodes them, so a user can
/// see what the simulator will execute (and compare with objdump).
struct DisassembleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disasm",
        abstract: "Disassemble a firmware ELF's code as armsim decodes it.",
        discussion: "Example:\n  armsim disasm hello.elf --core m0 --symbol main"
    )

    @Argument(help: ArgumentHelp("The firmware ELF.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Instruction set of this core (default m0).", valueName: "m0|m0plus|m4"))
    var core: CoreKind = .m0

    @Option(name: .long, help: ArgumentHelp("Only this function.", valueName: "name"))
    var symbol: String?

    func run() throws {
        let image: FirmwareImage
        do { image = try ELFLoader.load(path: file) } catch {
            throw Terminal.fail(error.description, status: ExitStatus.inputRejected)
        }
        let decoder = ThumbDecoder(instructionSet: CoreConfiguration(kind: core).instructionSet)
        var ranges: [(String, UInt32, UInt32)] = image.sections.filter { $0.isExecutable && $0.occupiesFile && $0.byteCount > 0 }
            .map { ($0.name, $0.loadAddress, $0.byteCount) }
        if let symbol {
            guard let found = image.symbols.symbol(named: symbol), found.byteCount > 0 else {
                throw Terminal.fail("\(file) has no function named '\(symbol)' with a size", status: ExitStatus.inputRejected)
            }
            ranges = [(symbol, found.address, found.byteCount)]
        }
        var output = ""
        for (name, start, byteCount) in ranges {
            output += "\n\(name):\n"
            var address = start
            let end = UInt64(start) + UInt64(byteCount)
            while UInt64(address) + 2 <= end {
                guard let first = image.halfword(at: address) else { break }
                let second = image.halfword(at: address &+ 2) ?? 0
                if let label = image.symbols.all.first(where: { $0.kind == .function && $0.address == address }) {
                    output += "\(hex(address)) <\(label.name)>:\n"
                }
                let instruction = decoder.decode(first: first, second: second, address: address)
                let encoding = instruction.isThumb32
                    ? String(first, radix: 16).leftPadded(4) + " " + String(second, radix: 16).leftPadded(4)
                    : String(first, radix: 16).leftPadded(4) + "     "
                output += "  \(String(address, radix: 16).leftPadded(8)):  \(encoding)  \(Disassembler.text(instruction))\n"
                address &+= UInt32(instruction.byteCount)
            }
        }
        print(output, terminator: "")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

extension FirmwareImage {
    /// The halfword stored at load address `address` in the image's segments.
    func halfword(at address: UInt32) -> UInt16? {
        for segment in segments where address >= segment.physicalAddress {
            let offset = Int(address - segment.physicalAddress)
            if offset + 1 < segment.fileBytes.count {
                return UInt16(segment.fileBytes[offset]) | UInt16(segment.fileBytes[offset + 1]) << 8
            }
        }
        return nil
    }
}
