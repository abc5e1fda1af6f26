#!/usr/bin/env bash
# The demo: installs what is missing, builds ticketd, starts a local Dovecot and SMTP
# sink in a temporary folder, delivers the sample mail, runs the worker once, prints
# the tickets and the replies the SMTP server received, and stops the servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source deploy/lib.sh

ensure_root
ensure_swift
ensure_packages

echo "==> building"
swift build --product ticketd 2>&1 | tail -1
ticketd="$(swift build --show-bin-path)/ticketd"

work=$(mktemp -d /tmp/ticketd-demo.XXXXXX)
trap 'deploy/mailservers.sh stop "$work/servers" >/dev/null 2>&1 || true' EXIT

echo "==> starting Dovecot and the SMTP sink in $work"
deploy/mailservers.sh start "$work/servers" >/dev/null
# shellcheck disable=SC1091
source "$work/servers/servers.env"
deploy/mailservers.sh deliver "$work/servers" support deploy/sample-mail/support
deploy/mailservers.sh deliver "$work/servers" notifications deploy/sample-mail/notifications

# The release of the demo: planned three weeks ahead, presented at a board meeting a
# week ahead (an extra meeting day beside the monthly rule).
planned_day=$(date -u -d '+21 days' +%Y-%m-%d)
board_day=$(date -u -d '+7 days' +%Y-%m-%d)

cat > "$work/ticketd.toml" <<TOML
[service]
name = "EGI Demo Service Desk"
address = "support@ticketd.example"
database = "$work/ticketd.sqlite"
templates = "$PWD/templates"

[imap]
host = "$IMAP_HOST"
port = $IMAP_PORT
security = "none"
password_env = "TICKETD_IMAP_PASSWORD"

[mailboxes.support]
user = "support"

[mailboxes.notifications]
user = "notifications"

[[units]]
name = "Operations"
members = ["ops@egi.example"]
mailboxes = ["support", "notifications"]

[[units]]
name = "Security"
members = ["csirt@egi.example"]
qos = "advanced"
mailboxes = ["security"]

[changes]
approvers = ["omb@egi.example"]

[releases]
notice_days = 7
board_meetings = ["first Tuesday of the month", "$board_day"]
announce_to = ["service-providers@lists.egi.example"]
operations_address = "operations@egi.example"

[sla]
time_zone = "Europe/Amsterdam"
managers = ["service-manager@egi.example"]

[smtp]
host = "$SMTP_HOST"
port = $SMTP_PORT
security = "none"

[logging]
level = "warning"
TOML

echo "==> ticketd run --once"
start=$(date +%s.%N)
TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --config "$work/ticketd.toml"
end=$(date +%s.%N)
count=$(find deploy/sample-mail/support deploy/sample-mail/notifications -name '*.eml' | wc -l)
awk -v s="$start" -v e="$end" -v n="$count" 'BEGIN { printf "    %d messages in %.2f s (%.0f messages/s, including start-up)\n", n, e - s, n / (e - s) }'

# The team works change #5 by replying to the mail ticketd sent them: the reply brings
# back their reply token, without which their commands would count for nothing.
for reply in deploy/sample-mail/team-replies/*.eml; do
    name=$(basename "$reply")
    echo "==> the team replies: $name (to the Reply-To of ticketd's mail, which carries the token)"
    /usr/bin/python3 deploy/reply-from-team.py "$SMTP_DIR" "$reply" >"$work/$name"
    deploy/mailservers.sh deliver "$work/servers" support "$work/$name"
    TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --config "$work/ticketd.toml"
done

# One release from plan to review (README, "Releases"): the team opens it by mail (their
# mail here proves nothing by DMARC, so it becomes a ticket that `Kind: release` makes a
# release), puts
# the approved dCache change #5 in it, announces it (to the providers' list, and a
# one-slide summary to operations), tests and deploys it; the list answers the review.
team_mail() {  # FROM SUBJECT BODY > file: a mail as a team member's client writes it
    printf 'Message-ID: <%s@demo.example>\r\nDate: %s\r\nFrom: %s\r\nTo: support@ticketd.example\r\nSubject: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n' \
        "$(cat /proc/sys/kernel/random/uuid)" "$(date -R)" "$1" "$2" "$(printf '%s' "$3" | sed 's/$/\r/')"
}
release_step() {  # NAME FROM BODY: a reply about the release, through ticketd
    team_mail "$2" "Re: [ticketd #$release] Release 10.2.1 of dCache" "$3" >"$work/$1.template"
    echo "==> $1"
    /usr/bin/python3 deploy/reply-from-team.py "$SMTP_DIR" "$work/$1.template" >"$work/$1.eml"
    deploy/mailservers.sh deliver "$work/servers" support "$work/$1.eml"
    TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --config "$work/ticketd.toml"
}
echo "==> the team opens a release: Release 10.2.1 of dCache planned for $planned_day"
team_mail "Operations Team <ops@egi.example>" "Release 10.2.1 of dCache planned for $planned_day" "The dCache upgrade of se01." \
    >"$work/release.eml"
deploy/mailservers.sh deliver "$work/servers" support "$work/release.eml"
TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --config "$work/ticketd.toml"
release=$("$ticketd" tickets list --json --config "$work/ticketd.toml" | /usr/bin/python3 -c '
import json, sys
print(next(t["number"] for t in json.load(sys.stdin) if t["subject"].startswith("Release 10.2.1 of dCache")))')
release_step "release-kind (Kind: release)" "Operations Team <ops@egi.example>" "Kind: release"
release_step "release-plan (Include: #5, notes, steps, test plan; Status: announced)" "Operations Team <ops@egi.example>" \
"Include: #5
Notes: dCache 10.2.1 on se01, with the new pool manager schema.
Install: stop the pool manager, apt install dcache=10.2.1, dcache database update, start it.
Known issue: the admin shell shows the old version until its first restart.
Docs: https://www.dcache.org/manuals/
Test plan: transfer 100 files in and out over WebDAV and xrootd; compare checksums.
Status: announced"
release_step "release-test (Status: in test)" "Operations Team <ops@egi.example>" "Status: in test"
release_step "release-deploy (Status: deployed: change #5 resolved, the review asked of the list)" "Operations Team <ops@egi.example>" "Status: deployed"
release_step "release-review-answer (the providers' list answers the review)" "Service providers <service-providers@lists.egi.example>" \
"Yes, the notes were sufficient, and se01 works as expected since the upgrade."
release_step "release-outcome (Outcome: success)" "Operations Team <ops@egi.example>" "Outcome: success"

echo
echo "==> ticketd tickets list"
"$ticketd" tickets list --config "$work/ticketd.toml"

echo
echo "==> ticketd tickets list --unit Security   (security tickets show only when asked for)"
"$ticketd" tickets list --unit Security --config "$work/ticketd.toml"

echo
echo "==> ticketd tickets show 5   (a normal change: assessed, approved)"
"$ticketd" tickets show 5 --config "$work/ticketd.toml" | sed -n '1,/^--- /p' | sed '$d'

echo
echo "==> ticketd tickets show 10   (a problem opened by three recurring incidents)"
"$ticketd" tickets show 10 --config "$work/ticketd.toml" | sed -n '1,/^--- /p' | sed '$d'

echo
later=$(date -u -d '+3 days' +%Y-%m-%dT%H:%M:%SZ)
echo "==> ticketd run --once --now $later   (three days later: SLA warnings and breaches go out)"
TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --now "$later" --config "$work/ticketd.toml"
"$ticketd" tickets list --config "$work/ticketd.toml" | head -6

echo
later_review=$(date -u -d '+8 days' +%Y-%m-%dT%H:%M:%SZ)
echo "==> ticketd run --once --now $later_review   (a week later: the release's review closes, answered)"
TICKETD_IMAP_PASSWORD="$MAIL_PASSWORD" "$ticketd" run --once --now "$later_review" --config "$work/ticketd.toml"
echo "==> ticketd report releases"
"$ticketd" report releases --config "$work/ticketd.toml"

echo
echo "==> ticketd report sla   (run three days later)"
"$ticketd" report sla --now "$later" --config "$work/ticketd.toml" | head -30

echo
echo "==> replies received by the SMTP server (decoded by ticketd inspect)"
shopt -s nullglob
replies=("$SMTP_DIR"/*.eml)
if [ ${#replies[@]} -eq 0 ]; then
    echo "  (none)"
else
    "$ticketd" inspect --json "${replies[@]}" | /usr/bin/python3 -c '
import json, os, sys
for line in sys.stdin:
    mail = json.loads(line)
    to = ", ".join(a["address"] for a in mail["to"])
    replied = mail["in_reply_to"][0] if mail["in_reply_to"] else "-"
    print("  %s  to %s\n      %s\n      in reply to <%s>" % (os.path.basename(mail["file"]), to, mail["subject"], replied))
'
fi
echo
echo "==> done; the servers are stopped, the files stay in $work"
