/// How a human report marks its verdicts and warnings: plain text, or ANSI colours.
///
/// The reports only take a style; whether to colour is the command line's decision
/// (colour only when the stream is a terminal and `NO_COLOR` is unset), so that files,
/// pipes, tests and CI logs always get plain text.
public struct TextStyle: Sendable, Equatable {
    /// A foreground colour, as its SGR parameter (ECMA-48, 5th ed., §8.3.117 "SGR").
    public enum Color: String, Sendable {
        case red = "31"
        case green = "32"
        case yellow = "33"
    }

    /// Whether ``paint(_:_:)`` adds escape sequences.
    public var usesColor: Bool

    public init(usesColor: Bool) {
        self.usesColor = usesColor
    }

    /// No escape sequences: for files, pipes and tests.
    public static let plain = TextStyle(usesColor: false)
    /// ANSI colours: for a terminal.
    public static let ansi = TextStyle(usesColor: true)

    /// `text` in `color` (`ESC [ 3x m` … `ESC [ 0 m`), or `text` unchanged for a plain style.
    /// - Note: paint cells after padding them: the escape bytes have no width on screen.
    public func paint(_ text: String, _ color: Color) -> String {
        guard usesColor, !text.isEmpty else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }
}
