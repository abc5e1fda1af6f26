import Foundation
import MailParsing

/// Standard input could not be read: not the mail's fault, so the MTA should try again.
public struct StandardInputError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "cannot read standard input (\(reason))" }
}

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
            let bytes = try readStandardInput()
            // Outsider attack: nothing on standard input became a ticket from nobody.
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else {
                throw InputError(file: "standard input", reason: "holds no message (\(bytes.count) bytes, none but blanks)")
            }
            return MailSource(kind: .standardInput, path: "standard input", storage: .bytes(bytes))
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

    /// Standard input to its end. A read that fails (a closed descriptor, a folder given
    /// as input) throws, so that the MTA keeps the mail and tries again; FileHandle's
    /// reading ended the process there (outsider attack).
    static func readStandardInput() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count == 0 { return bytes }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw StandardInputError(reason: String(cString: strerror(errno)))
            }
            bytes += chunk[..<count]
        }
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

    /// The messages of an mbox: each starts after an envelope line
    /// (`MboxEnvelope.startsMessage`) and runs up to the line end before the next one.
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
                   MboxEnvelope.startsMessage(bytes, at: position) {
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
