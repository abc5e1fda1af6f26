public import Configuration
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
}
