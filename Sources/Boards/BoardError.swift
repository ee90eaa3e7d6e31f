/// Why a board could not be chosen.
public enum BoardError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No board has this key; `known` lists the keys that exist, in catalog order.
    case unknownBoard(String, known: [String])

    /// One line, e.g. `unknown board 'foo'; known boards: nano33, nano33iot, ...`.
    public var description: String {
        switch self {
        case .unknownBoard(let key, let known):
            return "unknown board '\(key)'; known boards: \(known.joined(separator: ", "))"
        }
    }
}
