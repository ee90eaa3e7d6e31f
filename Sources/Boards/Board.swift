import CortexM
import MemoryBus

/// A board preset: which core runs how fast, over which memory map, drawing how much
/// current. Pure data; the profiler builds a bus and a core from it.
///
/// Every figure comes from the vendor document named in ``sources`` (see
/// docs/boards.md for the table). Most are typical datasheet values that were not
/// re-checked against the primary document; the source strings say which.
/// - Note: memory timing is an approximation. ``MemoryRegionSpec/waitStates`` is the
///   vendor's required flash latency at ``clockHz`` applied to every flash access;
///   prefetch buffers, the STM32 ART accelerator and the nRF/Apollo/RP2040 caches are
///   not modelled (caches are assumed to hit, so those parts get 0 wait states).
public struct Board: Sendable, Equatable {
    /// The name used on the command line, e.g. `nano33`.
    public var key: String
    /// The product name, e.g. `Arduino Nano 33 BLE`.
    public var name: String
    /// The microcontroller, e.g. `nRF52840`.
    public var mcu: String
    /// The Cortex-M core.
    public var core: CoreKind
    /// Whether the core has the FPv4-SP floating-point unit (Cortex-M4F).
    public var hasFPU: Bool
    /// The core clock armsim assumes, in hertz; cycles are turned into time with it.
    public var clockHz: UInt64
    /// The memory map: flash (named `FLASH`) and every SRAM block (`SRAM`, `SRAM2`, `CCM`).
    public var regions: [MemoryRegionSpec]
    /// Where the core reads the vector table at reset (the VTOR reset value as seen
    /// through any boot alias).
    public var bootAddress: UInt32
    /// Cycles for `MULS` on Cortex-M0/M0+: 1 with the fast multiplier, 32 with the
    /// small one (Cortex-M0 TRM DDI 0432C §3.3; Cortex-M0+ TRM DDI 0484C §3.3,
    /// implementation option). Always 1 for Cortex-M4 (DDI 0439, Table 3-1, MUL).
    public var multiplierCycles: Int
    /// Implemented NVIC priority bits: 2 on ARMv6-M (DDI 0419, B3.4); vendor-chosen
    /// on Cortex-M4 (nRF52 and Apollo3: 3, STM32: 4).
    public var priorityBits: Int
    /// Number of external interrupt inputs the NVIC implements.
    public var externalInterruptCount: Int
    /// Supply and current figures for the energy estimate.
    public var power: PowerFigures
    /// The document and section behind each figure.
    public var sources: [String]
    /// Whether this is an idealised board from ``BoardCatalog/generic(core:)``.
    public var isGeneric: Bool
    /// What armsim simplifies for this board, in prose.
    public var notes: String

    public init(
        key: String, name: String, mcu: String, core: CoreKind, hasFPU: Bool, clockHz: UInt64,
        regions: [MemoryRegionSpec], bootAddress: UInt32, multiplierCycles: Int, priorityBits: Int,
        externalInterruptCount: Int, power: PowerFigures, sources: [String], isGeneric: Bool, notes: String
    ) {
        self.key = key
        self.name = name
        self.mcu = mcu
        self.core = core
        self.hasFPU = hasFPU
        self.clockHz = clockHz
        self.regions = regions
        self.bootAddress = bootAddress
        self.multiplierCycles = multiplierCycles
        self.priorityBits = priorityBits
        self.externalInterruptCount = externalInterruptCount
        self.power = power
        self.sources = sources
        self.isGeneric = isGeneric
        self.notes = notes
    }

    /// The region called `name` (`FLASH`, `SRAM`, ...), if the board has one.
    /// - Parameter name: the region name.
    /// - Returns: the region, or `nil`.
    public func region(named name: String) -> MemoryRegionSpec? {
        regions.first { $0.name == name }
    }

    /// The region holding `address`, if any.
    /// - Parameter address: a bus address.
    /// - Returns: the region, or `nil` when the address is unmapped.
    public func region(containing address: UInt32) -> MemoryRegionSpec? {
        regions.first { $0.contains(address: address, length: 1) }
    }

    /// Wait states of the `FLASH` region (0 if the board has none).
    public var flashWaitStates: Int {
        region(named: "FLASH")?.waitStates ?? 0
    }
}

/// The electrical figures armsim turns cycles into energy with:
/// E = supplyVolts × runCurrentMilliamps × t (an estimate; see docs/boards.md).
public struct PowerFigures: Sendable, Equatable {
    /// The supply voltage the current figures were measured at, in volts.
    public var supplyVolts: Double
    /// Typical run current at the board's ``Board/clockHz``, executing from flash, in mA.
    public var runCurrentMilliamps: Double
    /// Typical current in the low-power mode named in ``source``, in µA.
    public var sleepCurrentMicroamps: Double
    /// Where the figures come from, with the regulator mode and sleep mode they assume.
    public var source: String

    public init(supplyVolts: Double, runCurrentMilliamps: Double, sleepCurrentMicroamps: Double, source: String) {
        self.supplyVolts = supplyVolts
        self.runCurrentMilliamps = runCurrentMilliamps
        self.sleepCurrentMicroamps = sleepCurrentMicroamps
        self.source = source
    }

    /// Whether there are figures at all; generic boards have none, so no energy is estimated.
    public var isKnown: Bool {
        supplyVolts > 0 && runCurrentMilliamps > 0
    }
}
