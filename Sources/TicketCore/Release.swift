public import Foundation

/// A release ticket's own record (DESIGN.md §1, "Releases"): changes bundled under a
/// version, planned for a day, announced, tested, deployed and reviewed.
public struct Release: Sendable, Equatable, Codable {
    /// Where a release stands. `failed` is a test that failed: the release goes back to
    /// `planned` and its changes back to work; the failure stays in `testResults`.
    public enum State: String, Sendable, Codable, CaseIterable {
        case planned, announced, inTest = "in test", deployed, reviewed, cancelled

        /// Reads a state as people write it ("in test", "in-test", "testing").
        public init?(parsing text: String) {
            let value = text.trimmingScalars(in: .whitespaces).lowercased()
            switch value {
            case "in test", "in-test", "intest", "testing": self = .inTest
            case "canceled": self = .cancelled
            default:
                guard let state = State(rawValue: value) else { return nil }
                self = state
            }
        }
    }

    /// What a member may ask of a release with `Status:`.
    public enum Move: Sendable, Equatable {
        case to(State)
        /// The test failed: back to planned, the changes back to work.
        case failed
    }

    /// What the announcement and the release notes are made of, each added by a command.
    public enum TextField: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
        case notes, knownIssues = "known issues", testPlan = "test plan", install, docs

        /// The command that adds to it.
        public var command: String {
            switch self {
            case .notes: "Notes"
            case .knownIssues: "Known issue"
            case .testPlan: "Test plan"
            case .install: "Install"
            case .docs: "Docs"
            }
        }
    }

    public var version: String
    /// The change tickets it ships, in the order they were included.
    public var scope: [Int]
    /// The day it is planned for, as the office calendar reads it (midnight there).
    public var plannedFor: Date?
    /// Emergency releases may be announced late and are presented at the board after.
    public var emergency: Bool
    public var state: State
    /// Lines added to each text, in order.
    public var texts: [TextField: [String]]
    public var announcedAt: Date?
    /// The operations-board meeting it is presented at.
    public var presentAt: Date?
    /// Each test's outcome, in order: true passed, false failed.
    public var testResults: [Bool]
    public var deployedAt: Date?
    /// The unit was reminded that the release, announced, had no test result a working
    /// day before its date.
    public var remindedAt: Date?
    /// Whether it succeeded in production, as its team recorded it (`Outcome:`).
    public var succeeded: Bool?

    public init(
        version: String, scope: [Int] = [], plannedFor: Date? = nil, emergency: Bool = false, state: State = .planned, texts: [TextField: [String]] = [:],
        announcedAt: Date? = nil, presentAt: Date? = nil, testResults: [Bool] = [], deployedAt: Date? = nil,
        remindedAt: Date? = nil, succeeded: Bool? = nil
    ) {
        self.version = version
        self.scope = scope
        self.plannedFor = plannedFor
        self.emergency = emergency
        self.state = state
        self.texts = texts
        self.announcedAt = announcedAt
        self.presentAt = presentAt
        self.testResults = testResults
        self.deployedAt = deployedAt
        self.remindedAt = remindedAt
        self.succeeded = succeeded
    }

    public func text(_ field: TextField) -> [String] { texts[field] ?? [] }

    /// The ticket status a release in `state` shows in the queue: at work until deployed,
    /// resolved once deployed, rejected when cancelled.
    public static func ticketStatus(_ state: State) -> TicketStatus {
        switch state {
        case .planned, .announced, .inTest: .open
        case .deployed, .reviewed: .resolved
        case .cancelled: .rejected
        }
    }

    /// Whether changes may still join it or leave it: not deployed, reviewed or cancelled.
    public var isActive: Bool { [.planned, .announced, .inTest].contains(state) }
}

/// What a change carries for the release it ships in.
public struct ChangePlan: Sendable, Equatable, Codable {
    /// The release ticket whose scope it is in.
    public var release: Int?
    /// `Risk: high` (a change's priority high or immediate is high risk too).
    public var declaredHighRisk: Bool
    /// The steps that undo it, should its deployment fail.
    public var rollback: String?

    public init(release: Int? = nil, declaredHighRisk: Bool = false, rollback: String? = nil) {
        self.release = release
        self.declaredHighRisk = declaredHighRisk
        self.rollback = rollback
    }
}
