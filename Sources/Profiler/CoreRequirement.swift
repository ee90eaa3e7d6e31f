import Boards
import CortexM
import ELFLoader

/// What an image needs from the core, read from its ELF header and `.ARM.attributes`,
/// and whether a board's core provides it.
///
/// Judged before the run so that `armsim run` on the wrong board says so in one line
/// (exit status 65) instead of faulting on the first ARMv7-M instruction, and so that
/// `armsim fit --all-boards` need not run the image on every core to find out.
///
/// Rules (ARMv6-M is upward compatible with ARMv7-M: the ARMv6-M ARM, DDI 0419,
/// introduction; the Cortex-M4 is ARMv7E-M with an optional FPv4-SP: DDI 0439, chapter 1):
/// - a Cortex-M0/M0+ (ARMv6-M) runs `Tag_CPU_arch` v6-M (11) and v6S-M (12);
/// - a Cortex-M4 (ARMv7E-M) also runs v7 with profile `M` or none (10) and v7E-M (13);
/// - Armv8-M and Armv8.1-M (16, 17, 21) run on neither, nor does code for the A or R
///   profile (profile `A`, `R` or `S`, or an A/R-only architecture: 14, 15, 18–20, 22);
/// - an image needs an FPU when its ELF header says hard-float ABI, its attributes pass
///   arguments in VFP registers (`Tag_ABI_VFP_args` 1), or record an FP architecture
///   (`Tag_FP_arch` ≠ 0: soft-float ABI code may still use FP instructions).
/// Anything else, older architectures (v4T–v6K) included, is not judged: with no
/// attributes, or attributes this does not know, the image runs as before and a core
/// that cannot run it faults at run time.
public struct CoreRequirement: Sendable, Equatable {
    /// The architecture the attributes name (`ARMv7E-M`), or nil when not recorded.
    public var architectureName: String?
    /// The cores that can run the image, or nil when the attributes do not say.
    public var cores: Set<CoreKind>?
    /// Why the image needs an FPU (`hard-float ABI`, `Tag_FP_arch VFPv4-D16`); empty when it does not.
    public var fpuEvidence: [String]

    /// Reads the requirement of `image`.
    public init(image: FirmwareImage) {
        let attributes = image.buildAttributes
        architectureName = attributes?.architectureName
        cores = attributes.flatMap(Self.cores(for:))
        var evidence: [String] = []
        if let name = attributes?.fpArchitectureName { evidence.append("Tag_FP_arch \(name)") }
        if image.usesHardFloatABI {
            evidence.append("hard-float ABI")
        } else if attributes?.vfpArguments == 1 {
            evidence.append("Tag_ABI_VFP_args VFP registers")
        }
        fpuEvidence = evidence
    }

    /// Whether the image needs a floating-point unit.
    public var needsFPU: Bool { !fpuEvidence.isEmpty }

    /// The cores that run code of `attributes`' architecture; nil when it is not recorded
    /// or not one the rules above judge.
    static func cores(for attributes: BuildAttributes) -> Set<CoreKind>? {
        guard let architecture = attributes.cpuArchitecture else { return nil }
        let profile = attributes.cpuProfile ?? 0
        let applicationOrRealTime: Set<UInt64> = [0x41, 0x52, 0x53]  // 'A', 'R', 'S'
        if applicationOrRealTime.contains(profile) { return [] }
        switch architecture {
        case 11, 12: return [.m0, .m0plus, .m4]
        case 10, 13: return [.m4]
        case 14, 15, 16, 17, 18, 19, 20, 21, 22: return []
        default: return nil
        }
    }

    /// The image as a phrase: `ARMv7E-M with an FPU (Tag_FP_arch VFPv4-D16, hard-float ABI)`.
    public var summary: String {
        let architecture = architectureName ?? "an unrecorded architecture"
        return needsFPU ? "\(architecture) with an FPU (\(fpuEvidence.joined(separator: ", ")))" : architecture
    }

    /// Whether `board`'s core can run the image, as far as the requirement knows.
    public func isMet(by board: Board) -> Bool {
        if let cores, !cores.contains(board.core) { return false }
        if needsFPU && !(board.core == .m4 && board.hasFPU) { return false }
        return true
    }

    /// The core of `board` as a phrase: `Cortex-M0 (ARMv6-M, no FPU)`.
    public static func describe(_ board: Board) -> String {
        switch board.core {
        case .m0, .m0plus: return "\(board.core.displayName) (ARMv6-M, no FPU)"
        case .m4: return "\(board.core.displayName) (ARMv7E-M, \(board.hasFPU ? "FPv4-SP FPU" : "no FPU"))"
        }
    }
}
