public import Foundation

/// `ticketd serve` or `ticketd run --serve` started in the background on a free loopback
/// port (the config's `[web] listen` must say port 0), and the address it said it listens on.
public final class WebProcess {
    private let process: Process
    private let stderrPath: String
    public let baseURL: String
    public let port: UInt16

    public struct StartError: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "the web server did not start: \(output)" }
    }

    public init(arguments: [String], directory: TemporaryDirectory, environment: [String: String] = [:]) throws {
        stderrPath = directory.file("web-stderr-\(UUID().uuidString)")
        process = try ProcessRunner.start(RepositoryPaths.ticketdBinary, arguments, environment: environment, stderr: stderrPath)
        let deadline = Date().addingTimeInterval(20)
        var found: (String, UInt16)?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"ticketd\.url=http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let url = String(text[range].dropFirst("ticketd.url=".count).dropLast())
                found = (url, UInt16(url.split(separator: ":").last!)!)
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        guard let (url, port) = found else {
            if process.isRunning { process.terminate() }
            throw StartError(output: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
        }
        baseURL = url
        self.port = port
    }

    deinit { if process.isRunning { process.terminate() } }

    public var isRunning: Bool { process.isRunning }
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, then the exit status (nil when it had to be killed after `seconds`).
    public func stop(within seconds: TimeInterval = 10) -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        let signalled = Date()
        while process.isRunning, Date().timeIntervalSince(signalled) < seconds { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }
}

/// A small blocking HTTP/1.1 client for the tests: one connection per request, no
/// redirect followed, cookies only as the test sends them.
public enum HTTPTestClient {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: Data

        public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        public func headers(_ name: String) -> [String] { headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value) }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func request(
        _ method: String, port: UInt16, path: String, headers: [(String, String)] = [], body: Data = Data()
    ) throws -> Response {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to port \(port): \(errno)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { head += "Content-Length: \(body.count)\r\n" }
        let request = Data((head + "\r\n").utf8) + body
        try request.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let count = send(socket, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                guard count > 0 else { throw Failure(description: "send: \(errno)") }
                sent += count
            }
        }
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &chunk, chunk.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: chunk[0..<count])
        }
        return try parse(received)
    }

    static func parse(_ data: Data) throws -> Response {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(description: "no response head in \(data.count) bytes") }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Data(data[end.upperBound...])
        if headers.contains(where: { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased().contains("chunked") }) {
            var decoded = Data()
            var rest = body[...]
            while let lineEnd = rest.range(of: Data("\r\n".utf8)),
                  let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0], radix: 16), size > 0 {
                let start = lineEnd.upperBound
                decoded.append(rest[start..<(start + size)])
                rest = rest[(start + size + 2)...]
            }
            body = decoded
        }
        return Response(status: status, headers: headers, body: body)
    }
}
