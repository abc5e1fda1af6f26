/// How much structure a mail may have before ticketd reads it (issue 14, point 2): a mail
/// past one of these is quarantined without being parsed, since a parser that recurses or
/// loops per part, header line or byte of a line is where hostile mail aims.
public struct MessageLimits: Sendable, Equatable {
    /// MIME containers (multiparts and embedded messages) nested in one another.
    public var mimeDepth = 50
    /// MIME parts in the whole mail, the top one included.
    public var parts = 1_000
    /// Header lines in the whole mail: the top header and every part's, continuation lines
    /// counted.
    public var headerLines = 10_000
    /// Bytes in one line, without its line break. Mail transports keep lines under 1,000
    /// bytes; an HTML body written as one line can be a few hundred kilobytes.
    public var lineBytes = 512 * 1024
    /// How long one mail's parse, classification and decision may take.
    public var watchdogSeconds = 10

    public init() {}
}
