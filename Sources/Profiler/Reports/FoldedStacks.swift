/// Collapsed ("folded") stacks for flamegraph.pl, speedscope and inferno: one line per
/// call path, `main;conv2d;dot 12345`, frames root first, weighted by the cycles spent in
/// the leaf's own code. The weights add up to the profiled cycles.
public enum FoldedStacks {
    /// The lines, in call-tree order, each ending in a newline.
    public static func render(_ profile: FunctionProfile) -> String {
        var text = ""
        for stack in profile.stacks where stack.cycles > 0 {
            // `;` separates frames and the last space the weight: keep both out of names.
            let frames = stack.frames.map { $0.replacingSpaces() }
            text += frames.joined(separator: ";") + " \(stack.cycles)\n"
        }
        return text
    }
}

extension String {
    func replacingSpaces() -> String {
        String(map { $0 == " " || $0 == ";" ? "_" : $0 })
    }
}
