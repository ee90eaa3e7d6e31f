import Foundation
import Testing

@testable import ELFLoader

/// The repository root, found from this file's path (Tests/ELFLoaderTests/BuildAttributesTests.swift).
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// `.ARM.attributes` of an empty file assembled with `arm-none-eabi-as -march=armv6-m`
/// (binutils 2.40), dumped from the object: `'A'`, a 26-byte `aeabi` subsection holding
/// a 16-byte `Tag_File` with Tag_CPU_name "6-M", Tag_CPU_arch 11, Tag_CPU_arch_profile
/// 'M', Tag_THUMB_ISA_use 1 (what `arm-none-eabi-readelf -A` prints for it).
private let armv6MSection: [UInt8] = [
    0x41, 0x1A, 0x00, 0x00, 0x00, 0x61, 0x65, 0x61, 0x62, 0x69, 0x00, 0x01, 0x10, 0x00, 0x00, 0x00,
    0x05, 0x36, 0x2D, 0x4D, 0x00, 0x06, 0x0B, 0x07, 0x4D, 0x09, 0x01,
]

/// A section with one `aeabi` `Tag_File` subsection holding `attributes` (lengths computed).
private func section(vendor: String = "aeabi", attributes: [UInt8]) -> [UInt8] {
    let file = [UInt8(1)] + le32(UInt32(5 + attributes.count)) + attributes
    let name = Array(vendor.utf8) + [0]
    return [0x41] + le32(UInt32(4 + name.count + file.count)) + name + file
}

private func le32(_ value: UInt32) -> [UInt8] {
    [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
}

/// A firmware ELF built by `make -C firmware`, loaded; records a clear issue when it is missing.
private func firmware(_ board: String, _ program: String) throws -> FirmwareImage {
    let path = repositoryRoot.appendingPathComponent("firmware/build/\(board)/\(program).elf").path
    try #require(FileManager.default.fileExists(atPath: path), "\(path) is missing: run `make -C firmware` first")
    return try ELFLoader.load(path: path)
}

@Suite("Build attributes (.ARM.attributes)")
struct BuildAttributesTests {
    @Test("the section gas writes for -march=armv6-m reads as v6-M, profile M, name 6-M")
    func gasArmv6MSectionParses() throws {
        let attributes = try #require(BuildAttributes.parse(armv6MSection))
        #expect(attributes == BuildAttributes(cpuArchitecture: 11, cpuProfile: 0x4D, cpuName: "6-M"))
        #expect(attributes.architectureName == "ARMv6-M")
        #expect(attributes.fpArchitectureName == nil)
    }

    /// Expected values read with `arm-none-eabi-readelf -A` on the shipped builds.
    @Test("a Cortex-M0 build (generic-m0/hello.elf) is ARMv6S-M with no FP architecture")
    func cortexM0BuildIsARMv6SM() throws {
        let attributes = try #require(try firmware("generic-m0", "hello").buildAttributes)
        #expect(attributes.cpuArchitecture == 12)
        #expect(attributes.architectureName == "ARMv6S-M")
        #expect(attributes.cpuProfile == 0x4D)
        #expect(attributes.cpuName == "6S-M")
        #expect(attributes.fpArchitecture == nil)
    }

    @Test("a Cortex-M4F build (nano33/kws.elf) is ARMv7E-M with VFPv4-D16 and VFP-register arguments")
    func cortexM4FBuildIsARMv7EMWithFPU() throws {
        let image = try firmware("nano33", "kws")
        let attributes = try #require(image.buildAttributes)
        #expect(attributes.cpuArchitecture == 13)
        #expect(attributes.architectureName == "ARMv7E-M")
        #expect(attributes.cpuName == "7E-M")
        #expect(attributes.fpArchitecture == 6)
        #expect(attributes.fpArchitectureName == "VFPv4-D16")
        #expect(attributes.vfpArguments == 1)
        #expect(image.usesHardFloatABI)
    }

    @Test("the fixture tiny.elf (-mcpu=cortex-m0) carries its attributes through the loader")
    func fixtureCarriesAttributes() throws {
        let image = try ELFLoader.load(path: Fixture.tinyPath)
        #expect(image.buildAttributes?.architectureName == "ARMv6S-M")
        #expect(!image.usesHardFloatABI)
    }

    @Test("plain v7 is named by its profile: M, A, R, or none")
    func v7IsNamedByProfile() {
        #expect(BuildAttributes(cpuArchitecture: 10, cpuProfile: 0x4D).architectureName == "ARMv7-M")
        #expect(BuildAttributes(cpuArchitecture: 10, cpuProfile: 0x41).architectureName == "ARMv7-A")
        #expect(BuildAttributes(cpuArchitecture: 10, cpuProfile: 0x52).architectureName == "ARMv7-R")
        #expect(BuildAttributes(cpuArchitecture: 10).architectureName == "ARMv7")
    }

    @Test("unknown tags are skipped by the encoding rule: odd tags from 32 on are strings, even ones numbers")
    func unknownTagsAreSkipped() throws {
        // Tag 67 (NTBS) "x", tag 66 (ULEB128) 300, Tag_compatibility (32) flag 1 + "gnu", then Tag_CPU_arch 13.
        let bytes = section(attributes: [67, 0x78, 0, 66, 0xAC, 0x02, 32, 1, 0x67, 0x6E, 0x75, 0, 6, 13])
        #expect(BuildAttributes.parse(bytes)?.cpuArchitecture == 13)
    }

    @Test("another vendor's subsection is skipped and the aeabi one after it is read")
    func otherVendorsAreSkipped() throws {
        let other = section(vendor: "gnu", attributes: [6, 1])
        let aeabi = section(attributes: [6, 11])
        #expect(BuildAttributes.parse(other + Array(aeabi.dropFirst()))?.cpuArchitecture == 11)
        #expect(BuildAttributes.parse(other) == nil)
    }

    @Test("every truncation of a valid section is rejected as nil")
    func everyTruncationIsNil() {
        for length in 0..<armv6MSection.count {
            #expect(BuildAttributes.parse(Array(armv6MSection.prefix(length))) == nil, "length \(length)")
        }
    }

    @Test(
        "malformed sections are nil, never a trap",
        arguments: [
            ("another format version", [0x42] + Array(armv6MSection.dropFirst())),
            ("a vendor length below its own 4 bytes", [0x41, 0x02, 0x00, 0x00, 0x00]),
            ("a vendor length past the end", [0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x61, 0x00]),
            ("a vendor name with no NUL", [0x41, 0x09, 0x00, 0x00, 0x00, 0x61, 0x65, 0x61, 0x62]),
            ("a string attribute with no NUL", section(attributes: [5, 0x37, 0x45])),
            ("a ULEB128 cut short", section(attributes: [6, 0x80])),
            ("a ULEB128 wider than 64 bits", section(attributes: [6] + [UInt8](repeating: 0xFF, count: 10) + [0x01])),
            ("a Tag_File length past its vendor subsection", [0x41, 0x10, 0x00, 0x00, 0x00, 0x61, 0x65, 0x61, 0x62, 0x69, 0x00, 0x01, 0x40, 0x00, 0x00, 0x00]),
        ] as [(String, [UInt8])])
    func malformedSectionsAreNil(_ label: String, bytes: [UInt8]) {
        #expect(BuildAttributes.parse(bytes) == nil, "\(label)")
    }

    @Test("a damaged .ARM.attributes section in an ELF is ignored: the image loads with no attributes")
    func damagedSectionInAnELFIsIgnored() throws {
        let valid = Fixture.tinyBytes
        let index = try #require(valid.sectionIndex(ofType: ELFLoader.sectionTypeARMAttributes))
        let offset = Int(valid.u32(valid.sectionHeader(index) + SH.offset))
        let size = Int(valid.u32(valid.sectionHeader(index) + SH.size))
        let badVersion = valid.patched { $0[offset] = 0x42 }
        #expect(try ELFLoader.load(bytes: badVersion, path: "bad.elf").buildAttributes == nil)
        let badLength = valid.patched { $0.put32(offset + 1, 0xFFFF_FFF0) }
        #expect(try ELFLoader.load(bytes: badLength, path: "bad.elf").buildAttributes == nil)
        // Random bytes over the section, many times: the loader may keep or drop the
        // attributes, but never throws because of them and never traps.
        var generator = SplitMix64(state: 0x6A7E)
        for _ in 0..<500 {
            var bytes = valid
            for _ in 0..<3 { bytes[offset + Int.random(in: 0..<size, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            _ = try ELFLoader.load(bytes: bytes, path: "fuzzed.elf")
        }
    }
}
