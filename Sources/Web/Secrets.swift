import Etpan
public import Foundation
import HummingbirdBcrypt

/// Passwords, API tokens and session ids: made from the system's random source, stored
/// only as hashes.
public enum WebSecrets {
    /// bcrypt with cost 12 (about a quarter of a second here): slow for a guesser.
    public static func hashPassword(_ password: String) -> String { Bcrypt.hash(password, cost: 12) }

    /// Checked on a thread of its own: bcrypt must not hold a thread of the cooperative pool.
    public static func verifyPassword(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }.start()
        }
    }

    /// 32 random bytes, base64url without padding.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// This process's key for the sign-in form's tokens (a restart makes open forms out of
    /// date, nothing worse).
    static let loginKey: [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()

    /// A sign-in form's token: a random part and this server's MAC of it.
    public static func newLoginToken() -> String {
        let nonce = randomToken()
        return nonce + "." + mac(nonce)
    }

    /// A token `newLoginToken` made, in time independent of where a forgery differs.
    public static func isLoginToken(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 43 else { return false }
        let expected = Array(mac(String(parts[0])).utf8), given = Array(parts[1].utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func mac(_ text: String) -> String {
        ContentHash.hmacSHA256(key: loginKey, message: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new API token: shown once, stored as its hash.
    public static func newAPIToken() -> String { "tkd_" + randomToken() }

    /// What a token or a session id is stored under. They carry 256 random bits: a fast
    /// hash is enough, and a copy of the database gives no way in.
    public static func storedHash(_ secret: String) -> String { ContentHash.sha256Hex(Array(secret.utf8)) }
}
