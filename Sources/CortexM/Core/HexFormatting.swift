/// `0x` followed by `digits` upper-case hex digits, zero-padded: how armsim prints
/// addresses and register values (no Foundation needed in the core).
public func hex(_ value: UInt32, digits: Int = 8) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
}
