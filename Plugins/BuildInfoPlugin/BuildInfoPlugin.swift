import Foundation
import PackagePlugin

/// The version and commit of the tree being built, for `ticketd --version`: written by
/// deploy/build-info.sh from git before each build (a prebuild command: git is a system
/// tool, and the tree's state has no file SwiftPM could watch).
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
        return [
            .prebuildCommand(
                displayName: "Version and commit from git",
                executable: URL(filePath: "/bin/sh"),
                arguments: [package.appending(path: "deploy/build-info.sh").path, package.path, output.path],
                outputFilesDirectory: output
            ),
        ]
    }
}
