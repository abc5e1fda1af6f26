public import Foundation

/// `ticketd run --config CONFIG` started in the background, as an operator runs it, its
/// standard error kept in a file of `directory`.
public final class WorkerProcess {
    private let process: Process
    private let stderrPath: String

    /// `environment` is added to the password's (a notify socket, for one).
    public init(config: String, servers: MailServers, directory: TemporaryDirectory, environment: [String: String] = [:]) throws {
        stderrPath = directory.file("worker-stderr")
        process = try ProcessRunner.start(
            RepositoryPaths.ticketdBinary, ["run", "--config", config],
            environment: environment.merging(["TICKETD_TEST_IMAP_PASSWORD": servers.password]) { $1 }, stderr: stderrPath
        )
    }

    deinit { if process.isRunning { process.terminate() } }

    public var isRunning: Bool { process.isRunning }
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits at most `seconds` for the process to end; the time it took,
    /// or nil when it was still running (then it is terminated).
    public func stop(with signal: Int32 = SIGTERM, within seconds: TimeInterval = 10) -> TimeInterval? {
        kill(process.processIdentifier, signal)
        let signalled = Date()
        while process.isRunning, Date().timeIntervalSince(signalled) < seconds { Thread.sleep(forTimeInterval: 0.02) }
        let took = process.isRunning ? nil : Date().timeIntervalSince(signalled)
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return took
    }

    /// True when it ended by exiting with status 0 (not by a signal).
    public var exitedCleanly: Bool { process.terminationReason == .exit && process.terminationStatus == 0 }
}
