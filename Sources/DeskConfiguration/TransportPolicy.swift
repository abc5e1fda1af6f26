public import Etpan

/// Which mail-server connections a config may ask for (issue 13): a password never goes
/// over plain TCP to another machine, and SMTP AUTH only over TLS, unless the site says
/// `allow_insecure_transport = true` (then every start warns).
public enum TransportPolicy {
    /// Why a connection to `host` with `security` is refused; nil when it is allowed.
    /// `sendsPassword` is true for IMAP logins and for SMTP with a `user`; `verifiesCertificate`
    /// is false when the config switched the certificate check off.
    public static func refusal(
        host: String, security: ConnectionSecurity, sendsPassword: Bool, isSMTP: Bool, allowInsecure: Bool, verifiesCertificate: Bool = true
    ) -> String? {
        guard !allowInsecure else { return nil }
        if security != .none {
            guard !verifiesCertificate, !isLoopback(host) else { return nil }
            return "verify_certificate = false would send \(sendsPassword ? "the password" : "mail") to anyone who answers for \(host): "
                + "give its CA in ca_file instead (or allow_insecure_transport = true in [service])"
        }
        if isSMTP, sendsPassword {
            return "SMTP AUTH only over TLS: with `user` set, use security \"tls\" or \"starttls\" (or allow_insecure_transport = true in [service])"
        }
        guard !isLoopback(host) else { return nil }
        return "security \"none\" would send \(sendsPassword ? "the password" : "mail") in clear to \(host): use \"tls\" or \"starttls\" "
            + "(or allow_insecure_transport = true in [service])"
    }

    /// Plain TCP, or TLS without the certificate check, that leaves this machine, which a
    /// site allowed: worth a warning at every start.
    public static func isInsecure(host: String, security: ConnectionSecurity, verifiesCertificate: Bool = true) -> Bool {
        (security == .none || !verifiesCertificate) && !isLoopback(host)
    }

    /// 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
            && host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}
