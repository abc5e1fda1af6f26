import Foundation

public enum FilePaths {
    /// The folder of a file: `URL(fileURLWithPath: path).deletingLastPathComponent().path`,
    /// read from the text when the path is absolute and plain (no `.`, `..`, `//` or
    /// trailing `/`), as the database's and the config's paths are: URL's first use made
    /// the runtime look up two conformances, in every one-shot command.
    public static func folder(of path: String) -> String {
        let plain = path.hasPrefix("/") && !path.hasSuffix("/") && !path.contains("//")
            && !path.contains("/./") && !path.contains("/../") && !path.hasSuffix("/.") && !path.hasSuffix("/..")
        guard plain, let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else {
            return URL(fileURLWithPath: path).deletingLastPathComponent().path
        }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }
}
