import Foundation
import Mustache
@testable import Templates
import Testing

/// Issue 18: a template of variables and sections renders through `PlainTemplate`, which
/// must give what swift-mustache gives, for every template shipped and for templates made
/// of the pieces its reading of lines and tags depends on.
@Suite struct PlainTemplateTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates").path

    /// What swift-mustache renders, or nil when it refuses the template.
    static func mustache(_ text: String, _ values: [String: Any]) -> String? {
        var library = MustacheLibrary()
        guard (try? library.register(text, named: "t")) != nil else { return nil }
        return library.render(values, withTemplate: "t")
    }

    /// The kinds of value the mail views hold, for any name.
    nonisolated(unsafe) static let values: [Any?] = [
        nil, "text", "", "two\nlines", 42, 0, true, false, [String](), ["a", "b"], [7, 8], [[String: Any]](),
        [["number": 7, "subject": "Disk", "high_risk": true] as [String: Any], ["number": 8, "subject": "Net", "high_risk": false]],
        ["subject": "inner"] as [String: Any],
    ]

    static func names(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            let name = rest[..<close.lowerBound].filter { !"{#^/&%}".contains($0) }
            if !name.isEmpty, name != ".", !name.contains(" ") { names.insert(String(name)) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    static func randomValues(for names: Set<String>, _ generator: inout some RandomNumberGenerator) -> [String: Any] {
        var values: [String: Any] = [:]
        for name in names {
            if let value = Self.values.randomElement(using: &generator)! { values[name] = value }
        }
        return values
    }

    @Test func everyShippedTemplateIsPlainAndRendersWhatMustacheRenders() throws {
        var generator = SystemRandomNumberGenerator()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 25)
        for file in files {
            let text = try String(contentsOfFile: "\(Self.directory)/\(file)", encoding: .utf8)
            let plain = try #require(PlainTemplate(text), "\(file)")
            let names = Self.names(in: text)
            var rendered = 0
            for _ in 0..<200 {
                let values = Self.randomValues(for: names, &generator)
                // Nil: a value it does not write (a list or a table as text), left to swift-mustache.
                guard let output = plain.render(values) else { continue }
                #expect(output == Self.mustache(text, values), "\(file)")
                rendered += 1
            }
            // Texts, numbers and yes/no for every name: rendered, and the same.
            for _ in 0..<100 {
                var values: [String: Any] = [:]
                for name in names {
                    if let value = ([nil, "text", "", "two\nlines", 42, 0, true, false] as [Any?]).randomElement(using: &generator)! {
                        values[name] = value
                    }
                }
                guard let output = plain.render(values) else { continue }  // `{{.}}` of a table, left to swift-mustache
                #expect(output == Self.mustache(text, values), "\(file)")
                rendered += 1
            }
            // A text for every name, as a view has: rendered, and the same.
            let texts = Dictionary(uniqueKeysWithValues: names.map { ($0, "value of \($0)" as Any) })
            #expect(plain.render(texts) != nil && plain.render(texts) == Self.mustache(text, texts), "\(file)")
        }
    }

    /// Templates of random pieces: the same text as swift-mustache, and none that it
    /// refuses.
    @Test func randomTemplatesOfItsPiecesRenderWhatMustacheRenders() {
        var generator = SystemRandomNumberGenerator()
        let pieces = [
            "x", "some text", " ", "  ", "\t", "\n", "\n", "{", "}", "{{a}}", "{{{a}}}", "{{&b}}", "{{.}}", "{{#a}}", "{{/a}}",
            "{{^b}}", "{{/b}}", "{{#list}}", "{{/list}}", "{{^list}}", "{{#flag}}", "{{/flag}}", "{{^flag}}", "{{n}}",
        ]
        let names: Set<String> = ["a", "b", "list", "flag", "n"]
        var compared = 0
        for _ in 0..<4_000 {
            let body = (0..<Int.random(in: 1...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let text = PlainTemplate.textPragma + body
            let expected = Self.mustache(text, [:])
            // What swift-mustache refuses is refused (nil); what this refuses is left to it.
            guard let plain = PlainTemplate(text) else { continue }
            #expect(expected != nil, "\(text.debugDescription)")
            for _ in 0..<5 {
                let values = Self.randomValues(for: names, &generator)
                guard let rendered = plain.render(values) else { continue }  // left to swift-mustache
                #expect(rendered == Self.mustache(text, values), "\(text.debugDescription) \(values)")
                compared += 1
            }
        }
        #expect(compared > 1_000)
    }

    @Test(arguments: [
        "{{a}}",  // no pragma: HTML
        "{{% CONTENT_TYPE: TEXT}}\n{{> partial}}", "{{% CONTENT_TYPE: TEXT}}\n{{! comment}}", "{{% CONTENT_TYPE: TEXT}}\n{{ a }}",
        "{{% CONTENT_TYPE: TEXT}}\n{{a.b}}", "{{% CONTENT_TYPE: TEXT}}\n{{lowercased(a)}}", "{{% CONTENT_TYPE: TEXT}}\r\n{{a}}",
        "{{% CONTENT_TYPE: TEXT}}\n{{=<% %>=}}",
    ])
    func aTemplateBeyondVariablesAndSectionsIsLeftToMustache(_ text: String) {
        #expect(PlainTemplate(text) == nil)
    }

    /// A value of another kind is left to swift-mustache too: the render is nil.
    @Test func aValueOfAnotherKindIsLeftToMustache() throws {
        let plain = try #require(PlainTemplate("{{% CONTENT_TYPE: TEXT}}\n{{a}}\n"))
        #expect(plain.render(["a": 1.5]) == nil)
        #expect(plain.render(["a": Optional<String>.none as Any]) == nil)
        #expect(plain.render(["a": "x"]) == "x\n")
    }
}
