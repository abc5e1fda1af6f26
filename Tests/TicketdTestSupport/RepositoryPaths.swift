public import Foundation

/// Paths inside the checkout, found from this source file's location so that tests run
/// from any working directory.
public enum RepositoryPaths {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var templates: String { root.appendingPathComponent("templates").path }
    public static var sampleMail: URL { root.appendingPathComponent("deploy/sample-mail") }
    /// The first eight support samples: requests, an incident, replies threading by tag and
    /// by References, an auto-reply, a Latin-1 mail with an attachment, a change request.
    public static var basicSupportSamples: [String] {
        let folder = sampleMail.appendingPathComponent("support")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return names.prefix(8).map { folder.appendingPathComponent($0).path }
    }

    public static var mailServersScript: String { root.appendingPathComponent("deploy/mailservers.sh").path }
    public static var testCAScript: String { root.appendingPathComponent("deploy/test-ca.sh").path }
    public static var fixtures: URL { root.appendingPathComponent("Tests/MailParsingTests/Fixtures") }

    /// The built `ticketd` binary next to the test bundle.
    public static var ticketdBinary: String { binary("ticketd") }

    /// A built executable of the package, next to the test bundle.
    public static func binary(_ name: String) -> String {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent(name),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name),
            root.appendingPathComponent(".build/debug/\(name)"),
        ]
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]).path
    }
}

/// A fresh temporary folder, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "ticketd-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix).\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
