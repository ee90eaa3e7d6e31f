import ThumbDecoder

/// Everything about a core that a board decides: which core, the implementation
/// options the silicon vendor chose, and the memory map's boot address.
public struct CoreConfiguration: Sendable {
    /// Which Cortex-M core.
    public var kind: CoreKind
    /// Cycles of MULS: 1 (fast multiplier) or 32 (small iterative multiplier), an
    /// implementation option of Cortex-M0/M0+ (M0+ TRM DDI 0484C Table 3.1 note a).
    public var multiplierCycles: Int
    /// Implemented priority bits: 2 on ARMv6-M (DDI 0419 B3.4.6), vendor-defined on M4.
    public var priorityBits: Int
    /// Number of external interrupts (IRQ0 …) the NVIC implements; at most 240.
    public var externalInterruptCount: Int
    /// Reset value of VTOR: where the vector table is read at reset. On parts that
    /// alias flash to address 0 at boot (STM32), the flash base stands for the alias.
    public var bootAddress: UInt32
    /// Whether the core has the FPv4-SP unit (M4F).
    public var hasFPU: Bool

    public init(
        kind: CoreKind, multiplierCycles: Int = 1, priorityBits: Int = 2, externalInterruptCount: Int = 32,
        bootAddress: UInt32 = 0, hasFPU: Bool = false
    ) {
        self.kind = kind
        self.multiplierCycles = multiplierCycles
        self.priorityBits = priorityBits
        self.externalInterruptCount = min(max(externalInterruptCount, 0), 240)
        self.bootAddress = bootAddress
        self.hasFPU = hasFPU
    }

    /// The instruction set the decoder accepts for this core.
    public var instructionSet: InstructionSet {
        switch kind {
        case .m0, .m0plus: return .armv6M
        case .m4: return hasFPU ? [.v6M, .v7M, .v7EMDSP, .fpv4SP] : [.v6M, .v7M, .v7EMDSP]
        }
    }

    /// CPUID register value (M0 TRM DDI 0432C §4.2, M0+ TRM DDI 0484C §4.2, M4 TRM DDI 0439 §4.3).
    public var cpuid: UInt32 {
        switch kind {
        case .m0: return 0x410C_C200
        case .m0plus: return 0x410C_C601
        case .m4: return 0x410F_C241
        }
    }

    /// Whether the SCB implements VTOR (M0: no; M0+: optional, modelled as present; M4: yes).
    public var hasVTOR: Bool { kind != .m0 }
}
