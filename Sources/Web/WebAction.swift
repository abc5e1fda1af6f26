public import Foundation
import TicketCore

/// What a signed-in user does to a ticket from its page: the verbs of mail commands, and
/// a reply or an internal comment. Each is written as the lines of a reply and decided as
/// that reply would be (`WorkflowRules.decide(webAction:)`).
public enum WebAction: Sendable, Equatable {
    case reply(String)
    case comment(String)
    case status(String)
    case priority(String)
    case assign(String)
    case kind(String)
    case approve
    case reject(String)

    /// The action from a form's `verb` and `value`; nil for what is not one.
    public init?(verb: String?, value: String?) {
        let value = value ?? ""
        let line = Self.oneLine(value)
        switch verb {
        case "reply": guard !value.trimmingScalars(in: .whitespacesAndNewlines).isEmpty else { return nil }; self = .reply(value)
        case "comment": guard !value.trimmingScalars(in: .whitespacesAndNewlines).isEmpty else { return nil }; self = .comment(value)
        case "status": guard !line.isEmpty else { return nil }; self = .status(line)
        case "priority": guard !line.isEmpty else { return nil }; self = .priority(line)
        case "assign": guard !line.isEmpty else { return nil }; self = .assign(line)
        case "kind": guard !line.isEmpty else { return nil }; self = .kind(line)
        case "approve": self = .approve
        case "reject": guard !line.isEmpty else { return nil }; self = .reject(line)
        default: return nil
        }
    }

    /// The action as the text of a reply: a command line, or the text itself.
    public var mailText: String {
        switch self {
        case .reply(let text): text
        case .comment(let text): "Comment: " + text
        case .status(let value): "Status: " + value
        case .priority(let value): "Priority: " + value
        case .assign(let value): "Assign: " + value
        case .kind(let value): "Kind: " + value
        case .approve: "Approve"
        case .reject(let reason): "Reject: " + reason
        }
    }

    /// A value that must stay on its line: line breaks and other controls become spaces.
    static func oneLine(_ text: String) -> String {
        text.onOneLine.trimmingScalars(in: .whitespaces)
    }
}

/// What became of an action: done (or done before: the same form sent twice), or refused
/// with the workflow's reasons.
public struct WebActionOutcome: Sendable, Equatable {
    public var refusals: [String]
    public var wasDuplicate: Bool

    public init(refusals: [String], wasDuplicate: Bool) {
        self.refusals = refusals
        self.wasDuplicate = wasDuplicate
    }
}
