import Foundation
public import TicketCore
import WorkingTime

/// The queue's filter and order as plain code: what the in-memory store runs, and what the
/// SQLite store's query must give (the seam's contract test holds them equal).
public enum QueueRules {
    public static func matches(_ ticket: Ticket, _ filter: QueueFilter) -> Bool {
        switch filter.status {
        case .active: guard ticket.isActive else { return false }
        case .all: break
        case .only(let status): guard ticket.status == status else { return false }
        }
        if let unit = filter.unit, ticket.unit.lowercased() != unit.lowercased() { return false }
        if let kind = filter.kind, ticket.kind != kind { return false }
        if let priority = filter.priority, ticket.priority != priority { return false }
        if !filter.includeSecurity, ticket.kind == .security || ticket.unit.lowercased() == filter.securityUnit.lowercased() { return false }
        if let text = filter.text.map(foldASCII), !text.isEmpty {
            let number = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text)
            let found = ticket.number == number || foldASCII(ticket.subject).contains(text)
                || foldASCII(ticket.requester.address).contains(text) || foldASCII(ticket.requester.name ?? "").contains(text)
            if !found { return false }
        }
        return true
    }

    /// Lower case for ASCII letters only, as SQLite's `lower()` without ICU: the text search
    /// folds the same in both stores.
    public static func foldASCII(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Tickets whose response clock runs first, soonest due first; then the others; by
    /// number within each.
    public static func ordered(_ a: QueueEntry, _ b: QueueEntry) -> Bool {
        func key(_ entry: QueueEntry) -> (Int, Double, Int) {
            guard let clock = entry.responseClock?.clock, clock.isRunning, let due = clock.dueAt else { return (1, 0, entry.ticket.number) }
            return (0, due.timeIntervalSinceReferenceDate, entry.ticket.number)
        }
        return key(a) < key(b)
    }
}
