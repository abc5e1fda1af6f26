public import DeskConfiguration
public import Foundation
public import Monitoring
public import Storage

/// `ticketd probe` (and `/healthz`): the facts the store and, when asked, the servers
/// give, judged by `Health.evaluate`. Nothing here fails: what cannot be read is a
/// finding of its own (a database that cannot be opened is a critical check).
public enum HealthProbe {
    public static func run(config: TicketdConfig, thresholds: HealthThresholds, connect: Bool, now: Date) async -> HealthReport {
        var facts = unread(config)
        let path = config.service.database
        if !FileManager.default.fileExists(atPath: path) {
            // Opening would make an empty one: the worker has not run, or the path is wrong.
            facts.database = .failed("no database at \(path)")
        } else {
            do {
                facts = read(try await Backend.open(config, oneShot: true), into: facts, thresholds: thresholds, now: now)
            } catch {
                facts.database = .failed("\(error)")
            }
        }
        if connect {
            for server in ConfigCheck.servers(of: config) {
                do {
                    _ = try await server.connect()
                    facts.connections.append(ConnectionCheck(name: server.name, error: nil))
                } catch {
                    facts.connections.append(ConnectionCheck(name: server.name, error: "\(error)"))
                }
            }
        }
        return Health.evaluate(facts, thresholds: thresholds, now: now)
    }

    /// The verdict from a store already open: `/healthz` of a running server.
    public static func evaluate(_ store: any HealthQueries, config: TicketdConfig, thresholds: HealthThresholds, now: Date) -> HealthReport {
        return Health.evaluate(read(store, into: unread(config), thresholds: thresholds, now: now), thresholds: thresholds, now: now)
    }

    /// The configured mailboxes, and nothing read yet.
    static func unread(_ config: TicketdConfig) -> HealthFacts {
        HealthFacts(
            mailboxes: config.mailboxes.map(\.name), passes: [], outbox: OutboxBacklog(pending: 0, deferred: 0, oldestDeferredSince: nil, failed: 0),
            quarantined: 0, database: .failed("not read")
        )
    }

    /// The store's facts, then the write check; a read that fails is the database's finding.
    static func read(_ store: any HealthQueries, into facts: HealthFacts, thresholds: HealthThresholds, now: Date) -> HealthFacts {
        var facts = facts
        do {
            facts.passes = try store.mailboxPasses()
            facts.outbox = try store.outboxBacklog()
            facts.quarantined = try store.quarantinedCount(since: now.addingTimeInterval(-thresholds.quarantineWindow))
        } catch {
            facts.database = .failed("\(error)")
            return facts
        }
        facts.database = writeCheck(store)
        return facts
    }

    static func writeCheck(_ store: any HealthQueries) -> DatabaseCheck {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try store.checkWritable()
            let elapsed = clock.now - start
            return .writable(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        } catch where Backend.isBusy(error) {
            return .busy("\(error)")
        } catch {
            return .failed("\(error)")
        }
    }
}
