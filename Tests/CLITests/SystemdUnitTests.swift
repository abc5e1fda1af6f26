import Foundation
import Testing
import TicketdTestSupport

/// Issue 16, point 2: the worker's unit, as the package installs it, verified and scored
/// by systemd's own tool (with ExecStart pointed at the built binary).
@Suite struct SystemdUnitTests {
    let unit = RepositoryPaths.root.appendingPathComponent("deploy/systemd/ticketd.service")

    func installed(_ name: String, in directory: TemporaryDirectory) throws -> String {
        let source = RepositoryPaths.root.appendingPathComponent("deploy/systemd/\(name)")
        let text = try String(contentsOf: source, encoding: .utf8).replacingOccurrences(of: "/usr/bin/ticketd", with: RepositoryPaths.ticketdBinary)
        let path = directory.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Issue 15: the web side's unit too (`ticketd serve` beside the worker).
    @Test(arguments: ["ticketd.service", "ticketd-web.service"])
    func eachUnitVerifiesAndIsWellConfined(_ name: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try installed(name, in: directory)
        // The man page comes with the package; the source tree has none to find.
        let verify = try ProcessRunner.run("/usr/bin/systemd-analyze", ["verify", "--man=no", path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        // An unknown or misspelt key is only a warning to systemd: none is allowed here.
        #expect(verify.stdout.isEmpty && verify.stderr.isEmpty, "\(verify.stdout)\(verify.stderr)")
        let security = try ProcessRunner.run("/usr/bin/systemd-analyze", ["security", "--offline=yes", "--no-pager", path])
        let overall = try #require(security.stdout.split(separator: "\n").last { $0.contains("Overall exposure level") }, "\(security.stdout)\(security.stderr)")
        let score = try #require(Double(overall.split(separator: ":").last?.split(separator: " ").first ?? ""))
        #expect(score <= 2.0, "\(overall)")
    }

    /// The web side yields the CPU to intake (issue 15, point 6): its one difference is its
    /// priority, `Nice=10` and, between the two units' cgroups, `CPUWeight=20` (100 by default).
    @Test func theWebUnitServesWithTheWorkersConfinementAtALowerPriority() throws {
        let web = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("deploy/systemd/ticketd-web.service"), encoding: .utf8)
        let worker = try String(contentsOf: unit, encoding: .utf8)
        #expect(web.contains("\nExecStart=/usr/bin/ticketd serve\n"))
        let settings = { (text: String) in text.split(separator: "\n").filter { $0.contains("=") && !$0.hasPrefix("#") && !$0.hasPrefix("Description") && !$0.hasPrefix("ExecStart=") } }
        let priority: Set<Substring> = ["Nice=10", "CPUWeight=20"]
        #expect(settings(web).filter { !priority.contains($0) } == settings(worker))
        #expect(priority.isSubset(of: settings(web)))
    }

    @Test func theWorkerIsANotifyServiceWithAWatchdogThatWritesOnlyItsStateFolder() throws {
        let lines = Set(try String(contentsOf: unit, encoding: .utf8).split(separator: "\n").map(String.init))
        for expected in [
            "Type=notify", "WatchdogSec=60", "Restart=on-failure", "User=ticketd", "ProtectSystem=strict", "ReadWritePaths=/var/lib/ticketd",
            "NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectHome=yes", "CapabilityBoundingSet=", "SystemCallFilter=@system-service",
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "ExecStartPre=/usr/bin/ticketd check-config",
        ] {
            #expect(lines.contains(expected), "\(expected)")
        }
    }
}
