public import Foundation
public import Logging
import TicketCore

/// Log lines for systemd's journal when stderr goes there: the priority as a `<N>` prefix
/// (journald reads it: `SyslogLevelPrefix=`), no timestamp (the journal stamps each line),
/// the message and its metadata as `key=value`. Elsewhere ticketd logs as before.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(line.utf8)) }) {
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Whether stderr is the journal stream systemd named in `JOURNAL_STREAM` (`device:inode`).
    public static func stderrIsJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return false }
        return stream == "\(status.st_dev):\(status.st_ino)"
    }

    /// syslog's priorities: debug 7, info 6, notice 5, warning 4, err 3, crit 2.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// At most this many bytes of a line: journald starts a new entry past its own limit
    /// (48 KB), where a `<N>` could be read as a priority.
    static let maximumLineBytes = 8192

    /// One line: control characters escaped (journald also starts an entry at a NUL, and
    /// a line break would fake one), and cut at `maximumLineBytes`.
    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var text = "<\(priority(level))>" + escaped(message)
        for key in metadata.keys.sorted() {
            text += " \(escaped(key))=\(escaped(String(describing: metadata[key]!)))"
        }
        if text.utf8.count > maximumLineBytes {
            text = String(decoding: text.utf8.prefix(maximumLineBytes - 12), as: UTF8.self) + " …(cut)"
        }
        return text + "\n"
    }

    private static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: \.actsOnDisplay) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.actsOnDisplay {
                result += scalar == "\n" ? "\\n" : "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        write(Self.line(level: event.level, message: "\(event.message)", metadata: all))
    }
}
