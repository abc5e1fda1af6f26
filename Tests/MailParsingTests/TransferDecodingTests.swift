import Etpan
import Foundation
import Testing

@Suite struct TransferDecodingTests {
    /// Wrapped at 76 with CRLF, as mail carries it: the same bytes as Foundation decodes.
    @Test func base64AgreesWithFoundation() {
        var state: UInt64 = 12
        for length in [0, 1, 2, 3, 4, 57, 58, 59, 1000, 65_537] {
            let bytes = (0..<length).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
            let encoded = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let decoded = Array(encoded.utf8).withUnsafeBytes { TransferDecoding.base64($0) }
            #expect(decoded == bytes, "length \(length)")
        }
    }

    @Test(arguments: [
        ("aGVsbG8=", "hello"), ("aGVs\r\nbG8=\r\n", "hello"), ("aGVsbG8", "hello"), ("aGVsbA", "hell"), ("aGV sbG8 =", "hello"),
        ("aGVsbG8=trailing", "hello"), ("!!aGk=", "hi"),
    ])
    func base64IsLenientAsMailReadersAre(_ input: String, _ expected: String) {
        #expect(Array(input.utf8).withUnsafeBytes { TransferDecoding.base64($0) } == Array(expected.utf8))
    }
}
