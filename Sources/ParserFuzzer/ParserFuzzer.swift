import Foundation
import MailParsing
import Screening
import TicketCore

/// The fuzzing entry: every input goes through the whole parsing path that the worker
/// and `inspect` use. Built with `-sanitize=fuzzer -D FUZZING` (deploy/fuzz.sh) libFuzzer
/// drives it; a normal build makes a replay tool that runs files through it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let message = MessageParser.parse(Array(UnsafeBufferPointer(start: data, count: size)))
    _ = Screener().automaticReason(message)
    _ = message.date?.iso8601
    _ = MailCommandParser.parse(message.text ?? "")
    return 0
}

#if FUZZING
// SwiftPM links an executable's entry point as `<Target>_main`; under libFuzzer that entry
// hands over to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("ParserFuzzer_main")
func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
@main
enum ParserFuzzerReplay {
    /// `ParserFuzzer FILE…`: runs each file once (crash inputs, the corpus).
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(66)
            }
            let bytes = [UInt8](data)
            _ = bytes.withUnsafeBufferPointer { fuzzOneInput($0.baseAddress, $0.count) }
        }
        print("replayed \(CommandLine.arguments.count - 1) input(s)")
    }
}
#endif
