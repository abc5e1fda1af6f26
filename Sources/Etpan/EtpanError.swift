import Foundation
import CEtpan

/// What failed in a libetpan call: the operation, its input, libetpan's code and the
/// server's response text. Never carries passwords or message bodies.
public struct EtpanError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// TCP connect, TLS or stream failure: the server is unreachable or went away.
        case connection
        /// The server refused the credentials.
        case authentication
        /// The server's TLS certificate failed the check (unknown CA, wrong host, expired):
        /// nothing was sent to it, and trying again will not help.
        case certificate
        /// The server answered NO/BAD (IMAP) or an error status (SMTP).
        case refused
        /// The server or input produced something libetpan could not parse.
        case parse
        /// Anything else (memory, unsupported extension).
        case other
    }

    public var kind: Kind
    /// The protocol step, e.g. "IMAP LOGIN" or "SMTP RCPT TO".
    public var operation: String
    /// What the step was working on: host and port, mailbox, UID set, address. No secrets.
    public var input: String
    /// libetpan's return code.
    public var code: Int32
    /// The server's last response text, when there is one.
    public var serverResponse: String?
    /// The SMTP reply code (e.g. 451, 550), when the server gave one.
    public var smtpReplyCode: Int?

    public init(
        kind: Kind, operation: String, input: String, code: Int32,
        serverResponse: String? = nil, smtpReplyCode: Int? = nil
    ) {
        self.kind = kind
        self.operation = operation
        self.input = input
        self.code = code
        self.serverResponse = serverResponse
        self.smtpReplyCode = smtpReplyCode
    }

    /// True when trying again later may succeed (SMTP 4xx, dropped or refused connections).
    public var isTemporary: Bool {
        if let reply = smtpReplyCode { return (400..<500).contains(reply) }
        return kind == .connection
    }

    public var description: String {
        if kind == .certificate {
            return "\(operation) failed for \(input): \(serverResponse ?? "invalid certificate"); no credential was sent"
        }
        var text = "\(operation) failed for \(input) (libetpan code \(code)"
        if let reply = smtpReplyCode { text += ", reply \(reply)" }
        text += ")"
        if let response = serverResponse, !response.isEmpty {
            text += ": \(response.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
        return text
    }
}

/// A write to a peer that has gone raises SIGPIPE, which would kill the process. Every
/// connection ignores it first (once per process), so that the write fails with a code.
public enum EtpanRuntime {
    private static let sigpipeIgnored: Void = cetpan_ignore_sigpipe()

    public static func ignoreSIGPIPE() {
        sigpipeIgnored
    }
}

extension String {
    init?(optionalCString pointer: UnsafePointer<CChar>?) {
        guard let pointer else { return nil }
        self = String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
    }
}
