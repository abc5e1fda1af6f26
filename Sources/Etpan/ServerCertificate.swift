import CEtpan

/// How the server's certificate is checked once TLS is up: against the system trust store
/// or `caFile`, and for the host name connected to. On by default; off only where the
/// config allows it (TransportPolicy).
public struct CertificateCheck: Sendable, Equatable {
    public var verify: Bool
    /// PEM file of the CAs to trust instead of the system store.
    public var caFile: String?

    public init(verify: Bool = true, caFile: String? = nil) {
        self.verify = verify
        self.caFile = caFile
    }
}

enum ServerCertificate {
    /// Checks the certificate chain of an established TLS stream for `host`, before any
    /// credential goes over it; throws `.certificate` with the host and the reason.
    static func check(_ stream: UnsafeMutablePointer<mailstream>?, host: String, port: UInt16, protocolName: String, check: CertificateCheck) throws {
        guard check.verify else { return }
        var status: UInt32 = 0
        let code = withOptionalCString(check.caFile) { caFile in ticketd_tls_verify(stream, host, caFile, &status) }
        guard code != 0 else { return }
        throw EtpanError(
            kind: .certificate, operation: "\(protocolName) TLS certificate check", input: "\(host):\(port)", code: code,
            serverResponse: String(cString: ticketd_tls_reason(code, status))
        )
    }

    private static func withOptionalCString<Result>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
        guard let text else { return body(nil) }
        return text.withCString { body($0) }
    }
}
