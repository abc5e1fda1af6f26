import Apply
import DeskConfiguration
import Foundation
import Intake
import Logging
import MailParsing
import Screening
import Storage
import Templates
import TicketCore
import Trust

/// The fuzzing entry: every input goes through the whole parsing path that the worker
/// and `inspect` use, then through the worker's whole intake decision over the store's
/// in-memory twin: the limits' pre-scan, parse, screen, thread, classify (the built-in
/// rules), decide and apply (replies rendered from the repository's templates). Built
/// with `-sanitize=fuzzer -D FUZZING` (deploy/fuzz.sh) libFuzzer drives it; a normal
/// build makes a replay tool that runs files through it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let raw = Array(UnsafeBufferPointer(start: data, count: size))
    let message = MessageParser.parse(raw)
    _ = Screener().automaticReason(message)
    _ = message.date?.iso8601
    _ = MailCommandParser.parse(message.text ?? "")
    FuzzDesk.shared.take(raw)
    return 0
}

/// A desk with two units, the built-in rules and a ticket to reply to; started over every
/// so many inputs, so that its memory stays bounded.
final class FuzzDesk: @unchecked Sendable {
    static let shared = FuzzDesk()

    private let workflow: WorkflowRunner
    private let reader: MailReader
    private var store = InMemoryStore()
    private var taken = 0
    private let now = Date(timeIntervalSince1970: 1_794_304_800)  // Tuesday 2026-11-10 10:00 UTC

    private init() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = """
            [service]
            address = "support@desk.example.org"
            database = "unused.sqlite"
            templates = "templates"

            [imap]
            host = "127.0.0.1"
            password_env = "UNUSED"

            [smtp]
            host = "127.0.0.1"

            [mailboxes.support]
            user = "support"
            address = "support@desk.example.org"

            [mailboxes.notifications]
            user = "notifications"
            address = "notifications@desk.example.org"

            [sla]
            managers = ["manager@desk.example.org"]

            [[units]]
            name = "Operations"
            members = ["alice@ops.example.org"]
            mailboxes = ["support", "notifications"]

            [[units]]
            name = "Security"
            members = ["csirt@ops.example.org"]
            """
        do {
            let config = try ConfigLoader.load(text: text, path: root.appendingPathComponent("fuzz-desk.toml").path, resolveSecrets: false)
            let keyring = ReplyTokenKeyring(keys: [ReplyTokenKey(bytes: Array(repeating: 7, count: 32), createdAt: now)], overlap: 0)
            workflow = WorkflowRunner(
                config: config, templates: try TemplateSet(directory: config.service.templates), trust: TrustSettings(keyring: keyring)
            )
            reader = MailReader(classifier: workflow.classifier, limits: config.service.limits, maxMessageBytes: config.service.maxMessageBytes)
        } catch {
            fatalError("the fuzzing desk cannot be set up: \(error)")
        }
        startOver()
    }

    /// A new store, with ticket 1 open so that replies and commands have one to join.
    private func startOver() {
        store = InMemoryStore()
        taken = 0
        take(Array("From: Ann <ann@uni.example>\r\nTo: support@desk.example.org\r\nSubject: Cannot log in\r\nMessage-ID: <seed@uni.example>\r\n\r\nHello.\r\n".utf8))
    }

    /// The worker's intake of one mail from the support mailbox: read as the poller reads
    /// it, then taken in by one transaction.
    func take(_ raw: [UInt8]) {
        taken += 1
        if taken > 1_000 { startOver() }
        let mail = reader.read(MailReader.Fetched(raw: raw, origin: MessageOrigin(mailbox: "support", uidValidity: 1, uid: UInt32(taken))))
        let intake = BatchIntake(workflow: workflow, store: store, logger: Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() }))
        let now = now
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            // A mail the desk cannot take is quarantined by the worker: an error is an answer here too.
            _ = try? await intake.writeBatch { tx in try intake.take(mail, in: tx, now: now) }
            done.signal()
        }
        done.wait()
    }
}

#if FUZZING
// SwiftPM links an executable's entry point as `<Target>_main`; under libFuzzer that entry
// hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("ParserFuzzer_main")
func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    // The desk is set up before the first input, so that what its setup allocates for the
    // process's lifetime is not counted against an input.
    _ = FuzzDesk.shared
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
enum ParserFuzzerReplay {
    /// `ParserFuzzer FILE…`: runs each file once (crash inputs, the corpus).
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(66)
            }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { fuzzOneInput($0.baseAddress, $0.count) }
        }
        print("replayed \(CommandLine.arguments.count - 1) input(s)")
    }
}
#endif
