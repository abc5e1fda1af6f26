import Foundation
import MailParsing
import Testing
import TicketCore
import TicketdApp
import TicketdTestSupport

/// Each fixture `NAME.eml` has `NAME.json` with the `inspect --json` values it must give
/// (a subset of the keys), plus optional `text_contains` and `text_prefix` checks.
@Suite struct FixtureTests {
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.fixtures.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func thereAreAtLeastFortyFixtures() {
        #expect(Self.names.count >= 40)
    }

    @Test(arguments: names)
    func fixtureParsesToItsExpectedValues(_ name: String) throws {
        let emlPath = RepositoryPaths.fixtures.appendingPathComponent(name + ".eml").path
        let expectedData = try Data(contentsOf: RepositoryPaths.fixtures.appendingPathComponent(name + ".json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let actualText = try Inspector.inspect(file: emlPath).serialized()
        let actual = try #require(try JSONSerialization.jsonObject(with: Data(actualText.utf8)) as? [String: Any])

        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "text_contains":
                let text = actual["text"] as? String ?? ""
                for fragment in value as? [String] ?? [] {
                    #expect(text.contains(fragment), "\(name): text lacks \(fragment.debugDescription); text is \(text.debugDescription)")
                }
            case "text_prefix":
                let text = actual["text"] as? String ?? ""
                #expect(text.hasPrefix(value as? String ?? "\u{0}"), "\(name): text is \(text.debugDescription)")
            default:
                #expect(actual.keys.contains(key), "\(name): no key \(key)")
                let got = try canonical(actual[key] ?? NSNull())
                let want = try canonical(value)
                #expect(got == want, "\(name): \(key) is \(got), expected \(want)")
            }
        }
    }

    private func canonical(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}
