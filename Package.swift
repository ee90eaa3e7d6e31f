// swift-tools-version: 6.0
import PackageDescription

/// Warnings become errors only when `ARMSIM_WERROR` is set (our CI), so that a
/// package depending on armsim is never broken by a newer compiler's warnings.
let strictFlags: [SwiftSetting] =
    Context.environment["ARMSIM_WERROR"] != nil ? [.unsafeFlags(["-warnings-as-errors"])] : []

/// The interpreter's state lives in one `final class` whose fields the run loop updates
/// on every instruction; the compiler cannot prove those accesses exclusive and would
/// call the runtime's exclusivity check at every branch (docs/performance.md).
let interpreterFlags: [SwiftSetting] = strictFlags + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "armsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "armsim", targets: ["armsim"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CLibELF",
            pkgConfig: "libelf",
            providers: [.apt(["libelf-dev"])]
        ),
        .target(name: "ELFLoader", dependencies: ["CLibELF"], swiftSettings: strictFlags),
        .target(name: "ThumbDecoder", swiftSettings: strictFlags),
        .target(name: "MemoryBus", swiftSettings: strictFlags),
        .target(name: "CortexM", dependencies: ["ThumbDecoder", "MemoryBus"], swiftSettings: interpreterFlags),
        .target(name: "Boards", dependencies: ["CortexM", "MemoryBus"], swiftSettings: strictFlags),
        .target(
            name: "Profiler",
            dependencies: ["ELFLoader", "Boards", "CortexM", "MemoryBus"],
            swiftSettings: strictFlags
        ),
        .target(
            name: "ArmsimCLI",
            dependencies: [
                "Profiler", "Boards", "ELFLoader", "CortexM", "ThumbDecoder", "MemoryBus",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictFlags
        ),
        .executableTarget(name: "armsim", dependencies: ["ArmsimCLI"], swiftSettings: strictFlags),
        .testTarget(name: "ELFLoaderTests", dependencies: ["ELFLoader"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ThumbDecoderTests", dependencies: ["ThumbDecoder"]),
        .testTarget(name: "MemoryBusTests", dependencies: ["MemoryBus"]),
        .testTarget(name: "CortexMTests", dependencies: ["CortexM", "MemoryBus", "ThumbDecoder"]),
        .testTarget(name: "BoardsTests", dependencies: ["Boards"]),
        .testTarget(name: "ProfilerTests", dependencies: ["Profiler", "Boards", "ELFLoader", "CortexM", "MemoryBus"]),
        .testTarget(name: "ArmsimCLITests", dependencies: ["ArmsimCLI"]),
    ]
)
