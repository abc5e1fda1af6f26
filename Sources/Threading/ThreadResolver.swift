import Foundation
public import TicketCore

/// How a mail found (or did not find) its ticket.
public enum ThreadMatch: Sendable, Equatable {
    /// `[PREFIX #N]` in the subject, for a ticket that exists.
    case subjectTag(Int)
    /// In-Reply-To or References named a stored Message-ID of this ticket.
    case reference(Int)
    /// A monitoring alert for a host and service that has an open incident.
    case alert(Int)
    /// A signed-in user acted on this ticket from the web dashboard.
    case web(Int)
    case newTicket

    public var ticketNumber: Int? {
        switch self {
        case .subjectTag(let number), .reference(let number), .alert(let number), .web(let number): number
        case .newTicket: nil
        }
    }

    /// How the match is recorded on the message.
    public var label: String {
        switch self {
        case .subjectTag: "subject-tag"
        case .reference: "references"
        case .alert: "alert"
        case .web: "web"
        case .newTicket: "new"
        }
    }
}

/// What the threading stage needs from the store.
public protocol ThreadLookup {
    func ticketExists(_ number: Int) throws -> Bool
    /// The ticket that holds any of these Message-IDs, the first found in the order given.
    func ticketNumber(forMessageIDs ids: [String]) throws -> Int?
}

public struct ThreadResolver: Sendable {
    public let tagPrefix: String

    public init(tagPrefix: String) {
        self.tagPrefix = tagPrefix
    }

    /// Subject tag first, then In-Reply-To, then References from the newest back.
    public func resolve(_ message: Message, lookup: some ThreadLookup) throws -> ThreadMatch {
        if let subject = message.subject, let number = SubjectTag.number(in: subject, prefix: tagPrefix),
           try lookup.ticketExists(number)
        {
            return .subjectTag(number)
        }
        let ids = message.inReplyTo + message.references.reversed()
        if !ids.isEmpty, let number = try lookup.ticketNumber(forMessageIDs: ids) {
            return .reference(number)
        }
        return .newTicket
    }
}

/// The `[PREFIX #N]` tag that ticketd puts in every subject it sends.
public enum SubjectTag {
    public static func format(prefix: String, number: Int) -> String { "[\(prefix) #\(number)]" }

    /// The ticket number of the first tag with this prefix (case-insensitive; spaces inside
    /// the brackets tolerated, as mail clients and people retype them).
    public static func number(in subject: String, prefix: String) -> Int? {
        var rest = Substring(subject)
        while let open = rest.firstIndex(of: "[") {
            let inside = rest[rest.index(after: open)...]
            guard let close = inside.firstIndex(of: "]") else { return nil }
            let tag = inside[..<close].trimmingScalars(in: .whitespaces)
            if tag.lowercased().hasPrefix(prefix.lowercased()) {
                let afterPrefix = tag.dropFirst(prefix.count).trimmingScalars(in: .whitespaces)
                if afterPrefix.hasPrefix("#"), let number = Int(afterPrefix.dropFirst().trimmingScalars(in: .whitespaces)),
                   number > 0
                {
                    return number
                }
            }
            rest = inside[inside.index(after: close)...]
        }
        return nil
    }
}
