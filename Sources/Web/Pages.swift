public import HTTPTypes
import Logging
public import Storage
public import Foundation
public import Hummingbird
public import Mustache
import Access

/// The pages' Mustache templates (`[web] assets`/templates), HTML-escaped: a ticket's
/// text is shown as text, never as markup.
public struct Pages: Sendable {
    let library: MustacheLibrary
    /// The style sheet, served at /static/ticketd.css.
    let styleSheet: ByteBuffer

    public struct MissingAsset: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "the web assets are missing: \(path) (see [web] assets)" }
    }

    public init(assets: String) async throws {
        let templates = assets + "/templates"
        guard FileManager.default.fileExists(atPath: templates + "/queue.mustache") else { throw MissingAsset(path: templates + "/queue.mustache") }
        library = try await MustacheLibrary(directory: templates)
        guard let css = FileManager.default.contents(atPath: assets + "/static/ticketd.css") else { throw MissingAsset(path: assets + "/static/ticketd.css") }
        styleSheet = ByteBuffer(bytes: css)
    }

    /// A page: `values` plus what every page shows (the service, who is signed in, the
    /// form token for the sign-out form).
    func render(_ name: String, title: String, values: [String: Any], context: WebContext, settings: WebServer.Settings, status: HTTPResponse.Status = .ok) -> Response {
        var all = values
        all["title"] = title
        all["service"] = settings.serviceName
        if let viewer = context.viewer {
            all["viewer"] = ["name": viewer.name, "address": viewer.address, "units": viewer.units.joined(separator: ", ")]
        }
        if let session = context.session { all["csrf"] = session.csrfToken }
        let html = library.render(all, withTemplate: name) ?? "<!doctype html><title>ticketd</title><p>The page \(name) could not be made."
        return WebServer.html(html, status: status, context: context)
    }
}
