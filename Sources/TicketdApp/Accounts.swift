import Access
public import DeskConfiguration
public import Foundation
public import Storage
public import TicketCore
import Web
import Workflow
import WorkingTime

/// `ticketd users`: the web side's local accounts and API tokens.
public enum Accounts {
    /// Why an account cannot be made.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String

        public init(description: String) {
            self.description = description
        }
    }

    public static func add(name: String, address: String, password: String, in store: any WebAccounts, now: Date) throws {
        if let refusal = Access.nameRefusal(name) ?? Access.passwordRefusal(password, name: name) { throw Refusal(description: refusal) }
        guard AddrSpec.isValid(address) else { throw Refusal(description: "\"\(address)\" is not a mail address") }
        let user = WebUser(name: name, address: address.lowercased(), passwordHash: WebSecrets.hashPassword(password), createdAt: now)
        guard try store.addUser(user) else { throw Refusal(description: "an account named \(name) exists already") }
    }

    public static func remove(name: String, in store: any WebAccounts) throws {
        guard try store.removeUser(named: name) else { throw Refusal(description: "no account is named \(name)") }
    }

    /// A new token for `name`'s account: the token itself, which is shown once and kept
    /// only as its hash.
    public static func issueToken(name: String, label: String, in store: any WebAccounts, now: Date) throws -> (id: Int64, token: String) {
        guard let user = try store.user(named: name) else { throw Refusal(description: "no account is named \(name)") }
        let token = WebSecrets.newAPIToken()
        let id = try store.addToken(user: user.name, label: label, hash: WebSecrets.storedHash(token), at: now)
        return (id, token)
    }

    public static func revokeToken(id: Int64, in store: any WebAccounts) throws {
        guard try store.removeToken(id: id) else { throw Refusal(description: "no token has the id \(id)") }
    }

    /// One line per account: its name, address, units, and whether it approves.
    public static func listing(_ store: any WebAccounts, config: TicketdConfig) throws -> String {
        let tokens = try store.tokens()
        var lines = try store.users().map { user in
            let viewer = Viewer(
                name: user.name, address: user.address, units: config.workflow.units, approvers: config.workflow.approvers,
                securityUnit: config.workflow.securityUnit
            )
            let roles = (viewer.units.isEmpty ? "no unit" : "units: " + viewer.units.joined(separator: ", ")) + (viewer.isApprover ? "; approver" : "")
            let count = tokens.filter { $0.user.lowercased() == user.name.lowercased() }.count
            return "\(user.name)  <\(user.address)>  \(roles); \(count) token(s)"
        }
        if lines.isEmpty { lines = ["No accounts."] }
        for token in tokens {
            lines.append("token \(token.id) of \(token.user): \(token.label.isEmpty ? "(no label)" : token.label), made \(ISOTime.format(token.createdAt, in: config.sla.calendar.timeZone)), "
                + (token.lastUsedAt.map { "last used \(ISOTime.format($0, in: config.sla.calendar.timeZone))" } ?? "never used"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
