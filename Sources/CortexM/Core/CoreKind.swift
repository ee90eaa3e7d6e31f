/// The Cortex-M cores armsim models. Each selects an instruction set, a timing
/// table and the system registers (CPUID, VTOR presence, priority bits).
public enum CoreKind: String, Sendable, CaseIterable, Codable {
    /// Cortex-M0 (ARMv6-M, 3-stage pipeline), Arm DDI 0432C.
    case m0
    /// Cortex-M0+ (ARMv6-M, 2-stage pipeline), Arm DDI 0484C.
    case m0plus
    /// Cortex-M4 with optional FPv4-SP (ARMv7E-M), Arm DDI 0439.
    case m4

    /// The name printed in reports, as Arm spells it.
    public var displayName: String {
        switch self {
        case .m0: return "Cortex-M0"
        case .m0plus: return "Cortex-M0+"
        case .m4: return "Cortex-M4"
        }
    }

    /// Whether this build of armsim can execute code for the core.
    public var isExecutable: Bool { true }
}
