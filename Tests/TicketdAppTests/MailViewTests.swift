@testable import Apply
import Configuration
import Foundation
import Testing
import TicketCore

@Suite struct MailViewTests {
    /// Templates see exactly the fields of the view: the hand-written list may not miss one.
    @Test func templateValuesListEveryField() {
        let ticket = Ticket(
            number: 7, subject: "Disk full", requester: EmailAddress(address: "ann@example.org"), status: .new, mailbox: "support",
            createdAt: Date(timeIntervalSince1970: 1_795_424_400), updatedAt: Date(timeIntervalSince1970: 1_795_424_400),
            kind: .incident, changeClass: nil, priority: .normal, unit: "Operations", rule: nil
        )
        var view = MailView(ticket: ticket, service: TicketdConfig.Service(), tag: "[#7]")
        view.reasons = ["a"]
        let labels = Set(Mirror(reflecting: view).children.compactMap(\.label))
        #expect(Set(view.templateValues.keys) == labels)
        for child in Mirror(reflecting: view).children {
            guard let label = child.label else { continue }
            #expect(String(describing: view.templateValues[label]!) == String(describing: child.value), "\(label)")
        }
    }
}
