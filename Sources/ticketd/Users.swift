import ArgumentParser
import DeskConfiguration
import Foundation
import TicketdApp

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the web side's local accounts and API tokens.",
        discussion: """
            An account signs in to `ticketd serve` with its name and password; its address \
            makes it a member of the units that list that address, and an approver when the \
            approvers do. Sites with single sign-on need no accounts: see [web] trusted_proxies.
            """,
        subcommands: [Add.self, Remove.self, List.self, Token.self, Revoke.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input (asked twice on a terminal)."
        )
        @OptionGroup var options: ConfigOption
        @Argument(help: "The account's name.") var name: String
        @Option(help: "The account's mail address.") var address: String

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            let password = readPassword()
            do {
                try Accounts.add(name: name, address: address, password: password, in: try Backend.open(config), now: Date())
                print("account \(name) <\(address.lowercased())> added")
            } catch {
                fail(error, status: ExitStatus.dataError)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account, its tokens and its sessions.")
        @OptionGroup var options: ConfigOption
        @Argument(help: "The account's name.") var name: String

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                try Accounts.remove(name: name, in: try Backend.open(config))
                print("account \(name) removed")
            } catch {
                fail(error, status: ExitStatus.dataError)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts, their units and their tokens.")
        @OptionGroup var options: ConfigOption

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                print(try Accounts.listing(try Backend.open(config), config: config), terminator: "")
            } catch {
                fail(error)
            }
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API token for an account (for /api/v1 and /metrics); it is shown once."
        )
        @OptionGroup var options: ConfigOption
        @Argument(help: "The account's name.") var name: String
        @Option(help: "What the token is for.") var label = ""

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                let (id, token) = try Accounts.issueToken(name: name, label: label, in: try Backend.open(config), now: Date())
                FileHandle.standardError.write(Data("token \(id) for \(name); it is not shown again:\n".utf8))
                print(token)
            } catch {
                fail(error, status: ExitStatus.dataError)
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id.")
        @OptionGroup var options: ConfigOption
        @Argument(help: "The token's id (see `users list`).") var id: Int64

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                try Accounts.revokeToken(id: id, in: try Backend.open(config))
                print("token \(id) revoked")
            } catch {
                fail(error, status: ExitStatus.dataError)
            }
        }
    }
}

/// The password from standard input: its first line; on a terminal, asked twice without echo.
private func readPassword() -> String {
    guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) ?? "" }
    var saved = termios()
    tcgetattr(STDIN_FILENO, &saved)
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
    defer {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        FileHandle.standardError.write(Data("\n".utf8))
    }
    FileHandle.standardError.write(Data("Password: ".utf8))
    let first = readLine(strippingNewline: true) ?? ""
    FileHandle.standardError.write(Data("\nAgain: ".utf8))
    let second = readLine(strippingNewline: true) ?? ""
    guard first == second else { fail(Accounts.Refusal(description: "the two passwords differ"), status: ExitStatus.dataError) }
    return first
}
