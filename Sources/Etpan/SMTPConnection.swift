import CEtpan
import Foundation

/// A blocking SMTP session over libetpan: EHLO (HELO fallback), optional STARTTLS and
/// AUTH, then any number of MAIL/RCPT/DATA transactions on the same connection.
/// Not thread-safe: use it from one thread at a time.
public final class SMTPConnection {
    private let session: UnsafeMutablePointer<mailsmtp>
    private let endpoint: String
    private var usesESMTP = true

    private init(session: UnsafeMutablePointer<mailsmtp>, endpoint: String) {
        self.session = session
        self.endpoint = endpoint
    }

    deinit {
        mailsmtp_free(session)
    }

    public static func connect(
        host: String, port: UInt16, security: ConnectionSecurity,
        user: String? = nil, password: String? = nil, timeoutSeconds: Int = 60, certificates: CertificateCheck = CertificateCheck()
    ) throws -> SMTPConnection {
        EtpanRuntime.ignoreSIGPIPE()
        guard let session = mailsmtp_new(0, nil) else {
            throw EtpanError(kind: .other, operation: "SMTP connect", input: "\(host):\(port)", code: Int32(MAILSMTP_ERROR_MEMORY))
        }
        mailsmtp_set_timeout(session, time_t(timeoutSeconds))
        let connection = SMTPConnection(session: session, endpoint: "\(host):\(port)")
        let code: Int32
        switch security {
        case .tls: code = cetpan_smtp_ssl_connect(session, host, port)
        case .none, .starttls: code = mailsmtp_socket_connect(session, host, port)
        }
        try connection.check(code, "SMTP connect", input: connection.endpoint, kind: .connection)
        // Checked before EHLO: nothing of ours goes to a server we have not recognised.
        if security == .tls {
            try ServerCertificate.check(cetpan_smtp_stream(session), host: host, port: port, protocolName: "SMTP", check: certificates)
        }
        try connection.greet()
        if security == .starttls {
            try connection.check(cetpan_smtp_starttls(session, host), "SMTP STARTTLS", input: connection.endpoint, kind: .connection)
            try ServerCertificate.check(cetpan_smtp_stream(session), host: host, port: port, protocolName: "SMTP", check: certificates)
            try connection.greet()
        }
        if let user, let password {
            let authCode = mailsmtp_auth(session, user, password)
            try connection.check(authCode, "SMTP AUTH", input: "user \(user) at \(connection.endpoint)", kind: .authentication)
        }
        return connection
    }

    private func greet() throws {
        let code = mailesmtp_ehlo(session)
        if code == Int32(MAILSMTP_NO_ERROR) {
            usesESMTP = true
            return
        }
        if code == Int32(MAILSMTP_ERROR_NOT_IMPLEMENTED) {
            usesESMTP = false
            try check(mailsmtp_helo(session), "SMTP HELO", input: endpoint)
            return
        }
        try check(code, "SMTP EHLO", input: endpoint)
    }

    /// Sends one message. A recipient refused for good at RCPT is left out and returned,
    /// and the others get the message; when every recipient is refused, or any step else is
    /// refused (a temporary refusal of a recipient too, so that nobody gets it twice when
    /// it is tried again), it throws with the server's reply code. After a refusal the
    /// session is reset so that the connection can be used again.
    @discardableResult
    public func send(from sender: String, to recipients: [String], data: [UInt8]) throws -> [EtpanError] {
        var refused: [EtpanError] = []
        do {
            if recipients.count == 1, pipelines {
                try pipelinedEnvelope(from: sender, to: recipients[0])
            } else {
                try check(mailsmtp_mail(session, sender), "SMTP MAIL FROM", input: "<\(sender)>")
                for recipient in recipients {
                    do {
                        try check(mailsmtp_rcpt(session, recipient), "SMTP RCPT TO", input: "<\(recipient)>")
                    } catch let error as EtpanError where error.kind != .connection && !error.isTemporary && recipients.count > 1 {
                        refused.append(error)
                    }
                }
                if refused.count == recipients.count, let last = refused.popLast() { throw last }
                try check(mailsmtp_data(session), "SMTP DATA", input: "message from <\(sender)>")
            }
            // libetpan always ends DATA with "\r\n.\r\n"; a message that already ends in a
            // line break would gain an empty line, so that break is left to libetpan.
            var length = data.count
            if length >= 2, data[length - 2] == 0x0D, data[length - 1] == 0x0A { length -= 2 }
            let code = data.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    mailsmtp_data_message(session, chars.baseAddress, length)
                }
            }
            try check(code, "SMTP end of DATA", input: "\(data.count) bytes from <\(sender)>")
            return refused
        } catch let error as EtpanError where error.kind != .connection {
            _ = mailsmtp_reset(session)
            throw error
        }
    }

    /// Whether the server takes pipelined commands (it said PIPELINING in its EHLO reply).
    public var pipelines: Bool { usesESMTP && session.pointee.esmtp & Int32(MAILSMTP_ESMTP_PIPELINING) != 0 }

    /// MAIL, RCPT and DATA in one write, their three replies read after (RFC 2920): one
    /// round trip instead of three. Only for one recipient: when it is refused, DATA fails
    /// too and nothing is left to abort, while with several a partly accepted envelope
    /// would leave the server waiting for the message.
    private func pipelinedEnvelope(from sender: String, to recipient: String) throws {
        let commands = Array("MAIL FROM:<\(sender)>\r\nRCPT TO:<\(recipient)>\r\nDATA\r\n".utf8)
        guard mailstream_write(session.pointee.stream, commands, commands.count) == commands.count,
              mailstream_flush(session.pointee.stream) == 0
        else {
            throw EtpanError(kind: .connection, operation: "SMTP MAIL FROM", input: "<\(sender)> (pipelined)", code: Int32(MAILSMTP_ERROR_STREAM))
        }
        // All three replies are read before judging, so that none is left for the next command.
        let steps = [
            (operation: "SMTP MAIL FROM", input: "<\(sender)>", replyClass: 2),
            (operation: "SMTP RCPT TO", input: "<\(recipient)>", replyClass: 2),
            (operation: "SMTP DATA", input: "message from <\(sender)>", replyClass: 3),
        ]
        let replies = try steps.map { try readReply($0.operation, input: $0.input) }
        guard let failed = steps.indices.first(where: { replies[$0].code / 100 != steps[$0].replyClass }) else { return }
        // A server that asks for the message after refusing its envelope: only dropping
        // the connection ends that transaction.
        let waitsForData = replies[2].code == 354
        throw EtpanError(
            kind: waitsForData ? .connection : .refused, operation: steps[failed].operation, input: steps[failed].input,
            code: Int32(waitsForData ? MAILSMTP_ERROR_STREAM : MAILSMTP_ERROR_ACTION_NOT_TAKEN),
            serverResponse: replies[failed].text, smtpReplyCode: replies[failed].code
        )
    }

    /// One reply, all of its lines (`250-…` goes on, `250 …` ends it).
    private func readReply(_ operation: String, input: String) throws -> (code: Int, text: String) {
        var text = ""
        while true {
            guard let line = mailstream_read_line_remove_eol(session.pointee.stream, session.pointee.line_buffer) else {
                throw EtpanError(kind: .connection, operation: operation, input: input, code: Int32(MAILSMTP_ERROR_STREAM))
            }
            let bytes = Array(String(cString: line).utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
                throw EtpanError(kind: .connection, operation: operation, input: input, code: Int32(MAILSMTP_ERROR_STREAM), serverResponse: String(cString: line))
            }
            text += (text.isEmpty ? "" : "\n") + String(decoding: bytes.dropFirst(min(4, bytes.count)), as: UTF8.self)
            if bytes.count == 3 || bytes[3] != UInt8(ascii: "-") { return (code, text) }
        }
    }

    public func quit() {
        _ = mailsmtp_quit(session)
    }

    private func check(_ code: Int32, _ operation: String, input: String, kind: EtpanError.Kind? = nil) throws {
        guard code != Int32(MAILSMTP_NO_ERROR) else { return }
        let reply = Int(session.pointee.response_code)
        throw EtpanError(
            kind: kind ?? Self.kind(of: code), operation: operation, input: input, code: code,
            serverResponse: String(optionalCString: session.pointee.response),
            smtpReplyCode: (200..<600).contains(reply) ? reply : nil
        )
    }

    private static func kind(of code: Int32) -> EtpanError.Kind {
        switch Int(code) {
        case MAILSMTP_ERROR_STREAM, MAILSMTP_ERROR_CONNECTION_REFUSED, MAILSMTP_ERROR_SSL,
             MAILSMTP_ERROR_STARTTLS_TEMPORARY_FAILURE, MAILSMTP_ERROR_STARTTLS_NOT_SUPPORTED:
            return .connection
        case MAILSMTP_ERROR_AUTH_LOGIN, MAILSMTP_ERROR_AUTH_AUTHENTICATION_FAILED, MAILSMTP_ERROR_AUTH_REQUIRED,
             MAILSMTP_ERROR_AUTH_NOT_SUPPORTED, MAILSMTP_ERROR_AUTH_TOO_WEAK:
            return .authentication
        case MAILSMTP_ERROR_MEMORY:
            return .other
        default:
            return .refused
        }
    }
}
