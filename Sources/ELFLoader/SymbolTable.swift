/// A named address from the ELF symbol table.
public struct Symbol: Sendable, Equatable {
    /// What a symbol names, from its `STT_*` type (System V ABI, "Symbol Table").
    public enum Kind: String, Sendable, Equatable {
        /// `STT_FUNC`: code.
        case function
        /// `STT_OBJECT`: a variable or constant.
        case object
        /// Anything else kept: `STT_NOTYPE` labels and linker-defined symbols such as `_estack`.
        case other
    }

    /// The symbol name.
    public var name: String
    /// `st_value`; for functions with bit 0 cleared, because on Arm bit 0 of a function
    /// symbol is the Thumb bit, not part of the address (IHI 0044, §5.5.3 "Symbol values").
    public var address: UInt32
    /// `st_size`; 0 when the assembler was not told the size.
    public var byteCount: UInt32
    /// Function, object or other.
    public var kind: Kind

    public init(name: String, address: UInt32, byteCount: UInt32, kind: Kind) {
        self.name = name
        self.address = address
        self.byteCount = byteCount
        self.kind = kind
    }
}

/// The symbols of an image, with lookups by name and by address.
///
/// Address lookups are a binary search over the functions sorted by address, built
/// once, because profilers map every sampled PC to a function.
/// - Note: a function of size 0 (an assembly label without `.size`) is taken to reach
///   up to the next function, or to the end of the executable section holding it.
public struct SymbolTable: Sendable {
    /// One function's address range, `start ..< end`, as 64-bit values so that a range
    /// ending at 4 GiB does not wrap.
    struct FunctionRange: Sendable {
        var start: UInt64
        var end: UInt64
        var symbol: Symbol
    }

    /// Every symbol kept, in symbol-table order.
    public let all: [Symbol]
    /// Functions sorted by address; aliases at one address keep the sized one.
    let functionRanges: [FunctionRange]
    /// Sized objects sorted by address, for describing data addresses.
    let objectRanges: [FunctionRange]
    /// First match for each name.
    let byName: [String: Symbol]

    /// Builds the lookup tables.
    /// - Parameters:
    ///   - symbols: the symbols, in any order.
    ///   - codeRanges: `start ..< end` of each executable section, to bound a size-0
    ///     function that is the last one in its section; empty if unknown.
    public init(symbols: [Symbol], codeRanges: [Range<UInt64>] = []) {
        all = symbols
        var names: [String: Symbol] = [:]
        for symbol in symbols where names[symbol.name] == nil {
            names[symbol.name] = symbol
        }
        byName = names

        // Sort by address; at equal addresses prefer a sized symbol, then the name, so
        // the result does not depend on symbol-table order.
        let functions = symbols.filter { $0.kind == .function }.sorted {
            if $0.address != $1.address { return $0.address < $1.address }
            if ($0.byteCount > 0) != ($1.byteCount > 0) { return $0.byteCount > 0 }
            return $0.name < $1.name
        }
        var unique: [Symbol] = []
        for function in functions where unique.last?.address != function.address {
            unique.append(function)
        }
        var ranges: [FunctionRange] = []
        ranges.reserveCapacity(unique.count)
        for (i, function) in unique.enumerated() {
            let start = UInt64(function.address)
            var end: UInt64
            if function.byteCount > 0 {
                end = start + UInt64(function.byteCount)
            } else if i + 1 < unique.count {
                end = UInt64(unique[i + 1].address)
            } else if let code = codeRanges.first(where: { $0.contains(start) }) {
                end = code.upperBound
            } else {
                end = start + 1
            }
            if let code = codeRanges.first(where: { $0.contains(start) }), function.byteCount == 0 {
                end = min(end, code.upperBound)
            }
            ranges.append(FunctionRange(start: start, end: max(end, start + 1), symbol: function))
        }
        functionRanges = ranges

        objectRanges = symbols.filter { $0.kind == .object && $0.byteCount > 0 }
            .sorted { $0.address < $1.address }
            .map {
                FunctionRange(
                    start: UInt64($0.address), end: UInt64($0.address) + UInt64($0.byteCount), symbol: $0)
            }
    }

    /// Every function with its address range `start ..< end` (sizes inferred as in
    /// `function(containing:)`), sorted by address, one per address: what a call-stack
    /// profiler needs to map branch targets to functions without a lookup per instruction.
    public var functionAddressRanges: [(name: String, start: UInt32, end: UInt64)] {
        functionRanges.map { (name: $0.symbol.name, start: UInt32($0.start), end: $0.end) }
    }

    /// The first symbol called `name`.
    /// - Parameter name: the exact symbol name, e.g. `main`.
    /// - Returns: the symbol, or `nil` if there is none.
    public func symbol(named name: String) -> Symbol? {
        byName[name]
    }

    /// The function whose range holds `address`.
    /// - Parameter address: a code address, with or without the Thumb bit cleared.
    /// - Returns: the function, or `nil` if the address lies in no function.
    public func function(containing address: UInt32) -> Symbol? {
        Self.lookup(address, in: functionRanges)?.symbol
    }

    /// A readable name for an address: `main+0x12` inside a function (or a sized
    /// object), `main` at its start, else the address as `0x00001234`.
    /// - Parameter address: any address.
    /// - Returns: the description.
    public func describe(address: UInt32) -> String {
        let hit = Self.lookup(address, in: functionRanges) ?? Self.lookup(address, in: objectRanges)
        guard let hit else { return hex8(address) }
        let offset = UInt64(address) - hit.start
        return offset == 0 ? hit.symbol.name : "\(hit.symbol.name)+0x\(String(offset, radix: 16))"
    }

    /// Binary search for the last range starting at or below `address`, then a range check.
    static func lookup(_ address: UInt32, in ranges: [FunctionRange]) -> FunctionRange? {
        let target = UInt64(address)
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = low + (high - low) / 2
            if ranges[mid].start <= target { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let candidate = ranges[low - 1]
        return target < candidate.end ? candidate : nil
    }
}

/// `0x` and eight upper-case hex digits, the form armsim prints addresses in.
func hex8(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
