// Parsing throughput for deploy/bench.sh: reads every file of a folder into memory, then
// parses them all with `MessageParser` over and over for at least the given seconds, and
// prints `messages bytes seconds` (what Python's `email` does with the same corpus is
// measured by deploy/bench-parse.py; the script prints the ratio).
import Foundation
import MailParsing
import TicketCore

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ParseBench FOLDER [SECONDS]\n".utf8))
    exit(64)
}
let folder = arguments[1]
let minimumSeconds = arguments.count > 2 ? Double(arguments[2]) ?? 5 : 5
let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
let corpus = names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0).map { [UInt8]($0) } }
let corpusBytes = corpus.reduce(0) { $0 + $1.count }

// What a caller uses of each message, so that nothing is optimised away and every part
// is decoded, as the worker needs it.
var checksum = 0
var messages = 0
var bytes = 0
let start = ContinuousClock.now
var elapsed = 0.0
repeat {
    for raw in corpus {
        let message = MessageParser.parse(raw)
        checksum &+= (message.subject?.utf8.count ?? 0) &+ (message.text?.utf8.count ?? 0) &+ message.attachments.count
            &+ message.parts.reduce(0) { $0 &+ $1.body.count } &+ (message.from?.address.utf8.count ?? 0)
    }
    messages += corpus.count
    bytes += corpusBytes
    let duration = ContinuousClock.now - start
    elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
} while elapsed < minimumSeconds
print("\(messages) \(bytes) \(elapsed) \(checksum)")
