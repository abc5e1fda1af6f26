import CEtpan
import Foundation

/// How a connection is secured.
public enum ConnectionSecurity: String, Sendable, Codable, CaseIterable {
    /// Plain TCP: only for servers on the loopback or behind another tunnel.
    case none
    /// Plain TCP upgraded with STARTTLS before login.
    case starttls
    /// TLS from the first byte (IMAPS 993, SMTPS 465).
    case tls
}

/// The state of a selected mailbox.
public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var messageCount: UInt32
}

/// One message fetched by UID, its bytes copied out of libetpan's memory.
public struct FetchedMessage: Sendable {
    public var uid: UInt32
    public var raw: [UInt8]
}

/// A blocking IMAP session over libetpan. Not thread-safe: use it from one thread at a
/// time (``IMAPClient`` does that for async callers).
public final class IMAPConnection {
    private let session: UnsafeMutablePointer<mailimap>
    private let endpoint: String
    /// The folder of the last SELECT on this session.
    public private(set) var selectedMailbox: String?

    private init(session: UnsafeMutablePointer<mailimap>, endpoint: String) {
        self.session = session
        self.endpoint = endpoint
    }

    deinit {
        mailimap_free(session)
    }

    /// Opens a connection; throws `.connection` when the server is unreachable.
    /// With TLS, the server's certificate is checked (`certificates`) before this returns,
    /// so before any credential is sent; a failed check throws `.certificate`.
    public static func connect(
        host: String, port: UInt16, security: ConnectionSecurity, timeoutSeconds: Int = 60, certificates: CertificateCheck = CertificateCheck()
    ) throws -> IMAPConnection {
        EtpanRuntime.ignoreSIGPIPE()
        guard let session = mailimap_new(0, nil) else {
            throw EtpanError(kind: .other, operation: "IMAP connect", input: "\(host):\(port)", code: Int32(MAILIMAP_ERROR_MEMORY))
        }
        mailimap_set_timeout(session, time_t(timeoutSeconds))
        let connection = IMAPConnection(session: session, endpoint: "\(host):\(port)")
        let code: Int32
        switch security {
        case .tls: code = cetpan_imap_ssl_connect(session, host, port)
        case .none, .starttls: code = mailimap_socket_connect(session, host, port)
        }
        guard Self.isConnectSuccess(code) else {
            throw connection.error(.connection, "IMAP connect", input: connection.endpoint, code: code)
        }
        if security == .starttls {
            try connection.check(cetpan_imap_starttls(session, host), "IMAP STARTTLS", input: connection.endpoint, kind: .connection)
        }
        if security != .none {
            try ServerCertificate.check(cetpan_imap_stream(session), host: host, port: port, protocolName: "IMAP", check: certificates)
        }
        return connection
    }

    private static func isConnectSuccess(_ code: Int32) -> Bool {
        code == Int32(MAILIMAP_NO_ERROR) || code == Int32(MAILIMAP_NO_ERROR_AUTHENTICATED)
            || code == Int32(MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
    }

    public func login(user: String, password: String) throws {
        let code = mailimap_login(session, user, password)
        guard code == Int32(MAILIMAP_NO_ERROR) else {
            let kind: EtpanError.Kind = code == Int32(MAILIMAP_ERROR_LOGIN) ? .authentication : Self.kind(of: code)
            throw error(kind, "IMAP LOGIN", input: "user \(user) at \(endpoint)", code: code)
        }
        // Refresh capabilities: many servers announce more after login.
        var capabilities: UnsafeMutablePointer<mailimap_capability_data>?
        if mailimap_capability(session, &capabilities) == Int32(MAILIMAP_NO_ERROR), let capabilities {
            mailimap_capability_data_free(capabilities)
        }
    }

    public func hasCapability(_ name: String) -> Bool {
        mailimap_has_extension(session, name) != 0
    }

    public var supportsIdle: Bool { mailimap_has_idle(session) != 0 }

    @discardableResult
    public func select(_ mailbox: String) throws -> MailboxStatus {
        try check(mailimap_select(session, mailbox), "IMAP SELECT", input: mailbox)
        selectedMailbox = mailbox
        guard let info = cetpan_imap_selection(session) else {
            throw EtpanError(kind: .parse, operation: "IMAP SELECT", input: mailbox, code: 0, serverResponse: "no selection data")
        }
        return MailboxStatus(
            uidValidity: info.pointee.sel_uidvalidity,
            uidNext: info.pointee.sel_uidnext,
            messageCount: info.pointee.sel_exists
        )
    }

    public func create(_ mailbox: String) throws {
        try check(mailimap_create(session, mailbox), "IMAP CREATE", input: mailbox)
    }

    /// UIDs of the selected mailbox greater than `afterUID`, ascending.
    public func uidSearch(after afterUID: UInt32) throws -> [UInt32] {
        // The key owns the set: freeing the key frees both.
        let key = cetpan_search_key_uid(mailimap_set_new_interval(afterUID &+ 1, 0))
        defer { mailimap_search_key_free(key) }
        var result: UnsafeMutablePointer<clist>?
        try check(mailimap_uid_search(session, nil, key, &result), "IMAP UID SEARCH", input: "UID \(afterUID &+ 1):* in \(selected)")
        defer { if let result { mailimap_search_result_free(result) } }
        var uids: [UInt32] = []
        var iter = cetpan_clist_begin(result)
        while let item = iter {
            if let value = cetpan_clist_content(item)?.assumingMemoryBound(to: UInt32.self).pointee, value > afterUID {
                uids.append(value)
            }
            iter = cetpan_clist_next(item)
        }
        return uids.sorted()
    }

    /// Fetches the whole raw messages (`BODY.PEEK[]`, which leaves `\Seen` alone) in one
    /// command for the given UIDs.
    public func fetch(uids: [UInt32]) throws -> [FetchedMessage] {
        guard !uids.isEmpty else { return [] }
        let messages = try fetchBodies(uids: uids) { mailimap_fetch_att_new_body_peek_section(mailimap_section_new(nil)) }
        // Keep only what was asked for: a server may add unsolicited FETCH responses.
        let wanted = Set(uids)
        return messages.filter { wanted.contains($0.uid) }.sorted { $0.uid < $1.uid }
    }

    /// One message fetched in pieces of `piece` bytes (`BODY.PEEK[]<offset.length>`), so
    /// that libetpan never holds more than a piece of a large mail: its buffers would
    /// otherwise hold the whole mail twice. Nil when the server has no such message.
    public func fetch(uid: UInt32, size: Int, piece: Int) throws -> FetchedMessage? {
        var raw: [UInt8] = []
        raw.reserveCapacity(size)
        while true {
            let part = try fetchPiece(uid: uid, offset: raw.count, length: piece)
            guard let part else { return raw.isEmpty ? nil : FetchedMessage(uid: uid, raw: raw) }
            raw += part.raw
            if part.raw.count < piece { return FetchedMessage(uid: uid, raw: raw) }
        }
    }

    /// The first `bytes` bytes of a message (BODY.PEEK[]<0.bytes>): its header, for a mail
    /// too large to take in whole.
    public func fetchHead(uid: UInt32, bytes: Int) throws -> FetchedMessage? {
        try fetchPiece(uid: uid, offset: 0, length: bytes)
    }

    /// `length` bytes of one message from `offset` (BODY.PEEK[]<offset.length>).
    private func fetchPiece(uid: UInt32, offset: Int, length: Int) throws -> FetchedMessage? {
        try fetchBodies(uids: [uid]) {
            mailimap_fetch_att_new_body_peek_section_partial(mailimap_section_new(nil), UInt32(clamping: offset), UInt32(clamping: length))
        }.first { $0.uid == uid }
    }

    /// UID FETCH of the UIDs with the body attribute `body` (a whole or partial section).
    private func fetchBodies(uids: [UInt32], body: () -> UnsafeMutablePointer<mailimap_fetch_att>?) throws -> [FetchedMessage] {
        var messages: [FetchedMessage] = []
        try uidFetch(uids, attribute: body(), command: "IMAP UID FETCH") { uid, attribute in
            guard Int(attribute.pointee.att_type) == MAILIMAP_MSG_ATT_BODY_SECTION,
                  let section = attribute.pointee.att_data.att_body_section
            else { return }
            let length = section.pointee.sec_length
            let raw = section.pointee.sec_body_part.map { length > 0 ? Array(UnsafeRawBufferPointer(start: $0, count: length)) : [] } ?? []
            messages.append(FetchedMessage(uid: uid, raw: raw))
        }
        return messages
    }

    /// The size in bytes (RFC822.SIZE) of each of the given UIDs, by UID, so that a
    /// caller can fetch in batches of bounded memory.
    public func sizes(uids: [UInt32]) throws -> [UInt32: Int] {
        guard !uids.isEmpty else { return [:] }
        var sizes: [UInt32: Int] = [:]
        try uidFetch(uids, attribute: mailimap_fetch_att_new_rfc822_size(), command: "IMAP UID FETCH RFC822.SIZE") { uid, attribute in
            if Int(attribute.pointee.att_type) == MAILIMAP_MSG_ATT_RFC822_SIZE {
                sizes[uid] = Int(attribute.pointee.att_data.att_rfc822_size)
            }
        }
        return sizes
    }

    /// UID FETCH of `UID` and one more attribute; `visit` gets each message's UID and its
    /// static attributes other than the UID.
    private func uidFetch(
        _ uids: [UInt32], attribute: UnsafeMutablePointer<mailimap_fetch_att>?, command: String,
        _ visit: (UInt32, UnsafeMutablePointer<mailimap_msg_att_static>) -> Void
    ) throws {
        let set = Self.makeSet(uids)
        defer { mailimap_set_free(set) }
        let fetchType = mailimap_fetch_type_new_fetch_att_list_empty()
        defer { mailimap_fetch_type_free(fetchType) }
        mailimap_fetch_type_new_fetch_att_list_add(fetchType, mailimap_fetch_att_new_uid())
        mailimap_fetch_type_new_fetch_att_list_add(fetchType, attribute)

        var result: UnsafeMutablePointer<clist>?
        try check(mailimap_uid_fetch(session, set, fetchType, &result), command, input: "\(Self.describe(uids)) in \(selected)")
        defer { if let result { mailimap_fetch_list_free(result) } }

        var iter = cetpan_clist_begin(result)
        while let item = iter {
            defer { iter = cetpan_clist_next(item) }
            guard let attributes = cetpan_clist_content(item)?.assumingMemoryBound(to: mailimap_msg_att.self) else { continue }
            var uid: UInt32 = 0
            var others: [UnsafeMutablePointer<mailimap_msg_att_static>] = []
            var attIter = cetpan_clist_begin(attributes.pointee.att_list)
            while let attItem = attIter {
                defer { attIter = cetpan_clist_next(attItem) }
                guard let att = cetpan_clist_content(attItem)?.assumingMemoryBound(to: mailimap_msg_att_item.self),
                      att.pointee.att_type == Int32(MAILIMAP_MSG_ATT_ITEM_STATIC),
                      let staticAtt = att.pointee.att_data.att_static
                else { continue }
                if Int(staticAtt.pointee.att_type) == MAILIMAP_MSG_ATT_UID {
                    uid = staticAtt.pointee.att_data.att_uid
                } else {
                    others.append(staticAtt)
                }
            }
            // The UID may come after the other attributes in a response.
            if uid != 0 { for attribute in others { visit(uid, attribute) } }
        }
    }

    /// Adds `\Seen` to the given UIDs.
    public func markSeen(uids: [UInt32]) throws {
        guard !uids.isEmpty else { return }
        let set = Self.makeSet(uids)
        defer { mailimap_set_free(set) }
        let flags = mailimap_flag_list_new_empty()
        mailimap_flag_list_add(flags, mailimap_flag_new_seen())
        let store = mailimap_store_att_flags_new_add_flags_silent(flags)  // takes `flags`
        defer { mailimap_store_att_flags_free(store) }
        try check(mailimap_uid_store(session, set, store), "IMAP UID STORE +FLAGS (\\Seen)", input: "\(Self.describe(uids)) in \(selected)")
    }

    /// Moves the given UIDs to `mailbox`: UID MOVE where the server has it (and
    /// `allowMoveCommand` is true), else UID COPY, `\Deleted` and (UID) EXPUNGE.
    public func move(uids: [UInt32], to mailbox: String, allowMoveCommand: Bool = true) throws {
        guard !uids.isEmpty else { return }
        let set = Self.makeSet(uids)
        defer { mailimap_set_free(set) }
        let input = "\(Self.describe(uids)) from \(selected) to \(mailbox)"
        if allowMoveCommand, hasCapability("MOVE") {
            try check(mailimap_uid_move(session, set, mailbox), "IMAP UID MOVE", input: input)
            return
        }
        try check(mailimap_uid_copy(session, set, mailbox), "IMAP UID COPY", input: input)
        let flags = mailimap_flag_list_new_empty()
        mailimap_flag_list_add(flags, mailimap_flag_new_deleted())
        let store = mailimap_store_att_flags_new_add_flags_silent(flags)
        defer { mailimap_store_att_flags_free(store) }
        try check(mailimap_uid_store(session, set, store), "IMAP UID STORE +FLAGS (\\Deleted)", input: input)
        if hasCapability("UIDPLUS") {
            try check(mailimap_uid_expunge(session, set), "IMAP UID EXPUNGE", input: input)
        } else {
            try check(mailimap_expunge(session), "IMAP EXPUNGE", input: input)
        }
    }

    /// Appends a message to `mailbox` (used by tests, the benchmark and the demo).
    public func append(_ raw: [UInt8], to mailbox: String) throws {
        let code = raw.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                mailimap_append_simple(session, mailbox, chars.baseAddress, raw.count)
            }
        }
        try check(code, "IMAP APPEND", input: "\(raw.count) bytes to \(mailbox)")
    }

    /// IDLE until the server says something, `timeoutSeconds` pass, or `wakeDescriptor`
    /// becomes readable (another thread's way to cut the wait short). True when the
    /// server spoke: new mail, most likely.
    public func idle(timeoutSeconds: Int, wakeDescriptor: Int32) throws -> Bool {
        try check(mailimap_idle(session), "IMAP IDLE", input: selected)
        // The server reports what came since the last command right after "+ idling";
        // when that arrived in the same read, it already sits in libetpan's buffer and
        // the socket stays quiet.
        let buffered = session.pointee.imap_stream.map { $0.pointee.read_buffer_len > 0 } ?? false
        let ready = buffered
            ? 1 : cetpan_poll_readable_or_woken(mailimap_idle_get_fd(session), wakeDescriptor, Int32(min(timeoutSeconds, 1_000_000) * 1000))
        try check(mailimap_idle_done(session), "IMAP DONE", input: selected)
        return ready == 1
    }

    public func noop() throws {
        try check(mailimap_noop(session), "IMAP NOOP", input: endpoint)
    }

    public func logout() {
        _ = mailimap_logout(session)
    }

    // MARK: - Helpers

    private var selected: String { selectedMailbox ?? "(no mailbox)" }

    private static func makeSet(_ uids: [UInt32]) -> UnsafeMutablePointer<mailimap_set> {
        let set = mailimap_set_new_empty()!
        for range in contiguousRanges(uids) {
            if range.lowerBound == range.upperBound {
                mailimap_set_add_single(set, range.lowerBound)
            } else {
                mailimap_set_add_interval(set, range.lowerBound, range.upperBound)
            }
        }
        return set
    }

    /// Collapses sorted UIDs into closed ranges so that a batch is a short command.
    static func contiguousRanges(_ uids: [UInt32]) -> [ClosedRange<UInt32>] {
        var ranges: [ClosedRange<UInt32>] = []
        for uid in Set(uids).sorted() {
            if let last = ranges.last, last.upperBound &+ 1 == uid {
                ranges[ranges.count - 1] = last.lowerBound...uid
            } else {
                ranges.append(uid...uid)
            }
        }
        return ranges
    }

    private static func describe(_ uids: [UInt32]) -> String {
        let ranges = contiguousRanges(uids).map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound):\($0.upperBound)" }
        let shown = ranges.prefix(5).joined(separator: ",")
        return "UID " + (ranges.count > 5 ? shown + ",…" : shown)
    }

    private static func kind(of code: Int32) -> EtpanError.Kind {
        switch Int(code) {
        case MAILIMAP_ERROR_STREAM, MAILIMAP_ERROR_CONNECTION_REFUSED, MAILIMAP_ERROR_SSL, MAILIMAP_ERROR_STARTTLS,
             MAILIMAP_ERROR_BAD_STATE:
            return .connection
        case MAILIMAP_ERROR_PARSE:
            return .parse
        case MAILIMAP_ERROR_LOGIN:
            return .authentication
        case MAILIMAP_ERROR_MEMORY, MAILIMAP_ERROR_EXTENSION:
            return .other
        default:
            return .refused
        }
    }

    private func check(_ code: Int32, _ operation: String, input: String, kind: EtpanError.Kind? = nil) throws {
        guard code == Int32(MAILIMAP_NO_ERROR) else {
            throw error(kind ?? Self.kind(of: code), operation, input: input, code: code)
        }
    }

    private func error(_ kind: EtpanError.Kind, _ operation: String, input: String, code: Int32) -> EtpanError {
        EtpanError(
            kind: kind, operation: operation, input: input, code: code,
            serverResponse: String(optionalCString: cetpan_imap_response(session))
        )
    }
}
