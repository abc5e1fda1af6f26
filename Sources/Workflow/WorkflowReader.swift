public import Foundation
public import Threading
public import TicketCore

/// What the workflow's rules read of the desk's state while they decide: the read side of
/// the tickets store, named by role. The SQLite store implements it inside the current
/// transaction; `InMemoryDesk` (in the tests) implements it over arrays.
public protocol WorkflowReader: ThreadLookup {
    func ticket(_ number: Int) throws -> Ticket?
    /// The number the next new ticket gets; a decision numbers the tickets it creates from it.
    func nextTicketNumber() throws -> Int
    /// The newest ticket of `kind` with this fingerprint that is not resolved or rejected.
    func activeTicket(kind: TicketKind, fingerprint: String) throws -> Ticket?
    /// Tickets of `kind` with this fingerprint created at or after `since`, oldest first.
    func tickets(kind: TicketKind, fingerprint: String, since: Date) throws -> [Ticket]
    /// Maintenance windows (not rejected) that contain `instant`, oldest first.
    func maintenances(covering instant: Date) throws -> [Ticket]
    /// The release tickets of this version (as written, case-insensitively), oldest first.
    func releases(version: String) throws -> [Ticket]
    /// When the ticket last moved to `status`, if ever.
    func lastMove(ofTicket number: Int, to status: TicketStatus) throws -> Date?
    /// The recipients of the mail ticketd sent with this Message-ID; nil when it sent none.
    func recipients(ofSentMessage messageID: String) throws -> [String]?
}

/// Who the desk is: its name and the addresses that are its own (mail to or from them is
/// never a person's), and who works it.
public struct DeskIdentity: Sendable, Equatable {
    public var serviceName: String
    public var address: EmailAddress
    public var tagPrefix: String
    /// Lower-cased addresses of the configured mailboxes.
    public var mailboxAddresses: Set<String>
    /// What joins a local part and its detail in the desk's reply addresses (`support+<token>@…`).
    public var subaddressSeparator: String

    public init(serviceName: String, address: EmailAddress, tagPrefix: String, mailboxAddresses: Set<String>, subaddressSeparator: String = "+") {
        self.serviceName = serviceName
        self.address = address
        self.tagPrefix = tagPrefix
        self.mailboxAddresses = mailboxAddresses
        self.subaddressSeparator = subaddressSeparator
    }

    /// The desk's own address or one of its mailboxes', with or without a subaddress
    /// (`support+<token>@…` is still the desk).
    public func isOwnAddress(_ address: String) -> Bool {
        let address = address.lowercased()
        if address == self.address.address.lowercased() || mailboxAddresses.contains(address) { return true }
        // (No Foundation search here: this runs for every recipient of every mail.)
        guard let separator = subaddressSeparator.first, let at = address.lastIndex(of: "@"),
              let cut = address[..<at].firstIndex(of: separator) else { return false }
        let plain = String(address[..<cut] + address[at...])
        return plain == self.address.address.lowercased() || mailboxAddresses.contains(plain)
    }

    /// The address replies about one ticket go to: the desk's address (or `base`, another
    /// mailbox's) with the token as its subaddress.
    public func replyAddress(token: String, on base: String? = nil) -> String {
        let address = base ?? self.address.address
        guard !subaddressSeparator.isEmpty, let at = address.lastIndex(of: "@") else { return address }
        // Strings joined, not a substring with strings (that `+` made the runtime look
        // up a conformance at the first reply of each process).
        return String(address[..<at]) + subaddressSeparator + token + String(address[at...])
    }
}
