import HTTPTypes
import Logging
import Access
import Foundation
public import Hummingbird
import Storage

/// Who is asking: a trusted proxy's user, a session's, or an API token's; else a page
/// sends the browser to the sign-in page and the API answers 401. A form (any POST but
/// the sign-in's own) must carry its session's token, else 403.
struct SignInMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let services: WebServer.Services

    static let sessionCookie = "ticketd_session"
    static let loginCookie = "ticketd_login"

    /// Paths anyone may ask for.
    static func isPublic(_ path: String) -> Bool {
        path == "/healthz" || path == "/login" || path == "/static/ticketd.css"
    }

    /// The API and the metrics answer 401 rather than send a browser to a page.
    static func isMachinePath(_ path: String) -> Bool {
        path == "/metrics" || path.hasPrefix("/api/")
    }

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.isPublic(path) { return try await next(request, context) }
        if path == "/metrics", request.headers[.authorization] == nil,
           Access.metricsOpen(
               peer: context.peer, trustedProxies: services.settings.trustedProxies,
               forwarded: Access.proxyHeaders.contains { HTTPField.Name($0).map { request.headers[$0] != nil } ?? false }
           ) {
            return try await next(request, context)
        }
        var context = context
        let settings = services.settings
        let store = services.store
        let now = services.now()

        if let header = HTTPField.Name(settings.proxyUserHeader), let value = request.headers[header],
           Access.proxyRefusal(peer: context.peer, header: value, trustedProxies: settings.trustedProxies) == nil {
            context.viewer = settings.viewer(name: value.lowercased(), address: value)
            // The proxy's user gets a session of ours too: it carries the form token.
            let session = try cookieSession(request, at: now).flatMap { $0.address == value.lowercased() ? $0 : nil }
            context.session = try session ?? newSession(user: value.lowercased(), address: value.lowercased(), context: &context, host: request.head.authority, now: now)
        } else if let session = try cookieSession(request, at: now) {
            context.viewer = settings.viewer(name: session.user, address: session.address)
            context.session = session
        } else if Self.isMachinePath(path), let token = bearerToken(request), let user = try store.userOfToken(hash: WebSecrets.storedHash(token), at: now) {
            context.viewer = settings.viewer(name: user.name, address: user.address)
            context.viaToken = true
        }

        guard context.viewer != nil else {
            if Self.isMachinePath(path) {
                return Response(
                    status: .unauthorized, headers: [.contentType: "application/json", .wwwAuthenticate: "Bearer realm=\"ticketd\""],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"sign in first: an API token in Authorization: Bearer"}"#))
                )
            }
            let next = request.method == .get ? path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
            return WebServer.redirect("/login?next=" + Forms.encode(next))
        }
        if request.method == .post, !context.viaToken {
            var request = request
            let form = try await Forms.read(&request)
            guard let session = context.session, Access.formTokenMatches(form["csrf"], session.csrfToken) else {
                return WebServer.plain(.forbidden, "This form is out of date or did not come from this site: go back, reload the page and try again.")
            }
            context.logger[metadataKey: "ticketd.web-user"] = "\(context.viewer?.name ?? "")"
            request.body = RequestBody(buffer: ByteBuffer(string: Self.encodeForm(form)))
            return try await next(request, context)
        }
        return try await next(request, context)
    }

    func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    func cookieSession(_ request: Request, at now: Date) throws -> WebSession? {
        guard let id = Self.cookie(Self.sessionCookie, in: request) else { return nil }
        return try services.store.session(idHash: WebSecrets.storedHash(id), at: now)
    }

    func newSession(user: String, address: String, context: inout WebContext, host: String?, now: Date) throws -> WebSession {
        let (session, cookie) = try SignInRoutes.startSession(user: user, address: address, services: services, host: host, now: now)
        context.newSessionCookie = cookie
        return session
    }

    /// A cookie's value from the request's Cookie headers.
    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == name { return String(parts[1]) }
            }
        }
        return nil
    }

    static func encodeForm(_ form: [String: String]) -> String {
        form.map { Forms.encode($0.key) + "=" + Forms.encode($0.value) }.joined(separator: "&")
    }
}

/// `/login` and `/logout`.
struct SignInRoutes {
    let services: WebServer.Services

    func add(to router: Router<WebContext>) {
        router.get("/login") { request, context in login(request, context: context, error: nil) }
        router.post("/login") { request, context in try await signIn(request, context: context) }
        router.post("/logout") { request, context in
            if let id = SignInMiddleware.cookie(SignInMiddleware.sessionCookie, in: request) {
                try services.store.deleteSession(idHash: WebSecrets.storedHash(id))
            }
            return WebServer.redirect("/login", cookies: ["\(SignInMiddleware.sessionCookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"])
        }
    }

    /// The sign-in form, with its form token in a cookie of its own (no session yet). A
    /// token the browser has is kept: a page open in another tab, or the browser's own
    /// fetch of a protected path (its favicon), must not make the form out of date.
    func login(_ request: Request, context: WebContext, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let held = SignInMiddleware.cookie(SignInMiddleware.loginCookie, in: request)
        let token = held.flatMap { WebSecrets.isLoginToken($0) ? $0 : nil } ?? WebSecrets.newLoginToken()
        let next = Forms.fields(request.uri.query ?? "")["next"] ?? "/"
        var values: [String: Any] = ["loginToken": token, "next": next]
        if let error { values["error"] = error }
        var response = services.pages.render("login", title: "Sign in", values: values, context: context, settings: services.settings, status: status)
        response.headers.append(HTTPField(
            name: .setCookie, value: Access.sessionCookie(name: SignInMiddleware.loginCookie, value: token, maxAge: 3600, host: request.head.authority)
        ))
        return response
    }

    func signIn(_ request: Request, context: WebContext) async throws -> Response {
        var request = request
        let form = try await Forms.read(&request)
        // The form's token must be the cookie's, and one this server made: a pair planted
        // by someone else (a sibling site setting cookies) does not sign anyone in.
        guard let loginToken = SignInMiddleware.cookie(SignInMiddleware.loginCookie, in: request), WebSecrets.isLoginToken(loginToken),
              Access.formTokenMatches(form["csrf"], loginToken) else {
            return WebServer.plain(.forbidden, "This form is out of date or did not come from this site: go back, reload the page and try again.")
        }
        let name = form["name"] ?? ""
        let password = form["password"] ?? ""
        let now = services.now()
        let store = services.store
        let since = now.addingTimeInterval(-Access.throttleWindow)
        let keys = ["name:" + name.lowercased(), "client:" + (context.peer ?? "unknown")]
        if let refusal = Access.throttleRefusal(
            failuresForName: try store.loginFailures(key: keys[0], since: since), failuresForClient: try store.loginFailures(key: keys[1], since: since)
        ) {
            return login(request, context: context, error: refusal, status: .tooManyRequests)
        }
        let user = try store.user(named: name)
        // An unknown name costs the same bcrypt as a known one: the time tells no names.
        let verified = await WebSecrets.verifyPassword(password, hash: user?.passwordHash ?? Self.decoyHash)
        guard let user, verified else {
            try store.recordLoginFailure(keys: keys, at: now)
            context.logger.notice("failed sign-in", metadata: ["ticketd.web-user": "\(Access.loggable(name))", "ticketd.client": "\(context.peer ?? "")"])
            return login(request, context: context, error: "Wrong name or password.", status: .unauthorized)
        }
        let (_, cookie) = try Self.startSession(user: user.name, address: user.address, services: services, host: request.head.authority, now: now)
        context.logger.info("signed in", metadata: ["ticketd.web-user": "\(user.name)"])
        return WebServer.redirect(Self.safeNext(form["next"]), cookies: [cookie])
    }

    /// Where to go after signing in: a path of this site only (`/…`, not `//host`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return "/" }
        return next
    }

    /// A new session and its cookie.
    static func startSession(user: String, address: String, services: WebServer.Services, host: String?, now: Date) throws -> (WebSession, String) {
        let id = WebSecrets.randomToken()
        let lifetime = services.settings.sessionLifetime
        let session = WebSession(
            idHash: WebSecrets.storedHash(id), user: user, address: address.lowercased(), csrfToken: WebSecrets.randomToken(), createdAt: now,
            expiresAt: now.addingTimeInterval(lifetime)
        )
        try services.store.createSession(session)
        return (session, Access.sessionCookie(name: SignInMiddleware.sessionCookie, value: id, maxAge: Int(lifetime), host: host))
    }

    /// A bcrypt hash of nothing anyone types, checked against when the name is unknown.
    static let decoyHash = WebSecrets.hashPassword("decoy: no account has this password " + WebSecrets.randomToken().prefix(8))
}
