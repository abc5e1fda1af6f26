import ArgumentParser
import Foundation
import TicketdApp

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse mail files and print what ticketd sees, without storing anything.")

    @Flag(help: "One JSON object per file, one per line.")
    var json = false

    @Argument(help: "Mail files (.eml).")
    var files: [String]

    func run() throws {
        var status: Int32 = 0
        for file in files {
            do {
                let value = try Inspector.inspect(file: file)
                print(json ? value.serialized() : value.serialized(pretty: true))
            } catch {
                FileHandle.standardError.write(Data("ticketd: \(error)\n".utf8))
                status = ExitStatus.of(error)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
