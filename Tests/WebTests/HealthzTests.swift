import Foundation
import Hummingbird
import HummingbirdTesting
import Monitoring
import Testing
@testable import Web

@Suite struct HealthzTests {
    static func report(_ status: HealthStatus) -> HealthReport {
        HealthReport(status: status, checks: [HealthCheck(name: "database", status: status, text: "database: x")], perfdata: [])
    }

    @Test(arguments: [(HealthStatus.ok, HTTPResponse.Status.ok), (.warning, .ok), (.critical, .serviceUnavailable)])
    func healthzGivesTheProbesVerdictAsJSONWithoutSigningIn(_ status: HealthStatus, _ code: HTTPResponse.Status) async throws {
        let app = Application(router: WebServer.router(WebServer.Services(health: { Self.report(status) })))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == code)
                #expect(response.headers[.contentType] == "application/json")
                let report = try JSONDecoder().decode(HealthReport.self, from: Data(String(buffer: response.body).utf8))
                #expect(report.status == status)
            }
        }
    }
}
