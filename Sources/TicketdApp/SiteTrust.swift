public import DeskConfiguration
public import Foundation
public import Trust

/// The site's trust settings as the config names them: the reply-token keys (the secret
/// file is made on first start) and the trusted authserv-ids.
public enum SiteTrust {
    public static func load(_ config: TicketdConfig, now: Date = Date()) throws -> TrustSettings {
        let keys = try SecretFile.loadOrCreate(config.trust.secretFilePath(database: config.service.database), now: now)
        return TrustSettings(
            keyring: ReplyTokenKeyring(keys: keys, overlap: Double(config.trust.keyOverlapDays) * 86_400),
            trustedAuthservIDs: config.trust.trustedAuthservIDs
        )
    }

    /// Adds a new key to the secret file (made first if missing); returns its path and how
    /// many keys it now holds.
    public static func rotate(_ config: TicketdConfig, now: Date = Date()) throws -> (path: String, keys: Int) {
        let path = config.trust.secretFilePath(database: config.service.database)
        let keys = try SecretFile.rotate(path, now: now, overlap: Double(config.trust.keyOverlapDays) * 86_400)
        return (path, keys.count)
    }
}
