public import Foundation
public import TicketCore

/// What the site trusts a mail's sender by (DESIGN.md §1, "Trust"): the keys of its reply
/// tokens, and the authserv-ids of its own MTAs whose `Authentication-Results` count.
public struct TrustSettings: Sendable, Equatable {
    public var keyring: ReplyTokenKeyring
    /// Lower-case.
    public var trustedAuthservIDs: Set<String>

    public init(keyring: ReplyTokenKeyring, trustedAuthservIDs: Set<String> = []) {
        self.keyring = keyring
        self.trustedAuthservIDs = Set(trustedAuthservIDs.map { $0.lowercased() })
    }

    /// What `message` proves of its From address at `now`.
    public func evidence(for message: Message, at now: Date) -> SenderEvidence {
        SenderEvidence(
            tokenTickets: keyring.ticketsAuthenticated(in: message, at: now),
            domain: DomainAuthentication.verdict(of: message, trustedAuthservIDs: trustedAuthservIDs)
        )
    }
}

/// What a mail proves of its From address: the tickets (0 for none) for which it brought
/// back a reply token issued to that address, and the site MTA's verdict on its domain.
public struct SenderEvidence: Sendable, Equatable {
    public var tokenTickets: Set<Int>
    public var domain: DomainAuthentication?

    public init(tokenTickets: Set<Int> = [], domain: DomainAuthentication? = nil) {
        self.tokenTickets = tokenTickets
        self.domain = domain
    }

    /// How the sender is authenticated for `ticket` (nil: mail about no ticket, such as a
    /// report request).
    public func authentication(forTicket ticket: Int?) -> SenderAuthentication {
        if tokenTickets.contains(ticket ?? 0) { return .token }
        if let domain { return .domain(domain) }
        return .none
    }
}

/// How a sender is known to be who the From header says, for one ticket.
public enum SenderAuthentication: Sendable, Equatable {
    /// A reply token issued to that address for that ticket.
    case token
    /// The site's MTA saw DMARC (or aligned DKIM) pass for the From domain.
    case domain(DomainAuthentication)
    /// Nothing: the From header is only a claim.
    case none

    public var isAuthenticated: Bool { self != .none }

    public var hasToken: Bool { self == .token }
}
