import ArgumentParser
import DeskConfiguration
import Foundation
import TicketdApp

struct Secret: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "The keys that sign reply tokens (README, \"Trust and security\").",
        subcommands: [Rotate.self]
    )

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Adds a new key that signs from now on; the older one still verifies for key_overlap_days."
        )
        @OptionGroup var options: ConfigOption

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                let (path, count) = try SiteTrust.rotate(config)
                print("\(path): a new key signs from now on; \(count - 1) older key(s) still verify for \(config.trust.keyOverlapDays) day(s)")
            } catch {
                fail(error)
            }
        }
    }
}
