public import HTTPTypes
import Logging
public import Access
public import Hummingbird
public import NIOCore
public import Storage

/// A request's context: where it came from, and who signed in.
public struct WebContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in user, once `SignInMiddleware` found one.
    public var viewer: Viewer?
    /// The browser's session: its form token guards every form.
    public var session: WebSession?
    /// A session made for this request (a proxy's user's first page): its cookie goes out.
    public var newSessionCookie: String?
    /// Signed in by an API token: no cookie, no form token.
    public var viaToken = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's address as text (`127.0.0.1`, `::1`), nil for a Unix socket or a test channel.
    public var peer: String? { remoteAddress?.ipAddress }
}
