// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "iovascope",
    products: [
        .executable(name: "iovascope", targets: ["iovascope"]),
        .library(name: "IOVACore", targets: ["IOVACore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // The allocator: red-black tree arena, IOVA domain, policies, observer, validators.
        // Pure Swift standard library (and libc's malloc for the node arena): no Foundation, no UI, no terminal.
        .target(name: "IOVACore"),
        // The maple-style B-tree (docs/algorithms/maple.md) and the `maple` policy on it.
        .target(name: "IOVAMaple", dependencies: ["IOVACore"]),
        // The policy registry: one descriptor per policy, read by everything above the core.
        .target(name: "IOVAPolicies", dependencies: ["IOVACore", "IOVAMaple"]),
        // Scenario language (docs/scenario-format.md): streaming reader, parser, diagnostics.
        .target(name: "IOVAScenario", dependencies: ["IOVACore"]),
        // Request streams defined exactly like the kernel measurements (docs/performance.md).
        .target(name: "IOVAWorkloads", dependencies: ["IOVACore"]),
        // Headless replay (docs/replay-format.md): runs a scenario on a policy and formats jsonl/text.
        .target(name: "IOVAReplay", dependencies: ["IOVACore", "IOVAPolicies", "IOVAScenario"]),
        // Witnesses (docs/witness.md): searches generated workloads for where two policies part, shrinks them.
        .target(name: "IOVAWitness", dependencies: ["IOVACore", "IOVAScenario", "IOVAReplay", "IOVAWorkloads"]),
        // The stepping model: operations and micro-steps over a scenario, checkpoints, frames' facts.
        .target(name: "IOVAStepper", dependencies: [
            "IOVACore", "IOVAPolicies", "IOVAScenario", "IOVAReplay",
            .product(name: "BitCollections", package: "swift-collections"),
        ]),
        // Pure Swift drawing: cell buffer, glyphs, layout and the panes. No terminal.
        .target(name: "IOVAView", dependencies: ["IOVACore", "IOVAPolicies", "IOVAScenario", "IOVAReplay", "IOVAStepper"]),
        // ncursesw as Swift sees it: a system library with a shim for the macros.
        .systemLibrary(name: "CNCurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The only module that touches the terminal: presents cell buffers, decodes keys.
        .target(name: "CTerminalSignals"),
        .target(name: "IOVATerminal", dependencies: ["CNCurses", "CTerminalSignals", "IOVAView"]),
        .executableTarget(
            name: "iovascope",
            dependencies: [
                "IOVACore", "IOVAPolicies", "IOVAScenario", "IOVAReplay", "IOVAWorkloads", "IOVAStepper", "IOVAView", "IOVATerminal", "IOVAWitness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // File helpers shared by the test targets (no Foundation).
        .target(name: "TestSupport", dependencies: ["IOVACore"], path: "Tests/TestSupport"),
        .testTarget(name: "IOVACoreTests", dependencies: ["IOVACore", "IOVAMaple", "IOVAWorkloads", "TestSupport"]),
        .testTarget(name: "IOVAMapleTests", dependencies: ["IOVAMaple", "IOVACore", "TestSupport"]),
        .testTarget(name: "IOVAProposalTests", dependencies: ["IOVACore", "IOVAWorkloads", "TestSupport"]),
        .testTarget(name: "IOVAStepperTests", dependencies: ["IOVAStepper", "IOVAPolicies", "IOVAReplay", "IOVAMaple", "IOVAScenario", "IOVACore", "TestSupport"], exclude: ["Traces"]),
        .testTarget(name: "IOVAViewTests", dependencies: ["IOVAView", "IOVAStepper", "IOVAPolicies", "IOVAReplay", "IOVAScenario", "IOVACore", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "IOVAScenarioTests", dependencies: ["IOVAScenario", "IOVACore", "TestSupport"]),
        .testTarget(name: "IOVAWitnessTests", dependencies: ["IOVAWitness", "IOVAPolicies", "IOVAMaple", "IOVAReplay", "IOVAScenario", "IOVAWorkloads", "IOVACore", "TestSupport"]),
        .testTarget(name: "IOVAReplayTests", dependencies: ["IOVAReplay", "IOVAPolicies", "IOVAScenario", "IOVAWorkloads", "IOVACore", "TestSupport"]),
    ]
)
