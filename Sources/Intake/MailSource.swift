import Foundation
import MailParsing

/// Mail to take in from outside IMAP (`ticketd ingest`): one message on standard input or
/// in a file, an mbox file, a Maildir folder, or a folder of message files.
public struct MailSource: Sendable {
    public enum Kind: String, Sendable {
        case standardInput = "standard input", file, mbox, maildir, folder
    }

    public let kind: Kind
    public let path: String
    private let storage: Storage

    private enum Storage: Sendable {
        case bytes([UInt8])
        case files([String])
        /// The mapped file and where each message's bytes are in it (after its `From ` line).
        case mbox(Data, [Range<Int>])
    }

    /// How many messages there are.
    public var count: Int {
        switch storage {
        case .bytes: 1
        case .files(let paths): paths.count
        case .mbox(_, let ranges): ranges.count
        }
    }

    /// The bytes of message `index` (0-based), read when asked for, so that a large source
    /// is never held in memory whole.
    public func message(_ index: Int) throws -> [UInt8] {
        switch storage {
        case .bytes(let bytes):
            return bytes
        case .files(let paths):
            return try Self.readFile(paths[index])
        case .mbox(let data, let ranges):
            return Self.unescapeFromLines(data[ranges[index]])
        }
    }

    /// A name for message `index` in logs and errors.
    public func describe(_ index: Int) -> String {
        switch storage {
        case .bytes: path
        case .files(let paths): paths[index]
        case .mbox: "\(path), message \(index + 1)"
        }
    }

    /// `-` reads standard input; a file is an mbox when it starts with a `From ` line, else
    /// one message; a folder is a Maildir when it has `cur` or `new`, else every file in it.
    public static func open(_ path: String) throws -> MailSource {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return MailSource(kind: .standardInput, path: "standard input", storage: .bytes([UInt8](data)))
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError(file: path, reason: "no such file or folder")
        }
        if isFolder.boolValue {
            let maildir = ["new", "cur"].map { (path as NSString).appendingPathComponent($0) }.filter {
                var sub: ObjCBool = false
                return FileManager.default.fileExists(atPath: $0, isDirectory: &sub) && sub.boolValue
            }
            if !maildir.isEmpty {
                // Oldest first: Maildir names begin with the delivery time.
                let files = try maildir.flatMap { try regularFiles(in: $0) }.sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }
                return MailSource(kind: .maildir, path: path, storage: .files(files))
            }
            return MailSource(kind: .folder, path: path, storage: .files(try regularFiles(in: path).sorted()))
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw InputError(file: path, reason: "cannot read the file")
        }
        if data.starts(with: Array("From ".utf8)) {
            return MailSource(kind: .mbox, path: path, storage: .mbox(data, mboxRanges(data)))
        }
        return MailSource(kind: .file, path: path, storage: .files([path]))
    }

    /// A file's bytes, read straight into the array (no `Data` to copy from: a 50 MB mail
    /// would be held twice).
    static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(file: path, reason: "cannot read the file (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw InputError(file: path, reason: "cannot read the file") }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            // Into the array while it has room; then in chunks, for a file that grew.
            let count = filled < bytes.count
                ? bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
                : chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw InputError(file: path, reason: "cannot read the file (\(String(cString: strerror(errno))))")
            }
            if filled >= bytes.count { bytes += chunk[..<count] }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    private static func regularFiles(in folder: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw InputError(file: folder, reason: "cannot list the folder")
        }
        return names.filter { !$0.hasPrefix(".") }.map { (folder as NSString).appendingPathComponent($0) }.filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    /// The messages of an mbox: each starts after an envelope line (`From ` and the
    /// sender, then a date with its time of day), at the start of the file or after a
    /// blank line, and runs up to the line end before the next one. A body line that
    /// starts with `From ` is written `>From ` by mboxo and mboxrd writers; one that is
    /// not (or a stray `From here on…`) does not start a message unless it has that shape.
    static func mboxRanges(_ data: Data) -> [Range<Int>] {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> [Range<Int>] in
            let bytes = buffer.bindMemory(to: UInt8.self)
            let count = bytes.count
            var separators: [Int] = []  // offsets of the `F` of each `From ` line
            var position = 0
            while position < count {
                if bytes[position] == UInt8(ascii: "F"), position + 5 <= count,
                   bytes[position + 1] == UInt8(ascii: "r"), bytes[position + 2] == UInt8(ascii: "o"),
                   bytes[position + 3] == UInt8(ascii: "m"), bytes[position + 4] == UInt8(ascii: " "),
                   Self.followsBlankLine(bytes, position), Self.isEnvelopeLine(bytes, from: position) {
                    separators.append(position)
                }
                // On to the start of the next line.
                guard let base = bytes.baseAddress,
                      let newline = memchr(base + position, Int32(UInt8(ascii: "\n")), count - position)
                else { break }
                position = UnsafeRawPointer(newline).assumingMemoryBound(to: UInt8.self) - base + 1
            }
            return separators.indices.map { index in
                let lineEnd = (separators[index]..<count).first { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 } ?? count
                var end = index + 1 < separators.count ? separators[index + 1] : count
                // The blank line that ends a message belongs to the mbox, not the message.
                let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
                if end - lineEnd >= 4, bytes[end - 1] == newline, bytes[end - 2] == carriageReturn, bytes[end - 3] == newline {
                    end -= 2
                } else if end - lineEnd >= 2, bytes[end - 1] == newline, bytes[end - 2] == newline {
                    end -= 1
                }
                return lineEnd..<max(lineEnd, end)
            }
        }
    }

    /// At the start of the file, or after an empty line (LF or CRLF).
    static func followsBlankLine(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
        let newline = UInt8(ascii: "\n")
        if position == 0 { return true }
        guard position >= 2, bytes[position - 1] == newline else { return false }
        return bytes[position - 2] == newline || (position >= 3 && bytes[position - 2] == UInt8(ascii: "\r") && bytes[position - 3] == newline)
    }

    /// `From SENDER DATE`: a sender without spaces, then a date with a time of day
    /// (`Mon Nov  2 10:00:01 2026`), within one line of at most 1,000 bytes.
    static func isEnvelopeLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let end = min(bytes.count, start + 1_000)
        var index = start + 5
        let senderStart = index
        while index < end, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: "\n") { index += 1 }
        guard index > senderStart, index < end, bytes[index] == UInt8(ascii: " ") else { return false }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        while index + 4 < end, bytes[index] != UInt8(ascii: "\n") {
            if isDigit(bytes[index]), isDigit(bytes[index + 1]), bytes[index + 2] == UInt8(ascii: ":"), isDigit(bytes[index + 3]), isDigit(bytes[index + 4]) {
                return true
            }
            index += 1
        }
        return false
    }

    /// mboxrd: `>From `, `>>From `… lose one `>`.
    static func unescapeFromLines(_ slice: Data) -> [UInt8] {
        guard slice.firstRange(of: Data("\n>".utf8)) != nil || slice.first == UInt8(ascii: ">") else { return [UInt8](slice) }
        return MboxEnvelope.unquotingFromLines([UInt8](slice))
    }
}

/// An input file that could not be read.
public struct InputError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
}
