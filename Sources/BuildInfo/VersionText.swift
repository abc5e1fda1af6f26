// `BuildInfo` itself (version and commit) is generated before each build by the
// BuildInfo plugin (Plugins/BuildInfoPlugin, running deploy/build-info.sh).

extension BuildInfo {
    /// What `ticketd --version` prints: the version, then the commit it was built from.
    public static var versionText: String { "ticketd \(version)\ncommit \(commit)" }
}
