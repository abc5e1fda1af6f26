public import Etpan

/// Which mail-server connections a config may ask for (issue 13): a password never goes
/// over plain TCP to another machine, and SMTP AUTH only over TLS, unless the site says
/// `allow_insecure_transport = true` (then every start warns).
public enum TransportPolicy {
    /// Why a connection to `host` with `security` is refused; nil when it is allowed.
    /// `sendsPassword` is true for IMAP logins and for SMTP with a `user`.
    public static func refusal(
        host: String, security: ConnectionSecurity, sendsPassword: Bool, isSMTP: Bool, allowInsecure: Bool
    ) -> String? {
        guard security == .none, !allowInsecure else { return nil }
        if isSMTP, sendsPassword {
            return "SMTP AUTH only over TLS: with `user` set, use security \"tls\" or \"starttls\" (or allow_insecure_transport = true in [service])"
        }
        guard !isLoopback(host) else { return nil }
        return "security \"none\" would send \(sendsPassword ? "the password" : "mail") in clear to \(host): use \"tls\" or \"starttls\" "
            + "(or allow_insecure_transport = true in [service])"
    }

    /// Plain TCP that leaves this machine, which a site allowed: worth a warning at every start.
    public static func isInsecure(host: String, security: ConnectionSecurity) -> Bool {
        security == .none && !isLoopback(host)
    }

    /// 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
            && host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}
