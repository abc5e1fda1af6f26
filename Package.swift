// swift-tools-version:6.1
import PackageDescription

// One settings list for every target (STYLE.md habit 17).
let strictness: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ticketd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ticketd", targets: ["ticketd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // No default traits: ConfigurationSupport would bring a second module named Configuration.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C interop: libetpan, reached only through the Etpan module.
        .systemLibrary(name: "CEtpan", path: "Sources/CEtpan"),
        .target(name: "Etpan", dependencies: ["CEtpan"], swiftSettings: strictness),

        // Pure domain.
        .target(name: "TicketCore", swiftSettings: strictness),

        // The version and commit `ticketd --version` gives, from git at build time.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        .target(name: "BuildInfo", swiftSettings: strictness, plugins: ["BuildInfoPlugin"]),

        .target(name: "WorkingTime", swiftSettings: strictness),

        // Pipeline stages.
        .target(name: "MailParsing", dependencies: ["TicketCore", "Etpan"], swiftSettings: strictness),
        .target(name: "Screening", dependencies: ["TicketCore"], swiftSettings: strictness),
        .target(name: "Threading", dependencies: ["TicketCore"], swiftSettings: strictness),
        .target(name: "Classification", dependencies: ["TicketCore"], swiftSettings: strictness),
        // Who a sender is: reply tokens, the site MTA's Authentication-Results, the key file.
        .target(name: "Trust", dependencies: ["TicketCore", "Etpan"], swiftSettings: strictness),
        // The service desk's rules as pure decisions: no store, no templates, no network.
        .target(
            name: "Workflow",
            dependencies: ["TicketCore", "WorkingTime", "Screening", "Threading", "Classification", "Trust"],
            swiftSettings: strictness
        ),
        // The store seam: role protocols, the values they trade, an in-memory twin.
        .target(name: "Storage", dependencies: ["TicketCore", "WorkingTime", "Workflow"], swiftSettings: strictness),
        .target(
            name: "Store",
            dependencies: [
                "TicketCore", "WorkingTime", "Storage", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictness
        ),
        .target(
            name: "Templates",
            dependencies: ["TicketCore", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strictness
        ),
        // Monitoring's rules: the worker's heartbeat, the outbox and the quarantine judged
        // against thresholds (`ticketd probe`, `/healthz`).
        .target(name: "Monitoring", dependencies: ["Storage", "TicketCore"], swiftSettings: strictness),
        // The web side's rules: who sees and does what, signing in.
        .target(name: "Access", dependencies: ["TicketCore"], swiftSettings: strictness),
        // The web side: dashboard, JSON API, /metrics, /healthz (`ticketd serve`).
        .target(
            name: "Web",
            dependencies: [
                "Access", "Monitoring", "Storage", "TicketCore", "Etpan", "WorkingTime", "Reports", "Workflow",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictness
        ),
        .target(
            name: "Reports",
            dependencies: ["TicketCore", "Storage", "WorkingTime"],
            swiftSettings: strictness
        ),
        .target(
            name: "MailTransport",
            dependencies: [
                "TicketCore", "Etpan",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictness
        ),

        // TOML → typed, validated config.
        .target(
            name: "DeskConfiguration",
            dependencies: [
                "TicketCore", "Classification", "Workflow", "WorkingTime", "MailTransport", "Etpan",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strictness
        ),

        // The apply stage: decisions carried out in a transaction, mail rendered and queued.
        .target(
            name: "Apply",
            dependencies: [
                "Screening", "TicketCore", "Etpan", "MailParsing", "Threading", "Classification", "Workflow", "DeskConfiguration", "Storage", "Templates",
                "WorkingTime", "Reports", "Trust",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictness
        ),
        // The intake: mailboxes polled or watched in IDLE, mail taken in by batches.
        .target(
            name: "Intake",
            dependencies: [
                "TicketCore", "Etpan", "MailParsing", "Classification", "Workflow", "DeskConfiguration", "Storage", "Apply", "MailTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictness
        ),
        // The outbox sender: due replies over SMTP, the sent journal, back-off.
        .target(
            name: "Outbox",
            dependencies: [
                "TicketCore", "Etpan", "DeskConfiguration", "Storage", "MailTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictness
        ),

        // Composition root: the worker's services and the command-line back-ends.
        .target(
            name: "TicketdApp",
            dependencies: [
                "TicketCore", "Etpan", "MailParsing", "Screening", "Threading", "Classification", "Workflow", "DeskConfiguration", "Storage",
                "Store", "Templates", "WorkingTime", "Reports", "MailTransport", "Apply", "Intake", "Outbox", "Trust", "Monitoring", "Web", "Access",
                .product(name: "Logging", package: "swift-log"), .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictness
        ),
        .executableTarget(
            name: "ticketd",
            dependencies: [
                "BuildInfo", "Etpan", "MailTransport", "Outbox", "WorkingTime", "TicketdApp", "DeskConfiguration", "Storage", "TicketCore", "Reports", "Workflow", "Intake",
                "Monitoring", "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictness
        ),

        // Fuzzing of the parsing path (deploy/fuzz.sh); a normal build is a replay tool.
        // deploy/bench.sh: parsing throughput, in-process.
        .executableTarget(name: "ParseBench", dependencies: ["MailParsing", "TicketCore"], swiftSettings: strictness),

        .executableTarget(
            name: "ParserFuzzer",
            dependencies: [
                "MailParsing", "Screening", "TicketCore", "Apply", "DeskConfiguration", "Intake", "Storage", "Templates", "Trust",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictness + [.unsafeFlags(["-parse-as-library"])]
        ),

        // Tests.
        .target(
            name: "TicketdTestSupport",
            dependencies: ["TicketdApp", "DeskConfiguration", "Etpan", "TicketCore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TicketdTestSupport",
            swiftSettings: strictness
        ),
        .testTarget(
            name: "MailParsingTests",
            dependencies: ["TicketCore", "MailParsing", "Etpan", "Screening", "TicketdApp", "TicketdTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictness
        ),
        .testTarget(name: "ScreeningTests", dependencies: ["Screening", "TicketCore"], swiftSettings: strictness),
        .testTarget(name: "ThreadingTests", dependencies: ["Threading", "TicketCore"], swiftSettings: strictness),
        .testTarget(name: "ClassificationTests", dependencies: ["Classification", "DeskConfiguration", "Workflow", "TicketCore", "MailParsing"], swiftSettings: strictness),
        .testTarget(
            name: "WorkflowTests",
            dependencies: ["Workflow", "TicketCore", "WorkingTime", "Classification", "Threading", "MailParsing", "Trust"],
            swiftSettings: strictness
        ),
        .testTarget(name: "OutboxTests", dependencies: ["Outbox", "Storage"], swiftSettings: strictness),
        .testTarget(name: "TicketCoreTests", dependencies: ["TicketCore"], swiftSettings: strictness),
        .testTarget(name: "TrustTests", dependencies: ["Trust", "TicketCore", "MailParsing"], swiftSettings: strictness),
        .testTarget(name: "WorkingTimeTests", dependencies: ["WorkingTime"], swiftSettings: strictness),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Access", "Monitoring", "Storage", "TicketCore", "Workflow", "WorkingTime", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictness
        ),
        .testTarget(name: "AccessTests", dependencies: ["Access", "TicketCore"], swiftSettings: strictness),
        .testTarget(name: "MonitoringTests", dependencies: ["Monitoring", "Storage"], swiftSettings: strictness),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "Store", "Storage", "TicketCore", "WorkingTime"], exclude: ["Golden"],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "StoreTests", dependencies: ["Threading", "Workflow", "WorkingTime", "Store", "Storage", "TicketCore", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strictness
        ),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates", "TicketCore", "MailParsing"], swiftSettings: strictness),
        .testTarget(
            name: "TicketdAppTests",
            dependencies: [
                "TicketdApp", "DeskConfiguration", "TicketdTestSupport", "MailTransport", "Workflow", "Storage", "TicketCore", "Templates",
                "Apply", "Intake", "Outbox", "Trust", "MailParsing", "Classification", "Access", "Web",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "MailParsing", "Outbox", "Threading", "TicketdApp", "DeskConfiguration", "TicketdTestSupport", "Etpan", "MailTransport", "Store", "Storage", "TicketCore", "WorkingTime", "Workflow", "Trust",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictness
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "Etpan", "TicketCore", "ticketd", "ParserFuzzer", "TicketdTestSupport", "Store", "Storage", "Intake",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictness
        ),
    ]
)
