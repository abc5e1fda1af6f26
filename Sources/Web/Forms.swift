public import Foundation
public import Hummingbird

/// `application/x-www-form-urlencoded` bodies and query strings: the first value of each name.
public enum Forms {
    public static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            let value = parts.count > 1 ? decode(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The request's form, read whole (at most 1 MB): the body of a POST.
    public static func read(_ request: inout Request) async throws -> [String: String] {
        let buffer = try await request.collectBody(upTo: 1_048_576)
        return fields(String(buffer: buffer))
    }

    /// Text for a URL's query: letters, digits and `-._~` as they are.
    public static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
