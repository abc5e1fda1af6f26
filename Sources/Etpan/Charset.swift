import Glibc
import Synchronization

/// Charset conversion through iconv. Opening a converter loads a gconv module, which
/// costs more than converting a whole mail, so converters are kept in a pool per charset
/// and reset before reuse.
public enum CharsetConverter {
    /// Converts `bytes` from `charset` to UTF-8. Returns nil when the charset is unknown
    /// or the bytes are not valid in it.
    public static func toUTF8(_ bytes: [UInt8], from charset: String) -> String? {
        if bytes.isEmpty { return "" }
        guard let converter = pool.take(charset) else { return nil }
        defer { pool.give(converter, charset) }
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var produced = 0
        let ok = bytes.withUnsafeBufferPointer { source -> Bool in
            // iconv's signature takes `char **` for the input, which it only reads.
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: source.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = source.count
            while true {
                let outCapacity = output.count - produced
                var outLeft = outCapacity
                let result = output.withUnsafeMutableBufferPointer { target -> Int in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    return iconv(converter.handle, &inPointer, &inLeft, &outPointer, &outLeft)
                }
                produced += outCapacity - outLeft
                if result != -1 {
                    // Flush a stateful encoding (ISO-2022-JP) back to its initial state.
                    var flushLeft = output.count - produced
                    if flushLeft < 16 { output += [UInt8](repeating: 0, count: 64); flushLeft = output.count - produced }
                    let before = flushLeft
                    _ = output.withUnsafeMutableBufferPointer { target -> Int in
                        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress! + produced)
                            .assumingMemoryBound(to: CChar.self)
                        return iconv(converter.handle, nil, nil, &outPointer, &flushLeft)
                    }
                    produced += before - flushLeft
                    return true
                }
                guard errno == E2BIG else { return false }  // EILSEQ, EINVAL: not valid in this charset
                output += [UInt8](repeating: 0, count: output.count)
            }
        }
        guard ok else { return nil }
        return String(validating: output[..<produced], as: UTF8.self)
    }

    private static let pool = ConverterPool()
}

/// One iconv descriptor; only one thread uses it at a time (the pool hands it out).
private final class Converter: @unchecked Sendable {
    let handle: iconv_t

    init?(from charset: String) {
        let handle = iconv_open("UTF-8", charset)
        guard let handle, Int(bitPattern: handle) != -1 else { return nil }
        self.handle = handle
    }

    deinit { iconv_close(handle) }
}

private final class ConverterPool: Sendable {
    private let idle = Mutex<[String: [Converter]]>([:])
    /// Charsets iconv does not know, so that they are not looked up again.
    private let unknown = Mutex<Set<String>>([])

    func take(_ charset: String) -> Converter? {
        if let converter = idle.withLock({ $0[charset]?.popLast() }) { return converter }
        if unknown.withLock({ $0.contains(charset) }) { return nil }
        guard let converter = Converter(from: charset) else {
            unknown.withLock { if $0.count < 1000 { $0.insert(charset) } }
            return nil
        }
        return converter
    }

    func give(_ converter: Converter, _ charset: String) {
        // Back to the initial shift state for the next user.
        iconv(converter.handle, nil, nil, nil, nil)
        idle.withLock { pools in
            if pools[charset, default: []].count < 8 { pools[charset, default: []].append(converter) }
        }
    }
}
