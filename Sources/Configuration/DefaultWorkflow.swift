import TOMLKit

/// The rule set and catalogue that apply when a config has no `[[rules]]` or
/// `[changes] standard`: a service desk can use them as they are. `deploy/ticketd.example.toml`
/// carries the same text (a test keeps the two equal).
enum DefaultWorkflow {
    static let toml = #"""
    [changes]
    # Standard changes: recurrent, documented, low-risk; accepted on arrival.
    standard = [
        '\b(renew(al)?|replace(ment)?)\b.{0,200}\bhost certificates?\b',
        '\badd\b.{0,200}\b(users?|members?)\b.{0,200}\bVO\b',
        '\b(increase|extend|raise)\b.{0,200}\bquota\b',
        '\brestart\b.{0,200}\b(service|daemon)\b',
    ]

    # Classification rules, first match wins. Conditions: mailbox, to, from (address or
    # @domain), subject and body (case-insensitive regular expressions), headers.
    # Results: kind, change_class, priority, unit.
    [[rules]]
    name = "security-report"
    subject = '\b(security (incident|issue|problem|breach|report)|vulnerabilit(y|ies)|CVE-\d{4}-\d+|compromised|intrusion|malware|phishing|leaked (credentials|passwords?)|unauthori[sz]ed access|suspicious logins?)\b'
    kind = "security"
    priority = "high"

    [[rules]]
    name = "emergency-change"
    subject = '\b(emergency change|urgent (change|patch)|security (patch|update|fix))\b'
    kind = "change"
    change_class = "emergency"
    priority = "immediate"

    [[rules]]
    name = "change-request"
    subject = '\b(change request|request for change|RFC|please (upgrade|update|install|deploy|enable|configure)|upgrade|new release|deploy(ment)? of)\b'
    kind = "change"

    [[rules]]
    name = "downtime-announcement"
    subject = '\b(downtime|maintenance|intervention)\b'
    kind = "maintenance"
    priority = "normal"

    [[rules]]
    name = "monitoring-alert"
    mailbox = "notifications"
    subject = '\b(PROBLEM|CRITICAL|DOWN|UNREACHABLE)\b'
    kind = "incident"
    priority = "normal"

    [[rules]]
    name = "urgent-incident"
    subject = '^\W*(re:\s*)?(urgent|critical|emergency)\b'
    kind = "incident"
    priority = "high"

    [[rules]]
    name = "incident"
    subject = "\\b(down|outage|not working|doesn'?t work|does not work|broken|fail(s|ed|ing|ure)?|errors?|unreachable|unavailable|cannot (access|connect|log ?in|submit)|can'?t (access|connect|log ?in|submit)|time[ds]? ?out|crash(ed|es)?|refus(es|ed|ing))\\b"
    kind = "incident"

    [[rules]]
    name = "incident-in-text"
    body = "\\b(is down|are down|went down|outage|not working|stopped working|unreachable)\\b"
    kind = "incident"
    """#
}
