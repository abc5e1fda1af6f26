import Foundation

/// The allowed status moves, per kind (DESIGN.md §1, "Statuses").
public struct Lifecycle: Sendable, Equatable {
    public struct Move: Sendable, Hashable {
        public var from: TicketStatus
        public var to: TicketStatus

        public init(_ from: TicketStatus, _ to: TicketStatus) {
            self.from = from
            self.to = to
        }

        /// Reads `from->to` as written in config.
        public init?(parsing text: String) {
            let parts = text.split(separator: ">").map { $0.trimmingScalars(in: CharacterSet(charactersIn: " -")) }
            guard parts.count == 2, let from = TicketStatus(parsing: parts[0]), let to = TicketStatus(parsing: parts[1]) else { return nil }
            self.init(from, to)
        }
    }

    public var moves: [TicketKind: Set<Move>]

    public init(moves: [TicketKind: Set<Move>]) {
        self.moves = moves
    }

    /// Changes: new → accepted | rejected, accepted → open → resolved. Incidents and the
    /// rest: new → open → resolved, or new → rejected. Any open state ↔ stalled, and a
    /// resolved ticket may be reopened.
    public static let standard: Lifecycle = {
        let stall: (TicketStatus) -> [Move] = { [Move($0, .stalled), Move(.stalled, $0)] }
        let change: Set<Move> = Set(
            [Move(.new, .accepted), Move(.new, .rejected), Move(.accepted, .open), Move(.open, .resolved),
             Move(.accepted, .rejected), Move(.resolved, .open)]
                + stall(.new) + stall(.accepted) + stall(.open)
        )
        let other: Set<Move> = Set(
            [Move(.new, .open), Move(.open, .resolved), Move(.new, .rejected), Move(.resolved, .open)]
                + stall(.new) + stall(.open)
        )
        var moves: [TicketKind: Set<Move>] = [:]
        for kind in TicketKind.allCases { moves[kind] = kind == .change ? change : other }
        return Lifecycle(moves: moves)
    }()

    public func allows(kind: TicketKind, from: TicketStatus, to: TicketStatus) -> Bool {
        from == to || (moves[kind]?.contains(Move(from, to)) ?? false)
    }

    /// The statuses a ticket of `kind` may move to from `status`, for the refusal message.
    public func targets(kind: TicketKind, from status: TicketStatus) -> [TicketStatus] {
        TicketStatus.allCases.filter { $0 != status && allows(kind: kind, from: status, to: $0) }
    }
}
