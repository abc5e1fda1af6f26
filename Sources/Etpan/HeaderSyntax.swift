import CEtpan
import Foundation

/// A mailbox as libetpan's RFC 5322 parser found it. The display name is the raw phrase
/// (quotes removed, encoded-words still encoded) for the caller to decode.
public struct RawMailbox: Sendable, Equatable {
    public var displayName: [UInt8]?
    public var address: String
}

/// A date as written in a Date header, with its own UTC offset.
public struct RawDateTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int
    /// The offset as written: +0100 is 100, -0530 is -530.
    public var zone: Int
}

/// RFC 5322 field parsers from libetpan, for values the caller already unfolded.
public enum HeaderSyntax {
    /// Parses an address list (mailboxes and groups); group members are listed in order.
    /// Returns nil when libetpan cannot parse the value.
    public static func addressList(_ value: [UInt8]) -> [RawMailbox]? {
        withCString(CommentNesting.flattened(value) ?? value) { chars, length in
            var index = 0
            var list: UnsafeMutablePointer<mailimf_address_list>?
            guard mailimf_address_list_parse(chars, length, &index, &list) == Int32(MAILIMF_NO_ERROR), let list else {
                return nil
            }
            defer { mailimf_address_list_free(list) }
            var mailboxes: [RawMailbox] = []
            var iter = cetpan_clist_begin(list.pointee.ad_list)
            while let item = iter {
                defer { iter = cetpan_clist_next(item) }
                guard let address = cetpan_clist_content(item)?.assumingMemoryBound(to: mailimf_address.self) else { continue }
                if address.pointee.ad_type == Int32(MAILIMF_ADDRESS_MAILBOX) {
                    if let mailbox = address.pointee.ad_data.ad_mailbox { mailboxes.append(copy(mailbox)) }
                } else if let group = address.pointee.ad_data.ad_group, let members = group.pointee.grp_mb_list {
                    mailboxes.append(contentsOf: copy(members))
                }
            }
            return mailboxes
        }
    }

    /// Parses an RFC 5322 date-time. Returns nil when it does not parse.
    public static func dateTime(_ value: [UInt8]) -> RawDateTime? {
        withCString(CommentNesting.flattened(value) ?? value) { chars, length in
            var index = 0
            var date: UnsafeMutablePointer<mailimf_date_time>?
            guard mailimf_date_time_parse(chars, length, &index, &date) == Int32(MAILIMF_NO_ERROR), let date else {
                return nil
            }
            defer { mailimf_date_time_free(date) }
            let d = date.pointee
            return RawDateTime(
                year: Int(d.dt_year), month: Int(d.dt_month), day: Int(d.dt_day),
                hour: Int(d.dt_hour), minute: Int(d.dt_min), second: Int(d.dt_sec), zone: Int(d.dt_zone)
            )
        }
    }

    private static func copy(_ list: UnsafeMutablePointer<mailimf_mailbox_list>) -> [RawMailbox] {
        var mailboxes: [RawMailbox] = []
        var iter = cetpan_clist_begin(list.pointee.mb_list)
        while let item = iter {
            if let mailbox = cetpan_clist_content(item)?.assumingMemoryBound(to: mailimf_mailbox.self) {
                mailboxes.append(copy(mailbox))
            }
            iter = cetpan_clist_next(item)
        }
        return mailboxes
    }

    private static func copy(_ mailbox: UnsafeMutablePointer<mailimf_mailbox>) -> RawMailbox {
        var name: [UInt8]?
        if let display = mailbox.pointee.mb_display_name {
            name = Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(display), count: strlen(display)))
        }
        return RawMailbox(displayName: name, address: String(optionalCString: mailbox.pointee.mb_addr_spec) ?? "")
    }

    /// libetpan's parsers read a (pointer, length) pair; a NUL inside is just a byte to them.
    private static func withCString<T>(_ value: [UInt8], _ body: (UnsafePointer<CChar>, Int) -> T?) -> T? {
        var terminated = value
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                body(chars.baseAddress!, value.count)
            }
        }
    }
}
