public import DeskConfiguration
import Foundation
public import Storage
import Store

/// The store a config names, behind the seam's roles: today the SQLite file of
/// `[service] database`. The one place that chooses the backend.
public enum Backend {
    /// Everything the worker and the commands need of the store.
    public typealias Full = DeskStore & OutboxStore & DeskQueries & ReportStore & HealthQueries & WebAccounts & TicketQueue & MetricsQueries

    /// For a one-shot command (`tickets`, `report`, `mail list`…): one connection.
    public static func open(_ config: TicketdConfig) throws -> any Full {
        try TicketStore.open(path: config.service.database, connections: .single)
    }

    /// The same from async code: opening runs the migrations, which is database work, so
    /// the worker opens on a thread of its own rather than on the cooperative pool. A
    /// one-shot command opens one connection (`TicketStore.Connections.single`), in place:
    /// nothing else waits for its thread.
    public static func open(_ config: TicketdConfig, oneShot: Bool = false) async throws -> any Full {
        if oneShot { return try TicketStore.open(path: config.service.database, connections: .single) }
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try TicketStore.open(path: config.service.database, connections: .pool) })
            }.start()
        }
    }

    /// `ticketd backup FILE`: a consistent, checked copy of the database.
    public static func backup(_ config: TicketdConfig, to path: String) throws -> (tickets: Int, bytes: Int) {
        let summary = try TicketStore.open(path: config.service.database, connections: .single).backup(to: path)
        return (summary.tickets, summary.bytes)
    }

    /// True when the database was locked by another writer past the busy timeout.
    public static func isBusy(_ error: any Error) -> Bool {
        TicketStore.isBusy(error)
    }

    /// True for errors a later try may not have (a busy or full database).
    public static func isTransient(_ error: any Error) -> Bool {
        TicketStore.isTransient(error)
    }
}
