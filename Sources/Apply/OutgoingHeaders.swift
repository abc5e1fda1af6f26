import Screening
import TicketCore

/// The header fields every automatic mail of ours carries (RFC 3834, Microsoft's
/// suppression header, and our loop marker).
enum OutgoingHeaders {
    static func automatic(instance: String) -> [HeaderField] {
        [
            HeaderField(name: "Auto-Submitted", value: "auto-replied"),
            HeaderField(name: "X-Auto-Response-Suppress", value: "All"),
            HeaderField(name: "Precedence", value: "bulk"),
            HeaderField(name: Screener.loopHeaderName, value: instance),
        ]
    }
}
