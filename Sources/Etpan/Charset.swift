import CEtpan

/// Charset conversion through libetpan's iconv wrapper.
public enum CharsetConverter {
    /// Converts `bytes` from `charset` to UTF-8. Returns nil when the charset is unknown
    /// or the bytes are not valid in it.
    public static func toUTF8(_ bytes: [UInt8], from charset: String) -> String? {
        if bytes.isEmpty { return "" }
        var result: UnsafeMutablePointer<CChar>?
        var resultLength = 0
        let code = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                charconv_buffer("UTF-8", charset, chars.baseAddress, bytes.count, &result, &resultLength)
            }
        }
        guard code == Int32(MAIL_CHARCONV_NO_ERROR), let result else { return nil }
        defer { charconv_buffer_free(result) }
        let converted = UnsafeRawBufferPointer(start: UnsafeRawPointer(result), count: resultLength)
        return String(validating: converted, as: UTF8.self)
    }
}
