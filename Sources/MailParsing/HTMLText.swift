/// Extracts readable text from an HTML body: drops tags, comments, `<script>`, `<style>`
/// and `<head>`, turns block ends and `<br>` into line breaks, decodes entities and folds
/// runs of spaces. Linear in the input; no HTML engine needed for mail.
enum HTMLText {
    private static let blockTags: Set<String> = [
        "p", "/p", "div", "/div", "br", "tr", "/tr", "li", "/li", "h1", "h2", "h3", "h4", "h5", "h6",
        "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "table", "/table", "blockquote", "/blockquote", "hr", "ul", "/ul",
        "ol", "/ol", "pre", "/pre",
    ]
    private static let skippedContent: Set<String> = ["script", "style", "head", "title"]

    static func extract(_ html: String) -> String {
        let scalars = Array(html.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        var skipUntil: String?

        func appendNewline() {
            // Trim spaces before a line break and keep at most one blank line.
            while let last = output.last, last == " " { output.removeLast() }
            let tail = output.suffix(2)
            if tail.count == 2, tail.allSatisfy({ $0 == "\n" }) { return }
            if !output.isEmpty { output.append("\n") }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<" {
                if matches(scalars, at: index, "<!--") {
                    index = find(scalars, "-->", from: index + 4).map { $0 + 3 } ?? scalars.count
                    continue
                }
                let end = find(scalars, ">", from: index + 1) ?? scalars.count
                let tag = tagName(scalars[(index + 1)..<min(end, scalars.count)])
                index = min(end + 1, scalars.count)
                if let skipped = skipUntil {
                    if tag == "/" + skipped { skipUntil = nil }
                    continue
                }
                if skippedContent.contains(tag) {
                    skipUntil = tag
                } else if blockTags.contains(tag) {
                    appendNewline()
                }
                continue
            }
            if skipUntil != nil {
                index += 1
                continue
            }
            if scalar == "&", let (decoded, length) = entity(scalars, at: index) {
                output.append(contentsOf: decoded.unicodeScalars)
                index += length
                continue
            }
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                if let last = output.last, last != " ", last != "\n" { output.append(" ") }
            } else {
                output.append(scalar)
            }
            index += 1
        }
        var text = String(output)
        while text.hasSuffix(" ") || text.hasSuffix("\n") { text.removeLast() }
        while text.hasPrefix("\n") || text.hasPrefix(" ") { text.removeFirst() }
        return text.isEmpty ? text : text + "\n"
    }

    private static func matches(_ scalars: [Unicode.Scalar], at index: Int, _ literal: String) -> Bool {
        var position = index
        for character in literal.unicodeScalars {
            guard position < scalars.count, scalars[position] == character else { return false }
            position += 1
        }
        return true
    }

    private static func find(_ scalars: [Unicode.Scalar], _ literal: String, from start: Int) -> Int? {
        guard let first = literal.unicodeScalars.first else { return nil }
        var index = start
        while index < scalars.count {
            if scalars[index] == first, matches(scalars, at: index, literal) { return index }
            index += 1
        }
        return nil
    }

    private static func tagName(_ inside: ArraySlice<Unicode.Scalar>) -> String {
        var name = String.UnicodeScalarView()
        for scalar in inside {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == ">" { if !name.isEmpty { break } else { continue } }
            if scalar == "/" && !name.isEmpty { break }
            name.append(scalar)
        }
        return String(name).lowercased()
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "eacute": "é", "egrave": "è",
        "ecirc": "ê", "agrave": "à", "aacute": "á", "acirc": "â", "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä",
        "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "ccedil": "ç", "iacute": "í", "oacute": "ó", "uacute": "ú",
        "ntilde": "ñ", "euro": "€", "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "bull": "•", "middot": "·", "deg": "°", "times": "×",
        "Eacute": "É", "aring": "å", "Aring": "Å", "oslash": "ø", "Oslash": "Ø", "aelig": "æ", "AElig": "Æ",
    ]

    /// Decodes `&name;`, `&#123;` or `&#x1F;` at `index`; nil leaves the ampersand as text.
    private static func entity(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        var end = index + 1
        while end < scalars.count, end - index <= 10, scalars[end] != ";" { end += 1 }
        guard end < scalars.count, scalars[end] == ";" else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
        let length = end - index + 1
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(scalar), length)
        }
        guard let decoded = namedEntities[body] else { return nil }
        return (decoded, length)
    }
}
