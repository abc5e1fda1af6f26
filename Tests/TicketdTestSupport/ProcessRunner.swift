public import Foundation

/// The result of running a program to completion.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum ProcessRunner {
    /// Runs `executable` with `arguments`, waits for it, and returns its output. Output is
    /// collected through files so that a child left running cannot block the reader.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil
    ) throws -> ProcessResult {
        let directory = try TemporaryDirectory(prefix: "ticketd-run")
        defer { directory.remove() }
        let outPath = directory.file("stdout"), errPath = directory.file("stderr")
        let stdinPath = stdin.map { data in
            let path = directory.file("stdin")
            _ = FileManager.default.createFile(atPath: path, contents: data)
            return path
        }
        let process = try start(executable, arguments, environment: environment, stdin: stdinPath, stdout: outPath, stderr: errPath)
        process.waitUntilExit()
        let out = String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self)
        let err = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return ProcessResult(status: process.terminationStatus, stdout: out, stderr: err)
    }

    /// Starts `executable` in the background, its input read from the file `stdin` (else
    /// nothing) and its output written to the files `stdout` and `stderr` (else dropped).
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        stdout: String? = nil, stderr: String? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        process.standardOutput = try stdout.map(Self.output) ?? FileHandle.nullDevice
        process.standardError = try stderr.map(Self.output) ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func output(_ path: String) throws -> FileHandle {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }
}
