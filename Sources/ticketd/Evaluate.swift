import ArgumentParser
import DeskConfiguration
import Foundation
import TicketCore
import TicketdApp

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Classify a folder of labelled mail and print the accuracy and the confusion matrix.",
        discussion: """
        FOLDER holds .eml files and a labels.tsv of tab-separated lines: file, mailbox, kind \
        and change_class (- when none). Without --config the built-in rules are evaluated.
        """
    )

    @Option(help: "A config file whose rules and catalogue are evaluated (default: the built-in ones).")
    var config: String?

    @Flag(help: "One JSON object instead of the table.")
    var json = false

    @Option(help: "Exit 1 when fewer than this percentage of the mails are classified right.")
    var minimum: Double?

    @Argument(help: "The folder of labelled mail.")
    var folder: String

    func run() throws {
        let loaded = config.map { ConfigOption.load(path: $0, resolveSecrets: false) }
        let evaluation: ClassificationEvaluation
        do { evaluation = try ClassificationEvaluation.run(folder: folder, config: loaded) } catch { fail(error) }
        print(json ? evaluation.json.serialized() : evaluation.table)
        if let minimum, evaluation.accuracy * 100 < minimum {
            FileHandle.standardError.write(Data(String(format: "ticketd: accuracy %.1f%% is below the minimum of %.1f%%\n", evaluation.accuracy * 100, minimum).utf8))
            throw ExitCode(1)
        }
    }
}
