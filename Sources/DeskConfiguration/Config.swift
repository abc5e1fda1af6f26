public import Classification
import Etpan
public import Foundation
public import MailTransport
public import TicketCore
import TOMLKit
public import Workflow

/// A config problem, naming the file, the key and what is wrong with it.
public struct ConfigError: Error, CustomStringConvertible {
    public var file: String
    public var key: String?
    public var reason: String

    public var description: String {
        if let key { return "\(file): \(key): \(reason)" }
        return "\(file): \(reason)"
    }
}

/// The whole configuration, one nested struct per component. Every key, its type and its
/// default are documented in `deploy/ticketd.example.toml`.
public struct TicketdConfig: Sendable {
    public struct Service: Sendable {
        public var name = "Service Desk"
        public var tagPrefix = "ticketd"
        public var address = EmailAddressConfig(name: "Service Desk", address: "support@localhost")
        public var database = "/var/lib/ticketd/ticketd.sqlite"
        public var templates = "/usr/share/ticketd/templates"
        public var pollIntervalSeconds = 60
        public var fetchBatchSize = 100
        /// Larger mail is quarantined and its sender told so.
        public var maxMessageBytes = 10 * 1024 * 1024
        /// Structure limits checked before a mail is parsed, and the watchdog.
        public var limits = MessageLimits()
        /// The value of our loop header; lets several installations tell their mail apart.
        public var instance = "ticketd"
        /// Plain TCP to another machine, or SMTP AUTH without TLS, allowed (and warned of).
        public var allowInsecureTransport = false

        public init() {}
    }

    public struct EmailAddressConfig: Sendable {
        public var name: String?
        public var address: String
    }

    public struct Mailbox: Sendable {
        public var name: String
        public var endpoint: IMAPEndpoint
        public var folder = "INBOX"
        public var processedFolder: String? = "Processed"
        /// Where mail that cannot be processed goes (nil leaves it in the inbox, flagged).
        public var quarantineFolder: String? = "Quarantine"
        /// What the mailbox is for; by default its name when that is a role, else support.
        public var role: MailboxRole = .support
        /// The address mail to this mailbox is sent to.
        public var address: String?
        /// Automatic mail that starts a conversation is only kept, not made a ticket
        /// (`automatic_mail = "screen"`; the default, `"ticket"`, makes it one, unanswered).
        public var screensAutomaticMail = false
    }

    public struct SMTP: Sendable {
        public var endpoint: SMTPEndpoint
        public var retryBaseSeconds = 30.0
        public var retryCapSeconds = 3600.0
    }

    /// How mail senders are authenticated (DESIGN.md §1, "Trust").
    public struct Trust: Sendable {
        /// The reply-token keys; made on first start when missing. Default: beside the database.
        public var secretFile: String?
        /// How long a replaced key still verifies tokens.
        public var keyOverlapDays = 30
        /// The authserv-ids of the site's own MTAs (lower-case), whose topmost
        /// `Authentication-Results` field counts. Empty: tokens only.
        public var trustedAuthservIDs: Set<String> = []
        /// What joins the desk's local part and the token in Reply-To (`support+<token>@…`).
        public var subaddressSeparator = "+"

        /// The secret file named, or `reply-tokens.key` beside the database.
        public func secretFilePath(database: String) -> String {
            if let secretFile { return secretFile }
            let folder = FilePaths.folder(of: database)
            return (folder == "/" ? "" : folder) + "/reply-tokens.key"
        }
    }

    /// The web side (`ticketd serve`, `run --serve`).
    public struct Web: Sendable {
        /// Where it listens: loopback by default, for a reverse proxy in front.
        public var host = "127.0.0.1"
        public var port = 8080
        /// The pages' templates (`templates/`) and style sheet (`static/`).
        public var assets = "/usr/share/ticketd/web"
        /// Reverse proxies whose user header is believed (single sign-on in front).
        public var trustedProxies: Set<String> = []
        /// The header such a proxy puts the signed-in user's mail address in.
        public var proxyUserHeader = "X-Remote-User"
        /// How long a sign-in lasts.
        public var sessionHours = 12
        /// Threads for the connections and as many for the pages' work (nil: one per core);
        /// fewer leave cores to the worker whatever the load on the web side.
        public var threads: Int? = nil
    }

    public var file: String
    public var service = Service()
    public var web = Web()
    public var trust = Trust()
    public var mailboxes: [Mailbox] = []
    public var smtp: SMTP
    public var workflow = WorkflowConfig()
    public var sla = SLAConfig()
    public var logLevel = "info"

    /// The role of each mailbox (support, notifications, security, reports).
    public var mailboxRoles: [String: MailboxRole] {
        Dictionary(uniqueKeysWithValues: mailboxes.map { ($0.name, $0.role) })
    }

    /// The desk's name and own addresses, as the workflow sees them.
    public var deskIdentity: DeskIdentity {
        DeskIdentity(
            serviceName: service.name, address: EmailAddress(name: service.address.name, address: service.address.address),
            tagPrefix: service.tagPrefix, mailboxAddresses: Set(mailboxAddresses.keys), subaddressSeparator: trust.subaddressSeparator
        )
    }

    /// Lower-case mailbox address → mailbox name, to tell where a file was sent.
    public var mailboxAddresses: [String: String] {
        Dictionary(mailboxes.compactMap { mailbox in mailbox.address.map { ($0.lowercased(), mailbox.name) } }) { first, _ in first }
    }
}

/// Reads the TOML file into ``TicketdConfig``, checking every key's type and rejecting
/// unknown keys (a typo must not silently fall back to a default).
public enum ConfigLoader {
    /// `resolveSecrets: false` checks that a password source is named but does not read it,
    /// for commands that only read the database.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment, resolveSecrets: Bool = true
    ) throws -> TicketdConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, reason: "not UTF-8 text")
        }
        return try load(text: text, path: path, environment: environment, resolveSecrets: resolveSecrets)
    }

    /// The same for a config's text; relative paths in it are taken from `path`'s folder,
    /// and errors name `path`.
    public static func load(
        text: String, path: String, environment: [String: String] = ProcessInfo.processInfo.environment, resolveSecrets: Bool = true
    ) throws -> TicketdConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: path, reason: "TOML syntax error at line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        let reader = TableReader(
            table: table, path: "", file: path, base: ConfigBase(file: path), environment: environment, resolveSecrets: resolveSecrets
        )
        return try parse(reader, file: path)
    }

    private static func parse(_ root: TableReader, file: String) throws -> TicketdConfig {
        try root.allowOnly(Set(["service", "imap", "mailboxes", "smtp", "logging", "sla", "trust", "web"]).union(workflowSections))

        var service = TicketdConfig.Service()
        if let section = try root.table("service") {
            try section.allowOnly(["name", "tag_prefix", "address", "address_name", "database", "templates",
                                   "poll_interval_seconds", "fetch_batch_size", "instance", "max_message_bytes",
                                   "allow_insecure_transport", "max_mime_depth", "max_mime_parts", "max_header_lines",
                                   "max_line_bytes", "watchdog_seconds"])
            service.allowInsecureTransport = try section.bool("allow_insecure_transport") ?? false
            service.name = try section.string("name") ?? service.name
            service.tagPrefix = try section.string("tag_prefix") ?? service.tagPrefix
            if service.tagPrefix.isEmpty || service.tagPrefix.contains(where: { $0 == "[" || $0 == "]" || $0 == "#" }) {
                throw section.error("tag_prefix", "must be non-empty and contain no [ ] #")
            }
            let address = try section.string("address") ?? service.address.address
            guard address.contains("@") else { throw section.error("address", "must be a mail address, got \"\(address)\"") }
            service.address = .init(name: try section.string("address_name") ?? service.name, address: address)
            service.database = try section.path("database") ?? service.database
            service.templates = try section.path("templates") ?? service.templates
            service.pollIntervalSeconds = try section.int("poll_interval_seconds", in: 1...86_400) ?? service.pollIntervalSeconds
            service.fetchBatchSize = try section.int("fetch_batch_size", in: 1...10_000) ?? service.fetchBatchSize
            service.instance = try section.string("instance") ?? service.instance
            service.maxMessageBytes = try section.int("max_message_bytes", in: 1024...1_073_741_824) ?? service.maxMessageBytes
            var limits = service.limits
            limits.mimeDepth = try section.int("max_mime_depth", in: 1...1_000_000) ?? limits.mimeDepth
            limits.parts = try section.int("max_mime_parts", in: 1...10_000_000) ?? limits.parts
            limits.headerLines = try section.int("max_header_lines", in: 10...10_000_000) ?? limits.headerLines
            limits.lineBytes = try section.int("max_line_bytes", in: 998...1_073_741_824) ?? limits.lineBytes
            limits.watchdogSeconds = try section.int("watchdog_seconds", in: 1...3600) ?? limits.watchdogSeconds
            service.limits = limits
        }

        // [imap] holds the defaults every mailbox inherits.
        let imap = try root.table("imap")
        try imap?.allowOnly(["host", "port", "security", "user", "password_file", "password_env", "timeout_seconds",
                             "verify_certificate", "ca_file"])

        guard let mailboxTable = try root.table("mailboxes"), !mailboxTable.keys.isEmpty else {
            throw root.error("mailboxes", "at least one mailbox is required, e.g. [mailboxes.support]")
        }
        var mailboxes: [TicketdConfig.Mailbox] = []
        for name in mailboxTable.keys.sorted(by: Self.mailboxOrder) {
            guard let section = try mailboxTable.table(name) else { continue }
            try section.allowOnly(["host", "port", "security", "user", "password_file", "password_env", "timeout_seconds",
                                   "verify_certificate", "ca_file", "folder", "processed_folder", "quarantine_folder", "role", "address",
                                   "automatic_mail"])
            let host = try section.string("host") ?? imap?.string("host") ?? "127.0.0.1"
            let security = try section.security("security") ?? imap?.security("security") ?? .tls
            let defaultPort: UInt16 = security == .tls ? 993 : 143
            let port = try section.port("port") ?? imap?.port("port") ?? defaultPort
            guard let user = try section.string("user") ?? imap?.string("user") else {
                throw section.error("user", "missing: the IMAP login name of this mailbox")
            }
            let password = try section.secret() ?? imap?.secret()
            guard let password else { throw section.error("password_file", "missing: set password_file or password_env") }
            let timeout = try section.int("timeout_seconds", in: 1...3600) ?? imap?.int("timeout_seconds", in: 1...3600) ?? 60
            let certificates = try section.certificateCheck(inheriting: imap)
            var mailbox = TicketdConfig.Mailbox(
                name: name,
                endpoint: IMAPEndpoint(
                    host: host, port: port, security: security, user: user, password: password, timeoutSeconds: timeout, certificates: certificates
                )
            )
            mailbox.folder = try section.string("folder") ?? mailbox.folder
            mailbox.role = MailboxRole(rawValue: name) ?? .support
            if let role = try section.string("role") {
                guard let value = MailboxRole(rawValue: role) else {
                    throw section.error("role", "must be one of \(MailboxRole.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(role)\"")
                }
                mailbox.role = value
            }
            mailbox.address = try section.string("address")
            switch try section.string("automatic_mail") ?? "ticket" {
            case "ticket": mailbox.screensAutomaticMail = false
            case "screen": mailbox.screensAutomaticMail = true
            case let other: throw section.error("automatic_mail", "must be ticket or screen, got \"\(other)\"")
            }
            if let quarantine = try section.string("quarantine_folder") {
                mailbox.quarantineFolder = quarantine.isEmpty ? nil : quarantine
            }
            if let processed = try section.string("processed_folder") {
                mailbox.processedFolder = processed.isEmpty ? nil : processed
            }
            if let refusal = TransportPolicy.refusal(
                host: host, security: security, sendsPassword: true, isSMTP: false, allowInsecure: service.allowInsecureTransport,
                verifiesCertificate: certificates.verify
            ) {
                throw section.error(security == .none ? "security" : "verify_certificate", refusal)
            }
            mailboxes.append(mailbox)
        }

        guard let smtpSection = try root.table("smtp") else {
            throw root.error("smtp", "missing: the [smtp] section says where replies are sent")
        }
        try smtpSection.allowOnly(["host", "port", "security", "user", "password_file", "password_env", "timeout_seconds",
                                   "verify_certificate", "ca_file", "retry_base_seconds", "retry_cap_seconds"])
        let smtpSecurity = try smtpSection.security("security") ?? .starttls
        var smtp = TicketdConfig.SMTP(endpoint: SMTPEndpoint(
            host: try smtpSection.string("host") ?? "127.0.0.1",
            port: try smtpSection.port("port") ?? (smtpSecurity == .tls ? 465 : 587),
            security: smtpSecurity,
            user: try smtpSection.string("user"),
            password: try smtpSection.secret(),
            timeoutSeconds: try smtpSection.int("timeout_seconds", in: 1...3600) ?? 60,
            certificates: try smtpSection.certificateCheck(inheriting: nil)
        ))
        if smtp.endpoint.user != nil, smtp.endpoint.password == nil {
            throw smtpSection.error("password_file", "missing: `user` is set, so set password_file or password_env")
        }
        if let refusal = TransportPolicy.refusal(
            host: smtp.endpoint.host, security: smtpSecurity, sendsPassword: smtp.endpoint.user != nil, isSMTP: true,
            allowInsecure: service.allowInsecureTransport, verifiesCertificate: smtp.endpoint.certificates.verify
        ) {
            throw smtpSection.error(smtpSecurity == .none ? "security" : "verify_certificate", refusal)
        }
        smtp.retryBaseSeconds = Double(try smtpSection.int("retry_base_seconds", in: 1...86_400) ?? Int(smtp.retryBaseSeconds))
        smtp.retryCapSeconds = Double(try smtpSection.int("retry_cap_seconds", in: 1...604_800) ?? Int(smtp.retryCapSeconds))

        var config = TicketdConfig(file: file, service: service, mailboxes: mailboxes, smtp: smtp)
        config.workflow = try parseWorkflow(root)
        config.workflow.mailboxesScreeningAutomaticMail = Set(mailboxes.filter(\.screensAutomaticMail).map(\.name))
        config.sla = try parseSLA(root)
        if let section = try root.table("trust") {
            try section.allowOnly(["secret_file", "key_overlap_days", "trusted_authserv_ids", "subaddress_separator", "max_participants"])
            config.trust.secretFile = try section.path("secret_file")
            config.trust.keyOverlapDays = try section.int("key_overlap_days", in: 0...3650) ?? config.trust.keyOverlapDays
            config.trust.trustedAuthservIDs = Set((try section.strings("trusted_authserv_ids") ?? []).map { $0.lowercased() })
            let separator = try section.string("subaddress_separator") ?? config.trust.subaddressSeparator
            guard ["+", "-", "=", "_", "."].contains(separator) else {
                throw section.error("subaddress_separator", "must be one of + - = _ . (the MTA's recipient delimiter), got \"\(separator)\"")
            }
            config.trust.subaddressSeparator = separator
            config.workflow.maxParticipants = try section.int("max_participants", in: 0...1000) ?? config.workflow.maxParticipants
        }
        if let section = try root.table("web") {
            try section.allowOnly(["listen", "assets", "trusted_proxies", "proxy_user_header", "session_hours", "threads"])
            config.web.assets = try section.path("assets") ?? config.web.assets
            config.web.trustedProxies = Set(try section.strings("trusted_proxies") ?? [])
            config.web.proxyUserHeader = try section.string("proxy_user_header") ?? config.web.proxyUserHeader
            guard !config.web.proxyUserHeader.isEmpty, config.web.proxyUserHeader.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw section.error("proxy_user_header", "must be a header name (letters, digits and -), got \"\(config.web.proxyUserHeader)\"")
            }
            config.web.sessionHours = try section.int("session_hours", in: 1...720) ?? config.web.sessionHours
            config.web.threads = try section.int("threads", in: 1...256) ?? config.web.threads
            if let listen = try section.string("listen") {
                guard let (host, port) = Self.hostAndPort(listen) else {
                    throw section.error("listen", "must be HOST:PORT (an IPv6 address in brackets), got \"\(listen)\"")
                }
                config.web.host = host
                config.web.port = port
            }
        }
        if let logging = try root.table("logging") {
            try logging.allowOnly(["level"])
            let level = try logging.string("level") ?? config.logLevel
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            guard levels.contains(level) else { throw logging.error("level", "must be one of \(levels.joined(separator: ", ")), got \"\(level)\"") }
            config.logLevel = level
        }
        return config
    }

    /// `127.0.0.1:8080`, `[::1]:8080`, `localhost:80`: the host and a port from 0 (any free one).
    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains("["), !host.contains("]"), host.allSatisfy({ !$0.isWhitespace }) else { return nil }
        return (host, port)
    }

    /// `support` first, `notifications` second, then the others by name.
    private static func mailboxOrder(_ a: String, _ b: String) -> Bool {
        let rank = ["support": 0, "notifications": 1]
        return (rank[a] ?? 2, a) < (rank[b] ?? 2, b)
    }
}

/// The folder a config's relative paths are read from: its file's, worked out only when
/// a relative path needs it (URL's first use made the runtime look up two conformances,
/// in every one-shot command, whose configs name absolute paths).
struct ConfigBase {
    /// The config file; nil for the built-in workflow, whose paths are read from `/`.
    let file: String?

    var url: URL { file.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? URL(fileURLWithPath: "/") }
}

/// Typed access to one TOML table, with errors that name the dotted key and the file.
struct TableReader {
    let table: TOMLTable
    let path: String
    let file: String
    let base: ConfigBase
    let environment: [String: String]
    let resolveSecrets: Bool

    var keys: [String] { table.keys }

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func error(_ name: String, _ reason: String) -> ConfigError {
        ConfigError(file: file, key: key(name), reason: reason)
    }

    func allowOnly(_ allowed: Set<String>) throws {
        for name in table.keys where !allowed.contains(name) {
            throw error(name, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func table(_ name: String) throws -> TableReader? {
        guard let value = table[name] else { return nil }
        guard let inner = value.table else { throw error(name, "expected a table, got \(value.type)") }
        return TableReader(
            table: inner, path: key(name), file: file, base: base, environment: environment, resolveSecrets: resolveSecrets
        )
    }

    func string(_ name: String) throws -> String? {
        guard let value = table[name] else { return nil }
        guard let text = value.string else { throw error(name, "expected a string, got \(value.type)") }
        return text
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = table[name] else { return nil }
        guard let number = value.int else { throw error(name, "expected an integer, got \(value.type)") }
        guard range.contains(number) else { throw error(name, "must be between \(range.lowerBound) and \(range.upperBound), got \(number)") }
        return number
    }

    func port(_ name: String) throws -> UInt16? {
        try int(name, in: 1...65_535).map { UInt16($0) }
    }

    func security(_ name: String) throws -> ConnectionSecurity? {
        guard let text = try string(name) else { return nil }
        guard let security = ConnectionSecurity(rawValue: text) else {
            throw error(name, "must be \"tls\", \"starttls\" or \"none\", got \"\(text)\"")
        }
        return security
    }

    /// `verify_certificate` (default true) and `ca_file` (a readable PEM file), each taken
    /// from `defaults` ([imap]) when this section does not say.
    func certificateCheck(inheriting defaults: TableReader?) throws -> CertificateCheck {
        let verify = try bool("verify_certificate") ?? defaults?.bool("verify_certificate") ?? true
        // The error names the table the key stands in.
        let owner = try string("ca_file") != nil ? self : defaults ?? self
        let caFile = try owner.path("ca_file")
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw owner.error("ca_file", "cannot read \(caFile)")
        }
        return CertificateCheck(verify: verify, caFile: caFile)
    }

    /// A path, relative to the config file's folder unless absolute.
    func path(_ name: String) throws -> String? {
        guard let text = try string(name) else { return nil }
        if text.hasPrefix("/") { return text }
        return base.url.appendingPathComponent(text).standardizedFileURL.path
    }

    /// The password named by `password_file` (first line of the file) or `password_env`.
    /// Passwords never go in the config file itself or on the command line.
    func secret() throws -> Secret? {
        if let file = try path("password_file") {
            guard resolveSecrets else { return Secret("") }
            // Whoever may read the file has the password: only its owner may (issue 14).
            if let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
                throw error("password_file", "\(file) may be read by group or others (mode \(String(mode & 0o777, radix: 8))): chmod 600 it")
            }
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw error("password_file", "cannot read \(file)")
            }
            // The first line, without a CR that an editor on another system left.
            // (Bytes, not Characters: Swift counts CR LF as one Character.)
            var line = Array(text.utf8.prefix { $0 != 0x0A })
            if line.last == 0x0D { line.removeLast() }
            let password = String(decoding: line, as: UTF8.self)
            guard !password.isEmpty else { throw error("password_file", "\(file) is empty") }
            return Secret(password)
        }
        if let variable = try string("password_env") {
            guard resolveSecrets else { return Secret("") }
            guard let value = environment[variable], !value.isEmpty else {
                throw error("password_env", "the environment variable \(variable) is not set")
            }
            return Secret(value)
        }
        return nil
    }
}
